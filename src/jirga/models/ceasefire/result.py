"""The ceasefire model's result: survival curve, durations, who breaks the truce, strength.

Same small surface as the other jirga results (and lifelines' fitters):
``summary()`` (a table of headline figures with intervals), ``to_frame()`` (one
row per draw), ``survival_frame()`` and plot methods that return plotly Figures.
Draws come in "worlds" (one set of sampled parameters each, repeated over
several draws). Intervals on probabilities and the median are the 5–95% range
*across worlds* — how much the answer moves over the plausible parameter values
in the case and the calibration — not Monte Carlo error (when every draw is its
own world they fall back to a 90% bootstrap over draws). ``duration_range`` is
the predictive 10–90% range of truce durations across all draws.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from jirga.models.results import ResultBase
from jirga.models.seeds import child_seed, stream
from jirga.plotting import LIGHT

WEEK = 7
HORIZONS = (30, 90, 180)
BREAKERS = {0: "none", 1: "group", 2: "state"}


def bootstrap(values: np.ndarray, stat, n_boot: int = 200, seed: int = 0,
              level: float = 0.9) -> tuple[float, float, float]:
    """(estimate, low, high) of ``stat(values)`` with a percentile bootstrap over rows."""
    values = np.asarray(values)
    est = float(stat(values))
    rng = np.random.default_rng(seed)
    n = len(values)
    idx = rng.integers(0, n, size=(n_boot, n))
    boots = np.array([stat(values[i]) for i in idx], dtype=float)
    a = (1 - level) / 2
    # no interpolation: a duration beyond the horizon is inf, and inf − inf has no value
    lo, hi = (np.nanquantile(boots, [a, 1 - a], method="inverted_cdf") if np.isfinite(boots).any()
              else (np.inf, np.inf))
    return est, float(lo), float(hi)


def _without_chance(per: np.ndarray, grid: np.ndarray) -> np.ndarray:
    """Per-world means with the chance of a few draws per world taken out.

    A world's mean over its ``reps`` draws varies by parameters *and* by chance (with 10
    draws, a 40% probability reads anywhere from 10% to 70%), so the spread across worlds
    overstates the parameter uncertainty — "58% (0%–100%)". The method of moments removes
    the chance part: between-world variance minus the mean within-world variance / reps,
    and each world's deviation from the pooled mean is shrunk by the square root of the
    ratio. What remains is the spread due to plausible parameter values.
    """
    finite = np.isfinite(per)
    if finite.sum() < 3:
        return per
    reps = grid.shape[1]
    between = float(np.var(per[finite]))
    within = float(np.mean(np.var(grid[finite], axis=1, ddof=1))) / reps
    if between <= 0:
        return per
    factor = np.sqrt(max(0.0, between - within) / between)
    mean = float(np.mean(per[finite]))
    return np.where(finite, mean + (per - mean) * factor, per)


def _median_days(d: np.ndarray) -> float:
    return float(np.quantile(d, 0.5, method="inverted_cdf"))


@dataclass
class CeasefireResult(ResultBase):
    """Monte Carlo outcome of the ceasefire model; per-draw arrays of shape ``(draws,)``."""

    title = "ceasefire forecast"

    inputs: Any
    params: dict[str, np.ndarray]
    talks: Any
    seed: int
    weeks: int
    first_break: np.ndarray
    breaker: np.ndarray
    n_breaks: np.ndarray
    weeks_at_war: np.ndarray
    in_truce_end: np.ndarray
    renewed_pivotal: np.ndarray
    stepped_back: np.ndarray
    step_week: np.ndarray
    strength_start: np.ndarray
    strength_end: np.ndarray
    power_start: np.ndarray
    power_end: np.ndarray
    strength_path: np.ndarray | None
    power_path: np.ndarray | None
    defect_margin_group: np.ndarray | None
    world: np.ndarray | None = None
    expired_week: np.ndarray | None = None  # week a fixed term ran out unextended, or -1
    declined_by: np.ndarray | None = None   # who declined to extend it: 1 group, 2 state
    drivers: dict = field(default_factory=dict)
    calibration: Any = None
    label: str = "model"
    extra: dict = field(default_factory=dict)

    # ---- basic quantities -----------------------------------------------------------
    @property
    def draws(self) -> int:
        return len(self.first_break)

    @property
    def broke(self) -> np.ndarray:
        """True where the first truce broke within the horizon."""
        return self.first_break >= 0

    @property
    def expired(self) -> np.ndarray:
        """True where the first truce ran out its fixed term without being broken."""
        if self.expired_week is None:
            return np.zeros(self.draws, dtype=bool)
        return self.expired_week >= 0

    def p_expired(self) -> float:
        """Share of draws whose truce lapsed at its fixed term (not a breakdown)."""
        return float(self.expired.mean())

    @property
    def duration_days(self) -> np.ndarray:
        """Days until the first truce broke; ``inf`` where it did not break within the horizon
        — it outlasted it, or ran out its fixed term unbroken (both censored: not a breakdown)."""
        return np.where(self.broke, (self.first_break + 1) * WEEK, np.inf).astype(float)

    @property
    def horizon_days(self) -> int:
        return self.weeks * WEEK

    def survival(self, days: np.ndarray | list[float]) -> np.ndarray:
        """S(t): share of draws whose first truce lasted longer than ``t`` days."""
        d = self.duration_days
        return np.array([(d > t).mean() for t in np.atleast_1d(days)])

    def by_world(self, values: np.ndarray) -> np.ndarray | None:
        """Per-draw values as (complete worlds, draws per world), or None without worlds."""
        if self.world is None:
            return None
        reps = int(np.sum(self.world == 0))
        n = len(values) // reps
        if reps < 5 or n < 10:
            return None
        return np.asarray(values)[: n * reps].reshape(n, reps)

    def interval(self, values: np.ndarray, stat, seed: int = 0) -> tuple[float, float, float]:
        """(pooled stat, 5%, 95%) across worlds, or a bootstrap over draws without worlds."""
        grid = self.by_world(values)
        if grid is None:
            return bootstrap(values, stat, seed=child_seed(self.seed, "interval", seed))
        per = np.array([stat(row) for row in grid], dtype=float)
        if stat is np.mean:
            per = _without_chance(per, grid)
        lo, hi = np.quantile(per, [0.05, 0.95], method="inverted_cdf")
        return float(stat(values)), float(lo), float(hi)

    def pooled_interval(self, values: np.ndarray, stat, seed: int = 0, n_boot: int = 200
                        ) -> tuple[float, float, float]:
        """(stat, 5%, 95%) of the pooled stat, resampling whole worlds (cluster bootstrap)."""
        grid = self.by_world(values)
        if grid is None:
            return bootstrap(values, stat, seed=child_seed(self.seed, "interval", seed))
        rng = stream(self.seed, "pooled-interval", seed)
        idx = rng.integers(0, grid.shape[0], size=(n_boot, grid.shape[0]))
        boots = np.array([stat(grid[i].ravel()) for i in idx], dtype=float)
        lo, hi = np.quantile(boots, [0.05, 0.95], method="inverted_cdf")
        return float(stat(values)), float(lo), float(hi)

    def p_break_within(self, days: float) -> tuple[float, float, float]:
        """P(first breakdown within ``days``) with a 90% interval (see module doc)."""
        return self.interval((self.duration_days <= days).astype(float), np.mean,
                             seed=int(days))

    def p_break_within_given(self, age_days: float, horizon_days: float = 90) -> float:
        """P(breakdown within ``horizon_days`` | the truce survived ``age_days``)."""
        d = self.duration_days
        alive = d > age_days
        if not alive.any():
            return 1.0
        return float((d[alive] <= age_days + horizon_days).mean())

    def median_duration(self) -> tuple[float, float, float]:
        """Median days of the first truce with a 90% interval (inf = beyond horizon)."""
        return self.interval(self.duration_days, _median_days, seed=1)

    def duration_range(self, low: float = 0.1, high: float = 0.9) -> tuple[float, float]:
        """Predictive range of truce durations across draws (days; inf = beyond horizon)."""
        q = np.quantile(self.duration_days, [low, high], method="inverted_cdf")
        return float(q[0]), float(q[1])

    def breaker_shares(self) -> dict[str, float]:
        """Among draws whose truce broke: share broken by the group and by the state."""
        b = self.breaker[self.broke]
        if len(b) == 0:
            return {"group": float("nan"), "state": float("nan")}
        return {"group": float((b == 1).mean()), "state": float((b == 2).mean())}

    # ---- tables ---------------------------------------------------------------------
    def summary(self) -> pd.DataFrame:
        """Headline figures: measure, value, low, high (90% intervals), unit."""
        rows = []
        med, lo, hi = self.median_duration()
        rows.append(("median truce duration", med, lo, hi, "days"))
        q10, q90 = self.duration_range()
        rows.append(("truce duration: median, and 10–90% of draws", med, q10, q90, "days"))
        for h in HORIZONS:
            p, plo, phi = self.p_break_within(h)
            rows.append((f"P(breakdown within {h} days)", p, plo, phi, "probability"))
        p, plo, phi = self.p_break_within(self.horizon_days)
        rows.append((f"P(breakdown within {self.horizon_days} days)", p, plo, phi, "probability"))
        shares = self.breaker_shares()
        broken = self.broke
        if broken.any():
            g, glo, ghi = bootstrap((self.breaker[broken] == 1).astype(float), np.mean,
                                    seed=self.seed + 2)  # conditional share: bootstrap
            rows.append(("share of breakdowns started by the armed group", g, glo, ghi,
                         "probability"))
        else:
            rows.append(("share of breakdowns started by the armed group", shares["group"],
                         float("nan"), float("nan"), "probability"))
        s0 = float(np.median(self.strength_start))
        s_end = self.strength_end
        rows.append(("armed-group strength at start (median)", s0,
                     *np.quantile(self.strength_start, [0.05, 0.95]), "fighters"))
        rows.append(("P(armed group steps back on its demands)", *self.interval(
            self.stepped_back.astype(float), np.mean, seed=3), "probability"))
        rows.append(("armed-group strength at horizon (median)", float(np.median(s_end)),
                     *np.quantile(s_end, [0.05, 0.95]), "fighters"))
        frame = pd.DataFrame(rows, columns=["measure", "value", "low", "high", "unit"])
        frame.attrs["label"] = self.label
        return frame

    def to_frame(self) -> pd.DataFrame:
        """One row per draw: outcome, who broke the truce, strength, sampled parameters."""
        data = {
            "duration_days": self.duration_days, "broke": self.broke,
            "breaker": pd.Categorical([BREAKERS[int(b)] for b in self.breaker],
                                      categories=list(BREAKERS.values())),
            "n_breakdowns": self.n_breaks, "weeks_at_war": self.weeks_at_war,
            "in_truce_at_horizon": self.in_truce_end, "stepped_back": self.stepped_back,
            "renewed_under_mediator_pressure": self.renewed_pivotal,
            "strength_start": self.strength_start, "strength_end": self.strength_end,
            "power_start": self.power_start, "power_end": self.power_end,
            "gap_group": self.per_draw(self.talks.gap_group),
            "gap_state": self.per_draw(self.talks.gap_state),
        }
        for k, v in self.params.items():
            data[f"param_{k}"] = v
        return pd.DataFrame(data)

    def per_draw(self, per_world: np.ndarray) -> np.ndarray:
        """Expand a per-world array (talks gaps, forecasts) to one value per draw."""
        arr = np.asarray(per_world)
        if self.world is None:
            return arr[: self.draws]
        return arr[self.world]

    def survival_frame(self, step_days: int = 7) -> pd.DataFrame:
        """S(t) on a grid of days, with 90% pointwise binomial intervals."""
        days = np.arange(0, self.horizon_days + 1, step_days)
        s = self.survival(days)
        se = np.sqrt(np.maximum(s * (1 - s), 1e-12) / self.draws)
        return pd.DataFrame({"day": days, "survival": s,
                             "low": np.clip(s - 1.645 * se, 0, 1),
                             "high": np.clip(s + 1.645 * se, 0, 1)})

    def drivers_frame(self) -> pd.DataFrame:
        """What drives each side's weekly choice: median terms of war value − truce value.

        Positive terms push towards war, negative towards the truce; the margin
        ``D`` is their sum (a side defects with probability η·Φ(D/τ)). Columns:
        week 0 (the truce's start) and week 26 (among draws still in truce).
        """
        weeks = sorted(self.drivers)
        rows = {f"week {w}": self.drivers[w] for w in weeks}
        return pd.DataFrame(rows)

    def strength_frame(self) -> pd.DataFrame:
        """Weekly quantiles (5, 25, 50, 75, 95%) of the group's strength and power."""
        if self.strength_path is None:
            raise ValueError("run with keep_paths=True to get trajectories")
        qs = [0.05, 0.25, 0.5, 0.75, 0.95]
        g = np.quantile(self.strength_path, qs, axis=1)
        p = np.quantile(self.power_path, qs, axis=1)
        frame = pd.DataFrame({"week": np.arange(self.strength_path.shape[0])})
        for i, q in enumerate(qs):
            frame[f"strength_q{int(q * 100)}"] = g[i]
            frame[f"power_q{int(q * 100)}"] = p[i]
        return frame

    def text(self) -> str:
        """Plain-text summary for the terminal."""
        s = self.summary()
        lines = [f"Ceasefire model — {self.inputs.case_id} / {self.inputs.agreement_id} "
                 f"({self.draws} draws, {self.weeks} weeks, seed {self.seed})"]
        for _, r in s.iterrows():
            lines.append(f"  {r.measure}: {_fmt(r.value, r.unit)} "
                         f"[{_fmt(r.low, r.unit)} – {_fmt(r.high, r.unit)}]")
        return "\n".join(lines)

    # ---- plots ----------------------------------------------------------------------
    def plot(self):
        """The protocol's figure: the survival curve (see :meth:`plot_survival`)."""
        return self.plot_survival()

    def survival_worlds(self, days: np.ndarray, q: tuple[float, ...] = (0.05, 0.25, 0.75, 0.95)
                        ) -> np.ndarray | None:
        """Quantiles across worlds of each world's S(t), shape (len(q), len(days)).

        The spread the summary's intervals describe (see the module doc); None when
        the draws have no worlds.
        """
        grid = self.by_world(self.duration_days)
        if grid is None:
            return None
        per_world = (grid[:, :, None] > np.asarray(days, dtype=float)[None, None, :]).mean(axis=1)
        return np.quantile(per_world, q, axis=0, method="inverted_cdf")

    def plot_survival(self, reference: bool = True, observed: bool = True,
                      observed_end: tuple[int, int] | None = None):
        """Survival curve of the truce, with the ETH/PRIO reference class and the actual end.

        The shaded bands are the 5–95% and 25–75% ranges *across parameter worlds* of
        each world's survival curve — the same spread as the intervals in
        :meth:`summary`. (A pointwise binomial interval of the pooled curve, drawn here
        before, measured only Monte Carlo error: a hairline beside a 0–100% table.)
        ``observed_end`` (first and last possible day) marks the real outcome when the
        result's own inputs, fixed as of the truce's start, do not know it yet.
        """
        import plotly.graph_objects as go

        sf = self.survival_frame()
        bands = self.survival_worlds(sf.day.to_numpy())
        fig = go.Figure()
        if bands is not None:
            for lo, hi, name, alpha in ((0, 3, "5–95% across parameter worlds", 0.15),
                                        (1, 2, "25–75% across parameter worlds", 0.3)):
                fig.add_trace(go.Scatter(x=sf.day, y=bands[hi], line=dict(width=0, shape="hv"),
                                         showlegend=False, hoverinfo="skip"))
                fig.add_trace(go.Scatter(x=sf.day, y=bands[lo], fill="tonexty",
                                         fillcolor=f"rgba(0,114,178,{alpha})",
                                         line=dict(width=0, shape="hv"), name=name,
                                         hoverinfo="skip"))
        else:
            fig.add_trace(go.Scatter(x=sf.day, y=sf.high, line=dict(width=0), showlegend=False,
                                     hoverinfo="skip"))
            fig.add_trace(go.Scatter(x=sf.day, y=sf.low, fill="tonexty", line=dict(width=0),
                                     name="90% interval (Monte Carlo)", hoverinfo="skip"))
        fig.add_trace(go.Scatter(x=sf.day, y=sf.survival, name=f"{self.label}",
                                 line=dict(width=3, color="#0072B2")))
        if reference:
            from jirga.models.ceasefire.refclass import REFERENCE_CLASSES, km_curve

            cls = self.inputs.reference_class
            km = km_curve(cls)
            km = km[km.day <= self.horizon_days]
            fig.add_trace(go.Scatter(x=km.day, y=km.survival,
                                     line=dict(dash="dash", shape="hv", color="#5D6D7E"),
                                     name=f"ETH/PRIO: {REFERENCE_CLASSES[cls]}"))
        end = observed_end if observed_end is not None else self.inputs.observed_end
        if observed and end is not None:
            lo, hi = end
            label = f"actual end: day {lo}" if lo == hi else f"actual end: day {lo}–{hi}"
            fig.add_vrect(x0=lo, x1=max(hi, lo + 2), opacity=0.35, line_width=0, fillcolor="#D55E00")
            fig.add_trace(go.Scatter(x=[(lo + hi) / 2] * 2, y=[0, 1.02], mode="lines",
                                     line=dict(color="#D55E00", width=2), name=label,
                                     hovertext=label, hoverinfo="text"))
        fig.update_layout(title="How long the truce holds",
                          xaxis_title="days since the truce began",
                          yaxis_title="share still in truce", yaxis_range=[0, 1.02],
                          template=LIGHT)
        return fig

    def plot_strength(self):
        """The armed group's strength over time (median and 50%/90% bands)."""
        import plotly.graph_objects as go

        sf = self.strength_frame()
        fig = go.Figure()
        for lo, hi, name in (("q5", "q95", "90% of draws"), ("q25", "q75", "50% of draws")):
            fig.add_trace(go.Scatter(x=sf.week, y=sf[f"strength_{hi}"], line=dict(width=0),
                                     showlegend=False, hoverinfo="skip"))
            fig.add_trace(go.Scatter(x=sf.week, y=sf[f"strength_{lo}"], fill="tonexty",
                                     line=dict(width=0), name=name))
        fig.add_trace(go.Scatter(x=sf.week, y=sf.strength_q50, name="median", line=dict(width=3)))
        fig.update_layout(title="Armed group's strength", xaxis_title="weeks since the truce began",
                          yaxis_title="fighters", template=LIGHT)
        return fig

    def plot_breaker(self):
        """Who ends the truce: bar chart of shares among draws that broke."""
        import plotly.graph_objects as go

        shares = self.breaker_shares()
        fig = go.Figure(go.Bar(x=[self.inputs.group, self.inputs.state],
                               y=[shares["group"], shares["state"]]))
        fig.update_layout(title="Who breaks the truce (share of breakdowns)",
                          yaxis_range=[0, 1], template=LIGHT)
        return fig


def _fmt(x: float, unit: str) -> str:
    if x is None or (isinstance(x, float) and np.isnan(x)):
        return "–"
    if np.isinf(x):
        return "beyond horizon"
    if unit == "probability":
        return f"{x:.0%}"
    return f"{x:,.0f}"
