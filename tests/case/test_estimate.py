"""Ranges and the vectorised sampler the Monte Carlo models rely on."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from jirga.vocab.estimates import Estimate, sample_estimates


def test_point_and_range_forms():
    assert Estimate.model_validate(7).is_point
    e = Estimate.model_validate({"low": 2, "high": 6})
    assert e.mode == 4 and not e.is_point
    assert Estimate.model_validate([1, 2, 3]).high == 3
    with pytest.raises(ValueError):
        Estimate.model_validate({"low": 5, "mode": 1, "high": 9})
    with pytest.raises(ValueError):
        Estimate.model_validate(True)


@pytest.mark.parametrize("kind", ["pert", "triangular"])
def test_sampler_moments(kind):
    rng = np.random.default_rng(1)
    lows, modes, highs = np.array([0.0, 10, 5]), np.array([2.0, 10, 9]), np.array([10.0, 10, 9])
    x = sample_estimates(lows, modes, highs, 200_000, rng, kind)
    assert x.shape == (200_000, 3)
    assert (x[:, 1] == 10).all()  # a point stays a point
    assert x[:, 0].min() >= 0 and x[:, 0].max() <= 10
    expected = (0 + 4 * 2 + 10) / 6 if kind == "pert" else (0 + 2 + 10) / 3
    assert abs(x[:, 0].mean() - expected) < 0.03
    expected_top = (5 + 4 * 9 + 9) / 6 if kind == "pert" else (5 + 9 + 9) / 3
    assert x[:, 2].max() <= 9 and abs(x[:, 2].mean() - expected_top) < 0.02  # mode at the edge


@given(st.floats(0, 50), st.floats(0, 1), st.floats(0, 50), st.integers(0, 2**32 - 1))
def test_samples_stay_in_range(low, frac, width, seed):
    high = low + width
    mode = low + frac * width
    x = sample_estimates(np.array([low]), np.array([mode]), np.array([high]), 100,
                         np.random.default_rng(seed))
    assert (x >= low - 1e-9).all() and (x <= high + 1e-9).all()
