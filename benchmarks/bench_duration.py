"""Figures behind docs/duration-model.md: the model choice on the dev set, and seed stability.

    PYTHONPATH=src python benchmarks/bench_duration.py [--data PATH]

1. **Model choice, dev set only.** The dev set is what was known on 2011-01-01 (the
   by-time split's training rows); grouped-by-conflict 5-fold CV repeated with three fold
   seeds. Candidates: the piecewise-exponential PH model at several ridge penalties,
   lifelines' Cox (Breslow baseline), Weibull AFT and log-logistic AFT on the same
   covariates, and Kaplan–Meier. The 2011–2020 ceasefires are never touched here.
2. **Stability.** The final evaluation (`jirga evaluate ceasefires`) with fold seeds 0–4.
"""

from __future__ import annotations

import argparse
import warnings
from pathlib import Path

import numpy as np

from jirga.case.formats.ethprio import read_ethprio
from jirga.models.duration.covariates import design_matrix, survival_data
from jirga.models.duration.evaluate import evaluate_duration_model, grouped_folds
from jirga.models.duration.metrics import calibration, concordance, integrated_brier, km_curve
from jirga.models.duration.model import DurationModel

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "refdata" / "ceasefires" / "ethprio_cf_ceasefire_level.csv"
DAYS = np.arange(0, 366)


def _lifelines(kind: str, Xtr, Ttr, Etr, Xte) -> np.ndarray:
    from lifelines import CoxPHFitter, LogLogisticAFTFitter, WeibullAFTFitter

    fitter = {"cox": lambda: CoxPHFitter(penalizer=0.1), "weibull": lambda: WeibullAFTFitter(penalizer=0.01),
              "loglogistic": lambda: LogLogisticAFTFitter(penalizer=0.01)}[kind]()
    mean = Xtr.mean()
    fitter.fit(Xtr.fillna(mean).assign(T=Ttr, E=Etr), "T", "E")
    return fitter.predict_survival_function(Xte.fillna(mean), times=DAYS).to_numpy().T


def dev_comparison(frame) -> None:
    data = survival_data(frame, as_of="2011-01-01")
    X = design_matrix(data).reset_index(drop=True)
    T, E, g = data["T"].to_numpy(), data["E"].to_numpy(), data["conflict"].to_numpy()
    print(f"dev set: {len(T)} ceasefires, {E.sum()} breakdowns, {len(np.unique(g))} conflicts")
    cands = {"kaplan-meier": None, **{f"pe-ph λ={lam}": lam for lam in (0.003, 0.03, 0.1, 0.3)},
             "cox λ=0.1": "cox", "weibull-aft λ=0.01": "weibull", "loglogistic-aft λ=0.01": "loglogistic"}
    print(f"{'model':24s} {'C':>6s} {'IBS':>7s} {'IBS/KM':>7s}  |expected-observed| at 30/90/180/365 d")
    km_ibs = None
    for name, kind in cands.items():
        c_all, ibs_all, cal_all = [], [], []
        for seed in (0, 1, 2):
            folds = grouped_folds(g, 5, seed)
            S_oof = np.zeros((len(T), len(DAYS)))
            cs, ibs = [], []
            for f in range(5):
                tr, te = folds != f, folds == f
                if kind is None:
                    S = np.tile(km_curve(T[tr], E[tr], DAYS), (int(te.sum()), 1))
                elif isinstance(kind, str):
                    S = _lifelines(kind, X[tr], T[tr], E[tr], X[te])
                else:
                    S = DurationModel.fit(X[tr], T[tr], E[tr], g[tr], penalizer=kind).survival(X[te], DAYS)
                S_oof[te] = S
                cs.append(concordance(T[te], E[te], 1 - S[:, -1]) if kind is not None else 0.5)
                ibs.append(integrated_brier(S, T[te], E[te], DAYS))
            c_all.append(np.mean(cs))
            ibs_all.append(np.mean(ibs))
            cal_all.append([abs(r["expected"] - r["observed"])
                            for r in calibration(S_oof, T, E, DAYS, (30, 90, 180, 365))])
        ibs_mean = float(np.mean(ibs_all))
        km_ibs = ibs_mean if kind is None else km_ibs
        cal = np.mean(cal_all, axis=0)
        print(f"{name:24s} {np.mean(c_all):6.3f} {ibs_mean:7.4f} {ibs_mean / km_ibs:7.3f}  "
              + " ".join(f"{x:.3f}" for x in cal))


def seed_stability(frame) -> None:
    print("\nfinal evaluation, fold seeds 0–4 (grouped CV): C-index, IBS ratio, max |cal| at 90/180 d")
    for seed in range(5):
        s = evaluate_duration_model(frame, seed=seed).split("grouped_cv")
        print(f"  seed {seed}: C {s.c_index:.3f}  IBS ratio {s.ibs_ratio:.3f}  "
              f"cal {s.max_calibration_error((90, 180)):.3f}  penalties {s.penalizers}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()
    warnings.filterwarnings("ignore")
    frame = read_ethprio(args.data)
    dev_comparison(frame)
    seed_stability(frame)


if __name__ == "__main__":
    main()
