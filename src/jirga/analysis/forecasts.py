"""The talks' forecast the ceasefire model reads, built on the bargaining model.

The ceasefire model measures each side's distance from where the talks are heading; it
does not run the bargaining model itself (models never call each other). This module
builds the :data:`~jirga.models.ceasefire.engine.Forecaster` it is given. One analysis
owns one :class:`BargainingForecaster`, whose memo lives and dies with that analysis:
calibration and back-test ask for the same case's forecast many times.
"""

from __future__ import annotations

import numpy as np

from jirga.analysis.budget import Budget
from jirga.case.schema import Case
from jirga.models.bargaining import run_case_mc


class BargainingForecaster:
    """``(case, draws, seed) -> ({issue: (draws,) forecast}, source)`` from the bargaining model.

    Each case is forecast once, at ``max(draws asked, base_draws)`` draws, and smaller
    requests get the first draws of it: the answer depends only on (case, seed,
    ``base_draws``, draws), never on the order of requests, so a back-test in another
    process and the forecast here agree. The memo lives as long as this object (one
    analysis). A case without an issue that two actors hold gets the compromise model.
    """

    def __init__(self, base_draws: int = 1024, rounds: int = 10) -> None:
        self.base_draws = base_draws
        self.rounds = rounds
        self._memo: dict[tuple[str, int, int], dict[str, np.ndarray]] = {}

    def __call__(self, case: Case, draws: int, seed: int) -> tuple[dict[str, np.ndarray], str]:
        from jirga.models.ceasefire.engine import compromise_forecaster

        if not any(len(i.positions) >= 2 for i in case.issues):
            return compromise_forecaster(case, draws, seed)
        n = max(draws, self.base_draws)
        key = (case.model_dump_json(), n, seed)
        if key not in self._memo:
            res = run_case_mc(case, draws=n, seed=seed, rounds=self.rounds)
            self._memo[key] = {k: np.asarray(v, dtype=float).reshape(-1)
                               for k, v in res.forecast_draws.items()}
        out = self._memo[key]
        return {k: v[:draws].copy() for k, v in out.items()}, "bargaining model (expected utility)"


def forecaster_for(budget: Budget) -> BargainingForecaster:
    """The forecaster an analysis at ``budget`` uses (one rule for every caller)."""
    return BargainingForecaster(base_draws=max(budget.draws, 1024), rounds=budget.rounds)
