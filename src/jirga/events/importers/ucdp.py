"""UCDP Georeferenced Event Dataset (GED) CSV, 49 columns.

Each GED row is one event between ``side_a`` and ``side_b`` over
``date_start``–``date_end`` (a day when both agree, a range otherwise), with deaths
as ``best`` (the estimate), ``low`` and ``high``. Dates may be ``2022-08-10`` or
UCDP's own ``2022-08-10 00:00:00.000``. ``type_of_violence`` 1 (state-based) and 2
(non-state) become CAMEO 190 (use conventional military force), 3 (one-sided
violence against civilians) becomes 180 (use unconventional violence).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from jirga.events.actors import ActorDictionary
from jirga.events.importers._io import check_row, getter, missing_columns, normalise_header, read_header
from jirga.events.importers.record import EventRecord, RowError, check_date, clean_id, coord, count, span

NAME = "ucdp"
REQUIRED = ("id", "date_start", "date_end", "side_a", "side_b", "best", "low", "high",
            "type_of_violence", "latitude", "longitude", "country")
CAMEO_BY_VIOLENCE = {"1": "190", "2": "190", "3": "180"}


def detect(header: list[str]) -> bool:
    h = set(normalise_header(header))
    return {"side_a", "side_b", "date_start"} <= h


def _date(text: str, column: str) -> dt.date:
    t = text.strip()[:10]
    try:
        d = dt.date.fromisoformat(t)
    except ValueError:
        raise RowError(column, f"'{text}' is not a real day",
                       "write YYYY-MM-DD (UCDP also writes YYYY-MM-DD 00:00:00.000)") from None
    return check_date(d, column)


def read(path: Path, actors: ActorDictionary, encoding: str = "utf-8-sig"
         ) -> Iterator[tuple[int, EventRecord | RowError, list[str]]]:
    rows, header = read_header(path, encoding)
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise missing_columns(path, missing, "give a UCDP GED CSV with its header row "
                              "(49 columns), or pass the right --format")
    idx = {c: i for i, c in enumerate(header)}
    name = path.name
    for row, line, f in rows:
        try:
            check_row(f, header, line)
            g = getter(idx, f, na="NA")

            oid = clean_id(g("id"), "id")
            if not oid:
                raise RowError("id", "empty event id", "every GED row has an id")
            a, b = _date(g("date_start"), "date_start"), _date(g("date_end"), "date_end")
            if b < a:
                raise RowError("date_end", f"date_end {b} is before date_start {a}",
                               "swap or correct the dates")
            date = span(a, b)
            best, low, high = (count(g(c), c, "deaths") for c in ("best", "low", "high"))
            side_a, side_b = g("side_a"), g("side_b")
            tv = g("type_of_violence")
            where = g("where_description")
            adm = ", ".join(x for x in (g("adm_2"), g("adm_1")) if x)
            location = where or adm or None
            if where and adm:
                location = f"{where} ({adm})"
            rec = EventRecord(
                dataset=NAME, original_id=oid,
                date_text=date[0], earliest=date[1], latest=date[2], precision=date[3],
                source_text=side_a or None, source_id=actors.resolve(side_a),
                target_text=side_b or None,
                target_id=actors.resolve(
                    f"Civilians ({g('country')})" if side_b == "Civilians" else side_b),
                cameo=CAMEO_BY_VIOLENCE.get(tv),
                event_type={"1": "state-based", "2": "non-state", "3": "one-sided"}.get(tv, tv)
                + (f": {g('dyad_name')}" if g("dyad_name") else ""),
                location=location, country=g("country") or None,
                lat=coord(g("latitude"), "latitude", 90, na="NA"),
                lon=coord(g("longitude"), "longitude", 180, na="NA"),
                fatalities=best, fatalities_low=low, fatalities_high=high,
                notes=g("source_headline") or g("source_article") or None,
                url=f"UCDP GED {oid} ({g('relid')})" if g("relid") else f"UCDP GED {oid}",
                origin=f"{name}#row={row}",
            )
            yield row, rec.finish(), f
        except RowError as err:
            yield row, err, f
