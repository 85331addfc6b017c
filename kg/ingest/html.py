"""Web pages: the article text of a saved page without its menus, headers, footers and
share widgets, and the page's title, date, author, URL and site name.

The main text and the metadata come from trafilatura (chosen because it is the
best-kept extractor made for news pages: boilerplate removal with readability and
jusText fallbacks, and dates from the page's markup through htmldate). Around it, a few
rules that hold for the publishers of the corpus and for news pages in general:

* the page's headline (``<h1>`` equal to its title) and a dateline ("15 March 2022 -
  21:50") at the top are metadata, not article text;
* an h-entry/hAtom summary (``p-summary``/``entry-summary``, the lead paragraph of an
  en.kremlin.ru item) kept outside the main content is the article's first paragraph;
* the byline is read as written ("Office of the Spokesperson"), from the page's author
  metadata or its byline element: trafilatura's own author field shortens such names;
* dates are read from the page's markup only (meta tags, ``<time>``, the URL, a date
  element): a copyright year in a footer is no publication date;
* a site name at the end of the title ("… - United States Department of State") is cut.

Paragraphs are separated by a blank line; a heading is a paragraph of its own.

Examples
--------
>>> page = read_page("<html><head><title>Talks | Agency</title></head><body>"
...                  "<nav>Home | News | Russia condemned NATO</nav><h1>Talks</h1>"
...                  "<p>President Biden spoke with President Zelensky.</p></body></html>")
>>> page.text
'President Biden spoke with President Zelensky.'
"""

from __future__ import annotations

import functools
import json
import logging
import re
from dataclasses import dataclass
from typing import Any

__all__ = ["Page", "decode_html", "html_to_text", "read_page"]

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())


@dataclass(frozen=True)
class Page:
    """What a page says: its article text and metadata (``None`` where it gives none)."""

    text: str
    title: str | None = None
    date: str | None = None
    author: str | None = None
    url: str | None = None
    site: str | None = None


def read_page(markup: str, *, fragment: bool = False) -> Page:
    """The article text and metadata of an HTML page.

    markup (str): the page (or, with ``fragment``, a piece of HTML such as a feed item's
        content, which is all article: nothing is dropped as boilerplate and no
        metadata is read).
    RETURNS (Page): text (empty when the page has none) and metadata.

    >>> read_page("<p>Macron met <b>Scholz</b>.</p><p>They talked.</p>", fragment=True).text
    'Macron met Scholz.\\n\\nThey talked.'
    """
    tree = _parse(markup)
    if tree is None:
        return Page("")
    byline = None if fragment else _byline(tree)
    lead = None if fragment else _entry_summary(tree)
    written_title = None if fragment else _title(tree)
    extracted = _extract(tree, fragment=fragment)
    if extracted is None or extracted.body is None:
        return Page(_fallback_text(markup) if fragment else "")
    site = _clean(extracted.sitename) if not fragment else None
    title = _strip_site(written_title or _clean(extracted.title), site) if not fragment else None
    blocks = _drop_headline_and_dateline(_blocks(extracted.body), title)
    if lead and not any(_key(lead) in _key(b) for b in blocks[:3]):
        blocks.insert(0, lead)
    return Page(
        text="\n\n".join(blocks),
        title=title,
        date=_iso(extracted.date) if not fragment else None,
        author=byline,
        url=_clean(extracted.url) if not fragment else None,
        site=site,
    )


def html_to_text(markup: str) -> tuple[str, str | None]:
    """The article text and title of an HTML page (see :func:`read_page`).

    >>> html_to_text("<title>T &amp; U</title><p>A&nbsp;b</p><script>alert(1)</script><p>C</p>")
    ('A b\\n\\nC', 'T & U')
    """
    page = read_page(markup)
    return page.text, page.title


_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)


def decode_html(data: bytes) -> str | None:
    """``data`` decoded with the charset its ``<meta>`` declares, when it declares one that
    is not UTF-8 and the bytes are not UTF-8; ``None`` otherwise (decode as UTF-8).

    >>> decode_html(b'<meta charset="windows-1252"><p>Caf\\xe9 \\x93today\\x94</p>')[-19:]
    '<p>Café “today”</p>'
    """
    import codecs

    try:
        data.decode("utf-8")
        return None
    except UnicodeDecodeError:
        pass
    m = _CHARSET.search(data[:4096])
    if not m:
        return None
    try:
        codec = codecs.lookup(m[1].decode("ascii"))
    except (LookupError, UnicodeDecodeError):
        return None
    if codec.name == "utf-8":
        return None
    name = "cp1252" if codec.name in ("latin-1", "iso8859-1") else codec.name  # as browsers do
    return data.decode(name, errors="replace")


# --------------------------------------------------------------------------- helpers


def _parse(markup: str) -> Any:
    import lxml.etree
    import lxml.html

    if not markup.strip():
        return None
    try:
        tree = lxml.html.document_fromstring(markup)
    except ValueError:  # a string with an XML encoding declaration
        try:
            tree = lxml.html.document_fromstring(markup.encode("utf-8", "surrogatepass"))
        except (ValueError, lxml.etree.ParserError):
            return None
    except lxml.etree.ParserError:  # nothing but comments or whitespace
        return None
    for hidden in tree.xpath("//template|//*[@hidden]"):  # what a browser does not show
        if hidden.getparent() is not None:
            hidden.drop_tree()
    return tree


@functools.cache
def _fragment_config() -> Any:
    """trafilatura's settings with no minimum size: a fragment is all article, and a short
    one is not to be replaced by a fallback extraction."""
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "1")
    return config


def _extract(tree: Any, *, fragment: bool) -> Any:
    import trafilatura

    extra = {"config": _fragment_config()} if fragment else {}
    try:
        return trafilatura.bare_extraction(
            tree,
            **extra,
            with_metadata=not fragment,
            favor_precision=not fragment,
            favor_recall=fragment,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            deduplicate=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as e:  # pragma: no cover - a trafilatura bug on odd markup
        log.warning("trafilatura failed on a page (%s); no text taken from it", e)
        return None


_BLOCK = ("p", "head", "quote", "list", "table", "code")


def _blocks(body: Any) -> list[str]:
    """Paragraph texts of trafilatura's XML body: lists as ``- item`` lines, tables as
    ``cell | cell`` rows."""
    if len(body) == 0:  # a bare text span
        text = _inline(body)
        return [text] if text else []
    out = []
    for el in body:
        if el.tag == "list":
            text = "\n".join(f"- {_inline(item)}" for item in el.iter("item") if _inline(item))
        elif el.tag == "table":
            rows = [" | ".join(_inline(c) for c in row.iter("cell")) for row in el.iter("row")]
            text = "\n".join(r for r in rows if r.strip(" |"))
        else:
            text = _inline(el)
        if text:
            out.append(text)
    return out


def _inline(el: Any) -> str:
    """The text of an element, whitespace collapsed; ``<lb/>`` becomes a line break."""
    parts: list[str] = []
    for node in el.iter():
        if node.tag == "lb":
            parts.append("\n")
        if node.text:
            parts.append(node.text)
        if node is not el and node.tail:
            parts.append(node.tail)
    lines = [re.sub(r"\s+", " ", ln).strip() for ln in "".join(parts).split("\n")]
    return "\n".join(ln for ln in lines if ln)


_MONTHS = (r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
           r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?")
_WEEKDAYS = (r"mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:rs(?:day)?)?|fri(?:day)?"
             r"|sat(?:urday)?|sun(?:day)?")
_DATELINE = re.compile(
    rf"^(?:(?:{_MONTHS}|{_WEEKDAYS}|published|updated|posted|on|at|[ap]\.?m\.?|utc|gmt|\d{{1,4}}"
    r"|[-–—,./:|•·])\.?\s*)+$",
    re.I,
)


def _is_dateline(s: str) -> bool:
    """A paragraph that is only a date and time ("15 March 2022 - 21:50").

    >>> _is_dateline("15 March 2022 - 21:50"), _is_dateline("February 12, 2022")
    (True, True)
    >>> _is_dateline("On 12 February, Biden spoke with Zelensky.")
    False
    """
    return len(s) <= 60 and any(c.isdigit() for c in s) and bool(_DATELINE.match(s))


def _key(s: str) -> str:
    return re.sub(r"\W+", " ", s).casefold().strip()


def _drop_headline_and_dateline(blocks: list[str], title: str | None) -> list[str]:
    """The blocks without the headline repeated from the title and a dateline at the top."""
    out = list(blocks)
    for _ in range(3):
        if not out:
            break
        first = out[0]
        if _is_dateline(first) or (title and _key(first) and _key(title).startswith(_key(first))):
            out.pop(0)
            continue
        break
    return out


def _clean(s: Any) -> str | None:
    if not isinstance(s, str):
        return None
    s = re.sub(r"\s+", " ", s.replace("\xa0", " ")).strip()
    return s or None


_SEPARATORS = (" - ", " | ", " • ", " — ", " – ", " :: ", " · ")


def _strip_site(title: str | None, site: str | None) -> str | None:
    """The title without a trailing (or leading) site name.

    >>> _strip_site("Meeting - United States Department of State", "United States Department of State")
    'Meeting'
    """
    if not title or not site:
        return title
    for sep in _SEPARATORS:
        if title.endswith(sep + site):
            return title[: -len(sep + site)].strip() or title
        if title.startswith(site + sep):
            return title[len(site + sep) :].strip() or title
    return title


_TITLE_XPATHS = (
    '//meta[@property="og:title"]/@content',
    '//meta[@name="twitter:title"]/@content',
    "//head/title//text()",
    "//title//text()",
)


def _title(tree: Any) -> str | None:
    """The title as the page writes it (``og:title``, else ``<title>``); when it is the
    ``<h1>`` followed by a separator and more ("Talks | Agency"), the ``<h1>``.
    trafilatura's own title is used only when the page has neither: it keeps the part of a
    title before a dash ("Readout – Call" gives "Readout")."""
    title = None
    for xp in _TITLE_XPATHS:
        hits = tree.xpath(xp)
        if hits and (title := _clean("".join(hits) if xp.endswith("text()") else str(hits[0]))):
            break
    if not title:
        return None
    h1 = _clean(" ".join(tree.xpath("(//h1)[1]//text()")))
    if h1 and title != h1 and any(title.startswith(h1 + sep) for sep in _SEPARATORS):
        return h1
    return title


def _iso(date: Any) -> str | None:
    if isinstance(date, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        return date
    return None


_META_AUTHOR = (
    '//meta[@name="author"]/@content',
    '//meta[@property="article:author"]/@content',
    '//meta[@name="byl"]/@content',
)
_BYLINE = (
    '//*[@rel="author"]',
    '//*[@itemprop="author"]',
    '//body//*[contains(@class, "byline") or contains(@class, "author")]',
)


def _byline(tree: Any) -> str | None:
    """The author as the page writes it: author meta tags, JSON-LD, a byline element."""
    for xp in _META_AUTHOR:
        for hit in tree.xpath(xp):
            if name := _name(str(hit)):
                return name
    if name := _jsonld_author(tree):
        return name
    for xp in _BYLINE:
        for hit in tree.xpath(xp):
            if name := _name(hit.text_content()):
                return name
    return None


def _name(s: str) -> str | None:
    s = re.sub(r"\s+", " ", s).strip()
    s = re.sub(r"^by\s+", "", s, flags=re.I)
    if not s or len(s) > 100 or s.startswith(("http://", "https://", "@")):
        return None
    return s


def _jsonld_author(tree: Any) -> str | None:
    for script in tree.xpath('//script[@type="application/ld+json"]/text()'):
        try:
            data = json.loads(script)
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                author = item.get("author")
                for a in author if isinstance(author, list) else [author]:
                    name = a.get("name") if isinstance(a, dict) else a
                    if isinstance(name, str) and _name(name):
                        return _name(name)
                stack.extend(v for k, v in item.items() if k == "@graph")
    return None


_SUMMARY = (
    '//*[not(self::meta)][contains(concat(" ", normalize-space(@class), " "), " p-summary ")'
    ' or contains(concat(" ", normalize-space(@class), " "), " entry-summary ")]'
)


def _entry_summary(tree: Any) -> str | None:
    """The lead paragraph of an h-entry (hAtom) page, when it has exactly one."""
    hits = tree.xpath(_SUMMARY)
    if len(hits) != 1:
        return None
    text = re.sub(r"\s+", " ", hits[0].text_content()).strip()
    return text or None


def _fallback_text(markup: str) -> str:
    """The text of an HTML fragment trafilatura found nothing in: block elements as lines."""
    tree = _parse(markup)
    if tree is None:
        return ""
    for bad in tree.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    for block in tree.xpath("//p|//div|//li|//br|//h1|//h2|//h3|//h4|//h5|//h6|//tr"):
        block.tail = "\n" + (block.tail or "")
    lines = [re.sub(r"\s+", " ", ln).strip() for ln in tree.text_content().split("\n")]
    return "\n".join(ln for ln in lines if ln)
