"""The actor–relation network: who shelters, backs, fights or mediates whom."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from jirga.analysis.run import CaseAnalysis
from jirga.case.schema import Case
from jirga.report.figures import figure_html, style
from jirga.report.section import Section, render

# Ties and roles in clearly different hues (Okabe–Ito): kinds must not be told apart by shade.
_EDGE_COLOURS = {
    "hostile": "#D55E00", "allied": "#009E73", "shelters": "#E69F00", "hosts": "#E69F00",
    "patron_of": "#CC79A7", "mediates_between": "#0072B2", "negotiates_with": "#56B4E9",
    "splinter_of": "#5D6D7E", "subordinate_to": "#5D6D7E",
}
_ROLE_COLOURS = {"party": "#B2182B", "mediator": "#7B3294", "facilitator": "#1B7837",
                 "spoiler": "#8C510A"}
_OTHER_ROLE = "#7f8c8d"


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


def _wrap(name: str, width: int = 18) -> str:
    """Break a long actor name into two lines at the space nearest its middle."""
    if len(name) <= width or " " not in name:
        return name
    spaces = [k for k, ch in enumerate(name) if ch == " "]
    k = min(spaces, key=lambda k: abs(k - len(name) / 2))
    return name[:k] + "<br>" + name[k + 1:]


def _text_position(p: np.ndarray) -> str:
    """Labels outside the circle, so the chords (which run inside it) never cross them."""
    x, y = p
    if abs(x) < 0.35:
        return "top center" if y > 0 else "bottom center"
    return ("top " if y > 0.6 else "bottom " if y < -0.6 else "middle ") + ("right" if x > 0 else "left")


def edge_path(a: np.ndarray, b: np.ndarray, bend: float, shorten: float = 0.1,
              n: int = 16) -> tuple[np.ndarray, np.ndarray]:
    """Points along a quadratic curve from ``a`` to ``b``, bowed sideways by ``bend``.

    Parallel ties between one pair get different bends (0 for a lone tie), so none
    hides another; the curve stops ``shorten`` short of ``b`` so the arrow head sits
    beside the target's marker rather than under it.
    """
    d = b - a
    length = max(float(np.linalg.norm(d)), 1e-9)
    normal = np.array([-d[1], d[0]]) / length
    ctrl = (a + b) / 2 + bend * length * normal
    t = np.linspace(0, 1, n)[:, None]
    pts = (1 - t) ** 2 * a + 2 * (1 - t) * t * ctrl + t ** 2 * b
    dist = np.linalg.norm(pts - b, axis=1)
    pts = pts[dist >= shorten] if (dist >= shorten).sum() >= 2 else pts[:2]
    return pts[:, 0], pts[:, 1]


def _bends(edges: list[tuple[int, int, float, object]]) -> list[float]:
    """A bend per edge: ties between the same two actors fan out symmetrically."""
    groups: dict[tuple[int, int], list[int]] = {}
    for k, (i, j, _, _) in enumerate(edges):
        groups.setdefault((min(i, j), max(i, j)), []).append(k)
    bends = [0.0] * len(edges)
    for (lo, _hi), members in groups.items():
        m = len(members)
        for rank, k in enumerate(members):
            b = 0.0 if m == 1 else 0.22 * (rank - (m - 1) / 2)
            # the same side of the pair whichever way the tie points
            bends[k] = b if edges[k][0] == lo else -b
    return bends


def network_figure(case: Case) -> go.Figure:
    """Actors on a circle, ties as curved arrows coloured by kind, nodes by role."""
    ids = [a.id for a in case.actors]
    index = {a: i for i, a in enumerate(ids)}
    edges = [(index[r.source], index[t], r.strength.mode, r)
             for r in case.relations for t in r.targets]
    bends = _bends(edges)
    pos = layout(case)
    names = {a.id: a.name for a in case.actors}
    fig = go.Figure()
    for kind in sorted({e[3].kind.value for e in edges}):
        xs, ys, sizes, hover = [], [], [], []
        for (i, j, w, r), bend in zip(edges, bends, strict=True):
            if r.kind.value != kind:
                continue
            px, py = edge_path(pos[i], pos[j], bend)
            xs += [*px, None]
            ys += [*py, None]
            sizes += [0] * (len(px) - 1) + [8 + 8 * w, 0]  # an arrow head only at the target end
            text = f"{names[r.source]} {kind.replace('_', ' ')} {names[ids[j]]} ({r.strength})"
            hover += [text] * len(px) + [None]
        colour = _EDGE_COLOURS.get(kind, "#999")
        fig.add_trace(go.Scatter(
            x=xs, y=ys, mode="lines+markers", name=kind.replace("_", " "),
            line=dict(color=colour, width=2),
            marker=dict(symbol="arrow", angleref="previous", size=sizes, color=colour),
            hovertext=hover, hoverinfo="text",
        ))
    roles = list(dict.fromkeys(a.role.value for a in case.actors))
    for role in roles:
        members = [k for k, a in enumerate(case.actors) if a.role.value == role]
        fig.add_trace(go.Scatter(
            x=pos[members, 0], y=pos[members, 1], mode="markers+text", name=role,
            text=[_wrap(case.actors[k].name) for k in members],
            textposition=[_text_position(pos[k]) for k in members], cliponaxis=False,
            marker=dict(size=[12 + case.actors[k].capability.mode / 3 for k in members],
                        color=_ROLE_COLOURS.get(role, _OTHER_ROLE), line=dict(width=1, color="#fff")),
            hovertext=[f"{case.actors[k].name} ({role})" for k in members], hoverinfo="text",
        ))
    fig.update_layout(title="Who is tied to whom (arrow: from → to; colour: kind of tie)",
                      xaxis=dict(visible=False, range=[-1.9, 1.9]),
                      yaxis=dict(visible=False, range=[-1.3, 1.3], scaleanchor="x", scaleratio=1))
    return style(fig, height=540)


def build(analysis: CaseAnalysis) -> Section | None:
    case = analysis.case
    if not case.relations:
        return None
    html = render("network.html.j2", relations=case.relations,
                  chart=figure_html(network_figure(case)))
    return Section("network", "Relations between actors", html, order=20)
