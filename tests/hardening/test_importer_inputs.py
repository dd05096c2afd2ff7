"""Issue 14, imports: numbers that overflowed or were truncated, control characters that
made silent duplicates, and a --rejects folder that ended in a traceback."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from jirga.cli import main
from jirga.errors import InputError
from jirga.events.importers import read_events
from jirga.events.store import EventStore, import_file
from tests.events.conftest import ACLED_2015, UCDP, head_bytes


def _replace_field(src: Path, column: str, value: str, tmp: Path, row: int = 1,
                   n: int = 3) -> Path:
    """A copy of the header and first ``n`` lines of ``src`` with ``column`` of data row
    ``row`` (-1: the last) set to ``value`` (written with the csv module: quoting stays
    valid)."""
    text = head_bytes(src, n).decode("utf-8-sig")
    rows = list(csv.reader(_records(text)))
    col = [h.strip().lower() for h in rows[0]].index(column)
    rows[row][col] = value
    out = tmp / f"{src.stem}_{column}.csv"
    with out.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    return out


def _records(text: str) -> list[str]:
    import io

    return list(io.StringIO(text, newline=""))


def row_errors(path: Path, fmt: str) -> list[str]:
    with pytest.raises(InputError) as info:
        list(read_events(path, fmt))
    return [str(p) for p in info.value.problems]


@pytest.mark.parametrize("value,needle", [
    ("1e400", "not a finite number"), ("inf", "not a finite number"),
    ("nan", "not a finite number"), ("1e30", "more than the limit of 10,000,000"),
    ("2.7", "not a whole number"), ("-1", "negative"),
])
@pytest.mark.parametrize("src,fmt,column", [(ACLED_2015, "acled", "fatalities"),
                                            (UCDP, "ucdp", "best"), (UCDP, "ucdp", "high")])
def test_bad_counts_are_row_errors(tmp_path, src, fmt, column, value, needle) -> None:
    bad = _replace_field(src, column, value, tmp_path)
    msgs = row_errors(bad, fmt)
    assert len(msgs) == 1 and ", row 2: " in msgs[0] and f"{column}: " in msgs[0]
    assert needle in msgs[0]


def test_whole_counts_written_as_decimals_are_fine(tmp_path) -> None:
    ok = _replace_field(UCDP, "best", "3.0", tmp_path)
    assert next(iter(read_events(ok, "ucdp"))).fatalities == 3


@pytest.mark.parametrize("src,fmt,column", [(ACLED_2015, "acled", "event_id_cnty"),
                                            (UCDP, "ucdp", "id"), (ACLED_2015, "acled", "notes")])
def test_nul_byte_rejects_the_row(tmp_path, src, fmt, column) -> None:
    # past the first 8 KB, which the binary-file check reads
    bad = _replace_field(src, column, "29\x0083", tmp_path, row=-1, n=80)
    assert b"\x00" not in bad.read_bytes()[:8192]
    msgs = row_errors(bad, fmt)
    assert len(msgs) == 1 and "U+0000" in msgs[0] and column in msgs[0]


def test_nul_id_cannot_make_a_silent_duplicate(tmp_path) -> None:
    """The issue's case: '2908\\x003' was stored beside '29083'; re-importing the clean file
    then added the same event again."""
    bad = _replace_field(UCDP, "id", "2908\x003", tmp_path, row=-1, n=80)
    db = tmp_path / "e.duckdb"
    stats = import_file(bad, db, format="ucdp", skip_bad_rows=True,
                        rejects=tmp_path / "rej.csv")
    assert stats.rejected == 1
    clean = _replace_field(UCDP, "id", "29083", tmp_path, row=-1, n=80)
    import_file(clean, db, format="ucdp")
    with EventStore(db, read_only=True) as store:
        ids = store.query()["original_id"].tolist()
    assert len(ids) == len(set(ids)) == stats.added + 1
    assert not any("\x00" in i for i in ids)


@pytest.mark.parametrize("oid", ["2908\u200b3", "2908\ufeff3", "2908\xa03", "2908\x853"])
def test_invisible_characters_in_ids(tmp_path, oid) -> None:
    msgs = row_errors(_replace_field(UCDP, "id", oid, tmp_path), "ucdp")
    assert "invisible character" in msgs[0]


def test_c1_characters_in_text_are_kept(tmp_path) -> None:
    """Real GDELT place names hold U+0091 (a cp1252 quote decoded as Latin-1): not refused."""
    ok = _replace_field(ACLED_2015, "notes", "the \x91quoted\x92 name", tmp_path)
    assert "\x91" in next(iter(read_events(ok, "acled"))).notes


def test_gdelt_out_of_range_and_control(tmp_path) -> None:
    from tests.events.conftest import GDELT2

    lines = GDELT2.read_text(encoding="utf-8").splitlines()
    for idx, value, needle in ((30, "inf", "finite"), (29, "99999999999", "quad class"),
                               (56, "1e999", "finite"), (6, "PAK\x00", "U+0000"),
                               (1, "00010101", "before 1800")):
        f = lines[-1].split("\t")
        f[idx] = value
        p = tmp_path / "g.tsv"
        p.write_text("\n".join([*lines[:-1], "\t".join(f)]) + "\n", encoding="utf-8")
        msgs = row_errors(p, "gdelt")
        assert len(msgs) == 1 and needle in msgs[0] and f"row {len(lines)}" in msgs[0], msgs


def test_jirga_csv_numbers(tmp_path) -> None:
    head = "id,date,source,target,cameo,lat,lon,goldstein,fatalities\n"
    for row, needle in (("e1,2022-01-01,A,B,190,1e400,0,0,1", "finite"),
                        ("e1,2022-01-01,A,B,190,0,0,nan,1", "finite"),
                        ("e1,2022-01-01,A,B,190,0,0,0,inf", "finite"),
                        ("e1,2022-01-01,A,B,190,0,0,0,2.5", "whole"),
                        ("e1,9999-01-01,A,B,190,0,0,0,1", "25 years"),
                        ("e1,0001-01-01,A,B,190,0,0,0,1", "before 1800")):
        p = tmp_path / "j.csv"
        p.write_text(head + row + "\n", encoding="utf-8")
        msgs = row_errors(p, "jirga-csv")
        assert len(msgs) == 1 and needle in msgs[0], msgs


def test_acled_year_edge_overflow(tmp_path) -> None:
    """0001-01-01 with time_precision 2 became a ±3-day span: OverflowError."""
    bad = _replace_field(ACLED_2015, "event_date", "0001-01-01", tmp_path)
    assert "before 1800" in row_errors(bad, "acled")[0]


def test_rejects_folder_refused_before_work(tmp_path, capsys) -> None:
    bad = _replace_field(UCDP, "best", "inf", tmp_path)
    folder = tmp_path / "rej"
    folder.mkdir()
    db = tmp_path / "e.duckdb"
    code = main(["events", "import", str(bad), "--db", str(db), "--skip-bad-rows",
                 "--rejects", str(folder)])
    err = " ".join(capsys.readouterr().err.split())
    assert code == 2 and "--rejects: is a folder" in err and not db.exists()
    with pytest.raises(InputError, match="is a folder"):
        next(iter(read_events(bad, "ucdp", skip_bad_rows=True, rejects=folder)))


def test_unknown_encoding(tmp_path, capsys) -> None:
    code = main(["events", "import", str(UCDP), "--db", str(tmp_path / "e.duckdb"),
                 "--encoding", "klingon"])
    assert code == 2 and "unknown encoding" in capsys.readouterr().err
