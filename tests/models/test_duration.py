"""The cross-national duration model out of sample, on the real ETH/PRIO data (issue 10's targets).

Grouped-by-conflict 5-fold CV and the by-time split (fit on what was known on 2011-01-01,
test on 2011–2020), each against Kaplan–Meier on the same training rows. The thresholds
asserted for the grouped split are the issue's; for the by-time split, the same ones (it
meets them too), so a change that wins on one design by losing the other is caught.
"""

from __future__ import annotations

import json
from importlib import resources

import numpy as np
import pytest

from jirga.case.formats.ethprio import read_ethprio
from jirga.models.duration import evaluate_duration_model, fit_duration_model, load_default_model
from tests.conftest import REFDATA

CSV = REFDATA / "ceasefires" / "ethprio_cf_ceasefire_level.csv"


@pytest.fixture(scope="module")
def frame():
    return read_ethprio(CSV)


@pytest.fixture(scope="module")
def evaluation(frame):
    return evaluate_duration_model(frame)


@pytest.mark.parametrize("split", ["grouped_cv", "by_time"])
def test_targets(evaluation, split):
    s = evaluation.split(split)
    assert s.c_index >= 0.75, s.c_index
    assert s.ibs_ratio <= 0.85, (s.ibs_model, s.ibs_km)
    assert s.max_calibration_error((90, 180)) <= 0.05, s.calibration
    assert all(evaluation.checks(split).values())


def test_model_beats_km_and_is_calibrated_at_every_horizon(evaluation):
    s = evaluation.split("grouped_cv")
    assert s.ibs_model < s.ibs_km
    assert max(abs(r["expected"] - r["observed"]) for r in s.calibration) <= 0.05
    assert s.events_test == 175 and s.n_test == 1130


def test_by_time_split_sees_only_what_was_known(evaluation):
    s = evaluation.split("by_time")
    assert s.n_train == 789 and s.events_train == 124  # as-of 2011-01-01: later endings censored
    assert s.n_test == 341 and s.events_test == 49


def test_evaluation_is_deterministic(frame, evaluation):
    again = evaluate_duration_model(frame)
    assert json.dumps(again.to_dict()) == json.dumps(evaluation.to_dict())
    table = evaluation.to_frame()
    assert set(table["split"]) == {"grouped_cv", "by_time"}
    assert "C-index" in evaluation.text()


def test_shipped_model_is_the_fit_of_the_reference_data(frame):
    """The package data must be rebuilt (scripts/fit_duration_model.py) when the fit changes."""
    shipped = load_default_model()
    refit = fit_duration_model(frame)
    np.testing.assert_allclose(shipped.beta, refit.beta, atol=1e-8)
    np.testing.assert_allclose(shipped.alpha, refit.alpha, atol=1e-8)
    assert shipped.penalizer == refit.penalizer
    payload = json.loads(resources.files("jirga.models.duration").joinpath(
        "data", "duration_model.json").read_text(encoding="utf-8"))
    assert "ETH/PRIO" in payload["source"] and len(payload["input"]["sha256"]) == 64
    assert payload["evaluation"]["splits"]["grouped_cv"]["checks"]["c_index >= 0.75"]


def test_shipped_as_of_fits_know_only_their_past(frame):
    from jirga.models.duration import load_model_as_of

    m2016 = load_model_as_of("2016-08-29")  # e.g. Colombia's bilateral ceasefire of 29 Aug 2016
    assert m2016.info["as_of"] == "2016-01-01"
    assert m2016.info["n"] < load_default_model().info["n"]
    m2011 = load_model_as_of("2011-01-01")
    refit = fit_duration_model(frame, as_of="2011-01-01")
    assert m2011.info["n"] == refit.info["n"] == 789
    np.testing.assert_allclose(m2011.beta, refit.beta, rtol=1e-4, atol=1e-6)
    assert load_model_as_of("2022-05-01") is load_default_model()
    with pytest.raises(ValueError, match="no duration model is shipped as of 1995"):
        load_model_as_of("1995-06-01")
