"""Each importer on each real file, and on broken copies of it."""

from __future__ import annotations

import csv
import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from jirga import load_case
from jirga.vocab.dates import parse_fuzzy
from jirga.errors import InputError
from jirga.events.importers import ImportStats, detect_format, read_events
from tests.events.conftest import (
    ACLED_2015,
    ACLED_2020,
    GDELT1,
    GDELT2,
    GDELT_MENTIONS,
    UCDP,
    UCDP_RDA,
)

REAL = [
    (ACLED_2020, "acled", 5071),
    (ACLED_2015, "acled", 1800),
    (UCDP, "ucdp", 1000),
    (GDELT2, "gdelt", 100),
    (GDELT1, "gdelt", 100),
]


@pytest.mark.parametrize(("path", "fmt", "rows"), REAL, ids=lambda x: getattr(x, "name", x))
def test_real_file_imports_every_row(path: Path, fmt: str, rows: int) -> None:
    assert detect_format(path) == fmt
    stats = ImportStats(str(path), "")
    records = list(read_events(path, stats=stats))
    assert len(records) == rows == stats.read
    assert stats.rejected == 0
    assert len({r.id for r in records}) == rows  # original ids are unique
    for r in records:
        assert r.earliest <= r.latest
        fd = parse_fuzzy(r.date_text)  # the case-file spelling of the same interval
        assert (fd.earliest, fd.latest, fd.precision) == (r.earliest, r.latest, r.precision)
        assert r.origin and r.origin.startswith(path.name + "#row=")
        assert r.dataset in ("acled", "ucdp", "gdelt")


def test_acled_2015_old_layout() -> None:
    case = load_case("pakistan-ttp-2022")
    records = list(read_events(ACLED_2015, case=case))
    first = records[0]
    assert first.original_id == "1PAK"
    assert (first.earliest, first.precision) == (dt.date(2015, 1, 1), "day")
    ttp = [r for r in records if "TTP" in (r.source_id, r.target_id)]
    assert len(ttp) == 184  # README: 184 events have the TTP as actor1 or actor2
    # old event types get CAMEO codes, fatalities add up as in the README
    assert Counter(r.cameo for r in records)["140"] == 1146  # Riots/Protests
    assert sum(r.fatalities or 0 for r in records) == 2791
    # notes with newlines inside quotes survive as one field
    assert any("\n" in (r.notes or "") for r in records)
    # unmapped actors are kept as text
    assert any(r.source_id is None and r.source_text for r in records)


def test_acled_2020_layout_and_excel_dates() -> None:
    records = {r.original_id: r for r in read_events(ACLED_2020)}
    isr = records["7079168"]
    assert isr.date_text == "2020-05-09" and isr.precision == "day"  # 9-May-20
    assert isr.event_type == "Protests: Peaceful protest" and isr.cameo == "141"
    assert isr.lat == pytest.approx(32.8184)
    precisions = Counter(r.precision for r in records.values())
    assert precisions == {"day": 4684, "range": 374, "month": 13}  # time_precision 1/2/3
    pak = [r for r in records.values() if r.country == "Pakistan"]
    assert len(pak) == 236
    assert sum(1 for r in pak if "TTP" in (r.source_id, r.target_id)) == 1


def test_ucdp_dates_deaths_and_actors() -> None:
    records = list(read_events(UCDP))
    pak_ttp = [r for r in records if (r.source_id, r.target_id) == ("PAK_GOV", "TTP")]
    assert len(pak_ttp) == 20
    kulachi = [r for r in pak_ttp if r.earliest == dt.date(2022, 8, 10)]
    assert kulachi and kulachi[0].cameo == "190"
    # best/low/high are kept as UCDP gives them (13 sample rows have best < low)
    row = next(r for r in records if r.original_id == "236880")
    assert (row.fatalities, row.fatalities_low, row.fatalities_high) == (2, 3, 3)
    ranges = [r for r in records if r.precision == "range"]
    assert ranges and all(r.latest > r.earliest for r in ranges)


def test_gdelt_versions() -> None:
    v2 = list(read_events(GDELT2))
    assert v2[0].original_id == "410412347" and v2[0].date_text == "2014-02-18"
    assert v2[0].cameo == "043" and v2[0].goldstein == 2.8 and v2[0].quad_class == 1
    assert v2[0].location == "Waterkloof, Free State, South Africa"
    assert v2[0].url.startswith("http://www.dailymaverick.co.za/")
    assert sum(1 for r in v2 if r.country == "PK") == 8
    v1 = list(read_events(GDELT1))
    assert min(r.earliest for r in v1).year == 1979
    assert sum(1 for r in v1 if r.url) == 60  # the 58-field rows carry SOURCEURL


def test_gdelt_mentions_and_rda_refused() -> None:
    with pytest.raises(InputError, match="mentions file"):
        list(read_events(GDELT_MENTIONS))
    with pytest.raises(InputError, match="not a text file"):
        list(read_events(UCDP_RDA))


# ---------------------------------------------------------------- broken copies
def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


def _problems(path: Path, fmt: str | None = None) -> str:
    with pytest.raises(InputError) as info:
        list(read_events(path, format=fmt))
    return str(info.value)


@pytest.mark.parametrize("path", [ACLED_2020, ACLED_2015, UCDP, GDELT2, GDELT1],
                         ids=lambda p: p.name)
def test_empty_and_binary_files(tmp_path: Path, path: Path) -> None:
    empty = _write(tmp_path, path.name, b"")
    assert "empty" in _problems(empty)
    binary = _write(tmp_path, "b_" + path.name, b"\x00\x01\x02garbage\x00" * 50)
    assert "binary" in _problems(binary)


@pytest.mark.parametrize(("path", "column", "fmt"), [
    (ACLED_2020, b"event_date", "acled"), (ACLED_2015, b"EVENT_DATE", "acled"),
    (UCDP, b"date_start", "ucdp"),
])
def test_wrong_columns(tmp_path: Path, path: Path, column: bytes, fmt: str) -> None:
    data = path.read_bytes().replace(column, b"when", 1)
    broken = _write(tmp_path, path.name, data)
    msg = _problems(broken, fmt)
    assert "row 1" in msg and column.decode().lower() in msg and "missing column" in msg
    # auto-detection cannot place it either when the id column is gone too
    data2 = data.replace(b"event_id_cnty", b"x", 1).replace(b"EVENT_ID_CNTY", b"x", 1)
    if path is not UCDP:
        assert "cannot tell the format" in _problems(_write(tmp_path, "x.csv", data2))


def test_gdelt_wrong_field_count(tmp_path: Path) -> None:
    lines = GDELT2.read_bytes().splitlines(keepends=True)
    broken = _write(tmp_path, "g.tsv", b"".join(lines[:5]) + b"1\t2\t3\n")
    msg = _problems(broken, "gdelt")
    assert "row 6" in msg and "cut short" in msg


@pytest.mark.parametrize(("path", "old", "new", "column"), [
    (ACLED_2020, b"9-May-20", b"31-Feb-20", "event_date"),
    (ACLED_2015, b"01-January-2015", b"31-February-2015", "event_date"),
    (UCDP, b"2013-01-03,2013-01-03", b"2013-02-30,2013-02-30", "date_start"),
    (GDELT2, b"20140218", b"20140231", "SQLDATE"),
])
def test_impossible_dates(tmp_path: Path, path: Path, old: bytes, new: bytes,
                          column: str) -> None:
    broken = _write(tmp_path, path.name, path.read_bytes().replace(old, new, 1))
    msg = _problems(broken)
    first_row = "row 1:" if path is GDELT2 else "row 2:"  # GDELT has no header row
    assert column in msg and first_row in msg


@pytest.mark.parametrize("path", [ACLED_2020, ACLED_2015, UCDP, GDELT2], ids=lambda p: p.name)
def test_wrong_encoding_names_the_row(tmp_path: Path, path: Path) -> None:
    lines = path.read_bytes().split(b"\n")
    lines[3] = lines[3].replace(b"a", b"\xe9", 1)  # a Latin-1 byte in the 3rd data row
    broken = _write(tmp_path, path.name, b"\n".join(lines))
    msg = _problems(broken)
    assert "not valid UTF-8" in msg and "row" in msg


@pytest.mark.parametrize(("path", "fmt"), [(ACLED_2020, "acled"), (ACLED_2015, "acled"),
                                           (UCDP, "ucdp"), (GDELT2, "gdelt")],
                         ids=lambda p: getattr(p, "name", p))
def test_truncated_file(tmp_path: Path, path: Path, fmt: str) -> None:
    data = path.read_bytes()
    cut = data[: len(data) // 2]
    cut = cut[: cut.rfind(b",") if fmt != "gdelt" else cut.rfind(b"\t")]
    broken = _write(tmp_path, path.name, cut)
    msg = _problems(broken, fmt)
    assert "cut short" in msg or "unreadable" in msg


def test_skip_bad_rows_writes_rejects(tmp_path: Path) -> None:
    data = ACLED_2020.read_bytes().replace(b"9-May-20", b"31-Feb-20", 3)
    broken = _write(tmp_path, "acled.csv", data)
    rejects = tmp_path / "rejects.csv"
    stats = ImportStats(str(broken), "")
    records = list(read_events(broken, skip_bad_rows=True, rejects=rejects, stats=stats))
    assert stats.rejected == 3 and len(records) == 5071 - 3 == stats.read
    with rejects.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["column"] for r in rows] == ["event_date"] * 3
    assert all("31-Feb-20" in r["reason"] and r["raw"] for r in rows)


def test_crlf_bom_and_case_mapping(tmp_path: Path) -> None:
    data = b"\xef\xbb\xbf" + UCDP.read_bytes().replace(b"\n", b"\r\n")
    p = _write(tmp_path, "ucdp_bom.csv", data)
    records = list(read_events(p))
    assert len(records) == 1000 and records[0].original_id == "300380"


def test_jirga_csv_roundtrip(tmp_path: Path) -> None:
    p = _write(tmp_path, "mine.csv", (
        b"id,date,source,target,cameo,description,location,fatalities,sources\n"
        b"e1,2022-11-28,TTP,PAK_GOV,196,TTP ends ceasefire,,,\n"
        b"e2,on or before 2022-11-30,Tehreek-e-Taliban Pakistan,Pakistan Army,190,attack,Quetta,3,\n"
    ))
    assert detect_format(p) == "jirga-csv"
    r1, r2 = read_events(p)
    assert (r1.source_id, r1.target_id, r1.cameo, r1.goldstein) == ("TTP", "PAK_GOV", "196", -9.5)
    assert r2.precision == "on_or_before" and r2.latest == dt.date(2022, 11, 30)
    assert (r2.source_id, r2.target_id, r2.fatalities) == ("TTP", "PAK_ARMY", 3)
    bad = _write(tmp_path, "bad.csv", b"id,date,source,target,cameo\ne1,2022-13-01,A,B,871\n")
    msg = _problems(bad)
    assert "row 2" in msg and "date" in msg and "cameo" not in msg.split("date", 1)[0]


def test_gdelt_is_streamed(tmp_path: Path) -> None:
    """A large export is read row by row: memory stays flat however long the file is."""
    import tracemalloc

    rows = GDELT2.read_text(encoding="utf-8").splitlines()
    big = tmp_path / "big.export.CSV"
    with big.open("w", encoding="utf-8") as fh:
        for i in range(30_000):
            fields = rows[i % len(rows)].split("\t")
            fields[0] = str(10**9 + i)
            fh.write("\t".join(fields) + "\n")
    assert big.stat().st_size > 10_000_000
    tracemalloc.start()
    n = sum(1 for _ in read_events(big))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert n == 30_000
    assert peak < 3_000_000  # bytes; the file is over 10 MB


def test_semicolon_and_utf16_exports(tmp_path: Path) -> None:
    """Spreadsheet re-saves: ';' separators are read; UTF-16 gets a clear message or is read
    with --encoding."""
    with UCDP.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    semi = tmp_path / "semi.csv"
    with semi.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, delimiter=";").writerows(rows)
    assert detect_format(semi) == "ucdp"
    assert len(list(read_events(semi))) == 1000
    wide = tmp_path / "wide.csv"
    wide.write_bytes(UCDP.read_text(encoding="utf-8").encode("utf-16"))
    assert "UTF-16" in _problems(wide)
    assert len(list(read_events(wide, encoding="utf-16"))) == 1000


def test_acled_current_layout(tmp_path: Path) -> None:
    """ACLED's 2023+ export: ISO dates, disorder_type/civilian_targeting/tags, no data_id."""
    with ACLED_2020.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))[:50]
    cols = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type",
            "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2",
            "assoc_actor_2", "inter2", "interaction", "civilian_targeting", "iso", "region",
            "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
            "geo_precision", "source", "source_scale", "notes", "fatalities", "tags",
            "timestamp"]
    p = tmp_path / "acled_2024.csv"
    with p.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=cols)
        w.writeheader()
        for r in rows:
            d = dt.datetime.strptime(r["event_date"], "%d-%b-%y").date()
            w.writerow({c: r.get(c, "") for c in cols} | {
                "event_date": d.isoformat(), "disorder_type": "Political violence",
                "civilian_targeting": "", "tags": ""})
    records = list(read_events(p))
    assert len(records) == 50 and records[0].original_id == rows[0]["event_id_cnty"]
    assert records[0].date_text == "2020-05-09"
