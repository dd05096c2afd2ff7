"""Issue positions with their ranges, one chart per issue."""

from __future__ import annotations

import plotly.graph_objects as go

from jirga.analysis.run import CaseAnalysis
from jirga.case.schema import Case, Issue
from jirga.plotting import shorten
from jirga.report.figures import figure_html, style
from jirga.report.section import Section, render


def issue_figure(case: Case, issue: Issue) -> go.Figure:
    """Dot (mode) and bar (range) per actor on the issue's 0–100 scale."""
    names = {a.id: a.name for a in case.actors}
    items = sorted(issue.positions.items(), key=lambda kv: kv[1].position.mode)
    fig = go.Figure(go.Scatter(
        x=[st.position.mode for _, st in items],
        y=[names.get(a, a) for a, _ in items],
        mode="markers",
        marker=dict(size=[8 + 22 * st.salience.mode for _, st in items], color="#1f4e79"),
        error_x=dict(type="data", symmetric=False,
                     array=[st.position.high - st.position.mode for _, st in items],
                     arrayminus=[st.position.mode - st.position.low for _, st in items]),
        hovertext=[f"position {st.position}, salience {st.salience}" for _, st in items],
        hoverinfo="text+y",
    ))
    fig.update_layout(
        title=issue.question,
        xaxis=dict(range=[-2, 102], title=f"0 = {shorten(issue.scale.zero, 55)} · 100 = "
                   f"{shorten(issue.scale.hundred, 55)}"),
    )
    return style(fig, height=max(240, 40 * len(items) + 120))


def build(analysis: CaseAnalysis) -> Section | None:
    case = analysis.case
    if not case.issues:
        return None
    names = {a.id: a.name for a in case.actors}
    items = [{"issue": i, "chart": figure_html(issue_figure(case, i))} for i in case.issues]
    html = render("positions.html.j2", issues=items, names=names)
    headline = []
    p = case.principals()
    if p is not None:
        gaps = []
        for i in case.issues:
            if p[0] in i.positions and p[1] in i.positions:
                gap = abs(i.positions[p[0]].position.mode - i.positions[p[1]].position.mode)
                gaps.append((gap, i))
        if gaps:
            gap, widest = max(gaps, key=lambda g: g[0])
            headline.append(
                f"The principals, {names[p[0]]} and {names[p[1]]}, stand furthest apart on "
                f"“{widest.question}”: {gap:.0f} points on a 0–100 scale.")
    return Section("positions", "Issues and positions", html, order=30, headline=headline)
