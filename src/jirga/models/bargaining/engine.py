"""The expected-utility bargaining model (Bueno de Mesquita; Scholz, Calbert & Smith 2011).

Pure numerics on arrays, vectorised over Monte Carlo draws: every function
takes positions ``x``, capabilities ``c`` and saliences ``s`` shaped
``(draws, actors)`` (a single run is ``draws == 1``) and loops only over
rounds. No I/O; the case layer (:mod:`jirga.models.bargaining.montecarlo`) and the CSV
readers (:mod:`jirga.case.formats.actor_csv`) build the arrays.

The equations of one round, the settings (:class:`Params`) and the move codes
are in :mod:`jirga.models.bargaining.rounds`, with the code that computes them;
this module runs the rounds and reads the forecast off them, and re-exports
the round-level names so ``from jirga.models.bargaining.engine import ...`` keeps working.

Forecast rule
-------------
The model cycles, so it is run for a fixed number of rounds (default 10, as the
paper). Each round reports the c·s-weighted mean and weighted median; the
forecast is their mean over the last ``window`` rounds. A round whose
positions equal the previous round's is a **fixed point**; positions equal to
an earlier round's are a **cycle** (the model is deterministic in the
positions, so both are exact); :class:`Trajectory` reports both.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from jirga.models.bargaining.rounds import (
    CAPITULATION,
    COMPROMISE,
    CONFLICT,
    CONFRONTATION,
    MOVE_NAMES,
    NO_MOVE,
    OFFER_RULES,
    QUADRANT_NAMES,
    SELF,
    STALEMATE,
    VARIANTS,
    Params,
    choose_moves,
    expected_utilities,
    quadrants,
    risk_exponents,
    weighted_mean,
    weighted_median,
    win_probabilities,
)

# the round-level names stay importable from here (callers, docs and tests use this path)
__all__ = [
    "CAPITULATION", "COMPROMISE", "CONFLICT", "CONFRONTATION", "MOVE_NAMES", "NO_MOVE",
    "OFFER_RULES", "QUADRANT_NAMES", "SELF", "STALEMATE", "VARIANTS", "Params", "Trajectory",
    "choose_moves", "detect_cycles", "expected_utilities", "quadrants", "risk_exponents",
    "simulate", "weighted_mean", "weighted_median", "win_probabilities",
]


@dataclass
class Trajectory:
    """Output of :func:`simulate`; leading axis = draws.

    ``positions`` (D, R+1, n) with round 0 = input; ``mean``, ``median`` (D, R+1)
    c·s-weighted; ``risk`` (D, R, n) the risk exponents used in each round;
    ``moves`` (D, R, n) move codes and ``senders`` (D, R, n) the index of the actor
    whose offer was taken (−1 = none); ``eu_own``/``eu_other`` (D, n, n) each
    actor's view, at the final positions, of challenging / being challenged by
    each other actor, and ``quadrants`` (D, n, n) the codes they imply;
    ``fixed_round`` (D,) first round whose positions equal the previous round's
    (−1 = none); ``cycle_start``/``cycle_period`` (D,) the first repeat of an earlier
    round's positions (−1/0 = none; a fixed point is a cycle of period 1).
    """

    positions: np.ndarray
    mean: np.ndarray
    median: np.ndarray
    risk: np.ndarray
    moves: np.ndarray
    senders: np.ndarray
    eu_own: np.ndarray
    eu_other: np.ndarray
    quadrants: np.ndarray
    fixed_round: np.ndarray
    cycle_start: np.ndarray
    cycle_period: np.ndarray
    delta: np.ndarray
    window: int

    @property
    def rounds(self) -> int:
        return self.positions.shape[1] - 1

    @property
    def forecast(self) -> np.ndarray:
        """(D,) mean of the c·s-weighted mean over the last ``window`` rounds."""
        w = min(self.window, self.rounds) if self.rounds else 1
        return self.mean[:, -w:].mean(axis=1)

    @property
    def forecast_median(self) -> np.ndarray:
        """(D,) mean of the weighted median over the last ``window`` rounds."""
        w = min(self.window, self.rounds) if self.rounds else 1
        return self.median[:, -w:].mean(axis=1)



# ---------------------------------------------------------------------------
# the model run
# ---------------------------------------------------------------------------


def _as_2d(a: np.ndarray) -> np.ndarray:
    a = np.asarray(a, dtype=float)
    return a[None, :] if a.ndim == 1 else a


def simulate(
    x: np.ndarray, c: np.ndarray, s: np.ndarray, rounds: int = 10,
    params: Params | None = None, final_eu: bool = True, **kw,
) -> Trajectory:
    """Run the model for ``rounds`` rounds on every draw at once.

    ``x``, ``c``, ``s``: arrays (n,) or (D, n); capabilities ≥ 0 on any scale,
    saliences in [0, 1]. Extra keyword arguments build a :class:`Params`.
    ``final_eu=False`` skips the expected utilities at the final positions
    (``eu_own``, ``eu_other`` and ``quadrants`` are then empty), which Monte
    Carlo runs do not need.
    """
    p = params if params is not None else Params(**kw)
    if params is not None and kw:
        raise TypeError("give either params or keyword settings, not both")
    x, c, s = np.broadcast_arrays(_as_2d(x), _as_2d(c), _as_2d(s))
    x = x.astype(float, copy=True)
    w = c * s
    dcount, n = x.shape
    if rounds < 0:
        raise ValueError("rounds must be 0 or more")
    span = x.max(axis=1) - x.min(axis=1)
    if p.delta is None:
        delta = np.where(span > 0, span, 1.0)
    else:
        if np.any(span > p.delta * (1 + 1e-12)):
            raise ValueError(f"delta={p.delta:g} is smaller than the spread of the positions "
                             f"({span.max():g}); delta must cover the issue range")
        delta = np.full(dcount, float(p.delta))

    hist = np.empty((dcount, rounds + 1, n))
    hist[:, 0] = x
    risk = np.empty((dcount, rounds, n))
    moves = np.empty((dcount, rounds, n), dtype=np.int8)
    senders = np.empty((dcount, rounds, n), dtype=np.int64)
    for t in range(rounds):
        r = risk_exponents(x, w, s, delta, p)
        own, other = expected_utilities(x, w, s, r, delta, p)
        x, code, snd = choose_moves(x, own, other, p)
        hist[:, t + 1] = x
        risk[:, t] = r
        moves[:, t] = code
        senders[:, t] = snd
    if final_eu:
        r = risk_exponents(x, w, s, delta, p)
        own, other = expected_utilities(x, w, s, r, delta, p)
    else:
        own = other = np.zeros((dcount, 0, 0))
    fixed, start, period = detect_cycles(hist, delta, p.cycle_tol)
    return Trajectory(
        positions=hist, mean=weighted_mean(hist, w[:, None, :]),
        median=weighted_median(hist, np.broadcast_to(w[:, None, :], hist.shape)),
        risk=risk, moves=moves, senders=senders, eu_own=own, eu_other=other,
        quadrants=quadrants(own, other), fixed_round=fixed, cycle_start=start,
        cycle_period=period, delta=delta, window=p.window,
    )


def detect_cycles(hist: np.ndarray, delta: np.ndarray, tol: float = 1e-9
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """First repeat of a state in ``hist`` (D, R+1, n).

    Returns ``fixed_round`` (first round t with positions == round t−1, else −1),
    ``cycle_start`` (round t' of the first state seen again, else −1) and
    ``cycle_period`` (t − t' for the first t that repeats, else 0).
    """
    dcount, nr, _ = hist.shape
    start = np.full(dcount, -1)
    period = np.zeros(dcount, dtype=int)
    thr = (tol * delta)[:, None]
    for t in range(1, nr):
        open_ = period == 0
        if not open_.any():
            break
        for t0 in range(t):
            same = open_ & (np.abs(hist[:, t] - hist[:, t0]) <= thr).all(axis=1)
            start = np.where(same, t0, start)
            period = np.where(same, t - t0, period)
            open_ &= ~same
    fixed = np.where(period == 1, start + 1, -1)
    return fixed, start, period
