"""Every input accounted for: why each skipped file, line, row or item was skipped, and a
count per reason (the build summary and ``report.json``).

An input problem is reported as an :class:`~kg.errors.InputError`; its code says the
reason. Warnings (``W…``) and E105 (a bad date: the article is kept) skip nothing, except
W203, a saved page's assets folder, which is listed so that no file goes unaccounted.

Examples
--------
>>> from kg.errors import InputError
>>> errors = [InputError("E107", "unsupported file type '.rtf'", path="a.rtf"),
...           InputError("E109", "no text layer", path="scan.pdf"),
...           InputError("E105", "bad date; kept", path="b.jsonl", line=2)]
>>> s = skipped_inputs(errors)
>>> s["count"], s["by_reason"]
(2, {'no text layer': 1, 'unsupported type': 1})
>>> s["inputs"][0]["path"], s["inputs"][0]["reason"]
('a.rtf', 'unsupported type')
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from kg.errors import InputError

__all__ = ["REASONS", "skip_reason", "skipped_inputs"]

#: the reason each input code stands for
REASONS = {
    "E100": "unreadable",
    "E101": "empty",
    "E102": "binary",
    "E103": "bad record",
    "E104": "duplicate id",
    "E106": "no article files",
    "E107": "unsupported type",
    "E108": "too large",
    "E109": "no text layer",
    "E110": "damaged",
    "E111": "missing library",
    "E112": "missing column",
    "W203": "saved page assets",
}


def skip_reason(error: InputError) -> str | None:
    """Why ``error`` skipped an input, or ``None`` when it skipped nothing.

    >>> skip_reason(InputError("E101", "empty")), skip_reason(InputError("W201", "bad byte"))
    ('empty', None)
    """
    if error.code in REASONS:
        return REASONS[error.code]
    if error.code.startswith("W") or error.code == "E105":
        return None
    return "other"


def skipped_inputs(errors: Iterable[InputError]) -> dict[str, Any]:
    """The skipped inputs of a run: ``count``, ``by_reason`` (sorted) and ``inputs`` (each
    with ``path``, ``line``, ``code``, ``reason`` and ``message``), in the order reported."""
    inputs = []
    for e in errors:
        reason = skip_reason(e)
        if reason is not None:
            inputs.append({"path": e.path, "line": e.line, "code": e.code, "reason": reason,
                           "message": e.message})  # fmt: skip
    by_reason = Counter(i["reason"] for i in inputs)
    return {"count": len(inputs), "by_reason": dict(sorted(by_reason.items())), "inputs": inputs}
