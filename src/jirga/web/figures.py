"""The workbench's charts: the report's figure functions, sent as plotly JSON.

The report and the workbench draw from one set of figure functions — each model
result's ``plot…()`` methods and the report's shared :func:`~jirga.report.figures.style`
(and its tension chart) — so a chart looks the same in both; here the figure is
serialised for ``Plotly.react`` in the page instead of being inlined as HTML.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jirga.web.problems import refuse
from jirga.web.whatif import Run


def _names(run: Run) -> dict[str, str]:
    return {a.id: a.name for a in run.case.actors}


def _tension(run: Run):
    from jirga.report.sections.tension import tension_figure

    return tension_figure(run.tension.get()["index"], _names(run))


FIGURES: dict[str, tuple[str, Callable[[Run], Any]]] = {
    "survival": ("ceasefire", lambda r: r.ceasefire.get().plot_survival()),
    "counterfactuals": ("counterfactuals", lambda r: r.counterfactuals.get().plot()),
    "strength": ("ceasefire", lambda r: r.ceasefire.get().plot_strength()),
    "bargaining": ("bargaining", lambda r: r.bargaining.get().plot()),
    "spatial": ("spatial", lambda r: r.spatial.get().plot(
        labels={i.id: i.question for i in r.case.issues})),
    "tension": ("tension", _tension),
}


def figure_json(run: Run, name: str) -> str:
    """The named figure as plotly JSON, or a 404/409 problem saying why there is none."""
    from jirga.report.figures import style

    if name not in FIGURES:
        raise refuse(404, "figure", f"no figure '{name}'", "use one of: " + ", ".join(FIGURES))
    model, make = FIGURES[name]
    outcome = getattr(run, model)
    if not outcome.ok:
        raise refuse(409, "figure", f"not run: {outcome.problem}", "fix the case and re-run")
    fig = style(make(run), height=360)
    fig.update_layout(title=dict(font=dict(size=14)))
    fig.update_xaxes(automargin=True)
    fig.update_yaxes(automargin=True)  # long counterfactual labels in a half-width panel
    return fig.to_json()
