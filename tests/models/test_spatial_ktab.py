"""jirga's spatial model against KTAB's smpc on KTAB's own data sets.

The expected files were made by KTAB @ 3b5b063 with its default settings
(README in shared/refdata). The issue's targets are: same number of turns,
final positions within 0.5 and per-turn summaries within 1.0 (0–100 scale).
jirga reproduces KTAB to round-off (1e-12) — the only remaining difference is
that KTAB's log prints win probabilities to 4 decimals, so those agree to 5e-5.
The tight tolerances below guard that exactness; the issue's looser ones are
checked too so a failure says which promise broke.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from jirga.case.formats.ktab import read_ktab_csv
from jirga.models.spatial.engine import run_spatial

REFDATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "refdata"
DATASETS = ["dummyData_3Dim", "SOE-Policy", "dummyData-a040", "dummyData-a080"]
SUMMARY_COLS = ["mean", "median", "mean_cap_weighted", "mean_cap_sal_weighted", "min", "max"]

pytestmark = pytest.mark.skipif(not REFDATA.is_dir(), reason="shared/refdata not present")


@pytest.fixture(scope="module")
def runs():
    return {name: run_spatial(read_ktab_csv(REFDATA / f"{name}.csv")) for name in DATASETS}


def _expected_positions(name: str, res) -> np.ndarray:
    e = pd.read_csv(REFDATA / "expected" / f"ktab_smpc_{name}_positions.csv")
    out = np.full((e.turn.max() + 1, len(res.actors), len(res.dims)), np.nan)
    out[e.turn, e.actor_index, e.dim_index] = e.position
    assert list(e.drop_duplicates("actor_index").sort_values("actor_index").actor) == res.actors
    return out


@pytest.mark.parametrize("name", DATASETS)
def test_same_number_of_turns(runs, name):
    res = runs[name]
    expected = _expected_positions(name, res)
    assert res.turns == expected.shape[0] - 1
    assert res.stop_reason.startswith("settled")


@pytest.mark.parametrize("name", DATASETS)
def test_positions_every_turn(runs, name):
    res = runs[name]
    expected = _expected_positions(name, res)
    assert np.abs(res.final - expected[-1]).max() <= 0.5  # the target
    assert np.abs(res.positions - expected).max() < 1e-9  # what we actually reach


@pytest.mark.parametrize("name", DATASETS)
def test_summaries_every_turn(runs, name):
    res = runs[name]
    e = pd.read_csv(REFDATA / "expected" / f"ktab_smpc_{name}_summary.csv")
    s = res.ktab_summary()
    assert list(s.dim) == list(e.dim) and list(s.turn) == list(e.turn)
    diff = np.abs(s[SUMMARY_COLS].to_numpy() - e[SUMMARY_COLS].to_numpy()).max()
    assert diff <= 1.0
    assert diff < 1e-5  # the expected file is printed to 6 decimals


@pytest.mark.parametrize("name", DATASETS)
def test_win_probabilities_every_turn(runs, name):
    """KTAB logs these to 4 decimals: that rounding is the only difference left."""
    res = runs[name]
    w = pd.read_csv(REFDATA / "expected" / f"ktab_smpc_{name}_winprob.csv")
    got = res.win_prob[w.turn.to_numpy(), [res.index(a) for a in w.actor]]
    assert np.abs(got - w.prob.to_numpy()).max() <= 0.5e-4 + 1e-12


def test_case_round_trip_gives_same_run(runs):
    """KTAB CSV -> jirga case (capability rescaled to 0–100) -> model: same answers."""
    from jirga.case.formats.ktab import load_ktab_case

    case = load_ktab_case(REFDATA / "SOE-Policy.csv")
    stripped = case.model_copy(update={
        "actors": [a.model_copy(update={"parameters": {}}) for a in case.actors]})
    res = run_spatial(stripped)
    ref = runs["SOE-Policy"]
    assert res.turns == ref.turns
    assert np.abs(res.positions - ref.positions).max() < 1e-9


def test_mirrored_scenario_mirrors_the_run(runs):
    """Reflecting every position (x -> 100 - x) reflects the whole run."""
    from jirga.models.spatial.engine import spatial_input

    inp = spatial_input(read_ktab_csv(REFDATA / "dummyData_3Dim.csv"))
    inp.position = 100.0 - inp.position
    res = run_spatial(inp)
    ref = runs["dummyData_3Dim"]
    assert res.turns == ref.turns
    assert np.abs(100.0 - res.positions - ref.positions).max() < 1e-9


def test_paths_are_read_at_the_boundary_not_in_the_model():
    with pytest.raises(TypeError, match="read_ktab_csv"):
        run_spatial(REFDATA / "SOE-Policy.csv")
