"""The bargaining section of the report: built from the case, escaped, cached for the ceasefire model."""

from __future__ import annotations

from pathlib import Path

import pytest

from jirga.case.io import parse_case
from jirga.models.bargaining.montecarlo import BargainingMCResult
from jirga.report.section import ReportContext, Section
from jirga.report.sections import bargaining

FIXTURE = Path(__file__).resolve().parent / "data" / "mediated.yaml"


@pytest.fixture(scope="module")
def case():
    return parse_case(FIXTURE.read_text(encoding="utf-8"), str(FIXTURE))


def test_section_contract_and_cache(case):
    ctx = ReportContext(seed=3, draws=150)
    sec = bargaining.build(case, ctx)
    assert isinstance(sec, Section) and sec.id == "bargaining"
    res = ctx.cache["bargaining"]
    assert isinstance(res, BargainingMCResult) and res.draws == 150 and res.seed == 3
    assert res.effects is not None
    assert sec.html.count('data-jirga-plot="1"') == 4  # rounds + distribution per issue
    assert "What the mediator changes" in sec.html
    assert "perception quadrants" in sec.html
    assert sec.headline and all(isinstance(h, str) for h in sec.headline)
    again = bargaining.build(case, ctx)  # reuses the cached result
    assert ctx.cache["bargaining"] is res and again.html.count("<tr>") == sec.html.count("<tr>")


def test_case_text_is_escaped(case):
    sec = bargaining.build(case, ReportContext(draws=100))
    assert "Armed <Group>" not in sec.html
    assert "Armed &lt;Group&gt;" in sec.html


def test_no_issues_no_section(case):
    bare = case.model_copy(update={"issues": []})
    assert bargaining.build(bare, ReportContext(draws=100)) is None
