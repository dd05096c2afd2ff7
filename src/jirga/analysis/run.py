"""``analyse(case, budget, seed) -> CaseAnalysis``: every model on a case, once.

The report, every CLI command and the workbench read from a :class:`CaseAnalysis`; none
of them runs a model. Each model's place holds its result or the reason it did not run
(:class:`~jirga.analysis.outcome.Outcome`). Same case + seed + budget + version → same
numbers everywhere.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from jirga import __version__
from jirga.analysis.budget import Budget, get_budget
from jirga.analysis.ceasefire import CeasefireAnalysis, analyse_ceasefire, run_backtest
from jirga.analysis.execute import Background
from jirga.analysis.forecasts import forecaster_for
from jirga.analysis.outcome import Outcome, attempt, skipped
from jirga.analysis.spatial import SpatialAnalysis, analyse_spatial
from jirga.case.schema import Case
from jirga.errors import InputError, Problem

MODELS = ("bargaining", "spatial", "ceasefire", "tension", "compromise")

#: ``progress(step, done, total)``: told before each step (the CLI draws a bar with it)
Progress = Callable[[str, int, int], None]


@dataclass
class CaseAnalysis:
    """Every model's result on one case, at one budget and seed."""

    case: Case
    budget: Budget
    seed: int
    bargaining: Outcome = field(default_factory=lambda: skipped("not asked for"))
    spatial: Outcome = field(default_factory=lambda: skipped("not asked for"))
    ceasefire: Outcome = field(default_factory=lambda: skipped("not asked for"))
    tension: Outcome = field(default_factory=lambda: skipped("not asked for"))
    compromise: Outcome = field(default_factory=lambda: skipped("not asked for"))
    version: str = __version__
    seconds: float = 0.0

    def provenance(self) -> str:
        """One line every output carries: what produced these numbers."""
        return f"jirga {self.version}, {self.budget.describe()}, seed {self.seed}"

    def outcomes(self) -> dict[str, Outcome]:
        return {m: getattr(self, m) for m in MODELS}


def analyse_bargaining(case: Case, budget: Budget, seed: int):
    from jirga.models.bargaining import run_case_mc

    if not any(len(i.positions) >= 2 for i in case.issues):
        raise InputError([Problem(case.id, None, "issues",
                                  "no issue on which two or more actors take positions",
                                  "give each issue the positions of at least two actors")])
    return run_case_mc(case, draws=budget.draws, seed=seed, rounds=budget.rounds,
                       counterfactuals=True, counterfactual_draws=budget.counterfactual_draws)


def analyse_tension(case: Case):
    from jirga.events.timeline import case_events_frame, principal_actors, tension_index

    events = case_events_frame(case)
    actors = principal_actors(case)
    if events.empty:
        raise InputError([Problem(case.id, None, "events", "the case has no dated events",
                                  "add events (or code them from articles: `jirga extract`)")])
    if len(actors) < 2:
        raise InputError([Problem(case.id, None, "actors", "fewer than two parties or mediators",
                                  "give two actors the role party")])
    index = tension_index(events, actors)
    if index.empty:
        raise InputError([Problem(case.id, None, "events",
                                  "no event between two of the principals has a Goldstein score",
                                  "code events between the parties with CAMEO codes")])
    return {"events": events, "index": index}


def analyse(case: Case, budget: str | Budget = "standard", seed: int = 0, *,
            models: Iterable[str] = MODELS, agreement: str | None = None,
            weeks: int = 104, parallel: bool = True, calibrated: bool = True,
            counterfactuals: bool = True, backtest: bool = True,
            progress: Progress | None = None) -> CaseAnalysis:
    """Run the asked-for models on ``case``; a model the case does not allow says why.

    ``parallel`` lets the spatial runs and the back-test use a second core (results are
    the same either way). ``agreement`` picks the ceasefire to forecast (default: the
    case's latest). ``calibrated``, ``counterfactuals`` and ``backtest`` switch parts of the
    ceasefire analysis off (`jirga ceasefire --no-calibrate`); the rest is unchanged.
    """
    start = time.perf_counter()
    b = get_budget(budget)
    wanted = [m for m in MODELS if m in set(models)]
    unknown = set(models) - set(MODELS)
    if unknown:
        raise InputError([Problem("models", None, "", f"unknown model(s): {', '.join(sorted(unknown))}",
                                  f"use some of: {', '.join(MODELS)}")])
    out = CaseAnalysis(case=case, budget=b, seed=seed)
    forecaster = forecaster_for(b)
    tasks: dict[str, Any] = {}
    if "spatial" in wanted and len(case.issues) >= 2:
        tasks["spatial"] = (analyse_spatial, (case, b.spatial_draws, seed), {})
    if "ceasefire" in wanted and backtest:
        tasks["backtest"] = (run_backtest, (case, b, seed, forecaster), {})
    steps = len(wanted)

    def tell(step: str, done: int) -> None:
        if progress is not None:
            progress(step, done, steps)

    with Background(tasks, parallel=parallel) as bg:
        done = 0
        if "bargaining" in wanted:
            tell("bargaining model", done)
            out.bargaining = attempt(lambda: analyse_bargaining(case, b, seed))
            done += 1
        if "tension" in wanted:
            tell("tension index", done)
            out.tension = attempt(lambda: analyse_tension(case))
            done += 1
        if "ceasefire" in wanted:
            tell("ceasefire model (calibration, forecast, counterfactuals)", done)
            out.ceasefire = attempt(lambda: analyse_ceasefire(
                case, b, seed, forecaster, agreement=agreement, weeks=weeks,
                calibrated=calibrated, counterfactuals=counterfactuals, backtest=backtest,
                backtest_handle=bg.handles.get("backtest")))
            done += 1
        if "spatial" in wanted:
            tell("spatial model", done)
            handle = bg.handles.get("spatial")
            out.spatial = attempt(handle.result if handle is not None
                                  else lambda: analyse_spatial(case, b.spatial_draws, seed))
            done += 1
        if "compromise" in wanted:  # last: it compares with the bargaining and spatial results
            from jirga.analysis.compromise import analyse_compromise

            tell("compromise model and comparison", done)
            out.compromise = attempt(lambda: analyse_compromise(case, b, seed, out.bargaining,
                                                                out.spatial))
            done += 1
        tell("done", done)
    out.seconds = time.perf_counter() - start
    return out


__all__ = ["CaseAnalysis", "CeasefireAnalysis", "SpatialAnalysis", "analyse"]
