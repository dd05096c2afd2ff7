"""The source list every citation in the report points to."""

from __future__ import annotations

from jirga.case.schema import Case
from jirga.report.section import ReportContext, Section, render


def build(case: Case, ctx: ReportContext) -> Section:
    return Section("sources", "Sources", render("sources.html.j2", sources=case.sources),
                   order=1000)
