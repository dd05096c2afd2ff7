"""Duration model internals: ending rules, the as-of rule, the fitter, the metrics, the forecast API."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from jirga.models.duration import (
    COLUMNS,
    DurationModel,
    covariates,
    design_matrix,
    forecast_breakdown,
    load_default_model,
    survival_data,
)
from jirga.models.duration.evaluate import grouped_folds
from jirga.models.duration.metrics import (
    calibration,
    concordance,
    expected_survival,
    integrated_brier,
    km_curve,
)


def _frame(rows: list[dict]) -> pd.DataFrame:
    base = dict(side="bilateral", written=0.0, mediated=1.0, fixed_term=0.0, fixed_term_days=np.nan,
                p_humanitarian=0.0, p_peace_process=1.0, p_holiday=0.0, implementation=0.0,
                enforcement=0.0, ddr=0.0, ceasefire_class=1, region="asia", conflict="ucdp:1",
                valid_dates=True)
    out = pd.DataFrame([{**base, **r} for r in rows])
    out["start"] = pd.to_datetime(out["start"])
    out["end"] = pd.to_datetime(out["end"])
    return out


ENDINGS = _frame([
    dict(start="2010-01-01", end="2010-01-11", end_type="broken"),
    dict(start="2010-01-01", end="2010-01-31", end_type="expired"),
    dict(start="2010-01-01", end="2010-03-01", end_type="replaced"),
    dict(start="2010-01-01", end="2010-02-01", end_type="settlement"),
    dict(start="2019-01-01", end=None, end_type="ongoing"),
    dict(start="2010-01-01", end="2010-02-01", end_type="unknown"),
    dict(start="2010-01-01", end=None, end_type="never_in_effect"),
    dict(start="2010-01-01", end=None, end_type="broken"),  # no end date: unusable
])


def test_only_breakdown_is_the_event():
    d = survival_data(ENDINGS)
    assert d["end_type"].tolist() == ["broken", "expired", "replaced", "settlement", "ongoing"]
    assert d["E"].tolist() == [1, 0, 0, 0, 0]
    assert d["T"].tolist()[:4] == [10.5, 30.5, 59.5, 31.5]
    assert d["T"].iloc[4] == (pd.Timestamp("2020-12-31") - pd.Timestamp("2019-01-01")).days + 0.5


def test_as_of_censors_what_was_not_yet_known():
    d = survival_data(ENDINGS, as_of="2010-01-06")
    # the breakdown on 11 Jan is not known on 6 Jan: censored at the as-of date
    assert d["E"].sum() == 0 and (d["T"] == 5.5).all() and len(d) == 4
    later = survival_data(ENDINGS, as_of="2010-02-15")
    assert later["E"].tolist() == [1, 0, 0, 0] and later["T"].iloc[2] == 45.5


def test_covariates_keywords_match_design_matrix():
    row = covariates(side="multilateral", mediated=False, written=True, fixed_term_days=30,
                     purpose=["holiday"], implementation=True, enforcement=False, ddr=True,
                     ceasefire_class=3, region="europe")
    assert list(row.columns) == list(COLUMNS)
    r = row.iloc[0]
    assert r["multilateral"] == 1 and r["bilateral"] == 0 and r["log_term"] == pytest.approx(np.log(30))
    assert r["p_holiday"] == 1 and r["p_peace_process"] == 0 and r["class3"] == 1 and r["region_europe"] == 1
    unknown = covariates()
    assert unknown.isna().all(axis=None)
    assert covariates(open_ended=True).iloc[0][["fixed_term", "log_term"]].tolist() == [0.0, 0.0]
    for bad in (dict(side="both"), dict(region="mars"), dict(fixed_term_days=0), dict(purpose=["x"]),
                dict(ceasefire_class=4), dict(mediated="yes"), dict(fixed_term_days=5, open_ended=True)):
        with pytest.raises(ValueError):
            covariates(**bad)


def _simulate(n: int, seed: int, dependent_censoring: bool = True, written_effect: float = -0.8):
    """Exponential breakdown with a known effect; censoring that depends on the covariate."""
    rng = np.random.default_rng(seed)
    X = pd.DataFrame(0.0, index=range(n), columns=list(COLUMNS))
    X["written"] = rng.integers(0, 2, n).astype(float)
    X["region_europe"] = rng.integers(0, 2, n).astype(float)
    rate = 0.01 * np.exp(written_effect * X["written"] + 0.9 * X["region_europe"])
    t_break = rng.exponential(1 / rate)
    c_rate = np.where(X["written"] == 1, 0.001, 0.05) if dependent_censoring else np.full(n, 0.01)
    t_cens = rng.exponential(1 / c_rate)
    T = np.minimum(t_break, t_cens) + 1e-3
    E = (t_break <= t_cens).astype(int)
    return X, T, E, rng.integers(0, 60, n)


def test_fitter_recovers_known_effects():
    X, T, E, g = _simulate(4000, 1)
    m = DurationModel.fit(X, T, E, g, penalizer=1e-4)
    s = m.summary()
    assert s.loc["written", "coef"] == pytest.approx(-0.8, abs=0.15)
    assert s.loc["region_europe", "coef"] == pytest.approx(0.9, abs=0.15)
    assert (s["hr_low"] <= s["hazard_ratio"]).all() and (s["hazard_ratio"] <= s["hr_high"]).all()
    again = DurationModel.from_dict(m.to_dict())
    np.testing.assert_allclose(again.survival(X[:5], np.arange(10)), m.survival(X[:5], np.arange(10)))


def test_expected_survival_matches_km_under_covariate_dependent_censoring():
    """Why calibration uses risk-set expectation: the plain mean of the true curves misses KM."""
    X, T, E, g = _simulate(6000, 2, written_effect=-2.0)
    m = DurationModel.fit(X, T, E, g, penalizer=1e-4)
    days = np.arange(0, 366)
    S = m.survival(X, days)
    cal = {r["horizon_days"]: r for r in calibration(S, T, E, days, (90, 180, 365))}
    for h in (90, 180, 365):
        assert abs(cal[h]["expected"] - cal[h]["observed"]) < 0.03
    assert abs(cal[365]["mean_predicted"] - cal[365]["observed"]) > 0.05
    np.testing.assert_allclose(expected_survival(np.tile(km_curve(T, E, days), (len(T), 1)), T, days),
                               km_curve(T, E, days), atol=1e-12)


def test_metrics_order_and_bounds():
    X, T, E, g = _simulate(1500, 3, dependent_censoring=False)
    m = DurationModel.fit(X, T, E, g, penalizer=1e-3)
    days = np.arange(0, 366)
    assert concordance(T, E, m.risk_score(X)) > 0.6
    assert concordance(T, E, -m.risk_score(X)) < 0.4
    ibs_model = integrated_brier(m.survival(X, days), T, E, days)
    ibs_km = integrated_brier(np.tile(km_curve(T, E, days), (len(T), 1)), T, E, days)
    assert 0 < ibs_model < ibs_km < 0.25


def test_grouped_folds_keep_groups_whole_and_balanced():
    g = np.repeat(np.arange(40), np.arange(1, 41))
    f = grouped_folds(g, 5, seed=0)
    assert all(len(set(f[g == k])) == 1 for k in range(40))
    sizes = np.bincount(f)
    assert sizes.max() - sizes.min() <= 40
    np.testing.assert_array_equal(f, grouped_folds(g, 5, seed=0))


def test_forecast_band_and_horizons():
    f = forecast_breakdown(side="bilateral", mediated=True, written=False, open_ended=True,
                           ceasefire_class=1, region="asia")
    assert np.all(np.diff(f.survival) <= 1e-12) and f.survival[0] == 1.0
    assert np.all(f.lower <= f.survival + 1e-12) and np.all(f.survival <= f.upper + 1e-12)
    rows = f.summary()
    assert rows["within_days"].tolist() == [30, 90, 180, 365]
    assert (rows["low"] <= rows["p_breakdown"]).all() and (rows["p_breakdown"] <= rows["high"]).all()
    # the piecewise hazard is never zero: every window has some risk (no flat KM tail)
    assert np.all(np.diff(f.survival)[1:] < 0)
    assert "P(breakdown within" in f.text() and f.to_dict()["p_breakdown"][0]["within_days"] == 30


def test_forecast_given_age_is_conditional():
    full = forecast_breakdown(side="unilateral", open_ended=True)
    later = forecast_breakdown(side="unilateral", open_ended=True, age_days=100)
    expected = full.survival[130] / full.survival[100]
    assert later.survival[30] == pytest.approx(expected, rel=1e-9)


def test_forecast_directions_follow_the_fit():
    m = load_default_model()
    s = m.summary()
    definitive = forecast_breakdown(ceasefire_class=3, written=True).p_breakdown(180)[0]
    bare = forecast_breakdown(ceasefire_class=1, written=False).p_breakdown(180)[0]
    assert s.loc["class3", "coef"] < 0 and definitive < bare
    assert forecast_breakdown().p_breakdown(90) == forecast_breakdown().p_breakdown(90)  # seeded


def test_design_matrix_unknowns_are_nan_and_imputed():
    frame = _frame([dict(start="2010-01-01", end="2010-01-11", end_type="broken", fixed_term=1.0,
                         fixed_term_days=np.nan, written=np.nan)])
    X = design_matrix(frame)
    assert np.isnan(X.loc[0, "log_term"]) and np.isnan(X.loc[0, "written"])
    m = load_default_model()
    filled = m.prepare(X)[0]
    cols = list(COLUMNS)
    assert filled[cols.index("log_term")] == pytest.approx(m.log_term_fixed)
    assert filled[cols.index("written")] == pytest.approx(m.impute["written"])
