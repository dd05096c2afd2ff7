"""Ceasefire section: how long the truce holds, what the mediator changes, scenarios, back-test.

Renders the analysis' ceasefire results (calibrated as of the truce's start, with the
counterfactuals, the mediator's-pull sweep, scenarios and back-test). Headline findings
answer "what does the mediation mean?" with numbers and intervals.
"""

from __future__ import annotations

from jirga.analysis.run import CaseAnalysis
from jirga.models.ceasefire.refclass import REFERENCE_CLASSES
from jirga.report.figures import figure_html, style, with_names
from jirga.report.section import Section, render
from jirga.vocab import format as fmt


def _pct(x: float) -> str:
    return fmt.pct(x)


def _days(x: float) -> str:
    return fmt.days(x)


def _signed(x: float, pct: bool = True) -> str:
    """A change: percentage points for probabilities, days otherwise."""
    return fmt.points(x) if pct else fmt.signed(x, 0, "days")


#: the parameters that move the forecast most (docs/ceasefire-model.md, sensitivity)
DRIVING = ("recruitment", "war_gain_group", "threshold", "talks_decay", "pressure_weight",
           "leverage_group", "bias")


def _label_names(case) -> dict[str, str]:
    """Issue questions and actor names by id, for the model's labels in charts."""
    return {**{i.id: i.question for i in case.issues}, **{a.id: a.name for a in case.actors}}


def _defaults(inputs) -> dict:
    """How many parameters the case gives, and which driving ones rest on defaults."""
    from jirga.models.ceasefire.declared import PARAMETERS

    used = set(inputs.defaults_used)
    driving = [d for d in DRIVING if d in used and (inputs.mediator or d not in
                                                    ("pressure_weight", "leverage_group", "bias"))]
    return {"given": len(PARAMETERS) - len(used), "total": len(PARAMETERS),
            "driving": ", ".join(driving)}


def build(analysis: CaseAnalysis) -> Section | None:
    case = analysis.case
    cfa = analysis.ceasefire.get()
    inputs, cal, res, cf, pull, sc = (cfa.inputs, cfa.calibration, cfa.result,
                                      cfa.counterfactuals, cfa.pull, cfa.scenarios)
    bt = cfa.backtest
    names = {a.id: a.name for a in case.actors}

    group, state = names.get(inputs.group, inputs.group), names.get(inputs.state, inputs.state)
    mediator = names.get(inputs.mediator, inputs.mediator) if inputs.mediator else None
    third = [names.get(t, t) for t in inputs.third_parties]
    third_names = (third[0] if len(third) == 1 else
                   "its third parties (" + ", ".join(third) + ")") if third else None
    summary = [
        {"measure": r.measure, "value": _days(r.value) if r.unit in ("days", "fighters")
         else _pct(r.value),
         "interval": (f"{_days(r.low)} – {_days(r.high)}" if r.unit in ("days", "fighters")
                      else f"{_pct(r.low)} – {_pct(r.high)}")}
        for r in res.summary().itertuples()
    ]
    cff = cf.to_frame() if cf is not None else None
    measures = list(dict.fromkeys(cff.measure)) if cff is not None else []
    cf_rows = []
    for key in (cf.runs if cf is not None else []):
        sub = cff[cff.counterfactual == key].set_index("measure")
        cells = []
        for m in measures:
            r = sub.loc[m]
            pct = not m.startswith("median")
            cells.append(f"{_signed(r.change, pct)} ({_signed(r.low, pct)} to "
                         f"{_signed(r.high, pct)})")
        cf_rows.append({"label": cf.labels[key], "cells": cells})
    base = (cff.drop_duplicates("measure").set_index("measure").baseline
            if cff is not None else {})
    base_cells = [_days(base[m]) if m.startswith("median") else _pct(base[m]) for m in measures]
    scf = sc.to_frame()
    scores = bt.scores() if bt is not None and bt.scores()["forecasts"] else None
    xn = None
    if cfa.cross_national is not None:
        fc = cfa.cross_national
        p, lo, hi = fc.p_breakdown(180)
        when = fc.model_info.get("as_of")
        xn = {"p180": _pct(p), "p180_band": fmt.interval(lo, hi, "percent"),
              "p365": _pct(fc.p_breakdown(365)[0]),
              "fit": f"fit on ceasefires known on {when}" if when else "fit on ETH/PRIO 1989–2020"}
    med, med_lo, med_hi = res.median_duration()
    p180, p180_lo, p180_hi = res.p_break_within(180)
    shares = res.breaker_shares()

    figs = {
        # the real outcome, which the forecast (made as the truce began) does not know
        "survival": figure_html(style(res.plot_survival(
            observed_end=cfa.actual[:2] if cfa.actual is not None else None))),
        "strength": figure_html(style(res.plot_strength())),
        "counterfactuals": (figure_html(style(with_names(cf.plot(), _label_names(case)), height=340))
                            if cf is not None else ""),
        "scenarios": figure_html(style(sc.plot(), height=340)),
        "backtest": figure_html(style(bt.plot(), height=320)) if scores else None,
    }
    html = render(
        "ceasefire.html.j2", inputs=inputs, names=names, group=group, state=state,
        mediator=mediator, res=res, cal=cal,
        cal_rows=cal.to_frame().to_dict("records") if cal is not None else [],
        summary=summary, measures=measures, cf_rows=cf_rows, base_cells=base_cells,
        scenarios=scf.to_dict("records"), claims=cfa.claims, xn=xn,
        defaults=_defaults(inputs), verdict=bt.verdict() if bt is not None else "",
        backtest=bt.frame.to_dict("records") if bt is not None else [],
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
    if cfa.actual is not None:
        lo, hi, breaker, ending = cfa.actual
        if ending == "broken":
            who = names.get(breaker, breaker or "an unknown side")
            actual = f" Actual: broken after {fmt.span_days(lo, hi)}, by {who}."
        else:
            actual = f" Actual: {ending} after {fmt.span_days(lo, hi)}, without a breakdown."
    headline = [
        f"Ceasefire model, forecast as the truce began ({inputs.as_of}): median duration "
        f"{_days(med)} days (90% range across plausible parameters {_days(med_lo)}–"
        f"{_days(med_hi)}); P(breakdown within 180 days) {_pct(p180)} "
        f"({_pct(p180_lo)}–{_pct(p180_hi)}); {group} starts {_pct(shares['group'])} of "
        f"breakdowns.{actual}",
    ]
    answer = []
    p, lo, hi = res.p_break_within(180)
    xn_text = ""
    if cfa.cross_national is not None:
        xp = cfa.cross_national.p_breakdown(180)[0]
        xn_text = (f"; ceasefires with the same terms in the ETH/PRIO data break within 180 days "
                   f"{fmt.pct(xp)} of the time")
    answer.append(
        f"Ceasefire model: a breakdown of {inputs.agreement_id} within 180 days of its start is "
        f"{fmt.likelihood(p)} ({fmt.pct(p)}; across plausible parameters {fmt.pct(lo)}–"
        f"{fmt.pct(hi)}){xn_text}.")
    if mediator and cff is not None and pull is not None:
        row = cff[(cff.counterfactual == "no_mediator")
                  & (cff.measure == "P(breakdown within 180 days)")].iloc[0]
        row_u = cff[(cff.counterfactual == "unbiased_mediator")
                    & (cff.measure == "P(breakdown within 180 days)")].iloc[0]
        answer.append(
            f"Ceasefire model: without {third_names}, P(breakdown within 180 days) goes "
            f"from {_pct(row.baseline)} to {_pct(row.counterfactual_value)} "
            f"({_signed(row.change)}, 90% range {_signed(row.low)} to {_signed(row.high)}); "
            f"an unbiased mediator, credible to neither side, {_signed(row_u.change)} "
            f"({_signed(row_u.low)} to {_signed(row_u.high)}). This rests on the assumed pull "
            f"of the third parties' leverage (an assumption, not measured): with the pressure "
            f"weight from {cfa.pull_values[0]:g} to {cfa.pull_values[-1]:g}, P(breakdown "
            f"within 180 days) runs from {_pct(pull.p_break_180d.iloc[0])} to "
            f"{_pct(pull.p_break_180d.iloc[-1])}.")
    top = scf.sort_values("probability", ascending=False).iloc[0]
    headline.append(f"Most likely outcome after {res.horizon_days} days: {top.scenario}, "
                    f"{_pct(top.probability)} ({_pct(top.low)}–{_pct(top.high)}).")
    for c in cfa.claims:
        verdict = {True: "supported", False: "not supported", None: "untestable"}[c.holds]
        headline.append(f"Claim “{c.text}”: {verdict}. {c.finding} {c.sensitivity}".strip())
    if xn:
        headline.append(f"Cross-national model (ETH/PRIO, this truce's terms): P(breakdown "
                        f"within 180 days) {xn['p180']} ({xn['p180_band']}).")
    if scores:
        headline.append(f"Ceasefire back-test: {bt.verdict()}")
    return Section("ceasefire", "Ceasefire: durability and the mediator", html, order=60,
                   headline=headline, answer=answer)
