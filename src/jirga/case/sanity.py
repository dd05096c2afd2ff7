"""Whole-file checks for cases that are well-formed but cannot mean anything.

Each validator below takes the raw YAML mapping and returns findings
``(path, message, fix)`` like :mod:`jirga.case.crossref`, so they are reported
together with every other problem in the file. They exist because each of these
cases once validated and then crashed or misled downstream:

- all saliences (or all capabilities) 0 on an issue: the bargaining weights sum to
  0 and ``jirga run`` died with ``KeyError: nan``;
- ``principals: [TTP, TTP]``: the report said "TTP and TTP stand furthest apart";
- a relation from an actor to itself; ``as_of: 9999-12-31``;
- ``position.low: true``: pydantic reads a YAML yes/no as 1 in a number field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from jirga.case.crossref import _items
from jirga.case.limits import short
from jirga.case.yamlmap import Path
from jirga.vocab.dates import DateError, parse_fuzzy, year_problem

Finding = tuple[Path, str, str]

_ESTIMATES = ("capability", "position", "salience", "strength")
_NUMBERS = ("fatalities", "agreement_zone")


def _mode(value: Any) -> float | None:
    """The mode of a raw estimate (number, ``{low, mode, high}`` or ``[low, high]``); None
    when it is malformed (pydantic reports that)."""
    try:
        if isinstance(value, bool):
            return None
        if isinstance(value, int | float):
            return float(value)
        if isinstance(value, list) and len(value) in (2, 3):
            return float(value[1]) if len(value) == 3 else (float(value[0]) + float(value[1])) / 2
        if isinstance(value, dict):
            if "mode" in value:
                return float(value["mode"])
            return (float(value["low"]) + float(value["high"])) / 2
    except (TypeError, ValueError, KeyError):
        return None
    return None


def check_principals(data: dict) -> list[Finding]:
    """The two principals must be two different actors."""
    analysis = data.get("analysis")
    p = analysis.get("principals") if isinstance(analysis, dict) else None
    if isinstance(p, list) and len(p) == 2 and isinstance(p[0], str) and p[0] == p[1]:
        return [(("analysis", "principals", 1), f"both principals are '{short(p[0])}'",
                 "list two different actors: the state first, the armed group second")]
    return []


def check_self_relations(data: dict) -> list[Finding]:
    """A relation ties two actors; one from an actor to itself means nothing to the models."""
    out: list[Finding] = []
    for i, rel in _items(data, "relations"):
        src, tgt = rel.get("source"), rel.get("target")
        targets = tgt if isinstance(tgt, list) else [tgt]
        for j, t in enumerate(targets):
            if isinstance(src, str) and t == src:
                path = ("relations", i, "target") + ((j,) if isinstance(tgt, list) else ())
                out.append((path, f"'{short(src)}' is related to itself",
                            "a relation links two different actors; remove this target"))
    return out


def check_issue_weights(data: dict) -> list[Finding]:
    """Each issue needs an actor with a positive salience *and* a positive capability: the
    models weigh positions by capability × salience, and all-zero weights have no mean."""
    caps = {str(a.get("id")): _mode(a.get("capability")) for _, a in _items(data, "actors")}
    out: list[Finding] = []
    for i, iss in _items(data, "issues"):
        positions = iss.get("positions")
        if not isinstance(positions, dict) or not positions:
            continue
        sal = {str(k): _mode(v.get("salience")) if isinstance(v, dict) else None
               for k, v in positions.items()}
        if any(s is None for s in sal.values()) or any(caps.get(k) is None for k in sal):
            continue  # malformed or unknown: reported elsewhere
        path = ("issues", i, "positions")
        if all(s <= 0 for s in sal.values()):
            out.append((path, "every salience on this issue is 0",
                        "give at least one actor a salience above 0 (0 = does not care)"))
        elif all(caps[k] <= 0 for k in sal):
            out.append((path, "every actor with a position on this issue has capability 0",
                        "give at least one of them a capability above 0"))
        elif all(caps[k] * s <= 0 for k, s in sal.items()):
            out.append((path, "no actor on this issue has both a salience and a capability "
                        "above 0, so no position carries weight",
                        "give one actor that cares about the issue some capability"))
    return out


def _date_fields(data: dict) -> Iterator[tuple[Path, Any]]:
    analysis = data.get("analysis")
    if isinstance(analysis, dict) and analysis.get("as_of") is not None:
        yield ("analysis", "as_of"), analysis["as_of"]
    for section, keys in (("sources", ("published", "accessed")), ("agreements", ("start", "end")),
                          ("events", ("date",))):
        for i, item in _items(data, section):
            for key in keys:
                if item.get(key) is not None:
                    yield (section, i, key), item[key]
            if section == "events" and isinstance(item.get("other_dates"), list):
                for j, claim in enumerate(item["other_dates"]):
                    if isinstance(claim, dict) and claim.get("date") is not None:
                        yield (section, i, "other_dates", j, "date"), claim["date"]


def check_date_range(data: dict, today: dt.date | None = None) -> list[Finding]:
    """Dates from :data:`MIN_YEAR` to :data:`MAX_YEARS_AHEAD` years ahead: ``9999-12-31``
    and ``0222`` are typos."""
    out: list[Finding] = []
    for path, value in _date_fields(data):
        if isinstance(value, bool) or not isinstance(value, str | int):
            continue
        try:
            d = parse_fuzzy(str(value))
        except (DateError, ValueError):
            continue  # the schema reports it
        msg = year_problem(d.earliest, d.latest, d.precision, today)
        if msg:
            out.append((path, msg, "check the year"))
    return out


def _bools(value: Any, path: Path) -> Iterator[Path]:
    """Paths of yes/no values inside a raw estimate (its low/mode/high or list entries)."""
    if isinstance(value, dict):
        for k, v in value.items():
            if isinstance(v, bool):
                yield path + (k,)
    elif isinstance(value, list):
        for j, v in enumerate(value):
            if isinstance(v, bool):
                yield path + (j,)


def check_no_booleans(data: dict) -> list[Finding]:
    """``low: true`` or ``fatalities: yes`` is not a number, though pydantic reads it as 1."""
    spots: list[tuple[Path, Any]] = []
    for i, a in _items(data, "actors"):
        spots.append((("actors", i, "capability"), a.get("capability")))
        if isinstance(a.get("parameters"), dict):
            spots += [(("actors", i, "parameters", k), v) for k, v in a["parameters"].items()]
    for i, iss in _items(data, "issues"):
        if isinstance(iss.get("positions"), dict):
            for k, st in iss["positions"].items():
                if isinstance(st, dict):
                    spots += [(("issues", i, "positions", k, e), st.get(e)) for e in _ESTIMATES]
    for i, rel in _items(data, "relations"):
        spots.append((("relations", i, "strength"), rel.get("strength")))
    for i, ag in _items(data, "agreements"):
        if isinstance(ag.get("parameters"), dict):
            spots += [(("agreements", i, "parameters", k), v) for k, v in ag["parameters"].items()]
    out: list[Finding] = [(p, "a yes/no value where a number is expected",
                           "write a number (YAML reads true, yes, on as yes/no)")
                          for path, v in spots for p in _bools(v, path)]
    holders = [("analysis", data.get("analysis"))] + [
        (("events", i), ev) for i, ev in _items(data, "events")]
    for base, holder in holders:
        if isinstance(holder, dict):
            for key in _NUMBERS:
                if isinstance(holder.get(key), bool):
                    path = (base, key) if isinstance(base, str) else (*base, key)
                    out.append((path, "a yes/no value where a number is expected",
                                "write a number (YAML reads true, yes, on as yes/no)"))
    return out


VALIDATORS = (check_principals, check_self_relations, check_issue_weights, check_date_range,
              check_no_booleans)


def check_semantics(data: Any) -> list[Finding]:
    """Every finding of every validator above."""
    if not isinstance(data, dict):
        return []
    return [f for check in VALIDATORS for f in check(data)]
