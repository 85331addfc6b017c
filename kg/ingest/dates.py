"""Dates of articles: ISO dates given by a user or a record, and the dates that files
carry in their own metadata (PDF ``D:`` strings, feed timestamps, datetime values).

Examples
--------
>>> parse_date("2023-03-15T10:00:00Z")
'2023-03-15'
>>> pdf_date("D:20220224103000+03'00'")
'2022-02-24'
>>> feed_date("Thu, 24 Feb 2022 23:30:00 -0500")
'2022-02-24'
"""

from __future__ import annotations

import datetime as dt
import re

from kg.errors import InputError

__all__ = ["date_of", "feed_date", "parse_date", "pdf_date"]


def parse_date(value: object, *, path: str | None = None, line: int | None = None) -> str | None:
    """An ISO ``YYYY-MM-DD`` date from a string (a longer ISO timestamp is cut to its date).

    >>> parse_date("2023-03-15T10:00:00Z")
    '2023-03-15'
    >>> parse_date(None) is None
    True
    >>> parse_date("next Tuesday")
    Traceback (most recent call last):
    ...
    kg.errors.InputError: E105: date 'next Tuesday' is not YYYY-MM-DD
    """
    if value is None or value == "":
        return None
    s = str(value).strip()
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])", s)
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            pass
    raise InputError("E105", f"date {s!r} is not YYYY-MM-DD", path=path, line=line)


def date_of(value: object) -> str | None:
    """The ISO date of a ``date``/``datetime`` (or pandas/pyarrow timestamp) value, as
    written: a timestamp keeps the day of its own time zone.

    >>> date_of(dt.datetime(2022, 2, 24, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5))))
    '2022-02-24'
    >>> date_of("2022-02-24") is None
    True
    """
    if isinstance(value, dt.datetime | dt.date):
        day = value.date() if isinstance(value, dt.datetime) else value
        return day.isoformat()
    to_py = getattr(value, "to_pydatetime", None)  # pandas.Timestamp
    return date_of(to_py()) if callable(to_py) else None


_PDF_DATE = re.compile(r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?")


def pdf_date(value: object) -> str | None:
    """The date of a PDF date string (``D:YYYYMMDDHHmmSS+HH'mm'``), in its own time zone;
    ``None`` when it does not parse.

    >>> pdf_date("D:20220301"), pdf_date("D:2022"), pdf_date("yesterday")
    ('2022-03-01', None, None)
    """
    if isinstance(value, bytes):
        value = value.decode("latin-1", "replace")
    m = _PDF_DATE.match(str(value or "").strip())
    if not m or m[2] is None or m[3] is None:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
    except ValueError:
        return None


def feed_date(value: object) -> str | None:
    """The date of a feed timestamp as written: RFC 822 (RSS ``pubDate``) or ISO 8601
    (Atom ``published``), in the publisher's own time zone; ``None`` when it does not parse.

    >>> feed_date("2022-03-05T23:10:00-05:00"), feed_date("Sat, 05 Mar 2022 16:21:37 GMT")
    ('2022-03-05', '2022-03-05')
    >>> feed_date("soon") is None
    True
    """
    import email.utils

    s = str(value or "").strip()
    if not s:
        return None
    try:
        return dt.datetime.fromisoformat(s.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(s).date().isoformat()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
