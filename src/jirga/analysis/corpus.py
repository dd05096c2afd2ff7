"""The full per-agreement procedure on every ETH/PRIO ceasefire it applies to.

`jirga evaluate ceasefires` scores the cross-national duration model; this module scores
what a case gets: the structural ceasefire model, calibrated as of the truce's start
on only what was known then, anchored on the duration model fitted as of that date, and
its forecast of P(breakdown within 30/90/180/365 days). Each ceasefire becomes a minimal
synthetic case (:func:`ethprio_case`): the state and the non-state side, a third party
when ETH/PRIO says one mediated, one generic issue, the agreement with its ETH/PRIO
descriptors, and up to :data:`HISTORY` earlier truces of the same conflict that had ended
by then (calibration evidence, as a case's earlier truces are). The forecast truce's own
ending never enters its forecast: the model's as-of rules drop an end not known at the
start, and the ending is only read afterwards, to score.

It applies to ceasefires that started from 2000-01-01 (the earliest shipped as-of fit of
the duration model; before it there is no anchor that has not seen the outcome) and have
a scoreable ending (:func:`jirga.models.duration.survival_data`): 708 of 2,203.

One task per ceasefire, each with its own named seed (``child_seed(seed, "corpus",
key)``), run through :mod:`jirga.analysis.executors`; results are put back in the
corpus' order, so the numbers are the same on any executor and any number of workers.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from jirga.analysis.budget import Budget, get_budget
from jirga.analysis.executors import Executor, executor
from jirga.case.schema import Case
from jirga.models.seeds import child_seed

HORIZONS = (30, 90, 180, 365)
DAYS = np.arange(0, 366)
#: earliest start with an as-of fit of the duration model (no anchor that saw the future)
FIRST_START = pd.Timestamp("2000-01-01")
#: earlier truces of the same conflict given to the calibration (the most recent ones)
HISTORY = 3
#: an earlier truce longer than this is left out: the calibration would simulate it whole
HISTORY_MAX_DAYS = 730
WEEKS = 54  # a year and a week: the forecast reaches day 365


def eligible(frame: pd.DataFrame) -> pd.DataFrame:
    """The scoreable ceasefires the procedure applies to, in (start, key) order, with T and E."""
    from jirga.models.duration import survival_data

    data = survival_data(frame)
    data = data[data["start"] >= FIRST_START]
    return data.sort_values(["start", "key"], kind="stable")


def _flag(v: Any) -> bool | None:
    return None if pd.isna(v) else bool(v)


def _agreement(row: pd.Series, aid: str, with_end: bool) -> dict[str, Any]:
    """One ETH/PRIO row as a case agreement (descriptors and, if asked, its ending)."""
    agr: dict[str, Any] = {"id": aid, "kind": "ceasefire", "parties": ["STATE", "GROUP"],
                           "start": row["start"].date().isoformat(), "side": row["side"]}
    if row["mediated"] == 1:
        agr["mediators"] = ["THIRD"]
    for key, col in (("written", "written"), ("implementation", "implementation"),
                     ("enforcement", "enforcement"), ("ddr", "ddr")):
        v = _flag(row[col])
        if v is not None:
            agr[key] = v
    flags = {p: row[f"p_{c}"] for p, c in (("humanitarian", "humanitarian"),
                                          ("peace_process", "peace_process"),
                                          ("holiday", "holiday"))}
    if not any(pd.isna(v) for v in flags.values()):
        agr["purpose"] = [p for p, v in flags.items() if v == 1]
    agr["ceasefire_class"] = int(row["ceasefire_class"])
    if row["fixed_term"] == 1 and row["fixed_term_days"] > 0:
        agr["parameters"] = {"fixed_term_days": float(row["fixed_term_days"])}
    if with_end and row["end_type"] in ("broken", "expired", "replaced") and pd.notna(row["end"]):
        # ETH/PRIO dates an end up to a day before the start (declaration vs effect): at once
        agr["end"] = max(row["end"], row["start"]).date().isoformat()
        agr["end_type"] = row["end_type"]
    return agr


def ethprio_case(frame: pd.DataFrame, key: int, history: int = HISTORY) -> Case:
    """A minimal case for one ETH/PRIO ceasefire: what a case analyst would write from the row.

    Capabilities and positions are case-neutral ranges (ETH/PRIO records neither): the
    state holds more of the power that bears on the talks, each side wants the other's
    opposite on one generic issue, a mediator (when there was one) sits between them. The
    model's defaults then do the rest, as they would for a thin case.
    """
    rows = frame.set_index("key", drop=False)
    row = rows.loc[key]
    start = row["start"]
    same = frame[(frame["conflict"] == row["conflict"]) & (frame["key"] != key)
                 & (frame["start"] < start) & frame["end"].notna() & (frame["end"] < start)
                 & frame["end_type"].isin(("broken", "expired", "replaced"))
                 & ((frame["end"] - frame["start"]).dt.days <= HISTORY_MAX_DAYS)]
    if "valid_dates" in same:
        same = same[same["valid_dates"]]
    earlier = same.sort_values(["start", "key"], kind="stable").tail(history)
    actors = [
        {"id": "STATE", "name": f"Government ({row['location']})", "kind": "state",
         "role": "party", "capability": {"low": 45, "mode": 60, "high": 75}},
        {"id": "GROUP", "name": f"Non-state side ({row['location']})", "kind": "armed_group",
         "role": "party", "capability": {"low": 15, "mode": 30, "high": 45}},
    ]
    positions = {"STATE": {"position": 0, "salience": {"low": 0.5, "mode": 0.7, "high": 0.9}},
                 "GROUP": {"position": 100, "salience": {"low": 0.5, "mode": 0.7, "high": 0.9}}}
    if row["mediated"] == 1 or (earlier["mediated"] == 1).any():
        actors.append({"id": "THIRD", "name": "Third party", "kind": "international_actor",
                       "role": "mediator", "capability": {"low": 2, "mode": 5, "high": 10}})
        positions["THIRD"] = {"position": 50, "salience": 0.3}
    agreements = [_agreement(r, f"cf-{int(r['key'])}", True) for _, r in earlier.iterrows()]
    agreements.append(_agreement(row, f"cf-{int(key)}", False))
    return Case.model_validate({
        "id": f"ethprio-{int(key)}", "title": f"ETH/PRIO ceasefire {int(key)} ({row['location']})",
        "summary": "synthetic case built from the ETH/PRIO ceasefire rows",
        "analysis": {"principals": ["STATE", "GROUP"], "region": row["region"]},
        "sources": [], "actors": actors,
        "issues": [{"id": "settlement", "question": "terms of a settlement",
                    "scale": {"0": "the state's terms", "100": "the group's terms"},
                    "positions": positions}],
        "agreements": agreements,
    })


@dataclass(frozen=True)
class Task:
    """One ceasefire's forecast: its synthetic case and the sizes and seed to run it with."""

    key: int
    case: Case
    seed: int
    n_theta: int
    rounds: int
    reps: int
    draws: int


def forecast_task(task: Task) -> dict[str, Any]:
    """Calibrate as of the start, forecast a year: S(0..365) of the model and of the anchor.

    Runs on a worker: it needs only the task, and reads no file.
    """
    from jirga.analysis.anchors import cross_national_anchor, cross_national_forecast
    from jirga.models.ceasefire.calibration import calibrate
    from jirga.models.ceasefire.run import run_ceasefire

    t0 = time.perf_counter()
    aid = f"cf-{task.key}"
    start = next(a for a in task.case.agreements if a.id == aid).start.latest
    cal = calibrate(task.case, aid, as_of=start, n_theta=task.n_theta, reps=task.reps,
                    seed=task.seed, rounds=task.rounds, anchor=cross_national_anchor)
    res = run_ceasefire(task.case, aid, draws=task.draws, seed=task.seed, weeks=WEEKS,
                        as_of=start, calibration=cal, calibrate=False)
    xn = cross_national_forecast(task.case, aid, start)
    return {"key": task.key, "s_model": res.survival(DAYS),
            "s_anchor": np.interp(DAYS, xn.days, xn.survival),
            "ess": cal.ess, "evidence": len(cal.evidence),
            "seconds": time.perf_counter() - t0}


def tasks_for(frame: pd.DataFrame, budget: Budget, seed: int, limit: int | None = None,
              keys: list[int] | None = None) -> list[Task]:
    """The corpus' tasks in order; ``limit`` keeps the first N (spread over the years:
    every k-th eligible ceasefire), ``keys`` exactly those ceasefires."""
    data = eligible(frame)
    chosen = data["key"].astype(int).tolist()
    if keys is not None:
        chosen = [k for k in chosen if k in set(keys)]
    elif limit is not None and limit < len(chosen):
        step = len(chosen) / limit
        chosen = [chosen[int(i * step)] for i in range(limit)]
    return [Task(k, ethprio_case(frame, k), child_seed(seed, "corpus", k),
                 budget.backtest_sets, budget.calibration_rounds, budget.backtest_reps,
                 budget.backtest_draws) for k in chosen]


@dataclass
class CorpusEvaluation:
    """Per-ceasefire forecasts and their scores against the anchor and Kaplan–Meier."""

    forecasts: pd.DataFrame          # one row per ceasefire: key, start, T, E, P(break by h)…
    scores: dict[str, dict[str, Any]]  # forecaster -> IBS, C-index, calibration rows
    budget: str
    seed: int
    executor: str
    workers: int
    seconds: float
    task_seconds: float = 0.0
    eligible: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"budget": self.budget, "seed": self.seed, "executor": self.executor,
                "workers": self.workers, "seconds": self.seconds,
                "task_seconds": self.task_seconds, "eligible": self.eligible,
                "scored": len(self.forecasts), "scores": self.scores,
                "forecasts": self.forecasts.assign(start=self.forecasts["start"].astype(str))
                .to_dict(orient="records")}

    def text(self) -> str:
        n = len(self.forecasts)
        lines = [f"full procedure on {n} of {self.eligible} eligible ETH/PRIO ceasefires "
                 f"({int(self.forecasts['E'].sum())} breakdowns), budget {self.budget}, "
                 f"seed {self.seed}, executor {self.executor} ({self.workers} worker(s)): "
                 f"{self.seconds:.1f} s wall, {self.task_seconds:.1f} s in tasks"]
        for name, s in self.scores.items():
            cal = ", ".join(f"{c['horizon_days']} d {c['expected']:.3f} vs {c['observed']:.3f}"
                            for c in s["calibration"])
            lines.append(f"  {name}: IBS {s['ibs']:.4f} (ratio to KM {s['ibs_ratio']:.3f}), "
                         f"C-index {s['c_index']:.3f}; P(break) expected vs observed: {cal}")
        return "\n".join(lines)


def _km_as_of(frame: pd.DataFrame, starts: pd.Series) -> np.ndarray:
    """Kaplan–Meier of the ceasefires known at each start (the as-of rule): the baseline."""
    from jirga.models.duration import survival_data
    from jirga.models.duration.metrics import km_curve

    cache: dict[pd.Timestamp, np.ndarray] = {}
    out = []
    for s in starts:
        if s not in cache:
            d = survival_data(frame, as_of=s)
            cache[s] = km_curve(d["T"].to_numpy(), d["E"].to_numpy(), DAYS)
        out.append(cache[s])
    return np.array(out)


def score(S: np.ndarray, T: np.ndarray, E: np.ndarray, km: np.ndarray) -> dict[str, Any]:
    """The duration evaluation's metrics for one forecaster: IBS (and its ratio to KM's),
    Harrell's C on P(break by 180 d), calibration at each horizon (risk-set expectation)."""
    from jirga.models.duration.metrics import calibration, concordance, integrated_brier

    ibs = integrated_brier(S, T, E, DAYS, 365)
    ibs_km = integrated_brier(km, T, E, DAYS, 365)
    c = concordance(T, E, 1 - S[:, 180]) if E.sum() and len(set(S[:, 180])) > 1 else 0.5
    return {"ibs": ibs, "ibs_km": ibs_km, "ibs_ratio": ibs / ibs_km if ibs_km else float("nan"),
            "c_index": c, "calibration": calibration(S, T, E, DAYS, HORIZONS)}


def evaluate_corpus(frame: pd.DataFrame, budget: str | Budget = "quick", seed: int = 0,
                    executor_spec: str | Executor = "local", limit: int | None = None,
                    keys: list[int] | None = None, workers: int | None = None
                    ) -> CorpusEvaluation:
    """Forecast every eligible ceasefire (one task each) and score the forecasts."""
    b = get_budget(budget)
    t0 = time.perf_counter()
    tasks = tasks_for(frame, b, seed, limit, keys)
    with executor(executor_spec, workers) as ex:
        results = ex.map(forecast_task, tasks)
        name, n_workers = ex.name, ex.workers
    data = eligible(frame).set_index("key", drop=False)
    out = data.loc[[r["key"] for r in results], ["key", "location", "start", "end_type", "T", "E"]]
    out = out.reset_index(drop=True)
    S = np.array([r["s_model"] for r in results])
    A = np.array([r["s_anchor"] for r in results])
    K = _km_as_of(frame, out["start"])
    for h in HORIZONS:
        out[f"p_model_{h}d"] = 1 - S[:, h]
        out[f"p_anchor_{h}d"] = 1 - A[:, h]
        out[f"p_km_{h}d"] = 1 - K[:, h]
    out["ess"] = [r["ess"] for r in results]
    T, E = out["T"].to_numpy(), out["E"].to_numpy()
    scores = {"structural model": score(S, T, E, K), "cross-national anchor": score(A, T, E, K),
              "Kaplan–Meier as of the start": score(K, T, E, K)}
    return CorpusEvaluation(out, scores, b.name, seed, name, n_workers,
                            time.perf_counter() - t0, float(sum(r["seconds"] for r in results)),
                            eligible=len(data))


__all__ = ["FIRST_START", "HORIZONS", "CorpusEvaluation", "Task", "eligible", "ethprio_case",
           "evaluate_corpus", "forecast_task", "score", "tasks_for"]
