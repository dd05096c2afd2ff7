"""The report's figure helpers: only traces the inlined bundle draws, dates at their known
ends, agreements in lanes, parallel ties apart, survival bands that match the table."""

from __future__ import annotations

import datetime as dt

import numpy as np
import plotly.graph_objects as go
import pytest

from jirga.plotting import shorten
from jirga.report.figures import (
    BUNDLE_TRACES,
    PALETTE,
    check_traces,
    figure_html,
    one_sided_symbol,
    plot_date,
    plotly_js,
    slug,
)
from jirga.report.sections.agreements import lanes, timeline_figure
from jirga.report.sections.network import _bends, edge_path
from jirga.vocab.dates import parse_fuzzy


def test_bundle_is_the_basic_one_and_small():
    js = plotly_js()
    assert "plotly.js (basic - minified)" in js[:200]
    assert len(js.encode()) < 1_300_000
    assert BUNDLE_TRACES == {"scatter", "bar", "pie"}


def test_figures_outside_the_bundle_are_refused():
    with pytest.raises(ValueError, match="heatmap"):
        check_traces(go.Figure(go.Heatmap(z=[[1, 2], [3, 4]])))
    html = figure_html(go.Figure(go.Bar(x=[1], y=[2]), layout={"title": "Who breaks: <b>share</b>"}))
    assert 'data-jirga-plot="1"' in html and "jirga.plot(" in html
    assert '"who-breaks-share"' in html  # the download's file name, from the title


def test_slug_and_shorten():
    assert slug("P(breakdown within 180 days) vs the case") == "p-breakdown-within-180-days-vs-the-case"
    assert slug("", fallback="fig-1") == "fig-1"
    text = "the merger is reversed and the region gets the autonomy the TTP demands"
    short = shorten(text, 40)
    assert len(short) <= 40 and short.endswith("…")
    assert text.startswith(short[:-1])  # cut at a word boundary, not mid-word
    assert text.split()[len(short[:-1].split()) - 1] == short[:-1].split()[-1]
    assert shorten("short", 40) == "short"


def test_one_sided_dates_are_drawn_at_their_known_end():
    before = parse_fuzzy("on or before 2022-11-30")
    after = parse_fuzzy("on or after 2022-05")
    month = parse_fuzzy("2022-05")
    assert plot_date(before) == dt.date(2022, 11, 30)
    assert plot_date(after) == dt.date(2022, 5, 1)
    assert plot_date(month) == month.midpoint
    assert one_sided_symbol(before) == "triangle-left"
    assert one_sided_symbol(after) == "triangle-right"
    assert one_sided_symbol(month) is None


def test_overlapping_agreements_get_their_own_lanes():
    d = dt.date
    spans = [(d(2021, 10, 25), d(2021, 12, 9)), (d(2021, 11, 9), d(2021, 12, 9)),
             (d(2022, 5, 1), d(2022, 11, 28))]
    assert lanes(spans) == [0, 1, 0]


def test_timeline_spans_the_case_not_a_century(builtin_case):
    fig = timeline_figure(builtin_case)
    lo, hi = (dt.date.fromisoformat(str(x)[:10]) for x in fig.layout.xaxis.range)
    assert dt.date(2021, 1, 1) <= lo and hi <= dt.date(2022, 12, 31)
    bars = [t for t in fig.data if t.mode == "lines"]
    overlapping = [t for t in bars if "Oct 2021" in t.name or "Nov–Dec 2021" in t.name]
    assert len({t.y[0] for t in overlapping}) == len(overlapping) == 2
    one_sided = [t for t in fig.data if t.name and t.name.startswith("events dated")]
    assert one_sided and "triangle-left" in one_sided[0].marker.symbol


def test_parallel_ties_bend_apart():
    edges = [(0, 1, 1, None), (0, 1, 1, None), (1, 0, 1, None), (2, 3, 1, None)]
    bends = _bends(edges)
    assert bends[3] == 0.0  # a lone tie is straight
    # the three ties between actors 0 and 1 take three different curves
    a, b = np.array([0.0, 1.0]), np.array([1.0, 0.0])
    paths = [edge_path(a, b, bends[0]), edge_path(a, b, bends[1]), edge_path(b, a, bends[2])]
    mids = {(round(float(np.mean(x)), 3), round(float(np.mean(y)), 3)) for x, y in paths}
    assert len(mids) == 3
    x, y = edge_path(a, b, 0.0)
    assert np.hypot(x[-1] - b[0], y[-1] - b[1]) >= 0.1  # the arrow stops short of the node


def test_palette_colours_are_distinct():
    rgb = np.array([[int(c[i:i + 2], 16) for i in (1, 3, 5)] for c in PALETTE], dtype=float)
    dist = np.sqrt(((rgb[:, None, :] - rgb[None, :, :]) ** 2).sum(-1))
    assert dist[np.triu_indices(len(PALETTE), 1)].min() > 60


def test_survival_band_matches_the_table(builtin_case):
    from jirga.models.ceasefire.run import run_ceasefire

    res = run_ceasefire(builtin_case, draws=1000, seed=0, calibrate=False)
    _, lo, hi = res.p_break_within(180)
    band = res.survival_worlds(np.array([180.0]), q=(0.05, 0.95))
    assert band is not None
    # S(180) = 1 − P(break within 180 days), world by world: the band mirrors the interval
    assert band[0, 0] == pytest.approx(1 - hi, abs=0.11)
    assert band[1, 0] == pytest.approx(1 - lo, abs=0.11)
    fig = res.plot_survival(observed_end=(181, 211))
    names = [t.name for t in fig.data]
    assert "5–95% across parameter worlds" in names
    assert any(n and n.startswith("actual end: day 181–211") for n in names)


def test_model_labels_get_names_instead_of_ids():
    from jirga.report.figures import with_names

    fig = go.Figure(go.Bar(x=[0.1, 0.2], y=["the state concedes on 'fata_status'", "no mediator"],
                           orientation="h"), layout={"title": "Change on 'fata_status'"})
    with_names(fig, {"fata_status": "Status of the former tribal areas (FATA)"})
    assert fig.data[0].y[0] == "the state concedes on “Status of the former tribal areas (FATA)”"
    assert fig.data[0].y[1] == "no mediator"
    assert "fata_status" not in fig.layout.title.text
