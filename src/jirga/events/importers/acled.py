"""ACLED CSV exports, current and older layouts.

- 2019+ export/API layout (lowercase, ``event_date``, ``sub_event_type``, ``assoc_actor_1``);
  dates ``2020-05-09``, ``09 May 2020`` or Excel-resaved ``9-May-20``;
- pre-2019 layout (UPPERCASE, ``ALLY_ACTOR_1``, old event types such as
  ``Battle-No change of territory``); dates like ``01-January-2015``; CRLF line ends and
  newlines inside quoted NOTES.

ACLED codes no CAMEO; jirga assigns the nearest CAMEO code to each event type and
sub-type (table below). ACLED's actor1/actor2 carry no direction: actor1 becomes the
source, actor2 the target, as ACLED lists them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from jirga.events.actors import ActorDictionary
from jirga.events.importers._io import check_row, getter, missing_columns, normalise_header, read_header
from jirga.events.importers.record import (
    EventRecord,
    RowError,
    check_date,
    clean_id,
    coord,
    count,
    day,
    month,
    span,
)

NAME = "acled"

# (event_type, sub_event_type) → CAMEO; sub type None = any
CAMEO_BY_TYPE: dict[tuple[str, str | None], str] = {
    ("battles", "armed clash"): "190",
    ("battles", "government regains territory"): "192",
    ("battles", "non-state actor overtakes territory"): "192",
    ("battles", None): "190",
    ("explosions/remote violence", "air/drone strike"): "195",
    ("explosions/remote violence", "suicide bomb"): "1831",
    ("explosions/remote violence", "shelling/artillery/missile attack"): "194",
    ("explosions/remote violence", "remote explosive/landmine/ied"): "1833",
    ("explosions/remote violence", "grenade"): "183",
    ("explosions/remote violence", "chemical weapon"): "2041",
    ("explosions/remote violence", None): "183",
    ("violence against civilians", "abduction/forced disappearance"): "181",
    ("violence against civilians", "sexual violence"): "1821",
    ("violence against civilians", "attack"): "180",
    ("violence against civilians", None): "180",
    ("protests", "excessive force against protesters"): "175",
    ("protests", None): "141",
    ("riots", None): "145",
    ("strategic developments", "agreement"): "057",
    ("strategic developments", "arrests"): "173",
    ("strategic developments", "looting/property destruction"): "171",
    ("strategic developments", "non-violent transfer of territory"): "0874",
    ("strategic developments", "disrupted weapons use"): "171",
    ("strategic developments", "headquarters or base established"): "154",
    ("strategic developments", "change to group/activity"): "010",
    ("strategic developments", None): "010",
    # pre-2019 types
    ("riots/protests", None): "140",
    ("battle-no change of territory", None): "190",
    ("battle-government regains territory", None): "192",
    ("battle-non-state actor overtakes territory", None): "192",
    ("remote violence", None): "183",
    ("strategic development", None): "010",
    ("headquarters or base established", None): "154",
    ("non-violent transfer of territory", None): "0874",
    ("non-violent activity by a conflict actor", None): "010",
}

REQUIRED = ("event_date", "actor1", "actor2", "event_type", "fatalities", "location")
ID_COLUMNS = ("data_id", "event_id_cnty")

_DATE_FORMATS = ("%Y-%m-%d", "%d-%b-%y", "%d-%B-%Y", "%d %B %Y", "%d-%b-%Y", "%d %b %Y",
                 "%d/%m/%Y", "%Y/%m/%d")


def detect(header: list[str]) -> bool:
    h = set(normalise_header(header))
    return "event_id_cnty" in h and "event_date" in h


def parse_date(text: str) -> dt.date:
    t = text.strip()
    for fmt in _DATE_FORMATS:
        try:
            d = dt.datetime.strptime(t, fmt).date()
        except ValueError:
            continue
        return check_date(d, "event_date")
    raise RowError("event_date", f"'{text}' is not a date or not a real day",
                   "write dates as 2020-05-09, 9-May-20 or 01-January-2015")


def cameo_for(event_type: str, sub_type: str | None) -> str | None:
    et = event_type.strip().lower()
    st = (sub_type or "").strip().lower()
    return CAMEO_BY_TYPE.get((et, st)) or CAMEO_BY_TYPE.get((et, None))


def read(path: Path, actors: ActorDictionary, encoding: str = "utf-8-sig"
         ) -> Iterator[tuple[int, EventRecord | RowError, list[str]]]:
    rows, header = read_header(path, encoding)
    missing = [c for c in REQUIRED if c not in header]
    id_col = next((c for c in ID_COLUMNS if c in header), None)
    if id_col is None:
        missing.append("event_id_cnty")
    if missing:
        found = f"; found: {', '.join(header[:12])}{'…' if len(header) > 12 else ''}"
        raise missing_columns(path, missing, "give an ACLED export with its header row, or pass "
                              "the right --format", found)
    idx = {c: i for i, c in enumerate(header)}
    assoc1 = "assoc_actor_1" if "assoc_actor_1" in idx else "ally_actor_1"
    assoc2 = "assoc_actor_2" if "assoc_actor_2" in idx else "ally_actor_2"
    name = path.name
    for row, line, f in rows:
        try:
            check_row(f, header, line)
            g = getter(idx, f)

            oid = clean_id(g(id_col), id_col)
            if not oid:
                raise RowError(id_col, "empty event id", "every ACLED row has an id")
            d = parse_date(g("event_date"))
            prec = g("time_precision")
            if prec == "3":
                date = month(d.year, d.month)
            elif prec == "2":
                date = span(d - dt.timedelta(days=3), d + dt.timedelta(days=3))
            else:
                date = day(d)
            year = g("year")
            if year and year.isascii() and year.isdigit() and int(year) != d.year:
                raise RowError("year", f"year {year} disagrees with event_date {g('event_date')}",
                               "correct either column")
            a1, a2 = g("actor1"), g("actor2")
            ally1, ally2 = g(assoc1), g(assoc2)
            sub = g("sub_event_type") or None
            etype = g("event_type")
            notes = g("notes")
            rec = EventRecord(
                dataset=NAME, original_id=oid,
                date_text=date[0], earliest=date[1], latest=date[2], precision=date[3],
                source_text=a1 + (f" (with {ally1})" if ally1 else "") if a1 else None,
                source_id=actors.resolve(a1),
                target_text=a2 + (f" (with {ally2})" if ally2 else "") if a2 else None,
                target_id=actors.resolve(a2),
                cameo=cameo_for(etype, sub),
                event_type=etype + (f": {sub}" if sub else ""),
                location=", ".join(x for x in (g("location"), g("admin1")) if x) or None,
                country=g("country") or None,
                lat=coord(g("latitude"), "latitude", 90),
                lon=coord(g("longitude"), "longitude", 180),
                fatalities=count(g("fatalities"), "fatalities", "fatalities"),
                notes=notes or None,
                url=None,
                origin=f"{name}#row={row}",
            )
            src = g("source")
            if src:
                rec.url = f"ACLED {oid} (source: {src})"
            yield row, rec.finish(), f
        except RowError as err:
            yield row, err, f
