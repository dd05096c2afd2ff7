"""Back-test of the ceasefire model: forecasts as of past dates, scored against what happened.

Every ceasefire of the case is pooled. For each forecast date ``D`` at which a truce was
known to be in force (its start known by ``D``; no end known by ``D``), the model is
re-calibrated *as of D* — with only the agreements, endings, events and strength
estimates known by ``D`` — and asked: P(the truce breaks within the window | it has held
until D)? Rules that keep the score honest:

* **The window** is ``(D, D + horizon]``, cut at the end of a fixed term when the truce
  had one (known at ``D``): after its term a truce cannot break, it lapses.
* **Age** is counted as the model counts it, from the latest possible start date.
* **Outcome**: 1 if the truce broke inside the window, 0 if it was still unbroken at the
  window's end (holding, or ended at or after it without breaking). An end date known
  only as a span that straddles the window's end scores the share of the span inside
  the window (a uniform spread over the span). A truce that expired, was replaced or
  ended in a settlement *inside* the window is censored: its outcome is not known and the
  forecast is not scored (the row is kept, marked ``censored``). A window that runs past
  the last day the case describes, with the truce still holding, is not scored either.
* **Baselines**: always 50%; the Kaplan–Meier curve of all ETH/PRIO ceasefires; and the
  cross-national duration model for the agreement's covariates as of ``D`` (the
  :data:`~jirga.models.ceasefire.engine.Anchor` the caller passes), each conditional on
  the same age and window.

With a handful of forecasts from one case these scores illustrate; they are not
evidence of accuracy (docs/ceasefire-model.md gives the cross-national evaluation).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from jirga.case.schema import Agreement, Case, EndType
from jirga.models.ceasefire.calibration import calibrate
from jirga.models.ceasefire.engine import Anchor, Forecaster
from jirga.models.ceasefire.params import ceasefires, inputs_from_case
from jirga.models.ceasefire.refclass import km_conditional_break
from jirga.models.ceasefire.run import run_ceasefire
from jirga.models.results import ResultBase, summary_frame
from jirga.plotting import LIGHT

#: the baselines every forecast is compared with: column of the frame -> label
BASELINES = {"p_coin": "always 50%", "p_km_all": "Kaplan–Meier of all ETH/PRIO ceasefires",
             "p_cross_national": "cross-national duration model"}


def known_until(case: Case) -> dt.date:
    """The last day the case describes: ``analysis.as_of``, else its last dated event."""
    if case.analysis.as_of is not None:
        return case.analysis.as_of.latest
    days = [e.date.latest for e in case.events if e.date.latest.year < 2100]
    days += [a.end.latest for a in case.agreements if a.end is not None]
    return max(days) if days else dt.date.today()


def _in_force(agr: Agreement, day: dt.date) -> bool:
    """Known to be in force on ``day``: started for certain, and no end known yet."""
    return agr.start.latest <= day and not (agr.end is not None and agr.end.earliest <= day)


def forecast_dates(case: Case, step_days: int = 21, first_after_days: int = 7) -> list[dt.date]:
    """Dates at which some truce was known to be in force: its start + 7 days, every 3 weeks."""
    out = []
    last = known_until(case)
    for agr in ceasefires(case):
        day = agr.start.latest + dt.timedelta(days=first_after_days)
        stop = agr.end.earliest if agr.end is not None else last
        while day < stop:
            out.append(day)
            day += dt.timedelta(days=step_days)
    return sorted(set(out))


def window_outcome(agr: Agreement, day: dt.date, horizon_days: int,
                   last_day: dt.date) -> tuple[dt.date, float | None, str]:
    """The window's end, the outcome (1, 0, a share for a straddled span, None if not
    known) and why — the scoring rules of the module docstring."""
    end = day + dt.timedelta(days=horizon_days)
    term_end = (agr.start.latest + dt.timedelta(days=agr.fixed_term_days)
                if agr.fixed_term_days is not None else None)
    if term_end is not None and term_end > day:  # past its term, the truce was extended
        end = min(end, term_end)
    else:
        term_end = None
    if agr.end is None:
        return (end, 0.0, "held") if end <= last_day else (end, None, "window past the case")
    lo, hi = agr.end.earliest, agr.end.latest
    if lo > end:
        return end, 0.0, "held through the window"
    if agr.ending == EndType.broken:
        if hi <= end:
            return end, 1.0, "broke in the window"
        return end, ((end - lo).days + 1) / ((hi - lo).days + 1), "end span straddles the window"
    if lo >= end or (term_end is not None and hi >= end):
        return end, 0.0, f"{agr.ending.value} at the window's end, unbroken"
    return end, None, f"{agr.ending.value} inside the window (censored)"


@dataclass
class BacktestResult(ResultBase):
    """One row per forecast date (scored or not), and the scores of the scored ones."""

    title = "ceasefire back-test"

    frame: pd.DataFrame
    horizon_days: int

    @property
    def scored(self) -> pd.DataFrame:
        f = self.frame
        return f[f.outcome.notna()] if not f.empty else f

    def scores(self) -> dict[str, float]:
        f = self.scored
        y = f.outcome.to_numpy(dtype=float)
        out: dict[str, float] = {"forecasts": len(f), "events": float(y.sum()),
                                 "censored": int(len(self.frame) - len(f))}
        if not len(f):
            return out
        out["brier_model"] = float(np.mean((f.p_model - y) ** 2))
        for col in BASELINES:
            out[f"brier_{col.removeprefix('p_')}"] = float(np.mean((f[col] - y) ** 2))
        out["brier_reference_class"] = out["brier_km_all"]  # the old name, kept for readers
        return out

    def verdict(self) -> str:
        """The score in words, saying plainly when the model is worse than a coin."""
        s = self.scores()
        if not s["forecasts"]:
            return "nothing to score: no forecast window with a known outcome"
        m = s["brier_model"]
        parts = []
        for col, label in BASELINES.items():
            b = s[f"brier_{col.removeprefix('p_')}"]
            word = "better than" if m < b - 1e-9 else "worse than" if m > b + 1e-9 else "level with"
            parts.append(f"{word} {label} ({b:.3f})")
        return (f"Brier {m:.3f} over {s['forecasts']} forecasts: " + "; ".join(parts)
                + ". One case's few forecasts illustrate, they do not prove.")

    def summary(self) -> pd.DataFrame:
        """Brier scores of the model and its baselines (lower is better)."""
        s = self.scores()
        rows = [{"measure": "forecasts scored", "value": s["forecasts"], "unit": "forecasts"},
                {"measure": "forecasts censored (not scored)", "value": s["censored"],
                 "unit": "forecasts"}]
        if s["forecasts"]:
            rows.insert(0, {"measure": "Brier score, model", "value": s["brier_model"],
                            "unit": "Brier"})
            for col, label in BASELINES.items():
                rows.insert(-2, {"measure": f"Brier score, {label}",
                                 "value": s[f"brier_{col.removeprefix('p_')}"], "unit": "Brier"})
        return summary_frame(rows)

    def to_frame(self) -> pd.DataFrame:
        return self.frame.copy()

    def text(self) -> str:
        if self.frame.empty:
            return "Back-test: no dates with a ceasefire in force"
        lines = [f"Back-test: P(breakdown within {self.horizon_days} days or by the end of "
                 "the term)"]
        for _, r in self.frame.iterrows():
            happened = "not scored" if pd.isna(r.outcome) else f"{r.outcome:g}"
            lines.append(f"  {r.date} {r.agreement} (day {r.age_days}, {r.window_days} d): "
                         f"model {r.p_model:.2f}, cross-national {r.p_cross_national:.2f}, "
                         f"KM {r.p_km_all:.2f}; outcome {happened} ({r.why})")
        lines.append("  " + self.verdict())
        return "\n".join(lines)

    def plot(self):
        """Forecasts over time against outcomes (plotly)."""
        import plotly.graph_objects as go

        f = self.frame
        fig = go.Figure()
        fig.add_trace(go.Scatter(x=f.date, y=f.p_model, mode="lines+markers", name="model"))
        fig.add_trace(go.Scatter(x=f.date, y=f.p_cross_national, mode="lines+markers",
                                 name=BASELINES["p_cross_national"], line=dict(dash="dot")))
        fig.add_trace(go.Scatter(x=f.date, y=f.p_km_all, mode="lines+markers",
                                 name=BASELINES["p_km_all"], line=dict(dash="dash")))
        s = self.scored
        fig.add_trace(go.Scatter(x=s.date, y=s.outcome, mode="markers", name="what happened",
                                 marker=dict(symbol="x", size=10)))
        fig.update_layout(title=f"Back-test: P(breakdown within {self.horizon_days} days)",
                          yaxis_range=[-0.05, 1.05], template=LIGHT)
        return fig


def _conditional(curve: pd.DataFrame, age: int, window: int) -> float:
    s = curve["survival"].to_numpy()
    a, b = min(age, len(s) - 1), min(age + window, len(s) - 1)
    return float(1.0 - s[b] / s[a]) if s[a] > 0 else 1.0


def backtest(case: Case, dates: list[dt.date] | None = None, draws: int = 1000, seed: int = 0,
             horizon_days: int = 90, n_theta: int = 1024, reps: int = 24,
             forecaster: Forecaster | None = None, anchor: Anchor | None = None
             ) -> BacktestResult:
    """Re-run the model as of each date with only what was known then; score the forecasts."""
    dates = dates or forecast_dates(case)
    last = known_until(case)
    cache: dict = {}
    rows = []
    for day in dates:
        for agr in ceasefires(case):
            if not _in_force(agr, day):
                continue
            rows.append(_forecast(case, agr, day, horizon_days, last, draws, seed, n_theta,
                                  reps, forecaster, anchor, cache))
    return BacktestResult(pd.DataFrame(rows), horizon_days)


def _forecast(case, agr, day, horizon_days, last, draws, seed, n_theta, reps, forecaster,
              anchor, cache) -> dict:
    known = case.as_known_on(day)  # positions as they stood on the forecast date
    inputs = inputs_from_case(known, agr.id, as_of=day)
    key = (agr.id, tuple(a.id for a in case.agreements
                         if a.end is not None and a.end.known_by(day)),
           tuple(f[0] for f in inputs.fighters_known), len(inputs.observed_attacks),
           tuple(i.model_dump_json() for i in known.issues))
    if key not in cache:
        cache[key] = calibrate(known, agr.id, as_of=day, n_theta=n_theta, reps=reps,
                               seed=seed, forecaster=forecaster, anchor=anchor)
    cal = cache[key]
    age = (day - agr.start.latest).days
    window_end, outcome, why = window_outcome(agr, day, horizon_days, last)
    window = (window_end - day).days
    weeks = int(np.ceil((age + window) / 7)) + 2
    res = run_ceasefire(known, agr.id, draws=draws, seed=seed, weeks=weeks, as_of=day,
                        calibration=cal, calibrate=False, forecaster=forecaster)
    if anchor is not None:
        curve, _ = anchor(case, agr.id, day)
        p_xn = _conditional(curve, age, window)
    else:
        p_xn = km_conditional_break(inputs.reference_class, age, window)
    return {"date": day, "agreement": agr.id, "age_days": age, "window_days": window,
            "p_model": res.p_break_within_given(age, window),
            "p_coin": 0.5, "p_km_all": km_conditional_break("all", age, window),
            "p_cross_national": p_xn, "outcome": outcome, "why": why,
            "calibration_as_of": cal.as_of, "evidence": "; ".join(cal.evidence)}
