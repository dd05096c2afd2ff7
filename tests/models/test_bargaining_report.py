"""The bargaining section of the report: rendered from the analysis' result, escaped."""

from __future__ import annotations

from pathlib import Path

import pytest

from jirga.analysis.load import parse_case
from jirga.models.bargaining.results import BargainingMCResult
from jirga.report.section import Section
from tests.analysed import analysed, section

FIXTURE = Path(__file__).resolve().parent / "data" / "mediated.yaml"


@pytest.fixture(scope="module")
def case():
    return parse_case(FIXTURE.read_text(encoding="utf-8"), str(FIXTURE))


def test_section_contract_renders_the_analysis_result(case):
    a = analysed(case, seed=3, draws=150, models=("bargaining",))
    sec = section(a, "bargaining")
    assert isinstance(sec, Section) and sec.id == "bargaining"
    res = a.bargaining.value
    assert isinstance(res, BargainingMCResult) and res.draws == 150 and res.seed == 3
    assert res.effects is not None
    assert sec.html.count('data-jirga-plot="1"') == 4  # rounds + distribution per issue
    assert "What the mediator changes" in sec.html
    assert "perception quadrants" in sec.html
    assert sec.headline and all(isinstance(h, str) for h in sec.headline)
    again = section(a, "bargaining")  # rendering twice runs nothing and changes nothing
    assert a.bargaining.value is res and again.html.count("<tr>") == sec.html.count("<tr>")


def test_case_text_is_escaped(case):
    sec = section(analysed(case, draws=100, models=("bargaining",)), "bargaining")
    assert "Armed <Group>" not in sec.html
    assert "Armed &lt;Group&gt;" in sec.html


def test_no_issues_section_says_why(case):
    bare = case.model_copy(update={"issues": []})
    sec = section(analysed(bare, draws=100, models=("bargaining",)), "bargaining")
    assert "Not run" in sec.html and "no issue" in sec.html
