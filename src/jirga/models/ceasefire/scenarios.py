"""Named scenarios from the joint bargaining + ceasefire runs, with probabilities and conditions.

Each Monte Carlo draw carries the bargaining forecast (what each side would get
at the table) into the ceasefire model; at the horizon (two years by default)
the draw is classified as one of:

- **settlement** — the armed group stepped back on its demands and a truce is in force;
- **frozen truce** — the first truce never broke, but the group never stepped back;
- **truce renewed under mediator pressure** — the truce broke, was renewed, is in force,
  and without the mediator's pressure at least one side would have preferred war;
- **truce renewed by the parties** — as above, but the parties preferred the truce anyway;
- **stalemate with low-level violence** — fighting at the horizon, group weaker than at the start;
- **return to full conflict** — fighting at the horizon, group as strong or stronger.

:meth:`ScenarioResult.claim_check` tests the claim that *every scenario in which the
armed group does not step back ends in renewed conflict* (the built-in case's seed
article makes it; a case lists the claims it wants checked, see
:mod:`jirga.analysis.claims`): among draws where the group did not step back, the share
with renewed conflict (any breakdown within the horizon) and the share fighting at the
horizon.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from jirga.models.ceasefire.result import CeasefireResult, bootstrap
from jirga.models.results import ResultBase, summary_frame
from jirga.models.seeds import child_seed
from jirga.plotting import LIGHT

SCENARIOS = (
    "settlement",
    "frozen truce",
    "truce renewed under mediator pressure",
    "truce renewed by the parties",
    "stalemate with low-level violence",
    "return to full conflict",
)

CONDITIONS = {
    "settlement": "group stepped back on its demands; truce in force at the horizon",
    "frozen truce": "first truce never broke; group kept its demands",
    "truce renewed under mediator pressure":
        "truce broke and was renewed; mediator's pressure was pivotal to the renewal",
    "truce renewed by the parties": "truce broke and was renewed without pivotal pressure",
    "stalemate with low-level violence": "fighting at the horizon; group weaker than at the start",
    "return to full conflict": "fighting at the horizon; group as strong or stronger than at start",
}


def classify(res: CeasefireResult) -> np.ndarray:
    """Scenario label per draw (array of str)."""
    out = np.empty(res.draws, dtype=object)
    truce = res.in_truce_end
    broke = res.broke
    stronger = res.strength_end >= res.strength_start
    out[:] = np.where(stronger, "return to full conflict", "stalemate with low-level violence")
    out[truce & broke & ~res.renewed_pivotal] = "truce renewed by the parties"
    out[truce & broke & res.renewed_pivotal] = "truce renewed under mediator pressure"
    out[truce & ~broke] = "frozen truce"
    out[truce & res.stepped_back] = "settlement"
    return out


@dataclass
class ScenarioResult(ResultBase):
    """Scenario probabilities, their conditions, and the seed's claim checked."""

    title = "ceasefire scenarios"

    result: CeasefireResult
    labels: np.ndarray

    def to_frame(self) -> pd.DataFrame:
        """One row per scenario: probability with 90% interval and the typical conditions.

        The interval resamples whole parameter worlds (cluster bootstrap): how
        precisely the mixture over plausible parameters pins the probability down.
        """
        res = self.result
        f = res.to_frame()
        f["scenario"] = self.labels
        key_issue = max(res.talks.forecast, key=lambda k: np.std(res.talks.forecast[k]),
                        default=None) if res.talks.forecast else None
        rows = []
        for i, name in enumerate(SCENARIOS):
            hit = (self.labels == name).astype(float)
            p, lo, hi = res.pooled_interval(hit, np.mean, seed=100 + i)
            sub = f[f.scenario == name]
            row = {"scenario": name, "probability": p, "low": lo, "high": hi,
                   "conditions": CONDITIONS[name], "draws": len(sub)}
            if len(sub):
                row["group_gap_median"] = float(sub.gap_group.median())
                row["group_power_end_median"] = float(sub.power_end.median())
                row["stepped_back_share"] = float(sub.stepped_back.mean())
                row["recruitment_median"] = float(sub.param_recruitment.median())
                row["mediator_leverage_median"] = float(
                    (sub.param_leverage_group * sub.param_mediator_present).median())
                if key_issue is not None:
                    row[f"forecast_{key_issue}_median"] = float(
                        np.median(res.per_draw(res.talks.forecast[key_issue])[sub.index]))
            rows.append(row)
        return pd.DataFrame(rows)

    def summary(self) -> pd.DataFrame:
        """Each scenario's probability with its 90% interval."""
        return summary_frame([
            {"measure": r.scenario, "value": r.probability, "low": r.low, "high": r.high,
             "unit": "probability"} for r in self.to_frame().itertuples()])

    def claim_check(self, threshold: float = 0.95) -> dict:
        """Does every draw without the group stepping back end in renewed conflict?

        "Every" is read as at least ``threshold`` of those draws."""
        res = self.result
        no_step = ~res.stepped_back
        n = int(no_step.sum())
        if n == 0:
            return {"draws_without_step_back": 0, "holds": None,
                    "text": "the group stepped back in every draw; the claim cannot be tested"}
        renewed = res.broke[no_step].astype(float)
        fighting = (~res.in_truce_end[no_step]).astype(float)
        p_r, lo_r, hi_r = bootstrap(renewed, np.mean, seed=child_seed(res.seed, "scenarios", "renewed"))
        p_f, lo_f, hi_f = bootstrap(fighting, np.mean, seed=child_seed(res.seed, "scenarios", "fighting"))
        counter = self.labels[no_step]
        exceptions = {s: float((counter == s).mean()) for s in ("frozen truce",)}
        holds = p_r >= threshold
        group = res.inputs.group
        text = (f"Among the {n} draws ({n / res.draws:.0%}) where {group} kept its "
                f"demands, {p_r:.0%} (90% interval {lo_r:.0%}–{hi_r:.0%}) saw the truce break "
                f"within {res.horizon_days} days and {p_f:.0%} ({lo_f:.0%}–{hi_f:.0%}) were "
                f"fighting at the end; {exceptions['frozen truce']:.0%} were frozen truces. "
                + (f"The model supports the claim (≥{threshold:.0%})." if holds else
                   "The model does not support 'every' scenario: frozen truces remain."))
        return {"draws_without_step_back": n, "share_renewed_conflict": p_r,
                "renewed_low": lo_r, "renewed_high": hi_r, "share_fighting_at_horizon": p_f,
                "fighting_low": lo_f, "fighting_high": hi_f,
                "frozen_truce_share": exceptions["frozen truce"], "holds": bool(holds),
                "text": text}

    def plot(self):
        """Scenario probabilities with intervals (plotly)."""
        import plotly.graph_objects as go

        f = self.to_frame()
        fig = go.Figure(go.Bar(
            x=f.probability, y=f.scenario, orientation="h",
            error_x=dict(type="data", symmetric=False, array=f.high - f.probability,
                         arrayminus=f.probability - f.low),
        ))
        fig.update_layout(title=f"Scenarios after {self.result.horizon_days} days",
                          xaxis_tickformat=".0%", xaxis_range=[0, 1], template=LIGHT,
                          yaxis=dict(autorange="reversed"))
        return fig


def scenarios(res: CeasefireResult) -> ScenarioResult:
    """Classify each draw of a ceasefire run into named scenarios."""
    return ScenarioResult(res, classify(res))
