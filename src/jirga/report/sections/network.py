"""The actor–relation network: who shelters, backs, fights or mediates whom."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from jirga.analysis.run import CaseAnalysis
from jirga.case.schema import Case
from jirga.report.figures import figure_html, style
from jirga.report.section import Section, render

_EDGE_COLOURS = {
    "hostile": "#c0392b", "allied": "#2e8b57", "shelters": "#d68910", "hosts": "#d68910",
    "patron_of": "#6c3483", "mediates_between": "#1f4e79", "negotiates_with": "#5d6d7e",
    "splinter_of": "#7f8c8d", "subordinate_to": "#7f8c8d",
}


_ROLE_ORDER = ["party", "mediator", "facilitator", "guarantor", "patron", "spoiler", "observer",
               "affected"]


def circle_order(case: Case) -> list[int]:
    """Actor indices around the circle: parties first, the mediator among them, then the rest.

    A circle keeps every label readable for the tens of actors a case has; putting the
    mediator between the parties draws "mediates between" as two short chords.
    """
    idx = sorted(range(len(case.actors)),
                 key=lambda i: (_ROLE_ORDER.index(case.actors[i].role.value)
                                if case.actors[i].role.value in _ROLE_ORDER else 99, i))
    parties = [i for i in idx if case.actors[i].role.value == "party"]
    mediators = [i for i in idx if case.actors[i].role.value == "mediator"]
    rest = [i for i in idx if i not in parties and i not in mediators]
    half = (len(parties) + 1) // 2
    return parties[:half] + mediators + parties[half:] + rest


def layout(case: Case) -> np.ndarray:
    """Node positions on a unit circle, in :func:`circle_order`, starting at the top."""
    order = circle_order(case)
    n = len(order)
    pos = np.zeros((n, 2))
    for slot, i in enumerate(order):
        angle = np.pi / 2 - 2 * np.pi * slot / max(n, 1)
        pos[i] = (np.cos(angle), np.sin(angle))
    return pos


def network_figure(case: Case) -> go.Figure:
    ids = [a.id for a in case.actors]
    index = {a: i for i, a in enumerate(ids)}
    edges = [(index[r.source], index[t], r.strength.mode, r)
             for r in case.relations for t in r.targets]
    pos = layout(case)
    names = {a.id: a.name for a in case.actors}
    fig = go.Figure()
    for kind in sorted({e[3].kind.value for e in edges}):
        xs, ys, sizes, hover = [], [], [], []
        for i, j, w, r in edges:
            if r.kind.value != kind:
                continue
            d = pos[j] - pos[i]
            end = pos[j] - 0.08 * d / max(float(np.linalg.norm(d)), 1e-9)  # stop short of the node
            xs += [pos[i, 0], end[0], None]
            ys += [pos[i, 1], end[1], None]
            sizes += [0, 7 + 8 * w, 0]  # an arrow head only at the target end
            text = f"{names[r.source]} {kind.replace('_', ' ')} {names[ids[j]]} ({r.strength})"
            hover += [text, text, None]
        colour = _EDGE_COLOURS.get(kind, "#999")
        fig.add_trace(go.Scatter(
            x=xs, y=ys, mode="lines+markers", name=kind.replace("_", " "),
            line=dict(color=colour, width=2),
            marker=dict(symbol="arrow", angleref="previous", size=sizes, color=colour),
            hovertext=hover, hoverinfo="text",
        ))
    fig.add_trace(go.Scatter(
        x=pos[:, 0], y=pos[:, 1], mode="markers+text", name="actors",
        text=[a.name for a in case.actors], textposition="top center",
        marker=dict(size=[12 + a.capability.mode / 3 for a in case.actors],
                    color=["#c0392b" if a.role.value == "party" else
                           "#d68910" if a.role.value == "mediator" else "#5d6d7e"
                           for a in case.actors]),
        hovertext=[f"{a.name} ({a.role.value})" for a in case.actors], hoverinfo="text",
    ))
    fig.update_layout(title="Who is tied to whom (arrow: from → to)",
                      xaxis=dict(visible=False, range=[-1.6, 1.6]),
                      yaxis=dict(visible=False, range=[-1.25, 1.3]))
    return style(fig, height=520)


def build(analysis: CaseAnalysis) -> Section | None:
    case = analysis.case
    if not case.relations:
        return None
    html = render("network.html.j2", relations=case.relations,
                  chart=figure_html(network_figure(case)))
    return Section("network", "Relations between actors", html, order=20)
