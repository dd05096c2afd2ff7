"""Small cases checked by hand, and properties of the pieces."""

from __future__ import annotations

import numpy as np
import pytest

from jirga.models.spatial import core
from jirga.models.spatial.engine import SpatialInput, run_spatial


def two_actor(cap=(2.0, 1.0), pos=(20.0, 80.0), sal=(1.0, 1.0)) -> SpatialInput:
    return SpatialInput(actors=["A", "B"], dims=["x"], capability=np.array(cap),
                        position=np.array(pos)[:, None], salience=np.array(sal)[:, None])


def test_two_actors_one_dimension_by_hand():
    """A (capability 2, at 20) and B (capability 1, at 80), both salience 1.

    Risk-neutral votes: C(A:B) = 2 * 0.6, C(B:A) = 1 * 0.6, so P(A) = 2/3 and with
    the mid range R_A = +1, R_B = -1/2. A's estimate (R_B seen as (2*1 - 1/2)/3 = 0.5):
    u_AB = 0.4 * 1.6 = 0.64, u_BA = 0.4 * 1.3 = 0.52, so P(A > B) = 0.72 / (0.72 + 0.48)
    = 0.6 and A's gain is 0.6*2 + 0.4*2*0.64 - 1.64 = 0.072 > 0: A challenges B.
    B's own estimate gives it a loss (-0.18), so B does not challenge.
    S2P2 bargain: weights 0.36 and 0.16 -> both at 0.2*0.36/0.52 + 0.8*0.16/0.52
    = 0.384615 -> rounded to 38.46. A prefers it (0.966 vs 0.82), B does not
    (0.463 vs 0.64); the election gives 2*0.146 vs 1*0.177, so both adopt it.
    Turn 2: nobody moves, the run stops.
    """
    res = run_spatial(two_actor())
    np.testing.assert_allclose(res.risk[0], [1.0, -0.5])
    assert res.target[0].tolist() == [1, -1]
    assert res.target_prob[0, 0] == pytest.approx(0.6)
    np.testing.assert_allclose(res.positions[1, :, 0], [38.46, 38.46], atol=1e-9)
    assert res.turns == 2
    np.testing.assert_allclose(res.final[:, 0], [38.46, 38.46], atol=1e-9)
    # own-risk coalitions tie (2 * 0.36 = 1 * 0.72): each position wins with 1/2
    np.testing.assert_allclose(res.win_prob[0], [0.5, 0.5], atol=1e-9)
    # once together, their shared position wins for sure
    np.testing.assert_allclose(res.win_prob[-1], [1.0, 1.0])


def test_equal_capabilities_symmetric_pair_stays_put():
    """Equal and opposite: P = 1/2, gain exactly 0, nobody challenges, nobody moves."""
    res = run_spatial(two_actor(cap=(1.0, 1.0), pos=(30.0, 70.0)))
    assert res.turns == 2
    assert (res.target == -1).all()
    np.testing.assert_allclose(res.final[:, 0], [30.0, 70.0])
    np.testing.assert_allclose(res.win_prob[0], [0.5, 0.5])
    np.testing.assert_allclose(res.risk[0], [0.0, 0.0])  # all alike: risk neutral


def test_equal_capabilities_three_actors_meet_in_the_middle():
    """L (20), M (50), R (80), equal capability and salience.

    L and R both challenge M with the same odds. M's queue then holds two
    mirror-image bargains of exactly equal value; like KTAB (first index of the
    maximum), M takes the first, L's. So the run is not mirror-symmetric turn by
    turn, but it settles near the median 50.
    """
    inp = SpatialInput(actors=["L", "M", "R"], dims=["x"], capability=np.ones(3),
                       position=np.array([[20.0], [50.0], [80.0]]),
                       salience=np.full((3, 1), 0.8))
    res = run_spatial(inp)
    assert res.target[0].tolist() == [1, -1, 1]
    assert res.target_prob[0, 0] == pytest.approx(res.target_prob[0, 2])
    np.testing.assert_allclose(res.positions[1, :, 0], [29.33, 29.33, 80.0], atol=1e-9)
    np.testing.assert_allclose(res.win_prob[0], 1 / 3)
    assert res.stop_reason.startswith("settled")
    np.testing.assert_allclose(res.final[:, 0], 50.0, atol=1.0)


def test_identical_positions_nothing_happens():
    inp = SpatialInput(actors=list("ABCD"), dims=["x", "y"], capability=[1, 2, 3, 4],
                       position=np.tile([40.0, 60.0], (4, 1)), salience=np.full((4, 2), 0.5))
    res = run_spatial(inp)
    assert res.turns == 2
    assert (res.target == -1).all()
    np.testing.assert_allclose(res.positions, np.broadcast_to(inp.position, res.positions.shape))
    np.testing.assert_allclose(res.win_prob, 1.0)  # one shared position: it wins


def test_capability_scale_does_not_matter():
    a = run_spatial(two_actor(cap=(2.0, 1.0)))
    b = run_spatial(two_actor(cap=(200.0, 100.0)))
    np.testing.assert_allclose(a.positions, b.positions, atol=1e-9)


def test_max_turns_stops_the_run():
    res = run_spatial(two_actor(), max_turns=1)
    assert res.turns == 1 and "max_turns" in res.stop_reason


def test_stochastic_transition_is_seeded():
    inp = SpatialInput(actors=list("ABCDE"), dims=["x", "y"], capability=[5, 4, 3, 2, 1],
                       position=[[10, 90], [30, 20], [50, 50], [70, 80], [90, 10]],
                       salience=[[0.5, 0.5], [0.7, 0.2], [0.4, 0.4], [0.2, 0.7], [0.5, 0.3]])
    a = run_spatial(inp, seed=3, transition="stochastic")
    b = run_spatial(inp, seed=3, transition="stochastic")
    np.testing.assert_array_equal(a.positions, b.positions)


@pytest.mark.parametrize("variant", [
    {"voting_rule": "binary"}, {"voting_rule": "cubic"}, {"voting_rule": "asym_prospect"},
    {"pce": "markov_uniform"}, {"pce": "markov_incentive"}, {"victory_model": "square"},
    {"victory_model": "binary"}, {"risk_range": "max"}, {"risk_adjust": "full"},
    {"third_party": "full"}, {"interpolation": "s1p1"}, {"interpolation": "s2pmax"},
])
def test_variants_run_and_stay_in_range(variant):
    inp = SpatialInput(actors=list("ABCDE"), dims=["x", "y"], capability=[5, 4, 3, 2, 1],
                       position=[[10, 90], [30, 20], [50, 50], [70, 80], [90, 10]],
                       salience=[[0.5, 0.5], [0.7, 0.2], [0.4, 0.4], [0.2, 0.7], [0.5, 0.3]])
    res = run_spatial(inp, max_turns=15, **variant)
    assert np.isfinite(res.positions).all()
    assert (res.positions >= 0).all() and (res.positions <= 100).all()
    assert np.isfinite(res.win_prob).all()


def test_unknown_variant_is_refused():
    with pytest.raises(ValueError, match="voting_rule"):
        run_spatial(two_actor(), voting_rule="plurality")


def test_bad_arrays_are_refused():
    with pytest.raises(ValueError, match="at most 1"):
        SpatialInput(actors=["A", "B"], dims=["x", "y"], capability=[1, 1],
                     position=[[1, 2], [3, 4]], salience=[[0.7, 0.7], [0.1, 0.1]])
    with pytest.raises(ValueError, match="0 and 100"):
        two_actor(pos=(-5.0, 50.0))


# ---- pieces --------------------------------------------------------------------------

def test_distance_weights_dimensions_by_salience_squared():
    ideal = np.array([[0.0, 0.0]])
    pos = np.array([[1.0, 0.0], [0.0, 1.0]])
    d = core.distances(ideal, pos, np.array([[0.3, 0.1]]))
    np.testing.assert_allclose(d[0], np.sqrt([0.09 / 0.10, 0.01 / 0.10]))


def test_utility_shapes():
    assert core.utility(np.array(0.0), 0.7) == 1.0
    assert core.utility(np.array(1.0), -0.5) == 0.0
    d = np.array(0.5)
    assert core.utility(d, 1.0) > core.utility(d, 0.0) > core.utility(d, -1.0)
    assert core.utility(d, -1.0) == pytest.approx((1 - 0.5) ** 2)


def test_conditional_pce_on_a_condorcet_winner():
    # three options; option 0 beats both others with 0.9
    c = np.array([[1e-8, 9.0, 9.0], [1.0, 1e-8, 5.0], [1.0, 5.0, 1e-8]])
    p = core.pce("conditional", c, "linear")
    assert p.sum() == pytest.approx(1.0)
    assert p.argmax() == 0
    for model in ("markov_uniform", "markov_incentive"):
        q = core.pce(model, c, "linear")
        assert q.sum() == pytest.approx(1.0) and q.argmax() == 0


def test_risk_range_mid():
    r = core.risk_from_prob(np.array([0.1, 0.3, 0.6]), "mid")
    np.testing.assert_allclose(r, [-0.5, (0.9 - 0.8) / 1.0, 1.0])


def test_round4_is_half_up():
    np.testing.assert_allclose(core.round4(np.array([0.12345, 0.123449, 0.99999])),
                               [0.1235, 0.1234, 1.0])


def test_all_estimators_view_agrees_with_challenger_view():
    """h = i of the full (h, i, j) computation is what drives the dynamics."""
    rng = np.random.default_rng(0)
    pos = rng.random((6, 2))
    sal = rng.random((6, 2)) * 0.5
    cap = rng.random(6) + 0.5
    opts = core.Options()
    a, d = core.assess(pos, cap, sal, opts)
    probs, gains = core.challenge_estimates(d, a.risk, cap, sal.sum(axis=1), opts)
    for i in range(6):
        if a.target[i] >= 0:
            assert probs[i, i, a.target[i]] == pytest.approx(a.p_target[i])
            assert gains[i, i].argmax() == a.target[i]
