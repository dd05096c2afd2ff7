"""Weekly tension between the principal actors (Goldstein-weighted event counts)."""

from __future__ import annotations

import datetime as dt

import plotly.graph_objects as go

from jirga.analysis.run import CaseAnalysis
from jirga.events.timeline import (
    events_timeline,
)
from jirga.report.figures import figure_html, style
from jirga.report.section import Section, render


def tension_figure(index, names: dict[str, str]) -> go.Figure:
    fig = go.Figure()
    for _pair, rows in index.groupby("pair", sort=False):
        a, b = rows.a.iloc[0], rows.b.iloc[0]
        fig.add_trace(go.Scatter(
            x=list(rows.week), y=list(rows.tension), mode="lines", line_shape="hv",
            name=f"{names.get(a, a)} – {names.get(b, b)}",
            hovertemplate="week of %{x}<br>tension %{y:.1f}<extra>%{fullData.name}</extra>",
        ))
    fig.add_hline(y=0, line_width=1, line_color="#999")
    fig.update_layout(title="Weekly tension (−Σ Goldstein; above 0 = conflict outweighs cooperation)",
                      yaxis_title="tension", xaxis_title="week")
    return style(fig, height=400)


def build(analysis: CaseAnalysis) -> Section | None:
    case = analysis.case
    data = analysis.tension.get()
    events, index = data["events"], data["index"]
    names = {a.id: a.name for a in case.actors}
    pairs = []
    for _pair, rows in index.groupby("pair", sort=False):
        peak = rows.loc[rows.tension.idxmax()]
        a, b = rows.a.iloc[0], rows.b.iloc[0]
        pairs.append({
            "label": f"{names.get(a, a)} – {names.get(b, b)}", "events": rows.events.sum(),
            "conflict": rows.conflict.sum(), "cooperation": rows.cooperation.sum(),
            "tension": rows.tension.sum(), "peak": peak.tension,
            "peak_week": peak.week.isoformat(), "a": a, "b": b, "peak_date": peak.week,
        })
    pairs.sort(key=lambda p: -p["tension"])
    # events of the tensest week of each pair that had conflict
    timeline = events_timeline(events, names)
    peak_rows = []
    for p in pairs:
        if p["peak"] <= 0:
            continue
        start = p["peak_date"]
        end = start + dt.timedelta(days=6)
        sub = events[(events.earliest <= end) & (events.latest >= start)
                     & (((events.source == p["a"]) & (events.target == p["b"]))
                        | ((events.source == p["b"]) & (events.target == p["a"])))]
        peak_rows.extend(timeline[timeline.id.isin(sub.id)].to_dict("records"))
    seen, peak_events = set(), []
    for r in peak_rows:
        if r["id"] not in seen:
            seen.add(r["id"])
            peak_events.append(r)
    html = render("tension.html.j2", chart=figure_html(tension_figure(index, names)),
                  pairs=pairs, peak_events=peak_events)
    headline = []
    top = next((p for p in pairs if p["peak"] > 0), None)
    if top:
        headline.append(f"Tension peaked between {top['label']} in the week of "
                        f"{top['peak_week']} (index {top['peak']:+.1f}).")
    return Section("tension", "Tension between the principals", html, order=45,
                   headline=headline)
