"""The ceasefire model on cases it was not built on: one test per cause found in issue 10.

Uses the built-in Pakistan–TTP case and the Colombia–FARC 2012–2016 case (truces that
expired, broke, were replaced and ended in a settlement)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from jirga.analysis.anchors import cross_national_anchor
from jirga.analysis.load import load_case
from jirga.analysis.run import analyse
from jirga.case.schema import Agreement
from jirga.models.ceasefire.backtest import _conditional, window_outcome
from jirga.models.ceasefire.counterfactuals import run_counterfactuals
from jirga.models.ceasefire.declared import PARAMETERS
from jirga.models.ceasefire.params import inputs_from_case
from jirga.models.ceasefire.run import run_ceasefire
from tests.analysed import section


@pytest.fixture(scope="module")
def colombia():
    return load_case("colombia-farc-2012-2016")


@pytest.fixture(scope="module")
def colombia_analysis(colombia):
    return analyse(colombia, "quick", 0, models=("ceasefire",))


def test_defaults_are_case_neutral():
    """Defaults apply to every case, so none may rest on one case's sources."""
    case_words = re.compile(r"TTP|Pakistan|Dawn|PIPS|CPEC|UN MT|Monitoring Team|seed article")
    for name, p in PARAMETERS.items():
        assert not case_words.search(p.source + " " + p.meaning), name


def test_pakistan_values_live_in_the_built_in_case(builtin_case):
    ttp = builtin_case.actor("TTP")
    assert {"recruitment", "ceiling_ratio", "attrition"} <= set(ttp.parameters)
    inputs = inputs_from_case(builtin_case)
    assert "recruitment" not in inputs.defaults_used and inputs.ranges["recruitment"][1] == 0.015


def test_expiry_and_replacement_are_not_breakdowns(builtin_case, colombia):
    as_of = builtin_case.analysis.as_of.latest
    expired = inputs_from_case(builtin_case, "ceasefire-2021-11", as_of=as_of)
    assert expired.observed_end is None and expired.observed_censor == (30, 30)
    assert expired.observed_ending == "expired"
    replaced = inputs_from_case(colombia, "truce-2015", as_of=dt.date(2017, 1, 1))
    assert replaced.observed_end is None and replaced.observed_ending == "replaced"
    broken = inputs_from_case(colombia, "truce-2014", as_of=dt.date(2016, 1, 1))
    assert broken.observed_end == (153, 153) and broken.observed_breaker == "FARC"


@pytest.mark.parametrize("fields, problem", [
    ({"end": "2022-06-01", "end_type": "expired", "ended_by": "G"}, "only a broken agreement"),
    ({"end": "2022-06-01", "end_type": "ongoing"}, "'ongoing' but an end date"),
    ({"end_type": "replaced"}, "no end date"),
])
def test_end_types_are_checked(fields, problem):
    from pydantic import ValidationError

    with pytest.raises(ValidationError) as err:
        _agr(**fields)
    assert problem in str(err.value)


def test_an_end_without_a_type_or_breaker_is_unknown_not_broken():
    agr = Agreement.model_validate({"id": "a", "kind": "ceasefire", "parties": ["A", "B"],
                                    "start": "2020-01-01", "end": "2020-03-01"})
    assert agr.ending.value == "unknown"


def _agr(**kw) -> Agreement:
    base = {"id": "a", "kind": "ceasefire", "parties": ["S", "G"], "start": "2020-01-01"}
    return Agreement.model_validate({**base, **kw})


def test_window_scoring_rules():
    last = dt.date(2030, 1, 1)
    day = dt.date(2020, 3, 1)
    # broke inside the window: 1; after it: 0
    assert window_outcome(_agr(end="2020-04-01", end_type="broken"), day, 90, last)[1] == 1.0
    assert window_outcome(_agr(end="2020-08-01", end_type="broken"), day, 90, last)[1] == 0.0
    # an end known to the month that straddles the window's end: the share inside
    end, y, why = window_outcome(_agr(end="2020-05", end_type="broken"), day, 90, last)
    assert end == dt.date(2020, 5, 30) and 0.9 < y < 1 and "straddles" in why
    # replaced inside the window: censored, not scored
    assert window_outcome(_agr(end="2020-04-01", end_type="replaced"), day, 90, last)[1] is None
    # a fixed term cuts the window; lapsing at the term is 0, not a breakdown
    term = _agr(end="2020-01-31", end_type="expired", parameters={"fixed_term_days": 30})
    end, y, _ = window_outcome(term, dt.date(2020, 1, 8), 90, last)
    assert end == dt.date(2020, 1, 31) and y == 0.0
    # still holding when the case ends: the outcome is not known yet
    assert window_outcome(_agr(), day, 90, dt.date(2020, 4, 1))[1] is None


def test_backtest_forecasts_only_while_the_outcome_is_unknown(builtin_case, builtin_analysis):
    f = builtin_analysis.ceasefire.value.backtest.frame
    for r in f.itertuples():
        agr = next(a for a in builtin_case.agreements if a.id == r.agreement)
        assert r.date < agr.end.earliest  # no forecast once the end is known
        assert r.age_days == (r.date - agr.start.latest).days  # age as the model counts it
    expired = f[f.agreement == "ceasefire-2021-11"]
    assert len(expired) and (expired.outcome == 0).all()  # the lapse is never a breakdown
    assert (f.p_cross_national > 0).all()


def test_calibration_uses_no_future_country_record(builtin_analysis):
    cal = builtin_analysis.ceasefire.value.calibration
    assert not any("own ceasefires" in e for e in cal.evidence)
    assert any("duration model" in e for e in cal.evidence)


def test_the_anchor_sees_only_ceasefires_known_then(colombia):
    early, label = cross_national_anchor(colombia, "truce-2014", dt.date(2015, 6, 1))
    full, full_label = cross_national_anchor(colombia, "truce-2014", dt.date(2022, 1, 1))
    assert "2015-01-01" in label and "1989–2020" in full_label
    assert abs(early.survival.iloc[180] - full.survival.iloc[180]) > 1e-6


def test_the_cross_national_tail_is_never_flat_at_zero(builtin_case):
    curve, _ = cross_national_anchor(builtin_case, "ceasefire-2022", dt.date(2022, 5, 31))
    for age in (169, 190, 400):
        assert _conditional(curve, age, 90) > 0


def test_an_agreement_without_third_parties_is_unmediated(builtin_case):
    case = builtin_case.model_copy(deep=True)
    for agr in case.agreements:
        agr.mediators, agr.facilitators, agr.guarantors = [], [], []
    assert case.mediators  # the case still has a mediator …
    inputs = inputs_from_case(case)
    assert inputs.mediator is None and inputs.third_parties == []  # … but not for this truce
    res = run_ceasefire(case, draws=200, seed=0, calibrate=False)
    cf = run_counterfactuals(case, baseline=res)
    assert "no_mediator" not in cf.runs and "unbiased_mediator" not in cf.runs


def test_every_third_party_counts_and_is_removed_in_turn(colombia):
    inputs = inputs_from_case(colombia, "ceasefire-2016")
    assert inputs.third_parties == ["CUBA", "NORWAY", "VENEZUELA", "CHILE"]
    res = run_ceasefire(colombia, "ceasefire-2016", draws=200, seed=0, calibrate=False)
    cf = run_counterfactuals(colombia, baseline=res)
    assert {f"without:{t}" for t in inputs.third_parties} <= set(cf.runs)
    assert "CUBA, NORWAY, VENEZUELA, CHILE" in cf.labels["no_mediator"]


def test_a_fixed_term_censors_the_forecast_instead_of_lengthening_it(builtin_case):
    with_term = run_ceasefire(builtin_case, "ceasefire-2021-11", draws=600, seed=0,
                              calibrate=False)
    case = builtin_case.model_copy(deep=True)
    next(a for a in case.agreements if a.id == "ceasefire-2021-11").parameters.clear()
    open_ended = run_ceasefire(case, "ceasefire-2021-11", draws=600, seed=0, calibrate=False)
    assert with_term.p_expired() > 0 and open_ended.p_expired() == 0
    assert with_term.p_break_within(180)[0] <= open_ended.p_break_within(180)[0]


def test_claims_belong_to_cases(builtin_analysis, colombia_analysis):
    assert [c.id for c in builtin_analysis.ceasefire.value.claims] == ["seed-no-step-back"]
    assert colombia_analysis.ceasefire.value.claims == []
    html = section(colombia_analysis, "ceasefire").html
    assert "seed" not in html.lower() and "Claim checked" not in html


def test_colombia_truce_that_held_gets_a_sensible_forecast(colombia_analysis):
    cfa = colombia_analysis.ceasefire.value
    assert cfa.inputs.agreement_id == "ceasefire-2016"
    assert cfa.result.p_break_within(180)[0] < 0.25
    assert cfa.cross_national.p_breakdown(180)[0] < 0.2
    assert cfa.actual[3] == "settlement"
    growth = float(cfa.result.strength_end.mean() / cfa.result.strength_start.mean())
    assert growth < 1.25  # no projected surge for a group that was shrinking
    bt = cfa.backtest
    replaced = bt.frame[bt.frame.agreement == "truce-2015"]
    assert len(replaced) and not (replaced.outcome == 1).any()
    assert bt.scores()["brier_model"] < bt.scores()["brier_coin"]
