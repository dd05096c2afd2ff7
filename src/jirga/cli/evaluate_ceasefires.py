"""`jirga evaluate ceasefires`: the cross-national duration model scored out of sample.

The computation is :func:`jirga.models.duration.evaluate.evaluate_duration_model`; this
module only finds the data, runs it and prints a table (or JSON).
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path

import typer
from rich.table import Table

from jirga.analysis.executors import SPEC_HELP
from jirga.cli.common import console
from jirga.cli.evaluate_cmds import evaluate_app
from jirga.errors import InputError, Problem

DEFAULT_DATA = Path("..") / "shared" / "refdata" / "ceasefires" / "ethprio_cf_ceasefire_level.csv"


class Fmt(StrEnum):
    table = "table"
    json = "json"


class Group(StrEnum):
    conflict = "conflict"
    country = "country"


@evaluate_app.command("ceasefires")
def ceasefires_cmd(
    data: Path = typer.Option(DEFAULT_DATA, "--data", help="ETH/PRIO ceasefire-level CSV "
                              "(ethprio_cf_ceasefire_level.csv)"),
    fmt: Fmt = typer.Option(Fmt.table, "--format", "-f", help="table or json"),
    folds: int = typer.Option(5, "--folds", min=2, max=20, help="folds of the grouped cross-validation"),
    split_date: str = typer.Option("2011-01-01", "--split-date",
                                   help="by-time split: fit on what was known then, test after"),
    seed: int = typer.Option(0, "--seed", help="seed of the fold assignment"),
    group_by: Group = typer.Option(Group.conflict, "--group-by",
                                   help="hold out whole conflicts (the issue's design) or whole countries"),
    full: bool = typer.Option(False, "--full", help="the full per-agreement procedure (structural "
                              "model calibrated as of each start) on every eligible ceasefire"),
    limit: int | None = typer.Option(None, "--limit", min=1, help="with --full: N ceasefires "
                                     "spread over the years"),
    budget: str = typer.Option("quick", "--budget", "-b", help="with --full: budget per ceasefire"),
    executor: str = typer.Option("local", "--executor", "-x", help=SPEC_HELP),
    workers: int | None = typer.Option(None, "--workers", min=1,
                                       help="with --executor dask: workers (default: one per core)"),
) -> None:
    """Score the ceasefire-duration model out of sample: grouped by conflict and by time.

    Breakdown is the event; expiry, replacement and "still in force" are censored. The
    model is compared with plain Kaplan–Meier fitted on the same training rows: C-index,
    integrated Brier score (IPCW, days 1–365) and calibration at 30/90/180/365 days.

    * `jirga evaluate ceasefires` (run from the checkout, beside `../shared`)
    * `jirga evaluate ceasefires --format json > eval.json`
    * `jirga evaluate ceasefires --group-by country` (stricter: whole countries held out)
    * `jirga evaluate ceasefires --full --limit 40 --executor dask` (the structural model too)
    """
    import pandas as pd

    from jirga.case.formats.ethprio import read_ethprio
    from jirga.models.duration.evaluate import evaluate_duration_model

    try:
        pd.Timestamp(split_date)
    except ValueError:
        raise InputError([Problem("command line", None, "--split-date", f"{split_date!r} is not a date",
                                  fix="give a date like 2011-01-01")]) from None
    if not data.is_file():
        raise InputError([Problem(str(data), None, "--data", "ETH/PRIO ceasefire file not found",
                                  fix="run from the checkout beside ../shared, or pass --data with the path "
                                      "of ethprio_cf_ceasefire_level.csv")])
    frame = read_ethprio(data)
    if full:
        _full(frame, budget, seed, executor, limit, workers, fmt)
        return
    ev = evaluate_duration_model(frame, k=folds, seed=seed, split_date=split_date, group_by=str(group_by))
    if fmt == Fmt.json:
        print(json.dumps(ev.to_dict(), indent=1))
        return
    for s in ev.splits:
        table = Table(title=f"{s.split}: {s.description}\ntrain {s.n_train} ceasefires "
                            f"({s.events_train} breakdowns), test {s.n_test} ({s.events_test})")
        table.add_column("metric")
        table.add_column("model", justify="right")
        table.add_column("Kaplan–Meier", justify="right")
        table.add_column("observed", justify="right")
        table.add_row("C-index (Harrell)", f"{s.c_index:.3f}", "0.500", "")
        table.add_row(f"integrated Brier, days 1–{ev.ibs_horizon}", f"{s.ibs_model:.4f}",
                      f"{s.ibs_km:.4f}", f"ratio {s.ibs_ratio:.3f}")
        for c, k in zip(s.calibration, s.calibration_km, strict=True):
            table.add_row(f"P(breakdown by {c['horizon_days']} d)", f"{c['expected']:.3f}",
                          f"{k['expected']:.3f}", f"{c['observed']:.3f}")
        console.print(table)
        checks = "; ".join(f"{name}: {'yes' if ok else 'NO'}" for name, ok in ev.checks(s.split).items())
        console.print(f"targets ({s.split}): {checks}", highlight=False)
    console.print("Calibration compares the test rows' Kaplan–Meier with the model's expectation over the "
                  "same risk sets (docs/duration-model.md).", highlight=False)


def _full(frame, budget: str, seed: int, executor: str, limit: int | None, workers: int | None,
          fmt: Fmt) -> None:
    """`--full`: :func:`jirga.analysis.corpus.evaluate_corpus`, printed."""
    from jirga.analysis.budget import get_budget
    from jirga.analysis.corpus import evaluate_corpus
    from jirga.analysis.executors import parse_spec

    parse_spec(executor)
    get_budget(budget)
    ev = evaluate_corpus(frame, budget, seed, executor, limit=limit, workers=workers)
    if fmt == Fmt.json:
        print(json.dumps(ev.to_dict(), indent=1, default=float))
        return
    table = Table(title=f"full procedure: {len(ev.forecasts)} of {ev.eligible} ETH/PRIO ceasefires "
                        f"from 2000 ({int(ev.forecasts['E'].sum())} breakdowns), budget {ev.budget}, "
                        f"seed {ev.seed}")
    table.add_column("forecaster")
    table.add_column("IBS 1–365 d", justify="right")
    table.add_column("ratio to KM", justify="right")
    table.add_column("C-index", justify="right")
    for h in (30, 90, 180, 365):
        table.add_column(f"P(break by {h} d)", justify="right")
    observed = ev.scores["structural model"]["calibration"]
    for name, s in ev.scores.items():
        table.add_row(name, f"{s['ibs']:.4f}", f"{s['ibs_ratio']:.3f}", f"{s['c_index']:.3f}",
                      *(f"{c['expected']:.3f}" for c in s["calibration"]))
    table.add_row("observed (KM of the scored rows)", "", "", "",
                  *(f"{c['observed']:.3f}" for c in observed))
    console.print(table)
    console.print(f"executor {ev.executor} ({ev.workers} worker(s)): {ev.seconds:.1f} s wall, "
                  f"{ev.task_seconds:.1f} s inside the tasks", highlight=False)
