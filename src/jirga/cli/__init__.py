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
    "jirga.cli.evaluate_coder",
]


def _register() -> None:
    for name in COMMAND_MODULES:
        importlib.import_module(name)


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
        err_console.print(f"[bold red]error[/]: {exc}", highlight=False, markup=True)
        return 2
    except SystemExit as exc:
        code = exc.code
        return code if isinstance(code, int) else (0 if code is None else 1)
    return 0


__all__ = ["app", "console", "main"]

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
