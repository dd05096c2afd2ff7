"""Report section: the multi-dimensional spatial model (issues traded against each other).

``build(case, ctx) -> Section | None``; ``None`` when the case has fewer than two
issues (one issue is the bargaining section's job). Shows each actor's position
per turn on every issue, the probability that each position wins, and where the
principals end relative to each other — with the spread over draws of the case's
ranges (at most :data:`MAX_DRAWS` of ``ctx.draws``; each draw is a full run).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from jirga.case.schema import Case
from jirga.report.figures import PALETTE, figure_html, style
from jirga.report.section import ReportContext, Section, render

ORDER = 40
MAX_DRAWS = 30
_MEMO: dict[tuple[str, int | None, int], dict[str, Any]] = {}  # same case, seed, draws: same run


def _spread(values: np.ndarray) -> str:
    lo, hi = np.percentile(values, [10, 90])
    return f"{lo:.0f}–{hi:.0f}"


def principals_of(case: Case, actors: list[str]) -> list[str]:
    """The two principals in the model: ``analysis.principals``, else the first two parties."""
    ids = [p for p in case.analysis.principals if p in actors]
    if len(ids) >= 2:
        return ids[:2]
    parties = [a.id for a in case.actors if a.role.value == "party" and a.id in actors]
    return parties[:2] if len(parties) >= 2 else []


def _run(case: Case, seed: int | None, draws: int) -> dict[str, Any]:
    """The pure computation: the run on the modes and up to MAX_DRAWS draws of the ranges."""
    from jirga.models.spatial import run_spatial, run_spatial_draws

    res = run_spatial(case, seed=seed)
    n = int(min(max(draws, 0), MAX_DRAWS))
    has_ranges = any(not a.capability.is_point for a in case.actors) or any(
        not (st.position.is_point and st.salience.is_point)
        for iss in case.issues for st in iss.positions.values())
    samples = run_spatial_draws(case, n, seed=seed) if (n > 1 and has_ranges) else None
    return {"result": res, "samples": samples, "draws": n if samples is not None else 0}


def background(case: Case, ctx: ReportContext) -> dict:
    """The spatial runs need only the case: they run in the second process."""
    if len(case.issues) < 2:
        return {}
    return {"spatial": (_run, (case, ctx.seed, ctx.draws), {})}


def compute(case: Case, seed: int | None, draws: int, cache: dict,
            runner: Callable[[], dict[str, Any]] | None = None) -> dict[str, Any] | None:
    """The run on the modes and, when the case has ranges, on up to MAX_DRAWS draws (cached).

    ``runner`` supplies the result (e.g. from a background job) instead of computing it here.
    """
    if len(case.issues) < 2:
        return None

    key = f"spatial:{case.id}:{seed}:{draws}"
    if key in cache:
        return cache[key]
    memo_key = (case.model_dump_json(), seed, draws)
    if memo_key in _MEMO:
        cache[key] = _MEMO[memo_key]
        return cache[key]
    out = runner() if runner is not None else _run(case, seed, draws)
    cache[key] = out
    if len(_MEMO) >= 8:
        _MEMO.pop(next(iter(_MEMO)))
    _MEMO[memo_key] = out
    return out


def _positions_figure(res, question: dict[str, str]):
    height = 200 * len(res.dims) + 160
    fig = style(res.plot(labels=question, palette=PALETTE), height=height)
    fig.update_layout(title=None, margin={"t": 30, "b": 40},
                      legend={"orientation": "h", "yref": "container", "y": 0, "yanchor": "bottom"})
    fig.update_annotations(font_size=13)
    return fig


def build(case: Case, ctx: ReportContext) -> Section | None:
    data = compute(case, ctx.seed, ctx.draws, ctx.cache,
                   runner=lambda: ctx.job("spatial", _run, case, ctx.seed, ctx.draws))
    if data is None:
        return None
    res, samples, draws = data["result"], data["samples"], data["draws"]
    names = dict(zip(res.actors, res.names, strict=True))
    question = {iss.id: iss.question for iss in case.issues}
    headline: list[str] = []
    pr = principals_of(case, res.actors)
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
                   order=ORDER, headline=headline)
