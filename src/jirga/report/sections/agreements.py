"""Agreements (start, end, who ended them) and the events timeline."""

from __future__ import annotations

import plotly.graph_objects as go

from jirga.analysis.run import CaseAnalysis
from jirga.case.schema import Case
from jirga.report.figures import figure_html, style
from jirga.report.section import Section, render
from jirga.vocab.codes import cameo_codes, goldstein


def timeline_figure(case: Case) -> go.Figure:
    """Agreements as bars, events as points placed by Goldstein score (conflict below 0)."""
    names = {a.id: a.name for a in case.actors}
    fig = go.Figure()
    for ag in case.agreements:
        end = ag.end.latest if ag.end else case.analysis.as_of.latest if case.analysis.as_of \
            else max((e.date.latest for e in case.events), default=ag.start.latest)
        fig.add_trace(go.Scatter(
            x=[ag.start.earliest, end], y=[10.5, 10.5], mode="lines",
            line=dict(width=12), name=ag.name or ag.id,
            hovertext=f"{ag.name or ag.id}: {ag.start} → {ag.end or 'holding'}",
            hoverinfo="text",
        ))
    events = sorted(case.events, key=lambda e: e.date.earliest)
    xs = [e.date.midpoint for e in events]
    ys = [goldstein(e.cameo) or 0 for e in events]
    half = [(e.date.latest - e.date.earliest).days / 2 for e in events]
    fig.add_trace(go.Scatter(
        x=xs, y=ys, mode="markers", name="events",
        marker=dict(size=11, color=ys, colorscale="RdBu", cmin=-10, cmax=10,
                    line=dict(width=1, color="#333")),
        error_x=dict(type="data", array=[h * 86400000 for h in half], visible=True,
                     thickness=1, width=0),
        hovertext=[f"{e.date} · {names.get(e.source, e.source)} → "
                   f"{', '.join(names.get(t, t) for t in e.target)}<br>{e.description}"
                   for e in events],
        hoverinfo="text",
    ))
    fig.update_layout(title="Agreements (bars) and events (Goldstein score: + cooperation, − conflict)",
                      yaxis=dict(title="Goldstein score", range=[-11, 12]))
    return style(fig, height=420)


def build(analysis: CaseAnalysis) -> Section | None:
    case = analysis.case
    if not case.agreements and not case.events:
        return None
    names = {a.id: a.name for a in case.actors}
    rows = []
    for ag in case.agreements:
        days = None
        if ag.end and all(d.precision in ("day", "month", "range") for d in (ag.start, ag.end)):
            shortest = (ag.end.earliest - ag.start.latest).days
            longest = (ag.end.latest - ag.start.earliest).days
            days = f"{longest}" if shortest == longest else f"{max(shortest, 0)}–{longest}"
        rows.append({
            "a": ag,
            "parties": ", ".join(names.get(p, p) for p in ag.parties),
            "mediators": ", ".join(names.get(m, m) for m in ag.mediators),
            "ended_by": names.get(ag.ended_by, ag.ended_by) if ag.ended_by else "",
            "days": days or "",
        })
    events = sorted(case.events, key=lambda e: (e.date.earliest, e.id))
    html = render("agreements.html.j2", agreements=rows, events=events, names=names,
                  cameo_names={c: v.name for c, v in cameo_codes().items()},
                  chart=figure_html(timeline_figure(case)))
    headline = []
    for r in rows:
        ag = r["a"]
        if ag.end and ag.ended_by:
            headline.append(f"{ag.name or ag.id}: {ag.start} to {ag.end}"
                            f"{' (' + r['days'] + ' days)' if r['days'] else ''}, "
                            f"ended by {r['ended_by']}.")
    return Section("agreements", "Agreements and events", html, order=40, headline=headline)
