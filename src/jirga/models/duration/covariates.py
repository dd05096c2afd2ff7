"""Covariates of the cross-national ceasefire-duration model, and the survival data it is fitted on.

Two entry points, one vocabulary:

* :func:`design_matrix` turns a tidy ceasefire frame (the ETH/PRIO reader's output,
  ``jirga.case.formats.ethprio.parse_ethprio``) into the model's columns;
* :func:`covariates` does the same for one agreement stated as plain keywords, so a
  case (or a user) can be forecast without knowing ETH/PRIO codes.

Unknown values stay NaN here; the fitted model fills them with the training shares
(:meth:`~jirga.models.duration.model.DurationModel.impute`), i.e. "as the average
ETH/PRIO ceasefire", which is the honest default when a case does not say.

:func:`survival_data` states the ending rules (breakdown is the event; expiry,
replacement, settlement and "still in force" are censoring; unknown endings are
left out) and the as-of rule that keeps later knowledge out of a fit.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

#: model columns, in order; Africa, unilateral and class 1 are the reference levels
COLUMNS: tuple[str, ...] = (
    "bilateral", "multilateral", "mediated", "written", "fixed_term", "log_term",
    "p_humanitarian", "p_peace_process", "p_holiday", "implementation", "enforcement", "ddr",
    "class2", "class3", "region_europe", "region_middle_east", "region_asia", "region_americas",
)
SIDES = ("unilateral", "bilateral", "multilateral")
REGIONS = ("africa", "americas", "asia", "europe", "middle_east")
PURPOSES = ("humanitarian", "peace_process", "holiday")
#: end types that are censoring for the breakdown hazard (cause-specific hazard)
CENSORING_ENDS = ("expired", "replaced", "settlement", "ongoing")


def _side_cols(side: pd.Series) -> dict[str, pd.Series]:
    known = side.isin(SIDES)
    return {"bilateral": (side == "bilateral").astype(float).where(known),
            "multilateral": (side == "multilateral").astype(float).where(known)}


def design_matrix(frame: pd.DataFrame) -> pd.DataFrame:
    """The model's columns (:data:`COLUMNS`) for a tidy ceasefire frame; NaN where unknown.

    ``log_term`` is ``log(fixed_term_days)`` for a fixed-term ceasefire and 0 for an
    open-ended one: the effect of a term is per log-day, so a 2-day holiday truce and a
    90-day one differ as much as 90 and 4,000 days would.
    """
    out = pd.DataFrame(index=frame.index)
    for name, col in _side_cols(frame["side"]).items():
        out[name] = col
    for name in ("mediated", "written", "fixed_term"):
        out[name] = frame[name].astype(float)
    days = frame["fixed_term_days"].astype(float)
    out["log_term"] = np.where(out["fixed_term"] == 0, 0.0,
                               np.where(days > 0, np.log(days.clip(lower=1.0)), np.nan))
    for name in ("p_humanitarian", "p_peace_process", "p_holiday", "implementation",
                 "enforcement", "ddr"):
        out[name] = frame[name].astype(float)
    cls = frame["ceasefire_class"]
    out["class2"] = (cls == 2).astype(float).where(cls.isin([1, 2, 3]))
    out["class3"] = (cls == 3).astype(float).where(cls.isin([1, 2, 3]))
    region = frame["region"]
    for name in REGIONS[1:]:
        out[f"region_{name}"] = (region == name).astype(float).where(region.isin(REGIONS))
    return out[list(COLUMNS)]


def _bool(name: str, value: bool | None) -> float:
    if value is None:
        return float("nan")
    if not isinstance(value, bool | int | np.bool_) or int(value) not in (0, 1):
        raise ValueError(f"{name} must be true, false or None (unknown), not {value!r}")
    return float(value)


def covariates(*, side: str | None = None, mediated: bool | None = None, written: bool | None = None,
               fixed_term_days: float | None = None, open_ended: bool | None = None,
               purpose: Iterable[str] | None = None, implementation: bool | None = None,
               enforcement: bool | None = None, ddr: bool | None = None,
               ceasefire_class: int | None = None, region: str | None = None) -> pd.DataFrame:
    """One agreement's covariates as a one-row frame of :data:`COLUMNS` (NaN = unknown).

    * ``side``: ``unilateral`` (one party declares), ``bilateral`` or ``multilateral``;
    * ``mediated``: a third party mediated, facilitated or guaranteed it;
    * ``written``: a written text exists (verbal otherwise);
    * ``fixed_term_days``: the stated term; ``open_ended=True`` for none, both ``None`` = unknown;
    * ``purpose``: any of ``humanitarian``, ``peace_process``, ``holiday`` (``[]`` = none);
    * ``implementation``: an implementation or monitoring mechanism was agreed;
    * ``enforcement``: external or international-organisation enforcement;
    * ``ddr``: disarmament, demobilisation and reintegration provisions;
    * ``ceasefire_class``: 1 cessation of hostilities, 2 with compliance mechanisms
      (preliminary), 3 definitive (Clayton & Sticher 2021);
    * ``region``: ``africa``, ``americas``, ``asia``, ``europe`` or ``middle_east``.
    """
    if side is not None and side not in SIDES:
        raise ValueError(f"side must be one of {SIDES} or None, not {side!r}")
    if region is not None and region not in REGIONS:
        raise ValueError(f"region must be one of {REGIONS} or None, not {region!r}")
    if ceasefire_class is not None and ceasefire_class not in (1, 2, 3):
        raise ValueError(f"ceasefire_class must be 1, 2, 3 or None, not {ceasefire_class!r}")
    if fixed_term_days is not None and not fixed_term_days > 0:
        raise ValueError(f"fixed_term_days must be a positive number of days, not {fixed_term_days!r}")
    if fixed_term_days is not None and open_ended:
        raise ValueError("give fixed_term_days or open_ended=True, not both")
    purposes = None if purpose is None else set(purpose)
    if purposes is not None and not purposes <= set(PURPOSES):
        raise ValueError(f"purpose may hold {PURPOSES}, not {sorted(purposes - set(PURPOSES))}")
    fixed = 1.0 if fixed_term_days is not None else (0.0 if open_ended else float("nan"))
    row = {
        "side": side if side is not None else "",
        "mediated": _bool("mediated", mediated), "written": _bool("written", written),
        "fixed_term": fixed,
        "fixed_term_days": float(fixed_term_days) if fixed_term_days is not None else float("nan"),
        "implementation": _bool("implementation", implementation),
        "enforcement": _bool("enforcement", enforcement), "ddr": _bool("ddr", ddr),
        "ceasefire_class": ceasefire_class if ceasefire_class is not None else -1,
        "region": region if region is not None else "",
    }
    for p in PURPOSES:
        row[f"p_{p}"] = float("nan") if purposes is None else float(p in purposes)
    return design_matrix(pd.DataFrame([row]))


def survival_data(frame: pd.DataFrame, as_of: str | pd.Timestamp | None = None,
                  coverage_end: str | pd.Timestamp = "2020-12-31") -> pd.DataFrame:
    """Rows usable for the breakdown hazard, with ``T`` (days in force) and ``E`` (1 = broke down).

    Rules (see docs/duration-model.md):

    * breakdown (``broken``) is the event, at its end date;
    * ``expired``, ``replaced``, ``settlement`` are censored at their end date, ``ongoing``
      at ``coverage_end`` — a cause-specific hazard: the other endings remove a ceasefire
      from risk, they are not failures;
    * ``unknown`` endings, ceasefires that never took effect, and rows without the dates
      their ending needs (or with an end before the start) are left out: the endpoint is
      missing, and we assume it is missing at random with respect to the breakdown hazard;
    * ``as_of``: only ceasefires that started before it; any that ended after it (or is
      still in force) is censored at ``as_of`` — the fit sees only what was known then.

    ``T`` is days from start to end plus half a day, so a truce that broke on the day it
    began has lasted half a day on average (and every duration is positive).
    """
    cov_end = pd.Timestamp(coverage_end)
    df = frame[frame["start"].notna() & frame["end_type"].isin(("broken", *CENSORING_ENDS))]
    if "valid_dates" in df:
        df = df[df["valid_dates"]]
    end = df["end"].where(~((df["end_type"] == "ongoing") & df["end"].isna()), cov_end)
    df = df[end.notna()].copy()
    end = end[end.notna()]
    event = (df["end_type"] == "broken").astype(int)
    if as_of is not None:
        cut = pd.Timestamp(as_of)
        keep = df["start"] < cut
        df, end, event = df[keep].copy(), end[keep], event[keep]
        after = end > cut
        end = end.where(~after, cut)
        event = event.where(~after, 0)
    days = (end - df["start"]).dt.days.clip(lower=0)
    df["T"] = days.astype(float) + 0.5
    df["E"] = event.astype(int)
    return df


__all__ = ["CENSORING_ENDS", "COLUMNS", "PURPOSES", "REGIONS", "SIDES", "covariates",
           "design_matrix", "survival_data"]
