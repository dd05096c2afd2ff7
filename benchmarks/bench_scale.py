"""Local vs Dask throughput for the three scale-out workloads (issue 15).

* **evaluation**: the full per-agreement procedure on N ETH/PRIO ceasefires (quick budget);
* **sweep**: the built-in case, pressure_weight × third parties, draws in chunks;
* **import**: a folder of GDELT 2.0 export files (copies of the real 100-row sample with
  fresh event ids, 2,000 rows a file: about one 15-minute GDELT 2.0 file each).

Each workload runs local and on a LocalCluster in turn (local, dask, local, dask, …) and
the ratio is taken pair by pair, so a machine whose speed drifts (shared cores) still gives
a fair ratio. The cluster is started once, before the pairs; its start-up is printed apart.

    PYTHONPATH=src python benchmarks/bench_scale.py [--pairs 2] [--workers 2] [--ceasefires 12]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REFDATA = ROOT.parent / "shared" / "refdata"
GDELT2 = REFDATA / "events" / "gdelt" / "gdelt2_export_sample_100rows.tsv"
ETHPRIO = REFDATA / "ceasefires" / "ethprio_cf_ceasefire_level.csv"


def gdelt_folder(where: Path, files: int, rows: int) -> int:
    """``files`` GDELT 2.0 export files of ``rows`` rows, ids unique across them; bytes written."""
    lines = [ln for ln in GDELT2.read_text(encoding="utf-8").splitlines() if ln.strip()]
    where.mkdir(parents=True, exist_ok=True)
    size = 0
    for f in range(files):
        out = []
        for r in range(rows):
            parts = lines[r % len(lines)].split("\t")
            parts[0] = str(10_000_000_000 + f * rows + r)
            parts[1] = f"201502{1 + (f % 28):02d}"  # one month: as a real file's rows mostly are
            out.append("\t".join(parts))
        text = "\n".join(out) + "\n"
        (where / f"2015021{f:04d}.export.CSV").write_text(text, encoding="utf-8")
        size += len(text.encode("utf-8"))
    return size


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pairs", type=int, default=2)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--ceasefires", type=int, default=12)
    ap.add_argument("--files", type=int, default=16)
    ap.add_argument("--rows", type=int, default=2000)
    args = ap.parse_args()

    from jirga.analysis.corpus import evaluate_corpus
    from jirga.analysis.executors import DaskExecutor, Executor
    from jirga.analysis.load import load_case
    from jirga.analysis.sweep import sweep
    from jirga.case.formats.ethprio import read_ethprio
    from jirga.events.bulk import import_bulk

    frame = read_ethprio(ETHPRIO)
    case = load_case("pakistan-ttp-2022")
    tmp = Path(tempfile.mkdtemp(prefix="bench-scale-"))
    nbytes = gdelt_folder(tmp / "gdelt", args.files, args.rows)
    t0 = time.perf_counter()
    cluster = DaskExecutor(workers=args.workers)
    start_s = time.perf_counter() - t0
    local = Executor()
    print(f"machine: {os.cpu_count()} cores (shared with other jobs); LocalCluster of "
          f"{args.workers} worker processes started in {start_s:.1f} s (not in the figures)")

    def evaluation(ex):
        t = time.perf_counter()
        ev = evaluate_corpus(frame, "quick", 0, ex, limit=args.ceasefires)
        return time.perf_counter() - t, ev.forecasts.round(12)

    def grid(ex):
        t = time.perf_counter()
        f = sweep(case, {"pressure_weight": [0.0, 0.1, 0.2]}, ["all", "none"], draws=2000,
                  chunk_draws=500, seed=0, budget="quick", executor_spec=ex)
        return time.perf_counter() - t, f

    def bulk(ex, run=[0]):  # noqa: B006 - a counter: every run writes a fresh root
        run[0] += 1
        t = time.perf_counter()
        s = import_bulk(tmp / "gdelt", tmp / f"s{run[0]}.duckdb", executor=ex)
        return time.perf_counter() - t, s.added

    work = {"evaluation": (evaluation, args.ceasefires, "ceasefires"),
            "sweep": (grid, 6 * 2000, "draws"),
            "import": (bulk, args.files * args.rows, "rows")}
    try:
        for name, (fn, units, unit) in work.items():
            ratios, times = [], {"local": [], "dask": []}
            first = {}
            for _ in range(args.pairs):
                for label, ex in (("local", local), ("dask", cluster)):
                    secs, out = fn(ex)
                    times[label].append(secs)
                    first.setdefault(label, out)
                ratios.append(times["local"][-1] / times["dask"][-1])
            same = (first["local"].equals(first["dask"]) if hasattr(first["local"], "equals")
                    else first["local"] == first["dask"])
            lo, da = statistics.median(times["local"]), statistics.median(times["dask"])
            print(f"{name:>10}: {units:,} {unit}; local {lo:.2f} s ({units / lo:,.1f} {unit}/s), "
                  f"dask {da:.2f} s ({units / da:,.1f} {unit}/s); speed-up per pair "
                  f"{', '.join(f'{r:.2f}' for r in ratios)} (median {statistics.median(ratios):.2f}); "
                  f"identical results: {same}")
        print(f"import folder: {args.files} files, {nbytes / 1e6:.1f} MB")
    finally:
        cluster.close()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
