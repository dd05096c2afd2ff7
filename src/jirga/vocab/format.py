"""How jirga writes numbers for people: one module for the CLI, the report, the workbench
and the models' ``text()``, so the same quantity reads the same everywhere.

Rules: a probability is a percent ("58%"); a change in a probability is in
percentage points ("+29 points", never "+29%"); an interval is "low–high" with the unit
once; counts agree with their noun ("1 issue", "2 issues"); a missing value is "–".
"""

from __future__ import annotations

import math
import re

MISSING = "–"


def _bad(x: float | None) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def pct(x: float | None, digits: int = 0) -> str:
    """A probability as a percent: ``0.583 -> '58%'``."""
    if _bad(x):
        return MISSING
    if digits == 0 and 0 < x < 0.005:
        return "<1%"  # not "0%": it happened in some draws
    if digits == 0 and 0.995 < x < 1:
        return ">99%"
    return f"{x * 100:.{digits}f}%"


def points(x: float | None, digits: int = 0) -> str:
    """A change in a probability, in signed percentage points: ``0.29 -> '+29 points'``."""
    if _bad(x) or math.isinf(x):
        return MISSING
    v = round(x * 100, digits) + 0.0  # no negative zero
    return f"{v:+.{digits}f} points"


def signed(x: float | None, digits: int = 1, unit: str = "") -> str:
    """A signed number without a negative zero: ``-0.04 -> '+0.0'``."""
    if _bad(x) or math.isinf(x):
        return MISSING
    v = round(float(x), digits) + 0.0
    return f"{v:+,.{digits}f}{(' ' + unit) if unit else ''}"


def days(x: float | None) -> str:
    """A duration in days; infinity is 'beyond the horizon'."""
    if _bad(x):
        return MISSING
    return "beyond the horizon" if math.isinf(x) else f"{x:,.0f}"


def number(x: float | None, digits: int = 0) -> str:
    if _bad(x):
        return MISSING
    return "beyond the horizon" if math.isinf(x) else f"{x:,.{digits}f}"


def interval(low: float | None, high: float | None, kind: str = "number") -> str:
    """``low–high`` written as ``kind`` (``percent``, ``days``, ``points``, ``number``)."""
    f = {"percent": pct, "days": days, "points": points, "number": number}[kind]
    if kind == "points":
        return f"{signed(None if _bad(low) else low * 100, 0)} to {f(high)}"
    if kind == "percent":
        if _bad(low) or _bad(high):
            return MISSING
        return f"{low * 100:.0f}–{high * 100:.0f}%"
    return f"{f(low)}–{f(high)}"


def value(x: float | None, unit: str) -> str:
    """A value by its unit as a result summary states it (``probability``, ``days`` …)."""
    if unit == "probability":
        return pct(x)
    if unit in ("days", "fighters"):
        return days(x)
    return number(x, 1)


def plural(n: int, noun: str, plural_form: str | None = None) -> str:
    """``plural(1, 'issue') -> '1 issue'``; ``plural(2, 'issue') -> '2 issues'``."""
    word = noun if n == 1 else (plural_form or noun + "s")
    return f"{n:,} {word}"


def span_days(low: int, high: int) -> str:
    """A span of days: ``(30, 30) -> '30 days'``; ``(181, 211) -> '181–211 days'``."""
    return plural(low, "day") if low == high else f"{low:,}–{high:,} days"


_SPAN = re.compile(r"\b(\d[\d,]*)–(\d[\d,]*) days\b")


def tidy_spans(text: str) -> str:
    """Rewrite every "N–M days" in a sentence as :func:`span_days` would: a span whose ends
    agree ("30–30 days") reads "30 days". For messages built elsewhere with a bare range."""
    return _SPAN.sub(lambda m: m[0] if m[1] != m[2] else f"{m[1]} days", text)


#: estimative words for probabilities (ICD 203 bands), so a forecast can be quoted
ESTIMATIVE = ((0.05, "almost no chance"), (0.20, "very unlikely"), (0.45, "unlikely"),
              (0.55, "roughly even chance"), (0.80, "likely"), (0.95, "very likely"),
              (1.01, "almost certain"))


def likelihood(p: float) -> str:
    """The estimative word for a probability: ``0.7 -> 'likely'``."""
    if _bad(p):
        return "unknown"
    return next(word for bound, word in ESTIMATIVE if p < bound)
