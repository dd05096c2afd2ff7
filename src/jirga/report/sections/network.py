"""The actor–relation network: who shelters, backs, fights or mediates whom."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from jirga.case.schema import Case
from jirga.report.figures import figure_html, style
from jirga.report.section import ReportContext, Section, render

_EDGE_COLOURS = {
    "hostile": "#c0392b", "allied": "#2e8b57", "shelters": "#d68910", "hosts": "#d68910",
    "patron_of": "#6c3483", "mediates_between": "#1f4e79", "negotiates_with": "#5d6d7e",
    "splinter_of": "#7f8c8d", "subordinate_to": "#7f8c8d",
}


def layout(n: int, edges: list[tuple[int, int, float]], seed: int = 0) -> np.ndarray:
    """Positions for ``n`` nodes: a circle relaxed by a few spring iterations.

    Deterministic for a seed; small graphs only (a case has tens of actors).
    """
    angles = np.linspace(0, 2 * np.pi, n, endpoint=False)
    pos = np.c_[np.cos(angles), np.sin(angles)]
    if n < 3 or not edges:
        return pos
    rng = np.random.default_rng(seed)
    pos += rng.normal(scale=0.01, size=pos.shape)
    k = 1.0 / np.sqrt(n)
    for step in range(200):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.linalg.norm(delta, axis=-1) + np.eye(n) + 1e-9
        disp = ((k * k / dist**2)[..., None] * delta).sum(axis=1)
        for i, j, w in edges:
            d = pos[i] - pos[j]
            dl = np.linalg.norm(d) + 1e-9
            f = (dl / k) * d * (0.5 + w)
            disp[i] -= f
            disp[j] += f
        length = np.linalg.norm(disp, axis=1, keepdims=True) + 1e-9
        temp = 0.1 * (1 - step / 200)
        pos += disp / length * np.minimum(length, temp)
    return pos


def network_figure(case: Case, seed: int = 0) -> go.Figure:
    ids = [a.id for a in case.actors]
    index = {a: i for i, a in enumerate(ids)}
    edges = [(index[r.source], index[t], r.strength.mode, r)
             for r in case.relations for t in r.targets]
    pos = layout(len(ids), [(i, j, w) for i, j, w, _ in edges], seed)
    fig = go.Figure()
    for kind in sorted({e[3].kind.value for e in edges}):
        xs, ys = [], []
        for i, j, _, r in edges:
            if r.kind.value == kind:
                xs += [pos[i, 0], pos[j, 0], None]
                ys += [pos[i, 1], pos[j, 1], None]
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", name=kind.replace("_", " "),
                                 line=dict(color=_EDGE_COLOURS.get(kind, "#999"), width=2),
                                 hoverinfo="name"))
    # arrow heads as annotations show direction (A shelters B)
    for i, j, w, r in edges:
        fig.add_annotation(x=pos[j, 0], y=pos[j, 1], ax=pos[i, 0], ay=pos[i, 1],
                           xref="x", yref="y", axref="x", ayref="y", showarrow=True,
                           arrowhead=2, arrowsize=1, arrowwidth=1 + 2 * w,
                           arrowcolor=_EDGE_COLOURS.get(r.kind.value, "#999"), opacity=0.6,
                           standoff=14, startstandoff=14, text="")
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
                      xaxis=dict(visible=False), yaxis=dict(visible=False, scaleanchor="x"))
    return style(fig, height=520)


def build(case: Case, ctx: ReportContext) -> Section | None:
    if not case.relations:
        return None
    html = render("network.html.j2", relations=case.relations,
                  chart=figure_html(network_figure(case, ctx.seed)))
    return Section("network", "Relations between actors", html, order=20)
