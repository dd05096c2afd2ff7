"""The one light plot style shared by the models' plots and the report.

plotly's built-in ``plotly_white`` template is large; applying it costs ~20 ms a
figure, which added a second to every report. This small template gives the
same look (white background, faint grid) for a tenth of the cost.
"""

from __future__ import annotations

import plotly.graph_objects as go

_GRID = "#ebf0f8"
_AXIS = dict(gridcolor=_GRID, zerolinecolor=_GRID, linecolor="#b0b7c3", ticks="", automargin=True)

LIGHT = go.layout.Template(layout=dict(
    plot_bgcolor="white", paper_bgcolor="white",
    font=dict(color="#2a3f5f"),
    xaxis=_AXIS, yaxis=_AXIS,
    hoverlabel=dict(align="left"),
))
