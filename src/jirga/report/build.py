"""Assemble the self-contained HTML report for a case.

The report is one HTML file with plotly.js, styles and data inlined, so it
opens offline and can be mailed as it is. It is written atomically (to a
temporary file, then renamed) so a failed run never leaves half a report.
"""

from __future__ import annotations

import datetime as dt
import importlib
import multiprocessing as mp
import os
import tempfile
import time
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from jirga import __version__
from jirga.case.schema import Case
from jirga.errors import InputError, Problem
from jirga.report.figures import plotly_js
from jirga.report.section import ReportContext, Section, render

# Order of building matters where one section reuses another's results
# (bargaining before ceasefire); display order comes from Section.order.
SECTION_MODULES = [
    "jirga.report.sections.actors",
    "jirga.report.sections.network",
    "jirga.report.sections.positions",
    "jirga.report.sections.bargaining",
    "jirga.report.sections.spatial",
    "jirga.report.sections.agreements",
    "jirga.report.sections.tension",
    "jirga.report.sections.ceasefire",
    "jirga.report.sections.sources",
]


@dataclass
class ReportResult:
    """What `jirga run` tells the user after writing a report."""

    path: Path
    sections: list[Section]
    seconds: float

    @property
    def answer(self) -> list[str]:
        return [h for s in self.sections for h in s.answer]

    @property
    def headline(self) -> list[str]:
        return [h for s in self.sections for h in s.headline]


def _section_modules() -> list:
    modules = []
    for name in SECTION_MODULES:
        try:
            modules.append(importlib.import_module(name))
        except ModuleNotFoundError as exc:
            if exc.name != name:  # a real missing dependency, not an absent section
                raise
    return modules


def _start_background(case: Case, ctx: ReportContext, modules: list) -> Executor | None:
    """Submit the sections' independent heavy computations to one worker process."""
    jobs = {}
    for module in modules:
        declare = getattr(module, "background", None)
        if declare is not None:
            jobs.update(declare(case, ctx) or {})
    if not jobs or (os.cpu_count() or 1) < 2:
        return None
    try:
        pool = ProcessPoolExecutor(max_workers=1, mp_context=mp.get_context("fork"))
    except (OSError, ValueError):
        return None
    for key, (function, args, kwargs) in jobs.items():
        ctx.jobs[key] = pool.submit(function, *args, **kwargs)
    return pool


def build_sections(case: Case, ctx: ReportContext) -> list[Section]:
    """Call every section builder; skip those that return None."""
    modules = _section_modules()
    pool = _start_background(case, ctx, modules)
    try:
        sections = [s for m in modules if (s := m.build(case, ctx)) is not None]
    finally:
        ctx.jobs.clear()
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
    return sorted(sections, key=lambda s: s.order)


def render_report(case: Case, ctx: ReportContext | None = None) -> tuple[str, list[Section]]:
    """Return the report HTML and its sections."""
    ctx = ctx or ReportContext()
    sections = build_sections(case, ctx)
    html = render(
        "report.html.j2",
        case=case,
        sections=sections,
        headline=[h for s in sections for h in s.headline],
        answer=[h for s in sections for h in s.answer],
        plotly_js=plotly_js(),
        version=__version__,
        seed=ctx.seed,
        draws=ctx.draws,
        generated=dt.date.today().isoformat(),
        roles=_role_counts(case),
    )
    return html, sections


def _role_counts(case: Case) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for a in case.actors:
        out.setdefault(a.role.value, []).append(a.name)
    return out


def write_report(case: Case, out_dir: Path, ctx: ReportContext | None = None) -> ReportResult:
    """Write ``out_dir/index.html`` atomically and return what was written."""
    start = time.perf_counter()
    html, sections = render_report(case, ctx)
    target = out_dir / "index.html"
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".index-", suffix=".html", dir=out_dir)
    except OSError as exc:
        raise InputError([Problem(str(out_dir), None, "--out",
                                  f"cannot write the report there: {exc.strerror}",
                                  "give a folder you can write to (it is created if missing)")]
                         ) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(html)
        os.chmod(tmp, 0o644)  # mkstemp creates 0600; a report is meant to be shared
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return ReportResult(target, sections, time.perf_counter() - start)
