"""Plotly figures for bargaining results: round-by-round paths, forecast distribution, mediator effects.

Imported lazily by the result objects' ``plot`` methods, so the numerics do not
need plotly.
"""

from __future__ import annotations

import numpy as np

from jirga.plotting import LIGHT, shorten

# The result types are not imported (they call these functions): parameters are annotated
# by name only, so results -> plots is the one direction of import.


# ---------------------------------------------------------------------------


def plot_rounds(run: IssueRun, mc: IssueMC | None = None):  # noqa: F821
    import plotly.graph_objects as go

    fig = go.Figure()
    rounds = np.arange(run.traj.rounds + 1)
    if mc is not None:
        lo = np.quantile(mc.traj.mean, 0.1, axis=0)
        hi = np.quantile(mc.traj.mean, 0.9, axis=0)
        fig.add_trace(go.Scatter(x=np.r_[rounds, rounds[::-1]], y=np.r_[hi, lo[::-1]],
                                 fill="toself", line={"width": 0}, opacity=0.2,
                                 name="weighted mean, 10–90% of draws", hoverinfo="skip"))
    for i, nm in enumerate(run.names):
        fig.add_trace(go.Scatter(x=rounds, y=run.positions[:, i], mode="lines+markers",
                                 name=nm, line={"width": 1}))
    fig.add_trace(go.Scatter(x=rounds, y=run.traj.mean[0], name="c·s-weighted mean",
                             line={"width": 4, "color": "black"}))
    fig.add_trace(go.Scatter(x=rounds, y=run.traj.median[0], name="weighted median",
                             line={"width": 3, "color": "black", "dash": "dot"}))
    fig.update_layout(title=f"{run.issue.question}: positions by round ({run.status})",
                      xaxis_title="round", yaxis_title="position (0–100)",
                      yaxis_range=[-2, 102], template=LIGHT)
    return fig


def plot_distribution(mc: IssueMC, bins: int = 40):  # noqa: F821
    import plotly.graph_objects as go

    counts, edges = mc.histogram(bins)
    mids = (edges[:-1] + edges[1:]) / 2
    lo, hi = mc.interval(0.8)
    fig = go.Figure(go.Bar(x=mids, y=counts / counts.sum(), width=edges[1] - edges[0],
                           name="share of draws"))
    fig.add_vrect(x0=lo, x1=hi, opacity=0.12, line_width=0, fillcolor="grey")
    fig.add_vline(x=float(np.median(mc.forecast)), line_dash="dash")
    fig.update_layout(title=f"{mc.issue.question}: forecast distribution (median, 80% interval)",
                      xaxis_title=f"0 = {shorten(mc.issue.scale.zero, 55)} · 100 = "
                                  f"{shorten(mc.issue.scale.hundred, 55)}",
                      yaxis_title="share of draws", xaxis_range=[0, 100],
                      template=LIGHT, showlegend=False)
    return fig


def plot_effects(effects: MediatorEffects, issue: str | None = None):  # noqa: F821
    import plotly.graph_objects as go

    df = effects.frame
    if issue is not None:
        df = df[df.issue == issue]
    labels = [f"{r.issue} · {r.mediator} {r.scenario}" for r in df.itertuples()]
    fig = go.Figure(go.Scatter(
        x=df.forecast_diff, y=labels, mode="markers",
        error_x={"type": "data", "symmetric": False,
                 "array": df.forecast_diff_p90 - df.forecast_diff,
                 "arrayminus": df.forecast_diff - df.forecast_diff_p10}))
    fig.add_vline(x=0, line_color="grey")
    fig.update_layout(title="Mediator effect on the forecast (median, 80% interval)",
                      xaxis_title="forecast difference, scenario − as given",
                      template=LIGHT)
    return fig
