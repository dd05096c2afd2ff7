"""The one surface every model result has (statsmodels' results, lifelines' fitters).

``summary()``  a DataFrame with the columns :data:`SUMMARY_COLUMNS` — one row per headline
               quantity (measure, value, low, high, unit) — format-neutral, so the CLI, the
               report and the workbench render the same numbers without recomputing them;
``to_frame()`` the result's detail as a tidy DataFrame (one row per draw, issue, date …);
``text()``     a plain-text account for a terminal or a log;
``plot()``     a plotly figure;
``to_dict()``  JSON-ready data (summary rows plus the result's own fields).

:class:`ResultBase` supplies ``text()`` and ``to_dict()`` from ``summary()``; a result
overrides them where it has more to say. ``tests/models/test_result_contract.py`` holds
every result type to this contract.
"""

from __future__ import annotations

import math
from typing import Any

SUMMARY_COLUMNS = ("measure", "value", "low", "high", "unit")


def summary_frame(rows: list[dict[str, Any]]):
    """A summary DataFrame from rows holding at least measure, value and unit."""
    import pandas as pd

    out = [{"measure": r["measure"], "value": r.get("value", math.nan),
            "low": r.get("low", math.nan), "high": r.get("high", math.nan),
            "unit": r.get("unit", "")} for r in rows]
    return pd.DataFrame(out, columns=list(SUMMARY_COLUMNS))


def _jsonable(x: Any) -> Any:
    if isinstance(x, float) and not math.isfinite(x):
        return None
    if hasattr(x, "item") and not isinstance(x, (list, dict, str)):
        try:
            return _jsonable(x.item())
        except (ValueError, AttributeError):
            pass
    if hasattr(x, "isoformat"):
        return x.isoformat()
    return x


def records(frame) -> list[dict[str, Any]]:
    """DataFrame rows as JSON-ready dicts (NaN and infinity become null)."""
    return [{k: _jsonable(v) for k, v in row.items()} for row in frame.to_dict("records")]


class ResultBase:
    """Defaults of the result protocol built on ``summary()``."""

    #: a short name of the result for headings (``"ceasefire forecast"``)
    title: str = "result"

    def summary(self):  # pragma: no cover - every result overrides it
        raise NotImplementedError

    def text(self) -> str:
        from jirga.vocab.format import MISSING, value

        lines = [self.title]
        for r in self.summary().itertuples():
            iv = ""
            if not (isinstance(r.low, float) and math.isnan(r.low)):
                iv = f" ({value(r.low, r.unit)} to {value(r.high, r.unit)})"
            v = value(r.value, r.unit) if r.value is not None else MISSING
            lines.append(f"  {r.measure}: {v}{iv}")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        return {"result": type(self).__name__, "title": self.title,
                "summary": records(self.summary())}
