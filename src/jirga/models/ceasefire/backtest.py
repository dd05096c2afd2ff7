"""Back-test of the ceasefire model: forecasts as of past dates, scored against what happened.

For each forecast date ``D`` on which a truce between the principals was known to
be in force (its start known by ``D``, its end not yet), the model is
re-calibrated *as of D* — using only agreements, ends and dated strength
estimates known by ``D`` (so the forecast truce's own end never enters) — and
asked: P(the truce breaks within 90 days of D | it has lasted until D)? The
outcome is 1 if the case records the end within ``(D, D + 90]``.

Scores: the Brier score of the model, of the ETH/PRIO reference-class baseline
(the Kaplan–Meier conditional probability for the same age) and of the
climatological 50% forecast, and the model's skill vs the baseline
(1 − Brier_model / Brier_baseline). With a handful of forecasts from one case,
these scores are illustrations, not evidence of accuracy.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from jirga.case.schema import Case
from jirga.models.ceasefire.calibration import calibrate
from jirga.models.ceasefire.engine import Forecaster
from jirga.models.ceasefire.params import ceasefires, inputs_from_case
from jirga.models.ceasefire.refclass import km_conditional_break
from jirga.models.ceasefire.run import run_ceasefire
from jirga.models.results import ResultBase, summary_frame
from jirga.plotting import LIGHT


def known_until(case: Case) -> dt.date:
    """The last day the case describes: ``analysis.as_of``, else its last dated event."""
    if case.analysis.as_of is not None:
        return case.analysis.as_of.latest
    days = [e.date.latest for e in case.events if e.date.latest.year < 2100]
    days += [a.end.latest for a in case.agreements if a.end is not None]
    return max(days) if days else dt.date.today()


def forecast_dates(case: Case, step_days: int = 21, first_after_days: int = 7) -> list[dt.date]:
    """Dates at which a truce was known to be in force: from its start + 7 days, every 3 weeks."""
    out = []
    for agr in ceasefires(case):
        day = agr.start.latest + dt.timedelta(days=first_after_days)
        stop = agr.end.latest if agr.end is not None else known_until(case)
        while day < stop:
            out.append(day)
            day += dt.timedelta(days=step_days)
    return sorted(set(out))


def _truce_at(case: Case, day: dt.date):
    for agr in ceasefires(case):
        if agr.start.known_by(day) and not (agr.end is not None and agr.end.known_by(day)):
            return agr
    return None


@dataclass
class BacktestResult(ResultBase):
    """One row per forecast, and the scores."""

    title = "ceasefire back-test"

    frame: pd.DataFrame
    horizon_days: int

    def scores(self) -> dict[str, float]:
        f = self.frame
        y = f.outcome.to_numpy(dtype=float)
        bs_m = float(np.mean((f.p_model - y) ** 2))
        bs_b = float(np.mean((f.p_baseline - y) ** 2))
        bs_c = float(np.mean((0.5 - y) ** 2))
        return {"forecasts": len(f), "events": int(y.sum()), "brier_model": bs_m,
                "brier_reference_class": bs_b, "brier_coin": bs_c,
                "skill_vs_reference_class": 1.0 - bs_m / bs_b if bs_b > 0 else float("nan")}

    def summary(self) -> pd.DataFrame:
        """Brier scores of the model and its baselines (lower is better)."""
        if self.frame.empty:
            return summary_frame([{"measure": "forecasts", "value": 0, "unit": "forecasts"}])
        s = self.scores()
        return summary_frame([
            {"measure": "Brier score, model", "value": s["brier_model"], "unit": "Brier"},
            {"measure": "Brier score, ETH/PRIO reference class",
             "value": s["brier_reference_class"], "unit": "Brier"},
            {"measure": "Brier score, always 50%", "value": s["brier_coin"], "unit": "Brier"},
            {"measure": "forecasts", "value": s["forecasts"], "unit": "forecasts"},
            {"measure": "breakdowns", "value": s["events"], "unit": "breakdowns"},
        ])

    def to_frame(self) -> pd.DataFrame:
        return self.frame.copy()

    def text(self) -> str:
        if self.frame.empty:
            return "Back-test: no dates with a ceasefire in force and a known outcome"
        s = self.scores()
        lines = [f"Back-test: P(breakdown within {self.horizon_days} days), "
                 f"{s['forecasts']} forecasts, {s['events']} breakdowns"]
        for _, r in self.frame.iterrows():
            lines.append(f"  {r.date} {r.agreement} (day {r.age_days}): model {r.p_model:.2f}, "
                         f"reference class {r.p_baseline:.2f}, happened: {int(r.outcome)}")
        lines.append(f"  Brier: model {s['brier_model']:.3f}, reference class "
                     f"{s['brier_reference_class']:.3f}, 50% {s['brier_coin']:.3f}; "
                     f"skill vs reference class {s['skill_vs_reference_class']:+.2f}")
        return "\n".join(lines)

    def plot(self):
        """Forecasts over time against outcomes (plotly)."""
        import plotly.graph_objects as go

        f = self.frame
        fig = go.Figure()
        fig.add_trace(go.Scatter(x=f.date, y=f.p_model, mode="lines+markers", name="model"))
        fig.add_trace(go.Scatter(x=f.date, y=f.p_baseline, mode="lines+markers",
                                 name="ETH/PRIO reference class", line=dict(dash="dash")))
        fig.add_trace(go.Scatter(x=f.date, y=f.outcome, mode="markers", name="broke within 90 d",
                                 marker=dict(symbol="x", size=10)))
        fig.update_layout(title=f"Back-test: P(breakdown within {self.horizon_days} days)",
                          yaxis_range=[-0.05, 1.05], template=LIGHT)
        return fig


def backtest(case: Case, dates: list[dt.date] | None = None, draws: int = 1000, seed: int = 0,
             horizon_days: int = 90, n_theta: int = 1024, reps: int = 24,
             forecaster: Forecaster | None = None) -> BacktestResult:
    """Re-run the model as of each date with only what was known then; score the forecasts."""
    dates = dates or forecast_dates(case)
    cache: dict = {}
    rows = []
    for day in dates:
        agr = _truce_at(case, day)
        if agr is None:
            continue
        inputs = inputs_from_case(case, agr.id, as_of=day)
        key = (agr.id, tuple(a.id for a in ceasefires(case)
                             if a.end is not None and a.end.known_by(day)),
               tuple(f[0] for f in inputs.fighters_known))
        if key not in cache:
            cache[key] = calibrate(case, agr.id, as_of=day, n_theta=n_theta, reps=reps,
                                   seed=seed, forecaster=forecaster)
        cal = cache[key]
        assert all(agr.id not in e for e in cal.evidence if "ended after" in e)
        age = (day - agr.start.midpoint).days
        weeks = int(np.ceil((age + horizon_days) / 7)) + 2
        res = run_ceasefire(case, agr.id, draws=draws, seed=seed, weeks=weeks, as_of=day,
                            calibration=cal, calibrate=False, forecaster=forecaster)
        p_model = res.p_break_within_given(age, horizon_days)
        p_base = km_conditional_break(inputs.reference_class, age, horizon_days)
        end = agr.end.midpoint if agr.end is not None else None
        window_end = day + dt.timedelta(days=horizon_days)
        if end is None and window_end > known_until(case):
            continue  # the truce still held when the case ends: outcome not yet known
        outcome = int(end is not None and day < end <= window_end)
        rows.append({"date": day, "agreement": agr.id, "age_days": age, "p_model": p_model,
                     "p_baseline": p_base, "outcome": outcome,
                     "calibration_as_of": cal.as_of, "evidence": "; ".join(cal.evidence)})
    return BacktestResult(pd.DataFrame(rows), horizon_days)
