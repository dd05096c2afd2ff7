"""ETH/PRIO Civil Conflict Ceasefire data (1989–2020) at the boundary: one row per ceasefire.

The reader turns ``ethprio_cf_ceasefire_level.csv`` (our collapse of the actor-level
October-2022 release; see ``shared/refdata/ceasefires/README.md``) into a tidy frame
whose columns use jirga's vocabulary, so the duration model never sees ETH/PRIO codes
or reads a file. Every problem is reported with the file, row, field and fix.

**Endings as data.** ETH/PRIO's ``ended`` code becomes jirga's ``end_type``
(:data:`ENDED_CODES`). The labels are inferred from the data (the official codebook
was not available; README §``ended``): 0 still in force, 1 expired as scheduled
(99% fixed-term), 2 broke down / terminated by a party, 3 never took effect,
4 superseded by an extension or a new ceasefire, -1 unknown. ETH/PRIO has no code for
"converted into a settlement", so ``settlement`` never comes out of this reader; a case
may still state it (it is censoring, like ``ongoing``, for the duration model).

**Dates.** ``start`` is the effect date (``eff_*``), ``end`` the end date (``end_*``).
Unknown days and months are imputed to the middle of the interval the ceasefire can
occupy — the middle of the month, but never before the start — instead of the fixed
day 15 the derived file uses, which put 30 ends before their starts.
"""

from __future__ import annotations

import calendar
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from jirga.errors import InputError, Problem

#: ETH/PRIO ``ended`` code -> jirga end type (labels inferred from the data; see module doc)
ENDED_CODES: dict[int, str] = {
    0: "ongoing",
    1: "expired",
    2: "broken",
    3: "never_in_effect",
    4: "replaced",
    -1: "unknown",
}
#: every end type jirga knows; ``settlement`` comes from cases only (ETH/PRIO has no code)
END_TYPES: tuple[str, ...] = ("broken", "expired", "replaced", "settlement", "ongoing", "unknown")
SIDES: dict[int, str] = {1: "unilateral", 2: "bilateral", 3: "multilateral"}
#: ETH/PRIO region code -> name (checked against country names in the actor-level file)
REGIONS: dict[int, str] = {1: "europe", 2: "middle_east", 3: "asia", 4: "africa", 5: "americas"}
#: the last day the data can see: "still in force" means in force on this day
COVERAGE_END = pd.Timestamp("2020-12-31")

REQUIRED = ("cc", "cf_id", "location", "eff_yr", "eff_m", "eff_d", "end_yr", "end_m", "end_d",
            "ended", "ceasefire_class", "written", "mediator_nego", "fixed", "fixed_time", "side",
            "p_peaceprocess", "p_humanitarian", "p_holiday", "implement", "enforcement", "ddr",
            "ucdp_acd_id")
_ALLOWED = {
    "ended": set(ENDED_CODES), "side": set(SIDES), "ceasefire_class": {1, 2, 3},
    "written": {-1, 0, 1, 2}, "mediator_nego": {-1, 0, 1}, "fixed": {-1, 0, 1},
    "implement": {-1, 0, 1}, "enforcement": {-1, 0, 1, 2, 3}, "ddr": {-1, 0, 1},
    "p_peaceprocess": {0, 1}, "p_humanitarian": {0, 1}, "p_holiday": {0, 1},
}
_FIX_PATH = ("pass --data with the path of ethprio_cf_ceasefire_level.csv "
             "(it lives in shared/refdata/ceasefires/ beside the checkout)")


def end_type_from_code(code: int) -> str:
    """jirga end type for an ETH/PRIO ``ended`` code; ``ValueError`` for a code it does not know."""
    try:
        return ENDED_CODES[int(code)]
    except (KeyError, ValueError, TypeError):
        raise ValueError(f"unknown ETH/PRIO ended code {code!r}; known: {sorted(ENDED_CODES)}") from None


def region_from_cc(cc: int) -> str:
    """Region of a Gleditsch–Ward/COW country code, as ETH/PRIO codes it (Egypt, 651, is Africa)."""
    cc = int(cc)
    if cc == 651:
        return "africa"
    if cc < 200:
        return "americas"
    if cc < 400:
        return "europe"
    if cc < 627:
        return "africa"
    if cc < 700:
        return "middle_east"
    return "asia"


def _impute(year: int, month: int, day: int, not_before: date | None = None) -> date | None:
    """A date from ETH/PRIO parts (-1 unknown, 0 none): the middle of what is still possible."""
    if year <= 0:
        return None
    if month <= 0:
        lo, hi = date(year, 1, 1), date(year, 12, 31)
    elif day <= 0:
        lo, hi = date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    else:
        last = calendar.monthrange(year, month)[1]
        return date(year, month, min(day, last))
    if not_before is not None and lo <= not_before <= hi:
        lo = not_before
    return lo + (hi - lo) / 2


def _fixed_days(value: object) -> float:
    """Intended duration in days; NaN when it is not a positive number (the file has free text)."""
    try:
        days = float(str(value).strip())
    except ValueError:
        return float("nan")
    return days if days > 0 else float("nan")


def _flag(series: pd.Series) -> pd.Series:
    """1/0 for yes/no; NaN for ETH/PRIO's -1 'unclear'."""
    return series.where(series >= 0).astype(float).clip(upper=1)


def parse_ethprio(raw: pd.DataFrame, source: str = "<frame>") -> pd.DataFrame:
    """Validate a ceasefire-level ETH/PRIO table and return it in jirga's vocabulary.

    Columns out: ``key`` (``cc*1000+cf_id``), ``cc``, ``cf_id``, ``location``,
    ``region``, ``conflict`` (``ucdp:<id>``, or ``cc:<cc>`` when the UCDP id is
    missing — the unit for grouped cross-validation), ``start``/``end`` (Timestamps,
    NaT unknown), ``ended_code``, ``end_type``, ``side``, ``written``, ``mediated``,
    ``fixed_term``, ``fixed_term_days``, ``p_humanitarian``, ``p_peace_process``,
    ``p_holiday``, ``implementation``, ``enforcement``, ``ddr``, ``ceasefire_class``,
    ``valid_dates`` (False when the end falls more than a day before the start: a coding
    error; 5 rows in the 2022 release).
    Binary columns are 1/0 with NaN for ETH/PRIO's "unclear".
    """
    problems: list[Problem] = []
    missing = [c for c in REQUIRED if c not in raw.columns]
    if missing:
        raise InputError([Problem(source, None, ", ".join(missing), "required column(s) missing",
                                  fix="use the ceasefire-level file ethprio_cf_ceasefire_level.csv",
                                  kind="row")])
    for col, allowed in _ALLOWED.items():
        values = pd.to_numeric(raw[col], errors="coerce")
        bad = ~values.isin(list(allowed))
        for idx in np.flatnonzero(bad.to_numpy())[:5]:
            problems.append(Problem(source, int(idx) + 2, col,
                                    f"value {raw[col].iloc[idx]!r} is not a known code",
                                    fix=f"use one of {sorted(allowed)}", kind="row"))
    if problems:
        raise InputError(problems)

    df = raw.reset_index(drop=True)
    ints = {c: pd.to_numeric(df[c], errors="coerce").fillna(-1).astype(int)
            for c in ("eff_yr", "eff_m", "eff_d", "end_yr", "end_m", "end_d")}
    starts = [_impute(y, m, d) for y, m, d in zip(ints["eff_yr"], ints["eff_m"], ints["eff_d"], strict=True)]
    ends = [_impute(y, m, d, s) for y, m, d, s in
            zip(ints["end_yr"], ints["end_m"], ints["end_d"], starts, strict=True)]
    out = pd.DataFrame({
        "key": df["cc"].astype(int) * 1000 + df["cf_id"].astype(int),
        "cc": df["cc"].astype(int),
        "cf_id": df["cf_id"].astype(int),
        "location": df["location"].astype(str),
    })
    out["region"] = [region_from_cc(c) for c in out["cc"]]
    acd = pd.to_numeric(df["ucdp_acd_id"], errors="coerce").fillna(-1).astype(int)
    out["conflict"] = np.where(acd > 0, "ucdp:" + acd.astype(str), "cc:" + out["cc"].astype(str))
    out["start"] = pd.to_datetime(pd.Series(starts, dtype=object))
    out["end"] = pd.to_datetime(pd.Series(ends, dtype=object))
    out["ended_code"] = df["ended"].astype(int)
    out["end_type"] = out["ended_code"].map(ENDED_CODES)
    out["side"] = df["side"].astype(int).map(SIDES)
    out["written"] = _flag(df["written"])
    out["mediated"] = _flag(df["mediator_nego"])
    out["fixed_term"] = _flag(df["fixed"])
    out["fixed_term_days"] = [_fixed_days(v) if f == 1 else float("nan")
                              for v, f in zip(df["fixed_time"], df["fixed"], strict=True)]
    out["p_humanitarian"] = _flag(df["p_humanitarian"])
    out["p_peace_process"] = _flag(df["p_peaceprocess"])
    out["p_holiday"] = _flag(df["p_holiday"])
    out["implementation"] = _flag(df["implement"])
    enf = df["enforcement"].astype(int)
    out["enforcement"] = np.where(enf.isin([1, 2]), 1.0, np.where(enf == 0, 0.0, np.nan))
    out["ddr"] = _flag(df["ddr"])
    out["ceasefire_class"] = df["ceasefire_class"].astype(int)
    # an end one day before the start is the declaration/effect-date offset: it ended at once
    early = out["end"] < out["start"] - pd.Timedelta(days=1)
    out["valid_dates"] = ~(out["end"].notna() & out["start"].notna() & early)
    return out


def read_ethprio(path: str | Path) -> pd.DataFrame:
    """Read ``ethprio_cf_ceasefire_level.csv`` (UTF-8 with BOM) and :func:`parse_ethprio` it."""
    path = Path(path)
    if not path.is_file():
        raise InputError([Problem(str(path), None, "", "ETH/PRIO ceasefire file not found", fix=_FIX_PATH)])
    try:
        raw = pd.read_csv(path, encoding="utf-8-sig", low_memory=False)
    except (UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise InputError([Problem(str(path), None, "", f"not a readable CSV file ({exc})",
                                  fix=_FIX_PATH)]) from None
    return parse_ethprio(raw, str(path))


__all__ = ["COVERAGE_END", "ENDED_CODES", "END_TYPES", "REGIONS", "SIDES", "end_type_from_code",
           "parse_ethprio", "read_ethprio", "region_from_cc"]
