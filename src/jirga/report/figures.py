"""Plotly figures as offline HTML fragments.

The report inlines plotly.js once (from the installed plotly package, no CDN);
each figure becomes a ``<div>`` plus a small script that draws it. Figures share
one look so the report reads as one document.
"""

from __future__ import annotations

import hashlib
import itertools
import json

import plotly.graph_objects as go
from markupsafe import Markup

from jirga.plotting import LIGHT

_counter = itertools.count(1)

PALETTE = ["#1f4e79", "#c0392b", "#2e8b57", "#d68910", "#6c3483", "#117a65",
           "#7f8c8d", "#a04000", "#1a5276", "#b03a2e"]


def style(fig: go.Figure, height: int = 380) -> go.Figure:
    """Apply the report's shared layout."""
    fig.update_layout(
        template=LIGHT, height=height, margin=dict(l=60, r=20, t=40, b=50),
        font=dict(family="system-ui, -apple-system, Segoe UI, sans-serif", size=13),
        colorway=PALETTE, legend=dict(orientation="h", y=-0.2),
    )
    return fig


def figure_html(fig: go.Figure, height: int | None = None) -> Markup:
    """Return a div that draws ``fig`` with the inlined plotly.js; safe to insert unescaped."""
    if height:
        fig.update_layout(height=height)
    spec = fig.to_json()
    # sections may be built in another process: the content hash keeps ids unique across them
    div_id = f"fig-{hashlib.sha1(spec.encode()).hexdigest()[:10]}-{next(_counter)}"
    payload = json.dumps(spec)  # a JS string literal holding the figure JSON
    payload = payload.replace("</", "<\\/")
    return Markup(
        f'<div class="plot" id="{div_id}" data-jirga-plot="1"></div>\n'
        f"<script>(function(){{var f=JSON.parse({payload});"
        f"Plotly.newPlot('{div_id}',f.data,f.layout,{{displaylogo:false,responsive:true}});"
        f"}})();</script>"
    )


def plotly_js() -> str:
    """The full plotly.js bundle shipped with the plotly package (for inlining)."""
    from plotly.offline import get_plotlyjs

    return get_plotlyjs()
