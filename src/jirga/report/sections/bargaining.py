"""Bargaining forecast: the expected-utility model under uncertainty, and what the mediator
changes — rendered from the analysis' bargaining result (mediator counterfactuals included).
"""

from __future__ import annotations

import math

import numpy as np

from jirga.analysis.run import CaseAnalysis
from jirga.models.bargaining.plots import plot_distribution, plot_rounds
from jirga.models.bargaining.results import BargainingMCResult
from jirga.report.figures import figure_html, style
from jirga.report.section import Section, render


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
    html = render("bargaining.html.j2", issues=issues, effects=effects, res=res,
                  principals=principals, zone=case.analysis.agreement_zone,
                  window=max(1, min(res.params.window, res.rounds)))
    headline, answer = _headline(res, principals, case.analysis.agreement_zone)
    return Section("bargaining", "Bargaining forecast (expected-utility model)", html, order=35,
                   headline=headline, answer=answer)


def _headline(res: BargainingMCResult, principals: list[str],
              zone: float) -> tuple[list[str], list[str]]:
    """Findings for the first screen, and the mediator's effect (the case's question)."""
    out: list[str] = []
    answer: list[str] = []
    with_p = [(k, m) for k, m in res.issues.items() if not math.isnan(m.agreement_prob)]
    if with_p and principals:
        k, m = max(with_p, key=lambda km: km[1].agreement_prob)
        lo, hi = m.interval(0.8)
        out.append(f"Bargaining model: {principals[0]} and {principals[1]} end within {zone:g} points "
                   f"most often on “{m.issue.question}” ({m.agreement_prob:.0%} of {res.draws} draws; "
                   f"forecast {np.median(m.forecast):.0f}, 80% interval {lo:.0f}–{hi:.0f}).")
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
