"""Benchmark the spatial model on KTAB's data sets; prints figures, asserts nothing.

    PYTHONPATH=src python benchmarks/bench_spatial.py [--repeat 3] [--synthetic 20,40,80,160,320]

Reports the best of ``--repeat`` runs (the machine is shared; the best run is the
least disturbed one), time per turn by actor count with the fitted growth
exponent, and the peak memory of the a160 run (tracemalloc: bytes allocated by
Python and numpy during the run; ru_maxrss: the whole process's high-water mark).
"""

from __future__ import annotations

import argparse
import resource
import time
import tracemalloc
from pathlib import Path

import numpy as np

from jirga.case.formats.ktab import read_ktab_csv
from jirga.models.spatial.engine import SpatialInput, run_spatial, spatial_input

REFDATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "refdata"
KTAB = {"SOE-Policy": 1.9, "dummyData-a040": 8.0, "dummyData-a080": 61.0,
        "dummyData-a160": 1148.0}  # KTAB optimised build, from shared/models/spatial-pce.md
TARGET = {"dummyData-a080": 2.0, "dummyData-a160": 30.0}


def best_time(inp, repeat: int):
    best, res = np.inf, None
    for _ in range(repeat):
        t0 = time.perf_counter()
        res = run_spatial(inp)
        best = min(best, time.perf_counter() - t0)
    return best, res


def synthetic(n: int, seed: int = 0) -> SpatialInput:
    rng = np.random.default_rng(seed)
    return SpatialInput(actors=[f"A{i}" for i in range(n)], dims=["x"],
                        capability=rng.uniform(0.5, 2.0, n), position=rng.uniform(0, 100, (n, 1)),
                        salience=rng.uniform(0.3, 0.8, (n, 1)))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--synthetic", default="", help="comma-separated actor counts, 1 dimension")
    args = ap.parse_args()

    print(f"{'data set':<16}{'actors':>7}{'turns':>6}{'best s':>9}{'s/turn':>9}"
          f"{'KTAB s':>9}{'speed-up':>9}  target")
    sizes, per_turn = [], []
    for name in ["dummyData_3Dim", "SOE-Policy", "dummyData-a040", "dummyData-a080",
                 "dummyData-a160"]:
        inp = spatial_input(read_ktab_csv(REFDATA / f"{name}.csv"))
        rep = 1 if name.endswith("a160") else args.repeat
        t, res = best_time(inp, rep)
        na = len(res.actors)
        ktab = KTAB.get(name)
        tgt = TARGET.get(name)
        print(f"{name:<16}{na:>7}{res.turns:>6}{t:>9.3f}{t / res.turns:>9.4f}"
              f"{ktab if ktab else '':>9}{(f'{ktab / t:.0f}x' if ktab else ''):>9}  "
              + (f"<= {tgt} s: {'ok' if t <= tgt else 'MISSED'}" if tgt else ""))
        if len(res.dims) == 1:
            sizes.append(na)
            per_turn.append(t / res.turns)
    for n in [int(x) for x in args.synthetic.split(",") if x]:
        t, res = best_time(synthetic(n), 1)
        print(f"{'synthetic':<16}{n:>7}{res.turns:>6}{t:>9.3f}{t / res.turns:>9.4f}")
        sizes.append(n)
        per_turn.append(t / res.turns)

    order = np.argsort(sizes)
    x, y = np.log(np.array(sizes)[order]), np.log(np.array(per_turn)[order])
    slope = np.polyfit(x, y, 1)[0]
    print(f"\ntime per turn grows as n^{slope:.2f} over n = {sorted(sizes)} "
          "(work is n^3 per turn; small n is dominated by fixed per-turn overhead)")
    for k in range(1, len(order)):
        a, b = order[k - 1], order[k]
        print(f"  n {sizes[a]:>4} -> {sizes[b]:>4}: x{per_turn[b] / per_turn[a]:.1f} per turn "
              f"(local exponent "
              f"{np.log(per_turn[b] / per_turn[a]) / np.log(sizes[b] / sizes[a]):.2f})")

    # KTAB also logs every estimator's view of every challenge (n^4 per turn)
    from jirga.models.spatial import core

    inp = spatial_input(read_ktab_csv(REFDATA / "dummyData-a080.csv"))
    pos, cap, sal = inp.position / 100, inp.capability, inp.salience
    a, d = core.assess(pos, cap, sal, core.Options(), with_challenges=False)
    t0 = time.perf_counter()
    core.challenge_estimates(d, a.risk, cap, sal.sum(axis=1), core.Options())
    print(f"\nall 80 estimators' views of all 80x79 challenges of a080 (KTAB's n^4 logging work), "
          f"one turn: {time.perf_counter() - t0:.2f} s")

    inp = spatial_input(read_ktab_csv(REFDATA / "dummyData-a160.csv"))
    tracemalloc.start()
    run_spatial(inp)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"\na160 peak memory: {peak / 2**20:.1f} MiB allocated during the run (tracemalloc); "
          f"process high-water mark {rss:.0f} MiB (ru_maxrss, incl. numpy/pandas/plotly imports); "
          f"target <= 2048 MiB: {'ok' if rss <= 2048 else 'MISSED'}")


if __name__ == "__main__":
    main()
