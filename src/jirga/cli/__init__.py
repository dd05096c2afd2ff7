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
    "jirga.cli.spatial_cmds",
    "jirga.cli.ceasefire_cmds",
]


def _register() -> None:
    for name in COMMAND_MODULES:
        importlib.import_module(name)


def main(argv: list[str] | None = None) -> int:
    """Console-script entry point."""
    _register()
    try:
        app(args=argv, prog_name="jirga", standalone_mode=False)
    except InputError as exc:
        err_console.print(f"[bold red]error[/]: {exc}", highlight=False, markup=True)
        return 2
    except KeyboardInterrupt:
        err_console.print("interrupted")
        return 130
    except SystemExit as exc:  # typer.Exit inside commands
        return int(exc.code or 0)
    except Exception as exc:  # click usage errors
        import click

        if isinstance(exc, click.exceptions.ClickException):
            exc.show()
            return 2
        if isinstance(exc, click.exceptions.Abort):
            return 1
        raise
    return 0


__all__ = ["app", "console", "main"]

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
