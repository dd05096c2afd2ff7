"""The built-in case holds every part of DESIGN.md's table and every event of the seed."""

from __future__ import annotations

import csv
import datetime as dt

import pytest

from jirga import builtin_cases, load_case
from jirga.vocab.dates import FuzzyDate, parse_fuzzy
from jirga.case.io import dump_case, parse_case


def test_builtin_listed_and_valid(builtin_case):
    assert "pakistan-ttp-2022" in builtin_cases()
    assert builtin_case.analysis.principals == ["PAK_GOV", "TTP"]


def test_design_table_parts_present(builtin_case):
    roles = {a.id: a.role.value for a in builtin_case.actors}
    assert {roles["PAK_GOV"], roles["PAK_ARMY"], roles["TTP"]} == {"party"}
    assert roles["AFG_TALIBAN"] == "mediator"
    for other in ("CHINA", "USA", "AL_QAEDA", "TRIBAL_JIRGA"):
        assert other in roles
    issues = {i.id for i in builtin_case.issues}
    assert {"fata_status", "army_presence", "ttp_disarmament"} <= issues
    agreements = {a.id: a for a in builtin_case.agreements}
    first, second = agreements["ceasefire-2021-11"], agreements["ceasefire-2022"]
    assert (first.start.earliest, first.end.earliest) == (dt.date(2021, 11, 9), dt.date(2021, 12, 9))
    assert first.ended_by == "TTP" and first.mediators == ["AFG_TALIBAN"]
    assert second.end.earliest == dt.date(2022, 11, 28) and second.ended_by == "TTP"
    assert any(r.kind.value == "shelters" and r.source == "AFG_TALIBAN"
               for r in builtin_case.relations)


def test_every_claim_is_sourced(builtin_case):
    for a in builtin_case.actors:
        assert a.sources, a.id
    for e in builtin_case.events:
        assert e.sources, e.id
    for ag in builtin_case.agreements:
        assert ag.sources, ag.id
    for i in builtin_case.issues:
        assert i.sources, i.id
    # judgements are ranges: every party's capability and position is a range
    for a in builtin_case.actors:
        if a.role.value in ("party", "mediator"):
            assert not a.capability.is_point, a.id


def _date_matches(event, ref_date: str, precision: str) -> bool:
    """Does a case event's date (or a date another source gives) agree with the reference?"""
    ref = parse_fuzzy(("on or before " + ref_date) if precision == "on_or_before" else ref_date)
    for d in [event.date, *(c.date for c in event.other_dates)]:
        if precision == "on_or_before":
            if d.precision == "on_or_before" and d.latest == ref.latest:
                return True
            if d.latest <= ref.latest and d.precision == "day":
                return True
        elif d.earliest >= ref.earliest and d.latest <= ref.latest:
            return True
    return False


def test_contains_every_seed_event(builtin_case, refdata):
    with open(refdata / "seed_events.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 12
    missing = []
    for row in rows:
        targets = set(row["target_actor"].split(";"))
        found = [e for e in builtin_case.events
                 if e.source == row["source_actor"] and targets <= set(e.target)
                 and _date_matches(e, row["date"], row["date_precision"])]
        if not found:
            missing.append(row["id"])
    assert missing == []


def test_frames(builtin_case):
    actors = builtin_case.actors_frame()
    assert len(actors) == len(builtin_case.actors)
    assert (actors["capability_low"] <= actors["capability"]).all()
    positions = builtin_case.positions_frame()
    assert set(positions["issue"]) == {i.id for i in builtin_case.issues}
    events = builtin_case.events_frame()
    assert list(events["earliest"]) == sorted(events["earliest"])
    assert events.loc[events["cameo"] == "1831", "goldstein"].iloc[0] == -10


def test_dump_round_trips(builtin_case):
    again = parse_case(dump_case(builtin_case), "dumped.yaml")
    assert again == builtin_case


@pytest.mark.parametrize("text,precision,earliest,latest", [
    ("2022-05-09", "day", "2022-05-09", "2022-05-09"),
    ("2022-05", "month", "2022-05-01", "2022-05-31"),
    ("2024-02", "month", "2024-02-01", "2024-02-29"),
    ("2022", "year", "2022-01-01", "2022-12-31"),
    ("on or before 2022-11-30", "on_or_before", "1900-01-01", "2022-11-30"),
    ("on or after 2022-11", "on_or_after", "2022-11-01", "2100-12-31"),
    ("2022-05-13/2022-05-14", "range", "2022-05-13", "2022-05-14"),
    ("between 2022-05 and 2022-06", "range", "2022-05-01", "2022-06-30"),
])
def test_fuzzy_dates(text, precision, earliest, latest):
    d = FuzzyDate.model_validate(text)
    assert (d.precision, d.earliest.isoformat(), d.latest.isoformat()) == (precision, earliest, latest)
    assert str(d) == text


@pytest.mark.parametrize("bad", ["2022-13", "2021-02-29", "May 2022", "2022-06/2022-05"])
def test_bad_fuzzy_dates(bad):
    with pytest.raises(ValueError):
        FuzzyDate.model_validate(bad)


def test_load_builtin_by_path_equals_by_id(builtin_case):
    from jirga.case.io import builtin_path

    assert load_case(builtin_path("pakistan-ttp-2022")) == builtin_case
