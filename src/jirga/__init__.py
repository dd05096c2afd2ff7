"""jirga: analyse mediated negotiations between states and armed groups.

The public API is deliberately small: load a case (its models' parameters checked),
list the built-in ones, and analyse it at a budget::

    import jirga
    case = jirga.load_case("pakistan-ttp-2022")
    result = jirga.analyse(case, budget="standard", seed=0)

Everything else lives in sub-packages that follow the one-way flow of DESIGN.md
(vocab -> case -> models -> analysis -> report / cli / web). Names load on first use so
that importing jirga stays cheap.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {"builtin_cases": "jirga.case.io", "load_case": "jirga.analysis.load",
            "analyse": "jirga.analysis.run", "get_budget": "jirga.analysis.budget"}


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'jirga' has no attribute {name!r}")


__all__ = ["__version__", *sorted(_EXPORTS)]
