"""Events timeline and the weekly tension index between principal actors.

Both work on one *events frame* — a DataFrame with one row per (event, target):
``id, date, earliest, latest, precision, source, target, cameo, goldstein,
description, location, sources`` — built from a case (:func:`case_events_frame`) or
from the event store (:func:`store_events_frame`).

Tension index: for each unordered pair of actors and each week (Monday start),
``tension = −Σ goldstein`` over the events between them (either direction), so
conflict (negative Goldstein scores) raises it and cooperation lowers it. An event
whose date is uncertain spreads its weight evenly over the weeks it may fall in
("2022-12" counts 1/5 in each week of December); "on or before D" counts in the week
of D and "on or after D" in the week of D.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import TYPE_CHECKING

import pandas as pd

from jirga.vocab.codes import cameo_name, goldstein

if TYPE_CHECKING:
    from jirga.case.schema import Case

FRAME_COLUMNS = ["id", "date", "earliest", "latest", "precision", "source", "target", "cameo",
                 "goldstein", "description", "location", "sources"]
MAX_SPREAD_WEEKS = 60


def case_events_frame(case: Case) -> pd.DataFrame:
    """The case's events, one row per target, with Goldstein scores and source titles."""
    titles = {s.id: s.title for s in case.sources}
    rows = []
    for e in case.events:
        for t in e.target:
            rows.append({
                "id": e.id, "date": e.date.text, "earliest": e.date.earliest,
                "latest": e.date.latest, "precision": e.date.precision, "source": e.source,
                "target": t, "cameo": e.cameo, "goldstein": goldstein(e.cameo),
                "description": e.description, "location": e.location,
                "sources": "; ".join(titles.get(s, s) for s in e.sources),
            })
    return _frame(rows)


def store_events_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Store rows (``EventStore.query()``) as an events frame; unmapped actors keep their text."""
    rows = []
    for r in frame.itertuples():
        rows.append({
            "id": r.id, "date": r.date_text, "earliest": _as_date(r.earliest),
            "latest": _as_date(r.latest), "precision": r.precision,
            "source": r.source_id or r.source_text, "target": r.target_id or r.target_text,
            "cameo": r.cameo,
            "goldstein": r.goldstein if r.goldstein == r.goldstein else None,
            "description": r.notes or r.event_type, "location": r.location,
            "sources": r.url or r.origin,
        })
    return _frame(rows)


def _as_date(v) -> dt.date:
    return v.date() if hasattr(v, "date") and callable(v.date) else v


def _frame(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=FRAME_COLUMNS)
    if not frame.empty:
        frame = frame.assign(_key=[_sort_date(r) for r in frame.itertuples()])
        frame = frame.sort_values(["_key", "id"], kind="stable").drop(columns="_key")
        frame = frame.reset_index(drop=True)
    return frame


def _sort_date(r) -> dt.date:
    """Where an event sits on a timeline: 'on or before D' at D, otherwise its first day."""
    return r.latest if r.precision == "on_or_before" else r.earliest


def principal_actors(case: Case) -> list[str]:
    """The parties to the bargaining and the mediators: the case's principals, then every
    actor whose role is party or mediator."""
    ids = list(case.analysis.principals)
    for a in case.actors:
        if a.role.value in ("party", "mediator") and a.id not in ids:
            ids.append(a.id)
    return ids


def _week(d: dt.date) -> dt.date:
    return d - dt.timedelta(days=d.weekday())


def _weeks(earliest: dt.date, latest: dt.date, precision: str) -> list[dt.date]:
    if precision == "on_or_before":
        return [_week(latest)]
    if precision == "on_or_after":
        return [_week(earliest)]
    first, last = _week(earliest), _week(latest)
    n = (last - first).days // 7 + 1
    if n > MAX_SPREAD_WEEKS:
        return [_week(earliest + (latest - earliest) / 2)]
    return [first + dt.timedelta(days=7 * i) for i in range(n)]


def tension_index(events: pd.DataFrame, actors: list[str] | None = None,
                  fill: bool = True) -> pd.DataFrame:
    """Weekly tension between each pair of ``actors`` (all pairs seen when None).

    Columns: ``week`` (Monday), ``pair`` ("A–B", sorted), ``a``, ``b``, ``events``
    (weighted count), ``conflict`` and ``cooperation`` (weighted counts of events with
    negative / positive Goldstein score), ``goldstein`` (weighted sum) and ``tension``
    (= −goldstein). With ``fill`` every pair gets every week between the first and last
    event (zeros where nothing happened), so the series plot as lines.
    """
    cols = ["week", "pair", "a", "b", "events", "conflict", "cooperation", "goldstein", "tension"]
    if events.empty:
        return pd.DataFrame(columns=cols)
    keep = set(actors) if actors is not None else None
    acc: dict[tuple[dt.date, str, str], list[float]] = {}
    for r in events.itertuples():
        if not r.source or not r.target or r.source == r.target:
            continue
        if keep is not None and (r.source not in keep or r.target not in keep):
            continue
        g = r.goldstein if r.goldstein is not None and r.goldstein == r.goldstein else 0.0
        a, b = sorted((str(r.source), str(r.target)))
        weeks = _weeks(r.earliest, r.latest, r.precision)
        w = 1.0 / len(weeks)
        for wk in weeks:
            slot = acc.setdefault((wk, a, b), [0.0, 0.0, 0.0, 0.0])
            slot[0] += w
            slot[1] += w if g < 0 else 0.0
            slot[2] += w if g > 0 else 0.0
            slot[3] += w * g
    rows = [{"week": wk, "pair": f"{a}–{b}", "a": a, "b": b, "events": v[0], "conflict": v[1],
             "cooperation": v[2], "goldstein": v[3], "tension": -v[3]}
            for (wk, a, b), v in acc.items()]
    frame = pd.DataFrame(rows, columns=cols)
    if frame.empty:
        return frame
    if fill:
        weeks = pd.date_range(min(frame.week), max(frame.week), freq="7D").date
        pairs = frame[["pair", "a", "b"]].drop_duplicates()
        grid = pd.DataFrame(
            [{"week": w, **p} for w in weeks for p in pairs.to_dict("records")]
        )
        frame = grid.merge(frame, on=["week", "pair", "a", "b"], how="left").fillna(
            {c: 0.0 for c in ("events", "conflict", "cooperation", "goldstein", "tension")})
    return frame.sort_values(["pair", "week"]).reset_index(drop=True)


def all_pairs(actors: list[str]) -> list[tuple[str, str]]:
    return [tuple(sorted(p)) for p in itertools.combinations(actors, 2)]


def events_timeline(events: pd.DataFrame, names: dict[str, str] | None = None) -> pd.DataFrame:
    """One row per event (targets joined), in date order, with readable names and sources."""
    names = names or {}
    if events.empty:
        return pd.DataFrame(columns=["date", "source", "target", "cameo", "event", "goldstein",
                                     "description", "location", "sources", "id"])
    grouped = events.groupby("id", sort=False).agg({  # events arrive in timeline order
        "date": "first", "earliest": "first", "source": "first",
        "target": lambda t: ", ".join(names.get(x, x) for x in t),
        "cameo": "first", "goldstein": "first", "description": "first", "location": "first",
        "sources": "first",
    }).reset_index()
    grouped["source"] = grouped["source"].map(lambda s: names.get(s, s))
    grouped["event"] = grouped["cameo"].map(lambda c: cameo_name(c) if c else "")
    return grouped[["date", "source", "target", "cameo", "event", "goldstein", "description",
                    "location", "sources", "id"]].reset_index(drop=True)
