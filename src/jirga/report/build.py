"""Assemble the self-contained HTML report for a case.

The report is one HTML file with plotly.js, styles and data inlined, so it
opens offline and can be mailed as it is. It is written atomically (to a
temporary file, then renamed) so a failed run never leaves half a report.
"""

from __future__ import annotations

import datetime as dt
import importlib
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from jirga import __version__
from jirga.analysis.run import CaseAnalysis
from jirga.case.schema import Case
from jirga.errors import InputError, Problem
from jirga.report.figures import plotly_js
from jirga.report.registry import SECTIONS
from jirga.report.section import Section, not_run, render


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


def build_sections(analysis: CaseAnalysis) -> list[Section]:
    """Render every registered section from the analysis, in display order."""
    sections = []
    for spec in SECTIONS:
        if spec.model is not None:
            outcome = getattr(analysis, spec.model)
            if not outcome.ok:
                sections.append(not_run(spec.id, spec.title, spec.order, outcome.problem))
                continue
        section = importlib.import_module(spec.module).build(analysis)
        if section is not None:
            section.order = spec.order
            sections.append(section)
    return sorted(sections, key=lambda s: s.order)


def render_report(analysis: CaseAnalysis) -> tuple[str, list[Section]]:
    """Return the report HTML and its sections."""
    case = analysis.case
    sections = build_sections(analysis)
    html = render(
        "report.html.j2",
        case=case,
        sections=sections,
        headline=[h for s in sections for h in s.headline],
        answer=[h for s in sections for h in s.answer],
        plotly_js=plotly_js(),
        version=__version__,
        seed=analysis.seed,
        draws=analysis.budget.draws,
        budget=analysis.budget,
        provenance=analysis.provenance(),
        generated=dt.date.today().isoformat(),
        roles=_role_counts(case),
    )
    return html, sections


def _role_counts(case: Case) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for a in case.actors:
        out.setdefault(a.role.value, []).append(a.name)
    return out


def write_report(analysis: CaseAnalysis, out_dir: Path) -> ReportResult:
    """Write ``out_dir/index.html`` atomically and return what was written."""
    start = time.perf_counter()
    html, sections = render_report(analysis)
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
