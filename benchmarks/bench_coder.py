"""Coder throughput: sentences per second on one core, for articles and for ACLED notes.

usage: PYTHONPATH=src python benchmarks/bench_coder.py [REFDATA]

Reads the article corpus and the ACLED notes under REFDATA (default ../shared/refdata),
codes each text several times in one process (one core) and prints sentences/s. Not a
timed test: the figure depends on the machine, which it names.
"""

from __future__ import annotations

import os
import platform
import sys
import time
from pathlib import Path


def main(argv: list[str]) -> int:
    from jirga.case.io import load_case
    from jirga.events.coder.acled_eval import find_files, read_rows
    from jirga.events.coder.evaluate import find_articles
    from jirga.events.coder.extract import Extractor
    from jirga.events.coder.notes import code_note

    root = Path(argv[1]) if len(argv) > 1 else Path("../shared/refdata")
    arts = find_articles(root)
    pairs = [(Extractor(load_case(a.case_path)), a.path.read_text(encoding="utf-8"))
             for a in arts]
    n_sent = sum(len(ex.sentences(t)) for ex, t in pairs)
    reps = 5
    t0 = time.process_time()
    for _ in range(reps):
        for ex, t in pairs:
            ex.extract(t)
    dt_art = time.process_time() - t0
    notes = [r["notes"] for p in find_files(root) for r in read_rows(p) if r.get("notes")]
    ex = Extractor(None)
    ex.require_target = False
    t0 = time.process_time()
    for note in notes:
        code_note(ex, note, None)
    dt_notes = time.process_time() - t0
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}")
    print(f"articles: {len(arts)} texts, {n_sent} sentences x {reps}: "
          f"{reps * n_sent / dt_art:,.0f} sentences/s (CPU time, one core)")
    print(f"ACLED notes (rules + classifier): {len(notes)} notes: "
          f"{len(notes) / dt_notes:,.0f} notes/s (CPU time, one core)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
