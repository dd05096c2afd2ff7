"""Ceasefire model: mechanisms, Kydd credibility, common random numbers, result surface."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import pytest

from jirga.models.ceasefire.engine import (
    Talks,
    credibility,
    simulate,
    talks_gaps,
)
from jirga.models.ceasefire.params import PARAMETERS, inputs_from_case
from jirga.models.ceasefire.run import run_ceasefire

DRAWS = 3000


@pytest.fixture(scope="module")
def setup(mini_case):
    inputs = inputs_from_case(mini_case)
    talks = talks_gaps(mini_case, inputs.state, inputs.group, DRAWS, 0)
    return inputs, talks


def _run(setup, seed=0, **overrides):
    inputs, talks = setup
    return simulate(inputs, talks, draws=DRAWS, seed=seed, overrides=overrides)


def _mean_days(res):
    """Mean duration with censored draws counted at the horizon (a lower bound)."""
    return float(np.minimum(res.duration_days, res.horizon_days).mean())


# ---- mechanisms (issue 5, "Done when") ---------------------------------------------

def test_faster_recruitment_shortens_truces(setup):
    slow = _run(setup, recruitment=0.003, threshold=0.1)
    fast = _run(setup, recruitment=0.03, threshold=0.1)
    assert _mean_days(fast) < _mean_days(slow) - 7
    assert fast.p_break_within(180)[0] > slow.p_break_within(180)[0]
    assert np.median(fast.strength_path[26]) > np.median(slow.strength_path[26])


def test_more_leverage_over_group_lengthens_truces(setup):
    weak = _run(setup, leverage_group=0.2, threshold=0.1)
    strong = _run(setup, leverage_group=0.9, threshold=0.1)
    assert _mean_days(strong) > _mean_days(weak) + 7
    assert strong.p_break_within(180)[0] < weak.p_break_within(180)[0]


def test_no_growth_no_gap_no_shocks_holds(setup):
    inputs, _ = setup
    zero = Talks(np.zeros(DRAWS), np.zeros(DRAWS), {}, "test")
    # no growth, no gap (both sides get their positions at the table), no spoiler shocks,
    # no fading hope; commitment neutral (threshold 0); everything else sampled from ranges
    res = simulate(inputs, zero, draws=DRAWS, seed=3,
                   overrides={"recruitment": 0.0, "shock_rate": 0.0, "talks_decay": 0.0,
                              "threshold": 0.0})
    assert res.p_break_within(res.horizon_days)[0] < 0.02
    # and the same truce with a gap, growth and shocks does break
    res2 = _run(setup, seed=3)
    assert res2.p_break_within(res2.horizon_days)[0] > 0.3


def test_kydd_biased_mediator_credible_to_its_side_only():
    to_group, to_state = credibility(np.array([0.85, 0.5, 0.15]))
    assert to_group[0] > 0.9 and to_state[0] < 0.05       # leans to the group
    assert to_group[1] < 0.2 and to_state[1] < 0.2        # honest broker: credible to neither
    assert to_state[2] > 0.9 and to_group[2] < 0.05       # leans to the state


def test_group_biased_mediator_in_case(mini_case, setup):
    inputs, _ = setup
    assert inputs.mediator == "AFG_TALIBAN"
    assert inputs.ranges["bias"][1] > 0.6                  # hosts the TTP, near its positions
    # credible advice restrains the group, not the state
    quiet = _run(setup, advice_weight=0.0, threshold=0.1, pressure_weight=0.0)
    advice = _run(setup, advice_weight=0.2, threshold=0.1, pressure_weight=0.0)
    g_q = (quiet.breaker == 1).mean()
    g_a = (advice.breaker == 1).mean()
    s_q = (quiet.breaker == 2).mean()
    s_a = (advice.breaker == 2).mean()
    assert g_a < g_q - 0.05
    assert s_a >= s_q - 0.02


def test_preventive_motive_raises_state_defection(setup):
    calm = _run(setup, preventive_weight=0.0, recruitment=0.03)
    wary = _run(setup, preventive_weight=3.0, recruitment=0.03)
    assert (wary.breaker == 2).mean() > (calm.breaker == 2).mean()


def test_spoiler_shocks_raise_hazard(setup):
    none = _run(setup, shock_rate=0.0, threshold=0.1)
    many = _run(setup, shock_rate=0.8, shock_size=0.2, threshold=0.1)
    assert many.p_break_within(90)[0] > none.p_break_within(90)[0]


# ---- numerics ----------------------------------------------------------------------

def test_common_random_numbers_and_reproducibility(setup):
    a, b = _run(setup, seed=5), _run(setup, seed=5)
    np.testing.assert_array_equal(a.duration_days, b.duration_days)
    c = _run(setup, seed=5, recruitment=lambda x: x)   # identity override: same draws
    np.testing.assert_array_equal(a.duration_days, c.duration_days)
    d = _run(setup, seed=6)
    assert not np.array_equal(a.duration_days, d.duration_days)


def test_defaults_are_sourced_and_ordered():
    for name, p in PARAMETERS.items():
        assert p.low <= p.mode <= p.high, name
        assert p.source and p.meaning, name


def test_impossible_parameters_rejected_at_the_boundary():
    from jirga.errors import InputError
    from tests.models.conftest import MINI_CASE

    text = MINI_CASE.read_text(encoding="utf-8").replace(
        "      war_cost: {low: 0.1, mode: 0.2, high: 0.3}",
        "      war_cost: {low: -0.1, mode: 0.2, high: 0.3}")
    from jirga.analysis.load import parse_case as checked_parse
    from jirga.case.io import parse_case

    with pytest.raises(InputError) as at_boundary:
        checked_parse(text, "bad.yaml")
    [problem] = at_boundary.value.problems
    assert problem.line is not None and problem.field == "actors[0].parameters.war_cost"
    case = parse_case(text, "bad.yaml")  # the structure alone is valid
    with pytest.raises(InputError) as err:  # the model says the same without the boundary
        inputs_from_case(case)
    assert err.value.problems[0].field == problem.field
    assert err.value.problems[0].message == problem.message


def test_agreement_parameters_override_derived_values():
    from jirga.case.io import parse_case
    from tests.models.conftest import MINI_CASE

    text = MINI_CASE.read_text(encoding="utf-8").replace(
        "    start: 2022-05\n",
        "    start: 2022-05\n    parameters:\n      bias: 0.5\n      leverage_group: 0.1\n")
    inputs = inputs_from_case(parse_case(text, "override.yaml"))
    assert inputs.ranges["bias"] == (0.5, 0.5, 0.5)
    assert inputs.ranges["leverage_group"] == (0.1, 0.1, 0.1)


def test_result_surface(mini_case):
    res = run_ceasefire(mini_case, draws=1000, seed=1, calibrate=False)
    s = res.summary()
    assert {"measure", "value", "low", "high", "unit"} <= set(s.columns)
    p30, p90, p180 = (res.p_break_within(h)[0] for h in (30, 90, 180))
    assert 0 <= p30 <= p90 <= p180 <= 1
    lo, hi = res.p_break_within(180)[1:]
    assert lo <= p180 <= hi
    f = res.to_frame()
    assert len(f) == 1000 and "breaker" in f and "gap_group" in f
    sf = res.survival_frame()
    assert sf.survival.iloc[0] == 1.0 and sf.survival.is_monotonic_decreasing
    assert set(res.breaker_shares()) == {"group", "state"}
    for fig in (res.plot_survival(), res.plot_strength(), res.plot_breaker()):
        assert isinstance(fig, go.Figure)
    assert "median truce duration" in res.text()
    drivers = res.drivers_frame()
    assert list(drivers.columns) == ["week 0", "week 26"]
    assert "state: preventive motive" in drivers.index


# ---- the talks' forecast is passed in, never looked up ------------------------------

def test_no_forecaster_means_the_compromise_model(mini_case):
    talks = talks_gaps(mini_case, "PAK_GOV", "TTP", 500, 0)
    assert talks.source.startswith("compromise model")
    assert set(talks.forecast) == {"fata_merger", "disarmament"}
    assert all(np.all((v >= 0) & (v <= 100)) for v in talks.forecast.values())
    # the state sits at 0, the group at 100 on the merger: the forecast lies between
    assert 0 < np.median(talks.forecast["fata_merger"]) < 100


def test_uses_the_forecaster_it_is_given(mini_case):
    def at_ten(case, draws, seed):
        return {i.id: np.full(draws, 10.0) for i in case.issues}, "test forecaster"

    talks = talks_gaps(mini_case, "PAK_GOV", "TTP", 200, 0, forecaster=at_ten)
    assert talks.source == "test forecaster"
    # forecast at 10 on both issues: the group (at 100) is far, the state (0–10) close
    assert talks.gap_group.mean() > 0.85 and talks.gap_state.mean() < 0.15


def test_bargaining_forecaster_is_order_independent(mini_case):
    from jirga.analysis.forecasts import BargainingForecaster

    one, two = BargainingForecaster(base_draws=300), BargainingForecaster(base_draws=300)
    small_first = one(mini_case, 100, 0)[0], one(mini_case, 300, 0)[0]
    big_first = two(mini_case, 300, 0)[0], two(mini_case, 100, 0)[0]
    for k in small_first[0]:
        assert np.array_equal(small_first[0][k], big_first[1][k])
        assert np.array_equal(small_first[1][k], big_first[0][k])
    assert one(mini_case, 100, 0)[1].startswith("bargaining model")


def test_state_concession_narrows_group_gap(mini_case):
    base = talks_gaps(mini_case, "PAK_GOV", "TTP", 500, 0)
    conc = talks_gaps(mini_case, "PAK_GOV", "TTP", 500, 0, concede=True)
    assert conc.source == base.source
    assert conc.conceded_issue == "fata_merger"
    assert conc.gap_group.mean() < base.gap_group.mean()


