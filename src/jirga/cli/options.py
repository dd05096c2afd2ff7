"""Options several commands share, so `--budget`, `--draws` and `--seed` mean the same
everywhere, and the progress display every long command uses."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

import typer

BUDGET_HELP = "Computing budget: quick, standard or thorough (same budget + seed = same numbers)"


def budget_option(default: str = "standard"):
    return typer.Option(default, "--budget", "-b", help=BUDGET_HELP)


def draws_option():
    return typer.Option(None, "--draws", "-n", min=100, max=200_000,
                        help="Override the budget's Monte Carlo draws")


def seed_option():
    return typer.Option(0, "--seed", "-s", help="Random seed: same case + seed + budget = same numbers")


def quiet_option():
    return typer.Option(False, "--quiet", "-q", help="No progress display on stderr")


def shows_progress(quiet: bool = False) -> bool:
    """Progress goes to stderr only when a person watches it: not with --quiet, not when
    stderr is a file or a pipe (CI logs, `2> log`), where a bar would be noise."""
    return not quiet and sys.stderr.isatty()


@contextmanager
def progress(quiet: bool = False, first: str = "starting") -> Iterator:
    """A ``progress(step, done, total)`` callback drawing a bar on stderr when it is a terminal.

    A step whose length is unknown (``total`` 0) shows a spinner and the time so far, so
    even one long step (a calibration, a back-test) is visibly alive. Yields ``None``
    when :func:`shows_progress` says no; callers pass that on as "no callback".
    """
    if not shows_progress(quiet):
        yield None
        return
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from jirga.cli.common import err_console

    with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                  TimeElapsedColumn(), console=err_console, transient=True) as bar:
        task = bar.add_task(first, total=None)

        def tell(step: str, done: int, total: int) -> None:
            bar.update(task, description=step, completed=done, total=total or None)

        yield tell
