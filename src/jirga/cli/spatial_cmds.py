"""`jirga spatial`: run the multi-dimensional spatial model on a case or a KTAB scenario."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path

import typer
from rich.table import Table

from jirga.cli.common import app, console, err_console
from jirga.errors import InputError, Problem


class Fmt(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


def load_spatial_input(source: str, issues: list[str] | None = None):
    """A case id, case YAML or KTAB CSV as the model's input.

    KTAB CSV files are recognised by their extension or their first two lines.
    """
    from jirga.analysis.load import load_case
    from jirga.case.formats.ktab import looks_like_ktab, read_ktab_csv
    from jirga.models.spatial.engine import spatial_input

    p = Path(source)
    if p.suffix.lower() == ".csv" or (p.is_file() and looks_like_ktab(p)):
        if not p.exists():
            raise InputError([Problem(source, None, "", "no such file",
                                      "give the path of a KTAB scenario CSV")])
        if issues:
            raise InputError([Problem(source, None, "--issue",
                                      "a KTAB scenario always runs on all its dimensions",
                                      "leave out --issue")])
        return spatial_input(read_ktab_csv(p))
    case = load_case(source)
    if not case.issues:
        raise InputError([Problem(source, None, "issues", "the case has no issues to bargain over",
                                  "add issues with actors' positions and saliences")])
    known = {i.id for i in case.issues}
    bad = [i for i in issues or [] if i not in known]
    if bad:
        raise InputError([Problem(source, None, "--issue", f"no issue {', '.join(bad)}",
                                  f"use one of: {', '.join(sorted(known))}")])
    return spatial_input(case, issues or None)


@app.command("spatial")
def spatial_cmd(
    source: str = typer.Argument(
        ..., help="Case YAML file, built-in case id, or KTAB scenario CSV",
        metavar="CASE_OR_KTAB_CSV"),
    seed: int | None = typer.Option(
        None, "--seed", help="Seed for --transition stochastic (default: KTAB's seed)"),
    max_turns: int = typer.Option(100, "--max-turns", min=1, help="Stop after this many turns"),
    fmt: Fmt = typer.Option(Fmt.table, "--format", "-f", help="table, csv (per turn) or json"),
    issue: list[str] = typer.Option(
        None, "--issue", "-i", help="Use only this issue of the case (repeat for several)"),
    voting_rule: str = typer.Option(
        "proportional", "--voting-rule",
        help="proportional, binary, prop_bin, prop_cubic, cubic, asym_prospect"),
    pce: str = typer.Option(
        "conditional", "--pce", help="conditional, markov_uniform, markov_incentive"),
    transition: str = typer.Option(
        "deterministic", "--transition", help="deterministic or stochastic choice of bargain"),
) -> None:
    """Run the spatial model (probabilistic Condorcet elections, KTAB's smpc) on every issue.

    Each issue is a dimension; actors trade issues against each other by salience.
    Prints where each actor ends, the probability its position wins, and the
    number of turns until positions settle (KTAB's stopping rule).

    Examples:

    * `jirga spatial ../shared/refdata/SOE-Policy.csv`  (a KTAB scenario file)
    * `jirga spatial pakistan-ttp-2022 --format csv > turns.csv`
    * `jirga spatial my-case.yaml --issue fata_status --issue disarmament --format json`
    * `jirga spatial my-case.yaml --transition stochastic --seed 7`
    """
    from jirga.models.spatial.core import Options
    from jirga.models.spatial.engine import run_spatial

    try:
        opts = Options(voting_rule=voting_rule, pce=pce, transition=transition)
    except ValueError as exc:
        raise InputError([Problem("command line", None, "option", str(exc), None)]) from None
    data = load_spatial_input(source, issue or None)
    res = run_spatial(data, seed=seed, max_turns=max_turns, options=opts)
    if fmt == Fmt.json:
        print(json.dumps(res.to_dict(), indent=1))
        return
    if fmt == Fmt.csv:
        print(res.to_frame().to_csv(index=False, float_format="%.6g"), end="")
        return
    for note in res.notes:
        err_console.print(f"[yellow]note[/]: {note}", highlight=False)
    console.print(
        f"[bold]{res.title or source}[/]: {len(res.actors)} actors × {len(res.dims)} "
        f"dimension(s), {res.turns} turns — {res.stop_reason} ({res.elapsed:.2f} s)",
        highlight=False)
    table = Table(title="Positions (0–100), start → final, and probability each final "
                        "position wins")
    table.add_column("actor")
    table.add_column("capability", justify="right")
    for d in res.dims:
        table.add_column(str(d), justify="right")
    table.add_column("P(win)", justify="right")
    order = sorted(range(len(res.actors)), key=lambda i: -res.capability[i])
    for i in order:
        cells = [f"{res.positions[0, i, k]:.1f} → {res.final[i, k]:.1f}"
                 for k in range(len(res.dims))]
        table.add_row(res.names[i] if res.names[i] == res.actors[i]
                      else f"{res.actors[i]} ({res.names[i]})",
                      f"{res.capability[i]:g}", *cells, f"{res.win_prob[-1, i]:.3f}")
    console.print(table)
    s = res.ktab_summary()
    last = s[s.turn == res.turns]
    for _, row in last.iterrows():
        console.print(
            f"{row['dim']}: capability-weighted mean {row['mean_cap_weighted']:.1f}, "
            f"median {row['median']:.1f}, range {row['min']:.1f}–{row['max']:.1f}",
            highlight=False)
