"""Report section: the multi-dimensional spatial model (issues traded against each other).

Contract: ``build(case, ctx) -> Section | None``; ``None`` when the case has
fewer than two issues (one issue is the one-dimensional bargaining section's job).
Shows each actor's position per turn on every issue, the probability that each
position wins, and where the principals end relative to each other — with the
spread over ``ctx.draws`` samples of the case's ranges.
"""

from __future__ import annotations

from html import escape
from typing import Any

import numpy as np
from markupsafe import Markup

ORDER = 40
MAX_DRAWS = 200  # each draw is a full run; a few hundred are plenty for 10–90% bands


def _fmt_range(values: np.ndarray) -> str:
    lo, hi = np.percentile(values, [10, 90])
    return f"{lo:.0f}–{hi:.0f}" if abs(hi - lo) >= 0.5 else f"{np.median(values):.0f}"


def _principals(case, res) -> list[str]:
    ids = [p for p in case.analysis.principals if p in res.actors]
    if len(ids) >= 2:
        return ids[:2]
    parties = [a.id for a in case.actors if a.role.value == "party" and a.id in res.actors]
    return parties[:2] if len(parties) >= 2 else []


def compute(case, seed: int | None, draws: int, cache: dict) -> dict[str, Any] | None:
    """Run the model once on the modes, and on ``draws`` samples when the case has ranges."""
    if len(case.issues) < 2:
        return None
    from jirga.models.spatial import run_spatial, run_spatial_draws

    key = ("spatial", case.id, seed, draws)
    if key in cache:
        return cache[key]
    res = run_spatial(case, seed=seed)
    n = int(min(max(draws, 0), MAX_DRAWS))
    has_ranges = any(not a.capability.is_point for a in case.actors) or any(
        not (st.position.is_point and st.salience.is_point)
        for iss in case.issues for st in iss.positions.values())
    samples = run_spatial_draws(case, n, seed=seed) if (n > 1 and has_ranges) else None
    out = {"result": res, "samples": samples, "draws": n if samples is not None else 0}
    cache[key] = out
    return out


def parts(case, seed: int | None = None, draws: int = 0, cache: dict | None = None):
    """``(title, html, headline)`` of the section, or ``None`` (fewer than two issues)."""
    data = compute(case, seed, draws, {} if cache is None else cache)
    if data is None:
        return None
    from jirga.report.figures import figure_html

    res = data["result"]
    samples = data["samples"]
    names = dict(zip(res.actors, res.names, strict=True))
    label = {iss.id: iss.question for iss in case.issues}
    headline: list[str] = []
    html: list[str] = []
    pr = _principals(case, res)
    zone = case.analysis.agreement_zone
    html.append(
        "<p>The spatial model of politics with probabilistic Condorcet elections (KTAB's "
        f"<code>smpc</code>) on all {len(res.dims)} issues at once: every turn, each actor "
        "challenges the actor whose defeat would pay it most, proposes a compromise weighted "
        "by salience and odds, and adopts the bargain that a vote of all actors, weighted by "
        "capability, favours. Issues an actor cares little about are traded for those it "
        f"cares about. The run settled after <b>{res.turns}</b> turns "
        f"({escape(res.stop_reason)}).</p>")
    if pr:
        a, b = pr
        d0, d1 = res.distance(a, b, 0), res.distance(a, b, -1)
        text = (f"{names[a]} and {names[b]} end {d1:.0f} points apart across "
                f"{len(res.dims)} issues (from {d0:.0f}) after {res.turns} turns")
        if samples is not None:
            fin = samples.pivot_table(index=["draw", "dim"], columns="actor", values="position")
            dist = np.sqrt(((fin[a] - fin[b]) ** 2).groupby(level="draw").sum())
            text += f" (80% of {data['draws']} draws: {_fmt_range(dist.to_numpy())})"
        headline.append(text + ".")
        headline.append(
            f"Spatial model: {'within' if d1 <= zone else 'outside'} the agreement zone "
            f"({zone:g} points) at the end.")
        rows = []
        for k, dim in enumerate(res.dims):
            xa, xb = res.positions[:, res.index(a), k], res.positions[:, res.index(b), k]
            rows.append(
                f"<tr><td>{escape(label.get(dim, dim))}</td>"
                f"<td>{xa[0]:.1f} → {xa[-1]:.1f}</td><td>{xb[0]:.1f} → {xb[-1]:.1f}</td>"
                f"<td>{abs(xa[0] - xb[0]):.1f} → {abs(xa[-1] - xb[-1]):.1f}</td></tr>")
        html.append(
            f"<h3>Where the principals end</h3><table class='data'><thead><tr><th>issue</th>"
            f"<th>{escape(names[a])}</th><th>{escape(names[b])}</th><th>gap</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>")
        moved_a = np.linalg.norm(res.final[res.index(a)] - res.positions[0, res.index(a)])
        moved_b = np.linalg.norm(res.final[res.index(b)] - res.positions[0, res.index(b)])
        html.append(f"<p>{escape(names[a])} moves {moved_a:.0f} points, {escape(names[b])} "
                    f"moves {moved_b:.0f} (Euclidean, 0–100 scale per issue).</p>")
    else:
        html.append("<p>No principals are named in the case (<code>analysis.principals</code>), "
                    "so no pair is compared.</p>")
    html.append("<h3>Positions per turn</h3>")
    html.append(figure_html(res.plot()))
    html.append("<h3>Probability that each actor's position wins</h3>")
    html.append("<p>Actors sharing a position share its probability, so these can add up to "
                "more than 1.</p>")
    html.append(figure_html(res.plot_win_prob()))
    # final positions table
    head = "".join(f"<th>{escape(label.get(d, d))}</th>" for d in res.dims)
    body = []
    for i in np.argsort(-res.capability, kind="stable"):
        aid = res.actors[i]
        cells = []
        for k, dim in enumerate(res.dims):
            cell = f"{res.positions[0, i, k]:.0f} → <b>{res.final[i, k]:.0f}</b>"
            if samples is not None:
                v = samples[(samples.actor == aid) & (samples.dim == dim)].position.to_numpy()
                cell += f" <small>({_fmt_range(v)})</small>"
            cells.append(f"<td>{cell}</td>")
        body.append(f"<tr><td>{escape(names[aid])}</td>{''.join(cells)}"
                    f"<td>{res.win_prob[-1, i]:.2f}</td></tr>")
    note = (f" In brackets: 10–90% range over {data['draws']} draws of the case's ranges."
            if samples is not None else "")
    html.append(
        f"<h3>Start and end positions</h3><p>Positions on each issue's 0–100 scale.{note}</p>"
        f"<table class='data'><thead><tr><th>actor</th>{head}<th>P(win) at end</th></tr>"
        f"</thead><tbody>{''.join(body)}</tbody></table>")
    if res.notes:
        items = "".join(f"<li>{escape(n)}</li>" for n in res.notes)
        html.append(f"<p>How the case was turned into the model's input:</p><ul>{items}</ul>")
    return "Issues traded against each other (spatial model)", "\n".join(html), headline


def build(case, ctx):
    """The report section, or ``None`` when the case has fewer than two issues."""
    got = parts(case, getattr(ctx, "seed", None), getattr(ctx, "draws", 0),
                getattr(ctx, "cache", None))
    if got is None:
        return None
    from jirga.report.section import Section

    title, html, headline = got
    # headlines are escaped text, marked safe so a Jinja template does not escape them twice
    headline = [Markup(escape(h, quote=False)) for h in headline]
    return Section(id="spatial", title=title, html=html, order=ORDER, headline=headline)
