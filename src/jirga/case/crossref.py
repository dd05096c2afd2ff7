"""Whole-file checks: duplicate ids and references to actors or sources that do not exist.

These run on the raw YAML data, alongside (not after) pydantic's field checks,
so a file with a bad range *and* an unknown actor reports both at once.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Any

from jirga.case.limits import MAX_ID, short, some
from jirga.case.yamlmap import Path

Finding = tuple[Path, str, str]  # (path, message, fix)

_SECTIONS = ("sources", "actors", "issues", "agreements", "events", "claims")


def _items(data: dict, section: str) -> Iterator[tuple[int, dict]]:
    seq = data.get(section)
    if isinstance(seq, list):
        for i, item in enumerate(seq):
            if isinstance(item, dict):
                yield i, item


def _ids(data: dict, section: str) -> set[str]:
    return _Known(str(item["id"]) for _, item in _items(data, section) if "id" in item)


class _Known(set):
    """A set of ids that remembers its sorted order, so hints for many dangling references
    sort the ids once, not once per reference."""

    _order: list[str] | None = None
    _memo: dict[str, str]

    def ordered(self) -> list[str]:
        if self._order is None:
            self._order = sorted(self)
            self._memo = {}
        return self._order


def _suggest(name: str, known: set[str]) -> str:
    """"did you mean 'X'?" or a few of the known ids: never the whole list (a case can hold
    200,000 sources) and never a long id in full."""
    if not known:
        return "define it first"
    ordered = known.ordered() if isinstance(known, _Known) else sorted(known)
    memo = known._memo if isinstance(known, _Known) else {}
    if name in memo:
        return memo[name]
    hint = ""
    if len(name) <= MAX_ID:
        # difflib is slow on long lists: compare with ids of about the same length only
        pool = ordered if len(ordered) <= 2000 else [
            k for k in ordered if abs(len(k) - len(name)) <= 2 and k[:1] == name[:1]][:2000]
        close = difflib.get_close_matches(name, pool, n=1)
        if close:
            hint = f"did you mean '{short(close[0])}'?"
    memo[name] = hint = hint or "use one of: " + some(ordered)
    return hint


def check_references(data: Any) -> list[Finding]:
    """Return every duplicate id and dangling reference in a raw case mapping."""
    if not isinstance(data, dict):
        return []
    out: list[Finding] = []

    for section in _SECTIONS:
        seen: dict[str, int] = {}
        for i, item in _items(data, section):
            if "id" not in item:
                continue
            key = str(item["id"])
            if key in seen:
                out.append(((section, i, "id"),
                            f"duplicate id '{short(key)}' (also used by {section}[{seen[key]}])",
                            "give each entry its own id"))
            else:
                seen[key] = i

    actors = _ids(data, "actors")
    sources = _ids(data, "sources")

    def actor_ref(path: Path, value: Any) -> None:
        if isinstance(value, str) and value not in actors:
            out.append((path, f"unknown actor '{short(value)}'",
                        _suggest(value, actors) + " (actors are defined under 'actors:')"))

    def actor_refs(path: Path, value: Any) -> None:
        if isinstance(value, str):
            actor_ref(path, value)
        elif isinstance(value, list):
            for j, v in enumerate(value):
                actor_ref(path + (j,), v)

    def source_refs(path: Path, value: Any) -> None:
        if isinstance(value, list):
            for j, v in enumerate(value):
                if isinstance(v, str) and v not in sources:
                    out.append((path + (j,), f"unknown source '{short(v)}'",
                                _suggest(v, sources) + " (sources are defined under 'sources:')"))

    for i, a in _items(data, "actors"):
        source_refs(("actors", i, "sources"), a.get("sources"))
    for i, iss in _items(data, "issues"):
        source_refs(("issues", i, "sources"), iss.get("sources"))
        positions = iss.get("positions")
        if isinstance(positions, dict):
            for actor_id, stance in positions.items():
                actor_ref(("issues", i, "positions", actor_id), str(actor_id))
                if isinstance(stance, dict):
                    source_refs(("issues", i, "positions", actor_id, "sources"),
                                stance.get("sources"))
                    history = stance.get("history")
                    for j, old in enumerate(history if isinstance(history, list) else []):
                        if isinstance(old, dict):  # earlier, dated stances cite sources too
                            source_refs(("issues", i, "positions", actor_id, "history", j,
                                         "sources"), old.get("sources"))
    for i, ag in _items(data, "agreements"):
        actor_refs(("agreements", i, "parties"), ag.get("parties"))
        for role in ("mediators", "facilitators", "guarantors"):
            actor_refs(("agreements", i, role), ag.get(role))
        if ag.get("ended_by") is not None:
            actor_ref(("agreements", i, "ended_by"), ag.get("ended_by"))
        source_refs(("agreements", i, "sources"), ag.get("sources"))
    for i, ev in _items(data, "events"):
        actor_ref(("events", i, "source"), ev.get("source"))
        actor_refs(("events", i, "target"), ev.get("target"))
        source_refs(("events", i, "sources"), ev.get("sources"))
        others = ev.get("other_dates")
        if isinstance(others, list):
            for j, claim in enumerate(others):
                if isinstance(claim, dict):
                    source_refs(("events", i, "other_dates", j, "sources"), claim.get("sources"))
    rels = data.get("relations")
    if isinstance(rels, list):
        for i, rel in enumerate(rels):
            if isinstance(rel, dict):
                actor_ref(("relations", i, "source"), rel.get("source"))
                actor_refs(("relations", i, "target"), rel.get("target"))
                source_refs(("relations", i, "sources"), rel.get("sources"))
    for i, claim in _items(data, "claims"):
        source_refs(("claims", i, "sources"), claim.get("sources"))
    analysis = data.get("analysis")
    if isinstance(analysis, dict):
        actor_refs(("analysis", "principals"), analysis.get("principals"))
        p = analysis.get("principals")
        if isinstance(p, list) and len(p) not in (0, 2):
            out.append((("analysis", "principals"),
                        f"expected two principal parties, got {len(p)}",
                        "list the state first and the armed group second"))
    return out
