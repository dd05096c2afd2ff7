"""Ceasefire commands: ceasefire (model, counterfactuals, scenarios) and backtest."""

from __future__ import annotations

import math
import re
from pathlib import Path

import typer
from rich.table import Table

from jirga import __version__
from jirga.analysis.load import load_case
from jirga.cli.common import app, console
from jirga.cli.options import budget_option, draws_option, progress, quiet_option, seed_option
from jirga.cli.tables import compact, fixed, longest, short_name, short_question, text_column
from jirga.models.ceasefire.declared import PARAMETERS
from jirga.vocab import format as fmt


def _pct(x: float) -> str:
    return "–" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{x:.0%}"


def _num(x: float, unit: str) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    if math.isinf(x):
        return "beyond horizon"
    return _pct(x) if unit == "probability" else f"{x:,.0f}"


@app.command("ceasefire")
def ceasefire_cmd(
    case: str = typer.Argument(..., help="Case YAML file or built-in case id"),
    budget: str = budget_option(),
    draws: int | None = draws_option(),
    seed: int = seed_option(),
    agreement: str | None = typer.Option(
        None, "--agreement", "-a", help="Ceasefire to model (default: the case's latest)"),
    weeks: int = typer.Option(104, "--weeks", min=4, max=520, help="Horizon in weeks"),
    calibrate: bool = typer.Option(True, "--calibrate/--no-calibrate",
                                   help="Fit uncertain parameters before forecasting"),
    counterfactuals: bool = typer.Option(True, "--counterfactuals/--no-counterfactuals",
                                         help="Also run the counterfactuals"),
    csv: Path | None = typer.Option(None, "--csv", help="Write one row per draw to this CSV"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress display"),
) -> None:
    """Forecast how long a ceasefire holds, who breaks it, what the mediator changes.

    Runs the commitment-problem model (docs/ceasefire-model.md) as of the
    truce's start, calibrated on the ETH/PRIO reference class, the case's earlier
    truces and dated strength estimates; then counterfactuals and scenarios.

    Examples:

    `jirga ceasefire pakistan-ttp-2022`

    `jirga ceasefire pakistan-ttp-2022 --budget thorough --seed 7 --csv draws.csv`

    `jirga ceasefire my-case.yaml --agreement ceasefire-2021-11 --no-counterfactuals`
    """
    from jirga.analysis.budget import get_budget
    from jirga.analysis.run import analyse

    c = load_case(case)
    b = get_budget(budget, draws)
    with progress(quiet) as tell:
        analysis = analyse(c, b, seed, models=("ceasefire",), agreement=agreement, weeks=weeks,
                           progress=tell, calibrated=calibrate, counterfactuals=counterfactuals,
                           backtest=False)
    cfa = analysis.ceasefire.get()
    res = cfa.result
    inp = res.inputs
    names = {a.id: a.name for a in c.actors}
    agreement_name = next((a.name for a in c.agreements if a.id == inp.agreement_id), None)
    console.print(f"[bold]Ceasefire model[/] — {c.id}: {agreement_name or inp.agreement_id}; "
                  f"{names.get(inp.state, inp.state)} vs {names.get(inp.group, inp.group)}, "
                  f"mediator {names.get(inp.mediator, inp.mediator) if inp.mediator else 'none'}"
                  f"; forecast as of {inp.as_of}; talks: {res.talks.source}", highlight=False)
    console.print(f"Numbers from {analysis.provenance()}.", highlight=False)
    if res.calibration is not None:
        cal = res.calibration
        t = compact(f"Calibration (as of {cal.as_of}; ESS {cal.ess:.0f}; "
                    f"{cal.seconds:.1f} s)")
        for col in ("parameter", "fitted", "90% interval", "prior range"):
            t.add_column(col, no_wrap=True)
        for _, r in cal.to_frame().iterrows():
            t.add_row(r.parameter, f"{r.fitted:.3g}", f"{r.low:.3g} – {r.high:.3g}",
                      f"{r.prior_low:.3g} – {r.prior_high:.3g}")
        console.print(t)
        agreements = {a.id: a.name for a in c.agreements if a.name}
        for e in cal.evidence:
            for aid, name in agreements.items():  # the model names truces by id
                e = re.sub(rf"(?<![\w-]){re.escape(aid)}(?![\w-])", name, e)
            console.print(f"  evidence: {fmt.tidy_spans(e)}", highlight=False)
    t = compact(f"Forecast ({res.draws:,} draws, {weeks} weeks, seed {seed}, budget {b.name}; "
                "intervals: 5–95% across parameter worlds)")
    text_column(t, "measure")
    t.add_column("value", no_wrap=True, justify="right")
    t.add_column("interval", no_wrap=True)
    for _, r in res.summary().iterrows():
        t.add_row(r.measure, _num(r.value, r.unit),
                  f"{_num(r.low, r.unit)} – {_num(r.high, r.unit)}")
    console.print(t)
    drivers = res.drivers_frame()
    if not drivers.empty:
        t = compact("What drives each side: median terms of war value − truce value "
                    "(+ pushes to war)")
        text_column(t, "term")
        for col in drivers.columns:
            t.add_column(col, no_wrap=True, justify="right")
        for term, row in drivers.iterrows():
            t.add_row(term, *[f"{v:+.2f}" for v in row])
        console.print(t)
    if cfa.cross_national is not None:
        p, lo, hi = cfa.cross_national.p_breakdown(180)
        console.print(f"  cross-national model (ETH/PRIO, this truce's terms): P(breakdown within "
                      f"180 days) {fmt.pct(p)} ({fmt.interval(lo, hi, 'percent')})",
                      highlight=False)
    if inp.defaults_used:
        console.print(f"  the case sets {len(PARAMETERS) - len(inp.defaults_used)} of "
                      f"{len(PARAMETERS)} parameters; defaults (case-neutral) for: "
                      f"{', '.join(inp.defaults_used)}", highlight=False)
    if cfa.actual is not None:
        lo, hi, breaker, ending = cfa.actual
        who = names.get(breaker, breaker) if breaker else "an unknown side"
        how = f"broken by {who}" if ending == "broken" else f"{ending}, not broken"
        console.print(f"  actual: {how} after {fmt.span_days(lo, hi)}", highlight=False)
    if cfa.counterfactuals is not None:
        console.print(counterfactual_table(c, cfa.counterfactuals, console.width))
    sc = cfa.scenarios
    t = compact(f"Scenarios after {fmt.plural(res.horizon_days, 'day')}")
    text_column(t, "scenario", ratio=2)
    t.add_column("probability", no_wrap=True, justify="right")
    t.add_column("interval", no_wrap=True)
    text_column(t, "conditions", ratio=3)
    for _, r in sc.to_frame().iterrows():
        t.add_row(r.scenario, _pct(r.probability), f"{_pct(r.low)} – {_pct(r.high)}",
                  r.conditions)
    console.print(t)
    for c in cfa.claims:
        verdict = {True: "supported", False: "not supported", None: "untestable"}[c.holds]
        console.print(f"Claim “{c.text}”: {verdict}. {c.finding} {c.sensitivity}".strip(),
                      highlight=False)
    if csv:
        res.to_frame().to_csv(csv, index=False)
        console.print(f"wrote {csv}")


def _change(x: float, unit: str) -> str:
    """A change: in days, or in percentage points for a probability (never "%")."""
    if unit == "probability":
        return fmt.signed(None if x is None else x * 100, 0)
    return fmt.signed(x, 0)


def _measure_label(m: str) -> str:
    """A measure's name short enough for a table cell: 'P(breakdown within 30 days)' ->
    'P(break ≤ 30d)', 'P(armed group ends it within 180 days)' -> 'P(group ends ≤ 180d)'."""
    return (m.replace("median duration (days)", "median duration")
            .replace("P(breakdown within ", "P(break ≤ ")
            .replace("armed group ends it within ", "group ends ≤ ")
            .replace("state ends it within ", "state ends ≤ ")
            .replace(" days)", "d)"))


def counterfactual_table(c, cf, width: int) -> Table:
    """Each counterfactual's change against the case as it is.

    Wide terminals get one column per measure; at 80 columns that grid wraps every cell
    over three lines, so narrow ones get one row per (counterfactual, measure) instead.
    Probabilities change in percentage points; the issue a label names by id is named
    by its question, an actor by its name.
    """
    f = cf.to_frame()
    measures = list(dict.fromkeys(f.measure))
    base = f.drop_duplicates("measure").set_index("measure").baseline
    questions = {i.id: i.question for i in c.issues}

    actors = {a.id: short_name(a.name, 24) for a in c.actors}

    def label(key: str) -> str:
        text = cf.labels[key]
        for iid, q in questions.items():
            text = text.replace(f"'{iid}'", f"“{short_question(q, 40)}”")
        for aid, name in actors.items():  # labels name third parties by id
            text = re.sub(rf"(?<![\w-]){re.escape(aid)}(?![\w-])", name, text)
        return text

    def unit(m: str) -> str:
        return "days" if m.startswith("median") else "probability"

    title = ("Counterfactuals: change vs the case as it is, in days or percentage points "
             "(5–95% across parameter worlds)")
    grid_width = 26 + len(measures) * 17
    if width >= grid_width:
        t = compact(title)
        text_column(t, "counterfactual")
        for m in measures:
            text_column(t, _measure_label(m))
        t.add_row("(the case as it is)", *[_num(base[m], unit(m)) for m in measures])
        for key in cf.runs:
            sub = f[f.counterfactual == key].set_index("measure")
            t.add_row(label(key), *[
                f"{_change(sub.loc[m].change, unit(m))} ({_change(sub.loc[m].low, unit(m))} "
                f"to {_change(sub.loc[m].high, unit(m))})" for m in measures])
        return t
    t = compact(title)
    text_column(t, "counterfactual", ratio=3)
    text_column(t, "measure", ratio=3)
    t.add_column("as it is", no_wrap=True, justify="right")
    t.add_column("change", no_wrap=True, justify="right")
    t.add_column("5–95%", no_wrap=True)
    for key in cf.runs:
        sub = f[f.counterfactual == key].set_index("measure")
        for n, m in enumerate(measures):
            r = sub.loc[m]
            t.add_row(label(key) if n == 0 else "", _measure_label(m), _num(base[m], unit(m)),
                      _change(r.change, unit(m)),
                      f"{_change(r.low, unit(m))} to {_change(r.high, unit(m))}")
        t.add_section()
    return t


@app.command("backtest")
def backtest_cmd(
    case: str = typer.Argument(..., help="Case YAML file or built-in case id"),
    budget: str = budget_option(),
    seed: int = seed_option(),
    horizon: int = typer.Option(90, "--horizon", min=7, help="Forecast horizon in days"),
    step: int = typer.Option(21, "--step", min=1, help="Days between forecast dates"),
    quiet: bool = quiet_option(),
) -> None:
    """Re-run the ceasefire model as of past dates and score it (Brier) against what happened.

    Each forecast uses only what the case knew by its date (agreements, their
    ends, dated strength estimates): the truce being forecast never enters its
    own calibration. Compared with the ETH/PRIO reference-class baseline.

    Examples:

    `jirga backtest pakistan-ttp-2022`

    `jirga backtest my-case.yaml --horizon 60 --step 14`
    """
    from jirga.analysis.budget import get_budget
    from jirga.analysis.ceasefire import run_backtest
    from jirga.analysis.forecasts import forecaster_for

    c = load_case(case)
    b = get_budget(budget)
    with progress(quiet) as tell:
        if tell is not None:
            tell("back-test: calibrating and forecasting as of each date", 0, 0)
        bt = run_backtest(c, b, seed, forecaster_for(b), horizon_days=horizon, step_days=step)
    console.print(f"Numbers from jirga {__version__}, {b.describe()}, seed {seed}.",
                  highlight=False)
    if bt.frame.empty:
        console.print("no dates with a ceasefire in force; nothing to back-test")
        return
    console.print(backtest_table(c, bt.frame, horizon, console.width))
    console.print(bt.verdict(), highlight=False)


def backtest_table(c, frame, horizon: int, width: int) -> Table:
    """One row per forecast date; the truce by its name, cut at a word boundary to about
    two lines of what the other columns leave (the id when the case gives it no name)."""
    names = {a.id: a.name or a.id for a in c.agreements}
    dates = [str(d) for d in frame.date]
    ages = [str(a) for a in frame.age_days]
    windows = [str(w) for w in frame.window_days]
    broke = ["censored" if r.outcome is None or r.outcome != r.outcome else f"{r.outcome:.2g}"
             for r in frame.itertuples()]
    # the fixed columns: values and the compact box's three characters between columns
    used = (longest(dates) + longest(ages, "day") + longest(windows, "window") + 3 * 5
            + longest(broke, "broke") + 3 * 7)
    room = max(12, width - used)
    t = compact(f"Back-test: P(breakdown within {fmt.plural(horizon, 'day')} or by the end "
                "of the term)",
                caption="day = day of the truce; window = days scored; model, ETH, KM = "
                        "P(breakdown) by this model, the ETH/PRIO cross-national model and "
                        "Kaplan–Meier over all ETH/PRIO truces; broke: 1 = yes, 0 = no",
                caption_justify="left")
    fixed(t, "date", dates)
    text_column(t, "truce", max_width=room)
    fixed(t, "day", ages, justify="right")
    fixed(t, "window", windows, justify="right")
    fixed(t, "model", ["0.00"], justify="right")
    fixed(t, "ETH", ["0.00"], justify="right")
    fixed(t, "KM", ["0.00"], justify="right")
    fixed(t, "broke", broke)
    for d, age, w, b, r in zip(dates, ages, windows, broke, frame.itertuples(), strict=True):
        t.add_row(d, short_name(names.get(r.agreement, r.agreement), 2 * room), age, w,
                  f"{r.p_model:.2f}", f"{r.p_cross_national:.2f}", f"{r.p_km_all:.2f}", b)
    return t
