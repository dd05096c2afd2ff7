"""The spatial model's part of an analysis: the run on the modes and over the ranges."""

from __future__ import annotations

from dataclasses import dataclass

from jirga.case.schema import Case
from jirga.errors import InputError, Problem
from jirga.models.spatial.engine import SpatialDraws, SpatialResult, run_spatial, run_spatial_draws


@dataclass
class SpatialAnalysis:
    result: SpatialResult           # the run on the modes of every estimate
    draws: SpatialDraws | None      # runs over draws of the ranges (None: the case has none)


def _has_ranges(case: Case) -> bool:
    return any(not a.capability.is_point for a in case.actors) or any(
        not (st.position.is_point and st.salience.is_point)
        for iss in case.issues for st in iss.positions.values())


def analyse_spatial(case: Case, draws: int, seed: int) -> SpatialAnalysis:
    """Both runs; picklable inputs and outputs, so it can run in a worker process."""
    if len(case.issues) < 2:
        raise InputError([Problem(case.id, None, "issues",
                                  f"the spatial model trades issues against each other and needs "
                                  f"two or more; the case has {len(case.issues)}",
                                  "add issues, or read the bargaining model's forecast")])
    res = run_spatial(case, seed=seed)
    samples = run_spatial_draws(case, draws, seed=seed) if draws > 1 and _has_ranges(case) else None
    return SpatialAnalysis(res, samples)
