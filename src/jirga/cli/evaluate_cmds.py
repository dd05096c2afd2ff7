"""`jirga evaluate …`: how good jirga's components are on data they were not tuned on.

Each evaluation registers one sub-command on :data:`evaluate_app` from its own module
(listed in ``jirga.cli.COMMAND_MODULES``), so the coder's and the ceasefire model's
evaluations can grow without touching each other.
"""

from __future__ import annotations

import typer

from jirga.cli.common import app

evaluate_app = typer.Typer(
    name="evaluate",
    help="Score jirga's components out of sample: `jirga evaluate coder`, `jirga evaluate ceasefires`.",
    no_args_is_help=True,
    rich_markup_mode="markdown",
)
app.add_typer(evaluate_app, name="evaluate")
