"""Properties that hold for any input, and the result object's surface."""

from __future__ import annotations

import json

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from jirga.models.spatial.engine import SpatialInput, run_spatial


@st.composite
def inputs(draw):
    na = draw(st.integers(2, 7))
    nd = draw(st.integers(1, 3))
    cap = draw(st.lists(st.floats(0.1, 100), min_size=na, max_size=na))
    pos = draw(st.lists(st.lists(st.floats(0, 100), min_size=nd, max_size=nd),
                        min_size=na, max_size=na))
    raw = draw(st.lists(st.lists(st.floats(0.01, 1), min_size=nd, max_size=nd),
                        min_size=na, max_size=na))
    sal = np.array(raw)
    sal = sal / np.maximum(1.0, sal.sum(axis=1, keepdims=True))
    return SpatialInput(actors=[f"A{i}" for i in range(na)], dims=[f"d{k}" for k in range(nd)],
                        capability=cap, position=pos, salience=sal)


@settings(max_examples=40, deadline=None)
@given(inputs())
def test_positions_stay_between_the_extremes(inp):
    """Bargains interpolate between two current positions, so no issue's range ever widens
    (beyond KTAB's rounding of bargains to 0.01 on the 0–100 scale)."""
    res = run_spatial(inp, max_turns=12)
    lo, hi = inp.position.min(axis=0), inp.position.max(axis=0)
    assert (res.positions >= lo - 0.0051).all() and (res.positions <= hi + 0.0051).all()
    assert ((res.win_prob >= 0) & (res.win_prob <= 1 + 1e-12)).all()
    assert ((res.risk >= -0.5 - 1e-12) & (res.risk <= 1 + 1e-12)).all()
    assert 1 <= res.turns <= 12
    assert np.isfinite(res.target_prob[res.target >= 0]).all()


@settings(max_examples=15, deadline=None)
@given(inputs())
def test_same_input_same_run(inp):
    a, b = run_spatial(inp, max_turns=8), run_spatial(inp, max_turns=8)
    np.testing.assert_array_equal(a.positions, b.positions)


def test_result_surface():
    inp = SpatialInput(actors=["A", "B", "C"], dims=["x", "y"], capability=[3, 2, 1],
                       position=[[10, 80], [60, 20], [90, 50]],
                       salience=[[0.6, 0.3], [0.2, 0.7], [0.5, 0.5]],
                       names=["Alpha", "Beta", "Gamma"])
    res = run_spatial(inp)
    T1 = res.turns + 1
    assert res.positions.shape == (T1, 3, 2) and res.win_prob.shape == (T1, 3)
    assert res.target.shape == (res.turns, 3)
    frame = res.to_frame()
    assert len(frame) == T1 * 3 * 2
    assert list(frame.columns) == ["turn", "actor", "dim", "position", "win_prob", "risk"]
    s = res.ktab_summary()
    assert len(s) == T1 * 2 and {"mean_cap_weighted", "median"} <= set(s.columns)
    fin = res.final_frame()
    assert list(fin["x final"]) == list(res.final[:, 0])
    json.dumps(res.to_dict())
    fig = res.plot()
    assert len(fig.data) == 3 * 2 and fig.data[0].name == "Alpha"
    assert len(res.plot_win_prob().data) == 3
    assert res.distance("A", "A") == 0
    assert "3 actors" in repr(res)
