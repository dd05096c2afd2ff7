"""The what-if re-run: only what an edit touches, computed once per case content.

``analyse`` at the quick budget takes seconds: it calibrates the ceasefire model,
back-tests it and runs every counterfactual. A slider move needs an answer in a
fraction of a second, so the workbench splits the work in two tiers:

* **answer** (:meth:`Engine.answer`, synchronous): the bargaining Monte Carlo, the
  ceasefire forecast with four of its counterfactuals, the spatial run on the modes and
  the tension index — each looked up by the *content* it depends on, so a ceasefire
  parameter does not re-run the bargaining model and an edit to a position does not
  recount the events. The ceasefire forecast reads its talks' forecast from the very
  bargaining run shown (one run, not two), and keeps the *baseline's calibration*, as
  the model's own counterfactuals do: a what-if asks what changes if one thing were
  different, not what the past would have taught under it. An edit to a calibrated
  parameter's range re-fits the calibration (slower, and said so).
* **details** (:meth:`Engine.details`, in the background): the mediator's effects in
  the bargaining model, the state-concedes counterfactual (a second bargaining run), the
  mediator's-pull sweep and the spatial runs over the ranges.

Everything lives in one :class:`Engine` per app (no module-level state); the same case,
budget and seed give the same numbers, and baseline and variant share random streams.
The full ``analyse`` (with back-test and re-calibration) runs as a job (:mod:`.jobs`).
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from jirga.analysis.budget import Budget
from jirga.analysis.outcome import Outcome, attempt, skipped
from jirga.case.schema import Case
from jirga.errors import InputError, Problem

WEEKS = 104
CHEAP_COUNTERFACTUALS = ("no_mediator", "unbiased_mediator", "more_leverage", "recruitment_halved")


def digest(obj: Any) -> str:
    return hashlib.sha1(json.dumps(obj, sort_keys=True, default=str).encode()).hexdigest()


def bargaining_key(case: Case) -> str:
    """What the bargaining and spatial models read: actors' capabilities, stances, principals."""
    return digest({
        "id": case.id,
        "actors": [(a.id, a.name, a.kind.value, a.role.value, a.capability.model_dump())
                   for a in case.actors],
        "issues": [i.model_dump(mode="json", include={"id", "question", "positions"})
                   for i in case.issues],
        "analysis": case.analysis.model_dump(mode="json"),
    })


def events_key(case: Case) -> str:
    return digest({"events": [e.model_dump(mode="json") for e in case.events],
                   "actors": [(a.id, a.kind.value, a.role.value) for a in case.actors],
                   "analysis": case.analysis.model_dump(mode="json")})


def case_key(case: Case) -> str:
    return digest(case.model_dump(mode="json"))


class Memo:
    """A small thread-safe LRU memo: ``get(key, compute)``; two threads may compute the same
    key at once (harmless: same inputs give the same value) but never corrupt the table."""

    def __init__(self, size: int = 64) -> None:
        self.size = size
        self._data: OrderedDict[Any, Any] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, key: Any, compute: Callable[[], Any]) -> Any:
        with self._lock:
            if key in self._data:
                self._data.move_to_end(key)
                self.hits += 1
                return self._data[key]
            self.misses += 1
        return self.put(key, compute())

    def peek(self, key: Any) -> Any:
        """The value under ``key``, or None."""
        with self._lock:
            if key in self._data:
                self._data.move_to_end(key)
                return self._data[key]
            return None

    def put(self, key: Any, value: Any) -> Any:
        with self._lock:
            self._data[key] = value
            self._data.move_to_end(key)
            while len(self._data) > self.size:
                self._data.popitem(last=False)
        return value


@dataclass
class Run:
    """One scenario's what-if results at one budget and seed."""

    case: Case
    budget: Budget
    seed: int
    bargaining: Outcome = field(default_factory=lambda: skipped("not run"))
    ceasefire: Outcome = field(default_factory=lambda: skipped("not run"))
    counterfactuals: Outcome = field(default_factory=lambda: skipped("not run"))
    spatial: Outcome = field(default_factory=lambda: skipped("not run"))
    tension: Outcome = field(default_factory=lambda: skipped("not run"))
    calibration: str = ""
    seconds: float = 0.0
    cpu_seconds: float = 0.0     # this thread's CPU time: what the run costs on an idle core
    steps: dict[str, float] = field(default_factory=dict)
    details: dict[str, Outcome] = field(default_factory=dict)

    def provenance(self) -> str:
        return (f"what-if tier, {self.budget.describe()}, seed {self.seed}; calibration: "
                f"{self.calibration}")


class Forecaster:
    """The ceasefire model's talks forecast, read from the engine's bargaining runs.

    Requests of up to ``base_draws`` draws get the first draws of the bargaining run at
    ``base_draws`` — the one the workbench shows — so the forecast costs nothing extra.
    """

    def __init__(self, engine: Engine, base_draws: int, rounds: int) -> None:
        self.engine, self.base_draws, self.rounds = engine, base_draws, rounds

    def __call__(self, case: Case, draws: int, seed: int) -> tuple[dict[str, np.ndarray], str]:
        from jirga.models.ceasefire.engine import compromise_forecaster

        if not any(len(i.positions) >= 2 for i in case.issues):
            return compromise_forecaster(case, draws, seed)
        res = self.engine.bargaining(case, max(draws, self.base_draws), seed, self.rounds)
        return ({k: np.asarray(v, dtype=float).reshape(-1)[:draws].copy()
                 for k, v in res.forecast_draws.items()}, "bargaining model (expected utility)")


class Engine:
    """Per-app computing state: memos keyed by content, budget and seed."""

    def __init__(self, helper: bool | None = None) -> None:
        from jirga.web.helper import Helper

        self.helper = Helper(helper)
        self.memo_bargaining = Memo(48)
        self.memo_issues = Memo(256)
        self.memo_calibration = Memo(8)
        self.memo_spatial = Memo(48)
        self.memo_tension = Memo(16)
        self.memo_runs = Memo(64)
        self.memo_details = Memo(32)

    # ---- pieces ---------------------------------------------------------------------
    def bargaining(self, case: Case, draws: int, seed: int, rounds: int):
        """``run_case_mc(case, draws, seed, rounds)``, re-running only the issues an edit reached.

        The bargaining sampler draws capabilities, then each issue's stances in case order,
        and simulates issues independently, so issue *j*'s result depends only on the
        capabilities and the stances of issues up to *j*: an edit on the last issue
        re-runs one issue, not five. The result equals a full run draw for draw (tested).
        """
        key = (bargaining_key(case), draws, seed, rounds)
        return self.memo_bargaining.get(key, lambda: self._bargaining_issues(case, draws, seed,
                                                                             rounds))

    def _bargaining_issues(self, case: Case, draws: int, seed: int, rounds: int):
        from jirga.models.bargaining import (
            BargainingMCResult,
            BargainingResult,
            Params,
            run_case,
            run_case_mc,
        )

        ids = {a.id for a in case.actors}
        chosen = [i.id for i in case.issues if len(ids & set(i.positions)) >= 2]
        common = {"id": case.id, "analysis": case.analysis.model_dump(mode="json"),
                  "actors": [(a.id, a.name, a.capability.model_dump()) for a in case.actors],
                  "draws": draws, "seed": seed, "rounds": rounds}
        mc_keys, point_keys, upto = {}, {}, []
        for issue in case.issues:
            stances = issue.model_dump(mode="json", include={"id", "question", "positions"})
            upto.append(stances)
            mc_keys[issue.id] = ("mc", digest({**common, "issues": upto}))
            point_keys[issue.id] = ("point", digest({**common, "issue": stances}))
        found = {k: self.memo_issues.peek(mc_keys[k]) for k in chosen}
        missing = [k for k in chosen if found[k] is None]
        if missing:
            from jirga.web import helper

            # half of the issues on the helper: the sampler draws every issue whatever is
            # asked for, so each half's draws are the full run's
            there = missing[1::2] if len(missing) >= 2 else []
            here = [k for k in missing if k not in there]
            future = self.helper.submit(helper.run_issues, case, draws, seed, rounds, there) \
                if there else None
            part = run_case_mc(case, draws=draws, seed=seed, rounds=rounds, issues=here).issues
            if there:
                part.update(self.helper.result(future, lambda: helper.run_issues(
                    case, draws, seed, rounds, there)))
            for k in missing:
                found[k] = self.memo_issues.put(mc_keys[k], part[k])
        points = {k: self.memo_issues.peek(point_keys[k]) for k in chosen}
        need = [k for k in chosen if points[k] is None]
        if need:
            base = run_case(case, rounds, issues=need)
            for k in need:
                points[k] = self.memo_issues.put(point_keys[k], base.runs[k])
        params = Params(variant="scholz")
        base = BargainingResult(case.id, {k: points[k] for k in chosen}, params, rounds)
        return BargainingMCResult(case.id, {k: found[k] for k in chosen}, base, params, rounds,
                                  draws, seed, "pert")

    def calibration(self, case: Case, budget: Budget, seed: int, forecaster: Forecaster):
        from jirga.models.ceasefire.calibration import calibrate
        from jirga.models.ceasefire.params import inputs_from_case

        agreement = inputs_from_case(case).agreement_id
        key = (case_key(case), budget.calibration_sets, budget.calibration_rounds, seed)
        return self.memo_calibration.get(key, lambda: calibrate(
            case, agreement_id=agreement, seed=seed, n_theta=budget.calibration_sets,
            rounds=budget.calibration_rounds, forecaster=forecaster))

    def tension(self, case: Case):
        from jirga.analysis.run import analyse_tension

        return self.memo_tension.get(events_key(case), lambda: attempt(lambda: analyse_tension(case)))

    def spatial(self, case: Case, seed: int, future: Any = None):
        from jirga.models.spatial.engine import run_spatial

        def compute() -> Outcome:
            if len(case.issues) < 2:
                return skipped(f"the spatial model needs two or more issues; the case has "
                               f"{len(case.issues)}")
            return attempt(lambda: self.helper.result(future, lambda: run_spatial(case, seed=seed)))
        return self.memo_spatial.get((bargaining_key(case), seed), compute)

    # ---- the answer -----------------------------------------------------------------
    def answer(self, case: Case, budget: Budget, seed: int, origin: Case | None = None) -> Run:
        """The what-if tier for ``case``; ``origin`` is the case whose calibration it keeps."""
        key = (case_key(case), case_key(origin) if origin is not None else None,
               budget.name, budget.draws, seed)
        return self.memo_runs.get(key, lambda: self._answer(case, budget, seed, origin))

    def _answer(self, case: Case, budget: Budget, seed: int, origin: Case | None) -> Run:
        start, cpu = time.perf_counter(), time.thread_time()
        run = Run(case=case, budget=budget, seed=seed)

        def timed(name: str, fn: Callable[[], Outcome]) -> Outcome:
            t = time.perf_counter()
            out = fn()
            run.steps[name] = round(time.perf_counter() - t, 4)
            return out

        from jirga.web import helper

        spatial_key = (bargaining_key(case), seed)
        spatial = None  # the helper runs the spatial model while the bargaining model runs here
        if self.memo_spatial.peek(spatial_key) is None and len(case.issues) >= 2:
            spatial = self.helper.submit(helper.run_spatial, case, seed)
        run.bargaining = timed("bargaining", lambda: attempt(lambda: self._bargaining(case, budget,
                                                                                       seed)))
        run.tension = timed("tension", lambda: self.tension(case))
        run.spatial = timed("spatial", lambda: self.spatial(case, seed, spatial))
        run.ceasefire = timed("ceasefire", lambda: attempt(
            lambda: self._ceasefire(run, case, budget, seed, origin)))
        if run.ceasefire.ok:
            run.counterfactuals = timed("counterfactuals", lambda: attempt(
                lambda: self._cheap_counterfactuals(case, run.ceasefire.value)))
        else:
            run.counterfactuals = skipped(run.ceasefire.problem or "the ceasefire model did not run")
        run.seconds = time.perf_counter() - start
        run.cpu_seconds = time.thread_time() - cpu
        return run

    def forecaster(self, budget: Budget) -> Forecaster:
        return Forecaster(self, base_draws=budget.draws, rounds=budget.rounds)

    def _bargaining(self, case: Case, budget: Budget, seed: int):
        if not any(len(i.positions) >= 2 for i in case.issues):
            raise InputError([Problem(case.id, None, "issues",
                                      "no issue on which two or more actors take positions",
                                      "give each issue the positions of at least two actors")])
        return self.bargaining(case, budget.draws, seed, budget.rounds)

    def _ceasefire(self, run: Run, case: Case, budget: Budget, seed: int, origin: Case | None):
        from jirga.analysis.ceasefire import ceasefire_inputs
        from jirga.models.ceasefire.params import CALIBRATED
        from jirga.models.ceasefire.run import run_ceasefire

        inputs = ceasefire_inputs(case)
        fc = self.forecaster(budget)
        cal_case = case
        run.calibration = "fitted for this scenario"
        if origin is not None and origin is not case:
            try:
                same = all(ceasefire_inputs(origin).ranges[n] == inputs.ranges[n] for n in CALIBRATED)
            except InputError:
                same = False
            if same:
                cal_case = origin
                run.calibration = "the baseline's, held fixed (as the model's counterfactuals do)"
            else:
                run.calibration = "re-fitted: the edit changed a calibrated parameter's range"
        cal = self.calibration(cal_case, budget, seed, fc)
        return run_ceasefire(case, inputs.agreement_id, draws=budget.draws, seed=seed, weeks=WEEKS,
                             calibration=cal, calibrate=False, forecaster=fc)

    def _cheap_counterfactuals(self, case: Case, baseline):
        """The counterfactuals that need no new forecast, half of them on the helper.

        Equal to ``run_counterfactuals(case, baseline=…, which=CHEAP_COUNTERFACTUALS)``:
        each run is the same ``run_ceasefire`` call with the baseline's calibration, talks
        and seed, wherever it runs.
        """
        from jirga.models.ceasefire.counterfactuals import counterfactual_label
        from jirga.web import helper
        from jirga.web.fast import FastCounterfactuals

        keys = list(CHEAP_COUNTERFACTUALS)
        here, there = keys[: len(keys) // 2], keys[len(keys) // 2:]
        args = (case, baseline.inputs.agreement_id, baseline.draws, baseline.seed, baseline.weeks,
                baseline.calibration, baseline.talks)
        future = self.helper.submit(helper.run_counterfactuals_part, *args, there)
        runs = helper.run_counterfactuals_part(*args, here)
        runs.update(self.helper.result(future, lambda: helper.run_counterfactuals_part(*args, there)))
        runs = {k: runs[k] for k in keys}
        third = baseline.inputs.third_parties
        return FastCounterfactuals(baseline, runs,
                                   {k: counterfactual_label(k, third) for k in keys})

    @staticmethod
    def _counterfactuals(case: Case, baseline, which, forecaster):
        from jirga.models.ceasefire.counterfactuals import run_counterfactuals
        from jirga.web.fast import fast_counterfactuals

        return fast_counterfactuals(run_counterfactuals(case, baseline=baseline, weeks=WEEKS,
                                                        which=list(which), forecaster=forecaster))

    # ---- the details ----------------------------------------------------------------
    def details(self, run: Run, cancelled: Callable[[], bool] = lambda: False,
                progress: Callable[[str, int, int], None] | None = None) -> dict[str, Outcome]:
        """The slower rest of the what-if tier; stops between steps when ``cancelled()``."""
        key = (case_key(run.case), run.budget.name, run.budget.draws, run.seed, run.calibration)

        def compute() -> dict[str, Outcome]:
            steps: list[tuple[str, Callable[[], Any]]] = [
                ("mediator effects (bargaining)", lambda: self._effects(run)),
                ("state concedes (ceasefire)", lambda: self._concede(run)),
                ("mediator's pull (ceasefire)", lambda: self._pull(run)),
                ("spatial model over the ranges", lambda: self._spatial_draws(run)),
            ]
            out: dict[str, Outcome] = {}
            for i, (name, fn) in enumerate(steps):
                if cancelled():
                    raise Cancelled()
                if progress is not None:
                    progress(name, i, len(steps))
                out[name] = attempt(fn)
            return out
        result = self.memo_details.get(key, compute)
        run.details = result
        return result

    def _effects(self, run: Run):
        from jirga.models.bargaining import run_case_mc

        b = run.budget
        return run_case_mc(run.case, draws=b.draws, seed=run.seed, rounds=b.rounds,
                           counterfactuals=True, counterfactual_draws=b.counterfactual_draws).effects

    def _concede(self, run: Run):
        base = run.ceasefire.get()
        return self._counterfactuals(run.case, base, ("state_concedes",), self.forecaster(run.budget))

    def _pull(self, run: Run):
        from jirga.analysis.ceasefire import PULL_VALUES
        from jirga.models.ceasefire.counterfactuals import sweep

        base = run.ceasefire.get()
        if not base.inputs.mediator:
            raise InputError([Problem(run.case.id, None, "agreements", "the truce has no mediator",
                                      "add a mediator to the agreement")])
        return sweep(run.case, "pressure_weight", PULL_VALUES, baseline=base, weeks=WEEKS,
                     forecaster=self.forecaster(run.budget))

    def _spatial_draws(self, run: Run):
        from jirga.analysis.spatial import analyse_spatial

        return analyse_spatial(run.case, run.budget.spatial_draws, run.seed)


class Cancelled(Exception):
    """Raised inside a job when the user cancelled it."""
