"""Reference classes from the ETH/PRIO Civil Conflict Ceasefire data (the model's prior).

Kaplan–Meier survival curves of ceasefires by reference class, fitted with
lifelines. The event is a breakdown (``ended == 2``); expiry, replacement and
"still in force" are censored (still-in-force at 2020-12-31); ceasefires with
no end date are dropped — the same rules as ``shared/research/notes.md`` §1.3.

jirga ships only the *derived* table (survival probabilities on a daily grid,
per class, with 95% intervals and the number at risk), not the data set:
``data/ethprio_km.csv``. Origin: Clayton, Nygård, Strand, Rustad, Wiehler,
Sagård, Landsverk, Ryland, Sticher, Wink & Bara (2022/23), "Introducing the
ETH/PRIO Civil Conflict Ceasefire Dataset", *JCR*, DOI 10.1177/00220027221129195
(October-2022 public release). :func:`build_km_table` rebuilds it from
``shared/refdata/ceasefires/ethprio_cf_ceasefire_level.csv``.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

#: class id -> (label, row filter on the ceasefire-level table)
REFERENCE_CLASSES: dict[str, str] = {
    "all": "all ceasefires that took effect",
    "open_ended": "open-ended (not fixed-term)",
    "open_ended_bilateral": "open-ended, bilateral/multilateral",
    "open_ended_bilateral_c1": "open-ended, bilateral/multilateral, cessation of hostilities",
    "open_ended_bilateral_c1_mediated":
        "open-ended, bilateral/multilateral, cessation of hostilities, mediated",
    "open_ended_bilateral_c1_unmediated":
        "open-ended, bilateral/multilateral, cessation of hostilities, not mediated",
    "class3": "definitive ceasefires (class 3)",
}
#: country classes ``country:<ETH/PRIO location>`` are added for every country with at
#: least this many ceasefires with known durations (a state's own record)
COUNTRY_MIN_N = 10

GRID_DAYS = np.arange(0, 731)
SOURCE = ("ETH/PRIO Civil Conflict Ceasefire dataset 1989–2020 (Clayton et al. 2022/23, JCR, "
          "DOI 10.1177/00220027221129195); Kaplan–Meier by jirga")


def _mask(df: pd.DataFrame, cls: str) -> pd.Series:
    open_ended = df["fixed"] == 0
    bilat = df["side"].isin([2, 3])
    c1 = df["ceasefire_class"] == 1
    med = df["mediator_nego"] == 1
    masks = {
        "all": pd.Series(True, index=df.index),
        "open_ended": open_ended,
        "open_ended_bilateral": open_ended & bilat,
        "open_ended_bilateral_c1": open_ended & bilat & c1,
        "open_ended_bilateral_c1_mediated": open_ended & bilat & c1 & med,
        "open_ended_bilateral_c1_unmediated": open_ended & bilat & c1 & (df["mediator_nego"] == 0),
        "class3": df["ceasefire_class"] == 3,
    }
    if cls.startswith("country:"):
        return df["location"].astype(str) == cls.split(":", 1)[1]
    return masks[cls]


def durations_frame(csv_path: str | Path) -> pd.DataFrame:
    """Ceasefire-level rows that took effect, with ``duration`` (days) and ``broke`` (0/1)."""
    df = pd.read_csv(csv_path, encoding="utf-8-sig")
    df = df[(df["eff_yr"] > 0) & (df["ended"] != 3)].copy()
    start = pd.to_datetime(df["start"], errors="coerce")
    end = pd.to_datetime(df["end"], errors="coerce")
    still = df["ended"] == 0
    end = end.where(~still | end.notna(), pd.Timestamp("2020-12-31"))
    df["duration"] = (end - start).dt.days
    df["broke"] = (df["ended"] == 2).astype(int)
    df = df[df["duration"].notna() & (df["duration"] >= 0)]
    return df


def build_km_table(csv_path: str | Path) -> pd.DataFrame:
    """Fit one Kaplan–Meier curve per reference class; long table on a daily grid 0–730."""
    from lifelines import KaplanMeierFitter

    df = durations_frame(csv_path)
    rows = []
    counts = df["location"].astype(str).value_counts()
    countries = sorted(f"country:{c}" for c, n in counts.items() if n >= COUNTRY_MIN_N)
    for cls in [*REFERENCE_CLASSES, *countries]:
        sub = df[_mask(df, cls)]
        km = KaplanMeierFitter().fit(sub["duration"], sub["broke"], label=cls)
        s = km.survival_function_at_times(GRID_DAYS).to_numpy()
        ci = km.confidence_interval_survival_function_
        # step function: use the value in force at each day, not a linear interpolation
        idx = np.searchsorted(ci.index.to_numpy(dtype=float), GRID_DAYS, side="right") - 1
        idx = np.clip(idx, 0, len(ci) - 1)
        lo = ci.iloc[:, 0].to_numpy()[idx]
        hi = ci.iloc[:, 1].to_numpy()[idx]
        at_risk = np.array([(sub["duration"] >= d).sum() for d in GRID_DAYS])
        part = pd.DataFrame({
            "class": cls, "day": GRID_DAYS, "survival": np.round(s, 5),
            "lower": np.round(lo, 5), "upper": np.round(hi, 5), "at_risk": at_risk,
            "n": len(sub), "events": int(sub["broke"].sum()),
        })
        # keep only the days where the step function changes (and both ends of the grid)
        vals = part[["survival", "lower", "upper", "at_risk"]].to_numpy()
        keep = np.r_[True, np.any(vals[1:] != vals[:-1], axis=1)]
        keep[-1] = True
        rows.append(part[keep])
    return pd.concat(rows, ignore_index=True)


@lru_cache(maxsize=1)
def load_km_table() -> pd.DataFrame:
    """The shipped Kaplan–Meier table (``jirga/models/ceasefire/data/ethprio_km.csv``)."""
    path = resources.files("jirga.models.ceasefire").joinpath("data/ethprio_km.csv")
    with path.open("r", encoding="utf-8") as fh:
        return pd.read_csv(fh, comment="#")


def km_curve(cls: str) -> pd.DataFrame:
    """One class's curve on the daily grid 0–730: columns day, survival, lower, upper, at_risk."""
    table = load_km_table()
    steps = table[table["class"] == cls]
    if steps.empty:
        raise KeyError(f"unknown reference class {cls!r}; known: {', '.join(REFERENCE_CLASSES)} "
                       "and country:<name> for countries in the ETH/PRIO data")
    idx = np.searchsorted(steps["day"].to_numpy(), GRID_DAYS, side="right") - 1
    out = steps.iloc[idx].reset_index(drop=True)
    out["day"] = GRID_DAYS
    return out


def km_survival(cls: str, days: np.ndarray | list[float]) -> np.ndarray:
    """S(days) for a class (step function; days beyond 730 use the last value)."""
    cur = km_curve(cls)
    d = np.clip(np.asarray(days, dtype=float), 0, GRID_DAYS[-1]).astype(int)
    return cur["survival"].to_numpy()[d]


def km_conditional_break(cls: str, age_days: float, horizon_days: float = 90) -> float:
    """P(breakdown within ``horizon_days`` | survived ``age_days``) from the class's curve."""
    s0, s1 = km_survival(cls, [age_days, age_days + horizon_days])
    return float(1.0 - s1 / s0) if s0 > 0 else 1.0


def class_label(cls: str) -> str:
    """Readable name of a reference class."""
    if cls.startswith("country:"):
        return f"{cls.split(':', 1)[1]}'s own ceasefires (ETH/PRIO)"
    return REFERENCE_CLASSES[cls]


def country_class(names: list[str]) -> str | None:
    """The ``country:`` class whose country appears in one of ``names`` (a state's name, aliases)."""
    import re

    table = load_km_table()
    countries = [c.split(":", 1)[1] for c in table["class"].unique() if c.startswith("country:")]
    for name in names:
        for country in countries:
            core = country.split(" (")[0]
            if re.search(rf"\b{re.escape(core)}\b", name, flags=re.IGNORECASE):
                return f"country:{country}"
    return None


def choose_class(mediated: bool, bilateral: bool, open_ended: bool,
                 ceasefire_class: int = 1) -> str:
    """The most specific reference class that fits an agreement (see notes §1.3)."""
    if ceasefire_class == 3:
        return "class3"
    if not open_ended:
        return "all"
    if not bilateral:
        return "open_ended"
    if ceasefire_class == 1:
        return "open_ended_bilateral_c1_mediated" if mediated else \
            "open_ended_bilateral_c1_unmediated"
    return "open_ended_bilateral"
