"""The event store: one embedded DuckDB file (default ``./jirga.duckdb``).

- One table ``events`` keyed by (dataset, original_id): importing the same file
  twice adds nothing the second time; overlapping exports add only the new rows.
- Each import is atomic: the file is read into a scratch table (batch by batch, so
  memory stays flat for multi-GB files), and only a file read without error is merged
  into ``events``, in one transaction. A file with bad rows (without
  ``--skip-bad-rows``) or an interrupted import leaves ``events`` exactly as it was. A
  store file that the failed import itself created is removed again.
- No PRIMARY KEY index (DuckDB keeps those in memory); uniqueness of
  (dataset, original_id) is kept by the merge's anti-join.
- ``imports`` logs every import (file, format, rows read, added, duplicates, rejected).
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import pandas as pd
import pyarrow as pa

from jirga.errors import InputError, Problem, ResourceError
from jirga.events.importers import ImportStats, read_events
from jirga.events.importers.record import COLUMNS, EventRecord
from jirga.vocab.dates import DateError, parse_fuzzy

if TYPE_CHECKING:
    from jirga.case.schema import Case

DEFAULT_DB = "jirga.duckdb"
BATCH = 5000
# DuckDB spills to its temp directory beyond this, so imports run in bounded memory
MEMORY_LIMIT = "512MB"

_TYPES = {
    "earliest": pa.date32(), "latest": pa.date32(), "goldstein": pa.float64(),
    "quad_class": pa.int32(), "lat": pa.float64(), "lon": pa.float64(),
    "fatalities": pa.int64(), "fatalities_low": pa.int64(), "fatalities_high": pa.int64(),
}
SCHEMA = pa.schema([(c, _TYPES.get(c, pa.string())) for c in COLUMNS])
_SQL_TYPES = {pa.date32(): "DATE", pa.float64(): "DOUBLE", pa.int32(): "INTEGER",
              pa.int64(): "BIGINT", pa.string(): "VARCHAR"}

# No PRIMARY KEY: DuckDB keeps such an index in memory, which a multi-GB import would fill.
# Uniqueness of (dataset, original_id) is kept by the anti-join in EventStore._merge.
_COLUMNS_SQL = ", ".join(f"{f.name} {_SQL_TYPES[f.type]}" for f in SCHEMA)
_DDL = (
    f"CREATE TABLE IF NOT EXISTS events ({_COLUMNS_SQL})",
    "CREATE TABLE IF NOT EXISTS imports (file VARCHAR, format VARCHAR, imported_at TIMESTAMP, "
    "read BIGINT, added BIGINT, duplicates BIGINT, rejected BIGINT)",
)


class EventStore:
    """An open DuckDB event store. Use as a context manager or call :meth:`close`."""

    def __init__(self, path: str | Path = DEFAULT_DB, read_only: bool = False):
        self.path = Path(path)
        self._created = not self.path.exists()
        if read_only and self._created:
            raise InputError([Problem(str(self.path), None, "--db", "no event store here",
                                      "import events first: jirga events import FILE",
                                      kind="row")])
        try:
            self.con = duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.Error as exc:
            raise open_problem(self.path, exc) from None
        try:
            # large imports: do not hold rows in memory to keep their order
            self.con.execute("SET preserve_insertion_order = false")
            self.con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
            if not read_only:
                for ddl in _DDL:
                    self.con.execute(ddl)
                self.dropped_staging = self._drop_leftover_staging()
        except duckdb.Error as exc:
            self.con.close()
            raise write_problem(self.path, exc) from None

    def __enter__(self) -> EventStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    def _drop_leftover_staging(self) -> list[str]:
        """Drop scratch tables left by imports that were killed (kill -9, power cut).

        Each staged batch is committed, so a killed import leaves its ``_staging_<pid>``
        table behind. Only one process can open the file for writing (DuckDB locks it), so
        a scratch table of another pid found here belongs to a process that is gone."""
        names = [r[0] for r in self.con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE table_name LIKE '\\_staging\\_%' "
            "ESCAPE '\\'").fetchall()]
        own = _staging_name()
        stale = [n for n in names if n != own and re.fullmatch(r"_staging_\d+", n)]
        for name in stale:
            self.con.execute(f"DROP TABLE IF EXISTS {name}")
        return stale

    def _rollback(self) -> None:
        try:
            self.con.execute("ROLLBACK")
        except duckdb.Error:
            pass  # DuckDB already aborted the transaction (a failed COMMIT does)

    def _drop(self, staging: str) -> None:
        try:
            self.con.execute(f"DROP TABLE IF EXISTS {staging}")
        except duckdb.Error:
            pass  # e.g. the disk is full: the next open drops it (_drop_leftover_staging)

    # ------------------------------------------------------------------ writing
    def count(self) -> int:
        return self.con.execute("SELECT count(*) FROM events").fetchone()[0]

    def _stage(self, records: Iterable[EventRecord], staging: str) -> None:
        """Append records to a scratch table, batch by batch (each batch committed, so neither
        Python nor DuckDB holds the file in memory)."""
        self.con.execute(f"CREATE OR REPLACE TABLE {staging} ({_COLUMNS_SQL})")
        for batch in _batched(records, BATCH):
            table = pa.Table.from_pylist([r.as_row() for r in batch], schema=SCHEMA)
            self.con.register("_batch", table)
            self.con.execute(f"INSERT INTO {staging} SELECT * FROM _batch")
            self.con.unregister("_batch")

    def _merge(self, staging: str) -> None:
        """Insert the staged rows whose (dataset, original_id) is new; repeats in the file and
        rows already stored are skipped."""
        cols = ", ".join(COLUMNS)
        self.con.execute(
            f"INSERT INTO events SELECT {cols} FROM ("
            f"  SELECT DISTINCT ON (dataset, original_id) {cols} FROM {staging}) s "
            "WHERE NOT EXISTS (SELECT 1 FROM events e "
            "                  WHERE e.dataset = s.dataset AND e.original_id = s.original_id)"
        )

    def add(self, records: Iterable[EventRecord]) -> int:
        """Add records; returns how many were new."""
        staging = _staging_name()
        try:
            self._stage(records, staging)
            before = self.count()
            self.con.execute("BEGIN TRANSACTION")
            try:
                self._merge(staging)
                self.con.execute("COMMIT")
            except BaseException:
                self._rollback()
                raise
            return self.count() - before
        except duckdb.Error as exc:
            raise write_problem(self.path, exc) from None
        finally:
            self._drop(staging)

    def import_file(self, path: str | Path, format: str | None = None, case: Case | None = None,
                    skip_bad_rows: bool = False, rejects: str | Path | None = None,
                    progress: Callable[[int], None] | None = None,
                    encoding: str = "utf-8-sig") -> ImportStats:
        """Import one file atomically; returns the counts.

        The file is read into a scratch table first; only when it has been read without
        error are its new rows merged into ``events``, in one transaction together with the
        ``imports`` log entry. A bad file or an interruption leaves ``events`` untouched.
        """
        stats = ImportStats(str(path), format or "")
        staging = _staging_name()
        try:
            records = read_events(path, format, case, skip_bad_rows, rejects, stats, encoding)
            if progress is not None:
                records = _tap(records, progress)
            self._stage(records, staging)
            before = self.count()
            self.con.execute("BEGIN TRANSACTION")
            try:
                self._merge(staging)
                after = self.con.execute("SELECT count(*) FROM events").fetchone()[0]
                stats.added = after - before
                stats.duplicates = stats.read - stats.added
                self.con.execute(
                    "INSERT INTO imports VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [str(path), stats.format, dt.datetime.now(dt.UTC).replace(tzinfo=None),
                     stats.read, stats.added, stats.duplicates, stats.rejected],
                )
                self.con.execute("COMMIT")
            except BaseException:
                self._rollback()
                raise
        except duckdb.Error as exc:
            raise write_problem(self.path, exc) from None
        finally:
            self._drop(staging)
        return stats

    # ------------------------------------------------------------------ reading
    def query(self, actor: str | None = None, since: str | None = None,
              until: str | None = None, code: str | None = None,
              dataset: str | None = None, limit: int | None = None) -> pd.DataFrame:
        """Events as a DataFrame, filtered; sorted by date then id."""
        where, params = [], []
        if actor:
            where.append("(source_id = ? OR target_id = ? OR source_text ILIKE ? "
                         "OR target_text ILIKE ?)")
            params += [actor, actor, f"%{actor}%", f"%{actor}%"]
        if since:
            where.append("latest >= ?")
            params.append(_date_arg(since, "--since").earliest)
        if until:
            where.append("earliest <= ?")
            params.append(_date_arg(until, "--until").latest)
        if code:
            if not code.isdigit():
                raise InputError([Problem("--code", None, "--code", f"'{code}' is not a CAMEO code",
                                          "give 2–4 digits, e.g. 19 or 0871", kind="row")])
            where.append("cameo LIKE ?")
            params.append(code + "%")
        if dataset:
            where.append("dataset = ?")
            params.append(dataset)
        sql = "SELECT * FROM events"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY earliest, id"
        if limit:
            sql += f" LIMIT {int(limit)}"
        return self.con.execute(sql, params).df()

    def imports(self) -> pd.DataFrame:
        return self.con.execute("SELECT * FROM imports ORDER BY imported_at").df()


def _staging_name() -> str:
    return f"_staging_{os.getpid()}"


def _lock_holder(message: str) -> str | None:
    m = re.search(r"PID (\d+)", message)
    return m.group(1) if m else None


def open_problem(path: Path, exc: duckdb.Error) -> InputError:
    """Why the store cannot be opened: locked by another process, not permitted, not DuckDB."""
    msg = str(exc)
    if "could not set lock" in msg.lower() or "conflicting lock" in msg.lower():
        pid = _lock_holder(msg)
        who = f"another jirga process (PID {pid})" if pid else "another jirga process"
        return ResourceError([Problem(str(path), None, "--db", f"{who} is using the store",
                                      "wait for it to finish (an import holds the store until "
                                      "it is done), or use another --db", kind="row")])
    if "permission denied" in msg.lower() or "read-only file system" in msg.lower():
        return ResourceError([Problem(str(path), None, "--db", "cannot open the store: "
                                      "permission denied (or a read-only disk)",
                                      "give a --db path you can write to", kind="row")])
    return InputError([Problem(str(path), None, "--db", f"cannot open as a DuckDB store: {exc}",
                               "give a .duckdb file made by jirga, or a new path", kind="row")])


def write_problem(path: Path, exc: duckdb.Error) -> ResourceError:
    """A failed write to the store (the transaction was rolled back: nothing half-written)."""
    msg = str(exc)
    low = msg.lower()
    if "no space left" in low or "disk is full" in low or "errno 28" in low:
        what = "the disk is full"
        fix = "free some space (or use a --db on another disk) and import again"
    elif "permission denied" in low or "read-only file system" in low:
        what = "permission denied (or a read-only disk)"
        fix = "give a --db path you can write to"
    else:
        what = f"the store could not be written ({msg.splitlines()[0][:200]})"
        fix = "check the disk and import again"
    return ResourceError([Problem(str(path), None, "--db", f"{what}; the store is as it was "
                                  "before this import", fix, kind="row")])


def _date_arg(text: str, option: str):
    try:
        return parse_fuzzy(text)
    except DateError as exc:
        raise InputError([Problem(option, None, option, str(exc), None, kind="row")]) from None


def import_file(path: str | Path, db: str | Path = DEFAULT_DB, **kwargs) -> ImportStats:
    """Open (or create) the store at ``db``, import ``path`` atomically, close.

    If the import fails and the store file did not exist before, it is removed.
    """
    db = Path(db)
    existed = db.exists()
    try:
        with EventStore(db) as store:
            return store.import_file(path, **kwargs)
    except BaseException:
        if not existed:
            for p in (db, Path(str(db) + ".wal")):
                p.unlink(missing_ok=True)
        raise


def _batched(items: Iterable, n: int):
    it = iter(items)
    while batch := list(itertools.islice(it, n)):
        yield batch


def _tap(records: Iterable[EventRecord], progress: Callable[[int], None]):
    n = 0
    for r in records:
        n += 1
        if n % 1000 == 0:
            progress(n)
        yield r
    progress(n)
