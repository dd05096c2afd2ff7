"""`jirga run`: the main job — a case in, a self-contained HTML report out."""

from __future__ import annotations

from pathlib import Path

import typer

from jirga.analysis.load import load_case
from jirga.cli.common import app, console
from jirga.cli.options import budget_option, draws_option, progress, seed_option

DEFAULT_CASE = "pakistan-ttp-2022"


@app.command("run")
def run_cmd(
    case: str = typer.Argument(DEFAULT_CASE, help="Case YAML file or built-in case id"),
    out: Path = typer.Option(Path("jirga-report"), "--out", "-o",
                             help="Folder for the report (index.html)"),
    budget: str = budget_option(),
    draws: int | None = draws_option(),
    seed: int = seed_option(),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress display"),
) -> None:
    """Analyse a case and write a self-contained HTML report (opens offline).

    Examples:

    * `jirga run` — the built-in Pakistan–TTP–Taliban case into ./jirga-report/
    * `jirga run my-case.yaml --out reports/my-case --seed 7 --budget thorough`
    """
    from rich.markup import escape
    from rich.panel import Panel

    from jirga.analysis.budget import get_budget
    from jirga.analysis.run import analyse
    from jirga.paths import check_output, writing
    from jirga.report.build import write_report

    out = check_output(out, "--out", kind="folder")  # refused now, not after the analysis
    c = load_case(case)
    b = get_budget(budget, draws)
    with progress(quiet) as tell:
        analysis = analyse(c, b, seed, progress=tell)
    with writing(out, "--out"):  # a full disk or a lost permission: exit 2, no half report
        result = write_report(analysis, out)
    # case text goes through escape(): a '[' in a title must not be read as rich markup
    lines = [f"[bold]{escape(c.title)}[/]", ""]
    if result.answer:
        lines += [f"[bold]{escape(c.question or 'What the mediation changes')}[/]"]
        lines += [f"• {escape(h)}" for h in result.answer] + [""]
    lines += [f"• {escape(h)}" for h in result.headline] or ["(no headline findings)"]
    lines += ["", f"Sections: {', '.join(s.title for s in result.sections)}",
              f"Numbers from {escape(analysis.provenance())}.",
              f"Report: [link=file://{result.path.resolve()}]{result.path}[/link] "
              f"({result.path.stat().st_size / 1e6:.1f} MB, {analysis.seconds + result.seconds:.1f} s)"]
    console.print(Panel("\n".join(lines), title="jirga run", expand=False))
