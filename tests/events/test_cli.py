"""The event commands: exit codes, messages, and files written."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
import yaml

from jirga.cli import main
from tests.events.conftest import ACLED_2015, GDELT2, SEED, SEED_EVENTS, UCDP_RDA


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_import_list_export(tmp_path: Path, capsys) -> None:
    db = str(tmp_path / "e.duckdb")
    code, out, _ = run(capsys, "events", "import", str(ACLED_2015), "--db", db,
                       "--case", "pakistan-ttp-2022")
    assert code == 0 and "1,800 rows read, 1,800 added" in " ".join(out.split())
    code, out, _ = run(capsys, "events", "import", str(ACLED_2015), "--db", db)
    assert code == 0 and "0 added, 1,800 already" in " ".join(out.split())
    code, out, _ = run(capsys, "events", "import", str(GDELT2), "--db", db, "--format", "gdelt")
    assert code == 0 and "100 added" in " ".join(out.split())
    code, out, _ = run(capsys, "events", "list", "--db", db, "--actor", "TTP", "--code", "19",
                       "-n", "3")
    assert code == 0 and "87 events in" in out and "acled:" in out
    code, out, _ = run(capsys, "events", "export", "--db", db, "--format", "csv",
                       "--dataset", "gdelt")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 100 and rows[0]["dataset"] == "gdelt"
    out_yaml = tmp_path / "ev.yaml"
    code, _, _ = run(capsys, "events", "export", "--db", db, "--format", "yaml", "--actor",
                     "TTP", "--out", str(out_yaml))
    assert code == 0
    doc = yaml.safe_load(out_yaml.read_text())
    assert doc["events"] and all(isinstance(e["cameo"], str) for e in doc["events"])
    pq = tmp_path / "ev.parquet"
    code, _, _ = run(capsys, "events", "export", "--db", db, "--format", "parquet",
                     "--out", str(pq))
    assert code == 0 and pq.stat().st_size > 0


@pytest.mark.parametrize(("content", "needle"), [
    (b"", "empty"),
    (b"\x00\x01binary\x00", "binary"),
    (b"a,b,c\n1,2,3\n", "cannot tell the format"),
])
def test_bad_input_exits_2(tmp_path: Path, capsys, content: bytes, needle: str) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_bytes(content)
    db = tmp_path / "e.duckdb"
    code, _, err = run(capsys, "events", "import", str(bad), "--db", str(db))
    assert code == 2 and needle in " ".join(err.split())
    assert not db.exists()


def test_bad_rows_named_then_skipped(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    data = ACLED_2015.read_bytes().replace(b"01-January-2015", b"31-February-2015", 1)
    bad = tmp_path / "acled.csv"
    bad.write_bytes(data)
    code, _, err = run(capsys, "events", "import", str(bad))
    err = " ".join(err.split())
    assert code == 2 and "row 2: event_date" in err and "31-February-2015" in err
    code, out, _ = run(capsys, "events", "import", str(bad), "--skip-bad-rows")
    out = " ".join(out.split())
    assert code == 0 and "1,799 added" in out and "1 rejected" in out
    assert (tmp_path / "acled.csv.rejects.csv").exists()


def test_rda_and_unknown_format(tmp_path: Path, capsys) -> None:
    code, _, err = run(capsys, "events", "import", str(UCDP_RDA), "--db",
                       str(tmp_path / "e.duckdb"))
    assert code == 2 and "convert it to CSV" in " ".join(err.split())
    code, _, err = run(capsys, "events", "import", str(ACLED_2015), "--format", "xls",
                       "--db", str(tmp_path / "e.duckdb"))
    assert code == 2 and "unknown format" in err


def test_list_without_store(tmp_path: Path, capsys) -> None:
    code, _, err = run(capsys, "events", "list", "--db", str(tmp_path / "none.duckdb"))
    assert code == 2 and "no event store" in " ".join(err.split())


def test_extract_scores_the_seed(capsys) -> None:
    code, out, _ = run(capsys, "extract", str(SEED), "--score", str(SEED_EVENTS))
    assert code == 0
    flat = " ".join(out.split())
    assert "precision 1.00 (12/12), recall 1.00 (12/12)" in flat


def test_extract_formats(tmp_path: Path, capsys) -> None:
    code, out, _ = run(capsys, "extract", str(SEED), "--format", "csv", "--published",
                       "2022-12-22")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 12 and {"date", "source", "target", "cameo", "sentence"} <= set(rows[0])
    code, out, _ = run(capsys, "extract", str(SEED), "--format", "yaml")
    doc = yaml.safe_load(out)
    assert len(doc["events"]) == 12
    ids = {s["id"] for s in doc["sources"]}
    assert all(set(e["sources"]) <= ids for e in doc["events"])
    fn2 = next(s for s in doc["sources"] if s["id"].endswith("_fn2"))
    assert fn2["url"] == "https://l24.im/ST0"
    assert "cameo: '0871'" in out  # codes keep their leading zeros
    from jirga.case.schema import Event, Source

    for e in doc["events"]:  # ready to paste into a case
        Event.model_validate(e)
    for s in doc["sources"]:
        Source.model_validate(s)


def test_extract_bad_input(tmp_path: Path, capsys) -> None:
    latin = tmp_path / "a.txt"
    latin.write_bytes("Peshawar\n\nThe caf\u00e9 was attacked.".encode("latin-1"))
    code, _, err = run(capsys, "extract", str(latin))
    assert code == 2 and "not UTF-8" in err and "a.txt:3" in err
    code, _, err = run(capsys, "extract", str(SEED), "--published", "22/12/2022")
    assert code == 2 and "--published" in err
    code, _, err = run(capsys, "extract", str(tmp_path / "missing.txt"))
    assert code == 2 and "not found" in " ".join(err.split())
