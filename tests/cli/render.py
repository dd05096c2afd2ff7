"""Run a `jirga` command as a user types it, at a given terminal width, and keep its output."""

from __future__ import annotations

import contextlib
import io
import re
from dataclasses import dataclass

from rich.cells import cell_len

from jirga.cli import main
from jirga.cli.common import console, err_console

ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        return self.out.splitlines()

    @property
    def flat(self) -> str:
        """The output with line breaks and runs of spaces as one space (for phrases)."""
        return " ".join(self.out.split())

    def too_wide(self, width: int = 80) -> list[str]:
        return [line for line in self.lines + self.err.splitlines() if cell_len(line) > width]

    def split_tokens(self, tokens) -> list[str]:
        """The tokens (ids, dates) that appear in the output only broken across lines."""
        return [t for t in tokens if t in self.flat.replace(" ", "") and
                not any(t in line for line in self.lines)]


def render(args: list[str], width: int = 80) -> Run:
    """``jirga ARGS`` with both consoles ``width`` columns wide (as COLUMNS=80 would make
    them); stdout and stderr captured."""
    out, err = io.StringIO(), io.StringIO()
    old = console._width, err_console._width  # None: follow the terminal; put it back after
    console.width = err_console.width = width
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(args)
    finally:
        console._width, err_console._width = old
    return Run(code, out.getvalue(), err.getvalue())
