"""`jirga serve`: the what-if workbench in the browser (see docs/workbench.md)."""

from __future__ import annotations

from pathlib import Path

import typer

from jirga.cli.common import app, console, err_console

DEFAULT_CASE = "pakistan-ttp-2022"
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def workbench_app(case: str, workspace: Path | None, max_budget: str = "standard"):
    """Load ``case`` and build the app; the workspace defaults to the case file's folder
    (the current folder for a built-in case). Returns (app, workspace, file name)."""
    from jirga.analysis.load import load_case
    from jirga.case import io
    from jirga.web.app import create_app

    c = load_case(case)
    builtin = case in io.builtin_cases()
    source = io.resolve(case)
    root = (workspace or (Path.cwd() if builtin else source.parent)).resolve()
    if not root.is_dir():
        from jirga.errors import InputError, Problem

        raise InputError([Problem(str(root), None, "--workspace", "is not a folder",
                                  "give an existing folder for the workbench to read and write")])
    name = f"{c.id}.yaml" if builtin or not source.resolve().is_relative_to(root) else \
        str(source.resolve().relative_to(root))
    return create_app(c, root, source=source, file_name=name, loopback_only=True,
                      max_budget=max_budget), root, name


@app.command("serve")
def serve_cmd(
    case: str = typer.Argument(DEFAULT_CASE, help="Case YAML file or built-in case id"),
    port: int = typer.Option(8765, "--port", "-p", min=1, max=65535, help="Port to listen on"),
    host: str = typer.Option("127.0.0.1", "--host",
                             help="Address to listen on; anything but loopback exposes the workbench"),
    workspace: Path | None = typer.Option(None, "--workspace", "-w",
                                          help="The only folder the workbench reads and writes "
                                               "(default: the case file's folder)"),
    max_budget: str = typer.Option("standard", "--max-budget",
                                   help="Largest budget re-run while you wait (quick, standard "
                                        "or thorough); larger runs go through 'Full run'"),
) -> None:
    """Open a local what-if workbench on a case: edit, re-run, compare, save.

    Examples:

    * `jirga serve` — the built-in case at http://127.0.0.1:8765/
    * `jirga serve my-case.yaml --port 9000`
    """
    import uvicorn

    from jirga.analysis.budget import get_budget

    get_budget(max_budget)  # an unknown name is refused with a did-you-mean
    web, root, name = workbench_app(case, workspace, max_budget)
    if host not in LOOPBACK:
        err_console.print(f"[bold yellow]warning[/]: listening on {host}: anyone who can reach "
                          "this address can read and change the cases in the workspace. "
                          "There is no login.", highlight=False)
        web.state.loopback_only = False
    console.print(f"jirga workbench on [bold]{name}[/] — http://{host}:{port}/ "
                  f"(workspace {root}); Ctrl-C stops it", highlight=False)
    uvicorn.run(web, host=host, port=port, log_level="warning", timeout_graceful_shutdown=2)
