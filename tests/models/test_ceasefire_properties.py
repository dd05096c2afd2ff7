"""Property tests: for any admissible parameters the outputs are coherent."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jirga.models.ceasefire.engine import Talks, credibility, simulate
from jirga.models.ceasefire.params import inputs_from_case

DRAWS = 300


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(recruitment=st.floats(0, 0.05), threshold=st.floats(-0.5, 0.5),
       shock_rate=st.floats(0, 1), leverage=st.floats(0, 1), bias=st.floats(0, 1),
       gap=st.floats(0, 1), seed=st.integers(0, 10_000))
def test_outputs_coherent(mini_case, recruitment, threshold, shock_rate, leverage, bias, gap,
                          seed):
    inputs = inputs_from_case(mini_case)
    talks = Talks(np.full(DRAWS, gap), np.full(DRAWS, 1 - gap), {}, "test")
    res = simulate(inputs, talks, draws=DRAWS, seed=seed, weeks=30,
                   overrides={"recruitment": recruitment, "threshold": threshold,
                              "shock_rate": shock_rate, "leverage_group": leverage,
                              "bias": bias})
    s = res.survival([0, 30, 90, 180])
    assert s[0] == 1.0 and np.all(np.diff(s) <= 0)
    assert np.all((res.breaker > 0) == res.broke)
    assert np.all(res.strength_path > 0)
    assert np.all(res.strength_path <= res.strength_start * res.params["ceiling_ratio"] + 1e-3)
    assert np.all((res.power_path >= 0) & (res.power_path <= 1))


@given(bias=st.floats(0, 1))
def test_credibility_bounded_and_mirrored(bias):
    g, s = credibility(np.array([bias]))
    g2, s2 = credibility(np.array([1 - bias]))
    assert 0 <= g[0] <= 1 and 0 <= s[0] <= 1
    np.testing.assert_allclose([g[0], s[0]], [s2[0], g2[0]], atol=1e-12)
    assert g[0] * s[0] < 0.05        # never credible to both sides at once
