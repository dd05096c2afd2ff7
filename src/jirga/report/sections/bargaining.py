"""Bargaining forecast: the expected-utility model under uncertainty, and what the mediator
changes — rendered from the analysis' bargaining result (mediator counterfactuals included) —
set beside the spatial and compromise forecasts (``analysis.compromise``), so that a reader
is told when the models disagree instead of being offered one number.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from jirga.analysis.compromise import ModelComparison
from jirga.analysis.run import CaseAnalysis
from jirga.models.bargaining.plots import plot_distribution, plot_rounds
from jirga.models.bargaining.results import BargainingMCResult
from jirga.report.figures import figure_html, style
from jirga.report.section import Section, render
from jirga.vocab import format as fmt


def _pct(v: float) -> str:
    return "—" if v is None or math.isnan(v) else f"{v:.0%}"


def _sg(v: float, nd: int = 1) -> str:
    """Signed number without a negative zero."""
    return f"{round(float(v), nd) + 0.0:+.{nd}f}"


def _sgp(v: float) -> str:
    """Signed percentage without a negative zero."""
    return f"{round(float(v) * 100) + 0:+.0f}%"


def build(analysis: CaseAnalysis) -> Section | None:
    case = analysis.case
    res = analysis.bargaining.get()
    names = {a.id: a.name for a in case.actors}
    issues = []
    for k, m in res.issues.items():
        run = res.base.runs[k]
        lo, hi = m.interval(0.8)
        sh = m.status_shares()
        dyads = run.dyad_frame()
        quad = [{"actor": r.actor, "other": r.other, "quadrant": r.quadrant, "yields": r.yields,
                 "own": f"{r.eu_challenge:+.3f}", "other_eu": f"{r.eu_challenged:+.3f}"}
                for r in dyads.itertuples()]
        issues.append({
            "issue": m.issue, "median": f"{np.median(m.forecast):.1f}",
            "interval": f"{lo:.1f}–{hi:.1f}", "point": f"{run.forecast:.1f}",
            "agree": _pct(m.agreement_prob), "fixed": _pct(sh["fixed point"]),
            "cycle": _pct(sh["cycle"]), "status": run.status,
            "rounds_chart": figure_html(style(plot_rounds(run, m), height=420)),
            "dist_chart": figure_html(style(plot_distribution(m), height=300)),
            "quadrants": quad, "moves": run.moves_frame().to_dict("records"),
        })
    effects = []
    if res.effects is not None:
        for r in res.effects.frame.itertuples():
            effects.append({
                "issue": r.issue, "mediator": r.mediator, "scenario": r.scenario,
                "forecast": _sg(r.forecast_diff),
                "forecast_iv": f"{_sg(r.forecast_diff_p10)} … {_sg(r.forecast_diff_p90)}",
                "agree": "—" if math.isnan(r.agreement_diff) else _sgp(r.agreement_diff),
                "agree_iv": "—" if math.isnan(r.agreement_diff) else
                f"{_sgp(r.agreement_diff_lo)} … {_sgp(r.agreement_diff_hi)}",
                "base": _pct(r.agreement_base), "scn": _pct(r.agreement_scenario),
            })
    pr = case.principals()
    principals = [names.get(p, p) for p in pr] if pr is not None else []
    comparison, compared = _comparison(analysis)
    for it, k in zip(issues, res.issues, strict=True):
        row = next((r for r in (comparison.rows if comparison else []) if r.issue == k), None)
        v = row.verdict() if row is not None and row.disagree else ""
        it["split"] = v[:1].upper() + v[1:]
    html = render("bargaining.html.j2", issues=issues, effects=effects, res=res,
                  principals=principals, zone=case.analysis.agreement_zone,
                  window=max(1, min(res.params.window, res.rounds)), compared=compared)
    headline, answer = _headline(res, principals, case.analysis.agreement_zone, comparison)
    return Section("bargaining", "Bargaining forecast (expected-utility model)", html, order=35,
                   headline=headline, answer=answer)


def _comparison(analysis: CaseAnalysis) -> tuple[ModelComparison | None, dict[str, Any]]:
    """The three models side by side (``analysis.compromise``), ready for the template."""
    oc = analysis.compromise
    if not oc.ok:
        return None, {"problem": oc.problem or "not run", "rows": []}
    cmp = oc.value.comparison
    comp = oc.value.result
    rows = []
    for r in cmp.rows:
        lo, hi = comp.issues[r.issue].interval(0.8)
        rows.append({"question": r.question, "eu": fmt.number(r.eu, 1),
                     "spatial": fmt.number(r.spatial, 1),
                     "compromise": fmt.number(r.compromise, 1),
                     "compromise_iv": f"{fmt.number(lo, 1)}–{fmt.number(hi, 1)}",
                     "spread": fmt.number(r.spread, 1),
                     "beyond": "—" if math.isnan(r.spread) else ("yes" if r.disagree else "no"),
                     "cycle": fmt.pct(r.cycle_share), "apart": fmt.pct(r.apart_share),
                     "disagree": r.disagree, "verdict": r.verdict()})
    return cmp, {"problem": None, "rows": rows, "notes": cmp.notes, "draws": comp.draws,
                 "zone": f"{cmp.zone:g}",
                 "disagreements": [r for r in rows if r["disagree"]]}


def _headline(res: BargainingMCResult, principals: list[str], zone: float,
              comparison: ModelComparison | None = None) -> tuple[list[str], list[str]]:
    """Findings for the first screen, and the mediator's effect (the case's question).

    Where the expected-utility, spatial and compromise forecasts are further apart than the
    agreement zone, the finding says so instead of quoting the expected-utility number.
    """
    out: list[str] = []
    answer: list[str] = []
    split = {r.issue: r for r in (comparison.disagreements() if comparison is not None else [])}
    with_p = [(k, m) for k, m in res.issues.items() if not math.isnan(m.agreement_prob)]
    if with_p and principals:
        k, m = max(with_p, key=lambda km: km[1].agreement_prob)
        lo, hi = m.interval(0.8)
        where = (split[k].short_verdict() if k in split else
                 f"forecast {np.median(m.forecast):.0f}, 80% interval {lo:.0f}–{hi:.0f}")
        out.append(f"Bargaining model: {principals[0]} and {principals[1]} end within {zone:g} points "
                   f"most often on “{m.issue.question}” ({m.agreement_prob:.0%} of {res.draws} draws; "
                   f"{where}).")
    if comparison is not None and comparison.rows:
        out.append(comparison.headline())
    if res.effects is not None and not res.effects.frame.empty:
        df = res.effects.frame[res.effects.frame.scenario == "removed"]
        if not df.empty:
            key = df.agreement_diff.abs().fillna(0) + df.forecast_diff.abs() / 100
            r = df.loc[key.idxmax()]
            what = (f"changes the chance of the principals agreeing by {_sgp(r.agreement_diff)}"
                    if not math.isnan(r.agreement_diff) and r.agreement_diff != 0 else
                    "leaves the chance of the principals agreeing unchanged")
            question = res.issues[r.issue].issue.question
            answer.append(f"Bargaining model: without {r.mediator}, the forecast on “{question}” "
                       f"moves by a median {_sg(r.forecast_diff)} points (80% interval "
                       f"{_sg(r.forecast_diff_p10)} to {_sg(r.forecast_diff_p90)}) and {what}.")
    return out, answer
