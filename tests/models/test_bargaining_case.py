"""The bargaining model on cases: CSV readers, single runs, Monte Carlo, mediator effects."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from jirga.case.io import parse_case
from jirga.errors import InputError
from jirga.models.bargaining.engine import simulate
from jirga.case.formats.actor_csv import read_bargaining_csv, read_table
from jirga.models.bargaining.montecarlo import (
    BargainingMCResult,
    BargainingResult,
    mediator_effects,
    run_case,
    run_case_mc,
)

HERE = Path(__file__).resolve().parent
REF = Path(__file__).resolve().parents[2] / ".." / "shared" / "refdata"
FIXTURE = HERE / "data" / "mediated.yaml"
needs_ref = pytest.mark.skipif(not REF.is_dir(), reason="../shared/refdata not present")


@pytest.fixture(scope="module")
def case():
    return parse_case(FIXTURE.read_text(encoding="utf-8"), str(FIXTURE))


# ---------------------------------------------------------------------------
# readers
# ---------------------------------------------------------------------------


@needs_ref
@pytest.mark.parametrize(("name", "n"), [("ExampleActors.csv", 10), ("Sultan.csv", 17),
                                         ("HondurasCrisisData.csv", 5), ("ChinaData.csv", 24)])
def test_reads_the_replications_tables(name, n):
    c = read_bargaining_csv(REF / name)
    assert len(c.actors) == n and len(c.issues) == 1
    pos = c.positions_frame()
    assert pos.position.min() == 0 and pos.position.max() == 100
    assert pos.salience.max() <= 1
    assert sum(a.capability.mode for a in c.actors) == pytest.approx(100)
    assert c.sources[0].title == name


@needs_ref
def test_csv_case_runs_like_the_raw_table():
    """Rescaling to 0–100 and to capability shares leaves the dynamics unchanged."""
    t = read_table(REF / "ExampleActors.csv")
    raw = simulate(t.position, t.capability, t.salience / 100, rounds=10)
    res = run_case(read_bargaining_csv(REF / "ExampleActors.csv"))
    run = next(iter(res.runs.values()))
    back = 4 + run.positions * 6 / 100
    assert np.abs(back - raw.positions[0]).max() < 1e-9
    assert run.names[0] == "Netherlands"


def test_bad_csv_names_file_row_column_and_fix(tmp_path):
    p = tmp_path / "bad.csv"
    p.write_text("Actor,Capability,Position,Salience\nA,0.5,4,80\nB,x,7,40\nA,-1,10,30\n")
    with pytest.raises(InputError) as exc:
        read_table(p)
    text = str(exc.value)
    assert "bad.csv, row 3: Capability: 'x' is not a number" in text
    assert "row 4: Actor: actor 'A' appears twice" in text
    assert "row 4: Capability: capability -1 is negative" in text
    assert "fix:" in text


def test_missing_column_and_old_mac_line_endings(tmp_path):
    p = tmp_path / "mac.csv"
    p.write_bytes(b"Stakeholder,Resources,Position,Salience\rA,1,0,1\rB,2,1,0.5\r")
    t = read_table(p)
    assert t.names == ["A", "B"] and t.columns["capability"] == "Resources"
    q = tmp_path / "nopos.csv"
    q.write_text("Actor,Capability,Salience\nA,1,1\nB,1,1\n")
    with pytest.raises(InputError) as exc:
        read_table(q)
    assert "nopos.csv, row 1: position: no position column" in str(exc.value)


def test_one_position_only_is_an_input_error(tmp_path):
    p = tmp_path / "flat.csv"
    p.write_text("Actor,Capability,Position,Salience\nA,1,5,1\nB,1,5,1\n")
    with pytest.raises(InputError, match="every actor holds the same position"):
        read_bargaining_csv(p)


# ---------------------------------------------------------------------------
# single run and Monte Carlo
# ---------------------------------------------------------------------------


def test_single_run_surface(case):
    res = run_case(case)
    assert isinstance(res, BargainingResult)
    assert set(res.forecast_draws) == {"autonomy", "disarmament"}
    assert res.forecast_draws["autonomy"].shape == (1,)
    assert res.agreement_prob["autonomy"] in (0.0, 1.0)
    run = res.runs["autonomy"]
    frame = run.positions_frame()
    assert list(frame.columns[:2]) == ["mean_cs", "median_cs"] and len(frame) == 11
    q = run.quadrant_frame()
    assert q.shape == (5, 5) and set(np.diag(q.values)) == {""}
    assert set(q.values.ravel()) <= {"", "conflict", "compromise", "capitulation", "stalemate"}
    assert {"round", "actor", "move", "offer_from"} <= set(run.moves_frame().columns)
    assert len(run.dyad_frame()) == 20
    assert "autonomy" in res.summary() and isinstance(res.to_frame(), pd.DataFrame)
    assert res.plot().data


def test_mc_surface_and_reproducibility(case):
    a = run_case_mc(case, draws=300, seed=7)
    b = run_case_mc(case, draws=300, seed=7)
    assert isinstance(a, BargainingMCResult)
    for k in ("autonomy", "disarmament"):
        assert a.forecast_draws[k].shape == (300,)
        assert np.array_equal(a.forecast_draws[k], b.forecast_draws[k])
        assert np.all((a.forecast_draws[k] >= 0) & (a.forecast_draws[k] <= 100))
        assert 0.0 <= a.agreement_prob[k] <= 1.0
    c = run_case_mc(case, draws=300, seed=8)
    assert not np.array_equal(a.forecast_draws["autonomy"], c.forecast_draws["autonomy"])
    df = a.to_frame()
    assert {"forecast_median", "forecast_p10", "forecast_p90", "agreement_prob"} <= set(df)
    assert (df.forecast_p10 <= df.forecast_median).all()
    counts, edges = a.issues["autonomy"].histogram(20)
    assert counts.sum() == 300 and len(edges) == 21
    assert "80% interval" in a.summary()
    assert a.plot().data and a.plot_rounds("disarmament").data


def test_mc_is_the_vectorised_form_of_single_runs(case):
    """Each draw equals a one-draw run on the same sampled inputs."""
    from jirga.models.bargaining.montecarlo import sample_inputs

    res = run_case_mc(case, draws=50, seed=3, issues="autonomy")
    inp = sample_inputs(case, 50, 3, issues="autonomy")["autonomy"]
    for d in (0, 17, 49):
        one = simulate(inp.x[d], inp.c[d], inp.s[d], rounds=10)
        assert one.forecast[0] == pytest.approx(res.forecast_draws["autonomy"][d], abs=1e-9)


def test_agreement_probability_counts_final_gaps(case):
    res = run_case_mc(case, draws=200, seed=1, issues="autonomy")
    mc = res.issues["autonomy"]
    a, b = mc.principals
    gaps = np.abs(mc.traj.positions[:, -1, a] - mc.traj.positions[:, -1, b])
    assert res.agreement_prob["autonomy"] == pytest.approx((gaps <= 15).mean())


def test_case_without_principals_gives_nan(case):
    bare = case.model_copy(update={"analysis": case.analysis.model_copy(
        update={"principals": []})})
    res = run_case_mc(bare, draws=20)
    assert np.isnan(res.agreement_prob["autonomy"])


def test_mediator_effects_use_common_random_numbers(case):
    same = mediator_effects(case, draws=100, seed=2, scenarios=(("same", "capability", 1.0),))
    df = same.to_frame()
    assert len(df) == 2 and (df.forecast_diff == 0).all() and (df.agreement_diff == 0).all()
    eff = run_case_mc(case, draws=200, seed=2, counterfactuals=True).effects
    df = eff.to_frame()
    assert set(df.scenario) >= {"removed", "capability ×2", "salience ×0.5"}
    assert (df.forecast_diff_p10 <= df.forecast_diff_p90).all()
    removed = df[(df.issue == "autonomy") & (df.scenario == "removed")].iloc[0]
    assert removed.forecast_diff != 0
    assert "Mediator" in eff.summary() and eff.plot().data


def test_progress_reports_every_draw(case):
    seen = []
    run_case_mc(case, draws=64, counterfactuals=True, progress=lambda d, t: seen.append((d, t)))
    assert seen[-1][0] == seen[-1][1]


def test_counterfactuals_on_a_subset_of_draws_are_paired(case):
    full = run_case_mc(case, draws=120, seed=4, counterfactuals=True)
    sub = run_case_mc(case, draws=120, seed=4, counterfactuals=True, counterfactual_draws=40)
    key = ("autonomy", "MED", "removed")
    assert sub.effects.forecast_diffs[key].shape == (40,)
    assert np.allclose(sub.effects.forecast_diffs[key], full.effects.forecast_diffs[key][:40])


def test_issues_with_fewer_than_two_actors_are_left_out(case):
    one = case.issues[0].model_copy(update={"id": "lonely", "positions": {
        "STATE": case.issues[0].positions["STATE"]}})
    c2 = case.model_copy(update={"issues": [*case.issues, one]})
    res = run_case_mc(c2, draws=20)
    assert "lonely" not in res.forecast_draws
    with pytest.raises(ValueError, match="at least two actors"):
        run_case_mc(c2, draws=20, issues="lonely")
