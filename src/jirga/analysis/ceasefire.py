"""The ceasefire model's part of an analysis: calibration, forecast, counterfactuals,
the mediator's-pull sweep, scenarios, the claim sensitivity and the back-test.

One function per step, each taking the budget and the seed, so `jirga run`,
`jirga ceasefire`, `jirga backtest` and the workbench compute the same thing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from jirga.analysis.anchors import cross_national_anchor, cross_national_forecast
from jirga.analysis.budget import Budget
from jirga.analysis.claims import ClaimVerdict, check_claims
from jirga.case.schema import Case
from jirga.errors import InputError, Problem
from jirga.models.ceasefire.backtest import BacktestResult, backtest, forecast_dates
from jirga.models.ceasefire.calibration import Calibration, calibrate
from jirga.models.ceasefire.counterfactuals import CounterfactualResult, run_counterfactuals, sweep
from jirga.models.ceasefire.engine import Forecaster
from jirga.models.ceasefire.params import CeasefireInputs, inputs_from_case
from jirga.models.ceasefire.result import CeasefireResult
from jirga.models.ceasefire.run import run_ceasefire
from jirga.models.ceasefire.scenarios import ScenarioResult, scenarios
from jirga.models.duration import DurationForecast

#: values of the mediator's pull (pressure_weight) the sensitivity sweep runs over
PULL_VALUES = (0.0, 0.05, 0.1, 0.2, 0.3)
DEFAULT_WEEKS = 104
BACKTEST_HORIZON_DAYS = 90
BACKTEST_STEP_DAYS = 21


@dataclass
class CeasefireAnalysis:
    """Everything the ceasefire model says about one agreement of a case."""

    inputs: CeasefireInputs
    calibration: Calibration | None
    result: CeasefireResult
    counterfactuals: CounterfactualResult | None
    pull: pd.DataFrame | None          # sweep over PULL_VALUES (mediated truces only)
    scenarios: ScenarioResult
    steady: ScenarioResult             # scenarios if hope at the table did not fade
    backtest: BacktestResult | None
    cross_national: DurationForecast | None  # the ETH/PRIO duration model, as of the start
    #: how it really ended as of the case's as_of: (min, max) days, breaker, end type
    actual: tuple[int, int, str | None, str] | None
    weeks: int = DEFAULT_WEEKS
    claims: list[ClaimVerdict] = field(default_factory=list)  # the case's claims, checked

    @property
    def pull_values(self) -> tuple[float, ...]:
        return PULL_VALUES


def ceasefire_inputs(case: Case, agreement: str | None = None) -> CeasefireInputs:
    """The model's inputs, or an InputError saying why the model cannot run on this case."""
    inputs = inputs_from_case(case, agreement)
    if inputs.agreement_id is None:
        raise InputError([Problem(case.id, None, "agreements",
                                  "the case has no ceasefire agreement to forecast",
                                  "add an agreement with kind: ceasefire (see `jirga new`)")])
    return inputs


def run_backtest(case: Case, budget: Budget, seed: int, forecaster: Forecaster | None,
                 horizon_days: int = BACKTEST_HORIZON_DAYS,
                 step_days: int = BACKTEST_STEP_DAYS) -> BacktestResult:
    """The back-test at this budget (the same call for the report and `jirga backtest`)."""
    return backtest(case, dates=forecast_dates(case, step_days=step_days),
                    draws=budget.backtest_draws, seed=seed, horizon_days=horizon_days,
                    n_theta=budget.backtest_sets, reps=budget.backtest_reps,
                    forecaster=forecaster, anchor=cross_national_anchor)


def analyse_ceasefire(case: Case, budget: Budget, seed: int, forecaster: Forecaster | None,
                      agreement: str | None = None, weeks: int = DEFAULT_WEEKS,
                      counterfactuals: bool = True, calibrated: bool = True,
                      backtest: bool = True, backtest_handle: Any = None) -> CeasefireAnalysis:
    """Calibrate, forecast and explore one agreement; ``backtest_handle`` (if given) supplies
    the back-test computed elsewhere (a worker process), else it is computed here."""
    inputs = ceasefire_inputs(case, agreement)
    cal = None
    if calibrated:
        cal = calibrate(case, agreement_id=inputs.agreement_id, seed=seed,
                        n_theta=budget.calibration_sets, rounds=budget.calibration_rounds,
                        forecaster=forecaster, anchor=cross_national_anchor)
    res = run_ceasefire(case, inputs.agreement_id, draws=budget.draws, seed=seed, weeks=weeks,
                        calibration=cal, calibrate=False, forecaster=forecaster)
    cf = pull = None
    if counterfactuals:
        cf = run_counterfactuals(case, baseline=res, weeks=weeks, forecaster=forecaster)
        if inputs.mediator:
            pull = sweep(case, "pressure_weight", PULL_VALUES, baseline=res, weeks=weeks,
                         forecaster=forecaster)
    sc = scenarios(res)
    steady_res = run_ceasefire(case, inputs.agreement_id, draws=res.draws, seed=seed,
                               weeks=weeks, calibration=cal, calibrate=False,
                               overrides={"talks_decay": 0.0}, talks=res.talks,
                               forecaster=forecaster)
    bt = None
    if backtest_handle is not None:
        bt = backtest_handle.result()
    elif backtest:
        bt = run_backtest(case, budget, seed, forecaster)
    out = CeasefireAnalysis(inputs=inputs, calibration=cal, result=res, counterfactuals=cf,
                             pull=pull, scenarios=sc, steady=scenarios(steady_res),
                             backtest=bt, actual=_actual(case, inputs), weeks=weeks,
                             cross_national=cross_national_forecast(
                                 case, inputs.agreement_id, inputs.as_of, seed=seed))
    out.claims = check_claims(case.claims, out)
    return out


def _actual(case: Case, inputs: CeasefireInputs) -> tuple[int, int, str | None, str] | None:
    """How the truce really ended, as the case knew it by its ``analysis.as_of``:
    (min days, max days, who broke it, end type)."""
    as_of: dt.date | None = case.analysis.as_of.latest if case.analysis.as_of else None
    if as_of is None:
        return None
    known = inputs_from_case(case, inputs.agreement_id, as_of=as_of)
    span = known.observed_end or known.observed_censor
    if span is None:
        return None
    return (*span, known.observed_breaker, known.observed_ending or "unknown")
