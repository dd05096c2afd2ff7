"""Breakdown forecasts for one agreement from the cross-national duration model.

:func:`forecast_breakdown` takes the agreement's covariates as plain keywords (see
:func:`~jirga.models.duration.covariates.covariates`) and returns a
:class:`DurationForecast`: S(t) for breakdown with a band, and P(breakdown by 30/90/180/365
days). The model shipped with jirga (``data/duration_model.json``, rebuilt by
``scripts/fit_duration_model.py``) is used unless another fitted model is passed — for
example one fitted "as of" the forecast date with
:func:`~jirga.models.duration.evaluate.fit_duration_model`.

What S(t) means: the probability that the ceasefire has *not broken down* by day t,
were it not ended another way first (expiry, replacement, settlement are censoring in
the fit). For a fixed-term truce, S(t) beyond its term is the breakdown risk had it been
extended on the same terms.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np
import pandas as pd

from jirga.models.duration.covariates import covariates as make_covariates
from jirga.models.duration.model import DurationModel, interval_exposure

DATA_FILE = "duration_model.json"
AS_OF_FILE = "duration_models_as_of.json"
HORIZONS = (30, 90, 180, 365)
#: from this date on, everything in ETH/PRIO 1989–2020 was known: the full fit applies
FULL_FIT_FROM = pd.Timestamp("2021-01-01")


def _read(name: str) -> dict[str, Any]:
    text = resources.files("jirga.models.duration").joinpath("data", name).read_text(encoding="utf-8")
    return json.loads(text)


@lru_cache(maxsize=1)
def load_default_model() -> DurationModel:
    """The model fitted on all of ETH/PRIO 1989–2020, from package data (no refdata needed)."""
    return DurationModel.from_dict(_read(DATA_FILE)["model"])


@lru_cache(maxsize=1)
def _as_of_models() -> dict[pd.Timestamp, dict[str, Any]]:
    return {pd.Timestamp(k): v for k, v in _read(AS_OF_FILE)["models"].items()}


def load_model_as_of(as_of: str | pd.Timestamp) -> DurationModel:
    """The shipped model that knew only what was known on ``as_of`` (no leakage into back-tests).

    Package data holds fits as of each 1 January 2000–2020 (ceasefires that started before,
    those still running censored then); this returns the latest one on or before ``as_of``
    — it may know a little less than was known, never more. From 2021 on: the full fit.
    """
    when = pd.Timestamp(as_of)
    if when >= FULL_FIT_FROM:
        return load_default_model()
    fits = _as_of_models()
    usable = [d for d in fits if d <= when]
    if not usable:
        raise ValueError(f"no duration model is shipped as of {when.date()} (earliest {min(fits).date()}); "
                         "fit one with fit_duration_model(read_ethprio(path), as_of=...)")
    return DurationModel.from_dict(fits[max(usable)])


@dataclass
class DurationForecast:
    """Survival curve of one agreement against breakdown, counted from ``age_days``.

    ``days[k]`` is the number of days after the forecast (the truce being ``age_days``
    old then); ``survival`` is the point forecast, ``lower``/``upper`` the ``level``
    band from parameter draws (cluster-robust; parameter uncertainty only).
    """

    days: np.ndarray
    survival: np.ndarray
    lower: np.ndarray
    upper: np.ndarray
    level: float
    age_days: float
    covariates: dict[str, float]
    model_info: dict[str, Any] = field(default_factory=dict)

    def _at(self, days: float) -> int:
        if not 0 <= days <= self.days[-1]:
            raise ValueError(f"days must be in [0, {self.days[-1]}], not {days}")
        return int(np.searchsorted(self.days, days, side="right") - 1)

    def p_breakdown(self, days: float) -> tuple[float, float, float]:
        """P(breakdown within ``days`` of the forecast): (point, low, high)."""
        i = self._at(days)
        return float(1 - self.survival[i]), float(1 - self.upper[i]), float(1 - self.lower[i])

    def median_days(self) -> float | None:
        """Days until S falls to 0.5; None when it stays above within the curve."""
        below = np.flatnonzero(self.survival <= 0.5)
        return float(self.days[below[0]]) if len(below) else None

    def summary(self, horizons: tuple[int, ...] = HORIZONS) -> pd.DataFrame:
        rows = []
        for h in horizons:
            p, lo, hi = self.p_breakdown(h)
            rows.append({"within_days": h, "p_breakdown": p, "low": lo, "high": hi})
        return pd.DataFrame(rows)

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame({"day": self.days, "survival": self.survival, "lower": self.lower,
                             "upper": self.upper})

    def to_dict(self) -> dict[str, Any]:
        return {"age_days": self.age_days, "level": self.level, "covariates": self.covariates,
                "p_breakdown": self.summary().to_dict(orient="records"),
                "median_days": self.median_days(), "model": self.model_info}

    def text(self) -> str:
        pct = int(round(self.level * 100))
        parts = [f"{h} d {p:.0%} ({lo:.0%}–{hi:.0%})"
                 for h, p, lo, hi in self.summary().itertuples(index=False)]
        head = "P(breakdown within" + (f", from day {self.age_days:g}" if self.age_days else "") + ")"
        return f"{head}, {pct}% band: " + "; ".join(parts)

    def plot(self):
        """The survival curve with its band (plotly figure)."""
        import plotly.graph_objects as go

        from jirga.plotting import LIGHT

        fig = go.Figure()
        fig.add_trace(go.Scatter(x=self.days, y=self.upper, line=dict(width=0), showlegend=False,
                                 hoverinfo="skip"))
        fig.add_trace(go.Scatter(x=self.days, y=self.lower, fill="tonexty", line=dict(width=0),
                                 name=f"{int(round(self.level * 100))}% band", hoverinfo="skip"))
        fig.add_trace(go.Scatter(x=self.days, y=self.survival, name="ETH/PRIO duration model",
                                 line=dict(width=3)))
        fig.update_layout(template=LIGHT, title="P(no breakdown yet), cross-national model",
                          xaxis_title="days", yaxis_title="survival", yaxis_range=[0, 1])
        return fig


def forecast_breakdown(model: DurationModel | None = None, *, as_of: str | pd.Timestamp | None = None,
                       age_days: float = 0.0, max_days: int = 730,
                       level: float = 0.9, n_draws: int = 1000, seed: int = 0,
                       **covariates: Any) -> DurationForecast:
    """Forecast breakdown for an agreement stated as keywords (None / omitted = unknown).

    ``as_of``: forecast with the shipped model that knew only what was known then
    (:func:`load_model_as_of`); ignored when ``model`` is given. ``age_days``: how long the
    truce has already held; the curve is then conditional on that, S(t | a) = S(a + t) / S(a).
    Keywords: ``side``, ``mediated``, ``written``, ``fixed_term_days``, ``open_ended``,
    ``purpose``, ``implementation``, ``enforcement``, ``ddr``, ``ceasefire_class``, ``region``
    (see ``covariates.covariates``).
    """
    if not 0 < level < 1:
        raise ValueError(f"level must be between 0 and 1, not {level}")
    if age_days < 0:
        raise ValueError(f"age_days must be >= 0, not {age_days}")
    if model is None:
        model = load_default_model() if as_of is None else load_model_as_of(as_of)
    X = make_covariates(**covariates)
    days = np.arange(0, max_days + 1, dtype=float)
    t = np.concatenate([[age_days], age_days + days])
    H = model.cumulative_hazard(X, t)[0]
    point = np.exp(-(H[1:] - H[0]))
    J = len(model.cuts)
    draws = model.draw_parameters(n_draws, seed)
    # H_d(t) = exp(zᵀβ_d) · Σ_j e_j(t) exp(α_dj), all draws at once
    expo = interval_exposure(t, model.cuts)
    Hd = np.exp(draws[:, J:] @ model._z(X)[0])[:, None] * (np.exp(draws[:, :J]) @ expo.T)
    Sd = np.exp(-(Hd[:, 1:] - Hd[:, :1]))
    q = (1 - level) / 2
    lower, upper = np.quantile(Sd, [q, 1 - q], axis=0)
    filled = dict(zip(model.columns, model.prepare(X)[0].tolist(), strict=True))
    return DurationForecast(days=days, survival=point, lower=lower, upper=upper, level=level,
                            age_days=float(age_days), covariates=filled, model_info=dict(model.info))


__all__ = ["DurationForecast", "forecast_breakdown", "load_default_model", "load_model_as_of"]
