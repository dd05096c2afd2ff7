"""Run in a subprocess by the fault tests: things a test process cannot survive itself.

``python -m tests.hardening.fault_worker SCENARIO ARGS…``

- ``kill DB CSV N``: import CSV into DB and SIGKILL this process once N rows were read
  (a real ``kill -9``: no handler, no finally, no atexit runs).
- ``killmerge DB CSV``: the same, but SIGKILL inside the merge transaction, after the rows
  were inserted into ``events`` and before COMMIT.
- ``hold DB SECONDS``: open DB for writing and hold it (a concurrent writer's lock).
- ``import DB CSV``: the CLI's ``events import``; prints the exit code.
- ``diskfull DIR SRC BIG``: inside a user+mount namespace, mount a 2 MB tmpfs on DIR, import
  SRC into DIR/e.duckdb, then BIG (too big for the disk), then export to the full disk; print
  JSON with what happened.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path


def make_csv(path: Path, rows: int, prefix: str = "e") -> Path:
    """A jirga CSV of ``rows`` distinct events (fast to write, slow enough to import)."""
    with path.open("w", encoding="utf-8") as fh:
        fh.write("id,date,source,target,cameo,description\n")
        for i in range(rows):
            fh.write(f"{prefix}{i},2022-{1 + i % 12:02d}-{1 + i % 28:02d},TTP,PAK_GOV,190,"
                     f"attack number {i} reported by a source\n")
    return path


def _kill(db: str, csv: str, n: str) -> None:
    from jirga.events.store import import_file

    at = int(n)

    def progress(k: int) -> None:
        if k >= at:
            os.kill(os.getpid(), signal.SIGKILL)

    import_file(csv, db, format="jirga-csv", progress=progress)


def _killmerge(db: str, csv: str) -> None:
    from jirga.events.store import EventStore, import_file

    merge = EventStore._merge

    def merge_then_die(self, staging: str) -> None:
        merge(self, staging)
        os.kill(os.getpid(), signal.SIGKILL)

    EventStore._merge = merge_then_die
    import_file(csv, db, format="jirga-csv")


def _hold(db: str, seconds: str) -> None:
    from jirga.events.store import EventStore

    with EventStore(db):
        print("holding", flush=True)
        time.sleep(float(seconds))


def _import(db: str, csv: str) -> None:
    from jirga.cli import main

    code = main(["events", "import", csv, "--db", db, "--format", "jirga-csv"])
    print(f"exit {code}", flush=True)


def _diskfull(folder: str, src: str, big: str) -> None:
    """Runs as (namespaced) root: mount, import, fill, report."""
    from jirga.cli import main
    from jirga.errors import InputError
    from jirga.events.store import EventStore, import_file

    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", folder], check=True)
    db = Path(folder) / "e.duckdb"
    out: dict = {}
    out["first"] = import_file(src, db, format="jirga-csv").added
    try:
        import_file(big, db, format="jirga-csv")
        out["big"] = "imported"
    except InputError as exc:
        out["big"] = str(exc)
        out["big_type"] = type(exc).__name__
    out["big_cli_exit"] = main(["events", "import", big, "--db", str(db), "--format",
                                "jirga-csv"])
    with EventStore(db, read_only=True) as store:
        out["count_after"] = store.count()
    filler = Path(folder) / "filler"
    with filler.open("wb") as fh:  # take the rest of the disk
        try:
            while True:
                fh.write(b"x" * 65536)
                fh.flush()
        except OSError:
            pass
    code = main(["events", "export", "--db", str(db), "--format", "csv", "--out",
                 str(Path(folder) / "all.csv")])
    out["export_exit"] = code
    out["export_left"] = sorted(p.name for p in Path(folder).iterdir() if "all" in p.name)
    filler.unlink()
    subprocess.run(["mount", "-o", "remount,ro", folder], check=True)
    try:
        import_file(src, db, format="jirga-csv")
        out["readonly"] = "imported"
    except InputError as exc:
        out["readonly"] = str(exc)
    print(json.dumps(out), flush=True)


if __name__ == "__main__":
    scenario, *args = sys.argv[1:]
    scenarios = {"kill": _kill, "killmerge": _killmerge, "hold": _hold, "import": _import,
                 "diskfull": _diskfull}
    scenarios[scenario](*args)
