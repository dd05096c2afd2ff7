"""Report section: the multi-dimensional spatial model (issues traded against each other).

Renders the analysis' spatial result (the model needs two or more issues; with fewer,
the registry shows why it did not run). Shows each actor's position
per turn on every issue, the probability that each position wins, and where the
principals end relative to each other — with the spread over draws of the case's
ranges (the budget's ``spatial_draws``; each draw is a full run).
"""

from __future__ import annotations

import numpy as np

from jirga.analysis.run import CaseAnalysis
from jirga.report.figures import PALETTE, figure_html, style
from jirga.report.section import Section, render


def _spread(values: np.ndarray) -> str:
    lo, hi = np.percentile(values, [10, 90])
    return f"{lo:.0f}–{hi:.0f}"


def _positions_figure(res, question: dict[str, str]):
    height = 200 * len(res.dims) + 160
    fig = style(res.plot(labels=question, palette=PALETTE), height=height)
    fig.update_layout(title=None, margin={"t": 30, "b": 40},
                      legend={"orientation": "h", "yref": "container", "y": 0, "yanchor": "bottom"})
    fig.update_annotations(font_size=13)
    return fig


def build(analysis: CaseAnalysis) -> Section | None:
    case = analysis.case
    data = analysis.spatial.get()
    res = data.result
    samples = data.draws.frame if data.draws is not None else None
    draws = data.draws.draws if data.draws is not None else 0
    names = dict(zip(res.actors, res.names, strict=True))
    question = {iss.id: iss.question for iss in case.issues}
    headline: list[str] = []
    pr = case.principals()
    pr = pr if pr is not None and all(p in res.actors for p in pr) else None
    principals = None
    if pr:
        a, b = pr
        ia, ib = res.index(a), res.index(b)
        d0, d1 = res.distance(a, b, 0), res.distance(a, b, -1)
        spread = ""
        if samples is not None:
            fin = samples.pivot_table(index=["draw", "dim"], columns="actor", values="position")
            gap = np.sqrt(((fin[a] - fin[b]) ** 2).groupby(level="draw").sum())
            spread = _spread(gap.to_numpy())
        zone = case.analysis.agreement_zone
        headline.append(
            f"Trading issues (spatial model), {names[a]} and {names[b]} end {d1:.0f} points apart "
            f"across {len(res.dims)} issues, from {d0:.0f}, after {res.turns} turns"
            + (f" (10–90% over {draws} draws: {spread})" if spread else "")
            + f"; {'inside' if d1 <= zone else 'outside'} the agreement zone of {zone:g}.")
        principals = {
            "a": names[a], "b": names[b], "spread": spread,
            "moved_a": f"{np.linalg.norm(res.final[ia] - res.positions[0, ia]):.0f}",
            "moved_b": f"{np.linalg.norm(res.final[ib] - res.positions[0, ib]):.0f}",
            "rows": [
                {"issue": question.get(dim, dim),
                 "a": f"{res.positions[0, ia, k]:.1f} → {res.final[ia, k]:.1f}",
                 "b": f"{res.positions[0, ib, k]:.1f} → {res.final[ib, k]:.1f}",
                 "gap": f"{abs(res.positions[0, ia, k] - res.positions[0, ib, k]):.1f} → "
                        f"{abs(res.final[ia, k] - res.final[ib, k]):.1f}"}
                for k, dim in enumerate(res.dims)
            ],
        }
    rows = []
    for i in np.argsort(-res.capability, kind="stable"):
        aid = res.actors[i]
        cells = []
        for k, dim in enumerate(res.dims):
            cell = {"start": f"{res.positions[0, i, k]:.0f}", "end": f"{res.final[i, k]:.0f}",
                    "spread": ""}
            if samples is not None:
                v = samples[(samples.actor == aid) & (samples.dim == dim)].position.to_numpy()
                cell["spread"] = _spread(v)
            cells.append(cell)
        rows.append({"name": names[aid], "cells": cells, "win": f"{res.win_prob[-1, i]:.2f}"})
    n_dims = len(res.dims)
    html = render(
        "spatial.html.j2", n_dims=n_dims, turns=res.turns, stop_reason=res.stop_reason,
        principals=principals, draws=draws, rows=rows, notes=res.notes,
        questions=[question.get(d, d) for d in res.dims],
        positions_chart=figure_html(_positions_figure(res, question)),
        winprob_chart=figure_html(style(res.plot_win_prob(), height=340)),
    )
    return Section("spatial", "Issues traded against each other (spatial model)", html,
                   headline=headline)
