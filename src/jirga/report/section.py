"""The unit of a report: one section, built by one function from one template.

Every analysis that wants space in the report adds a module under
``jirga.report.sections`` exposing ``build(case, ctx) -> Section | None``;
the builder calls them in :data:`jirga.report.build.SECTION_MODULES` order and
sorts the results by ``order``. Returning ``None`` leaves the section out (for
example the spatial model needs two or more issues).
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
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


@dataclass
class ReportContext:
    """What every section builder may read: the run's seed and draw count, a
    cache where one section leaves results another reuses (e.g. the bargaining
    forecast feeds the ceasefire model), and results of background jobs.

    A section module may define ``background(case, ctx)`` returning
    ``{key: (function, args, kwargs)}``: pure, independent computations the
    builder starts in a second process before any section is built, so the
    machine's second core works while the first builds the other sections. The
    section then asks for ``ctx.job(key, function, *args, **kwargs)``, which
    waits for the background result or, when there is none (no pool, a failed
    worker), computes it in place — so results never depend on the pool.
    """

    seed: int = 0
    draws: int = 1000
    cache: dict[str, Any] = field(default_factory=dict)
    jobs: dict[str, Future] = field(default_factory=dict)

    def job(self, key: str, function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        future = self.jobs.pop(key, None)
        if future is not None:
            try:
                result = future.result()
            except Exception:  # worker died or could not pickle: compute here instead
                result = function(*args, **kwargs)
        else:
            result = function(*args, **kwargs)
        self.cache[f"job:{key}"] = result
        return result


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
