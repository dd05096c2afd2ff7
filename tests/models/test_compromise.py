"""The compromise model and the honest comparison of the bargaining forecasts.

The compromise model (capability × salience-weighted mean) is the baseline the
expected-utility and spatial models must beat; where the three are further apart than the
agreement zone, the report and `jirga bargain` say "the models disagree … — no single
forecast". Tested on the built-in case and on a Colombia–FARC case written for these tests.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np
import pytest

from jirga.analysis.compromise import compromise_on_draws
from jirga.analysis.load import load_case
from jirga.models.compromise import CompromiseInput, compromise, run_compromise, weight_shares
from tests.analysed import analysed, section

COLOMBIA = Path(__file__).resolve().parent / "data" / "colombia-farc-2016.yaml"
WITH_EU = ("bargaining", "spatial", "compromise")


@pytest.fixture(scope="module")
def builtin_cmp(builtin_case):
    return analysed(builtin_case, models=WITH_EU)


@pytest.fixture(scope="module")
def colombia():
    return load_case(str(COLOMBIA))


@pytest.fixture(scope="module")
def colombia_cmp(colombia):
    return analysed(colombia, models=WITH_EU)


# ---- the equation ------------------------------------------------------------------


def test_weighted_mean_equation():
    x, c, s = np.array([0.0, 100.0, 40.0]), np.array([60.0, 20.0, 20.0]), np.array([1.0, 0.5, 0.0])
    assert compromise(x, c, s)[0] == pytest.approx((60 * 0 + 10 * 100) / 70)
    assert weight_shares(c, s)[0].tolist() == pytest.approx([60 / 70, 10 / 70, 0.0])


def test_properties_permutation_scaling_batch_bounds():
    rng = np.random.default_rng(3)
    x, c, s = rng.uniform(0, 100, (50, 6)), rng.uniform(1, 50, (50, 6)), rng.uniform(0, 1, (50, 6))
    out = compromise(x, c, s)
    perm = rng.permutation(6)
    assert np.allclose(compromise(x[:, perm], c[:, perm], s[:, perm]), out)  # order of actors
    assert np.allclose(compromise(x, 7.5 * c, s), out)  # capability is relative
    assert np.allclose([compromise(x[d], c[d], s[d])[0] for d in range(50)], out)  # batch = single
    assert ((out >= x.min(axis=1) - 1e-9) & (out <= x.max(axis=1) + 1e-9)).all()


def test_nobody_cares_gives_the_plain_mean():
    assert compromise([10.0, 50.0], [30.0, 70.0], [0.0, 0.0])[0] == pytest.approx(30.0)


def test_inputs_are_checked(builtin_case):
    iss = builtin_case.issues[0]
    with pytest.raises(ValueError, match="3 columns for 2 actors"):
        CompromiseInput(iss, ["A", "B"], ["A", "B"], np.ones((4, 3)), np.ones((4, 2)), np.ones((4, 2)))
    with pytest.raises(ValueError, match="no issue"):
        run_compromise({}, {}, case_id="x", seed=0)


# ---- on the built-in case ----------------------------------------------------------


def test_same_draws_as_the_bargaining_model(builtin_cmp):
    """Paired with the expected-utility model: its round 0 is the compromise, draw by draw."""
    comp = builtin_cmp.compromise.value.result
    bar = builtin_cmp.bargaining.value
    assert comp.draws == bar.draws == builtin_cmp.budget.draws
    for k, m in comp.issues.items():
        assert np.array_equal(m.inputs.x, bar.issues[k].traj.positions[:, 0, :])
        assert np.allclose(m.forecast, bar.issues[k].traj.mean[:, 0])


def test_builtin_comparison(builtin_cmp):
    cmp = builtin_cmp.compromise.value.comparison
    frame = cmp.to_frame()
    assert list(frame.index) == [i.id for i in builtin_cmp.case.issues]
    assert cmp.zone == 15
    assert {r.issue for r in cmp.disagreements()} == {"prisoner_release", "sharia"}
    pr = next(r for r in cmp.rows if r.issue == "prisoner_release")
    assert pr.eu > 90 and 35 < pr.compromise < 55 and 35 < pr.spatial < 55
    assert pr.spread == pytest.approx(max(pr.eu, pr.spatial, pr.compromise)
                                      - min(pr.eu, pr.spatial, pr.compromise))
    assert pr.apart_share > 0.5  # paired draws: most are more than the zone apart
    assert 0 <= pr.cycle_share <= 1
    assert pr.cycle_share == builtin_cmp.bargaining.value.issues["prisoner_release"].status_shares()["cycle"]
    assert re.fullmatch(r"the models disagree: expected utility \d+, spatial \d+, compromise \d+ "
                        r"\(spread \d+ points, more than the agreement zone of 15\) — no single "
                        r"forecast", pr.verdict())
    assert f"expected utility {pr.eu:.0f}," in pr.verdict()
    fata = next(r for r in cmp.rows if r.issue == "fata_status")
    assert not fata.disagree and fata.verdict().startswith("the models agree within")


def test_same_seed_same_numbers(builtin_case, builtin_cmp):
    again = compromise_on_draws(builtin_case, builtin_cmp.budget.draws, builtin_cmp.seed)
    assert again.summary().equals(builtin_cmp.compromise.value.result.summary())


def test_report_says_the_models_disagree(builtin_cmp):
    sec = section(builtin_cmp, "bargaining")
    assert "Three models side by side" in sec.html
    assert sec.html.count("the models disagree: expected utility") >= 2
    assert "— no single forecast" in sec.html
    # the first-screen finding gives no single number for an issue the models split on
    first = sec.headline[0]
    assert "Release of TTP prisoners" in first
    assert re.search(r"the models disagree: expected utility \d+, spatial \d+, compromise \d+ — no "
                     r"single forecast", first)
    assert "80% interval" not in first
    assert any(h.startswith("The models disagree by more than the agreement zone (15 points) on "
                            "2 of 5 issues") for h in sec.headline)


def test_report_without_the_compromise_model_says_why(builtin_case):
    sec = section(analysed(builtin_case, models=("bargaining",), draws=50), "bargaining")
    assert "Compromise model not run: not asked for" in sec.html


def test_only_the_compromise_model(builtin_case):
    a = analysed(builtin_case, models=("compromise",), draws=50)
    cmp = a.compromise.value.comparison
    assert all(math.isnan(r.eu) and math.isnan(r.spatial) for r in cmp.rows)
    assert not cmp.disagreements() and cmp.rows[0].verdict().startswith("only one model ran")
    assert cmp.notes == ["expected-utility model not run: not asked for",
                         "spatial model not run: not asked for"]


# ---- on a case for another process ------------------------------------------------


def test_colombia_comparison(colombia_cmp):
    cmp = colombia_cmp.compromise.value.comparison
    assert {r.issue for r in cmp.disagreements()} == {"agrarian_reform"}
    ag = next(r for r in cmp.rows if r.issue == "agrarian_reform")
    assert ag.eu > 75 and 40 < ag.compromise < 60 and ag.spread > 15
    tj = next(r for r in cmp.rows if r.issue == "transitional_justice")
    assert tj.spread < 15 and 30 < tj.compromise < 50
    assert "agrarian_reform" in cmp.text() and "no single forecast" in cmp.text()
    sec = section(colombia_cmp, "bargaining")
    assert "Rural reform and land redistribution:</strong> the models disagree" in sec.html


def test_colombia_dated_stances_move_the_compromise(colombia):
    """Before the 2013 and 2015 partial agreements the compromise reads the earlier stances."""
    now = compromise_on_draws(colombia, 200, 0)
    then = compromise_on_draws(colombia.as_known_on("2013-01-01"), 200, 0)
    mid = compromise_on_draws(colombia.as_known_on("2014-06-30"), 200, 0)
    med = lambda r, k: r.issues[k].median  # noqa: E731
    assert med(then, "political_participation") < med(now, "political_participation") - 5
    assert med(mid, "political_participation") == med(now, "political_participation")
    assert med(then, "transitional_justice") > med(now, "transitional_justice") + 3
    assert med(mid, "transitional_justice") == med(then, "transitional_justice")
    assert med(then, "agrarian_reform") == med(now, "agrarian_reform")  # undated: known throughout


def test_bargain_command_prints_the_comparison(capsys):
    from jirga.cli import main

    assert main(["bargain", str(COLOMBIA), "--budget", "quick", "--no-mediators"]) == 0
    out = capsys.readouterr().out
    assert "Expected utility vs spatial vs compromise — agreement zone 15" in out
    table = out[out.index("Expected utility vs spatial vs compromise"):]
    # issues are named by their question (80 columns), not by id
    row = next(line for line in table.splitlines() if line.strip().startswith("Rural reform"))
    assert "yes" in row.split()
    flat = re.sub(r"\s+", " ", out)
    assert "Rural reform and land redistribution: the models disagree: expected utility" in flat
    assert "— no single forecast" in flat


def test_one_issue_case_has_no_spatial_forecast(colombia):
    one = colombia.model_copy(deep=True)
    one.issues = one.issues[:1]
    a = analysed(one, models=WITH_EU, draws=50)
    cmp = a.compromise.value.comparison
    assert math.isnan(cmp.rows[0].spatial) and not math.isnan(cmp.rows[0].eu)
    assert cmp.notes and cmp.notes[0].startswith("spatial model not run: ")


def test_golden_example_actors_weighted_mean(refdata):
    """Scholz et al.'s ExampleActors: the c·s-weighted mean before round 1 is ≈ 7.39 years
    (read off the paper's figure; /work/shared/models/expected-utility.md), on a 4–10 scale."""
    from jirga.case.formats.actor_csv import read_bargaining_csv

    case = read_bargaining_csv(str(refdata / "ExampleActors.csv"))
    comp = compromise_on_draws(case, 1, 0)
    (m,) = comp.issues.values()
    assert 4 + m.point * 0.06 == pytest.approx(7.39, abs=0.01)
