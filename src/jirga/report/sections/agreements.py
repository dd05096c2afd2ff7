"""Agreements (start, end, who ended them) and the events timeline."""

from __future__ import annotations

import datetime as dt

import plotly.graph_objects as go

from jirga.analysis.run import CaseAnalysis
from jirga.case.schema import Case
from jirga.report.figures import PALETTE, figure_html, one_sided_symbol, plot_date, style
from jirga.report.section import Section, render
from jirga.vocab.codes import cameo_codes, goldstein


def _bar_span(ag, fallback_end: dt.date) -> tuple[dt.date, dt.date]:
    """First and last day of an agreement's bar: the widest span its dates allow,
    except that an open side of a one-sided date ("on or after") is cut at its known end."""
    start = ag.start.latest if ag.start.precision == "on_or_before" else ag.start.earliest
    if ag.end is None:
        return start, fallback_end
    end = ag.end.earliest if ag.end.precision == "on_or_after" else ag.end.latest
    return start, max(start, end)


def lanes(spans: list[tuple[dt.date, dt.date]]) -> list[int]:
    """Greedy interval colouring: each span goes to the first lane free before it starts.

    Agreements that overlap (a framework and the ceasefire under it) get separate
    lanes instead of hiding each other; ones that follow each other share a lane.
    """
    ends: list[dt.date] = []
    out = []
    for s, e in spans:
        lane = next((k for k, last in enumerate(ends) if last < s), len(ends))
        if lane == len(ends):
            ends.append(e)
        else:
            ends[lane] = e
        out.append(lane)
    return out


def case_span(case: Case) -> tuple[dt.date, dt.date]:
    """The case's dated extent: agreements, events drawn at their known ends, and as-of."""
    days = [plot_date(e.date) for e in case.events]
    for ag in case.agreements:
        days.append(plot_date(ag.start))
        if ag.end is not None:
            days.append(plot_date(ag.end))
    if case.analysis.as_of is not None:
        days.append(plot_date(case.analysis.as_of))
    return min(days), max(days)


def timeline_figure(case: Case) -> go.Figure:
    """Agreements as bars in lanes above the events; events placed by Goldstein score.

    Events with a two-sided uncertain date sit at the middle of their interval with a
    bar over it; a one-sided date sits at its known end as a triangle pointing to the
    open side. The axis spans the case's dates, not the open sides' 1900 or 2100.
    """
    names = {a.id: a.name for a in case.actors}
    first, last = case_span(case)
    pad = dt.timedelta(days=max(14, (last - first).days // 30))
    fig = go.Figure()
    ags = sorted(case.agreements, key=lambda a: plot_date(a.start))
    spans = [_bar_span(ag, case.analysis.as_of.latest if case.analysis.as_of else last)
             for ag in ags]
    lane_of = lanes(spans)
    for n, (ag, (s0, s1), lane) in enumerate(zip(ags, spans, lane_of, strict=True)):
        y = 11.5 + 1.4 * lane
        fig.add_trace(go.Scatter(
            x=[s0, s1], y=[y, y], mode="lines", line=dict(width=10, color=PALETTE[n % len(PALETTE)]),
            name=ag.name or ag.id, hovertext=f"{ag.name or ag.id}: {ag.start} → {ag.end or 'holding'}",
            hoverinfo="text",
        ))
    events = sorted(case.events, key=lambda e: (plot_date(e.date), e.id))
    for one_sided in (False, True):
        sub = [e for e in events if (one_sided_symbol(e.date) is not None) == one_sided]
        if not sub:
            continue
        ys = [goldstein(e.cameo) or 0 for e in sub]
        half = [0 if one_sided else (e.date.latest - e.date.earliest).days / 2 for e in sub]
        fig.add_trace(go.Scatter(
            x=[plot_date(e.date) for e in sub], y=ys, mode="markers",
            name="events dated on or before (◀) / on or after (▶)" if one_sided else "events",
            marker=dict(size=13 if one_sided else 11, color=ys, colorscale="RdBu", cmin=-10, cmax=10,
                        symbol=[one_sided_symbol(e.date) or "circle" for e in sub],
                        line=dict(width=1, color="#333")),
            error_x=dict(type="data", array=[h * 86400000 for h in half], visible=not one_sided,
                         thickness=1.5, width=0, color="#555"),
            hovertext=[f"{e.date} · {names.get(e.source, e.source)} → "
                       f"{', '.join(names.get(t, t) for t in e.target)}<br>{e.description}"
                       for e in sub],
            hoverinfo="text",
        ))
    top = 11.5 + 1.4 * max(lane_of, default=0) + 1
    fig.update_layout(title="Agreements (bars) and events (Goldstein score: + cooperation, − conflict)",
                      xaxis=dict(range=[max(first - pad, dt.date(first.year, 1, 1)),
                                        min(last + pad, dt.date(last.year, 12, 31))], type="date"),
                      yaxis=dict(title="Goldstein score", range=[-11, top],
                                 tickvals=[-10, -5, 0, 5, 10]))
    return style(fig, height=440)


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
    events = sorted(case.events, key=lambda e: (plot_date(e.date), e.id))
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
