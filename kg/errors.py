"""Errors raised by diplomatic-kg, each with a code and a message that says what
is wrong, where (file and line), and what would be valid.

Examples
--------
>>> print(InputError("E101", "no 'text' field", path="a.jsonl", line=3))
E101 a.jsonl:3: no 'text' field
"""

from __future__ import annotations

__all__ = ["InputError", "KGError", "ModelError", "QueryError", "StoreError"]


class KGError(Exception):
    """Base class of the errors the CLI reports without a traceback (exit code 1)."""

    def __init__(self, code: str, message: str, *, path: str | None = None, line: int | None = None):
        self.code = code
        self.message = message
        self.path = path
        self.line = line
        where = ""
        if path is not None:
            where = f" {path}:{line}" if line is not None else f" {path}"
        super().__init__(f"{code}{where}: {message}")


class InputError(KGError):
    """An input file or line that cannot be read as a document."""


class ModelError(KGError):
    """A spaCy pipeline that cannot be loaded."""


class QueryError(KGError):
    """A SPARQL query that cannot be found, bound or run."""


class StoreError(KGError):
    """A triple store that cannot be opened, read or written."""
