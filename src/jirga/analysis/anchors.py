"""The cross-national forecast a case's ceasefire is anchored on and compared with.

The ETH/PRIO duration model (:mod:`jirga.models.duration`) gives, for an agreement's
covariates, the survival curve against breakdown. This module turns a case's agreement
into those covariates and hands the ceasefire model an
:data:`~jirga.models.ceasefire.engine.Anchor`, using the fit shipped as of the forecast
date — so a forecast as of 2021 never sees ceasefires that ended after 1 January 2021.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from jirga.case.schema import Agreement, Case
from jirga.models.duration import DurationForecast, forecast_breakdown, load_model_as_of


def agreement_covariates(case: Case, agreement: Agreement) -> dict[str, Any]:
    """The duration model's keywords for an agreement; what the case leaves out is unknown."""
    cov: dict[str, Any] = {
        "side": agreement.sides.value,
        "mediated": bool(agreement.third_parties),
        "written": agreement.written,
        "implementation": agreement.implementation,
        "enforcement": agreement.enforcement,
        "ddr": agreement.ddr,
        "purpose": [p.value for p in agreement.purpose] if agreement.purpose else None,
        "region": case.analysis.region.value if case.analysis.region else None,
    }
    term = agreement.fixed_term_days
    if term is not None:
        cov["fixed_term_days"] = term
    elif agreement.kind.lower() == "ceasefire":
        cov["open_ended"] = True
    if agreement.ceasefire_class is not None:
        cov["ceasefire_class"] = agreement.ceasefire_class
    elif "ceasefire_class" in agreement.parameters:
        cov["ceasefire_class"] = int(agreement.parameters["ceasefire_class"].mode)
    return cov


def cross_national_forecast(case: Case, agreement_id: str, as_of: dt.date,
                            age_days: float = 0.0, seed: int = 0) -> DurationForecast:
    """The duration model's forecast for the agreement, as known on ``as_of``."""
    agreement = next(a for a in case.agreements if a.id == agreement_id)
    return forecast_breakdown(load_model_as_of(pd.Timestamp(as_of)), age_days=age_days,
                              seed=seed, **agreement_covariates(case, agreement))


def cross_national_anchor(case: Case, agreement_id: str | None,
                          as_of: dt.date) -> tuple[pd.DataFrame, str]:
    """An :data:`~jirga.models.ceasefire.engine.Anchor` on the duration model (from day 0)."""
    if agreement_id is None:
        raise ValueError("the cross-national anchor needs an agreement")
    fc = cross_national_forecast(case, agreement_id, as_of)
    curve = fc.to_frame().set_index("day")
    when = fc.model_info.get("as_of")
    fit = f"fit on the ceasefires known on {when}" if when else "fit on ETH/PRIO 1989–2020"
    return curve, f"ETH/PRIO duration model for this agreement's terms ({fit})"
