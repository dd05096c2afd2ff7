"""The spatial report section."""

from __future__ import annotations

from dataclasses import dataclass

from jirga.case.schema import Case
from jirga.report.section import ReportContext


@dataclass
class Ctx(ReportContext):
    seed: int = 1
    draws: int = 20


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


def test_none_with_one_issue():
    from jirga.report.sections.spatial import build

    assert build(case(1), Ctx()) is None


def test_section_content_and_escaping():
    from jirga.report.sections.spatial import build

    ctx = Ctx()
    sec = build(case(), ctx)
    assert sec.id == "spatial" and sec.order == 40
    assert "<script>alert(1)" not in sec.html
    assert "Gov &lt;script&gt;" in sec.html and "Army &lt;presence&gt;?" in sec.html
    assert "Where the principals end" in sec.html and "20 draws" in sec.html
    assert sec.html.count('data-jirga-plot="1"') == 2
    assert any("points apart" in h for h in sec.headline)
    assert "Gov <script>" in sec.headline[0]  # plain text; the report template escapes it
    assert "agreement zone of 10" in sec.headline[0]
    assert ctx.cache  # the run is cached for other sections
    again = build(case(), ctx)
    assert again.headline == sec.headline  # same seed, same numbers
    assert again.html.split("<h3>Start and end")[1] == sec.html.split("<h3>Start and end")[1]


def test_in_the_built_in_case_report():
    from jirga.case.io import builtin_cases, load_case
    from jirga.report.section import ReportContext
    from jirga.report.sections.spatial import build

    case = load_case(builtin_cases()[0])
    sec = build(case, ReportContext(seed=3, draws=30))
    if len(case.issues) < 2:
        assert sec is None
        return
    assert sec.id == "spatial" and sec.headline
