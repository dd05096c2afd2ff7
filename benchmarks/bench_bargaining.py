"""Speed of the bargaining model; prints figures (best of several repeats).

Run: ``PYTHONPATH=src python benchmarks/bench_bargaining.py``

Targets (issue 3): one 10-round run on ExampleActors ≤ 5 ms; ChinaData (24 actors)
≤ 20 ms; 10,000 Monte Carlo draws of a 10-actor issue × 10 rounds ≤ 2 s, with the
per-draw cost against a one-draw-at-a-time loop. The machine is shared, so each
figure is the best of ``REPEATS`` runs.
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pandas as pd

from jirga.models.bargaining.engine import Params, simulate
from jirga.models.bargaining.montecarlo import simulate_chunked

REF = Path(__file__).resolve().parents[1] / ".." / "shared" / "refdata"
REPEATS = 5


def best(fn, repeats: int = REPEATS) -> float:
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    ea = pd.read_csv(REF / "ExampleActors.csv")
    ea_in = (ea.Position.to_numpy(float), ea.Capability.to_numpy(float), ea.Salience / 100.0)
    ch = pd.read_csv(REF / "ChinaData.csv")
    ch_in = ((ch.Position / 100).to_numpy(), (ch.Resources / ch.Resources.sum()).to_numpy(),
             (ch.Salience / 100).to_numpy())
    print(f"numpy {np.__version__}; best of {REPEATS} runs; shared 2-core machine")
    for variant in ("scholz", "bdm"):
        t = best(lambda v=variant: simulate(*ea_in, rounds=10, variant=v), 20)
        print(f"ExampleActors (10 actors), 10 rounds, {variant:6s}: {t * 1e3:7.2f} ms  "
              "(target ≤ 5 ms)")
        t = best(lambda v=variant: simulate(*ch_in, rounds=10, variant=v), 20)
        print(f"ChinaData (24 actors),     10 rounds, {variant:6s}: {t * 1e3:7.2f} ms  "
              "(target ≤ 20 ms)")

    rng = np.random.default_rng(0)
    draws, n = 10_000, 10
    x = rng.uniform(0, 100, (draws, n))
    c = rng.uniform(1, 100, (draws, n))
    s = rng.uniform(0.1, 1, (draws, n))
    loop_n = 200
    for variant in ("scholz", "bdm"):
        p = Params(variant=variant)
        t_mc = best(lambda p=p: simulate_chunked(x, c, s, 10, p), 3)
        t_loop = best(lambda p=p: [simulate(x[d], c[d], s[d], 10, p) for d in range(loop_n)], 3)
        per_vec = t_mc / draws * 1e6
        per_loop = t_loop / loop_n * 1e6
        print(f"Monte Carlo {draws:,} draws × {n} actors × 10 rounds, {variant:6s}: "
              f"{t_mc:6.2f} s (target ≤ 2 s) — {per_vec:6.1f} µs/draw vectorised vs "
              f"{per_loop:7.1f} µs/draw one at a time ({per_loop / per_vec:.0f}× faster)")


if __name__ == "__main__":
    main()
