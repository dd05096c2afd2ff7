"""The unit of a report: one section, rendered by one function from one template.

A section renders results; it never runs a model. Each module under
``jirga.report.sections`` exposes ``build(analysis) -> Section | None`` and is listed
once in :data:`jirga.report.registry.SECTIONS`. A section backed by a model that did
not run is replaced by :func:`not_run`, which says why; a case-only section returns
``None`` only when the case holds nothing for it (no relations, no issues).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from jirga.report.figures import report_css, report_js


@dataclass
class Section:
    """One block of the report.

    ``headline`` holds short findings (plain text, escaped when rendered) that
    the report repeats on its first screen; ``answer`` holds the findings that
    answer the case's question directly (what the mediation changes), shown first.
    """

    id: str
    title: str
    html: str
    order: int = 50
    headline: list[str] = field(default_factory=list)
    answer: list[str] = field(default_factory=list)


_ENV = Environment(
    loader=PackageLoader("jirga.report", "templates"),
    autoescape=select_autoescape(["html", "j2"], default=True),
    trim_blocks=True,
    lstrip_blocks=True,
)
# the report's CSS and JS are inlined from report/static (see jirga.report.figures)
_ENV.globals.update(report_css=report_css, report_js=report_js)


def render(template: str, **context: Any) -> str:
    """Render ``templates/<template>`` with autoescaping on (all case text is escaped)."""
    return _ENV.get_template(template).render(**context)


def not_run(id: str, title: str, order: int, problem: str) -> Section:
    """The section of a model that could not run on this case, saying why."""
    html = render("not_run.html.j2", problem=problem)
    return Section(id, title, html, order=order, headline=[f"{title}: not run — {problem}"])
