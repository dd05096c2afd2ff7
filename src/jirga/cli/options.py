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


@contextmanager
def progress(quiet: bool = False) -> Iterator:
    """A ``progress(step, done, total)`` callback drawing a bar on stderr when it is a terminal."""
    if quiet or not sys.stderr.isatty():
        yield None
        return
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from jirga.cli.common import err_console

    with Progress(TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(),
                  console=err_console, transient=True) as bar:
        task = bar.add_task("starting", total=1)

        def tell(step: str, done: int, total: int) -> None:
            bar.update(task, description=step, completed=done, total=max(total, 1))

        yield tell
