"""Actors and their roles, with a capability chart (mode and range)."""

from __future__ import annotations

import plotly.graph_objects as go

from jirga.analysis.run import CaseAnalysis
from jirga.case.schema import Case
from jirga.report.figures import figure_html, style
from jirga.report.section import Section, render


def capability_figure(case: Case) -> go.Figure:
    """Horizontal bars of each actor's capability, with the range as an error bar."""
    actors = sorted(case.actors, key=lambda a: a.capability.mode)
    fig = go.Figure(go.Bar(
        x=[a.capability.mode for a in actors],
        y=[a.name for a in actors],
        orientation="h",
        error_x=dict(type="data", symmetric=False,
                     array=[a.capability.high - a.capability.mode for a in actors],
                     arrayminus=[a.capability.mode - a.capability.low for a in actors]),
        hovertext=[f"{a.role.value}: {a.capability}" for a in actors],
        marker_color="#1f4e79",
    ))
    fig.update_layout(title="Capability (0–100), most likely value and range",
                      xaxis=dict(range=[0, 100]))
    return style(fig, height=max(260, 36 * len(actors)))


def build(analysis: CaseAnalysis) -> Section:
    case = analysis.case
    html = render("actors.html.j2", actors=case.actors,
                  chart=figure_html(capability_figure(case)))
    mediators = ", ".join(a.name for a in case.mediators)
    headline = [f"Mediator: {mediators}."] if mediators else []
    return Section("actors", "Actors and roles", html, order=10, headline=headline)
