"""A piecewise-exponential proportional-hazards model of ceasefire breakdown.

The hazard of breakdown for ceasefire *i* on day *t* of its life is

    h_i(t) = exp(α_j + x_iᵀβ)        for t in interval j = [c_j, c_{j+1}),

with cut points :data:`CUTS_DAYS` (0, 3, 7, 14, 30, 60, 90, 180, 365, 730 days, the last
interval open). So S_i(t) = exp(-Σ_j e_j(t) exp(α_j + x_iᵀβ)), where e_j(t) is the time
spent in interval j by day t. Why this form and not Kaplan–Meier steps or Cox/Breslow:
the baseline is flexible (ten free levels, the hazard falls steeply after the first
weeks) but never exactly zero in a window, so "P(breakdown between day 169 and 190) = 0"
— a flat KM tail taken literally — cannot happen; and the whole fit is a vector of
J + p numbers with a covariance matrix, small enough to ship as package data.

Fit: penalised Poisson likelihood (the exact likelihood of the piecewise-constant
hazard), Newton–Raphson on standardised columns,

    objective = -ℓ(α, β)/n + (λ/2)‖β‖² + (κ/2)‖α - ā‖²,

where ā is the log of the pooled event rate and κ = 1e-3 only keeps an interval with no
breakdown in a training fold from running to -∞. Uncertainty: a cluster-robust
(sandwich) covariance with the conflict as cluster, because ceasefires of one conflict
are not independent; forecast bands are quantiles of S(t) over draws from
N(θ̂, V) — parameter uncertainty only, not the randomness of one ceasefire's fate.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from jirga.models.duration.covariates import COLUMNS

CUTS_DAYS: tuple[float, ...] = (0, 3, 7, 14, 30, 60, 90, 180, 365, 730)
_KAPPA = 1e-3


def interval_exposure(t: np.ndarray, cuts: np.ndarray) -> np.ndarray:
    """Time spent in each interval by time ``t``: shape (len(t), len(cuts))."""
    t = np.asarray(t, dtype=float)[:, None]
    lo = cuts[None, :]
    hi = np.append(cuts[1:], np.inf)[None, :]
    return np.clip(np.minimum(t, hi) - lo, 0.0, None)


def _interval_index(t: np.ndarray, cuts: np.ndarray) -> np.ndarray:
    return np.searchsorted(cuts, np.asarray(t, dtype=float), side="right") - 1


@dataclass
class DurationModel:
    """A fitted breakdown-hazard model; build with :meth:`fit` or :meth:`from_dict`.

    ``alpha``/``beta`` are on the standardised scale (``x_std = (x - mean)/scale``);
    :meth:`summary` reports per-unit hazard ratios.
    """

    columns: tuple[str, ...]
    cuts: np.ndarray
    alpha: np.ndarray
    beta: np.ndarray
    cov: np.ndarray
    mean: np.ndarray
    scale: np.ndarray
    impute: dict[str, float]
    log_term_fixed: float
    penalizer: float
    info: dict[str, Any] = field(default_factory=dict)

    # ---------------------------------------------------------------- fitting
    @classmethod
    def fit(cls, X: pd.DataFrame, T: np.ndarray, E: np.ndarray, groups: np.ndarray | None = None,
            penalizer: float = 0.01, cuts: tuple[float, ...] = CUTS_DAYS,
            max_iter: int = 50) -> DurationModel:
        """Fit on a design frame (:func:`~jirga.models.duration.covariates.design_matrix`).

        NaN covariates are filled with the training means (``log_term`` of a fixed-term
        ceasefire with an unknown term: the mean log term of fixed-term ones).
        ``groups`` (conflict ids) only affect the covariance, not the estimates.
        """
        X = X[list(COLUMNS)]
        T = np.asarray(T, dtype=float)
        E = np.asarray(E, dtype=int)
        if len(T) != len(X) or len(E) != len(X):
            raise ValueError("X, T and E must have the same number of rows")
        if np.any(T <= 0):
            raise ValueError("durations T must be positive")
        fixed = X["fixed_term"] == 1
        lt = X.loc[fixed, "log_term"].dropna()
        log_term_fixed = float(lt.mean()) if len(lt) else 0.0
        impute = {c: float(X[c].mean()) if X[c].notna().any() else 0.0 for c in COLUMNS}
        model = cls(columns=tuple(COLUMNS), cuts=np.asarray(cuts, dtype=float),
                    alpha=np.zeros(len(cuts)), beta=np.zeros(len(COLUMNS)),
                    cov=np.zeros((len(cuts) + len(COLUMNS),) * 2), mean=np.zeros(len(COLUMNS)),
                    scale=np.ones(len(COLUMNS)), impute=impute, log_term_fixed=log_term_fixed,
                    penalizer=float(penalizer))
        raw = model.prepare(X)
        model.mean = raw.mean(axis=0)
        sd = raw.std(axis=0)
        model.scale = np.where(sd > 1e-12, sd, 1.0)
        Z = (raw - model.mean) / model.scale
        expo = interval_exposure(T, model.cuts)
        dmat = np.zeros_like(expo)
        dmat[np.arange(len(T)), _interval_index(T, model.cuts)] = E
        model._newton(Z, expo, dmat, max_iter)
        model._robust_cov(Z, expo, dmat, groups)
        model.info = {"n": int(len(T)), "events": int(E.sum()),
                      "clusters": int(len(np.unique(groups))) if groups is not None else int(len(T))}
        return model

    def _newton(self, Z: np.ndarray, expo: np.ndarray, dmat: np.ndarray, max_iter: int) -> None:
        n, p = Z.shape
        J = expo.shape[1]
        abar = np.log(max(dmat.sum(), 1.0) / expo.sum())
        theta = np.concatenate([np.full(J, abar), np.zeros(p)])

        def objective(th: np.ndarray) -> float:
            eta = th[:J][None, :] + (Z @ th[J:])[:, None]
            ll = np.sum(dmat * eta - expo * np.exp(eta))
            return (-ll / n + 0.5 * self.penalizer * th[J:] @ th[J:]
                    + 0.5 * _KAPPA * np.sum((th[:J] - abar) ** 2))

        current = objective(theta)
        for _ in range(max_iter):
            grad, hess = self._grad_hess(theta, Z, expo, dmat, abar)
            step = np.linalg.solve(hess, grad)
            t = 1.0
            while t > 1e-6:
                cand = theta - t * step
                val = objective(cand)
                if val <= current + 1e-12:
                    break
                t /= 2
            theta, improvement, current = cand, current - val, val
            if improvement < 1e-10:
                break
        self.alpha, self.beta = theta[:J].copy(), theta[J:].copy()
        self._hess = self._grad_hess(theta, Z, expo, dmat, abar)[1] * n

    def _grad_hess(self, theta: np.ndarray, Z: np.ndarray, expo: np.ndarray, dmat: np.ndarray,
                   abar: float) -> tuple[np.ndarray, np.ndarray]:
        n, p = Z.shape
        J = expo.shape[1]
        mu = expo * np.exp(theta[:J][None, :] + (Z @ theta[J:])[:, None])
        resid = dmat - mu
        g = np.concatenate([resid.sum(axis=0), Z.T @ resid.sum(axis=1)])
        mu_i = mu.sum(axis=1)
        h = np.zeros((J + p, J + p))
        h[:J, :J] = np.diag(mu.sum(axis=0))
        h[:J, J:] = mu.T @ Z
        h[J:, :J] = h[:J, J:].T
        h[J:, J:] = Z.T @ (Z * mu_i[:, None])
        pen = np.concatenate([np.full(J, _KAPPA), np.full(p, self.penalizer)])
        grad = -g / n + pen * (theta - np.concatenate([np.full(J, abar), np.zeros(p)]))
        return grad, h / n + np.diag(pen)

    def _robust_cov(self, Z: np.ndarray, expo: np.ndarray, dmat: np.ndarray,
                    groups: np.ndarray | None) -> None:
        mu = expo * np.exp(self.alpha[None, :] + (Z @ self.beta)[:, None])
        resid = dmat - mu
        scores = np.hstack([resid, Z * resid.sum(axis=1)[:, None]])
        if groups is None:
            groups = np.arange(len(Z))
        _, inv = np.unique(np.asarray(groups), return_inverse=True)
        U = np.zeros((inv.max() + 1, scores.shape[1]))
        np.add.at(U, inv, scores)
        G = U.shape[0]
        bread = np.linalg.inv(self._hess)
        self.cov = bread @ (U.T @ U) @ bread * (G / max(G - 1, 1))

    # ------------------------------------------------------------- prediction
    def prepare(self, X: pd.DataFrame) -> np.ndarray:
        """Design values with unknowns filled as the training data's averages."""
        X = X[list(self.columns)].astype(float).copy()
        fixed_known = X["fixed_term"] == 1
        X.loc[fixed_known & X["log_term"].isna(), "log_term"] = self.log_term_fixed
        return X.fillna(self.impute).to_numpy()

    def _z(self, X: pd.DataFrame) -> np.ndarray:
        return (self.prepare(X) - self.mean) / self.scale

    def cumulative_hazard(self, X: pd.DataFrame, days: np.ndarray,
                          alpha: np.ndarray | None = None, beta: np.ndarray | None = None) -> np.ndarray:
        """H_i(t) for every row of ``X`` and every day: shape (len(X), len(days))."""
        a = self.alpha if alpha is None else alpha
        b = self.beta if beta is None else beta
        expo = interval_exposure(np.asarray(days, dtype=float), self.cuts)  # (G, J)
        return np.exp(self._z(X) @ b)[:, None] * (expo @ np.exp(a))[None, :]

    def survival(self, X: pd.DataFrame, days: np.ndarray) -> np.ndarray:
        """S_i(t) = P(no breakdown by day t), were it not ended another way first."""
        return np.exp(-self.cumulative_hazard(X, days))

    def risk_score(self, X: pd.DataFrame) -> np.ndarray:
        """Linear predictor xᵀβ: orders ceasefires by breakdown hazard (for the C-index)."""
        return self._z(X) @ self.beta

    def draw_parameters(self, n_draws: int, seed: int = 0) -> np.ndarray:
        """Draws of (α, β) from N(θ̂, V): shape (n_draws, J + p)."""
        rng = np.random.default_rng(seed)
        theta = np.concatenate([self.alpha, self.beta])
        vals, vecs = np.linalg.eigh((self.cov + self.cov.T) / 2)
        root = vecs * np.sqrt(np.clip(vals, 0.0, None))
        return theta + rng.standard_normal((n_draws, len(theta))) @ root.T

    def summary(self) -> pd.DataFrame:
        """Hazard ratio per unit of each covariate, with the cluster-robust 95% interval."""
        J = len(self.cuts)
        se = np.sqrt(np.diag(self.cov)[J:]) / self.scale
        coef = self.beta / self.scale
        return pd.DataFrame({
            "coef": coef, "se_robust": se, "hazard_ratio": np.exp(coef),
            "hr_low": np.exp(coef - 1.96 * se), "hr_high": np.exp(coef + 1.96 * se),
            "training_mean": self.mean,
        }, index=pd.Index(self.columns, name="covariate"))

    def baseline_frame(self) -> pd.DataFrame:
        """Breakdown hazard per day in each interval for a ceasefire with average covariates."""
        hi = np.append(self.cuts[1:], np.inf)
        return pd.DataFrame({"from_day": self.cuts, "to_day": hi,
                             "hazard_per_day": np.exp(self.alpha)})

    # ---------------------------------------------------------- serialisation
    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": "piecewise_exponential_ph", "columns": list(self.columns),
            "cuts_days": self.cuts.tolist(), "alpha": self.alpha.tolist(), "beta": self.beta.tolist(),
            "cov_lower": [self.cov[i, : i + 1].tolist() for i in range(len(self.cov))],
            "mean": self.mean.tolist(), "scale": self.scale.tolist(),
            "impute": self.impute, "log_term_fixed": self.log_term_fixed,
            "penalizer": self.penalizer, "info": self.info,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> DurationModel:
        if d.get("kind") != "piecewise_exponential_ph" or tuple(d["columns"]) != COLUMNS:
            raise ValueError("not a jirga duration model of this version; rebuild it with "
                             "scripts/fit_duration_model.py")
        rows = d["cov_lower"]
        cov = np.zeros((len(rows), len(rows)))
        for i, row in enumerate(rows):
            cov[i, : i + 1] = row
        cov = cov + np.tril(cov, -1).T
        return cls(columns=tuple(d["columns"]), cuts=np.asarray(d["cuts_days"], dtype=float),
                   alpha=np.asarray(d["alpha"]), beta=np.asarray(d["beta"]), cov=cov,
                   mean=np.asarray(d["mean"]), scale=np.asarray(d["scale"]),
                   impute={k: float(v) for k, v in d["impute"].items()},
                   log_term_fixed=float(d["log_term_fixed"]), penalizer=float(d["penalizer"]),
                   info=dict(d.get("info", {})))


__all__ = ["CUTS_DAYS", "DurationModel", "interval_exposure"]
