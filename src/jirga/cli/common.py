"""Shared CLI objects: the typer app and the rich consoles."""

from __future__ import annotations

import typer
from rich.console import Console

app = typer.Typer(
    name="jirga",
    help="Analyse mediated negotiations between states and armed groups.\n\n"
    "Start with `jirga run` (built-in Pakistan–TTP–Taliban case) or `jirga new my-case`.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="markdown",
    pretty_exceptions_enable=False,
)
console = Console()
err_console = Console(stderr=True)
