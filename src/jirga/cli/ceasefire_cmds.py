"""Ceasefire commands: ceasefire (model, counterfactuals, scenarios) and backtest."""

from __future__ import annotations

import math
from pathlib import Path

import typer
from rich.table import Table

from jirga import __version__
from jirga.analysis.load import load_case
from jirga.cli.common import app, console
from jirga.cli.options import budget_option, draws_option, progress, seed_option
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
    console.print(f"[bold]Ceasefire model[/] — {c.id} / {inp.agreement_id}: {inp.state} vs "
                  f"{inp.group}, mediator {inp.mediator or 'none'}; forecast as of {inp.as_of}; "
                  f"talks: {res.talks.source}", highlight=False)
    console.print(f"Numbers from {analysis.provenance()}.", highlight=False)
    if res.calibration is not None:
        cal = res.calibration
        t = Table(title=f"Calibration (as of {cal.as_of}; ESS {cal.ess:.0f}; "
                        f"{cal.seconds:.1f} s)")
        for col in ("parameter", "fitted", "90% interval", "prior range"):
            t.add_column(col)
        for _, r in cal.to_frame().iterrows():
            t.add_row(r.parameter, f"{r.fitted:.3g}", f"{r.low:.3g} – {r.high:.3g}",
                      f"{r.prior_low:.3g} – {r.prior_high:.3g}")
        console.print(t)
        for e in cal.evidence:
            console.print(f"  evidence: {e}", highlight=False)
    t = Table(title=f"Forecast ({res.draws} draws, {weeks} weeks, seed {seed}, budget {b.name}; "
                    "intervals: 5–95% across parameter worlds)")
    for col in ("measure", "value", "interval"):
        t.add_column(col)
    for _, r in res.summary().iterrows():
        t.add_row(r.measure, _num(r.value, r.unit),
                  f"{_num(r.low, r.unit)} – {_num(r.high, r.unit)}")
    console.print(t)
    drivers = res.drivers_frame()
    if not drivers.empty:
        t = Table(title="What drives each side: median terms of war value − truce value "
                        "(+ pushes to war)")
        t.add_column("term")
        for col in drivers.columns:
            t.add_column(col)
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
        how = f"broken by {breaker or 'an unknown side'}" if ending == "broken" else \
            f"{ending}, not broken"
        console.print(f"  actual: {how} after {fmt.span_days(lo, hi)}", highlight=False)
    if cfa.counterfactuals is not None:
        cf = cfa.counterfactuals
        f = cf.to_frame()
        t = Table(title="Counterfactuals: change vs the case as it is "
                        "(5–95% across parameter worlds)")
        measures = list(dict.fromkeys(f.measure))
        t.add_column("counterfactual")
        for m in measures:
            t.add_column(m.replace("P(breakdown within ", "P(break ≤ ").replace(" days)", "d)"))
        base = f.drop_duplicates("measure").set_index("measure").baseline
        t.add_row("(the case as it is)", *[
            _num(base[m], "days" if m.startswith("median") else "probability") for m in measures])
        for key in cf.runs:
            sub = f[f.counterfactual == key].set_index("measure")
            cells = []
            for m in measures:
                unit = "days" if m.startswith("median") else "probability"
                r = sub.loc[m]
                cells.append(f"{_signed(r.change, unit)} ({_signed(r.low, unit)} to "
                             f"{_signed(r.high, unit)})")
            t.add_row(cf.labels[key], *cells)
        console.print(t)
    sc = cfa.scenarios
    t = Table(title=f"Scenarios after {res.horizon_days} days")
    for col in ("scenario", "probability", "interval", "conditions"):
        t.add_column(col)
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


def _signed(x: float, unit: str) -> str:
    if x is None or (isinstance(x, float) and (math.isnan(x) or math.isinf(x))):
        return "–"
    if unit == "probability":
        return "+0%" if abs(x) < 0.005 else f"{x:+.0%}"
    return "+0" if abs(x) < 0.5 else f"{x:+,.0f}"


@app.command("backtest")
def backtest_cmd(
    case: str = typer.Argument(..., help="Case YAML file or built-in case id"),
    budget: str = budget_option(),
    seed: int = seed_option(),
    horizon: int = typer.Option(90, "--horizon", min=7, help="Forecast horizon in days"),
    step: int = typer.Option(21, "--step", min=1, help="Days between forecast dates"),
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
    bt = run_backtest(c, b, seed, forecaster_for(b), horizon_days=horizon, step_days=step)
    console.print(f"Numbers from jirga {__version__}, {b.describe()}, seed {seed}.",
                  highlight=False)
    if bt.frame.empty:
        console.print("no dates with a ceasefire in force; nothing to back-test")
        return
    t = Table(title=f"Back-test: P(breakdown within {horizon} days or by the end of the term)")
    for col in ("date", "truce", "day", "window", "model", "cross-national", "KM all",
                "broke"):
        t.add_column(col, no_wrap=col in ("date", "truce"))
    for _, r in bt.frame.iterrows():
        scored = not (r.outcome is None or r.outcome != r.outcome)
        t.add_row(str(r.date), r.agreement, str(r.age_days), str(r.window_days),
                  f"{r.p_model:.2f}", f"{r.p_cross_national:.2f}", f"{r.p_km_all:.2f}",
                  f"{r.outcome:.2g}" if scored else "censored")
    console.print(t)
    console.print(bt.verdict(), highlight=False)
