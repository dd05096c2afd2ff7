"""Fuzz every entry point with N inputs each and print the counts (issue 14's "done when").

Usage: ``PYTHONPATH=src python scripts/fuzz_all.py [N=10000] [SEED=0] [ENTRY…]``

For each entry point (the case loader; the ACLED, UCDP, GDELT and jirga CSV importers) it
prints inputs tried, accepted, refused cleanly, tracebacks, hangs (over 10 s, stopped by an
alarm) and the slowest input. The first tracebacks are printed with the input's seed, so
``mutate(random.Random(seed))`` reproduces them. Deterministic for a given SEED.
"""

from __future__ import annotations

import random
import signal
import sys
import time
import traceback
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

HANG = 10  # seconds


class Hang(Exception):
    pass


def _alarm(signum, frame):
    raise Hang()


def fuzz(name: str, mutate, run, n: int, seed: int) -> dict:
    counts: Counter = Counter()
    worst = (0.0, None)
    shown = 0
    signal.signal(signal.SIGALRM, _alarm)
    for i in range(n):
        s = seed * 1_000_003 + i
        data = mutate(random.Random(s))
        t0 = time.perf_counter()
        signal.alarm(HANG)
        try:
            counts[run(data)] += 1
        except Hang:
            counts["hang"] += 1
        except Exception:  # noqa: BLE001 - a traceback is what we count
            counts["traceback"] += 1
            if shown < 3:
                shown += 1
                print(f"--- {name}: traceback for seed {s}:\n{traceback.format_exc(limit=4)}",
                      file=sys.stderr)
        finally:
            signal.alarm(0)
        dt = time.perf_counter() - t0
        if dt > worst[0]:
            worst = (dt, s)
    return {"tried": n, **counts, "max_s": worst[0], "slowest_seed": worst[1]}


def main(argv: list[str]) -> int:
    from tests.hardening.fuzzing import ENTRY_POINTS

    n = int(argv[0]) if argv else 10_000
    seed = int(argv[1]) if len(argv) > 1 else 0
    names = argv[2:] or list(ENTRY_POINTS)
    print(f"{'entry point':<18} {'tried':>7} {'accepted':>9} {'refused':>8} {'traceback':>10} "
          f"{'hang':>5} {'max s':>7} {'total s':>8}  slowest seed")
    bad = 0
    for name in names:
        mutate, run = ENTRY_POINTS[name]
        t0 = time.perf_counter()
        r = fuzz(name, mutate, run, n, seed)
        bad += r.get("traceback", 0) + r.get("hang", 0)
        print(f"{name:<18} {r['tried']:>7,} {r.get('ok', 0):>9,} {r.get('refused', 0):>8,} "
              f"{r.get('traceback', 0):>10,} {r.get('hang', 0):>5,} {r['max_s']:>7.2f} "
              f"{time.perf_counter() - t0:>8.1f}  {r['slowest_seed']}", flush=True)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
