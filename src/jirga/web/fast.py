"""The ceasefire model's intervals, computed without a Python loop over bootstrap samples.

``CeasefireResult.interval`` and ``CounterfactualResult.to_frame`` resample with a loop
of 200 calls per measure; at the quick budget that is ~150 ms per counterfactual table
and ~5 ms per interval — more than the simulation itself, and it would be paid on every
slider move. The functions here draw the *same* resampling indices from the *same*
seeds and apply the statistic along an axis instead, so they return the model's own
numbers (tests compare them value for value). The model could adopt them; until then
they live at the workbench's edge.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from jirga.models.ceasefire.counterfactuals import CounterfactualResult
from jirga.models.ceasefire.result import HORIZONS, CeasefireResult, _without_chance
from jirga.models.seeds import child_seed, stream


def median_days(x: np.ndarray) -> np.ndarray:
    """``_median_days`` along the last axis."""
    return np.quantile(x, 0.5, axis=-1, method="inverted_cdf")


def share_within(days: float):
    return lambda x: (x <= days).mean(axis=-1)


def _bootstrap(values: np.ndarray, stat, seed: int, n_boot: int = 200, level: float = 0.9
               ) -> tuple[float, float, float]:
    """:func:`jirga.models.ceasefire.result.bootstrap`, vectorised (same indices)."""
    values = np.asarray(values)
    est = float(stat(values))
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, len(values), size=(n_boot, len(values)))
    boots = np.asarray(stat(values[idx]), dtype=float)
    a = (1 - level) / 2
    lo, hi = (np.nanquantile(boots, [a, 1 - a], method="inverted_cdf") if np.isfinite(boots).any()
              else (np.inf, np.inf))
    return est, float(lo), float(hi)


def interval(res: CeasefireResult, values: np.ndarray, stat, seed: int,
             mean: bool = False) -> tuple[float, float, float]:
    """``res.interval(values, stat, seed)`` for a statistic that works along the last axis;
    ``mean`` marks a mean, whose spread across worlds loses the chance part as in the model."""
    grid = res.by_world(values)
    if grid is None:
        return _bootstrap(values, stat, seed=child_seed(res.seed, "interval", seed))
    per = np.asarray(stat(grid), dtype=float)
    if mean:
        per = _without_chance(per, grid)
    lo, hi = np.quantile(per, [0.05, 0.95], method="inverted_cdf")
    return float(stat(values)), float(lo), float(hi)


def median_duration(res: CeasefireResult) -> tuple[float, float, float]:
    return interval(res, res.duration_days, median_days, seed=1)


def p_break_within(res: CeasefireResult, days: float) -> tuple[float, float, float]:
    return interval(res, (res.duration_days <= days).astype(float), lambda x: x.mean(axis=-1),
                    seed=int(days), mean=True)


def _durations(res: CeasefireResult, side: int) -> np.ndarray:
    d = res.duration_days
    return d if side == 0 else np.where(res.breaker == side, d, np.inf)


@dataclass
class FastCounterfactuals(CounterfactualResult):
    """:class:`CounterfactualResult` whose table is computed along axes (same numbers)."""

    def to_frame(self) -> pd.DataFrame:
        """The model's table (computed once: summary, headline and plot all read it)."""
        cached = getattr(self, "_frame", None)
        if cached is None:
            with np.errstate(invalid="ignore"):
                cached = self._frame = self._table()
        return cached.copy()

    def _table(self) -> pd.DataFrame:
        base_res = self.baseline
        base_boot: dict[str, np.ndarray] = {}
        measures = [("median duration (days)", median_days, 0)]
        measures += [(f"P(breakdown within {h} days)", share_within(h), 0) for h in HORIZONS]
        measures += [("P(armed group ends it within 180 days)", share_within(180), 1),
                     ("P(state ends it within 180 days)", share_within(180), 2)]
        rows = []
        idx = None
        for key, res in self.runs.items():
            for name, stat, side in measures:
                base, alt = _durations(base_res, side), _durations(res, side)
                gb, ga = base_res.by_world(base), res.by_world(alt)
                b, a = float(stat(base)), float(stat(alt))
                if gb is not None and ga is not None:
                    diffs = np.asarray(stat(ga), dtype=float) - np.asarray(stat(gb), dtype=float)
                else:
                    if idx is None:  # the model draws the same indices for every row
                        rng = stream(base_res.seed, "counterfactuals", "pairing")
                        idx = rng.integers(0, len(base), size=(self.n_boot, len(base)))
                    if name not in base_boot:  # the baseline's side is the same in every row
                        base_boot[name] = np.asarray(stat(base[idx]), dtype=float)
                    diffs = np.asarray(stat(alt[idx]), dtype=float) - base_boot[name]
                finite = diffs[np.isfinite(diffs)]
                lo, hi = (np.quantile(finite, [0.05, 0.95]) if len(finite) >= len(diffs) // 2
                          and len(finite) else (np.nan, np.nan))
                rows.append({"counterfactual": key, "label": self.labels[key], "measure": name,
                             "baseline": b, "counterfactual_value": a,
                             "change": a - b if np.isfinite(a - b) else np.nan,
                             "low": lo, "high": hi})
        return pd.DataFrame(rows)


def fast_counterfactuals(cf: CounterfactualResult) -> FastCounterfactuals:
    return FastCounterfactuals(cf.baseline, cf.runs, cf.labels, cf.n_boot)
