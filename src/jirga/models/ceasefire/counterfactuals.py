"""Counterfactuals for the ceasefire model: what the mediation (and other levers) change.

Each counterfactual re-runs the model with the same seed — so every draw keeps
its random numbers and sampled parameters (common random numbers) — and changes
one thing:

- ``no_mediator``: every third party (mediators, facilitators, guarantors) is removed
  — their leverage and advice; with two or more, ``without:<id>`` removes each in turn;
- ``unbiased_mediator``: the mediator's lean is set to the midpoint (0.5), which
  by Kydd's logic makes its advice credible to neither side; leverage unchanged;
- ``more_leverage``: the mediator's leverage over the armed group × 1.5 (≤ 1);
- ``state_concedes``: the state takes the group's position on the issue the
  group cares most about relative to the distance (the bargaining forecast is re-run);
- ``recruitment_halved``: the group's truce-time recruitment rate × 0.5.

Differences are reported with 5–95% intervals across parameter worlds (paired).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

import numpy as np
import pandas as pd

from jirga.case.schema import Case
from jirga.models.ceasefire.engine import Forecaster
from jirga.models.ceasefire.result import HORIZONS, CeasefireResult, _median_days
from jirga.models.ceasefire.run import run_ceasefire
from jirga.models.results import ResultBase, summary_frame
from jirga.models.seeds import stream
from jirga.plotting import LIGHT

COUNTERFACTUALS: dict[str, tuple[str, dict, bool]] = {
    "no_mediator": ("no mediator", {"mediator_present": 0.0}, False),
    "unbiased_mediator": ("an unbiased mediator (lean 0.5)", {"bias": 0.5}, False),
    "more_leverage": ("mediator with 50% more leverage over the armed group",
                      {"leverage_group": lambda x: np.minimum(1.0, 1.5 * x)}, False),
    "state_concedes": ("the state concedes on one issue", {}, True),
    "recruitment_halved": ("the armed group's recruitment halved",
                           {"recruitment": lambda x: 0.5 * x}, False),
}


#: counterfactuals that change the third parties' role (pointless for an unmediated truce)
MEDIATOR_COUNTERFACTUALS = ("no_mediator", "unbiased_mediator", "more_leverage")


def _share_within(d: np.ndarray, days: float) -> float:
    return float((d <= days).mean())


def _durations(res: CeasefireResult, side: int) -> np.ndarray:
    """Truce durations; with ``side`` 1 or 2, only truces that side ended (others: inf)."""
    d = res.duration_days
    return d if side == 0 else np.where(res.breaker == side, d, np.inf)


@dataclass
class CounterfactualResult(ResultBase):
    """Baseline and counterfactual runs with paired differences."""

    title = "ceasefire counterfactuals"

    baseline: CeasefireResult
    runs: dict[str, CeasefireResult]
    labels: dict[str, str]
    n_boot: int = 200

    def to_frame(self) -> pd.DataFrame:
        """One row per (counterfactual, measure): baseline, counterfactual, change, interval.

        The interval is the 5–95% range of the change across parameter "worlds"
        (paired: the same world and random numbers with and without the change).
        """
        base_res = self.baseline
        rows = []
        measures = [("median duration (days)", _median_days, 0)]
        measures += [(f"P(breakdown within {h} days)", partial(_share_within, days=h), 0)
                     for h in HORIZONS]
        # who ends it: durations counted only where that side broke the truce first
        measures += [("P(armed group ends it within 180 days)",
                      partial(_share_within, days=180), 1),
                     ("P(state ends it within 180 days)", partial(_share_within, days=180), 2)]
        for key, res in self.runs.items():
            for name, stat, side in measures:
                base, alt = _durations(base_res, side), _durations(res, side)
                gb, ga = base_res.by_world(base), res.by_world(alt)
                b, a = stat(base), stat(alt)
                if gb is not None and ga is not None:
                    diffs = np.array([stat(x) - stat(y) for x, y in zip(ga, gb, strict=True)])
                else:
                    rng = stream(base_res.seed, "counterfactuals", "pairing")
                    idx = rng.integers(0, len(base), size=(self.n_boot, len(base)))
                    diffs = np.array([stat(alt[i]) - stat(base[i]) for i in idx])
                finite = diffs[np.isfinite(diffs)]
                lo, hi = (np.quantile(finite, [0.05, 0.95]) if len(finite) >= len(diffs) // 2
                          and len(finite) else (np.nan, np.nan))
                rows.append({"counterfactual": key, "label": self.labels[key], "measure": name,
                             "baseline": b, "counterfactual_value": a,
                             "change": a - b if np.isfinite(a - b) else np.nan,
                             "low": lo, "high": hi})
        return pd.DataFrame(rows)

    def summary(self) -> pd.DataFrame:
        """The paired change in each measure under each counterfactual, with its interval."""
        return summary_frame([
            {"measure": f"{r.label}: {r.measure}", "value": r.change, "low": r.low,
             "high": r.high,
             "unit": "days" if r.measure.startswith("median") else "probability change"}
            for r in self.to_frame().itertuples()])

    def text(self) -> str:
        return "\n".join([self.title, *("  " + h for h in self.headline())])

    def headline(self) -> list[str]:
        """One sentence per counterfactual on the 180-day breakdown probability."""
        f = self.to_frame()
        out = []
        for key in self.runs:
            r = f[(f.counterfactual == key) & (f.measure == "P(breakdown within 180 days)")].iloc[0]
            out.append(f"{r.label}: P(breakdown within 180 days) {r.baseline:.0%} → "
                       f"{r.counterfactual_value:.0%} (change {r.change:+.0%}, 90% interval "
                       f"{r.low:+.0%} to {r.high:+.0%})")
        return out

    def plot(self, measure: str = "P(breakdown within 180 days)"):
        """Change in one measure per counterfactual, with intervals (plotly)."""
        import plotly.graph_objects as go

        f = self.to_frame()
        f = f[f.measure == measure]
        fig = go.Figure(go.Bar(
            x=f.change, y=f.label, orientation="h",
            error_x=dict(type="data", symmetric=False, array=(f.high - f.change).fillna(0),
                         arrayminus=(f.change - f.low).fillna(0)),
        ))
        fig.update_layout(title=f"Change in {measure} vs the case as it is",
                          xaxis_title="change", template=LIGHT,
                          xaxis_tickformat=".0%" if measure.startswith("P(") else None)
        return fig


def run_counterfactuals(case: Case, draws: int = 2000, seed: int = 0,
                        agreement_id: str | None = None, calibration=None,
                        weeks: int = 104, which: list[str] | None = None,
                        baseline: CeasefireResult | None = None,
                        forecaster: Forecaster | None = None) -> CounterfactualResult:
    """Baseline plus each counterfactual, with common random numbers.

    ``forecaster`` forecasts the talks (needed again where a counterfactual changes the
    case, e.g. the state conceding an issue); give the one the baseline used.
    """
    if baseline is None:
        baseline = run_ceasefire(case, agreement_id, draws=draws, seed=seed, weeks=weeks,
                                 calibration=calibration, calibrate=calibration is None,
                                 forecaster=forecaster)
    calibration = baseline.calibration
    draws = baseline.draws
    runs, labels = {}, {}
    third = baseline.inputs.third_parties
    keys = list(which or COUNTERFACTUALS)
    if not third:  # an unmediated truce: nothing for the mediator counterfactuals to change
        keys = [k for k in keys if k not in MEDIATOR_COUNTERFACTUALS]
    for key in keys:
        _, overrides, concede = COUNTERFACTUALS[key]
        label = counterfactual_label(key, third)
        res = run_ceasefire(case, baseline.inputs.agreement_id, draws=draws, seed=baseline.seed,
                            weeks=weeks, calibration=calibration, calibrate=False,
                            overrides=overrides, concede=concede,
                            talks=None if concede else baseline.talks, forecaster=forecaster)
        if concede and res.talks.conceded_issue:
            label = f"the state concedes on '{res.talks.conceded_issue}'"
        res.label = label
        runs[key], labels[key] = res, label
    if len(third) > 1 and which is None:
        for tp in third:
            res = run_ceasefire(without_third_party(case, baseline.inputs.agreement_id, tp),
                                baseline.inputs.agreement_id, draws=draws, seed=baseline.seed,
                                weeks=weeks, calibration=calibration, calibrate=False,
                                talks=baseline.talks, forecaster=forecaster)
            res.label = f"without {tp}"
            runs[f"without:{tp}"], labels[f"without:{tp}"] = res, res.label
    return CounterfactualResult(baseline, runs, labels)


def counterfactual_label(key: str, third_parties: list[str]) -> str:
    """The words for a counterfactual; "no mediator" names every third party it removes."""
    if key == "no_mediator" and third_parties:
        return "no third party (without " + ", ".join(third_parties) + ")"
    return COUNTERFACTUALS[key][0]


def without_third_party(case: Case, agreement_id: str | None, actor_id: str) -> Case:
    """A copy of the case in which ``actor_id`` no longer mediates, facilitates or
    guarantees the agreement (its other roles in the case are unchanged)."""
    new = case.model_copy(deep=True)
    for agr in new.agreements:
        if agr.id == agreement_id:
            for role in ("mediators", "facilitators", "guarantors"):
                setattr(agr, role, [a for a in getattr(agr, role) if a != actor_id])
    return new


def sweep(case: Case, name: str, values, draws: int = 2000, seed: int = 0,
          agreement_id: str | None = None, calibration=None, weeks: int = 104,
          baseline: CeasefireResult | None = None,
          forecaster: Forecaster | None = None) -> pd.DataFrame:
    """Batch run over one parameter: the model with ``name`` fixed at each value (same seed).

    One row per value: median duration and P(breakdown within 30/90/180 days), each
    with its 5–95% range across parameter worlds. Use it to see how far a finding
    rests on an assumed parameter (e.g. ``pressure_weight``, the mediator's pull).
    """
    from jirga.models.ceasefire.params import PARAMETERS

    if name not in PARAMETERS and name != "mediator_present":
        raise KeyError(f"unknown parameter {name!r}; known: {', '.join(PARAMETERS)}")
    if baseline is None:
        baseline = run_ceasefire(case, agreement_id, draws=draws, seed=seed, weeks=weeks,
                                 calibration=calibration, calibrate=calibration is None,
                                 forecaster=forecaster)
    rows = []
    for v in values:
        res = run_ceasefire(case, baseline.inputs.agreement_id, draws=baseline.draws,
                            seed=baseline.seed, weeks=weeks, calibration=baseline.calibration,
                            calibrate=False, overrides={name: float(v)}, talks=baseline.talks)
        row = {"parameter": name, "value": float(v)}
        row["median_days"], row["median_low"], row["median_high"] = res.median_duration()
        for h in HORIZONS:
            p, lo, hi = res.p_break_within(h)
            row[f"p_break_{h}d"], row[f"p_break_{h}d_low"], row[f"p_break_{h}d_high"] = p, lo, hi
        rows.append(row)
    return pd.DataFrame(rows)
