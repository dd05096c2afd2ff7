"""Votes, coalitions and probabilistic Condorcet elections: the elementary pieces.

Pure numpy, vectorised; used by :mod:`jirga.models.spatial.core`. Names of the
variants follow KTAB's (Proportional voting, Linear victory model, Conditional
PCE, Mid risk range, …) in snake case.
"""

from __future__ import annotations

import numpy as np

MIN_COALITION = 1e-8  # floor of every coalition's strength (avoids 0/0)


def vote(rule: str, w: np.ndarray | float, du: np.ndarray) -> np.ndarray:
    """Vote of weight ``w`` for option 1 over option 2 given ``du = u1 - u2``."""
    if rule == "proportional":
        return w * du
    if rule == "binary":
        return w * np.clip(du / 1e-8, -1.0, 1.0)
    if rule == "prop_bin":
        return w * (0.8 * du + 0.2 * np.clip(du / 1e-8, -1.0, 1.0))
    if rule == "prop_cubic":
        return w * (0.5 * du + 0.5 * du**3)
    if rule == "cubic":
        return w * du**3
    if rule == "asym_prospect":
        return np.where(du < 0.0, w * du, 2.0 * w * du / 3.0)
    raise ValueError(f"unknown voting rule {rule!r}")


def utility(d: np.ndarray, r: np.ndarray | float) -> np.ndarray:
    """Utility of distance ``d`` (0–1) for risk attitude ``r``: ``(1 - d)(1 + d r)``.

    Weighted distances between points of the unit cube never exceed 1, so KTAB's
    branch for ``d > 1`` (round-off only) is a clip here.
    """
    d = np.minimum(d, 1.0)
    return (1.0 - d) * (1.0 + d * r)


def distances(ideal: np.ndarray, pos: np.ndarray, sal: np.ndarray) -> np.ndarray:
    """``d[a, b]``: salience-weighted distance from ``a``'s ideal to position ``b``.

    ``ideal`` (na, nd) are the judges' ideal points, ``sal`` (na, nd) their
    saliences, ``pos`` (nb, nd) the positions judged. An actor with no salience
    at all is indifferent (distance 0).
    """
    s2 = sal * sal
    tot = s2.sum(axis=1)
    diff = ideal[:, None, :] - pos[None, :, :]
    num = np.einsum("ak,abk->ab", s2, diff * diff)
    safe = np.where(tot > 0, tot, 1.0)
    return np.sqrt(num / safe[:, None]) * (tot > 0)[:, None]


def victory(model: str, c1: np.ndarray, c2: np.ndarray) -> np.ndarray:
    """Probability that coalition strength ``c1`` defeats ``c2``."""
    if model == "linear":
        x1, x2 = c1, c2
    elif model == "square":
        x1, x2 = c1**2, c2**2
    elif model == "quartic":
        x1, x2 = c1**4, c2**4
    elif model == "octic":
        x1, x2 = c1**8, c2**8
    elif model == "binary":
        thresh = 1.10
        r12 = c1 / (c1 + c2)
        p12 = (r12 * (thresh + 1.0) - 1.0) / (thresh - 1.0)
        x1 = np.where(c1 >= thresh * c2, 1.0, np.where(c2 >= thresh * c1, 1e-6, p12))
        x2 = np.where(c1 >= thresh * c2, 1e-6, np.where(c2 >= thresh * c1, 1.0, 1.0 - p12))
    else:
        raise ValueError(f"unknown victory model {model!r}")
    return x1 / (x1 + x2)


def coalitions(w: np.ndarray, u: np.ndarray, rule: str, chunk: int = 2_000_000) -> np.ndarray:
    """``C[i, j] = 1e-8 + Σ_k max(0, vote_k(i:j))`` for voters ``k`` with weights ``w``.

    ``u`` is (..., voters, options): utility to voter ``k`` of option ``i``; leading
    axes are independent elections computed together. Voters are processed in
    chunks so the (..., voters, options, options) block stays bounded.
    """
    *batch, nv, no = u.shape
    c = np.full((*batch, no, no), MIN_COALITION)
    width = int(np.prod(batch, dtype=int)) * no * no
    step = max(1, chunk // max(1, width))
    for a in range(0, nv, step):
        uk = u[..., a:a + step, :]
        v = vote(rule, w[a:a + step, None, None], uk[..., :, :, None] - uk[..., :, None, :])
        c += np.maximum(v, 0.0).sum(axis=-3)
    return c


def victory_matrix(model: str, c: np.ndarray) -> np.ndarray:
    """``P[..., i, j]``: probability that option ``i`` beats ``j``; ``P[..., i, i] = 1/2``."""
    p = victory(model, c, np.swapaxes(c, -1, -2))
    k = np.arange(c.shape[-1])
    p[..., k, k] = 0.5
    return p


def pce(model: str, c: np.ndarray, victory_model: str) -> np.ndarray:
    """Probability of each option winning, from coalition matrices ``c`` (..., n, n)."""
    pv = victory_matrix(victory_model, c)
    n = pv.shape[-1]
    if model == "conditional":
        # product over j, in log space so that 160 small factors do not underflow
        with np.errstate(divide="ignore", invalid="ignore"):
            lp = np.log(pv).sum(axis=-1)
            top = lp.max(axis=-1, keepdims=True)
            p = np.exp(lp - top)
            p = p / p.sum(axis=-1, keepdims=True)
        dead = ~np.isfinite(top[..., 0])
        if dead.any():
            p[dead] = 1.0 / n
        return p
    if c.ndim > 2:
        return np.stack([pce(model, ci, victory_model) for ci in c.reshape(-1, n, n)]
                        ).reshape(c.shape[:-1])
    if model == "markov_uniform":
        p = np.full(n, 1.0 / n)
        for _ in range(1000):
            q = (pv * (p[:, None] + p[None, :])).sum(axis=1) / n
            change = np.abs(q - p).max()
            p = (p + q) / 2.0
            if change <= 1e-6:
                break
        return p / p.sum()
    if model == "markov_incentive":
        inc = c * pv + np.eye(n) * 1e-10
        chlg = inc / inc.sum(axis=0, keepdims=True)  # chlg[i, j]: P(i challenges j)
        p = np.full(n, 1.0 / n)
        for _ in range(1000):
            ct = p[:, None] * chlg.T  # ct[i, j] = p_i * chlg[j, i]
            q = (pv * (ct + ct.T)).sum(axis=1)
            change = np.abs(q - p).max()
            p = (p + q) / 2.0
            if change <= 1e-8:
                break
        return p / p.sum()
    raise ValueError(f"unknown PCE model {model!r}")


def risk_from_prob(p: np.ndarray, rng_name: str) -> np.ndarray:
    """Risk attitudes from each actor's probability of winning (most likely = most risk averse)."""
    pmin, pmax = p.min(), p.max()
    span = pmax - pmin
    if span <= 0:
        return np.zeros_like(p)  # all alike: KTAB divides by zero here; we call them neutral
    # Written through the share (p - pmin) / span, which lies in [0, 1] even when the span
    # is a rounding error's width; the expanded forms (e.g. (3p - pmax - 2 pmin) / 2span)
    # lose that bound and sent risk far outside its range for near-equal actors.
    share = (p - pmin) / span
    if rng_name == "min":
        return share
    if rng_name == "mid":
        return 1.5 * share - 0.5
    if rng_name == "max":
        return 2.0 * share - 1.0
    raise ValueError(f"unknown risk range {rng_name!r}")


def estimate_risk(rh: np.ndarray, ri: np.ndarray, how: str) -> np.ndarray:
    """``h``'s estimate of ``i``'s risk attitude (broadcasts)."""
    if how == "full":
        return ri + 0.0 * rh
    if how == "two_thirds":
        return (rh + 2.0 * ri) / 3.0
    if how == "half":
        return (rh + ri) / 2.0
    if how == "one_third":
        return (2.0 * rh + ri) / 3.0
    if how == "none":
        return rh + 0.0 * ri
    raise ValueError(f"unknown risk adjustment {how!r}")
