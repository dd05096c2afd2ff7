"""Events benchmark: sentences per second of the text coder, rows per second of each importer.

Run: ``PYTHONPATH=src python benchmarks/bench_events.py [--repeat 5]``

Figures are the best of ``--repeat`` runs, measured both as CPU time of this process
(``time.process_time``: one core, unaffected by other processes on a shared machine)
and as wall-clock time. The coder runs on the seed article's body repeated until it
holds ~1,000 sentences; the importers parse the real files in ../shared/refdata/events
(they do not write a store; ``store`` adds the DuckDB insert of the largest file).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from jirga.events.coder import Extractor
from jirga.events.importers import read_events
from jirga.events.store import import_file

ROOT = Path(__file__).resolve().parents[1]
REFDATA = ROOT.parent / "shared" / "refdata"
EVENTS = REFDATA / "events"
SEED = REFDATA.parent / "seed" / "000_7ba780a53b770a03.txt"
FILES = [
    ("acled 2020 export", EVENTS / "acled" / "acled_export_2020-04-27_2020-05-09_RPanlilio.csv"),
    ("acled 2015 old layout", EVENTS / "acled" / "acled_2015_pakistan_subset_katehara.csv"),
    ("ucdp ged", EVENTS / "ucdp" / "ucdpged_23.1_sample_uncertainUCDP.csv"),
    ("gdelt 2.0", EVENTS / "gdelt" / "gdelt2_export_sample_100rows.tsv"),
    ("gdelt 1.0", EVENTS / "gdelt" / "gdelt1_events_sample_100rows.tsv"),
]


def best(fn, repeat: int) -> tuple[float, float]:
    cpu, wall = float("inf"), float("inf")
    for _ in range(repeat):
        c0, w0 = time.process_time(), time.perf_counter()
        fn()
        cpu = min(cpu, time.process_time() - c0)
        wall = min(wall, time.perf_counter() - w0)
    return cpu, wall


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()

    text = SEED.read_text(encoding="utf-8")
    body = text.split("\n[1] ")[0]
    x = Extractor()
    per_copy = len(x.sentences(body))
    copies = max(1, 1000 // per_copy)
    big = "\n\n".join([body] * copies)
    n = len(x.sentences(big))
    x.extract(big)  # warm up
    cpu, wall = best(lambda: x.extract(big), args.repeat)
    print(f"coder: {n} sentences: {n / cpu:,.0f} sentences/s (CPU), {n / wall:,.0f} (wall)")

    for label, path in FILES:
        rows = sum(1 for _ in read_events(path))
        cpu, wall = best(lambda p=path: sum(1 for _ in read_events(p)), args.repeat)
        print(f"import {label}: {rows} rows: {rows / cpu:,.0f} rows/s (CPU), "
              f"{rows / wall:,.0f} (wall)")

    label, path = FILES[0]
    rows = sum(1 for _ in read_events(path))

    def store_once() -> None:
        with tempfile.TemporaryDirectory() as tmp:
            import_file(path, Path(tmp) / "b.duckdb")

    cpu, wall = best(store_once, max(1, args.repeat // 2))
    print(f"store {label} (parse + DuckDB insert): {rows / cpu:,.0f} rows/s (CPU), "
          f"{rows / wall:,.0f} (wall)")


if __name__ == "__main__":
    main()
