"""Plotly figures as offline HTML fragments, and the static files the report inlines.

The report inlines plotly.js once — the vendored *basic* bundle in ``static/``
(scatter, bar and pie traces; 1.1 MB instead of the full bundle's 4.8 MB) — and
the report's own CSS and JS, so it opens offline. Each figure becomes a ``<div>``
plus a small script that draws it through ``jirga.plot`` (static/report.js),
which also gives it PNG and SVG downloads. Figures share one look so the report
reads as one document.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
import re
from functools import cache
from importlib import resources

import plotly.graph_objects as go
from markupsafe import Markup

from jirga.plotting import LIGHT

_counter = itertools.count(1)

#: Trace types the vendored plotly.js bundle can draw; :func:`figure_html` refuses others,
#: because the browser would draw nothing and log an error.
BUNDLE_TRACES = frozenset({"scatter", "bar", "pie"})

#: The report's colours for series that stand for different things (actors, agreements):
#: Okabe & Ito's colour-blind-safe qualitative palette, yellow moved last (faint on white)
#: and black replaced by a grey-blue, then darker extras for cases with more actors.
#: Neighbours differ in hue and lightness, so two actors never look alike.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#E69F00", "#CC79A7", "#56B4E9", "#5D6D7E",
           "#7B3294", "#1B7837", "#8C510A", "#B2182B", "#F0E442"]
QUALITATIVE = PALETTE
ACCENT = "#1f4e79"  # the report's own blue (header, single-series bars)


_LEGEND_Y = -0.2  # style()'s legend position; figure_html moves it below the x-axis title


def style(fig: go.Figure, height: int = 380) -> go.Figure:
    """Apply the report's shared layout.

    Axis titles get room through ``automargin`` (set in the LIGHT template); the
    title sits left so long titles wrap less often into the modebar.
    """
    fig.update_layout(
        template=LIGHT, height=height, margin=dict(l=60, r=20, t=50, b=50),
        font=dict(family="system-ui, -apple-system, Segoe UI, sans-serif", size=13),
        colorway=PALETTE, legend=dict(orientation="h", y=_LEGEND_Y, yanchor="top"),
        title=dict(x=0, xanchor="left", font=dict(size=15)),
    )
    fig.update_xaxes(automargin=True)
    fig.update_yaxes(automargin=True)
    return fig


def with_names(fig: go.Figure, names: dict[str, str]) -> go.Figure:
    """Replace quoted ids (``'fata_status'``) in category labels and the title by names.

    Model labels name issues and actors by id (they know no case); a reader wants the
    question or the actor's name.
    """
    quoted = {f"'{k}'": f"“{v}”" for k, v in names.items()}

    def sub(text):
        if not isinstance(text, str):
            return text
        for k, v in quoted.items():
            text = text.replace(k, v)
        return text

    for trace in fig.data:
        for axis in ("x", "y"):
            values = getattr(trace, axis, None)
            if values is not None and len(values) and all(isinstance(v, str) for v in values):
                setattr(trace, axis, [sub(v) for v in values])
    if _title_text(fig):
        fig.update_layout(title_text=sub(_title_text(fig)))
    return fig


def _title_text(fig: go.Figure) -> str:
    title = fig.layout.title
    return (title.text if title is not None and title.text else "") or ""


def slug(text: str, fallback: str = "chart") -> str:
    """A file name from a chart title: lower case, ASCII words joined by hyphens."""
    text = re.sub(r"<[^>]+>", " ", text)
    words = re.findall(r"[a-z0-9]+", text.lower())
    return "-".join(words)[:60].strip("-") or fallback


def check_traces(fig: go.Figure) -> None:
    """Raise ``ValueError`` naming any trace the vendored bundle cannot draw."""
    bad = sorted({t.type for t in fig.data if t.type not in BUNDLE_TRACES})
    if bad:
        raise ValueError(f"trace type(s) {', '.join(bad)} are not in the report's plotly.js "
                         f"bundle ({', '.join(sorted(BUNDLE_TRACES))}); draw the figure with "
                         "those, or vendor a larger bundle in jirga/report/static")


def _place_legend(fig: go.Figure) -> None:
    """Put a horizontal legend below the tick labels and the x-axis title, not over them.

    A legend's ``y`` relative to the plot area lands on the axis title in short
    charts; anchored to the bottom of the figure it pushes the margin instead, and
    the axis title stays above it at any height (screen or print).
    """
    legend = fig.layout.legend
    if legend.orientation != "h" or legend.y != _LEGEND_Y:
        return
    fig.update_layout(legend=dict(yref="container", y=0, yanchor="bottom"))


def figure_html(fig: go.Figure, height: int | None = None, name: str | None = None) -> Markup:
    """Return a figure element that draws ``fig`` with the inlined plotly.js.

    ``name`` is the file name (without extension) of the chart's PNG/SVG download;
    by default it comes from the chart's title. Safe to insert unescaped.
    """
    check_traces(fig)
    if height:
        fig.update_layout(height=height)
    _place_legend(fig)
    spec = fig.to_json()
    # sections may be built in another process: the content hash keeps ids unique across them
    div_id = f"fig-{hashlib.sha1(spec.encode()).hexdigest()[:10]}-{next(_counter)}"
    name = name or slug(_title_text(fig), fallback=div_id)
    payload = json.dumps(spec).replace("</", "<\\/")  # a JS string literal holding the JSON
    return Markup(
        f'<figure class="chart"><div class="plot" id="{div_id}" data-jirga-plot="1"></div></figure>\n'
        f"<script>jirga.plot('{div_id}',{payload},{json.dumps(name)});</script>"
    )


@cache
def _static(name: str) -> str:
    return resources.files("jirga.report").joinpath("static", name).read_text(encoding="utf-8")


def plotly_js() -> str:
    """The vendored plotly.js basic bundle (see static/README.md), for inlining."""
    return _static("plotly-basic.min.js")


def report_css() -> str:
    """The report's screen and print styles."""
    return _static("report.css")


def report_js() -> str:
    """The report's behaviour: charts, exports, collapsible sections, print layout."""
    return _static("report.js")


def plot_date(date) -> dt.date:
    """Where to draw a case date (a :class:`~jirga.vocab.dates.FuzzyDate`) on a time axis.

    One-sided dates are drawn at their known end: "on or before 2022-11-30" has an
    earliest of 1900-01-01, so its midpoint would land in 1961 and stretch the axis
    over a century. Other dates are drawn at the middle of their interval.
    """
    if date.precision == "on_or_before":
        return date.latest
    if date.precision == "on_or_after":
        return date.earliest
    return date.midpoint


def one_sided_symbol(date) -> str | None:
    """A plotly marker symbol that points away from the known end, or None for two-sided dates."""
    return {"on_or_before": "triangle-left", "on_or_after": "triangle-right"}.get(date.precision)
