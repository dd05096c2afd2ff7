"""The spatial report section."""

from __future__ import annotations

from dataclasses import replace

from jirga.analysis.budget import get_budget
from jirga.analysis.run import analyse
from jirga.case.schema import Case
from tests.analysed import section

BUDGET = replace(get_budget("quick"), name="test", spatial_draws=20)


def spatial_section(c: Case, seed: int = 1):
    a = analyse(c, BUDGET, seed, models=("spatial",), parallel=False)
    return a, section(a, "spatial")


def case(n_issues: int = 2, evil: str = "Gov <script>alert(1)</script>") -> Case:
    issues = [
        {"id": "army", "question": "Army <presence>?", "scale": {0: "none", 100: "full"},
         "positions": {"GOV": {"position": 90, "salience": 0.6},
                       "TTP": {"position": {"low": 0, "mode": 10, "high": 25}, "salience": 0.3},
                       "MED": {"position": 50, "salience": 0.5}}},
        {"id": "arms", "question": "Disarmament?", "scale": {0: "keep", 100: "disarm"},
         "positions": {"GOV": {"position": 100, "salience": 0.4},
                       "TTP": {"position": 0, "salience": {"low": 0.5, "high": 0.7}},
                       "MED": {"position": 60, "salience": 0.5}}},
    ][:n_issues]
    return Case.model_validate({
        "id": "mini", "title": "Mini", "summary": "s", "sources": [{"id": "s", "title": "S"}],
        "analysis": {"principals": ["GOV", "TTP"]},
        "actors": [
            {"id": "GOV", "name": evil, "kind": "state", "role": "party", "capability": 60},
            {"id": "TTP", "name": "TTP", "kind": "armed_group", "role": "party",
             "capability": {"low": 20, "mode": 30, "high": 40}},
            {"id": "MED", "name": "Mediator", "kind": "de_facto_government",
             "role": "mediator", "capability": 10},
        ],
        "issues": issues,
    })


def test_one_issue_says_why():
    a, sec = spatial_section(case(1))
    assert not a.spatial.ok and "two or more" in a.spatial.problem
    assert "Not run" in sec.html


def test_section_content_and_escaping():
    a, sec = spatial_section(case())
    assert sec.id == "spatial" and sec.order == 40
    assert "<script>alert(1)" not in sec.html
    assert "Gov &lt;script&gt;" in sec.html and "Army &lt;presence&gt;?" in sec.html
    assert "Where the principals end" in sec.html and "20 draws" in sec.html
    assert sec.html.count('data-jirga-plot="1"') == 2
    assert any("points apart" in h for h in sec.headline)
    assert "Gov <script>" in sec.headline[0]  # plain text; the report template escapes it
    assert "agreement zone of 10" in sec.headline[0]
    assert a.spatial.value.draws.draws == 20
    _, again = spatial_section(case())
    assert again.headline == sec.headline  # same seed, same numbers
    assert again.html.split("<h3>Start and end")[1] == sec.html.split("<h3>Start and end")[1]


def test_in_the_built_in_case_report(builtin_case):
    _, sec = spatial_section(builtin_case, seed=3)
    assert len(builtin_case.issues) >= 2
    assert sec.id == "spatial" and sec.headline
