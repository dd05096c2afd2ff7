"""The report's ceasefire section: contract, headline numbers, escaping of case text."""

from __future__ import annotations

import re

from jirga.case.io import parse_case
from jirga.report.section import ReportContext, Section
from jirga.report.sections import ceasefire as section
from tests.models.conftest import MINI_CASE


def _hostile_case():
    text = MINI_CASE.read_text(encoding="utf-8").replace(
        "name: Afghan Taliban", "name: \"Afghan <script>alert(1)</script> Taliban & co\"")
    return parse_case(text, "hostile.yaml")


def test_section_contract_and_headline():
    case = _hostile_case()
    ctx = ReportContext(seed=1, draws=600)
    sec = section.build(case, ctx)
    assert isinstance(sec, Section) and sec.id == "ceasefire"
    assert "<script>alert(1)</script>" not in sec.html
    assert "&lt;script&gt;" in sec.html or "Afghan" not in sec.html
    assert sec.html.count('data-jirga-plot="1"') >= 4
    text = " ".join(sec.headline)
    answer = " ".join(sec.answer)
    assert "P(breakdown within 180 days)" in text and "P(breakdown within 180 days)" in answer
    assert answer.startswith("Ceasefire model: without ")
    assert re.search(r"\d+%", text) and "step back" in text and "Brier" in text
    assert {"result", "counterfactuals", "scenarios", "backtest"} <= set(ctx.cache["ceasefire"])


def test_section_skipped_without_ceasefire():
    case = parse_case(MINI_CASE.read_text(encoding="utf-8").split("agreements:")[0]
                      + "relations: []\n", "no-agreements.yaml")
    assert section.build(case, ReportContext(draws=200)) is None
