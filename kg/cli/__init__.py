"""The ``kg`` command line: one entry point, one module per command.

Each command module parses options, calls a library function and prints; the
work itself lives in the library so notebooks and other tools can call it.
"""

from __future__ import annotations

from kg.cli import (  # noqa: F401  (importing registers the commands)
    analyze,
    build,
    evaluate,
    export,
    extract,
    query,
    serve,
    validate,
    viz,
)
from kg.cli._app import app

__all__ = ["app", "main"]


def main() -> None:
    """Run the ``kg`` command line."""
    app()
