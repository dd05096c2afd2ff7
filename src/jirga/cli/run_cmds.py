"""`jirga run`: the main job — a case in, a self-contained HTML report out."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape
from rich.panel import Panel

from jirga.case.io import load_case
from jirga.cli.common import app, console
from jirga.report.build import write_report
from jirga.report.section import ReportContext

DEFAULT_CASE = "pakistan-ttp-2022"


@app.command("run")
def run_cmd(
    case: str = typer.Argument(DEFAULT_CASE, help="Case YAML file or built-in case id"),
    out: Path = typer.Option(Path("jirga-report"), "--out", "-o",
                             help="Folder for the report (index.html)"),
    draws: int = typer.Option(1000, "--draws", min=100, max=200_000,
                              help="Monte Carlo draws for the models"),
    seed: int = typer.Option(0, "--seed", help="Random seed: same case + seed = same report"),
) -> None:
    """Analyse a case and write a self-contained HTML report (opens offline).

    Examples:

    * `jirga run` — the built-in Pakistan–TTP–Taliban case into ./jirga-report/
    * `jirga run my-case.yaml --out reports/my-case --seed 7`
    """
    c = load_case(case)
    result = write_report(c, out, ReportContext(seed=seed, draws=draws))
    # case text goes through escape(): a '[' in a title must not be read as rich markup
    lines = [f"[bold]{escape(c.title)}[/]", ""]
    if result.answer:
        lines += [f"[bold]{escape(c.question or 'What the mediation changes')}[/]"]
        lines += [f"• {escape(h)}" for h in result.answer] + [""]
    lines += [f"• {escape(h)}" for h in result.headline] or ["(no headline findings)"]
    lines += ["", f"Sections: {', '.join(s.title for s in result.sections)}",
              f"Report: [link=file://{result.path.resolve()}]{result.path}[/link] "
              f"({result.path.stat().st_size / 1e6:.1f} MB, {result.seconds:.1f} s)"]
    console.print(Panel("\n".join(lines), title="jirga run", expand=False))
