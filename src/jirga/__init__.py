"""jirga: analyse mediated negotiations between states and armed groups.

The public API is deliberately small: load a case, list the built-in ones, and
hand the case to a model. Everything else lives in sub-packages that follow the
one-way flow of DESIGN.md (events -> case -> models -> report).
"""

from jirga.case.io import builtin_cases, load_case

__version__ = "0.1.0"
__all__ = ["__version__", "builtin_cases", "load_case"]
