"""Test helpers: analyse a case at a small budget and pick one report section."""

from __future__ import annotations

from jirga.analysis.budget import get_budget
from jirga.analysis.run import MODELS, CaseAnalysis, analyse
from jirga.report.build import build_sections
from jirga.report.section import Section


def analysed(case, seed: int = 0, draws: int | None = None, models=MODELS,
             budget: str = "quick") -> CaseAnalysis:
    return analyse(case, get_budget(budget, draws), seed, models=models, parallel=False)


def section(analysis: CaseAnalysis, section_id: str) -> Section | None:
    return next((s for s in build_sections(analysis) if s.id == section_id), None)
