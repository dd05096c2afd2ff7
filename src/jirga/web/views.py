"""What the page receives: runs, scenarios and coded events as plain JSON.

Numbers that are not finite (a truce that outlasts the horizon has an infinite
duration) become ``null``, since JSON has no infinity; the unit says how to read them.
"""

from __future__ import annotations

import math
from typing import Any

from jirga.analysis.outcome import Outcome
from jirga.web.edits import describe
from jirga.web.measures import measures
from jirga.web.state import Scenario
from jirga.web.validate import case_data
from jirga.web.whatif import Run


def clean(x: Any) -> Any:
    """JSON-safe: NaN and ±inf → None, numpy scalars → Python numbers."""
    if isinstance(x, dict):
        return {str(k): clean(v) for k, v in x.items()}
    if isinstance(x, list | tuple):
        return [clean(v) for v in x]
    if hasattr(x, "item") and not isinstance(x, str | bytes):
        try:
            x = x.item()
        except (TypeError, ValueError):
            return str(x)
    if isinstance(x, float) and not math.isfinite(x):
        return None
    return x


def summary_rows(outcome: Outcome) -> list[dict[str, Any]]:
    if not outcome.ok or not hasattr(outcome.value, "summary"):
        return []
    frame = outcome.value.summary()
    return clean(frame.to_dict(orient="records"))


def model_view(outcome: Outcome, summary: bool = True) -> dict[str, Any]:
    """A model's place in a run; ``summary=False`` leaves its table to ``/summary`` (the
    ceasefire model's table bootstraps ten intervals: too slow for every slider move)."""
    return {"ok": outcome.ok, "problem": outcome.problem, "seconds": round(outcome.seconds, 4),
            "summary": summary_rows(outcome) if summary else None}


def answer(run: Run) -> list[str]:
    """Answer-first sentences, as the report opens: the truce, the mediator, the talks."""
    from jirga.vocab import format as fmt

    out: list[str] = []
    if run.ceasefire.ok:
        from jirga.web import fast

        res = run.ceasefire.value
        med, lo, hi = fast.median_duration(res)
        p, plo, phi = fast.p_break_within(res, 180)
        out.append(f"The truce lasts a median {fmt.days(med)} days (90% interval {fmt.days(lo)} – "
                   f"{fmt.days(hi)} days); P(it breaks within 180 days) {fmt.pct(p)} "
                   f"({fmt.pct(plo)} – {fmt.pct(phi)}).")
    if run.counterfactuals.ok:
        out.extend(run.counterfactuals.value.headline())
    if run.bargaining.ok:
        probs = run.bargaining.value.agreement_prob
        if probs:
            best = max(probs, key=lambda k: probs[k])
            out.append(f"At the table the principals most likely agree on {best} "
                       f"(P {fmt.pct(probs[best])}); least on {min(probs, key=lambda k: probs[k])}.")
    for name, o in (("bargaining", run.bargaining), ("ceasefire", run.ceasefire),
                    ("spatial", run.spatial), ("tension", run.tension)):
        if not o.ok:
            out.append(f"{name} model: not run — {o.problem}")
    return out


def run_view(run: Run, scenario: Scenario) -> dict[str, Any]:
    tension = None
    if run.tension.ok:
        idx = run.tension.value["index"]
        tension = {"weeks": int(idx.week.nunique()), "peak": clean(float(idx.tension.max()))}
    return {
        "scenario": scenario.name, "version": scenario.version, "tier": "what-if",
        "budget": run.budget.to_dict(), "seed": run.seed, "seconds": round(run.seconds, 4),
        "cpu_seconds": round(run.cpu_seconds, 4), "steps": run.steps,
        "calibration": run.calibration, "provenance": run.provenance(),
        "answer": answer(run),
        "models": {"bargaining": model_view(run.bargaining),
                   "ceasefire": model_view(run.ceasefire, summary=False),
                   "counterfactuals": model_view(run.counterfactuals),
                   "spatial": model_view(run.spatial),
                   "tension": {**model_view(run.tension), "index": tension}},
        "measures": [m.public() for m in measures(run)],
    }


def scenario_view(scn: Scenario, with_case: bool = True) -> dict[str, Any]:
    out: dict[str, Any] = {"name": scn.name, "version": scn.version,
                           "edits": [{"label": describe(e), **e.model_dump(mode="json")}
                                     for e in scn.edits]}
    if with_case:
        out["case"] = case_data(scn.current())
    return out
