"""The source list every citation in the report points to."""

from __future__ import annotations

from jirga.analysis.run import CaseAnalysis
from jirga.report.section import Section, render


def build(analysis: CaseAnalysis) -> Section:
    case = analysis.case
    return Section("sources", "Sources", render("sources.html.j2", sources=case.sources),
                   order=1000)
