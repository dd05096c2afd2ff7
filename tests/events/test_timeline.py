"""Timeline, tension index and the report section."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from jirga.vocab.codes import cameo_codes, plover, quad_class
from jirga.events.timeline import (
    case_events_frame,
    events_timeline,
    principal_actors,
    store_events_frame,
    tension_index,
)


def _frame(rows):
    return pd.DataFrame(rows)


def test_tension_index_weights_and_spread() -> None:
    d = dt.date
    events = _frame([
        # a day event: full weight in its week; Goldstein of 190 is -10
        {"id": "a", "date": "2022-11-28", "earliest": d(2022, 11, 28), "latest": d(2022, 11, 28),
         "precision": "day", "source": "TTP", "target": "PAK_GOV", "cameo": "190",
         "goldstein": -10.0},
        # the other direction counts for the same pair
        {"id": "b", "date": "2022-11-29", "earliest": d(2022, 11, 29), "latest": d(2022, 11, 29),
         "precision": "day", "source": "PAK_GOV", "target": "TTP", "cameo": "046",
         "goldstein": 7.0},
        # a month event spreads over the weeks it overlaps (5 weeks for Dec 2022)
        {"id": "c", "date": "2022-12", "earliest": d(2022, 12, 1), "latest": d(2022, 12, 31),
         "precision": "month", "source": "TTP", "target": "PAK_GOV", "cameo": "196",
         "goldstein": -9.5},
        {"id": "d", "date": "2022-12-01", "earliest": d(2022, 12, 1), "latest": d(2022, 12, 1),
         "precision": "day", "source": "USA", "target": "AFG", "cameo": "0874",
         "goldstein": 9.0},
    ])
    idx = tension_index(events, ["PAK_GOV", "TTP"])
    assert set(idx.pair) == {"PAK_GOV–TTP"}
    first = idx[idx.week == d(2022, 11, 28)].iloc[0]
    assert first.tension == pytest.approx(10.0 - 7.0 + 9.5 / 5)
    assert first.conflict == pytest.approx(1 + 1 / 5) and first.cooperation == pytest.approx(1)
    assert idx.tension.sum() == pytest.approx(10 - 7 + 9.5)
    assert list(idx.week) == sorted(idx.week) and len(idx) == 5  # filled weekly series
    everyone = tension_index(events)
    assert set(everyone.pair) == {"PAK_GOV–TTP", "AFG–USA"}


def test_builtin_case_frames(builtin_case) -> None:
    frame = case_events_frame(builtin_case)
    assert len(frame) >= len(builtin_case.events)
    assert frame.goldstein.notna().all()
    actors = principal_actors(builtin_case)
    assert actors[:2] == list(builtin_case.analysis.principals)
    idx = tension_index(frame, actors)
    assert not idx.empty and idx.events.sum() > 0
    tl = events_timeline(frame, {a.id: a.name for a in builtin_case.actors})
    assert len(tl) == len(builtin_case.events)
    assert list(tl.columns[:5]) == ["date", "source", "target", "cameo", "event"]
    assert tl.sources.str.len().gt(0).all()


def test_store_frame(tmp_path) -> None:
    from jirga.events.store import EventStore, import_file
    from tests.events.conftest import UCDP

    import_file(UCDP, tmp_path / "s.duckdb")
    with EventStore(tmp_path / "s.duckdb", read_only=True) as store:
        frame = store_events_frame(store.query(actor="TTP"))
    idx = tension_index(frame, ["PAK_GOV", "TTP"])
    pair = frame[frame.source.isin(["PAK_GOV", "TTP"]) & frame.target.isin(["PAK_GOV", "TTP"])]
    assert len(pair) == 20
    assert idx.tension.sum() == pytest.approx(10 * len(pair))  # 190: Goldstein -10


def test_report_section(builtin_case) -> None:
    pytest.importorskip("jirga.report.section")
    from jirga.report.section import ReportContext
    from jirga.report.sections import tension

    section = tension.build(builtin_case, ReportContext())
    assert section is not None and section.id == "tension"
    assert "plotly" in section.html.lower() or "fig-" in section.html
    assert section.headline and "Tension peaked" in section.headline[0]


def test_ontology_quad_and_plover() -> None:
    assert quad_class("0871") == 2 and quad_class("111") == 3 and quad_class("145") == 4
    assert quad_class("043") == 1
    assert plover("0871").event == "RETREAT" and plover("0871").mode == "ceasefire"
    assert plover("1831").mode == "suicide-attack"
    assert plover("045").event == "CONSULT"
    assert all(quad_class(c) in (1, 2, 3, 4) for c in cameo_codes())
    assert cameo_codes()["0871"].plover.event == "RETREAT"
