"""Date expressions resolved against the article date."""

from __future__ import annotations

import pytest

from kg.nlp.dates import resolve_date

REF = "2024-05-02"  # a Thursday


@pytest.mark.parametrize(("text", "expected"), [
    ("on Monday", ("2024-04-29", "day")),
    ("Thursday", ("2024-05-02", "day")),
    ("last Thursday", ("2024-04-25", "day")),
    ("next Monday", ("2024-05-06", "day")),
    ("yesterday", ("2024-05-01", "day")),
    ("today", ("2024-05-02", "day")),
    ("tomorrow", ("2024-05-03", "day")),
    ("in June", ("2024-06-01", "month")),
    ("in December", ("2023-12-01", "month")),
    ("last month", ("2024-04-01", "month")),
    ("next month", ("2024-06-01", "month")),
    ("last year", ("2023-01-01", "year")),
    ("in 2019", ("2019-01-01", "year")),
    ("March 3, 2021", ("2021-03-03", "day")),
    ("3 March", ("2024-03-03", "day")),
    ("2022-11-30", ("2022-11-30", "day")),
    ("May 2020", ("2020-05-01", "month")),
])
def test_resolves(text, expected):
    assert resolve_date(text, REF) == expected


@pytest.mark.parametrize("text", ["Wednesday", "last month", "in June"])
def test_relative_dates_need_the_article_date(text):
    assert resolve_date(text, None) == (None, None)


@pytest.mark.parametrize("text", ["recently", "the 30th of February 2021", "2021-02-30"])
def test_unresolvable_gives_none(text):
    assert resolve_date(text, REF) == (None, None)


def test_may_is_a_month_only_with_a_number():
    assert resolve_date("it may happen", REF) == (None, None)
