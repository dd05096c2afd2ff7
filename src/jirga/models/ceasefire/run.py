"""The ceasefire model on a case: read its inputs, calibrate if asked, simulate.

Kept apart from :mod:`~jirga.models.ceasefire.engine` (the simulation) so that the engine
and the calibration, which runs the engine, never import each other.
"""

from __future__ import annotations

from jirga.case.schema import Case
from jirga.models.ceasefire.calibration import calibrate as fit
from jirga.models.ceasefire.engine import Forecaster, Talks, simulate, talks_gaps
from jirga.models.ceasefire.params import inputs_from_case
from jirga.models.ceasefire.result import CeasefireResult

MIN_WORLDS = 100


def run_ceasefire(case: Case, agreement_id: str | None = None, draws: int = 2000,
                  seed: int = 0, weeks: int = 104, as_of=None, calibrate: bool = True,
                  calibration=None, overrides: dict | None = None,
                  concede: bool | str = False, reps_per_world: int = 50,
                  talks: Talks | None = None,
                  forecaster: Forecaster | None = None) -> CeasefireResult:
    """The model on a case: read inputs, (optionally) calibrate, simulate.

    ``calibration`` may be a :class:`~jirga.models.ceasefire.calibration.Calibration`
    already fitted (the back-test and counterfactuals reuse one); ``talks`` a
    :class:`Talks` already computed (counterfactuals reuse the baseline's);
    ``forecaster`` how the talks' outcome is forecast (:data:`Forecaster`).
    """
    inputs = inputs_from_case(case, agreement_id, as_of)
    if calibrate and calibration is None:
        calibration = fit(case, agreement_id=inputs.agreement_id, as_of=inputs.as_of, seed=seed,
                          forecaster=forecaster)
    # At least MIN_WORLDS parameter sets: the median and the intervals are taken across
    # worlds, and 20 worlds (1000 draws at 50 each) moved the median by months between runs.
    reps = max(1, min(int(reps_per_world), draws // MIN_WORLDS or 1))
    n_worlds = -(-draws // reps)
    if talks is None or concede or len(talks.gap_group) < n_worlds:
        talks = talks_gaps(case, inputs.state, inputs.group, n_worlds, seed, concede=concede,
                           forecaster=forecaster)
    theta = calibration.theta if calibration is not None else None
    res = simulate(inputs, talks, draws=draws, seed=seed, weeks=weeks, theta=theta,
                   overrides=overrides, reps_per_world=reps)
    res.calibration = calibration
    return res
