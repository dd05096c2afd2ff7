"""Scores for survival forecasts of ceasefire breakdown: C-index, IPCW Brier score, calibration.

All take predicted survival curves ``S`` of shape (n, len(days)) on an integer day grid
that starts at 0 (S = 1 there) and observed ``T`` (days, +0.5 as in
:func:`~jirga.models.duration.covariates.survival_data`) and ``E`` (1 = broke down,
0 = censored: expired, replaced, settled or still in force).
"""

from __future__ import annotations

import numpy as np
from lifelines.utils import concordance_index


def km_curve(T: np.ndarray, E: np.ndarray, days: np.ndarray) -> np.ndarray:
    """Kaplan–Meier S(t) at ``days`` (right-continuous: an event at t counts at t)."""
    T = np.asarray(T, dtype=float)
    E = np.asarray(E, dtype=int)
    times = np.unique(T[E == 1])
    if len(times) == 0:
        return np.ones(len(days))
    at_risk = (T[None, :] >= times[:, None]).sum(axis=1)
    deaths = ((T[None, :] == times[:, None]) & (E[None, :] == 1)).sum(axis=1)
    steps = np.cumprod(1.0 - deaths / at_risk)
    idx = np.searchsorted(times, np.asarray(days, dtype=float), side="right") - 1
    return np.where(idx >= 0, steps[np.clip(idx, 0, None)], 1.0)


def concordance(T: np.ndarray, E: np.ndarray, risk: np.ndarray) -> float:
    """Harrell's C: the share of usable pairs in which the one that broke first had the higher risk."""
    return float(concordance_index(np.asarray(T), -np.asarray(risk), np.asarray(E)))


def brier_curve(S: np.ndarray, T: np.ndarray, E: np.ndarray, days: np.ndarray) -> np.ndarray:
    """Brier score at each day with inverse-probability-of-censoring weights (Graf et al. 1999).

        BS(t) = mean_i [ S_i(t)² · 1{T_i ≤ t, E_i = 1} / G(T_i−) + (1 − S_i(t))² · 1{T_i > t} / G(t) ]

    G is the Kaplan–Meier curve of the censoring times of the scored sample itself, so
    the weights undo that sample's censoring; censored rows before t get weight 0.
    """
    T = np.asarray(T, dtype=float)
    E = np.asarray(E, dtype=int)
    days = np.asarray(days, dtype=float)
    g_t = km_curve(T, 1 - E, days)
    g_T = km_curve(T, 1 - E, T - 1e-9)
    died = (T[:, None] <= days[None, :]) & (E[:, None] == 1)
    alive = T[:, None] > days[None, :]
    w = np.where(died, 1.0 / np.maximum(g_T, 1e-12)[:, None], 0.0)
    w = w + np.where(alive, 1.0 / np.maximum(g_t, 1e-12)[None, :], 0.0)
    return np.mean(w * (alive - S) ** 2, axis=0)


def integrated_brier(S: np.ndarray, T: np.ndarray, E: np.ndarray, days: np.ndarray,
                     horizon: float = 365.0) -> float:
    """IBS = (1/τ)∫₀^τ BS(t) dt over the grid days in [1, τ] (trapezoid rule)."""
    days = np.asarray(days, dtype=float)
    keep = (days >= 1) & (days <= horizon)
    bs = brier_curve(S[:, keep], T, E, days[keep])
    d = days[keep]
    return float(np.sum((bs[1:] + bs[:-1]) / 2 * np.diff(d)) / (d[-1] - d[0]))


def expected_survival(S: np.ndarray, T: np.ndarray, days: np.ndarray) -> np.ndarray:
    """The model's expected KM curve for the same sample under its own censoring (Ederer II).

        Ŝ_E(d) = Π_{k ≤ d} (1 − mean_{i at risk on day k} q_i(k)),   q_i(k) = 1 − S_i(k)/S_i(k−1)

    Why not simply mean_i S_i(t): when censoring depends on covariates — here it does, a
    3-day holiday truce is censored by its expiry on day 3 — the sample's Kaplan–Meier
    curve is *not* an estimate of the mean of the individual curves, so comparing the
    two flags miscalibration even for a true model. Averaging the model's hazards over
    the rows actually at risk each day gives the curve a calibrated model must match.
    ``days`` must be the consecutive integers 0..D.
    """
    T = np.asarray(T, dtype=float)
    days = np.asarray(days, dtype=float)
    if days[0] != 0 or np.any(np.diff(days) != 1):
        raise ValueError("expected_survival needs the day grid 0, 1, …, D")
    q = 1.0 - S[:, 1:] / np.maximum(S[:, :-1], 1e-300)
    at_risk = T[:, None] > days[None, :-1]
    n = at_risk.sum(axis=0)
    mean_q = np.where(n > 0, (q * at_risk).sum(axis=0) / np.maximum(n, 1), 0.0)
    return np.concatenate([[1.0], np.cumprod(1.0 - mean_q)])


def calibration(S: np.ndarray, T: np.ndarray, E: np.ndarray, days: np.ndarray,
                horizons: tuple[int, ...]) -> list[dict[str, float]]:
    """P(breakdown by h): observed (KM) vs the model's risk-set expectation, and vs the plain mean."""
    km = km_curve(T, E, days)
    exp_s = expected_survival(S, T, days)
    rows = []
    for h in horizons:
        i = int(np.searchsorted(days, h))
        rows.append({"horizon_days": int(h), "observed": float(1 - km[i]), "expected": float(1 - exp_s[i]),
                     "mean_predicted": float(1 - S[:, i].mean()),
                     "at_risk": int(np.sum(np.asarray(T) > h))})
    return rows


__all__ = ["brier_curve", "calibration", "concordance", "expected_survival", "integrated_brier",
           "km_curve"]
