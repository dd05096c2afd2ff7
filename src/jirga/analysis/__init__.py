"""The analysis layer: budgets, ``analyse(case) -> CaseAnalysis``, and loading a case
with every model's parameter declarations checked at the boundary.

Everything people read — the report, the CLI, the workbench — reads a
:class:`CaseAnalysis`; nothing above this layer runs a model. Names are imported on
first use, so ``jirga validate`` and ``jirga --help`` do not pay for numpy and pandas.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "BUDGETS": "budget", "DEFAULT_BUDGET": "budget", "Budget": "budget", "get_budget": "budget",
    "load_case": "load", "model_checks": "load", "parse_case": "load",
    "Outcome": "outcome",
    "MODELS": "run", "CaseAnalysis": "run", "analyse": "run",
}


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(f"jirga.analysis.{_EXPORTS[name]}"), name)
    raise AttributeError(f"module 'jirga.analysis' has no attribute {name!r}")


__all__ = sorted(_EXPORTS)
