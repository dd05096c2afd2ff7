"""Out-of-sample evaluation of the duration model: grouped by conflict, and by time.

Two designs, both against plain Kaplan–Meier fitted on the same training rows:

* **by conflict** — K-fold cross-validation whose folds hold whole conflicts (UCDP
  conflict id, or the country when it is missing), so no test ceasefire shares a war with
  a training one; folds are balanced by size with a seeded shuffle;
* **by time** — fit on what was known on ``split_date`` (ceasefires that started before
  it, those still running censored at it: the as-of rule), test on those that started
  from ``split_date`` to the end of the data.

The only tuned quantity, the ridge penalty, is chosen inside each training set by an
inner grouped cross-validation on the integrated Brier score (nested), never on the test
rows. Scores: Harrell's C-index, IPCW integrated Brier score over days 1–``ibs_horizon``
and calibration at each horizon — observed (test KM) vs the model's risk-set
expectation (:func:`~jirga.models.duration.metrics.expected_survival`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from jirga.models.duration.covariates import design_matrix, survival_data
from jirga.models.duration.metrics import calibration, concordance, integrated_brier, km_curve
from jirga.models.duration.model import DurationModel

PENALIZERS: tuple[float, ...] = (0.03, 0.1, 0.3)
HORIZONS: tuple[int, ...] = (30, 90, 180, 365)
#: the issue's targets (grouped CV): C ≥ 0.75, IBS ≤ 0.85 × KM, |calibration| ≤ 0.05 at 90 and 180 days
TARGETS = {"c_index_min": 0.75, "ibs_ratio_max": 0.85, "calibration_max": 0.05,
           "calibration_horizons": (90, 180)}


def grouped_folds(groups: np.ndarray, k: int = 5, seed: int = 0) -> np.ndarray:
    """Fold number per row; every group in one fold; folds balanced greedily by row count."""
    groups = np.asarray(groups)
    uniq, inv, counts = np.unique(groups, return_inverse=True, return_counts=True)
    if len(uniq) < k:
        raise ValueError(f"{len(uniq)} groups cannot fill {k} folds")
    order = np.random.default_rng(seed).permutation(len(uniq))
    order = order[np.argsort(-counts[order], kind="stable")]
    load = np.zeros(k)
    fold_of = np.empty(len(uniq), dtype=int)
    for g in order:
        f = int(np.argmin(load))
        fold_of[g] = f
        load[f] += counts[g]
    return fold_of[inv]


def select_penalizer(X: pd.DataFrame, T: np.ndarray, E: np.ndarray, groups: np.ndarray,
                     penalizers: tuple[float, ...] = PENALIZERS, k: int = 4, seed: int = 0,
                     ibs_horizon: int = 365) -> float:
    """The ridge penalty with the lowest inner grouped-CV integrated Brier score."""
    days = np.arange(0, ibs_horizon + 1)
    folds = grouped_folds(groups, k, seed)
    scores = []
    for lam in penalizers:
        s = []
        for f in range(k):
            tr, te = folds != f, folds == f
            m = DurationModel.fit(X[tr], T[tr], E[tr], groups[tr], penalizer=lam)
            s.append(integrated_brier(m.survival(X[te], days), T[te], E[te], days, ibs_horizon))
        scores.append(np.mean(s))
    return float(penalizers[int(np.argmin(scores))])


def fit_duration_model(frame: pd.DataFrame, as_of: str | pd.Timestamp | None = None,
                       penalizer: float | None = None, seed: int = 0) -> DurationModel:
    """Fit on a tidy ETH/PRIO frame using only what was known on ``as_of`` (None: everything).

    Ceasefires that started on or after ``as_of`` are left out and any still running
    then is censored at ``as_of``, so a forecast made "as of" a date never learns from
    outcomes that came later. ``penalizer=None`` chooses it by grouped CV on those rows.
    """
    data = survival_data(frame, as_of=as_of)
    X = design_matrix(data)
    T, E, groups = data["T"].to_numpy(), data["E"].to_numpy(), data["conflict"].to_numpy()
    if penalizer is None:
        penalizer = select_penalizer(X, T, E, groups, seed=seed)
    model = DurationModel.fit(X, T, E, groups, penalizer=penalizer)
    model.info.update({"as_of": None if as_of is None else str(pd.Timestamp(as_of).date())})
    return model


@dataclass
class SplitScores:
    """Scores of one evaluation design (model and Kaplan–Meier on the same rows)."""

    split: str
    description: str
    n_train: int
    events_train: int
    n_test: int
    events_test: int
    c_index: float
    c_index_folds: list[float]
    ibs_model: float
    ibs_km: float
    calibration: list[dict[str, float]]
    calibration_km: list[dict[str, float]]
    penalizers: list[float]
    calibration_groups: list[dict[str, float]] = field(default_factory=list)

    @property
    def ibs_ratio(self) -> float:
        return self.ibs_model / self.ibs_km

    def max_calibration_error(self, horizons: tuple[int, ...]) -> float:
        return max(abs(r["expected"] - r["observed"]) for r in self.calibration
                   if r["horizon_days"] in horizons)


def _risk_groups(S: np.ndarray, T: np.ndarray, E: np.ndarray, days: np.ndarray,
                 horizons: tuple[int, ...], n_groups: int = 3) -> list[dict[str, float]]:
    """Calibration within thirds of predicted risk: does the model separate as it claims?"""
    rows = []
    for h in horizons:
        i = int(np.searchsorted(days, h))
        risk = 1 - S[:, i]
        edges = np.quantile(risk, np.linspace(0, 1, n_groups + 1))
        which = np.clip(np.searchsorted(edges, risk, side="right") - 1, 0, n_groups - 1)
        for gi in range(n_groups):
            m = which == gi
            if m.sum() < 5:
                continue
            cal = calibration(S[m], T[m], E[m], days, (h,))[0]
            rows.append({"horizon_days": h, "group": gi + 1, "n": int(m.sum()),
                         "events": int(E[m].sum()), "observed": cal["observed"],
                         "expected": cal["expected"]})
    return rows


def _score(S: np.ndarray, K: np.ndarray, T: np.ndarray, E: np.ndarray, days: np.ndarray,
           horizons: tuple[int, ...]) -> tuple[list[dict[str, float]], list[dict[str, float]]]:
    return calibration(S, T, E, days, horizons), calibration(K, T, E, days, horizons)


def evaluate_grouped(frame: pd.DataFrame, k: int = 5, seed: int = 0, horizons: tuple[int, ...] = HORIZONS,
                     ibs_horizon: int = 365, penalizers: tuple[float, ...] = PENALIZERS,
                     group_by: str = "conflict") -> SplitScores:
    """Grouped K-fold CV; calibration on the pooled out-of-fold forecasts.

    ``group_by="conflict"`` (UCDP conflict, country when missing) is the issue's design;
    ``"country"`` is stricter — it also keeps apart a country's conflicts, and rows whose
    missing UCDP id might hide a conflict that is also in the training folds.
    """
    if group_by not in ("conflict", "country"):
        raise ValueError(f"group_by must be 'conflict' or 'country', not {group_by!r}")
    data = survival_data(frame)
    X = design_matrix(data)
    T, E = data["T"].to_numpy(), data["E"].to_numpy()
    groups = (data["conflict"] if group_by == "conflict" else "cc:" + data["cc"].astype(str)).to_numpy()
    days = np.arange(0, max(ibs_horizon, *horizons) + 1)
    folds = grouped_folds(groups, k, seed)
    S_all = np.zeros((len(T), len(days)))
    K_all = np.zeros_like(S_all)
    cs, ib_m, ib_k, lams = [], [], [], []
    for f in range(k):
        tr, te = folds != f, folds == f
        lam = select_penalizer(X[tr], T[tr], E[tr], groups[tr], penalizers, seed=seed,
                               ibs_horizon=ibs_horizon)
        m = DurationModel.fit(X[tr], T[tr], E[tr], groups[tr], penalizer=lam)
        S = m.survival(X[te], days)
        K = np.tile(km_curve(T[tr], E[tr], days), (int(te.sum()), 1))
        S_all[te], K_all[te] = S, K
        cs.append(concordance(T[te], E[te], m.risk_score(X[te])))
        ib_m.append(integrated_brier(S, T[te], E[te], days, ibs_horizon))
        ib_k.append(integrated_brier(K, T[te], E[te], days, ibs_horizon))
        lams.append(lam)
    cal, cal_km = _score(S_all, K_all, T, E, days, horizons)
    return SplitScores(
        split="grouped_cv",
        description=f"{k}-fold CV grouped by {group_by} ({len(np.unique(groups))} groups)",
        n_train=int(round(np.mean([np.sum(folds != f) for f in range(k)]))),
        events_train=int(round(np.mean([E[folds != f].sum() for f in range(k)]))),
        n_test=int(len(T)), events_test=int(E.sum()), c_index=float(np.mean(cs)), c_index_folds=cs,
        ibs_model=float(np.mean(ib_m)), ibs_km=float(np.mean(ib_k)), calibration=cal,
        calibration_km=cal_km, penalizers=lams,
        calibration_groups=_risk_groups(S_all, T, E, days, (90, 180)))


def evaluate_by_time(frame: pd.DataFrame, split_date: str = "2011-01-01", seed: int = 0,
                     horizons: tuple[int, ...] = HORIZONS, ibs_horizon: int = 365,
                     penalizers: tuple[float, ...] = PENALIZERS) -> SplitScores:
    """Fit on what was known on ``split_date``; test on ceasefires that started from then on."""
    train = survival_data(frame, as_of=split_date)
    test = survival_data(frame)
    test = test[test["start"] >= pd.Timestamp(split_date)]
    Xtr, Xte = design_matrix(train), design_matrix(test)
    Ttr, Etr, gtr = train["T"].to_numpy(), train["E"].to_numpy(), train["conflict"].to_numpy()
    Tte, Ete = test["T"].to_numpy(), test["E"].to_numpy()
    days = np.arange(0, max(ibs_horizon, *horizons) + 1)
    lam = select_penalizer(Xtr, Ttr, Etr, gtr, penalizers, seed=seed, ibs_horizon=ibs_horizon)
    m = DurationModel.fit(Xtr, Ttr, Etr, gtr, penalizer=lam)
    S = m.survival(Xte, days)
    K = np.tile(km_curve(Ttr, Etr, days), (len(Tte), 1))
    cal, cal_km = _score(S, K, Tte, Ete, days, horizons)
    c = concordance(Tte, Ete, m.risk_score(Xte))
    return SplitScores(
        split="by_time",
        description=f"fit on what was known on {split_date}, test on ceasefires from then on",
        n_train=int(len(Ttr)), events_train=int(Etr.sum()), n_test=int(len(Tte)), events_test=int(Ete.sum()),
        c_index=c, c_index_folds=[c], ibs_model=integrated_brier(S, Tte, Ete, days, ibs_horizon),
        ibs_km=integrated_brier(K, Tte, Ete, days, ibs_horizon), calibration=cal, calibration_km=cal_km,
        penalizers=[lam], calibration_groups=_risk_groups(S, Tte, Ete, days, (90, 180)))


@dataclass
class DurationEvaluation:
    """Both designs' scores, with the issue's targets checked on the grouped split."""

    splits: list[SplitScores]
    ibs_horizon: int
    horizons: tuple[int, ...]

    def split(self, name: str) -> SplitScores:
        return next(s for s in self.splits if s.split == name)

    def checks(self, split: str = "grouped_cv") -> dict[str, bool]:
        s = self.split(split)
        return {
            "c_index >= 0.75": s.c_index >= TARGETS["c_index_min"],
            "ibs <= 0.85 x KM": s.ibs_ratio <= TARGETS["ibs_ratio_max"],
            "calibration within 0.05 at 90/180 d":
                s.max_calibration_error(TARGETS["calibration_horizons"]) <= TARGETS["calibration_max"],
        }

    def to_frame(self) -> pd.DataFrame:
        """One row per split × metric, columns ``model`` and ``kaplan_meier``."""
        rows = []
        for s in self.splits:
            rows.append((s.split, "C-index", s.c_index, 0.5))
            rows.append((s.split, f"IBS 1-{self.ibs_horizon} d", s.ibs_model, s.ibs_km))
            for c, k in zip(s.calibration, s.calibration_km, strict=True):
                h = c["horizon_days"]
                rows.append((s.split, f"P(break by {h} d) observed", c["observed"], k["observed"]))
                rows.append((s.split, f"P(break by {h} d) forecast", c["expected"], k["expected"]))
        return pd.DataFrame(rows, columns=["split", "metric", "model", "kaplan_meier"])

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"ibs_horizon_days": self.ibs_horizon, "horizons_days": list(self.horizons),
                               "targets": {k: list(v) if isinstance(v, tuple) else v
                                           for k, v in TARGETS.items()}, "splits": {}}
        for s in self.splits:
            d = asdict(s)
            d["ibs_ratio"] = s.ibs_ratio
            d["checks"] = self.checks(s.split)
            out["splits"][s.split] = d
        return out

    def text(self) -> str:
        lines = []
        for s in self.splits:
            lines.append(f"{s.split}: {s.description}")
            lines.append(f"  train {s.n_train} ceasefires ({s.events_train} breakdowns); "
                         f"test {s.n_test} ({s.events_test}); penalty {s.penalizers}")
            lines.append(f"  C-index {s.c_index:.3f}; IBS {s.ibs_model:.4f} vs KM {s.ibs_km:.4f} "
                         f"(ratio {s.ibs_ratio:.3f})")
            for c, k in zip(s.calibration, s.calibration_km, strict=True):
                lines.append(f"  P(break by {c['horizon_days']:>3} d): observed {c['observed']:.3f}, "
                             f"model {c['expected']:.3f}, KM {k['expected']:.3f}")
            checks = ", ".join(f"{k}: {'yes' if v else 'NO'}" for k, v in self.checks(s.split).items())
            lines.append(f"  targets — {checks}")
        return "\n".join(lines)


def evaluate_duration_model(frame: pd.DataFrame, k: int = 5, seed: int = 0, split_date: str = "2011-01-01",
                            horizons: tuple[int, ...] = HORIZONS, ibs_horizon: int = 365,
                            penalizers: tuple[float, ...] = PENALIZERS,
                            group_by: str = "conflict") -> DurationEvaluation:
    """Both designs on a tidy ETH/PRIO frame (``jirga.case.formats.ethprio.read_ethprio``)."""
    return DurationEvaluation(
        splits=[evaluate_grouped(frame, k, seed, horizons, ibs_horizon, penalizers, group_by),
                evaluate_by_time(frame, split_date, seed, horizons, ibs_horizon, penalizers)],
        ibs_horizon=ibs_horizon, horizons=tuple(horizons))


__all__ = ["HORIZONS", "PENALIZERS", "TARGETS", "DurationEvaluation", "SplitScores", "evaluate_by_time",
           "evaluate_duration_model", "evaluate_grouped", "fit_duration_model", "grouped_folds",
           "select_penalizer"]
