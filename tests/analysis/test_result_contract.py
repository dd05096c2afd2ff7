"""Every model result follows one protocol: summary() → DataFrame(measure, value, low, high,
unit), to_frame(), text(), plot(), to_dict() — the contract the CLI, report and workbench rely on."""

from __future__ import annotations

import json
import math

import pandas as pd
import plotly.graph_objects as go
import pytest

from jirga.models.results import SUMMARY_COLUMNS, ResultBase


def _results(analysis) -> dict[str, object]:
    b = analysis.bargaining.value
    cfa = analysis.ceasefire.value
    sp = analysis.spatial.value
    from jirga.models.bargaining import run_case

    return {
        "BargainingResult": run_case(analysis.case),
        "BargainingMCResult": b,
        "MediatorEffects": b.effects,
        "SpatialResult": sp.result,
        "SpatialDraws": sp.draws,
        "CeasefireResult": cfa.result,
        "Calibration": cfa.calibration,
        "CounterfactualResult": cfa.counterfactuals,
        "ScenarioResult": cfa.scenarios,
        "BacktestResult": cfa.backtest,
        "CompromiseResult": analysis.compromise.value.result,
    }


def test_every_result_type_is_covered(builtin_analysis):
    """A new result class must be added here: the contract covers all ResultBase subclasses."""
    import jirga.models.bargaining.results  # noqa: F401
    import jirga.models.ceasefire.backtest  # noqa: F401
    import jirga.models.ceasefire.calibration  # noqa: F401
    import jirga.models.ceasefire.counterfactuals  # noqa: F401
    import jirga.models.ceasefire.result  # noqa: F401
    import jirga.models.ceasefire.scenarios  # noqa: F401
    import jirga.models.compromise.result  # noqa: F401
    import jirga.models.spatial.engine  # noqa: F401

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    declared = {c.__name__ for c in subclasses(ResultBase) if c.__module__.startswith("jirga.models")}
    assert declared <= set(_results(builtin_analysis)), declared - set(_results(builtin_analysis))


@pytest.mark.parametrize("name", ["BargainingResult", "BargainingMCResult", "MediatorEffects",
                                  "SpatialResult", "SpatialDraws", "CeasefireResult", "Calibration",
                                  "CounterfactualResult", "ScenarioResult", "BacktestResult",
                                  "CompromiseResult"])
def test_result_protocol(builtin_analysis, name):
    res = _results(builtin_analysis)[name]
    assert res is not None and type(res).__name__ == name
    s = res.summary()
    assert isinstance(s, pd.DataFrame) and tuple(s.columns) == SUMMARY_COLUMNS and len(s) > 0
    assert s.measure.map(lambda m: isinstance(m, str) and m != "").all()
    for r in s.itertuples():  # an interval, when given, brackets its value
        if not any(isinstance(x, float) and math.isnan(x) for x in (r.value, r.low, r.high)):
            assert r.low - 1e-9 <= r.high, (name, r.measure)
    assert isinstance(res.to_frame(), pd.DataFrame)
    text = res.text()
    assert isinstance(text, str) and text.strip()
    assert isinstance(res.plot(), go.Figure)
    d = res.to_dict()
    json.dumps(d, default=str)  # JSON-ready
    assert isinstance(d, dict) and d
