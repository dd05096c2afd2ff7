"""`jirga spatial`: run the multi-dimensional spatial model on a case or a KTAB scenario."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path

import typer
from rich.table import Table

from jirga.cli.common import app, console, err_console
from jirga.cli.options import progress, quiet_option
from jirga.cli.tables import compact, short_name, short_question
from jirga.errors import InputError, Problem
from jirga.vocab.format import plural


class Fmt(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


def load_spatial_input(source: str, issues: list[str] | None = None):
    """A case id, case YAML or KTAB CSV as the model's input, and a label for each
    dimension (an issue's question; a KTAB dimension's own name).

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
        data = spatial_input(read_ktab_csv(p))
        return data, {d: str(d) for d in data.dims}
    case = load_case(source)
    if not case.issues:
        raise InputError([Problem(source, None, "issues", "the case has no issues to bargain over",
                                  "add issues with actors' positions and saliences")])
    known = {i.id for i in case.issues}
    bad = [i for i in issues or [] if i not in known]
    if bad:
        raise InputError([Problem(source, None, "--issue", f"no issue {', '.join(bad)}",
                                  f"use one of: {', '.join(sorted(known))}")])
    data = spatial_input(case, issues or None)
    questions = {i.id: i.question for i in case.issues}
    return data, {d: questions.get(str(d), str(d)) for d in data.dims}


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
    quiet: bool = quiet_option(),
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
    data, labels = load_spatial_input(source, issue or None)
    with progress(quiet) as tell:
        if tell is not None:
            tell("spatial model: turns until positions settle", 0, 0)
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
        f"[bold]{res.title or source}[/]: {plural(len(res.actors), 'actor')} × "
        f"{plural(len(res.dims), 'dimension')}, {plural(res.turns, 'turn')} — "
        f"{res.stop_reason} ({res.elapsed:.2f} s)", highlight=False)
    console.print(positions_table(res, labels, console.width))
    s = res.ktab_summary()
    last = s[s.turn == res.turns]
    for _, row in last.iterrows():
        dim = short_question(labels.get(row["dim"], row["dim"]), 40)
        console.print(
            f"{dim}: capability-weighted mean {row['mean_cap_weighted']:.1f}, "
            f"median {row['median']:.1f}, range {row['min']:.1f}–{row['max']:.1f}",
            highlight=False)


def positions_table(res, labels: dict, width: int) -> Table:
    """Each actor's start and final position on every dimension, and P(win).

    With room, a cell reads "5.0 → 34.8" under the dimension's name; at 80 columns
    five dimensions leave about six characters each, so a cell holds the final
    position over the start in brackets, and the headings are numbers explained
    below the table (never an issue id cut to "fata_s…")."""
    name_w = min(22, max(len(short_name(n, 22)) for n in res.names))
    nd = len(res.dims)
    room = width - name_w - 4 - 6 - 3 * (nd + 3)
    per = room // max(nd, 1)
    wide = per >= 12
    heads = [short_question(labels.get(d, str(d)), 2 * per) for d in res.dims]
    numbered = not wide or any(len(w) > per for h in heads for w in h.split())
    legend = ""
    if numbered:
        legend = "; ".join(f"{k + 1} = {short_question(labels.get(d, str(d)), 44)}"
                           for k, d in enumerate(res.dims))
    how = "start → final" if wide else "final (start)"
    table = compact(f"Positions (0–100), {how}, and the probability each final position wins",
                    caption=legend or None, caption_justify="left")
    table.add_column("actor", no_wrap=True, min_width=name_w, max_width=name_w)
    table.add_column("cap", justify="right", no_wrap=True)
    for k, h in enumerate(heads):
        table.add_column(str(k + 1) if numbered else h, justify="right",
                         no_wrap=not wide or numbered)
    table.add_column("P(win)", justify="right", no_wrap=True)
    order = sorted(range(len(res.actors)), key=lambda i: -res.capability[i])
    for i in order:
        if wide:
            cells = [f"{res.positions[0, i, k]:.1f} → {res.final[i, k]:.1f}" for k in range(nd)]
        else:
            cells = [f"{res.final[i, k]:.1f}\n[dim]({res.positions[0, i, k]:.0f})[/]"
                     for k in range(nd)]
        table.add_row(short_name(res.names[i], name_w), f"{res.capability[i]:g}", *cells,
                      f"{res.win_prob[-1, i]:.3f}")
    return table
