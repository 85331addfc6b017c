"""Resolving date expressions against the article date.

Examples
--------
>>> resolve_date("on Wednesday", "2023-03-17")
('2023-03-15', 'day')
>>> resolve_date("in August", "2023-03-17")
('2023-08-01', 'month')
>>> resolve_date("last month", "2023-03-17")
('2023-02-01', 'month')
>>> resolve_date("March 3, 2021", None)
('2021-03-03', 'day')
>>> resolve_date("Wednesday", None)
(None, None)
"""

from __future__ import annotations

import datetime as dt
import re

__all__ = ["resolve_date"]

_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ["january", "february", "march", "april", "may", "june", "july", "august",
         "september", "october", "november", "december"]
    )
}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9


def _month_nearest(month: int, ref: dt.date) -> dt.date:
    cands = [dt.date(ref.year + k, month, 1) for k in (-1, 0, 1)]
    return min(cands, key=lambda d: abs((d - ref.replace(day=1)).days))


def resolve_date(text: str, ref: str | None) -> tuple[str | None, str | None]:
    """The ISO date and granularity ("day", "month", "year") of a date expression.

    text (str): the expression, e.g. "on Wednesday", "in August", "March 3, 2021".
    ref (str | None): the article date (YYYY-MM-DD) relative expressions resolve against.
    RETURNS (tuple): (date, granularity), or (None, None) when it cannot be resolved.
    """
    t = text.lower().replace(",", " ").replace(".", " ")
    words = t.split()
    ref_d = dt.date.fromisoformat(ref) if ref else None
    m = re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", t)
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat(), "day"
        except ValueError:
            return None, None
    year_m = re.search(r"\b(1[89]\d\d|20\d\d)\b", t)
    year = int(year_m[1]) if year_m else None
    month = next((_MONTHS[w] for w in words if (w in _MONTHS and w != "may") or (w == "may"
                  and len(words) > 1 and any(x.isdigit() for x in words))), None)
    day_m = re.search(r"\b([0-3]?\d)(?:st|nd|rd|th)?\b", t.replace(str(year or ""), ""))
    day = int(day_m[1]) if day_m and month else None
    if month and (year or ref_d):
        if day and 1 <= day <= 31:
            y = year or (ref_d.year if ref_d else None)
            try:
                d = dt.date(y, month, day)  # type: ignore[arg-type]
            except ValueError:
                return None, None
            if year is None and ref_d and d > ref_d + dt.timedelta(days=180):
                d = d.replace(year=d.year - 1)
            return d.isoformat(), "day"
        if year:
            return dt.date(year, month, 1).isoformat(), "month"
        return _month_nearest(month, ref_d).isoformat(), "month"  # type: ignore[arg-type]
    if year and not month and re.fullmatch(r"(?:in |during |since )?(1[89]\d\d|20\d\d)", t.strip()):
        return dt.date(year, 1, 1).isoformat(), "year"
    if ref_d is None:
        return None, None
    for i, wd in enumerate(_WEEKDAYS):
        if wd in words:
            back = (ref_d.weekday() - i) % 7
            if "next" in words:
                back = -((i - ref_d.weekday()) % 7 or 7)
            elif "last" in words and back == 0:
                back = 7
            return (ref_d - dt.timedelta(days=back)).isoformat(), "day"
    if "today" in words or "tonight" in words:
        return ref_d.isoformat(), "day"
    if "yesterday" in words:
        return (ref_d - dt.timedelta(days=1)).isoformat(), "day"
    if "tomorrow" in words:
        return (ref_d + dt.timedelta(days=1)).isoformat(), "day"
    if "month" in words:
        first = ref_d.replace(day=1)
        if "last" in words or "previous" in words:
            first = (first - dt.timedelta(days=1)).replace(day=1)
        elif "next" in words:
            first = (first + dt.timedelta(days=32)).replace(day=1)
        return first.isoformat(), "month"
    if "year" in words:
        y = ref_d.year - (1 if "last" in words else 0) + (1 if "next" in words else 0)
        return dt.date(y, 1, 1).isoformat(), "year"
    return None, None
