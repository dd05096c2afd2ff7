"""The what-if engine's shortcuts give the models' own numbers, draw for draw."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from jirga.analysis.budget import get_budget
from jirga.vocab.estimates import Estimate


@pytest.fixture(scope="module")
def case():
    from jirga.analysis.load import load_case

    return load_case("pakistan-ttp-2022")


@pytest.fixture(scope="module")
def engine():
    from jirga.web.whatif import Engine

    e = Engine()
    yield e
    e.helper.close()


@pytest.mark.parametrize("issue", ["fata_status", "prisoner_release", "sharia"])
def test_partial_bargaining_rerun_equals_a_full_run(case, engine, issue):
    from jirga.models.bargaining import run_case_mc
    from jirga.web.edits import StanceEdit, apply_edits

    engine.bargaining(case, 100, 0, 10)  # the baseline's issues are in the memo
    edited = apply_edits(case, [StanceEdit(issue=issue, actor="TTP",
                                           position=Estimate(low=40, mode=60, high=80))])
    mine = engine.bargaining(edited, 100, 0, 10)
    full = run_case_mc(edited, draws=100, seed=0, rounds=10)
    assert list(mine.issues) == list(full.issues)
    for k in full.issues:
        np.testing.assert_array_equal(mine.issues[k].forecast, full.issues[k].forecast)
    pd.testing.assert_frame_equal(mine.to_frame(), full.to_frame())


def test_fast_intervals_and_counterfactual_table_match_the_model(case, engine):
    from jirga.models.ceasefire.counterfactuals import CounterfactualResult
    from jirga.web import fast

    run = engine.answer(case, get_budget("quick"), 0)
    res = run.ceasefire.value
    assert fast.median_duration(res) == res.median_duration()
    for h in (30, 90, 180):
        assert fast.p_break_within(res, h) == res.p_break_within(h)
    cf = run.counterfactuals.value
    slow = CounterfactualResult(cf.baseline, cf.runs, cf.labels, cf.n_boot)
    pd.testing.assert_frame_equal(cf.to_frame(), slow.to_frame())
    assert cf.headline() == slow.headline()


def test_same_case_budget_seed_same_numbers(case):
    from jirga.web.measures import measures
    from jirga.web.whatif import Engine

    a = measures(Engine().answer(case, get_budget("quick"), 3))
    b = measures(Engine().answer(case, get_budget("quick"), 3))
    assert [m.public() for m in a] == [m.public() for m in b]


def test_saving_an_unchanged_case_keeps_it_and_its_comments(case):
    from jirga.analysis.load import parse_case
    from jirga.case.io import builtin_path
    from jirga.web.validate import case_data
    from jirga.web.workspace import merge_yaml

    original = builtin_path("pakistan-ttp-2022").read_text(encoding="utf-8")
    text = merge_yaml(original, case_data(case))
    assert parse_case(text) == case
    kept = [line for line in original.splitlines() if line.strip().startswith("#")]
    assert all(line in text for line in kept)


def test_counterfactuals_split_with_the_helper_equal_the_model(case):
    from jirga.models.ceasefire.counterfactuals import run_counterfactuals
    from jirga.web.whatif import CHEAP_COUNTERFACTUALS, Engine

    engine = Engine(helper=True)
    try:
        run = engine.answer(case, get_budget("quick"), 0)
        res = run.ceasefire.value
        mine = run.counterfactuals.value
        model = run_counterfactuals(case, baseline=res, weeks=res.weeks,
                                    which=list(CHEAP_COUNTERFACTUALS),
                                    forecaster=engine.forecaster(get_budget("quick")))
        assert list(mine.runs) == list(model.runs) and mine.labels == model.labels
        for k in model.runs:
            np.testing.assert_array_equal(mine.runs[k].duration_days, model.runs[k].duration_days)
            np.testing.assert_array_equal(mine.runs[k].breaker, model.runs[k].breaker)
        from jirga.models.spatial.engine import run_spatial

        np.testing.assert_array_equal(run.spatial.value.positions, run_spatial(case, seed=0).positions)
    finally:
        engine.helper.close()
