"""One round of the expected-utility bargaining model: its equations, settings and moves.

Split from :mod:`jirga.models.bargaining.engine` (which runs these rounds, detects
cycles and forms the forecast) so that the equations below sit next to the code
that computes them. Its public names are also importable from
:mod:`jirga.models.bargaining.engine`.

Pure numerics on arrays, vectorised over Monte Carlo draws: every function
takes positions ``x``, capabilities ``c`` and saliences ``s`` shaped
``(draws, actors)`` (a single run is ``draws == 1``). No I/O.

Equations (one issue; ``Δ`` the issue range, ``w_k = c_k s_k``)
----------------------------------------------------------------

Distance ``d_ij = |x_i − x_j| / Δ``. Utilities, seen by a viewer ``h`` with risk
exponent ``r_h``, of challenger ``a`` challenging ``b``::

    U_s  = 2 − 4 (½ − ½ d_ab)^r_h                     success
    U_f  = 2 − 4 (½ + ½ d_ab)^r_h                     failure
    U_b  = 2 − 4 (½ − ¼ (|x_a − μ|/Δ + d_ab))^r_h      status quo gets better
    U_w  = 2 − 4 (½ + ¼ (|x_a − μ|/Δ + d_ab))^r_h      status quo gets worse
    U_sq = 2 − 4 (½)^r_h                              status quo

``μ`` is the c·s-weighted mean (``mu="mean"``, default) or weighted median of the
current positions; it only matters when ``q < 1``.

Probability that ``i`` beats ``j``:

* ``variant="scholz"``: votes ``v_k(i:j) = w_k [d_kj^r_k − d_ki^r_k]`` and
  ``P_ij = Σ_k max(0, v_k(i:j)) / Σ_k Σ_a Σ_b |v_k(a:b)|``. The denominator does
  not depend on ``(i, j)``; it equals twice the sum of all numerators, so it
  costs nothing extra.
* ``variant="bdm"``: ``P_ij = max(0, Σ_k w_k (d_kj − d_ki)) / Σ_k w_k |d_kj − d_ki|``
  (no risk exponent, one denominator per pair; a pair on which every actor is
  indifferent gets ``P = ½``, where the replication divides by zero).

``P_ij = 0`` when ``x_i == x_j``. Expected utility of ``a`` challenging ``b``::

    EU(a→b) = s_b [P_ab U_s + (1 − P_ab) U_f] + (1 − s_b) U_s
              − q U_sq − (1 − q) [t U_b + (1 − t) U_w]

Risk exponents, once per round: with every ``r = 1``,
``S_i = Σ_{j≠i} EU(j→i)``, ``R_i = (2 S_i − max S − min S) / (max S − min S)``
(``R = 0`` when all ``S`` are equal) and ``r_i = (1 − R_i/3) / (1 + R_i/3)``.
**All ``r`` are computed from the same state and assigned together.**

Offers (receiver ``i``, sender ``j``, ``x_j ≠ x_i``): ``eu_ij`` is ``i``'s own
expected utility of challenging ``j`` (with ``r_i``); ``eu_ji`` is the sender's —
seen by ``i`` with ``r_i`` in "scholz", by ``j`` itself with ``r_j`` in "bdm"
(as each replication does):

* ``eu_ji > eu_ij > 0``: confrontation, ``i`` loses and moves to ``x_j``;
* ``eu_ji > 0 > eu_ij`` and ``eu_ji > |eu_ij|``: compromise,
  ``x_i += (x_j − x_i) |eu_ij / eu_ji|``;
* ``eu_ji > 0 > eu_ij`` and ``eu_ji < |eu_ij|``: capitulation, ``i`` moves to
  ``x_j``. (The "scholz" replication's test for this can never be true, so it
  never capitulates; here it is reachable, ``capitulation=True``.)

Offer selection when several arrive (``offer_rule``): ``"scholz"`` —
confrontations first (nearest wins), else the compromise with the smallest
weighted position ``(|eu_ij| x_i + |eu_ji| x_j) / (|eu_ij| + |eu_ji|)``, else the
nearest capitulation; ``"nearest"`` — same order, but the compromise that moves
``i`` least (BDM's stated intent); ``"bdm"`` — the offer whose sender expects
most (ties: nearest, then the one the receiver itself expects most from),
then resolved by the three cases above. Ties beyond that go to the first
actor in input order, as in the replications. All actors move at once: offers use
the positions at the start of the round.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

VARIANTS = ("scholz", "bdm")
OFFER_RULES = ("scholz", "nearest", "bdm")

# move codes (Trajectory.moves) and quadrant codes (Trajectory.quadrants)
NO_MOVE, CONFRONTATION, COMPROMISE, CAPITULATION = 0, 1, 2, 3
MOVE_NAMES = {NO_MOVE: "none", CONFRONTATION: "confrontation", COMPROMISE: "compromise",
              CAPITULATION: "capitulation"}
SELF, CONFLICT, STALEMATE = -1, 0, 3
QUADRANT_NAMES = {SELF: "", CONFLICT: "conflict", COMPROMISE: "compromise",
                  CAPITULATION: "capitulation", STALEMATE: "stalemate"}


@dataclass(frozen=True)
class Params:
    """Model settings; every choice the literature leaves open is one of these.

    ``q``: probability of no change (1 in every published run); ``t``: probability
    the status quo improves (matters only when ``q < 1``); ``delta``: issue range
    ``Δ`` (``None`` = max − min of the initial positions, as the replications);
    ``offer_rule``: see module docstring (``None`` = the variant's own);
    ``capitulation``: allow capitulation moves (``False`` reproduces the "scholz"
    replication's defect); ``mu``: ``"mean"`` or ``"median"`` for ``U_b, U_w``;
    ``window``: rounds at the end averaged into the forecast; ``cycle_tol``: two
    rounds count as the same state when no position differs by more than
    ``cycle_tol · Δ`` (raise it, e.g. to 0.01, to report near-cycles);
    ``risk_update``: ``"together"`` (the fix) or ``"sequential"`` (a replication's
    order-dependent defect, for comparison only).
    """

    variant: str = "scholz"
    q: float = 1.0
    t: float = 1.0
    delta: float | None = None
    offer_rule: str | None = None
    capitulation: bool = True
    mu: str = "mean"
    window: int = 5
    cycle_tol: float = 1e-9
    risk_update: str = "together"

    def __post_init__(self) -> None:
        if self.variant not in VARIANTS:
            raise ValueError(f"unknown variant {self.variant!r}; use one of {VARIANTS}")
        if self.offer_rule is not None and self.offer_rule not in OFFER_RULES:
            raise ValueError(f"unknown offer_rule {self.offer_rule!r}; use one of {OFFER_RULES}")
        if not (0.0 <= self.q <= 1.0 and 0.0 <= self.t <= 1.0):
            raise ValueError("q and t are probabilities: give values between 0 and 1")
        if self.mu not in ("mean", "median"):
            raise ValueError("mu must be 'mean' or 'median'")
        if self.delta is not None and not self.delta > 0:
            raise ValueError("delta (the issue range) must be positive")
        if self.risk_update not in ("together", "sequential"):
            raise ValueError("risk_update must be 'together' or 'sequential'")
        if not self.cycle_tol >= 0:
            raise ValueError("cycle_tol must be 0 or more")
        if self.window < 1:
            raise ValueError("window must be at least 1 round")

    @property
    def rule(self) -> str:
        return self.offer_rule or ("scholz" if self.variant == "scholz" else "bdm")



# ---------------------------------------------------------------------------
# building blocks
# ---------------------------------------------------------------------------


def weighted_mean(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Σ w x / Σ w along the last axis (NaN when all weights are 0)."""
    tot = w.sum(axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return (w * x).sum(axis=-1) / tot


def weighted_median(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Lower weighted median along the last axis: the smallest position holding half the weight."""
    order = np.argsort(x, axis=-1, kind="stable")
    xs = np.take_along_axis(x, order, axis=-1)
    cum = np.cumsum(np.take_along_axis(w, order, axis=-1), axis=-1)
    half = 0.5 * cum[..., -1:] * (1.0 - 1e-12)
    idx = np.argmax(cum >= half, axis=-1)
    return np.take_along_axis(xs, idx[..., None], axis=-1)[..., 0]


def _batched_weighted_sum(w: np.ndarray, a: np.ndarray) -> np.ndarray:
    """Σ_k w[d,k] a[d,k,i,j] -> (D, n, n), as one batched matmul."""
    d, n = w.shape
    return np.matmul(w[:, None, :], a.reshape(d, n, n * n)).reshape(d, n, n)


def win_probabilities(d: np.ndarray, w: np.ndarray, r: np.ndarray | None, variant: str
                      ) -> np.ndarray:
    """P[d, i, j]: probability that i beats j, from distances ``d`` (D, n, n) over Δ.

    ``r=None`` means every risk exponent is 1 (the first pass of each round).
    """
    if variant == "scholz":
        a = d if r is None else d ** r[:, :, None]      # a[k, m] = d_km^r_k
        diff = a[:, :, None, :] - a[:, :, :, None]      # [k, i, j] = a[k, j] - a[k, i]
        np.maximum(diff, 0.0, out=diff)
        num = _batched_weighted_sum(w, diff)
        den = 2.0 * num.sum(axis=(1, 2))                # = Σ_k Σ_a Σ_b |v_k(a:b)|
        safe = np.where(den > 0, den, 1.0)
        return np.where(den[:, None, None] > 0, num / safe[:, None, None], 0.0)
    u = np.matmul(w[:, None, :], d)[:, 0, :]            # u_m = Σ_k w_k d_km
    top = np.maximum(u[:, None, :] - u[:, :, None], 0.0)
    diff = d[:, :, None, :] - d[:, :, :, None]
    np.abs(diff, out=diff)
    bottom = _batched_weighted_sum(w, diff)
    safe = np.where(bottom > 0, bottom, 1.0)
    p = np.where(bottom > 0, top / safe, 0.5)
    same = d == 0.0
    p[same] = 0.0
    return p


def expected_utilities(
    x: np.ndarray, w: np.ndarray, s: np.ndarray, r: np.ndarray | None, delta: np.ndarray,
    p: Params, other_view: bool = True, r_votes: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Return ``(own, other)``, each (D, n, n).

    ``own[i, j]`` = EU of i challenging j, seen by i (r_i); ``other[i, j]`` = EU of j
    challenging i, seen by i ("scholz") or by j itself ("bdm"). ``r=None``: all r = 1.
    ``other_view=False`` skips ``other`` in "scholz" (then it is ``own`` transposed).
    ``r_votes`` overrides the exponents used in the "scholz" votes (default ``r``).
    """
    d = np.abs(x[:, :, None] - x[:, None, :]) / delta[:, None, None]
    prob = win_probabilities(d, w, r if r_votes is None else r_votes, p.variant)
    if r is None:  # every r = 1: the utilities are linear, no powers needed
        rr = None
        us = np.minimum(2.0 * d, 2.0)
        uf = -2.0 * d
        usq = np.zeros((1, 1, 1))
    else:
        rr = r[:, :, None]
        us = 2.0 - 4.0 * np.maximum(0.5 - 0.5 * d, 0.0) ** rr
        uf = 2.0 - 4.0 * (0.5 + 0.5 * d) ** rr
        usq = (2.0 - 4.0 * 0.5 ** r)[:, :, None]
    sj = s[:, None, :]
    own = sj * (prob * us + (1.0 - prob) * uf) + (1.0 - sj) * us - p.q * usq
    if p.q < 1.0:
        mu = weighted_mean(x, w) if p.mu == "mean" else weighted_median(x, w)
        m = np.abs(x - mu[:, None]) / delta[:, None]        # |x_a - mu| / delta
        own -= (1.0 - p.q) * _status_quo_change(m[:, :, None] + d, rr, p.t)
    if p.variant == "bdm" or not other_view:
        return own, np.swapaxes(own, 1, 2)
    si = s[:, :, None]
    pt = np.swapaxes(prob, 1, 2)
    other = si * (pt * us + (1.0 - pt) * uf) + (1.0 - si) * us - p.q * usq
    if p.q < 1.0:
        other -= (1.0 - p.q) * _status_quo_change(m[:, None, :] + d, rr, p.t)
    return own, other


def _status_quo_change(spread: np.ndarray, rr: np.ndarray | None, t: float) -> np.ndarray:
    e = 1.0 if rr is None else rr
    ub = 2.0 - 4.0 * np.maximum(0.5 - 0.25 * spread, 0.0) ** e
    uw = 2.0 - 4.0 * (0.5 + 0.25 * spread) ** e
    return t * ub + (1.0 - t) * uw


def risk_exponents(x: np.ndarray, w: np.ndarray, s: np.ndarray, delta: np.ndarray,
                   p: Params) -> np.ndarray:
    """(D, n) risk exponents r_i in [0.5, 2], all computed from one state with r = 1.

    ``p.risk_update == "sequential"`` instead reproduces a replication's defect
    (dmasad's ``improved_version``): actors are updated one by one in input order
    and later actors' votes already use the earlier actors' new exponents, so the
    result depends on the order of the actors. For comparison only.
    """
    if p.risk_update == "sequential":
        return _risk_sequential(x, w, s, delta, p)
    own, _ = expected_utilities(x, w, s, None, delta, p, other_view=False)
    return _r_from_danger(_danger(own))


def _danger(own: np.ndarray) -> np.ndarray:
    n = own.shape[1]
    return (own * (1.0 - np.eye(n))[None]).sum(axis=1)      # S_i = Σ_{j≠i} EU(j → i)


def _r_from_danger(danger: np.ndarray) -> np.ndarray:
    hi = danger.max(axis=1, keepdims=True)
    lo = danger.min(axis=1, keepdims=True)
    span = hi - lo
    flat = span <= 1e-14 * np.maximum(np.abs(hi), 1.0)
    big_r = np.where(flat, 0.0, (2.0 * danger - hi - lo) / np.where(flat, 1.0, span))
    return (1.0 - big_r / 3.0) / (1.0 + big_r / 3.0)


def _risk_sequential(x, w, s, delta, p):
    r = np.ones_like(x)
    for i in range(x.shape[1]):
        r[:, i] = 1.0
        own, _ = expected_utilities(x, w, s, None, delta, p, other_view=False, r_votes=r)
        r[:, i] = _r_from_danger(_danger(own))[:, i]
    return r


def quadrants(own: np.ndarray, other: np.ndarray) -> np.ndarray:
    """Perception codes (D, n, n) from i's view of its relation with j.

    conflict: both EUs > 0; stalemate: both ≤ 0; otherwise the side expecting a
    loss yields — compromise when the gainer's EU outweighs it, capitulation when not.
    """
    out = np.full(own.shape, STALEMATE, dtype=np.int8)
    mixed = (own > 0) != (other > 0)
    pos = np.where(own > 0, own, other)
    neg = np.where(own > 0, other, own)
    out[mixed & (pos > np.abs(neg))] = COMPROMISE
    out[mixed & (pos <= np.abs(neg))] = CAPITULATION
    out[(own > 0) & (other > 0)] = CONFLICT
    n = own.shape[1]
    out[:, np.arange(n), np.arange(n)] = SELF
    return out


def choose_moves(
    x: np.ndarray, own: np.ndarray, other: np.ndarray, p: Params,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """New positions (D, n), move codes (D, n) and sender index (D, n; −1 = none)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return _choose_moves(x, own, other, p)


def _choose_moves(x, own, other, p):
    dcount, n = x.shape
    xi = x[:, :, None]
    xj = x[:, None, :]
    valid = xi != xj
    dist = np.abs(xj - xi)
    ratio = np.abs(own / other)
    rows = np.arange(dcount)[:, None]
    cols = np.arange(n)[None, :]
    inf = np.inf

    if p.rule == "bdm":
        elig = valid & (other > 0)
        best = np.where(elig, other, -inf).max(axis=2, keepdims=True)
        cand = elig & (other == best)
        cand &= dist == np.where(cand, dist, inf).min(axis=2, keepdims=True)
        # equal offers from actors at the same place: the receiver takes its best
        j = np.argmax(np.where(cand, own, -inf), axis=2)
        has = cand.any(axis=2)
        ui = own[rows, cols, j]
        uj = other[rows, cols, j]
        code = np.full((dcount, n), NO_MOVE, dtype=np.int8)
        code[has & (ui > 0) & (ui < uj)] = CONFRONTATION
        code[has & (ui < 0) & (-ui < uj)] = COMPROMISE
        if p.capitulation:
            code[has & (ui < 0) & (-ui > uj)] = CAPITULATION
    else:
        conf = valid & (other > own) & (own > 0)
        comp = valid & (other > 0) & (own < 0) & (other > -own)
        cap = valid & (other > 0) & (own < 0) & (other < -own)
        if not p.capitulation:
            cap = np.zeros_like(cap)
        j_conf = np.argmin(np.where(conf, dist, inf), axis=2)
        if p.rule == "scholz":
            aown, aoth = np.abs(own), np.abs(other)
            key = (aown * xi + aoth * xj) / (aown + aoth)
        else:
            key = dist * ratio
        j_comp = np.argmin(np.where(comp, key, inf), axis=2)
        j_cap = np.argmin(np.where(cap, dist, inf), axis=2)
        has_conf, has_comp, has_cap = conf.any(axis=2), comp.any(axis=2), cap.any(axis=2)
        j = np.where(has_conf, j_conf, np.where(has_comp, j_comp, j_cap))
        code = np.where(has_conf, CONFRONTATION,
                        np.where(has_comp, COMPROMISE,
                                 np.where(has_cap, CAPITULATION, NO_MOVE))).astype(np.int8)
    target = x[rows, j]
    step = ratio[rows, cols, j]
    new = np.where(code == COMPROMISE, x + (target - x) * step,
                   np.where(code == NO_MOVE, x, target))
    sender = np.where(code == NO_MOVE, -1, j)
    return new, code, sender
