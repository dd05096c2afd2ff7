"""Issue 14, faults: kill -9 mid-import, a full disk, a read-only disk, concurrent writers.

Each runs the fault in a subprocess (tests/hardening/fault_worker.py) and checks the store
afterwards: no leftover scratch table, no partial data, a clean message (exit code 2).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from jirga.errors import ResourceError
from jirga.events.store import EventStore, import_file
from tests.hardening.fault_worker import make_csv

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{ROOT}"}


def worker(*args: str, timeout: float = 120, prefix: list[str] | None = None
           ) -> subprocess.CompletedProcess:
    return subprocess.run([*(prefix or []), sys.executable, "-m", "tests.hardening.fault_worker",
                           *args], env=ENV, cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout)


def staging_tables(db: Path) -> list[str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() "
                                          "WHERE table_name LIKE '%staging%'").fetchall()]
    finally:
        con.close()


def test_kill_9_mid_import_leaves_nothing(tmp_path: Path) -> None:
    db = tmp_path / "e.duckdb"
    import_file(make_csv(tmp_path / "first.csv", 50, "f"), db, format="jirga-csv")
    big = make_csv(tmp_path / "big.csv", 30_000)
    for _ in range(2):  # leftovers used to accumulate, one per killed import
        proc = worker("kill", str(db), str(big), "12000")
        assert proc.returncode == -9, proc.stderr
    assert staging_tables(db), "the kill should leave a scratch table for the next open"
    with EventStore(db) as store:
        assert store.count() == 50  # no partial data
        assert store.dropped_staging
    assert staging_tables(db) == []
    stats = import_file(big, db, format="jirga-csv")  # and the store still works
    assert stats.added == 30_000


def test_kill_9_inside_the_merge_transaction(tmp_path: Path) -> None:
    db = tmp_path / "e.duckdb"
    import_file(make_csv(tmp_path / "first.csv", 50, "f"), db, format="jirga-csv")
    big = make_csv(tmp_path / "big.csv", 20_000)
    proc = worker("killmerge", str(db), str(big))
    assert proc.returncode == -9, proc.stderr
    with EventStore(db) as store:
        assert store.count() == 50  # the uncommitted merge is gone
        assert store.con.execute("SELECT count(*) FROM imports").fetchone()[0] == 1
    assert staging_tables(db) == []


def test_lock_conflict_names_another_process(tmp_path: Path) -> None:
    db = tmp_path / "e.duckdb"
    import_file(make_csv(tmp_path / "a.csv", 10), db, format="jirga-csv")
    holder = subprocess.Popen([sys.executable, "-m", "tests.hardening.fault_worker", "hold",
                               str(db), "30"], env=ENV, cwd=ROOT, stdout=subprocess.PIPE,
                              text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        with pytest.raises(ResourceError) as info:
            import_file(make_csv(tmp_path / "b.csv", 10, "b"), db, format="jirga-csv")
        msg = str(info.value)
        assert f"another jirga process (PID {holder.pid}) is using the store" in msg
        assert "made by jirga" not in msg
    finally:
        holder.kill()
        holder.wait()
    assert db.exists()


def test_concurrent_writers(tmp_path: Path) -> None:
    """Two imports at once: each either imports or exits 2 with the lock message; nothing is
    lost or doubled, and the one that lost can simply run again."""
    db = tmp_path / "e.duckdb"
    import_file(make_csv(tmp_path / "seed.csv", 5, "s"), db, format="jirga-csv")
    files = [make_csv(tmp_path / f"w{k}.csv", 20_000, f"w{k}_") for k in range(2)]
    procs = [subprocess.Popen([sys.executable, "-m", "tests.hardening.fault_worker", "import",
                               str(db), str(f)], env=ENV, cwd=ROOT, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for f in files]
    results = [p.communicate(timeout=180) for p in procs]
    for (out, err), f in zip(results, files, strict=True):
        assert "Traceback" not in err
        if "exit 2" in out:
            assert "another jirga process" in " ".join(err.split())
            import_file(f, db, format="jirga-csv")
        else:
            assert "exit 0" in out, (out, err)
    with EventStore(db, read_only=True) as store:
        frame = store.query()
    assert len(frame) == 40_005 and frame["id"].is_unique


def _can_namespace() -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "--user", "--map-root-user", "--mount", "true"],
                           capture_output=True)
    return probe.returncode == 0


@pytest.mark.skipif(not _can_namespace(), reason="no user+mount namespaces for a small tmpfs")
def test_full_and_read_only_disk(tmp_path: Path) -> None:
    mnt = tmp_path / "mnt"
    mnt.mkdir()
    src = make_csv(tmp_path / "small.csv", 100, "s")
    big = make_csv(tmp_path / "big.csv", 400_000)
    proc = worker("diskfull", str(mnt), str(src), str(big), timeout=300,
                  prefix=["unshare", "--user", "--map-root-user", "--mount"])
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out["first"] == 100
    assert out["big_type"] == "ResourceError" and "the disk is full" in out["big"]
    assert "the store is as it was" in out["big"] and out["big_cli_exit"] == 2
    assert out["count_after"] == 100  # nothing half-written
    assert out["export_exit"] == 2 and out["export_left"] == []  # no half-written export
    assert "permission denied (or a read-only disk)" in out["readonly"]


def test_dev_full_and_folder_outputs(tmp_path: Path, capsys) -> None:
    """Python-side writes on a full disk (Linux's /dev/full answers every write ENOSPC) and an
    export --out that is a folder: clean messages, before the query for the folder."""
    from jirga.cli import main
    from jirga.paths import writing

    if Path("/dev/full").exists():
        with pytest.raises(ResourceError, match="disk is full"), writing("/dev/full", "--out"):
            with open("/dev/full", "w", encoding="utf-8") as fh:
                fh.write("x" * 100_000)
    db = tmp_path / "e.duckdb"
    import_file(make_csv(tmp_path / "a.csv", 10), db, format="jirga-csv")
    code = main(["events", "export", "--db", str(db), "--out", str(tmp_path)])
    assert code == 2 and "--out: is a folder" in " ".join(capsys.readouterr().err.split())


def test_open_problem_tells_lock_from_other_errors(tmp_path: Path) -> None:
    from jirga.events.store import open_problem

    lock = open_problem(tmp_path / "e.duckdb", duckdb.IOException(
        'IO Error: Could not set lock on file "e.duckdb": Conflicting lock is held in '
        "/usr/bin/python3 (PID 4242) by user root."))
    assert isinstance(lock, ResourceError) and "(PID 4242) is using the store" in str(lock)
    other = open_problem(tmp_path / "e.duckdb", duckdb.IOException("Could not read block 7"))
    assert not isinstance(other, ResourceError) and "made by jirga" in str(other)
