"""The `jirga` command line.

Each group of commands lives in its own module and registers itself on
:data:`app` when imported; :data:`COMMAND_MODULES` lists them. Errors from
input boundaries (:class:`~jirga.errors.InputError`) are printed as a list of
problems and exit with code 2 — users never see a traceback for bad input.
"""

from __future__ import annotations

import importlib
import sys

from jirga.cli.common import app, console, err_console
from jirga.errors import InputError

COMMAND_MODULES = [
    "jirga.cli.case_cmds",
    "jirga.cli.run_cmds",
    "jirga.cli.bargain_cmds",
    "jirga.cli.spatial_cmds",
    "jirga.cli.ceasefire_cmds",
    "jirga.cli.events_cmds",
    "jirga.cli.evaluate_cmds",
    "jirga.cli.evaluate_ceasefires",
    "jirga.cli.sweep_cmds",
    "jirga.cli.serve_cmds",
    "jirga.cli.evaluate_coder",
]


def _register() -> None:
    for name in COMMAND_MODULES:
        importlib.import_module(name)


def _hanging(text: str, width: int) -> str:
    """Wrap each "  - problem" line at ``width`` with its continuation lines indented under
    the problem's text, so a list of problems stays readable at 80 columns."""
    import textwrap

    out = []
    for line in text.splitlines():
        indent = "    " if line.startswith("  - ") else ""
        out += textwrap.wrap(line, width=max(width, 40), subsequent_indent=indent,
                             break_long_words=False, break_on_hyphens=False) or [""]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    """Console-script entry point; returns the exit code.

    Usage errors (unknown option, bad value) are click's: it prints the usage
    line and exits 2. Input errors from our boundaries print their problems and
    exit 2. Anything else is a bug and keeps its traceback.
    """
    _register()
    try:
        app(args=argv, prog_name="jirga", standalone_mode=True)
    except InputError as exc:
        # the problems print as plain text (markup=False): values quoted from the input
        # ('[/x]') must not be read as rich markup
        err_console.print("[bold red]error[/]: ", end="")
        err_console.print(_hanging(str(exc), err_console.width - 1),
                          highlight=False, markup=False, soft_wrap=True)
        return 2
    except SystemExit as exc:
        code = exc.code
        return code if isinstance(code, int) else (0 if code is None else 1)
    return 0


__all__ = ["app", "console", "main"]

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
