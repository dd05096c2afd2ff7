"""Bulk event data: a folder (or glob) of GDELT, UCDP or ACLED files into Parquet.

One DuckDB table is right for one file at a time; a year of GDELT 2.0 (35,000 export
files) is not. This module reads many files in parallel with :mod:`dask.dataframe` (one
partition per file, each parsed by the existing importer, so every row check and error
message is the same as ``jirga events import FILE``), filters by country or actor if
asked, and writes Parquet partitioned by source and month beside the DuckDB store::

    jirga-events/source=gdelt/month=2015-02/data.parquet

The store reads it in place through the view ``bulk_events`` (``read_parquet`` with
hive partitioning), so nothing is copied into DuckDB.

What keeps it safe:

* **Two phases.** Files are parsed into a staging folder inside the Parquet root; only
  then is each (source, month) partition merged with what is already there, written to a
  temporary file and renamed over ``data.parquet`` (``os.replace``: atomic). A reader sees
  the old partition or the new one, never half of one.
* **A failed file is reported, not written.** A file with bad rows (without
  ``skip_bad_rows``) or that cannot be read contributes nothing; the others are imported.
* **Idempotent**, as the DuckDB import is: rows are keyed by (dataset, original_id), a
  row already in its partition is not added again, and a partition with nothing new is
  not rewritten.
* **Interruptions.** A killed worker's task is re-run by Dask; a run that fails anyway
  leaves the partitions as they were (the staging folder is removed, stray temporary
  files are never named ``data.parquet`` and are cleared by the next run).
"""

from __future__ import annotations

import glob
import os
import shutil
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from jirga.errors import InputError, Problem

if TYPE_CHECKING:
    from jirga.case.schema import Case

PART_FILE = "data.parquet"
VIEW = "bulk_events"
KEY = ["dataset", "original_id"]
_FAILED = "_failed"


def _schema() -> pa.Schema:
    from jirga.events.store import SCHEMA

    return SCHEMA.append(pa.field("source", pa.string())).append(pa.field("month", pa.string()))


def parquet_root(db: str | Path) -> Path:
    """The Parquet folder beside a store: ``jirga.duckdb`` → ``jirga-events/``."""
    db = Path(db)
    return db.parent / f"{db.stem}-events"


def expand(target: str | Path) -> list[Path]:
    """The files a folder or a glob names, sorted; rejects files and hidden files are skipped."""
    text = str(target)
    if any(ch in text for ch in "*?["):
        paths = [Path(p) for p in glob.glob(text, recursive=True)]
    elif Path(text).is_dir():
        paths = list(Path(text).iterdir())
    else:
        paths = [Path(text)]
    files = sorted(p for p in paths if p.is_file() and not p.name.startswith(".")
                   and not p.name.endswith(".rejects.csv"))
    if not files:
        raise InputError([Problem(text, None, "", "no files found here",
                                  "give a folder of event files or a glob like 'gdelt/*.CSV'",
                                  kind="row")])
    return files


def _keep(frame: pd.DataFrame, countries: list[str], actors: list[str]) -> pd.DataFrame:
    """Rows in one of ``countries`` (the data set's own spelling: GDELT's FIPS code such as
    ``PK``, ACLED's and UCDP's country names) and involving one of ``actors`` (a case actor
    id, a GDELT actor code such as ``PAKGOV`` — matched as a prefix — or a name)."""
    if countries:
        wanted = {c.lower() for c in countries}
        frame = frame[frame["country"].fillna("").str.lower().isin(wanted)]
    if actors:
        hit = pd.Series(False, index=frame.index)
        for a in actors:
            low = a.lower()
            for side in ("source", "target"):
                hit |= frame[f"{side}_id"].fillna("") == a
                text = frame[f"{side}_text"].fillna("").str.lower()
                hit |= text.str.contains(f"[{low}", regex=False) | text.str.contains(low, regex=False)
        frame = frame[hit]
    return frame


def read_file(path: str, format: str | None = None, case: Case | None = None,
              countries: tuple[str, ...] = (), actors: tuple[str, ...] = (),
              skip_bad_rows: bool = False, rejects_dir: str | None = None,
              encoding: str = "utf-8-sig") -> pd.DataFrame:
    """One file as a frame of event rows plus ``source`` and ``month`` (``YYYY-MM`` of the
    earliest date); a file that fails is one row with ``source = "_failed"`` and the
    error in ``notes``, so the run can report it and write nothing of it."""
    from jirga.events.importers import read_events

    schema = _schema()
    try:
        rejects = None
        if skip_bad_rows and rejects_dir:
            rejects = Path(rejects_dir) / f"{Path(path).name}.rejects.csv"
        rows = [r.as_row() for r in read_events(path, format, case, skip_bad_rows, rejects,
                                                encoding=encoding)]
        for r in rows:
            r["source"] = r["dataset"]
            r["month"] = r["earliest"].strftime("%Y-%m")
        frame = pa.Table.from_pylist(rows, schema=schema).to_pandas(types_mapper=pd.ArrowDtype)
        return _keep(frame, list(countries), list(actors))
    except (InputError, OSError, UnicodeError) as exc:
        row = {c: None for c in schema.names}
        row.update({"source": _FAILED, "month": _FAILED, "origin": str(path), "notes": str(exc)})
        return pa.Table.from_pylist([row], schema=schema).to_pandas(types_mapper=pd.ArrowDtype)


def _meta() -> pd.DataFrame:
    return _schema().empty_table().to_pandas(types_mapper=pd.ArrowDtype)


def _merge_partition(spec: tuple[str, str, str]) -> dict[str, Any]:
    """Merge one staged (source, month) partition into the root: dedupe, temp file, rename.

    In Arrow throughout (no pandas round trip): rows already in the partition come first,
    so a repeat keeps the stored row; the result is sorted by (earliest, id).
    """
    import pyarrow.compute as pc

    from jirga.events.store import SCHEMA

    staged, final_dir, tmp_name = spec
    parts = sorted(Path(staged).glob("*.parquet"))
    new = (pa.concat_tables([pq.read_table(p, schema=SCHEMA) for p in parts])
           if parts else SCHEMA.empty_table())
    final = Path(final_dir) / PART_FILE
    old = pq.read_table(final, schema=SCHEMA) if final.exists() else SCHEMA.empty_table()
    merged = pa.concat_tables([old, new])
    merged = merged.append_column("_i", pa.array(range(merged.num_rows), pa.int64()))
    first = merged.group_by(KEY, use_threads=False).aggregate([("_i", "min")])["_i_min"]
    merged = merged.take(pc.sort_indices(first)).drop_columns(["_i"])
    added = merged.num_rows - old.num_rows
    if added > 0:
        merged = merged.sort_by([("earliest", "ascending"), ("id", "ascending")])
        final.parent.mkdir(parents=True, exist_ok=True)
        tmp = final.parent / tmp_name
        pq.write_table(merged, tmp)
        os.replace(tmp, final)
    return {"partition": str(Path(final_dir)), "added": int(added), "rows": int(merged.num_rows),
            "staged": int(new.num_rows)}


@dataclass
class BulkStats:
    """What one bulk import did."""

    files: int
    read: int = 0
    added: int = 0
    partitions: int = 0
    written: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)   # (file, reason)
    seconds: float = 0.0
    root: str = ""
    executor: str = "local"
    workers: int = 1

    @property
    def duplicates(self) -> int:
        return self.read - self.added


class InPlace:
    """Runs tasks here, in order: the default when no executor is given."""

    name = "local"
    workers = 1
    client = None

    def map(self, fn, items):
        return [fn(item) for item in items]


def import_bulk(target: str | Path, db: str | Path = "jirga.duckdb", format: str | None = None,
                case: Case | None = None, countries: tuple[str, ...] = (),
                actors: tuple[str, ...] = (), skip_bad_rows: bool = False,
                executor: Any = None, encoding: str = "utf-8-sig",
                root: str | Path | None = None) -> BulkStats:
    """Import every file of a folder or glob into partitioned Parquet beside ``db``.

    ``executor`` is a :class:`jirga.analysis.executors.Executor` (the caller opens and
    closes it: the events layer does not import the analysis layer above it); None runs
    everything here, with dask's synchronous scheduler for the parse.
    """
    import dask
    import dask.dataframe as dd

    t0 = time.perf_counter()
    files = expand(target)
    root = Path(root) if root is not None else parquet_root(db)
    root.mkdir(parents=True, exist_ok=True)
    for stray in root.glob("source=*/month=*/.tmp-*"):
        stray.unlink(missing_ok=True)
    run = uuid.uuid4().hex[:12]
    staging = root / f".staging-{run}"
    stats = BulkStats(files=len(files), root=str(root))
    try:
        ex = executor if executor is not None else InPlace()
        stats.executor, stats.workers = ex.name, ex.workers
        scheduler = ex.client if ex.client is not None else "sync"
        ddf = dd.from_map(read_file, [str(f) for f in files], format=format, case=case,
                          countries=tuple(countries), actors=tuple(actors),
                          skip_bad_rows=skip_bad_rows, rejects_dir=str(root / "rejects"),
                          encoding=encoding, meta=_meta(), enforce_metadata=False)
        with dask.config.set(scheduler=scheduler):
            ddf.to_parquet(str(staging), partition_on=["source", "month"], write_index=False,
                           name_function=lambda i: f"part-{i:06d}.parquet")
        failed = staging / f"source={_FAILED}"
        if failed.exists():
            bad = pd.concat([pd.read_parquet(p) for p in sorted(failed.rglob("*.parquet"))])
            stats.failed = sorted(zip(bad["origin"].astype(str), bad["notes"].astype(str),
                                      strict=True))
            shutil.rmtree(failed)
        specs = []
        for src_dir in sorted(staging.glob("source=*")):
            for month_dir in sorted(src_dir.glob("month=*")):
                final = root / src_dir.name / month_dir.name
                specs.append((str(month_dir), str(final), f".tmp-{run}-{len(specs)}.parquet"))
        results = ex.map(_merge_partition, specs)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    stats.added = sum(r["added"] for r in results)
    stats.partitions = len(results)
    stats.written = sum(1 for r in results if r["added"] > 0)
    stats.read = sum(r["staged"] for r in results)
    register_view(db, root)
    stats.seconds = time.perf_counter() - t0
    return stats


def register_view(db: str | Path, root: str | Path) -> None:
    """(Re)create the store's ``bulk_events`` view over the Parquet root, read in place."""
    from jirga.events.store import EventStore

    pattern = str(Path(root).resolve() / "source=*" / "month=*" / PART_FILE)
    if not glob.glob(pattern):
        return
    with EventStore(db) as store:
        store.con.execute(f"CREATE OR REPLACE VIEW {VIEW} AS SELECT * FROM read_parquet("
                          f"'{pattern}', hive_partitioning = true)")


def read_bulk(root: str | Path) -> pd.DataFrame:
    """Every row under a Parquet root, with ``source`` and ``month``, sorted by (source,
    month, earliest, id) — a stable order to compare runs by."""
    frames = []
    for part in sorted(Path(root).glob(f"source=*/month=*/{PART_FILE}")):
        f = pq.read_table(part).to_pandas()
        f["source"] = part.parent.parent.name.split("=", 1)[1]
        f["month"] = part.parent.name.split("=", 1)[1]
        frames.append(f)
    if not frames:
        return pd.DataFrame()
    out = pd.concat(frames, ignore_index=True)
    return out.sort_values(["source", "month", "earliest", "id"], kind="stable").reset_index(drop=True)


__all__ = ["PART_FILE", "VIEW", "BulkStats", "expand", "import_bulk", "parquet_root", "read_bulk",
           "read_file", "register_view"]
