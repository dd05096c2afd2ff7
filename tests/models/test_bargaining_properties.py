"""Property tests of the bargaining model (hypothesis).

Inputs are generic (continuous random positions), so exact ties — which both
replications, and we, break by input order — have probability zero.
"""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from jirga.models.bargaining.engine import simulate

SETTINGS = settings(max_examples=40, deadline=None)
variants = st.sampled_from(["scholz", "bdm"])
rules = st.sampled_from([None, "scholz", "nearest", "bdm"])


def generic(seed: int, n: int, draws: int = 1):
    rng = np.random.default_rng(seed)
    x = rng.uniform(0, 100, (draws, n))
    c = rng.uniform(0.05, 1.0, (draws, n))
    s = rng.uniform(0.05, 1.0, (draws, n))
    return x, c, s


@SETTINGS
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(2, 12), variant=variants, rule=rules,
       q=st.sampled_from([1.0, 0.8]))
def test_positions_stay_inside_the_issue_range(seed, n, variant, rule, q):
    x, c, s = generic(seed, n, draws=3)
    tr = simulate(x, c, s, rounds=8, variant=variant, offer_rule=rule, q=q)
    lo = x.min(axis=1)[:, None, None]
    hi = x.max(axis=1)[:, None, None]
    assert np.all(tr.positions >= lo - 1e-9) and np.all(tr.positions <= hi + 1e-9)
    assert np.all((tr.risk >= 0.5 - 1e-12) & (tr.risk <= 2 + 1e-12))
    assert np.all(np.isfinite(tr.mean))


@SETTINGS
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(2, 10), k=st.integers(0, 9),
       variant=variants, rule=rules)
def test_lone_dominant_actor_keeps_its_position(seed, n, k, variant, rule):
    x, _, _ = generic(seed, n)
    k = k % n
    c = np.zeros(n)
    s = np.zeros(n)
    c[k], s[k] = 1.0, 1.0
    tr = simulate(x[0], c, s, rounds=6, variant=variant, offer_rule=rule)
    assert np.all(tr.positions[0, :, k] == x[0, k])
    assert np.allclose(tr.mean[0], x[0, k])


@SETTINGS
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(2, 12), variant=variants, rule=rules,
       perm_seed=st.integers(0, 1000))
def test_permuting_actors_permutes_results(seed, n, variant, rule, perm_seed):
    x, c, s = generic(seed, n)
    perm = np.random.default_rng(perm_seed).permutation(n)
    a = simulate(x, c, s, rounds=6, variant=variant, offer_rule=rule)
    b = simulate(x[:, perm], c[:, perm], s[:, perm], rounds=6, variant=variant,
                 offer_rule=rule)
    assert np.allclose(b.positions, a.positions[:, :, perm], rtol=0, atol=1e-7)
    assert np.allclose(b.risk, a.risk[:, :, perm], atol=1e-9)
    assert np.allclose(b.mean, a.mean, atol=1e-9)


@SETTINGS
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(2, 12), variant=variants,
       factor=st.floats(1e-3, 1e3))
def test_scaling_all_capabilities_changes_nothing(seed, n, variant, factor):
    x, c, s = generic(seed, n)
    a = simulate(x, c, s, rounds=6, variant=variant)
    b = simulate(x, c * factor, s, rounds=6, variant=variant)
    assert np.allclose(a.positions, b.positions, rtol=0, atol=1e-7)
    assert np.array_equal(a.moves, b.moves)


@SETTINGS
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(2, 8), variant=variants,
       shift=st.floats(-50, 50), scale=st.floats(0.1, 10))
def test_affine_rescaling_of_positions_commutes(seed, n, variant, shift, scale):
    """Only distances over Δ matter, so moving the scale moves the results with it."""
    x, c, s = generic(seed, n)
    a = simulate(x, c, s, rounds=6, variant=variant)
    b = simulate(x * scale + shift, c, s, rounds=6, variant=variant)
    assert np.allclose(b.positions, a.positions * scale + shift, atol=1e-6 * scale)


@SETTINGS
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(2, 9), variant=variants)
def test_batch_equals_one_draw_at_a_time(seed, n, variant):
    x, c, s = generic(seed, n, draws=5)
    batch = simulate(x, c, s, rounds=5, variant=variant)
    for d in range(5):
        one = simulate(x[d], c[d], s[d], rounds=5, variant=variant)
        assert np.allclose(one.positions[0], batch.positions[d], atol=1e-9)
        assert np.array_equal(one.quadrants[0], batch.quadrants[d])
