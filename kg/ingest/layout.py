"""Text laid out on pages (PDF, Word): running headers and footers, line-end hyphenation,
paragraphs broken by a page end. Pure functions over lists of lines.

A page is a list of blocks (paragraphs, in reading order), a block a list of lines.

Examples
--------
>>> pages = [[["Annual Report"], ["The nego-", "tiation went on."], ["Page 1"]],
...          [["Annual Report"], ["Russia-", "Ukraine talks", "resumed."], ["Page 2"]]]
>>> print(pages_to_text(pages))
The negotiation went on.
<BLANKLINE>
Russia-Ukraine talks resumed.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable

__all__ = ["hyphenated_words", "join_lines", "pages_to_text", "running_lines"]

Block = list[str]
Page = list[Block]

#: how many blocks at the top and at the bottom of a page can be a running header/footer
EDGE_BLOCKS = 2
#: share of the pages a header/footer line must repeat on (and at least two pages)
RUNNING_SHARE = 0.4

_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi",
                            "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"})  # fmt: skip
_PAGE_NUMBER = re.compile(r"^(?:page\s*)?#(?:\s*(?:of|/)\s*#)?$|^[-–—]\s*#\s*[-–—]$", re.I)
_END_HYPHEN = re.compile(r"(\w+)[-\u00ad]$")
_WORD = re.compile(r"\w+")
_TERMINAL = tuple(".!?:;\"”’)]")


def _key(line: str, page: int | None = None) -> str:
    """A line as compared across pages: spacing and case ignored, and the page's own number
    (standing alone) as ``#``; with no page given, every number as ``#``."""
    line = re.sub(r"\s+", " ", line).strip().casefold()
    if page is None:
        return re.sub(r"\d+", "#", line)
    return re.sub(rf"(?<!\d){page}(?!\d)", "#", line)


def running_lines(pages: list[Page]) -> set[str]:
    """Keys (see ``_key``) of the lines repeated at the top or bottom of many pages (the
    same words, or the same words around the page's number), and of page numbers there.

    >>> pages = [[["Report"], ["Body one."], ["1"]], [["Report"], ["Two."], ["2"]]]
    >>> sorted(running_lines(pages))
    ['#', 'report']
    """
    counts: Counter[str] = Counter()
    numbers: set[str] = set()
    for n, page in enumerate(pages, 1):
        keys = {_key(line, n) for block in _edges(page) for line in block}
        counts.update(keys)
        numbers.update(k for k in keys if _PAGE_NUMBER.match(_key(k)))
    need = max(2, math.ceil(RUNNING_SHARE * len(pages)))
    return {k for k, c in counts.items() if c >= need and len(pages) >= 2} | numbers


def _edges(page: Page) -> list[Block]:
    """The blocks of a page that can be a running header or footer: among the first or the
    last :data:`EDGE_BLOCKS`, of at most two short lines."""
    ends = page if len(page) <= 2 * EDGE_BLOCKS else page[:EDGE_BLOCKS] + page[-EDGE_BLOCKS:]
    return [b for b in ends if len(b) <= 2 and all(len(line) <= 120 for line in b)]


def hyphenated_words(lines: Iterable[str]) -> set[str]:
    """Hyphenated words written whole inside a line: evidence that a hyphen at a line end
    in the same document belongs to the word ("cease-fire", "well-known").

    >>> sorted(hyphenated_words(["a well-known fact", "cease-"]))
    ['well-known']
    """
    found: set[str] = set()
    for line in lines:
        found.update(m.casefold() for m in re.findall(r"\b\w+-\w+\b", line))
    return found


def join_lines(lines: list[str], hyphenated: set[str] | frozenset[str] = frozenset()) -> str:
    """The lines of one paragraph as one line, hyphenation at line ends mended.

    A hyphen at a line end before a lowercase word is dropped ("nego-" + "tiation"),
    unless the document writes that word with its hyphen elsewhere; before a capital or
    after a digit it stays ("Russia-" + "Ukraine", "COVID-" + "19"). A soft hyphen always
    goes.

    >>> join_lines(["The nego-", "tiation of a cease-", "fire"], {"cease-fire"})
    'The negotiation of a cease-fire'
    >>> join_lines(["Russia-", "Ukraine talks and COVID-", "19 aid"])
    'Russia-Ukraine talks and COVID-19 aid'
    """
    out = ""
    for raw in lines:
        line = re.sub(r"\s+", " ", raw.translate(_LIGATURES)).strip()
        if not line:
            continue
        m = _END_HYPHEN.search(out)
        if out and m and line[:1].isalnum():
            soft = out.endswith("\u00ad")
            left, right = m[1], _WORD.match(line)
            word = f"{left}-{right[0] if right else ''}".casefold()
            keep = not soft and (line[0].isupper() or line[0].isdigit() or left[-1].isdigit()
                                 or word in hyphenated)  # fmt: skip
            out = out[:-1] + ("-" if keep else "") + line
        else:
            out = f"{out} {line}" if out else line
    return out.replace("\u00ad", "")


def pages_to_text(pages: list[Page]) -> str:
    """The text of laid-out pages: running headers, footers and page numbers dropped,
    paragraphs separated by a blank line, a paragraph cut by a page end joined again."""
    running = running_lines(pages)
    hyphenated = hyphenated_words(line for page in pages for block in page for line in block)
    paragraphs: list[str] = []
    for n, page in enumerate(pages, 1):
        edges = {id(b) for b in _edges(page)}
        first = True
        for block in page:
            lines = [ln for ln in block if not (id(block) in edges and _key(ln, n) in running)]
            text = join_lines(lines, hyphenated)
            if not text:
                continue
            if first and paragraphs and _continues(paragraphs[-1], text):
                paragraphs[-1] = join_lines([paragraphs[-1], text], hyphenated)
            else:
                paragraphs.append(text)
            first = False
    return "\n\n".join(paragraphs)


def _continues(before: str, after: str) -> bool:
    """Whether a page's first paragraph goes on from the last one of the page before."""
    return not before.endswith(_TERMINAL) and after[:1].islower()
