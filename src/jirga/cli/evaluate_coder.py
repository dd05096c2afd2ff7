"""`jirga evaluate coder`: the text coder's precision and recall on text it was not tuned on.

Two corpora under ``--refdata`` (default ``../shared/refdata``): the hand-coded news
articles (``articles/``, split dev = even article number, eval = odd) and ACLED's event
notes (``events/acled/``, split dev = countries A–M, eval = N–Z). Figures are printed per
part, per corpus and per process, with the misses counted by cause.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from jirga.cli.common import console
from jirga.cli.evaluate_cmds import evaluate_app
from jirga.errors import InputError, Problem


@evaluate_app.command("coder")
def coder_cmd(
    refdata: Path = typer.Option(Path("../shared/refdata"), "--refdata",
                                 help="folder holding articles/ and events/acled/"),
    format: str = typer.Option("table", "--format", "-f", help="table | json"),
    acled: bool = typer.Option(True, "--acled/--no-acled", help="also score the ACLED notes"),
    limit: int | None = typer.Option(None, "--limit", help="ACLED rows per file (default all)"),
) -> None:
    """Score the coder: articles P/R/F1 per part, corpus and process, misses by cause;
    ACLED notes: date, event class and source actor right, per part and country.

    Examples:

    - `jirga evaluate coder`
    - `jirga evaluate coder --refdata /data/refdata --format json`
    """
    from jirga.events.coder.acled_eval import evaluate_acled
    from jirga.events.coder.evaluate import CAUSES, evaluate_articles

    if format not in ("table", "json"):
        raise InputError([Problem("--format", None, "--format", f"unknown format {format!r}",
                                  "use table or json", kind="row")])
    if not refdata.is_dir():
        raise InputError([Problem(str(refdata), None, "--refdata",
                                  "reference data folder not found",
                                  "run from the repository (it sits beside shared/) or give "
                                  "--refdata PATH")])
    result = {"articles": evaluate_articles(refdata)}
    if acled:
        result["acled"] = evaluate_acled(refdata, limit)
    if format == "json":
        sys.stdout.write(json.dumps(result, indent=2) + "\n")
        return
    out = console if console.is_terminal else Console(width=160)
    groups = result["articles"]["groups"]
    t = Table(title=f"articles ({result['articles']['rule']})")
    for col in ("group", "P", "R", "F1", "matched", "extracted", "gold", *CAUSES):
        t.add_column(col, justify="left" if col == "group" else "right", no_wrap=True)
    for key in ("all", "dev", "eval", *[k for k in groups if k.startswith(("corpus:",
                                                                          "process:"))]):
        g = groups[key]
        t.add_row(key, f"{g['precision']:.2f}", f"{g['recall']:.2f}", f"{g['f1']:.2f}",
                  str(g["matched"]), str(g["extracted"]), str(g["gold"]),
                  *[str(g["misses"][c]) for c in CAUSES])
    out.print(t, emoji=False, markup=False)
    if acled:
        ag = result["acled"]["groups"]
        t = Table(title=f"ACLED notes ({result['acled']['rule']})")
        for col in ("group", "rows", "date", "class", "source"):
            t.add_column(col, justify="left" if col == "group" else "right", no_wrap=True)
        keys = ["all", "dev", "eval"] + sorted(
            (k for k in ag if k.startswith("country:")), key=lambda k: -ag[k]["rows"])[:20]
        for key in keys:
            g = ag[key]
            t.add_row(key, str(g["rows"]), *[
                "—" if g[m] is None else f"{g[m]:.2f} ({g[m + '_n']})"
                for m in ("date", "class", "source")])
        out.print(t, emoji=False, markup=False)
