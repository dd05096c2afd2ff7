"""`jirga bargain`: the expected-utility bargaining model on a case or a replication CSV."""

from __future__ import annotations

import json
import math
from typing import TYPE_CHECKING

import typer
from rich.table import Table

from jirga.analysis.load import load_case
from jirga.case.schema import Case
from jirga.cli.common import app, console
from jirga.cli.options import budget_option, progress, quiet_option, seed_option
from jirga.cli.tables import compact, short_name, short_question, text_column
from jirga.errors import InputError, Problem
from jirga.vocab.format import plural

if TYPE_CHECKING:  # heavy modules load when the command runs, not at `jirga --help`
    import pandas as pd

    from jirga.models.bargaining.results import BargainingMCResult

_PROGRESS_MIN = 5_000  # draw-runs; smaller jobs finish in about a second, before a bar helps


def load_case_or_table(arg: str) -> Case:
    """A built-in case id, a case YAML path, or an actor CSV (ExampleActors.csv and kin)."""
    from jirga.case.formats.actor_csv import is_table_path, read_bargaining_csv

    if is_table_path(arg):
        return read_bargaining_csv(arg)
    return load_case(arg)


def _all_points(case: Case) -> bool:
    ests = [a.capability for a in case.actors]
    for issue in case.issues:
        for st in issue.positions.values():
            ests += [st.position, st.salience]
    return all(e.is_point for e in ests)


@app.command("bargain")
def bargain_cmd(
    case: str = typer.Argument(..., help="Built-in case id, case YAML file, or actor CSV "
                               "(Actor/Stakeholder, Capability/Resources, Position, Salience)"),
    issue: list[str] = typer.Option(None, "--issue", "-i", help="Issue id (repeat for several; "
                                    "default: all)"),
    budget: str = budget_option(),
    draws: int | None = typer.Option(None, "--draws", "-n", min=1,
                                     help="Override the budget's Monte Carlo draws"),
    rounds: int = typer.Option(10, "--rounds", "-r", min=1, help="Bargaining rounds per run"),
    variant: str = typer.Option("scholz", "--variant", help="Model variant: scholz or bdm"),
    seed: int = seed_option(),
    fmt: str = typer.Option("table", "--format", "-f", help="table, csv or json"),
    kind: str = typer.Option("pert", "--dist", help="Sampling of ranges: pert or triangular"),
    mediators: bool = typer.Option(True, "--mediators/--no-mediators",
                                   help="Also run the mediator counterfactuals"),
    capitulation: bool = typer.Option(True, "--capitulation/--no-capitulation",
                                      help="--no-capitulation reproduces the scholz "
                                      "replication's defect"),
    delta: float = typer.Option(None, "--delta", help="Issue range Δ (default: spread of the "
                                "initial positions; for a CSV in the file's units)"),
    q: float = typer.Option(1.0, "--q", help="Probability of no change Q"),
    offer_rule: str = typer.Option(None, "--offer-rule", help="scholz, nearest or bdm "
                                   "(default: the variant's own)"),
    window: int = typer.Option(5, "--window", min=1, help="Last rounds averaged into the "
                               "forecast"),
    quiet: bool = quiet_option(),
) -> None:
    """Forecast each issue with the expected-utility bargaining model, under uncertainty.

    Samples capability, position and salience from the case's ranges, runs every
    draw for a fixed number of rounds, and reports the forecast (median, 80%
    interval), the chance that the two principals end within the agreement zone,
    each actor's path at the point estimates, perception quadrants, and what each
    mediator changes (removed, capability or salience scaled).

    Examples:

    * `jirga bargain pakistan-ttp-2022`
    * `jirga bargain my-case.yaml --issue disarmament --budget thorough --seed 1`
    * `jirga bargain ExampleActors.csv --variant bdm --delta 6 --format csv`
    """
    from jirga.case.formats.actor_csv import is_table_path, read_table

    for opt, val, allowed in (("--variant", variant, ("scholz", "bdm")),
                              ("--format", fmt, ("table", "csv", "json")),
                              ("--dist", kind, ("pert", "triangular")),
                              ("--offer-rule", offer_rule, (None, "scholz", "nearest", "bdm"))):
        if val not in allowed:
            raise InputError([Problem("command line", None, opt, f"unknown value {val!r}",
                                      f"use one of: {', '.join(a for a in allowed if a)}")])
    from jirga.analysis.budget import get_budget

    b = get_budget(budget, draws)
    draws = b.draws
    c = load_case_or_table(case)
    if not c.issues:
        raise InputError([Problem(case, None, "issues", "the case has no issues",
                                  "add an issue with each actor's position and salience")])
    known = [i.id for i in c.issues]
    for i in issue or []:
        if i not in known:
            raise InputError([Problem(case, None, "--issue", f"no issue {i!r}",
                                      f"use one of: {', '.join(known)}")])
    if delta is not None and is_table_path(case):  # --delta is in the file's units
        t = read_table(case)
        delta = delta * 100.0 / float(t.position.max() - t.position.min())
    points = _all_points(c)
    if points:
        draws = 1
    params = {"capitulation": capitulation, "q": q, "delta": delta, "offer_rule": offer_rule,
              "window": window}
    try:
        res = _run(c, draws, seed, rounds, variant, kind, issue or None, mediators, params,
                   b.counterfactual_draws, quiet)
    except ValueError as exc:  # bad settings (e.g. delta smaller than the spread)
        raise InputError([Problem("command line", None, "", str(exc), None)]) from None
    if fmt == "json":
        print(json.dumps(result_json(res), indent=2, default=_json_default))
    elif fmt == "csv":
        print(rounds_frame(res).to_csv(index=False), end="")
    else:
        print_tables(res, points)
        print_comparison(c, res)


def _run(c, draws, seed, rounds, variant, kind, issues, mediators, params,
         counterfactual_draws, quiet: bool = False) -> BargainingMCResult:
    """The model with the command's settings; at the defaults this is exactly the analysis
    layer's bargaining run (:func:`jirga.analysis.run.analyse_bargaining`), so the numbers
    equal the report's for the same case, seed and budget."""
    from jirga.models.bargaining.montecarlo import run_case_mc

    params = {**params, "counterfactual_draws": counterfactual_draws}
    n_issues = len(issues) if issues else len(c.issues)
    big = draws * n_issues * (1 + (5 * len(c.mediators) if mediators else 0)) >= _PROGRESS_MIN
    with progress(quiet or not big, first="bargaining model") as tell:
        tick = None
        if tell is not None:
            def tick(done: int, total: int) -> None:
                tell(f"bargaining model: {done:,} of {total:,} draw-runs", done, total)

        return run_case_mc(c, draws, seed, rounds, variant, kind=kind, issues=issues,
                           counterfactuals=mediators, progress=tick, **params)


# ---------------------------------------------------------------------------
# output
# ---------------------------------------------------------------------------


def rounds_frame(res: BargainingMCResult) -> pd.DataFrame:
    """Long table of the point-estimate run: issue, round, weighted mean/median, actor, position."""
    import pandas as pd

    rows = []
    for k, run in res.base.runs.items():
        for t in range(run.traj.rounds + 1):
            for i, aid in enumerate(run.actor_ids):
                rows.append({"issue": k, "round": t, "mean_cs": run.traj.mean[0, t],
                             "median_cs": run.traj.median[0, t], "actor": aid,
                             "position": run.positions[t, i]})
    return pd.DataFrame(rows)


def _json_default(o):
    import numpy as np

    if isinstance(o, np.generic):
        return o.item()
    if isinstance(o, np.ndarray):
        return o.tolist()
    raise TypeError(type(o))


def _num(v: float) -> float | None:
    return None if v is None or (isinstance(v, float) and math.isnan(v)) else float(v)


def result_json(res: BargainingMCResult) -> dict:
    import numpy as np

    out = {"case": res.case_id, "variant": res.params.variant, "draws": res.draws,
           "rounds": res.rounds, "seed": res.seed, "sampling": res.kind,
           "params": {k: getattr(res.params, k) for k in ("q", "t", "delta", "capitulation",
                                                          "mu", "window", "cycle_tol")}
           | {"offer_rule": res.params.rule}, "issues": {}}
    for k, m in res.issues.items():
        run = res.base.runs[k]
        counts, edges = m.histogram(20)
        lo, hi = m.interval(0.8)
        out["issues"][k] = {
            "forecast": {"median": float(np.median(m.forecast)), "p10": lo, "p90": hi,
                         "point": run.forecast},
            "agreement_prob": _num(m.agreement_prob),
            "status_shares": m.status_shares(),
            "histogram": {"edges": edges, "counts": counts},
            "point_run": {
                "status": run.status,
                "rounds": [{"round": t, "mean_cs": run.traj.mean[0, t],
                            "median_cs": run.traj.median[0, t],
                            "positions": dict(zip(run.actor_ids, run.positions[t],
                                                  strict=True))}
                           for t in range(run.traj.rounds + 1)],
                "quadrants": run.dyad_frame().to_dict("records"),
            },
        }
    if res.effects is not None:
        out["mediator_effects"] = [{k: (_num(v) if isinstance(v, float) else v)
                                    for k, v in r.items()}
                                   for r in res.effects.to_frame().to_dict("records")]
    return out


def _issue_label(m, width: int) -> str:
    """An issue by its question (the id when it has none, as in an actor CSV)."""
    q = getattr(m.issue, "question", None) or m.issue.id
    return short_question(q, width)


def print_tables(res: BargainingMCResult, points: bool) -> None:
    import numpy as np

    width = console.width
    t = compact(f"Bargaining forecast — {res.case_id} ({res.params.variant}, "
                f"{res.rounds} rounds, " + ("point estimates)" if points else
                                            f"{res.draws:,} draws, seed {res.seed})"))
    text_column(t, "issue", max_width=max(16, width - 52))
    for col in ("forecast", "80% interval", "P(agree)", "fixed pt / cycle"):
        t.add_column(col, justify="right", no_wrap=True)
    for m in res.issues.values():
        lo, hi = m.interval(0.8)
        sh = m.status_shares()
        ag = m.agreement_prob
        t.add_row(_issue_label(m, 2 * max(16, width - 52)), f"{np.median(m.forecast):.1f}",
                  f"{lo:.1f}–{hi:.1f}", "—" if math.isnan(ag) else f"{ag:.2f}",
                  f"{sh['fixed point']:.0%} / {sh['cycle']:.0%}")
    console.print(t)
    for m in res.issues.values():
        console.print(f"  [dim]{_issue_label(m, 40)}: 0 = {m.issue.scale.zero}; "
                      f"100 = {m.issue.scale.hundred}[/]", highlight=False)
    first = next(iter(res.issues.values()))
    if first.principals:
        a, b = (first.names[i] for i in first.principals)
        console.print(f"  [dim]P(agree): {a} and {b} end within {first.zone:g} points[/]",
                      highlight=False)
    if points:
        console.print("  [dim]every input is a point estimate, so one run is the whole "
                      "distribution[/]")
    for k, run in res.base.runs.items():
        label = _issue_label(res.issues[k], 60)
        console.print()
        name_w = min(22, max(len(short_name(n, 22)) for n in run.names + ["c·s-weighted mean"]))
        fit = max(3, (width - name_w - 4) // 8)
        shown = list(range(run.traj.rounds + 1))
        if len(shown) > fit:
            shown = [0, *shown[len(shown) - fit + 1:]]
        rt = compact(f"{label}: positions by round at the point estimates — {run.status}")
        rt.add_column("actor \\ round", no_wrap=True, max_width=name_w)
        for tt in shown:
            rt.add_column(str(tt), justify="right", no_wrap=True, min_width=5)
        for i, nm in enumerate(run.names):
            rt.add_row(short_name(nm, name_w), *(f"{run.positions[tt, i]:.1f}" for tt in shown))
        rt.add_section()
        rt.add_row("c·s-weighted mean", *(f"{run.traj.mean[0, tt]:.1f}" for tt in shown),
                   style="bold")
        rt.add_row("weighted median", *(f"{run.traj.median[0, tt]:.1f}" for tt in shown),
                   style="bold")
        console.print(rt)
        n = len(run.names)
        if name_w + 4 + 9 * n <= width:
            console.print(_quadrant_table(label, run, name_w))
        else:
            console.print(f"  [dim]{plural(n, 'actor')} — the quadrant table (how each sees "
                          "each other) is in --format json and the report[/]")
    if res.effects is not None and not res.effects.frame.empty:
        df = res.effects.frame
        for k, part in df.groupby("issue", sort=False):
            console.print()
            label = _issue_label(res.issues[k], 60) if k in res.issues else k
            et = compact(f"{label}: what the mediator changes (scenario − as given, "
                         "paired draws)")
            text_column(et, "mediator", max_width=18)
            text_column(et, "scenario")
            et.add_column("Δ forecast [80%]", no_wrap=True)
            et.add_column("Δ P(agree) [95%]", no_wrap=True)
            for r in part.itertuples():
                nan = math.isnan(r.agreement_diff)
                et.add_row(short_name(r.mediator, 18), r.scenario,
                           f"{_sg(r.forecast_diff, 1)} [{_sg(r.forecast_diff_p10, 1)}, "
                           f"{_sg(r.forecast_diff_p90, 1)}]",
                           "—" if nan else f"{_sg(r.agreement_diff, 2)} "
                           f"[{_sg(r.agreement_diff_lo, 2)}, {_sg(r.agreement_diff_hi, 2)}]")
            console.print(et)


def _sg(v: float, nd: int) -> str:
    """Signed number without a negative zero."""
    return f"{round(float(v), nd) + 0.0:+.{nd}f}"


_ABBR = {"conflict": "confl", "compromise": "compr", "capitulation": "capit",
         "stalemate": "stale", "": ""}


def _quadrant_table(label: str, run, name_w: int) -> Table:
    """i's view (row) of its relation with j (column); arrows say who gives way."""
    qt = compact(f"{label}: how each actor (row) sees each other (column) after the last "
                 "round", caption="confl = conflict, compr = compromise, capit = capitulation, "
                 "stale = stalemate; ▼ the row actor gives way, ▲ the column actor does")
    qt.add_column("", no_wrap=True, max_width=name_w)
    for aid in run.actor_ids:
        qt.add_column(aid[:7], no_wrap=True, min_width=6)
    dy = run.dyad_frame()
    cell = {(r.actor, r.other): _ABBR[r.quadrant] + ("" if not r.yields else
                                                     " ▼" if r.yields == r.actor else " ▲")
            for r in dy.itertuples()}
    for a in run.names:
        qt.add_row(short_name(a, name_w), *("" if a == b else cell[(a, b)] for b in run.names))
    return qt


def print_comparison(case: Case, res: BargainingMCResult) -> None:
    """Expected utility vs spatial vs compromise per issue, and the verdict where they split.

    The compromise model runs on the very draws of ``res`` (same seed, count, sampling); the
    spatial model runs once at the point estimates over all issues, as the analysis does.
    The same figures appear in the report's bargaining section for the same seed and budget.
    """
    from jirga.analysis.compromise import compare, compromise_on_draws
    from jirga.vocab import format as fmt

    comp = compromise_on_draws(case, res.draws, res.seed, res.kind, list(res.issues))
    notes = []
    spatial = None
    if len(case.issues) >= 2:
        from jirga.models.spatial.engine import run_spatial

        spatial = run_spatial(case, seed=res.seed)
    else:
        notes.append("spatial model not run: it needs two or more issues")
    cmp = compare(case, comp, res, spatial, notes)
    t = compact(f"Expected utility vs spatial vs compromise — agreement zone {cmp.zone:g}")
    for col in ("issue", "EU", "spatial", "compromise", "spread", f"> {cmp.zone:g}", "cycle"):
        if col == "issue":
            text_column(t, col)
        else:
            t.add_column(col, justify="right", no_wrap=True)
    questions = {i.id: i.question for i in case.issues}
    for r in cmp.rows:
        t.add_row(short_question(questions.get(r.issue, r.issue), 44), fmt.number(r.eu, 1),
                  fmt.number(r.spatial, 1),
                  fmt.number(r.compromise, 1), fmt.number(r.spread, 1),
                  fmt.MISSING if math.isnan(r.spread) else ("yes" if r.disagree else "no"),
                  fmt.pct(r.cycle_share))
    from rich.padding import Padding

    def say(text: str) -> None:  # indented, and wrapped lines keep the indent
        console.print(Padding(text, (0, 0, 0, 2)), highlight=False)

    console.print()
    console.print(t)
    say("[dim]EU: expected-utility median; spatial: final c·s-weighted mean at the point "
        "estimates; compromise: c·s-weighted mean of the positions, median over the same "
        "draws; cycle: share of EU draws that cycle[/]")
    for r in cmp.disagreements():
        say(f"{short_question(questions.get(r.issue, r.issue), 60)}: {r.verdict()}")
    for n in cmp.notes:
        say(f"[dim]{n}[/]")
