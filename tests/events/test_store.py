"""The DuckDB store: idempotent re-imports, atomic failed imports, queries, export round trip."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from jirga.errors import InputError
from jirga.events.store import EventStore, import_file
from tests.events.conftest import ACLED_2015, GDELT2, UCDP


def test_reimport_adds_nothing(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    first = import_file(ACLED_2015, db)
    assert (first.read, first.added, first.duplicates) == (1800, 1800, 0)
    again = import_file(ACLED_2015, db)
    assert (again.read, again.added, again.duplicates) == (1800, 0, 1800)
    import_file(UCDP, db)
    with EventStore(db) as store:
        assert store.count() == 2800
        assert list(store.imports().added) == [1800, 0, 1000]


def test_failed_import_leaves_store_as_it_was(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    import_file(GDELT2, db)
    # a UCDP copy whose last row is bad: nothing of it may land in the store
    with UCDP.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    extra = list(rows[-1])
    extra[0], extra[rows[0].index("date_start")] = "999999999", "2022-02-30"
    bad = tmp_path / "ucdp_bad.csv"
    with bad.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([*rows, extra])
    with pytest.raises(InputError, match="not a real day"):
        import_file(bad, db)
    with EventStore(db) as store:
        assert store.count() == 100
        assert set(store.query().dataset) == {"gdelt"}
        assert len(store.imports()) == 1


def test_failed_import_into_new_store_creates_no_file(tmp_path: Path) -> None:
    db = tmp_path / "new.duckdb"
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    with pytest.raises(InputError):
        import_file(empty, db)
    assert not db.exists()


def test_skip_bad_rows_imports_the_rest(tmp_path: Path) -> None:
    data = ACLED_2015.read_bytes().replace(b"01-January-2015", b"32-January-2015", 2)
    bad = tmp_path / "acled.csv"
    bad.write_bytes(data)
    stats = import_file(bad, tmp_path / "s.duckdb", skip_bad_rows=True,
                        rejects=tmp_path / "rej.csv")
    assert (stats.added, stats.rejected) == (1798, 2)
    text = (tmp_path / "rej.csv").read_text()
    assert text.count("\n2,event_date,") + text.count("\n3,event_date,") == 2


def test_queries(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    import_file(ACLED_2015, db)
    import_file(UCDP, db)
    with EventStore(db, read_only=True) as store:
        ttp = store.query(actor="TTP")
        assert len(ttp) >= 184 + 22  # ids, and names containing TTP
        assert ((ttp.source_id == "TTP") | (ttp.target_id == "TTP")).sum() == 184 + 22
        assert (ttp.earliest.is_monotonic_increasing)
        late = store.query(actor="TTP", since="2022-01", code="19")
        assert len(late) == 2 and set(late.source_id) == {"PAK_GOV"}  # README: two 2022 events
        assert len(store.query(until="2015-01-31", dataset="acled")) > 0
        with pytest.raises(InputError, match="since"):
            store.query(since="last year")
        with pytest.raises(InputError, match="CAMEO"):
            store.query(code="fight")


def test_read_only_store_must_exist(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no event store"):
        EventStore(tmp_path / "missing.duckdb", read_only=True)


def test_export_csv_reimports_as_jirga_csv(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    import_file(UCDP, db)
    with EventStore(db, read_only=True) as store:
        frame = store.query()
    out = tmp_path / "export.csv"
    frame.to_csv(out, index=False)
    db2 = tmp_path / "s2.duckdb"
    stats = import_file(out, db2)
    assert stats.format == "jirga-csv" and stats.added == 1000
    with EventStore(db2, read_only=True) as store:
        again = store.query()
    assert list(again.id) == list(frame.id)
    assert list(again.fatalities_high.fillna(-1)) == list(frame.fatalities_high.fillna(-1))


def test_repeated_ids_in_one_file_and_no_scratch_left(tmp_path: Path) -> None:
    p = tmp_path / "dup.csv"
    p.write_text("id,date,source,target,cameo\n"
                 "e1,2022-11-28,TTP,PAK_GOV,196\ne1,2022-11-28,TTP,PAK_GOV,196\n"
                 "e2,2022-11-29,TTP,PAK_ARMY,190\n", encoding="utf-8")
    db = tmp_path / "s.duckdb"
    stats = import_file(p, db)
    assert (stats.read, stats.added, stats.duplicates) == (3, 2, 1)
    bad = tmp_path / "bad.csv"
    bad.write_text("id,date,source,target,cameo\ne3,2022-02-30,TTP,PAK_GOV,196\n",
                   encoding="utf-8")
    with pytest.raises(InputError):
        import_file(bad, db)
    with EventStore(db, read_only=True) as store:
        tables = {r[0] for r in store.con.execute("SHOW TABLES").fetchall()}
        assert tables == {"events", "imports"}
        assert store.count() == 2
