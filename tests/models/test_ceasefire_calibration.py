"""Ceasefire calibration, back-test, counterfactuals, scenarios, reference classes, CLI."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from jirga.models.ceasefire.engine import run_ceasefire
from jirga.models.ceasefire.backtest import backtest, forecast_dates
from jirga.models.ceasefire.calibration import calibrate
from jirga.models.ceasefire.counterfactuals import COUNTERFACTUALS, run_counterfactuals, sweep
from jirga.models.ceasefire.params import CALIBRATED, inputs_from_case
from jirga.models.ceasefire.refclass import (
    build_km_table,
    km_conditional_break,
    km_survival,
    load_km_table,
)
from jirga.models.ceasefire.scenarios import SCENARIOS, scenarios
from tests.models.conftest import MINI_CASE

SMALL = dict(n_theta=512, reps=16, rounds=2)


# ---- reference classes (ETH/PRIO) ---------------------------------------------------

def test_shipped_km_table_matches_shared_data(refdata):
    rebuilt = build_km_table(refdata / "ceasefires" / "ethprio_cf_ceasefire_level.csv")
    shipped = load_km_table()
    pd.testing.assert_frame_equal(rebuilt.reset_index(drop=True)[shipped.columns],
                                  shipped.reset_index(drop=True), check_dtype=False, atol=1e-4)


def test_km_reference_values_match_notes():
    # notes §1.3: all took-effect S(30)=0.89, S(90)=0.84, S(182)=0.77, S(365)=0.73
    np.testing.assert_allclose(km_survival("all", [30, 90, 182, 365]),
                               [0.89, 0.84, 0.77, 0.73], atol=0.01)
    s = km_survival("open_ended_bilateral_c1_mediated", [30, 90, 182])
    assert 0.65 < s[0] < 0.75 and 0.45 < s[2] < 0.55
    assert 0 <= km_conditional_break("all", 30, 90) <= 1


# ---- calibration -----------------------------------------------------------------------

def test_calibration_mini_case(mini_case):
    cal = calibrate(mini_case, **SMALL)
    s = cal.summary()
    assert list(s.parameter) == list(CALIBRATED)
    assert (s.low <= s.fitted).all() and (s.fitted <= s.high).all()
    assert cal.ess > 5
    assert any("ceasefire-2021-11" in e for e in cal.evidence)
    assert any("fighters" in e for e in cal.evidence)
    # the forecast truce's own end is never evidence
    assert not any(e.startswith("ceasefire-2022") for e in cal.evidence)


def test_calibration_skips_what_the_case_fixes():
    from jirga.case.io import parse_case

    text = MINI_CASE.read_text(encoding="utf-8").replace(
        "      fighters@2021-07-27", "      recruitment: 0.01\n      fighters@2021-07-27")
    cal = calibrate(parse_case(text, "fixed.yaml"), **SMALL)
    assert "recruitment" not in cal.names and "threshold" in cal.names
    res = run_ceasefire(parse_case(text, "fixed.yaml"), draws=200, calibration=cal,
                        calibrate=False)
    assert np.all(res.params["recruitment"] == 0.01)


def test_calibration_uses_only_what_was_known(mini_case):
    before = calibrate(mini_case, as_of=dt.date(2021, 11, 20), agreement_id="ceasefire-2021-11",
                       **SMALL)
    assert not any("ended after" in e for e in before.evidence)
    assert not any("2022" in e for e in before.evidence if "fighters" in e)
    inputs = inputs_from_case(mini_case, "ceasefire-2022", as_of=dt.date(2022, 9, 1))
    assert inputs.observed_end is None                   # not known before 28 Nov 2022
    later = inputs_from_case(mini_case, "ceasefire-2022", as_of=dt.date(2022, 12, 31))
    assert later.observed_end is not None and later.observed_breaker == "TTP"


def test_backtest_mini_case(mini_case):
    dates = forecast_dates(mini_case, step_days=42)
    bt = backtest(mini_case, dates=dates, draws=400, n_theta=256, reps=12)
    f = bt.frame
    assert len(f) >= 3 and f.p_model.between(0, 1).all()
    assert (f.calibration_as_of <= f.date).all()
    # forecasts made during the 2022 truce never saw its end
    during = f[f.agreement == "ceasefire-2022"]
    assert not during.evidence.str.contains("ceasefire-2022: ended").any()
    s = bt.scores()
    assert 0 <= s["brier_model"] <= 1 and 0 <= s["brier_reference_class"] <= 1
    assert "Brier" in bt.text()


# ---- counterfactuals and scenarios -----------------------------------------------------

@pytest.fixture(scope="module")
def baseline(mini_case):
    cal = calibrate(mini_case, **SMALL)
    return run_ceasefire(mini_case, draws=2000, seed=2, calibration=cal, calibrate=False)


def test_counterfactuals(mini_case, baseline):
    cf = run_counterfactuals(mini_case, baseline=baseline)
    f = cf.to_frame()
    assert set(f.counterfactual) == set(COUNTERFACTUALS)
    row = f[(f.counterfactual == "no_mediator") & (f.measure == "P(breakdown within 180 days)")]
    # the case's mediator restrains the group: without it, more breakdowns
    assert row.change.iloc[0] > 0
    more = f[(f.counterfactual == "more_leverage") & (f.measure == "P(breakdown within 180 days)")]
    assert more.change.iloc[0] <= 0
    ok = f.dropna(subset=["low", "high"])
    assert (ok.low <= ok.high).all()
    assert len(cf.headline()) == len(COUNTERFACTUALS)
    assert cf.plot() is not None


def test_sweep_over_the_mediators_pull(mini_case, baseline):
    f = sweep(mini_case, "pressure_weight", [0.0, 0.3], baseline=baseline)
    assert list(f.value) == [0.0, 0.3]
    assert f.p_break_180d.iloc[1] < f.p_break_180d.iloc[0]   # more pull, fewer breakdowns
    with pytest.raises(KeyError):
        sweep(mini_case, "nonsense", [1], baseline=baseline)


def test_scenarios_and_claim(baseline):
    sc = scenarios(baseline)
    f = sc.to_frame()
    assert list(f.scenario) == list(SCENARIOS)
    assert abs(f.probability.sum() - 1) < 1e-9
    claim = sc.claim_check()
    assert claim["draws_without_step_back"] > 0
    assert 0 <= claim["share_renewed_conflict"] <= 1
    assert "step back" in claim["text"]
    assert sc.plot() is not None


# ---- CLI -------------------------------------------------------------------------------

def test_cli_ceasefire_and_backtest(tmp_path, capsys):
    from jirga.cli import main

    case = str(MINI_CASE)
    out = tmp_path / "draws.csv"
    assert main(["ceasefire", case, "--draws", "400", "--no-calibrate", "--csv", str(out)]) == 0
    text = capsys.readouterr().out
    assert "Counterfactuals" in text and "Scenarios" in text and "step back" in text
    assert len(pd.read_csv(out)) == 400
    assert main(["backtest", case, "--draws", "200", "--step", "60"]) == 0
    assert "Brier" in capsys.readouterr().out
    assert main(["ceasefire", case, "--agreement", "nope", "--no-calibrate"]) == 2
    assert "ceasefire-2022" in capsys.readouterr().err


# ---- the built-in case -------------------------------------------------------------------

def test_builtin_case_calibration_and_backtest(builtin_case):
    cal = calibrate(builtin_case)  # the full default budget (its time: benchmarks/bench_ceasefire.py)
    assert cal.ess > 20
    res = run_ceasefire(builtin_case, draws=2000, seed=0, calibration=cal, calibrate=False)
    assert res.inputs.agreement_id == "ceasefire-2022"
    assert 0 < res.p_break_within(180)[0] < 1
    bt = backtest(builtin_case, draws=400, n_theta=512, reps=16)
    f = bt.frame
    assert len(f) >= 3 and np.isfinite(bt.scores()["brier_model"])
    # the 2022 truce's end (28 Nov 2022) never enters a forecast made before it
    before = f[f.date < dt.date(2022, 11, 28)]
    assert len(before) and not before.evidence.str.contains("ceasefire-2022: ended").any()
    assert before.evidence.str.contains("ceasefire-2021-11: ended").any()


def test_violent_events_known_by_the_forecast_date_enter_the_path(mini_case):
    text = MINI_CASE.read_text(encoding="utf-8") + '''events:
  - id: E1
    date: 2022-09-10
    source: TTP
    target: PAK_GOV
    cameo: "190"
    description: An attack during the truce.
'''
    from jirga.case.io import parse_case

    case = parse_case(text, "with-event.yaml")
    before = inputs_from_case(case, "ceasefire-2022", as_of=dt.date(2022, 9, 1))
    after = inputs_from_case(case, "ceasefire-2022", as_of=dt.date(2022, 9, 20))
    assert before.observed_attacks == [] and after.observed_attacks == [(dt.date(2022, 9, 10)
                                                                         - dt.date(2022, 5, 16)).days]
