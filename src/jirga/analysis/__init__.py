"""The analysis layer: budgets, ``analyse(case) -> CaseAnalysis``, and loading a case
with every model's parameter declarations checked at the boundary.

Everything people read — the report, the CLI, the workbench — reads a
:class:`CaseAnalysis`; nothing above this layer runs a model.
"""

from jirga.analysis.budget import BUDGETS, DEFAULT_BUDGET, Budget, get_budget
from jirga.analysis.load import load_case, model_checks, parse_case
from jirga.analysis.outcome import Outcome
from jirga.analysis.run import MODELS, CaseAnalysis, analyse

__all__ = ["BUDGETS", "DEFAULT_BUDGET", "MODELS", "Budget", "CaseAnalysis", "Outcome",
           "analyse", "get_budget", "load_case", "model_checks", "parse_case"]
