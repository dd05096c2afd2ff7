"""`jirga sweep`: the ceasefire model over a grid of parameters × third parties × cases.

The computation is :func:`jirga.analysis.sweep.sweep`; this module parses the grid,
picks the executor and prints the tidy frame (table, CSV or JSON).
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer
from rich.table import Table

from jirga.analysis.executors import SPEC_HELP
from jirga.cli.common import app, console
from jirga.cli.options import budget_option, seed_option
from jirga.errors import InputError, Problem


class Fmt(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


def parse_grid(params: list[str]) -> dict[str, list[float]]:
    """``name=v1,v2,…`` options into {name: [values]}; an InputError names a bad one."""
    grid: dict[str, list[float]] = {}
    for text in params:
        name, sep, values = text.partition("=")
        try:
            if not sep:
                raise ValueError
            grid[name.strip()] = [float(v) for v in values.split(",") if v.strip()]
        except ValueError:
            raise InputError([Problem("--param", None, "--param", f"cannot read {text!r}",
                                      "write NAME=V1,V2,… e.g. pressure_weight=0,0.1,0.2")]) from None
    return grid


@app.command("sweep")
def sweep_cmd(
    cases: list[str] = typer.Argument(..., help="case files or built-in ids"),
    param: list[str] = typer.Option([], "--param", "-p",
                                    help="NAME=V1,V2,… (repeat for a grid over several)"),
    third_parties: str = typer.Option("all", "--third-parties", "-t",
                                      help="comma-separated: all, none, each, without:ID"),
    draws: int = typer.Option(2000, "--draws", "-n", min=100, max=1_000_000,
                              help="Monte Carlo draws per grid cell"),
    chunk: int = typer.Option(500, "--chunk", min=50, help="draws per task"),
    budget: str = budget_option("quick"),
    seed: int = seed_option(),
    executor: str = typer.Option("local", "--executor", "-x", help=SPEC_HELP),
    workers: int | None = typer.Option(None, "--workers", min=1,
                                       help="with --executor dask: workers (default: one per core)"),
    fmt: Fmt = typer.Option(Fmt.table, "--format", "-f", help="table, csv or json"),
    out: Path | None = typer.Option(None, "--out", "-o", help="write the frame here (CSV or JSON)"),
) -> None:
    """Sweep the ceasefire model: every case × parameter values × third-party variant.

    Draws are split into chunks run as separate tasks (same seed, same numbers on any
    executor). Columns: P(breakdown within 30/90/180/365 days) with its Monte Carlo
    standard error across chunks, and the median duration.

    * `jirga sweep pakistan-ttp-2022 -p pressure_weight=0,0.1,0.2,0.3 -t all,none`
    * `jirga sweep pakistan-ttp-2022 colombia-farc-2012-2016 -t all,each --executor dask`
    """
    from jirga.analysis.budget import get_budget
    from jirga.analysis.executors import parse_spec
    from jirga.analysis.load import load_case
    from jirga.analysis.sweep import sweep

    grid = parse_grid(param)
    parse_spec(executor)
    get_budget(budget)
    loaded = [load_case(c) for c in cases]
    frame = sweep(loaded, grid, [t.strip() for t in third_parties.split(",") if t.strip()],
                  draws=draws, chunk_draws=chunk, seed=seed, budget=budget,
                  executor_spec=executor, workers=workers)
    if out is not None:
        if out.suffix == ".json":
            frame.to_json(out, orient="records", indent=1)
        else:
            frame.to_csv(out, index=False)
    if fmt == Fmt.csv:
        print(frame.to_csv(index=False), end="")
        return
    if fmt == Fmt.json:
        print(frame.to_json(orient="records", indent=1))
        return
    table = Table(title=f"sweep: {len(frame)} cells, {draws:,} draws each, budget {budget}, seed {seed}")
    shown = ["case", "third_parties", *sorted(grid), "median_days",
             "p_break_90d", "p_break_180d", "p_break_365d"]
    for col in shown:
        table.add_column(col, justify="left" if col in ("case", "third_parties") else "right")
    for r in frame.to_dict(orient="records"):
        table.add_row(*(f"{r[c]:.3f}" if isinstance(r[c], float) and c.startswith("p_")
                        else f"{r[c]:g}" if isinstance(r[c], float) else str(r[c]) for c in shown))
    console.print(table)
    a = frame.attrs
    console.print(f"executor {a['executor']} ({a['workers']} worker(s)): {a['seconds']:.1f} s",
                  highlight=False)
