"""Cross-national ceasefire-duration model fitted on ETH/PRIO 1989–2020 (see docs/duration-model.md).

Breakdown is the event; expiry, replacement, settlement and "still in force" censor it
(a cause-specific hazard). Pure numerics: data come in as frames from
``jirga.case.formats.ethprio``; the fitted model ships as package data.

* :func:`forecast_breakdown` — S(t) and P(breakdown by 30/90/180/365 d) for keyword covariates;
* :func:`fit_duration_model` — fit using only what was known on an as-of date;
  :func:`load_model_as_of` — the shipped fit as of each 1 January 2000–2020;
* :func:`evaluate_duration_model` — grouped-by-conflict CV and by-time split against Kaplan–Meier.
"""

from jirga.models.duration.covariates import COLUMNS, covariates, design_matrix, survival_data
from jirga.models.duration.evaluate import DurationEvaluation, evaluate_duration_model, fit_duration_model
from jirga.models.duration.forecast import (
    DurationForecast,
    forecast_breakdown,
    load_default_model,
    load_model_as_of,
)
from jirga.models.duration.model import DurationModel

__all__ = ["COLUMNS", "DurationEvaluation", "DurationForecast", "DurationModel", "covariates",
           "design_matrix", "evaluate_duration_model", "fit_duration_model", "forecast_breakdown",
           "load_default_model", "load_model_as_of", "survival_data"]
