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
) -> None:
    """Score the ceasefire-duration model out of sample: grouped by conflict and by time.

    Breakdown is the event; expiry, replacement and "still in force" are censored. The
    model is compared with plain Kaplan–Meier fitted on the same training rows: C-index,
    integrated Brier score (IPCW, days 1–365) and calibration at 30/90/180/365 days.

    * `jirga evaluate ceasefires` (run from the checkout, beside `../shared`)
    * `jirga evaluate ceasefires --format json > eval.json`
    * `jirga evaluate ceasefires --group-by country` (stricter: whole countries held out)
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
