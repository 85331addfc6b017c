"""The Typer application shared by the command modules, and helpers for them."""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

import typer
from rich.console import Console

app = typer.Typer(
    name="kg",
    help="diplomatic-kg: turn news text into a knowledge graph of diplomatic relations.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)

#: Messages and progress go to stderr so stdout stays machine-readable.
err = Console(stderr=True)

F = TypeVar("F", bound=Callable[..., Any])


def reports_errors(func: F) -> F:
    """Turn a :class:`kg.errors.KGError` into a one-line message and exit code 1."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from kg.errors import KGError

        try:
            return func(*args, **kwargs)
        except KGError as e:
            from rich.markup import escape

            err.print(f"[bold red]error[/] {escape(str(e))}", highlight=False, soft_wrap=True)
            raise typer.Exit(1) from None
        except BrokenPipeError:  # `kg extract … | head`
            sys.stderr.close()
            raise typer.Exit(0) from None

    return wrapper  # type: ignore[return-value]


def command(name: str | None = None) -> Callable[[F], F]:
    """Register a ``kg`` subcommand whose :class:`kg.errors.KGError` becomes one line
    and exit code 1 (``@app.command()`` and :func:`reports_errors` together)."""

    def register(func: F) -> F:
        app.command(name)(reports_errors(func))
        return func

    return register


def out_console() -> Console:
    """The console for tables on stdout: the terminal's width, or 160 columns when
    stdout is a file or a pipe (rich would otherwise squeeze tables into 80)."""
    import os

    width = None if sys.stdout.isatty() or os.environ.get("COLUMNS") else 160
    return Console(width=width, soft_wrap=False)
