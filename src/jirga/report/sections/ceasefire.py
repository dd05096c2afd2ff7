"""Ceasefire section: how long the truce holds, what the mediator changes, scenarios, back-test.

Runs the ceasefire model (calibrated as of the truce's start), the
counterfactuals, the scenarios and the back-test, and leaves them in
``ctx.cache["ceasefire"]``. Reuses the bargaining section's forecast when it is
in ``ctx.cache["bargaining"]``. Headline findings answer "what does the
mediation mean?" with numbers and intervals.
"""

from __future__ import annotations

import math

from jirga.case.schema import Case
from jirga.errors import InputError
from jirga.report.figures import figure_html, style, with_names
from jirga.report.section import ReportContext, Section, render


def _pct(x: float) -> str:
    return "–" if x is None or math.isnan(x) else f"{x:.0%}"


def _days(x: float) -> str:
    if x is None or math.isnan(x):
        return "–"
    return "beyond the horizon" if math.isinf(x) else f"{x:,.0f}"


def _signed(x: float, pct: bool = True) -> str:
    if x is None or math.isnan(x) or math.isinf(x):
        return "–"
    if pct:
        return "+0%" if abs(x) < 0.005 else f"{x:+.0%}"
    return "+0" if abs(x) < 0.5 else f"{x:+,.0f}"


PULL_VALUES = (0.0, 0.05, 0.1, 0.2, 0.3)


def _label_names(case: Case) -> dict[str, str]:
    """Issue questions and actor names by id, for the model's labels in charts."""
    return {**{i.id: i.question for i in case.issues}, **{a.id: a.name for a in case.actors}}


def _observed_end(case: Case, inputs) -> tuple[int, int] | None:
    """The truce's real end (days after its start) as the case knows it, for the charts."""
    from jirga.models.ceasefire_params import inputs_from_case

    if case.analysis.as_of is None:
        return inputs.observed_end
    known = inputs_from_case(case, inputs.agreement_id, as_of=case.analysis.as_of.latest)
    return known.observed_end


def _cached_forecast(ctx: ReportContext):
    bargaining = ctx.cache.get("bargaining")
    return getattr(bargaining, "forecast_draws", None)


def _backtest_kwargs(ctx: ReportContext) -> dict:
    # a lighter calibration budget than `jirga backtest` keeps `jirga run` quick
    return {"draws": min(ctx.draws, 1000), "seed": ctx.seed, "n_theta": 512, "reps": 16}


def background(case: Case, ctx: ReportContext) -> dict:
    """The back-test needs only the case: it runs in the second process."""
    from jirga.models.ceasefire_backtest import backtest

    return {"ceasefire-backtest": (backtest, (case,), _backtest_kwargs(ctx))}


def build(case: Case, ctx: ReportContext) -> Section | None:
    from jirga.models.ceasefire import run_ceasefire
    from jirga.models.ceasefire_backtest import backtest
    from jirga.models.ceasefire_calibration import calibrate
    from jirga.models.ceasefire_counterfactuals import run_counterfactuals, sweep
    from jirga.models.ceasefire_params import inputs_from_case
    from jirga.models.ceasefire_refclass import REFERENCE_CLASSES
    from jirga.models.scenarios import scenarios

    try:
        inputs = inputs_from_case(case)
    except (InputError, KeyError):
        return None
    if inputs.agreement_id is None:
        return None
    names = {a.id: a.name for a in case.actors}
    # a lighter budget than the CLI's default keeps `jirga run` quick (ESS ~200)
    cal = calibrate(case, agreement_id=inputs.agreement_id, seed=ctx.seed, n_theta=1024,
                    rounds=2, forecast_draws=_cached_forecast(ctx))
    res = run_ceasefire(case, inputs.agreement_id, draws=ctx.draws, seed=ctx.seed,
                        calibration=cal, calibrate=False, forecast_draws=_cached_forecast(ctx))
    cf = run_counterfactuals(case, baseline=res)
    pull = sweep(case, "pressure_weight", PULL_VALUES, baseline=res) if inputs.mediator else None
    sc = scenarios(res)
    bt = ctx.job("ceasefire-backtest", backtest, case, **_backtest_kwargs(ctx))
    ctx.cache["ceasefire"] = {"result": res, "calibration": cal, "counterfactuals": cf,
                              "scenarios": sc, "backtest": bt}

    group, state = names.get(inputs.group, inputs.group), names.get(inputs.state, inputs.state)
    mediator = names.get(inputs.mediator, inputs.mediator) if inputs.mediator else None
    summary = [
        {"measure": r.measure, "value": _days(r.value) if r.unit in ("days", "fighters")
         else _pct(r.value),
         "interval": (f"{_days(r.low)} – {_days(r.high)}" if r.unit in ("days", "fighters")
                      else f"{_pct(r.low)} – {_pct(r.high)}")}
        for r in res.summary().itertuples()
    ]
    cff = cf.to_frame()
    measures = list(dict.fromkeys(cff.measure))
    cf_rows = []
    for key in cf.runs:
        sub = cff[cff.counterfactual == key].set_index("measure")
        cells = []
        for m in measures:
            r = sub.loc[m]
            pct = not m.startswith("median")
            cells.append(f"{_signed(r.change, pct)} ({_signed(r.low, pct)} to "
                         f"{_signed(r.high, pct)})")
        cf_rows.append({"label": cf.labels[key], "cells": cells})
    base = cff.drop_duplicates("measure").set_index("measure").baseline
    base_cells = [_days(base[m]) if m.startswith("median") else _pct(base[m]) for m in measures]
    scf = sc.to_frame()
    claim = sc.claim_check()
    # the verdict leans on the fading of hope at the table (weakly identified): show it without
    steady = run_ceasefire(case, inputs.agreement_id, draws=res.draws, seed=ctx.seed,
                           calibration=cal, calibrate=False, overrides={"talks_decay": 0.0},
                           talks=res.talks)
    claim_steady = scenarios(steady).claim_check()
    renewed = claim_steady.get("share_renewed_conflict", float("nan"))
    frozen = claim_steady.get("frozen_truce_share", float("nan"))
    claim["sensitivity"] = (
        "If the group's hope of gains at the table did not fade (talks_decay = 0), "
        f"{_pct(renewed)} of draws without a step back would see renewed conflict and "
        f"{_pct(frozen)} would be frozen truces.")
    scores = bt.scores() if not bt.frame.empty else None
    med, med_lo, med_hi = res.median_duration()
    p180, p180_lo, p180_hi = res.p_break_within(180)
    shares = res.breaker_shares()

    figs = {
        "survival": figure_html(style(res.plot_survival(observed_end=_observed_end(case, inputs)))),
        "strength": figure_html(style(res.plot_strength())),
        "counterfactuals": figure_html(style(with_names(cf.plot(), _label_names(case)), height=340)),
        "scenarios": figure_html(style(sc.plot(), height=340)),
        "backtest": figure_html(style(bt.plot(), height=320)) if scores else None,
    }
    html = render(
        "ceasefire.html.j2", inputs=inputs, names=names, group=group, state=state,
        mediator=mediator, res=res, cal=cal, cal_rows=cal.summary().to_dict("records"),
        summary=summary, measures=measures, cf_rows=cf_rows, base_cells=base_cells,
        scenarios=scf.to_dict("records"), claim=claim, backtest=bt.frame.to_dict("records"),
        scores=scores, figs=figs, reference=REFERENCE_CLASSES[inputs.reference_class],
        talks_source=res.talks.source,
        drivers=[{"term": k, "values": [f"{v:+.2f}" for v in row]}
                 for k, row in res.drivers_frame().iterrows()],
        driver_weeks=list(res.drivers_frame().columns),
        pull=None if pull is None else [
            {"value": f"{r.value:g}", "median": _days(r.median_days),
             "p180": f"{_pct(r.p_break_180d)} ({_pct(r.p_break_180d_low)}–"
                     f"{_pct(r.p_break_180d_high)})"} for r in pull.itertuples()],
    )

    actual = ""
    if case.analysis.as_of is not None:
        known = inputs_from_case(case, inputs.agreement_id, as_of=case.analysis.as_of.latest)
        if known.observed_end is not None:
            lo, hi = known.observed_end
            who = names.get(known.observed_breaker, known.observed_breaker or "an unknown side")
            actual = f" Actual: it ended after {lo}–{hi} days, broken by {who}."
    headline = [
        f"Ceasefire model, forecast as the truce began ({inputs.as_of}): median duration "
        f"{_days(med)} days (90% range across plausible parameters {_days(med_lo)}–"
        f"{_days(med_hi)}); P(breakdown within 180 days) {_pct(p180)} "
        f"({_pct(p180_lo)}–{_pct(p180_hi)}); {group} starts {_pct(shares['group'])} of "
        f"breakdowns.{actual}",
    ]
    answer = []
    if mediator:
        row = cff[(cff.counterfactual == "no_mediator")
                  & (cff.measure == "P(breakdown within 180 days)")].iloc[0]
        row_u = cff[(cff.counterfactual == "unbiased_mediator")
                    & (cff.measure == "P(breakdown within 180 days)")].iloc[0]
        answer.append(
            f"Ceasefire model: without {mediator}, P(breakdown within 180 days) goes "
            f"from {_pct(row.baseline)} to {_pct(row.counterfactual_value)} (change "
            f"{_signed(row.change)}, 90% range {_signed(row.low)} to {_signed(row.high)}); "
            f"an unbiased mediator, credible to neither side, {_signed(row_u.change)} "
            f"({_signed(row_u.low)} to {_signed(row_u.high)}). This rests on the assumed pull "
            f"of its leverage: with the pressure weight from {PULL_VALUES[0]:g} to "
            f"{PULL_VALUES[-1]:g}, P(breakdown within 180 days) runs from "
            f"{_pct(pull.p_break_180d.iloc[0])} to {_pct(pull.p_break_180d.iloc[-1])}.")
    top = scf.sort_values("probability", ascending=False).iloc[0]
    headline.append(f"Most likely outcome after {res.horizon_days} days: {top.scenario}, "
                    f"{_pct(top.probability)} ({_pct(top.low)}–{_pct(top.high)}). "
                    + claim["text"] + " " + claim["sensitivity"])
    if scores:
        headline.append(
            f"Ceasefire back-test ({scores['forecasts']} forecasts of breakdown within 90 days): "
            f"Brier {scores['brier_model']:.2f} vs {scores['brier_reference_class']:.2f} for the "
            f"ETH/PRIO reference class and 0.25 for always-50%.")
    return Section("ceasefire", "Ceasefire: durability and the mediator", html, order=60,
                   headline=headline, answer=answer)
