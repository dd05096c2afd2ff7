"""The compromise model: where an issue lands if every actor pulls with its weight.

On one issue with actors i = 1…n holding positions x_i (0–100), capabilities c_i and
saliences s_i (0–1), the outcome is the capability × salience-weighted mean

    X̂ = Σ_i c_i s_i x_i / Σ_i c_i s_i

— the "compromise model" of the EU decision-making studies (Achen; Thomson, Stokman,
Achen & König 2006), a simple form of the Nash bargaining solution. It has no strategy
and no rounds, yet in those studies the strategic models rarely beat it out of sample,
so jirga reports it beside the expected-utility and spatial forecasts as the baseline
they must be judged against (``/work/shared/research/notes.md`` §3.2). When every weight
is 0 (nobody cares), no actor pulls more than another and the plain mean is returned.

Pure numerics: the analysis layer passes the draws in (the same draws of the case's
ranges the bargaining model runs on), so the two forecasts are paired draw by draw.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from jirga.case.schema import Issue


def compromise(x: np.ndarray, c: np.ndarray, s: np.ndarray) -> np.ndarray:
    """X̂ per draw: arrays (D, n) or (n,) in, (D,) out (see the module docstring)."""
    x, c, s = np.broadcast_arrays(*(np.atleast_2d(np.asarray(a, dtype=float)) for a in (x, c, s)))
    w = c * s
    tot = w.sum(axis=1)
    safe = np.where(tot > 0, tot, 1.0)
    return np.where(tot > 0, (w * x).sum(axis=1) / safe, x.mean(axis=1))


def weight_shares(c: np.ndarray, s: np.ndarray) -> np.ndarray:
    """Each actor's share of Σ c·s per draw, (D, n): who pulls the compromise where it is."""
    c, s = np.broadcast_arrays(np.atleast_2d(c), np.atleast_2d(s))
    w = c * s
    tot = w.sum(axis=1, keepdims=True)
    n = w.shape[1]
    return np.where(tot > 0, w / np.where(tot > 0, tot, 1.0), 1.0 / n)


@dataclass
class CompromiseInput:
    """One issue's inputs: positions ``x``, capabilities ``c``, saliences ``s``, each (D, n).

    The analysis layer fills it from the case's ranges (one row per draw) or from the
    modes (one row); the model never samples, so its draws are whatever it is given.
    """

    issue: Issue
    actor_ids: list[str]
    names: list[str]
    x: np.ndarray
    c: np.ndarray
    s: np.ndarray

    def __post_init__(self) -> None:
        self.x, self.c, self.s = (np.atleast_2d(np.asarray(a, dtype=float))
                                  for a in (self.x, self.c, self.s))
        n = len(self.actor_ids)
        for name in ("x", "c", "s"):
            if getattr(self, name).shape[1] != n:
                raise ValueError(f"{name} has {getattr(self, name).shape[1]} columns for {n} actors")
        if len(self.names) != n:
            raise ValueError(f"{len(self.names)} names for {n} actors")
