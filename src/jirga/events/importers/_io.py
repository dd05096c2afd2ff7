"""Shared reading machinery for importers: file checks, streaming CSV with row
numbers, encoding problems per row, and the ``Problem`` a bad row becomes."""

from __future__ import annotations

import csv
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from jirga.errors import InputError, Problem
from jirga.events.importers.record import RowError, control_problem

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))

_SURROGATE = re.compile("[\udc80-\udcff]")

MAGIC = {
    b"\x1f\x8b": "a gzip-compressed file (an R .rda file is one; convert it to CSV first)",
    b"PK\x03\x04": "a ZIP archive (an .xlsx workbook or a zipped download; unzip or save as CSV)",
    b"BZh": "a bzip2-compressed file (an R .rda file can be one; convert it to CSV first)",
    b"\xfd7zXZ": "an xz-compressed file (an R .rda file can be one; convert it to CSV first)",
    b"RDX": "an R data file; convert it to CSV (e.g. write.csv or pyreadr)",
    b"PAR1": "a Parquet file; export it to CSV",
    b"\x89PNG": "a PNG image",
    b"%PDF": "a PDF document",
}


def check_file(path: Path, encoding: str = "utf-8-sig") -> None:
    """Refuse missing, empty and binary files with a message that says what was found."""
    name = str(path)
    if not path.exists():
        raise InputError([Problem(name, None, "", "file not found",
                                  "check the path", kind="row")])
    if path.is_dir():
        raise InputError([Problem(name, None, "", "is a directory, not a file",
                                  "give the path of a CSV/TSV file", kind="row")])
    with path.open("rb") as fh:
        head = fh.read(8192)
    if not head.strip(b"\xef\xbb\xbf \r\n\t"):
        raise InputError([Problem(name, None, "", "the file is empty",
                                  "export the data again; an empty file holds no events",
                                  kind="row")])
    wide = encoding.lower().replace("_", "-").startswith(("utf-16", "utf-32"))
    if not wide and head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError([Problem(name, None, "", "the file is UTF-16 text (Excel's 'Unicode "
                                  "text'), not UTF-8", "re-save it as CSV UTF-8, or pass "
                                  "--encoding utf-16", kind="row")])
    if wide:
        return
    for magic, what in MAGIC.items():
        if head.startswith(magic):
            raise InputError([Problem(name, None, "", f"this is not a text file but {what}",
                                      "give a CSV/TSV export", kind="row")])
    if b"\x00" in head:
        raise InputError([Problem(name, None, "", "this is a binary file (it holds NUL bytes), "
                                  "not CSV/TSV text", "give a CSV/TSV export (UTF-8)"
                                  , kind="row")])


def first_line(path: Path, encoding: str = "utf-8-sig") -> str:
    with path.open(encoding=encoding, errors="replace", newline="") as fh:
        return fh.readline().rstrip("\r\n")


def open_text(path: Path, encoding: str = "utf-8-sig"):
    # surrogateescape: undecodable bytes survive as lone surrogates so that only the
    # rows holding them are bad, not the whole file
    return path.open(encoding=encoding, errors="surrogateescape", newline="")


def encoding_problem(values: list[str], header: list[str] | None) -> tuple[str, str] | None:
    for i, v in enumerate(values):
        m = _SURROGATE.search(v)
        if m:
            byte = ord(m.group(0)) - 0xDC00
            col = header[i] if header and i < len(header) else f"field {i + 1}"
            return col, f"byte 0x{byte:02x} is not valid UTF-8 (the file is in another encoding)"
    return None


def sniff_delimiter(path: Path, encoding: str = "utf-8-sig") -> str:
    """',' unless the header line is clearly split by ';' or tabs (spreadsheets saved in
    locales that use a decimal comma write ';')."""
    line = first_line(path, encoding)
    counts = {d: line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] > counts[","] else ","


def iter_csv(path: Path, delimiter: str | None = ",", encoding: str = "utf-8-sig"
             ) -> Iterator[tuple[int, int, list[str]]]:
    """Yield (row number, first physical line, fields) for each record; the header is row 1.

    CRLF and LF line ends and newlines inside quoted fields are handled by the csv
    module; nothing is read into memory beyond the current record.
    """
    if delimiter is None:
        delimiter = sniff_delimiter(path, encoding)
    with open_text(path, encoding) as fh:
        reader = csv.reader(fh, delimiter=delimiter)
        row = 0
        last_line = 0
        while True:
            try:
                fields = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise InputError([Problem(str(path), row + 1, "",
                                          f"unreadable CSV near line {last_line + 1}: {exc}",
                                          "check the quoting of that row", kind="row")]) from None
            row += 1
            start = last_line + 1
            last_line = reader.line_num
            if not fields:
                continue
            yield row, start, fields


def normalise_header(fields: list[str]) -> list[str]:
    return [f.strip().lstrip("\ufeff").lower() for f in fields]


def read_header(path: Path, encoding: str = "utf-8-sig"
                ) -> tuple[Iterator[tuple[int, int, list[str]]], list[str]]:
    """The rows of a CSV with a header line, and its normalised header: the importers
    that read one all refuse an empty file the same way, before looking at columns."""
    rows = iter_csv(path, None, encoding)
    try:
        _, _, header_raw = next(rows)
    except StopIteration:
        raise InputError([Problem(str(path), None, "", "the file is empty", kind="row")]) from None
    return rows, normalise_header(header_raw)


def missing_columns(path: Path, missing: list[str], fix: str, detail: str = "") -> InputError:
    """The error for a header without the columns a format needs: row 1, the columns named
    (``detail`` adds what was found instead), and how to get a file that has them."""
    return InputError([Problem(str(path), 1, ", ".join(missing),
                               f"missing column(s) {', '.join(missing)}{detail}", fix,
                               kind="row")])


def check_row(fields: list[str], header: list[str], line: int) -> None:
    """Raise :class:`RowError` for a row whose values cannot be trusted by column: bytes
    that are not the file's encoding, or more or fewer fields than the header (each value
    would then be read under another column's name). Messages name the physical line, which
    differs from the row number when quoted fields hold line breaks."""
    bad = encoding_problem(fields, header)
    if bad:
        raise RowError(bad[0], bad[1], "re-save the file as UTF-8 or pass --encoding")
    bad = control_problem(fields, header)
    if bad:
        raise RowError(bad[0], bad[1] + f" (line {line})", "remove it; text holds no control "
                       "characters (a damaged download or a binary export can)")
    n = len(header)
    if len(fields) < n:
        raise RowError(header[len(fields)], f"the row is cut short: {len(fields)} of {n} fields "
                       f"(line {line})", "restore the missing fields or drop the row")
    if len(fields) > n:
        raise RowError(header[-1], f"the row has {len(fields)} fields, the header {n} (line {line})",
                       "quote fields that contain commas")


def getter(idx: dict[str, int], fields: list[str], na: str | None = None) -> Callable[[str], str]:
    """A row's value by column name, stripped; "" for a column the file does not have, and
    for ``na``, the data set's own spelling of a missing value (UCDP writes ``NA``)."""
    def g(col: str) -> str:
        i = idx.get(col)
        v = fields[i].strip() if i is not None else ""
        return "" if v == na else v
    return g

