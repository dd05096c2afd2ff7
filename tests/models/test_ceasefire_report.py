"""The report's ceasefire section: contract, headline numbers, escaping of case text."""

from __future__ import annotations

import re

from jirga.analysis.load import parse_case
from jirga.report.section import Section
from tests.analysed import analysed, section
from tests.models.conftest import MINI_CASE


def _hostile_case():
    text = MINI_CASE.read_text(encoding="utf-8").replace(
        "name: Afghan Taliban", "name: \"Afghan <script>alert(1)</script> Taliban & co\"")
    return parse_case(text, "hostile.yaml")


def test_section_contract_and_headline():
    a = analysed(_hostile_case(), seed=1, draws=600)
    sec = section(a, "ceasefire")
    assert isinstance(sec, Section) and sec.id == "ceasefire"
    assert "<script>alert(1)</script>" not in sec.html
    assert "&lt;script&gt;" in sec.html or "Afghan" not in sec.html
    assert sec.html.count('data-jirga-plot="1"') >= 4
    text = " ".join(sec.headline)
    answer = " ".join(sec.answer)
    assert "P(breakdown within 180 days)" in text and "P(breakdown within 180 days)" in answer
    assert answer.startswith("Ceasefire model: a breakdown of ") and "Ceasefire model: without " in answer
    assert re.search(r"\d+%", text) and "Brier" in text
    assert "Claim" not in text  # the mini case lists no claims: none is checked or shown
    cfa = a.ceasefire.value
    assert cfa.counterfactuals is not None and cfa.scenarios and cfa.backtest is not None


def test_section_without_ceasefire_says_why():
    case = parse_case(MINI_CASE.read_text(encoding="utf-8").split("agreements:")[0]
                      + "relations: []\n", "no-agreements.yaml")
    a = analysed(case, draws=200, models=("ceasefire",))
    assert not a.ceasefire.ok and "no ceasefire agreement" in a.ceasefire.problem
    sec = section(a, "ceasefire")
    assert "Not run" in sec.html and "no ceasefire agreement" in sec.html
