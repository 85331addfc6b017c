"""Long documents read in sections: a text longer than :data:`SECTION_CHARS` is cut at
headings, else at paragraph breaks, else at line breaks, else between sentences, into
sections that are exact slices of it.

Each section keeps the document's metadata and id with a ``#section-N`` suffix (N from
1), its ``part_of`` is the whole document's id and its ``offset`` where it starts in the
whole text, so relation offsets are into the whole text:
``whole.text[section.offset + i] == section.text[i]``.

spaCy refuses texts over ``nlp.max_length`` (1,000,000 characters by default) and its
time and memory grow faster than the length of one text (100k characters took 17 s,
400k took 227 s and 1.4 GB), so sections are kept well below the limit. No document of the
corpus (the longest is 176,670 characters) is cut. A text over :data:`MAX_CHARS` is
refused (E108, "too large").

Examples
--------
>>> from kg.records import Document
>>> text = "# One\\n\\nPutin met Assad.\\n\\n# Two\\n\\nBiden met Xi."
>>> parts = split_document(Document(id="d", text=text), max_chars=30)
>>> [(p.id, p.offset, p.text) for p in parts]
[('d#section-1', 0, '# One\\n\\nPutin met Assad.'), ('d#section-2', 25, '# Two\\n\\nBiden met Xi.')]
>>> all(text[p.offset : p.offset + len(p.text)] == p.text for p in parts)
True
"""

from __future__ import annotations

import dataclasses
import itertools
import re

from kg.errors import InputError
from kg.records import Document

__all__ = ["MAX_CHARS", "SECTION_CHARS", "cut_points", "split_document"]

#: the longest section parsed at once (spaCy's own limit is ``nlp.max_length``)
SECTION_CHARS = 200_000
#: the longest document read (in sections); longer ones are refused with E108
MAX_CHARS = 10_000_000

# where a section may end, best first: before a heading, at a paragraph break, at a line
# break, after a sentence, at a space
_HEADING = re.compile(
    r"\n[ \t]*\n(?=[ \t]*(?:#{1,6} |\* \* \*|[A-Z0-9][^\n.!?]{0,120}\n[ \t]*\n))"
)
_PARAGRAPH = re.compile(r"\n[ \t]*\n")
_LINE = re.compile(r"\n")
_SENTENCE = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"“‘(]?[A-Z0-9])")
_SPACE = re.compile(r"\s+")
_CUTS = (_HEADING, _PARAGRAPH, _LINE, _SENTENCE, _SPACE)


def cut_points(text: str, max_chars: int) -> list[int]:
    """Where ``text`` is cut so that no piece is longer than ``max_chars``.

    In each window of ``max_chars`` the last cut of the best kind found in its second half
    is taken (a heading, else a paragraph break, …); with none, the window is cut hard.

    >>> cut_points("aaa bbb ccc", 4)
    [4, 8]
    """
    cuts: list[int] = []
    start = 0
    while len(text) - start > max_chars:
        end = start + max_chars
        low = start + max_chars // 2
        cut = end
        for pattern in _CUTS:
            found = [m.end() for m in pattern.finditer(text, low, end + 1) if low < m.end() <= end]
            if found:
                cut = found[-1]
                break
        cuts.append(cut)
        start = cut
    return cuts


def split_document(document: Document, max_chars: int = SECTION_CHARS) -> list[Document]:
    """The document itself when it fits in ``max_chars``, else its sections.

    RAISES (InputError): E108 when the text is longer than :data:`MAX_CHARS`.
    """
    text = document.text
    if len(text) <= max_chars:
        return [document]
    if len(text) > MAX_CHARS:
        raise InputError(
            "E108",
            f"text of {len(text):,} characters is too large: over {MAX_CHARS:,}, the most read "
            f"(in sections of at most {max_chars:,}); split the file; skipped",
            path=document.origin or document.id,
        )
    bounds = [0, *cut_points(text, max_chars), len(text)]
    whole = document.part_of or document.id
    suffix = ".{}" if document.part_of else "#section-{}"
    sections = []
    for a, b in itertools.pairwise(bounds):
        piece = text[a:b]
        lead = len(piece) - len(piece.lstrip())
        piece = piece.strip()
        if not piece:
            continue
        sections.append(
            dataclasses.replace(
                document,
                id=document.id + suffix.format(len(sections) + 1),
                text=piece,
                part_of=whole,
                offset=document.offset + a + lead,
            )
        )
    return sections
