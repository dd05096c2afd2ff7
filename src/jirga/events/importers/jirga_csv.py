"""jirga's own CSV: what ``jirga events export --format csv`` writes, or a hand-made
table with the case's event columns (``id, date, source, target, cameo, description,
location, fatalities, sources``). Dates use the case-file spellings (``2022-05-09``,
``2022-05``, ``on or before 2022-11-30``, ``A/B``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from jirga.events.actors import ActorDictionary
from jirga.events.importers._io import check_row, getter, missing_columns, normalise_header, read_header
from jirga.events.importers.record import EventRecord, RowError, check_date, clean_id, coord, count, number
from jirga.vocab.codes import cameo_codes
from jirga.vocab.dates import DateError, parse_fuzzy

NAME = "jirga-csv"


def detect(header: list[str]) -> bool:
    h = set(normalise_header(header))
    return ("date" in h or "date_text" in h) and "cameo" in h




def read(path: Path, actors: ActorDictionary, encoding: str = "utf-8-sig"
         ) -> Iterator[tuple[int, EventRecord | RowError, list[str]]]:
    rows, header = read_header(path, encoding)
    date_col = "date_text" if "date_text" in header else "date"
    need = [date_col, "cameo"]
    if "id" not in header and "original_id" not in header:
        need.append("id")
    if "source" not in header and "source_text" not in header and "source_id" not in header:
        need.append("source")
    missing = [c for c in need if c not in header]
    if missing:
        raise missing_columns(path, missing, "jirga CSV needs id, date, source, target, cameo "
                              "(see `jirga events export --format csv`)")
    idx = {c: i for i, c in enumerate(header)}
    book = cameo_codes()
    for row, line, f in rows:
        try:
            check_row(f, header, line)
            g = getter(idx, f)

            oid_col = "original_id" if g("original_id") else "id"
            oid = clean_id(g(oid_col), oid_col)
            if not oid:
                raise RowError("id", "empty id", "give every event an id")
            try:
                fd = parse_fuzzy(g(date_col))
            except DateError as exc:
                raise RowError(date_col, str(exc), None) from None
            if fd.precision != "on_or_before":
                check_date(fd.earliest, date_col)
            if fd.precision != "on_or_after":
                check_date(fd.latest, date_col)
            cameo = g("cameo")
            if cameo and cameo not in book:
                raise RowError("cameo", f"'{cameo}' is not a CAMEO code",
                               "quote codes with leading zeros, e.g. '0871'")
            src = g("source_text") or g("source")
            tgt = g("target_text") or g("target")
            rec = EventRecord(
                dataset=g("dataset") or NAME, original_id=oid,
                date_text=fd.text, earliest=fd.earliest, latest=fd.latest,
                precision=fd.precision,
                source_text=src or None, source_id=g("source_id") or actors.resolve(src),
                target_text=tgt or None, target_id=g("target_id") or actors.resolve(tgt),
                cameo=cameo or None,
                goldstein=number(g("goldstein"), "goldstein", 10, "Goldstein scores run from -10 to 10"),
                event_type=g("event_type") or None,
                location=g("location") or None, country=g("country") or None,
                lat=coord(g("lat"), "lat", 90), lon=coord(g("lon"), "lon", 180),
                fatalities=count(g("fatalities"), "fatalities", "fatalities"),
                fatalities_low=count(g("fatalities_low"), "fatalities_low", "fatalities"),
                fatalities_high=count(g("fatalities_high"), "fatalities_high", "fatalities"),
                notes=g("notes") or g("description") or None,
                url=g("url") or g("sources") or None,
                origin=g("origin") or f"{path.name}#row={row}",
            )
            yield row, rec.finish(), f
        except RowError as err:
            yield row, err, f
