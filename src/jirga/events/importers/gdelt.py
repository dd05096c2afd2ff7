"""GDELT event exports: 2.0 (61 tab-separated fields) and 1.0 (57 backfile / 58 daily).

No header; one event per line, no quoting — so the file is streamed line by line,
never loaded whole. ``SQLDATE`` (YYYYMMDD) is the event date (it can be a year
before ``DATEADDED``); ``EventCode`` is CAMEO, ``GoldsteinScale`` is kept as given.
1.0 lacks the three ``*Geo_ADM2Code`` columns of 2.0, so the geography sits at
other positions. A 16-field GDELT 2.0 *mentions* file is refused with a message.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

from jirga.errors import InputError, Problem
from jirga.events.actors import ActorDictionary
from jirga.events.importers._io import encoding_problem, open_text
from jirga.events.importers.record import EventRecord, RowError, check_date, control_problem, day, number

NAME = "gdelt"

BASE = ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
        "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode",
        "Actor1EthnicCode", "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code",
        "Actor1Type2Code", "Actor1Type3Code",
        "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode",
        "Actor2EthnicCode", "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code",
        "Actor2Type2Code", "Actor2Type3Code",
        "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
        "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone"]


def _geo(prefix: str, adm2: bool) -> list[str]:
    cols = ["Type", "FullName", "CountryCode", "ADM1Code"]
    if adm2:
        cols.append("ADM2Code")
    cols += ["Lat", "Long", "FeatureID"]
    return [f"{prefix}Geo_{c}" for c in cols]


COLUMNS_V2 = BASE + _geo("Actor1", True) + _geo("Actor2", True) + _geo("Action", True) + [
    "DATEADDED", "SOURCEURL"]
COLUMNS_V1 = BASE + _geo("Actor1", False) + _geo("Actor2", False) + _geo("Action", False) + [
    "DATEADDED", "SOURCEURL"]
assert len(COLUMNS_V2) == 61 and len(COLUMNS_V1) == 58

# GDELT actor code (country + type, e.g. PAKGOV) → built-in actor id
_CODE_ROLE = {"GOV": "GOV", "MIL": "MIL", "COP": "MIL", "SPY": "MIL", "CVL": "CVL",
              "LEG": "GOV", "JUD": "GOV", "ELI": "GOV"}
_COUNTRY = {"PAK": "PAK", "AFG": "AFG", "USA": "USA", "CHN": "CHN", "IND": "IND", "IRN": "IRN",
            "RUS": "RUS", "QAT": "QAT", "SAU": "SAU", "TUR": "TUR", "GBR": "GBR"}
_CODE_RE = re.compile(r"^[0-9]+$")


def detect_line(line: str) -> bool:
    parts = line.rstrip("\r\n").split("\t")
    return len(parts) in (57, 58, 61) and parts[0].isdigit() and parts[1].isdigit()


def _actor(actors: ActorDictionary, code: str, name: str, country: str, group: str,
           type1: str) -> str | None:
    if group == "TAL" and country in ("", "AFG"):
        found = actors.resolve("Taliban")
        if found:
            return found
    role = _CODE_ROLE.get(type1)
    if country in _COUNTRY and role:  # PAKMIL, PAKGOV, ...: the code is more exact than the name
        return _compose(actors, country, role)
    if name:
        found = actors.resolve(name)
        if found:
            return found
    if country in _COUNTRY and code == country:
        return _compose(actors, country, "GOV")
    return None


def _compose(actors: ActorDictionary, country: str, role: str) -> str | None:
    from jirga.events.actors import COMPOSED

    aid = COMPOSED.get((_COUNTRY[country], role))
    return actors._ok(aid)


def _float(v: str, column: str, limit: float) -> float | None:
    """A finite decimal within ±``limit`` (Goldstein ±10, degrees ±90/±180)."""
    return number(v, column, limit, "GDELT writes decimals within this range")


def _quad(v: str) -> int | None:
    """QuadClass: 1 (verbal cooperation) to 4 (material conflict)."""
    if not v:
        return None
    if v not in ("1", "2", "3", "4"):
        raise RowError("QuadClass", f"'{v[:20]}' is not a quad class", "GDELT writes 1, 2, 3 or 4")
    return int(v)


def read(path: Path, actors: ActorDictionary, encoding: str = "utf-8-sig"
         ) -> Iterator[tuple[int, EventRecord | RowError, list[str]]]:
    name = path.name
    with open_text(path, encoding) as fh:
        first = True
        for row, line in enumerate(fh, start=1):
            line = line.rstrip("\r\n")
            if not line.strip():
                continue
            f = line.split("\t")
            if first:
                first = False
                if len(f) == 16 and f[0].isdigit():
                    raise InputError([Problem(str(path), row, "", "this is a GDELT 2.0 mentions "
                                              "file (16 fields), not an event export",
                                              "import the matching *.export.CSV file",
                                              kind="row")])
                if len(f) not in (57, 58, 61) or not f[0].strip().isdigit():
                    raise InputError([Problem(str(path), row, "",
                                              f"expected a GDELT event export (tab-separated, no "
                                              f"header, 57/58 or 61 fields); line 1 has "
                                              f"{len(f)} field(s)",
                                              "give a GDELT *.export.CSV (2.0) or events file "
                                              "(1.0), or pass the right --format", kind="row")])
                width = len(f)
                cols = COLUMNS_V2 if width == 61 else COLUMNS_V1
            try:
                bad = encoding_problem(f, cols)
                if bad:
                    raise RowError(bad[0], bad[1], "re-save the file as UTF-8 or pass --encoding")
                bad = control_problem(f, cols)
                if bad:
                    raise RowError(bad[0], bad[1], "remove it; GDELT rows hold no control "
                                   "characters (the file may be damaged)")
                if len(f) != width and not (width in (57, 58) and len(f) in (57, 58)):
                    if len(f) < width:
                        raise RowError(cols[len(f)] if len(f) < len(cols) else "SOURCEURL",
                                       f"the row is cut short: {len(f)} of {width} fields",
                                       "restore the missing fields or drop the row")
                    raise RowError(cols[-1], f"the row has {len(f)} fields, expected {width}",
                                   "GDELT rows never hold tabs inside fields; check the file")
                g = dict(zip(cols, f, strict=False))  # 1.0 backfile rows lack SOURCEURL
                oid = g["GLOBALEVENTID"].strip()
                if not _CODE_RE.match(oid):
                    raise RowError("GLOBALEVENTID", f"'{oid}' is not an event id", None)
                sd = g["SQLDATE"].strip()
                try:
                    d = dt.datetime.strptime(sd, "%Y%m%d").date()
                except ValueError:
                    raise RowError("SQLDATE", f"'{sd}' is not a real day (YYYYMMDD)",
                                   "GDELT writes SQLDATE as YYYYMMDD") from None
                date = day(check_date(d, "SQLDATE"))
                code = g["EventCode"].strip()
                if code and not code.isdigit():
                    raise RowError("EventCode", f"'{code}' is not a CAMEO code", None)
                a1 = _actor(actors, g["Actor1Code"], g["Actor1Name"], g["Actor1CountryCode"],
                            g["Actor1KnownGroupCode"], g["Actor1Type1Code"])
                a2 = _actor(actors, g["Actor2Code"], g["Actor2Name"], g["Actor2CountryCode"],
                            g["Actor2KnownGroupCode"], g["Actor2Type1Code"])
                quad = g["QuadClass"].strip()
                rec = EventRecord(
                    dataset=NAME, original_id=oid,
                    date_text=date[0], earliest=date[1], latest=date[2], precision=date[3],
                    source_text=_actor_text(g, "Actor1"), source_id=a1,
                    target_text=_actor_text(g, "Actor2"), target_id=a2,
                    cameo=code or None,
                    goldstein=_float(g["GoldsteinScale"].strip(), "GoldsteinScale", 10),
                    quad_class=_quad(quad),
                    event_type=f"GDELT {'2.0' if width == 61 else '1.0'} {code}",
                    location=g["ActionGeo_FullName"].strip() or None,
                    country=g["ActionGeo_CountryCode"].strip() or None,
                    lat=_float(g["ActionGeo_Lat"].strip(), "ActionGeo_Lat", 90),
                    lon=_float(g["ActionGeo_Long"].strip(), "ActionGeo_Long", 180),
                    notes=f"mentions={g['NumMentions']} sources={g['NumSources']} "
                          f"tone={g['AvgTone']}",
                    url=(g.get("SOURCEURL") or "").strip() or None,
                    origin=f"{name}#row={row}",
                )
                yield row, rec.finish(), f
            except RowError as err:
                yield row, err, f
        if first:
            raise InputError([Problem(str(path), None, "", "the file is empty", kind="row")])


def _actor_text(g: dict, prefix: str) -> str | None:
    name = g[f"{prefix}Name"].strip()
    code = g[f"{prefix}Code"].strip()
    if not name and not code:
        return None
    return f"{name} [{code}]" if name and code else name or code
