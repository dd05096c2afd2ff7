"""Batch runs of the ceasefire model: parameters × third parties × cases, draws in chunks.

A sweep is a grid, as Mesa's batch runs are: every case, every combination of the given
parameter values, and every third-party variant (``all`` as the case has them, ``none``,
or ``without:<id>`` for each one). Each grid cell's Monte Carlo draws are split into
chunks of ``chunk_draws``; chunk *i* of every cell uses the same named seed
(``child_seed(seed, "sweep", case, "chunk", i)``), so cells are compared with common
random numbers and a chunk's numbers do not depend on which worker ran it or how many
there were. Each case is calibrated once (one task per case, at the budget) and every
cell of it uses that calibration. The result is one tidy DataFrame row per cell.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from jirga.analysis.budget import Budget, get_budget
from jirga.analysis.executors import Executor, chunks, executor
from jirga.case.schema import Case
from jirga.errors import InputError, Problem
from jirga.models.seeds import child_seed

HORIZONS = (30, 90, 180, 365)
DEFAULT_WEEKS = 104
DEFAULT_CHUNK = 500


@dataclass(frozen=True)
class Cell:
    """One grid cell: a case, an agreement, a third-party variant and parameter values."""

    case_index: int
    agreement: str
    third: str
    values: tuple[tuple[str, float], ...]


def _calibrate_task(spec: tuple[Case, str | None, int, int, int]) -> Any:
    """One case's calibration, as the analysis does it (anchored on the duration model)."""
    from jirga.analysis.anchors import cross_national_anchor
    from jirga.models.ceasefire.calibration import calibrate

    case, agreement, seed, n_theta, rounds = spec
    return calibrate(case, agreement_id=agreement, seed=seed, n_theta=n_theta, rounds=rounds,
                     anchor=cross_national_anchor)


def _chunk_task(spec: tuple[Case, str, dict[str, float], Any, int, int, int]) -> np.ndarray:
    """One chunk of one cell: the durations (days; inf = held over the horizon)."""
    from jirga.models.ceasefire.run import run_ceasefire

    case, agreement, overrides, cal, draws, seed, weeks = spec
    res = run_ceasefire(case, agreement, draws=draws, seed=seed, weeks=weeks, calibration=cal,
                        calibrate=False, overrides=overrides or None)
    return res.duration_days.astype(np.float64)


def _variant(case: Case, agreement: str, third: str) -> Case:
    """The case as the third-party variant has it."""
    from jirga.models.ceasefire.counterfactuals import without_third_party

    agr = next(a for a in case.agreements if a.id == agreement)
    if third == "all":
        return case
    drop = agr.third_parties if third == "none" else [third.split(":", 1)[1]]
    for tp in drop:
        case = without_third_party(case, agreement, tp)
    return case


def third_party_variants(case: Case, agreement: str, which: Sequence[str]) -> list[str]:
    """Expand ``all``, ``none`` and ``each`` (one ``without:<id>`` per third party)."""
    agr = next(a for a in case.agreements if a.id == agreement)
    out: list[str] = []
    for w in which:
        if w == "each":
            out += [f"without:{tp}" for tp in agr.third_parties]
        elif w in ("all", "none") or (w.startswith("without:") and w[8:] in agr.third_parties):
            out.append(w)
        else:
            raise InputError([Problem(case.id, None, "--third-parties", f"unknown variant {w!r}",
                                      "use all, none, each or without:ID with one of: "
                                      + (", ".join(agr.third_parties) or "(no third parties)"))])
    return list(dict.fromkeys(out))


def _check_parameters(parameters: Mapping[str, Sequence[float]]) -> None:
    from jirga.models.ceasefire.params import PARAMETERS

    for name, values in parameters.items():
        if name not in PARAMETERS:
            import difflib

            close = difflib.get_close_matches(name, list(PARAMETERS), n=1)
            raise InputError([Problem("--param", None, name, f"unknown parameter {name!r}",
                                      (f"did you mean '{close[0]}'? " if close else "")
                                      + "see docs/ceasefire-model.md for the names")])
        if not len(values):
            raise InputError([Problem("--param", None, name, "no values given",
                                      f"give values like {name}=0,0.1,0.2")])


def sweep(cases: Case | Sequence[Case], parameters: Mapping[str, Sequence[float]] | None = None,
          third_parties: Sequence[str] = ("all",), draws: int = 2000,
          chunk_draws: int = DEFAULT_CHUNK, seed: int = 0, budget: str | Budget = "quick",
          weeks: int = DEFAULT_WEEKS, agreements: Sequence[str | None] | None = None,
          executor_spec: str | Executor = "local", workers: int | None = None) -> pd.DataFrame:
    """Run the grid and return one row per cell.

    Columns: ``case``, ``agreement``, ``third_parties``, one column per swept parameter,
    ``draws``, ``chunks``, ``median_days``, ``p_break_{h}d`` and its Monte Carlo standard
    error ``p_break_{h}d_se`` (across chunks) for h in 30/90/180/365. The frame's
    ``attrs`` hold the seed, budget, executor, workers and wall seconds.
    """
    from jirga.analysis.ceasefire import ceasefire_inputs

    cases = [cases] if isinstance(cases, Case) else list(cases)
    parameters = dict(parameters or {})
    _check_parameters(parameters)
    if draws < 1 or chunk_draws < 1:
        raise ValueError("draws and chunk_draws must be positive")
    b = get_budget(budget)
    agreements = list(agreements) if agreements is not None else [None] * len(cases)
    agr_ids = [ceasefire_inputs(c, a).agreement_id for c, a in zip(cases, agreements, strict=True)]
    names = sorted(parameters)
    combos = list(itertools.product(*(parameters[n] for n in names))) if names else [()]
    cells = [Cell(i, agr_ids[i], tp, tuple(zip(names, map(float, combo), strict=True)))
             for i, c in enumerate(cases)
             for tp in third_party_variants(c, agr_ids[i], third_parties)
             for combo in combos]
    pieces = list(chunks(draws, chunk_draws))
    t0 = time.perf_counter()
    with executor(executor_spec, workers) as ex:
        cals = ex.map(_calibrate_task, [(c, agr_ids[i], child_seed(seed, "sweep", c.id, "calibration"),
                                         b.calibration_sets, b.calibration_rounds)
                                        for i, c in enumerate(cases)])
        variants = {(cell.case_index, cell.third): _variant(cases[cell.case_index], cell.agreement,
                                                            cell.third) for cell in cells}
        specs = [(variants[(cell.case_index, cell.third)], cell.agreement, dict(cell.values),
                  cals[cell.case_index], stop - start,
                  child_seed(seed, "sweep", cases[cell.case_index].id, "chunk", i), weeks)
                 for cell in cells for i, start, stop in pieces]
        durations = ex.map(_chunk_task, specs)
        name, n_workers = ex.name, ex.workers
    rows = []
    k = len(pieces)
    for j, cell in enumerate(cells):
        parts = durations[j * k:(j + 1) * k]
        d = np.concatenate(parts)
        row: dict[str, Any] = {"case": cases[cell.case_index].id, "agreement": cell.agreement,
                               "third_parties": cell.third, **dict(cell.values),
                               "draws": len(d), "chunks": k,
                               "median_days": float(np.quantile(d, 0.5, method="inverted_cdf"))}
        for h in HORIZONS:
            per = np.array([(p <= h).mean() for p in parts])
            row[f"p_break_{h}d"] = float((d <= h).mean())
            row[f"p_break_{h}d_se"] = float(per.std(ddof=1) / np.sqrt(k)) if k > 1 else float("nan")
        rows.append(row)
    frame = pd.DataFrame(rows)
    frame.attrs.update({"seed": seed, "budget": b.name, "executor": name, "workers": n_workers,
                        "seconds": time.perf_counter() - t0, "chunk_draws": chunk_draws})
    return frame


__all__ = ["DEFAULT_CHUNK", "HORIZONS", "Cell", "sweep", "third_party_variants"]
