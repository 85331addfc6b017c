"""Plain text: decoding bytes (UTF-8, a bad byte is a warning, not a lost article) and
reading ``.txt`` / ``.md`` files.

Examples
--------
>>> errors = []
>>> decode(b"Erdo\\xf0an met Putin.", "a.txt", errors.append)
'Erdo\\ufffdan met Putin.'
>>> errors[0].code
'W201'
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from kg.errors import InputError

__all__ = ["ErrorHandler", "decode", "read_bytes"]

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())

ErrorHandler = Callable[[InputError], None]


def decode(data: bytes, path: str, on_error: ErrorHandler, line: int | None = None) -> str | None:
    """``data`` as text: UTF-8 (a byte-order mark dropped); invalid bytes become U+FFFD
    with a W201 warning; NUL bytes mean binary data (E102, ``None``)."""
    if b"\x00" in data[:8192]:
        on_error(InputError("E102", "binary data (NUL bytes), not text; skipped", path=path, line=line))
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        text = data.decode("utf-8", errors="replace")
        log.warning("W201 %s:%s: invalid UTF-8 at byte %d, decoded with replacement", path, line, e.start)
        on_error(
            InputError(
                "W201",
                f"invalid UTF-8 at byte {e.start}; decoded with U+FFFD replacement characters",
                path=path,
                line=line,
            )
        )
        return text


def read_bytes(path: Path, on_error: ErrorHandler) -> bytes | None:
    """The bytes of a file, or ``None`` after an E100 naming it."""
    try:
        return path.read_bytes()
    except OSError as e:
        on_error(InputError("E100", f"cannot read file: {e.strerror or e}", path=str(path)))
        return None
