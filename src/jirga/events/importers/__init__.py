"""Importers: ACLED, UCDP GED, GDELT and jirga CSV files → :class:`EventRecord`.

``read_events(path, format=None, case=None, skip_bad_rows=False)`` streams records;
bad rows either stop the import with an :class:`~jirga.errors.InputError` naming
file, row and column (up to :data:`MAX_PROBLEMS` of them), or, with
``skip_bad_rows``, go to a rejects CSV with their reason.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from jirga.errors import InputError, Problem
from jirga.events.actors import ActorDictionary
from jirga.events.importers import acled, gdelt, jirga_csv, ucdp
from jirga.events.importers._io import check_file, first_line, sniff_delimiter
from jirga.events.importers.record import COLUMNS, EventRecord, RowError
from jirga.paths import check_output, writing

if TYPE_CHECKING:
    from jirga.case.schema import Case

FORMATS = {"acled": acled, "ucdp": ucdp, "gdelt": gdelt, "jirga-csv": jirga_csv}
MAX_PROBLEMS = 20

__all__ = ["COLUMNS", "FORMATS", "EventRecord", "ImportStats", "detect_format", "read_events"]


def detect_format(path: Path, encoding: str = "utf-8-sig") -> str:
    """Guess the format from the first line; InputError when none fits."""
    check_file(path, encoding)
    line = first_line(path, encoding)
    if gdelt.detect_line(line):
        return "gdelt"
    header = next(csv.reader([line], delimiter=sniff_delimiter(path, encoding)))
    for name in ("acled", "ucdp", "jirga-csv"):
        if FORMATS[name].detect(header):
            return name
    if line.count("\t") == 15:
        raise InputError([Problem(str(path), 1, "", "this is a GDELT 2.0 mentions file, not an "
                                  "event export", "import the matching *.export.CSV file",
                                  kind="row")])
    raise InputError([Problem(str(path), 1, "", "cannot tell the format from the first line "
                              f"({line[:80]!r})",
                              "pass --format acled|ucdp|gdelt|jirga-csv, or check this is an "
                              "ACLED/UCDP GED CSV with its header or a GDELT export", kind="row")])


@dataclass
class ImportStats:
    """Counts of one import run (the store adds ``added`` and ``duplicates``)."""

    file: str
    format: str
    read: int = 0
    rejected: int = 0
    rejects_path: str | None = None
    added: int = 0
    duplicates: int = 0
    problems: list[Problem] = field(default_factory=list)


def read_events(path: str | Path, format: str | None = None, case: Case | None = None,
                skip_bad_rows: bool = False, rejects: str | Path | None = None,
                stats: ImportStats | None = None, encoding: str = "utf-8-sig",
                ) -> Iterator[EventRecord]:
    """Stream the file's events. Without ``skip_bad_rows`` any bad row ends in an
    InputError listing up to 20 bad rows (raised after the scan, so a caller inside a
    transaction rolls back)."""
    path = Path(path)
    check_encoding(encoding)
    if skip_bad_rows:  # before reading a row: a folder here used to fail at the first bad row
        rejects = check_output(rejects or default_rejects(path), "--rejects")
    check_file(path, encoding)
    fmt = format or detect_format(path, encoding)
    if fmt not in FORMATS:
        raise InputError([Problem(str(path), None, "--format", f"unknown format {fmt!r}",
                                  f"use one of {', '.join(FORMATS)}", kind="row")])
    stats = stats if stats is not None else ImportStats(str(path), fmt)
    stats.format = fmt
    actors = ActorDictionary.for_case(case)
    reject_writer = None
    reject_fh = None
    if skip_bad_rows:
        stats.rejects_path = str(rejects)
    try:
        for row, item, raw in FORMATS[fmt].read(path, actors, encoding):
            if isinstance(item, RowError):
                problem = Problem(str(path), row, item.column, item.message, item.fix,
                                  kind="row")
                if skip_bad_rows:
                    with writing(stats.rejects_path, "--rejects"):
                        if reject_writer is None:
                            # backslashreplace: a column named in undecodable bytes
                            reject_fh = open(stats.rejects_path, "w", newline="",  # noqa: SIM115
                                             encoding="utf-8", errors="backslashreplace")
                            reject_writer = csv.writer(reject_fh)
                            reject_writer.writerow(["row", "column", "reason", "raw"])
                        reject_writer.writerow([row, item.column, item.message,
                                                _raw(raw, fmt)])
                    stats.rejected += 1
                    continue
                stats.problems.append(problem)
                if len(stats.problems) >= MAX_PROBLEMS:
                    break
                continue
            if stats.problems:
                continue  # keep scanning for more problems, but yield nothing more
            stats.read += 1
            yield item
    finally:
        if reject_fh is not None:
            with writing(stats.rejects_path, "--rejects"):
                reject_fh.close()
    if stats.problems:
        more = "" if len(stats.problems) < MAX_PROBLEMS else f" (first {MAX_PROBLEMS} shown)"
        problems = list(stats.problems)
        if more:
            problems.append(Problem(str(path), None, "", f"stopped after {MAX_PROBLEMS} bad rows",
                                    "fix them, or pass --skip-bad-rows", kind="row"))
        raise InputError(problems)


def default_rejects(path: Path) -> Path:
    """Where bad rows go without ``--rejects``: FILE.rejects.csv in the current folder."""
    return Path(Path(path).name + ".rejects.csv")


def check_encoding(encoding: str) -> None:
    """Refuse an unknown ``--encoding`` before opening anything (it was a LookupError)."""
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise InputError([Problem("--encoding", None, "--encoding", f"unknown encoding "
                                  f"{encoding[:40]!r}", "use e.g. utf-8, latin-1, cp1252 or "
                                  "utf-16", kind="row")]) from None


def _raw(raw: list[str], fmt: str) -> str:
    sep = "\t" if fmt == "gdelt" else ","
    return sep.join(raw).encode("utf-8", "backslashreplace").decode("utf-8")
