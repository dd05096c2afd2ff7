"""The expected-utility bargaining model: engine (one round's equations and the run),
Monte Carlo over a case, results and plots.

Import the case-level API from here: ``from jirga.models.bargaining import run_case_mc``.
"""

from jirga.models.bargaining.engine import Params, Trajectory, simulate
from jirga.models.bargaining.montecarlo import mediator_effects, run_case, run_case_mc
from jirga.models.bargaining.results import (
    BargainingMCResult,
    BargainingResult,
    IssueMC,
    IssueRun,
    MediatorEffects,
)

__all__ = ["BargainingMCResult", "BargainingResult", "IssueMC", "IssueRun", "MediatorEffects",
           "Params", "Trajectory", "mediator_effects", "run_case", "run_case_mc", "simulate"]
