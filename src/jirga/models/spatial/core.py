"""Numerical core of the spatial model with probabilistic Condorcet elections.

Pure numpy, no I/O. Positions and saliences are on the 0–1 scale here; the
public wrapper in :mod:`jirga.models.spatial.engine` converts from and to 0–100.

The model follows the equations in ``shared/models/spatial-pce.md`` (KTAB's
``smpc``), with KTAB's choices as defaults. The expensive part — the votes of
every third party ``n`` in the "little" contests inside every challenge
``i -> j`` — is computed as array operations over ``(i, n, j)`` blocks, with
``i`` chunked so that memory stays bounded (under 50 MiB for 160 actors).

(The elementary votes and elections are in :mod:`jirga.models.spatial.votes`.)

Only the challenger's own estimate (``h = i``) of a challenge drives the
dynamics; :func:`challenge_estimates` computes any estimator ``h``'s view with
the same kernel when all perspectives are wanted.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from jirga.models.spatial.votes import (  # noqa: F401  (re-exported: the model's vocabulary)
    MIN_COALITION,
    coalitions,
    distances,
    estimate_risk,
    pce,
    risk_from_prob,
    utility,
    victory,
    victory_matrix,
    vote,
)

# ---- options -----------------------------------------------------------------

VOTING_RULES = ("binary", "prop_bin", "proportional", "prop_cubic", "cubic", "asym_prospect")
VICTORY_MODELS = ("linear", "square", "quartic", "octic", "binary")
PCE_MODELS = ("conditional", "markov_uniform", "markov_incentive")
TRANSITIONS = ("deterministic", "stochastic")
RISK_RANGES = ("min", "mid", "max")
RISK_ADJUSTS = ("full", "two_thirds", "half", "one_third", "none")
THIRD_PARTY = ("full", "semi", "none")
INTERPOLATIONS = ("s1p1", "s2p2", "s2pmax")

MIN_CHALLENGE_COALITION = 1e-10  # floor inside challenge estimates
MIN_GAIN = 1e-5  # a challenge must be worth more than this
BARGAIN_EPS = 1e-6  # weight floor in bargain interpolation
POSITION_TOL = 1e-3  # positions closer than this (0–1 scale, Euclidean) are the same


@dataclass(frozen=True)
class Options:
    """Model variants; the defaults are KTAB's.

    ``voting_rule``: how strongly an actor votes for the option it prefers, as a
    function of the utility difference (KTAB: Proportional).
    ``victory_model``: probability that coalition strength ``a`` beats ``b``
    (Linear: ``a / (a + b)``).
    ``pce``: probabilistic Condorcet election over options (Conditional: one-step
    conditional probability that an option beats all others).
    ``transition``: each actor adopts the most probable bargain in its queue
    (deterministic) or draws one (stochastic).
    ``risk_range``: scale of inferred risk attitudes (Mid: ``[-1/2, 1]``).
    ``risk_adjust``: how ``h`` estimates ``i``'s risk attitude from both (OneThird:
    ``(2 r_h + r_i) / 3``).
    ``third_party``: how committed a third party expects the principals' coalitions
    to be (Semi).
    ``interpolation``: how a bargain is interpolated between two positions (S2P2:
    weights salience squared × probability squared).
    """

    voting_rule: str = "proportional"
    victory_model: str = "linear"
    pce: str = "conditional"
    transition: str = "deterministic"
    risk_range: str = "mid"
    risk_adjust: str = "one_third"
    third_party: str = "semi"
    interpolation: str = "s2p2"

    def __post_init__(self) -> None:
        for name, allowed in (
            ("voting_rule", VOTING_RULES), ("victory_model", VICTORY_MODELS),
            ("pce", PCE_MODELS), ("transition", TRANSITIONS), ("risk_range", RISK_RANGES),
            ("risk_adjust", RISK_ADJUSTS), ("third_party", THIRD_PARTY),
            ("interpolation", INTERPOLATIONS),
        ):
            value = getattr(self, name)
            if value not in allowed:
                raise ValueError(f"{name}={value!r} is not known; use one of {', '.join(allowed)}")


# ---- one state's assessments ----------------------------------------------------------

def risk_attitudes(d: np.ndarray, cap: np.ndarray, opts: Options) -> np.ndarray:
    """Risk attitudes inferred from risk-neutral votes over all actors' positions."""
    c = coalitions(cap, 1.0 - d, opts.voting_rule)
    p = pce(opts.pce, c, opts.victory_model)
    return risk_from_prob(p, opts.risk_range)


def unique_positions(pos: np.ndarray, tol: float = POSITION_TOL) -> tuple[np.ndarray, np.ndarray]:
    """Indices of distinct positions (first of each) and, per actor, its distinct position.

    Greedy, in actor order, like KTAB. The second array gives, for each actor,
    the *last* distinct position within ``tol`` (KTAB's lookup for win probabilities).
    """
    close_all = np.linalg.norm(pos[:, None, :] - pos[None, :, :], axis=2) < tol
    uniq: list[int] = []
    for i in range(pos.shape[0]):
        if not uniq or not close_all[i, uniq].any():
            uniq.append(i)
    u = np.array(uniq)
    close = close_all[:, u]
    last = close.shape[1] - 1 - np.argmax(close[:, ::-1], axis=1)
    return u, last


def win_probabilities(d: np.ndarray, r: np.ndarray, cap: np.ndarray, pos: np.ndarray,
                      opts: Options) -> np.ndarray:
    """Probability that each actor's position wins a Condorcet election among distinct positions.

    Each actor judges with its own risk attitude; votes are proportional (as in
    KTAB's report, whatever the model's voting rule). Actors sharing a position
    share its probability, so the column can add up to more than 1.
    """
    u_idx, owner = unique_positions(pos)
    util = utility(d[:, u_idx], r[:, None])
    c = coalitions(cap, util, "proportional")
    p = pce(opts.pce, c, opts.victory_model)
    return p[owner]


def challenge_block(
    d: np.ndarray, r_est: np.ndarray, cap: np.ndarray, sal_tot: np.ndarray,
    challengers: np.ndarray, opts: Options,
) -> tuple[np.ndarray, np.ndarray]:
    """Estimated P(i > j) and gain to ``i`` of ``i`` challenging every ``j``.

    ``r_est[b, n]`` is the estimator's view of actor ``n``'s risk attitude for the
    ``b``-th challenger in ``challengers``. Returns arrays of shape
    ``(len(challengers), na)``; the entry ``j == i`` of the gain is ``-inf``.

    Every third party's vote in every contest is one element of an array over
    ``(challenger b, third party n, target j)``; the arithmetic is done in place
    in a few preallocated buffers, in the same order of operations as KTAB.
    """
    na = d.shape[0]
    ii = challengers
    nb = ii.size
    bidx = np.arange(nb)
    w = sal_tot * cap  # influence an actor brings to a contest
    rule = opts.voting_rule
    # U[b, n, m]: the estimator's utility to n of m's position, (1 - d)(1 + d r)
    u = np.multiply(d[None, :, :], r_est[:, :, None])
    u += 1.0
    u *= (1.0 - d)[None, :, :]
    u_ii = u[bidx, ii, ii]  # (b,)
    u_ij = u[bidx, ii, :]  # (b, j)
    u_ji = u[bidx, :, ii]  # (b, j): U[j, i]
    u_jj = np.einsum("bjj->bj", u)  # (b, j)
    ci = vote(rule, w[ii][:, None], u_ii[:, None] - u_ij)  # i's own contribution to i:j
    cj = vote(rule, w[None, :], u_ji - u_jj)  # j's contribution
    chij0 = MIN_CHALLENGE_COALITION + np.maximum(ci, 0) + np.maximum(cj, 0)
    chji0 = MIN_CHALLENGE_COALITION + np.maximum(-ci, 0) + np.maximum(-cj, 0)
    u_ni = u_ji[:, :, None]  # (b, n, 1) = U[n, i]
    u_nn = u_jj[:, :, None]  # (b, n, 1)
    wn = w[None, :, None]
    shape = u.shape
    A, B, C, D = (np.empty(shape) for _ in range(4))
    # order-zero vote of n in i:j, and the little contest's P(i > j) with n in it
    np.subtract(u_ni, u, out=A)
    if rule == "proportional":
        A *= wn
    else:
        A[...] = vote(rule, wn, A)
    np.maximum(A, 0.0, out=B)  # n's support for i
    np.subtract(B, A, out=C)  # n's support for j (= max(-v, 0) exactly)
    B += chij0[:, None, :]
    C += chji0[:, None, :]
    np.add(B, C, out=A)
    np.divide(B, A, out=B)  # p_in
    np.subtract(1.0, B, out=C)  # p_jn
    tp = opts.third_party
    if tp == "semi":
        # U(i+n beats j) = p (2 u_ni + u_nn) + q 3 u_nj
        # U(i beats j+n) = p 3 u_ni + q (2 u_nj + u_nn)
        np.multiply(u, 3.0, out=A)
        A *= C
        np.multiply(B, 2.0 * u_ni + u_nn, out=D)
        A += D
        np.multiply(u, 2.0, out=D)
        D += u_nn
        D *= C
        np.multiply(B, 3.0 * u_ni, out=C)
        C += D
        A -= C
        if rule == "proportional":
            A *= wn
        else:
            A[...] = vote(rule, wn, A)
    else:  # full or no commitment: both outcomes are valued alike, third parties abstain
        A.fill(0.0)
    A[bidx, ii, :] = 0.0  # the principals are not third parties
    jj = np.arange(na)
    A[:, jj, jj] = 0.0
    np.maximum(A, 0.0, out=B)
    np.subtract(B, A, out=C)
    chij = chij0 + B.sum(axis=1)
    chji = chji0 + C.sum(axis=1)
    p = chij / (chij + chji)
    q = chji / (chij + chji)
    s_j = sal_tot[None, :]
    eu_vict = u_ii[:, None] + u_ii[:, None]
    eu_contest = p * eu_vict + q * (u_ij + u_ij)
    gain = ((1 - s_j) * eu_vict + s_j * eu_contest) - (u_ii[:, None] + u_ij)
    gain[bidx, ii] = -np.inf
    return p, gain


def best_challenges(
    d: np.ndarray, r: np.ndarray, cap: np.ndarray, sal_tot: np.ndarray, opts: Options,
    chunk: int = 200_000,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For each actor its best target (-1 if none), its P(i > target) and the gain."""
    na = d.shape[0]
    step = max(1, chunk // (na * na))
    target = np.full(na, -1)
    prob = np.zeros(na)
    gain = np.zeros(na)
    for s in range(0, na, step):
        ii = np.arange(s, min(na, s + step))
        r_est = estimate_risk(r[ii][:, None], r[None, :], opts.risk_adjust)
        p, g = challenge_block(d, r_est, cap, sal_tot, ii, opts)
        g = np.where(g > MIN_GAIN, g, -np.inf)
        best = np.argmax(g, axis=1)  # first of equal maxima, like KTAB
        ok = np.isfinite(g[np.arange(ii.size), best])
        target[ii] = np.where(ok, best, -1)
        prob[ii] = p[np.arange(ii.size), best]
        gain[ii] = np.where(ok, g[np.arange(ii.size), best], 0.0)
    return target, prob, gain


def challenge_estimates(
    d: np.ndarray, r: np.ndarray, cap: np.ndarray, sal_tot: np.ndarray, opts: Options,
    estimators: np.ndarray | None = None, chunk: int = 200_000,
) -> tuple[np.ndarray, np.ndarray]:
    """Every estimator ``h``'s view of every challenge ``i -> j``: P(i > j) and ``i``'s gain.

    Returns arrays of shape ``(len(estimators), na, na)``. This is the full
    ``n^4`` computation KTAB performs for its database; the dynamics only need
    ``h = i`` (:func:`best_challenges`). Estimators differ only in the risk
    attitudes they attribute, so ``(h, i)`` pairs are stacked as rows of the same
    ``(row, third party, target)`` kernel and processed in bounded chunks.
    """
    na = d.shape[0]
    hs = np.arange(na) if estimators is None else np.asarray(estimators)
    views = estimate_risk(r[hs][:, None], r[None, :], opts.risk_adjust)  # (nh, na)
    rows_h = np.repeat(np.arange(hs.size), na)
    rows_i = np.tile(np.arange(na), hs.size)
    probs = np.zeros((hs.size * na, na))
    gains = np.zeros((hs.size * na, na))
    step = max(1, chunk // (na * na))
    for s in range(0, rows_h.size, step):
        sl = slice(s, min(rows_h.size, s + step))
        p, g = challenge_block(d, views[rows_h[sl]], cap, sal_tot, rows_i[sl], opts)
        probs[sl] = p
        gains[sl] = g
    return probs.reshape(hs.size, na, na), gains.reshape(hs.size, na, na)


def round4(x: np.ndarray) -> np.ndarray:
    """Round half up to 4 decimals (on the 0–1 scale), as KTAB does for bargains."""
    return np.floor(0.5 + x * 10000.0) / 10000.0


def interpolate(xi: np.ndarray, si: np.ndarray, pi: np.ndarray, xj: np.ndarray,
                sj: np.ndarray, pj: np.ndarray, how: str) -> tuple[np.ndarray, np.ndarray]:
    """Bargain positions for ``i`` and ``j`` (arrays (nb, nd); probabilities (nb, 1))."""
    if how in ("s1p1", "s2p2"):
        n = 1 if how == "s1p1" else 2
        wi = si**n * pi**n
        wj = sj**n * pj**n
        den = wi + BARGAIN_EPS + wj
        bi = round4(((wi + BARGAIN_EPS) * xi + wj * xj) / den)
        bj = round4((wi * xi + (BARGAIN_EPS + wj) * xj) / den)
        return bi, bj
    if how == "s2pmax":
        di = np.maximum(pj - pi, 0.0)
        dj = np.maximum(pi - pj, 0.0)
        si2, sj2 = si * si, sj * sj
        dik = (di * sj2) / (di * sj2 + BARGAIN_EPS + (1 - di) * si2)
        djk = (dj * si2) / (dj * si2 + BARGAIN_EPS + (1 - dj) * sj2)
        return xi + dik * (xj - xi), xj + djk * (xi - xj)
    raise ValueError(f"unknown interpolation {how!r}")


@dataclass
class TurnAssessment:
    """What the actors compute in one state before moving."""

    risk: np.ndarray  # (na,)
    win_prob: np.ndarray  # (na,)
    target: np.ndarray  # (na,) best target or -1
    p_target: np.ndarray  # (na,) challenger's estimate of P(i > target)
    gain: np.ndarray  # (na,)


def assess(pos: np.ndarray, cap: np.ndarray, sal: np.ndarray, opts: Options,
           with_challenges: bool = True) -> tuple[TurnAssessment, np.ndarray]:
    """Risk attitudes, win probabilities and best challenges in state ``pos``."""
    d = distances(pos, pos, sal)
    r = risk_attitudes(d, cap, opts)
    wp = win_probabilities(d, r, cap, pos, opts)
    na = pos.shape[0]
    if with_challenges:
        target, p, g = best_challenges(d, r, cap, sal.sum(axis=1), opts)
    else:
        target, p, g = np.full(na, -1), np.zeros(na), np.zeros(na)
    return TurnAssessment(r, wp, target, p, g), d


def move(pos: np.ndarray, cap: np.ndarray, sal: np.ndarray, d: np.ndarray, a: TurnAssessment,
         opts: Options, rng: np.random.Generator | None) -> tuple[np.ndarray, np.ndarray]:
    """Form bargains, let every actor pick one from its queue; new positions and choices.

    The second array gives, per actor, the initiator of the adopted bargain
    (-1 = status quo).
    """
    na, _ = pos.shape
    init = np.flatnonzero(a.target >= 0)
    rcvr = a.target[init]
    p = a.p_target[init][:, None]
    bi, bj = interpolate(pos[init], sal[init], p, pos[rcvr], sal[rcvr], 1.0 - p,
                         opts.interpolation)
    # utility to every actor of every bargain: all positions unchanged except init/rcvr
    r = a.risk
    u_now = utility(d, r[:, None])  # (na, na): actor a's utility of n's position
    base = u_now.sum(axis=1)  # status quo, times na
    u_bi = utility(distances(pos, bi, sal), r[:, None])  # (na, nbar)
    u_bj = utility(distances(pos, bj, sal), r[:, None])
    u_bar = (base[:, None] - u_now[:, init] - u_now[:, rcvr] + u_bi + u_bj) / na
    u_sq = base / na
    new = pos.copy()
    chosen = np.full(na, -1)
    # queue k: the status quo, then every bargain k is party to, in initiator order (like KTAB)
    member = (init[None, :] == np.arange(na)[:, None]) | (rcvr[None, :] == np.arange(na)[:, None])
    sizes = member.sum(axis=1)
    probs: dict[int, tuple[np.ndarray, np.ndarray]] = {}
    for nb in np.unique(sizes[sizes > 0]):
        ks = np.flatnonzero(sizes == nb)
        idx = np.nonzero(member[ks])[1].reshape(ks.size, nb)  # (G, nb) bargain indices, sorted
        util = np.concatenate(
            [np.broadcast_to(u_sq[None, :, None], (ks.size, na, 1)),
             np.moveaxis(u_bar[:, idx], 0, 1)], axis=2)  # (G, voters, options)
        pk = pce(opts.pce, coalitions(cap, util, opts.voting_rule), opts.victory_model)
        for g, k in enumerate(ks):
            probs[int(k)] = (pk[g], idx[g])
    for k in sorted(probs):
        pk, idx = probs[k]
        if opts.transition == "deterministic" or rng is None:
            m = int(np.argmax(pk))  # first of equal maxima, like KTAB
        else:
            m = int(rng.choice(pk.size, p=pk / pk.sum()))
        if m == 0:
            continue
        b = idx[m - 1]
        new[k] = bi[b] if init[b] == k else bj[b]
        chosen[k] = init[b]
    return new, chosen


def state_distance(x0: np.ndarray, x1: np.ndarray) -> float:
    """Sum over actors of the Euclidean distance moved."""
    return float(np.linalg.norm(x1 - x0, axis=1).sum())
