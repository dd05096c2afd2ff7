"""Dated stances: a case may say how a position changed, and a forecast "as of" a date reads
only the stances known then (``Case.as_known_on``); bad dates are refused at the boundary
with file, line, field and fix."""

from __future__ import annotations

import datetime as dt
import textwrap

import pytest

from jirga.case.io import builtin_cases, dump_case, load_case, parse_case
from jirga.errors import InputError

DATED = textwrap.dedent("""\
    id: dated
    title: Dated stances
    summary: A state and a group whose demands move during the talks.
    sources:
      - id: s1
        title: First report
      - id: s2
        title: Later report
    actors:
      - id: A
        name: State A
        kind: state
        role: party
        capability: 60
      - id: B
        name: Group B
        kind: armed_group
        role: party
        capability: 40
    issues:
      - id: i1
        question: Troop withdrawal
        scale: {0: none, 100: complete}
        positions:
          A: {position: 10, salience: 0.8}
          B:
            position: 60
            salience: 0.9
            sources: [s2]
            as_of: 2022-06-03
            history:
              - as_of: 2021-11-01
                position: 100
                salience: 0.7
                sources: [s1]
              - as_of: 2022-05
                position: {low: 70, mode: 80, high: 90}
    """)


def problems(text: str) -> list:
    with pytest.raises(InputError) as info:
        parse_case(text, "case.yaml")
    return info.value.problems


@pytest.fixture(scope="module")
def dated():
    return parse_case(DATED, "case.yaml")


@pytest.mark.parametrize("case_id", builtin_cases())
def test_builtin_cases_round_trip_unchanged(case_id):
    """A case without dated stances is itself on any date; one with them, after the last."""
    case = load_case(case_id)
    dated = any(st.history for iss in case.issues for st in iss.positions.values())
    days = [dt.date(2030, 1, 1)] if dated else [dt.date(2000, 1, 1), dt.date(2022, 6, 1),
                                                dt.date(2030, 1, 1)]
    for day in days:
        known = case.as_known_on(day)
        assert known == case and known is not case
        assert known.model_dump_json() == case.model_dump_json()
    assert dated or "history" not in dump_case(case)  # no empty lists added to files


def test_a_dated_change_is_picked_up_only_after_its_date(dated):
    b = lambda day: dated.as_known_on(day).issue("i1").positions["B"]  # noqa: E731
    assert b("2021-12-01").position.mode == 100 and b("2021-12-01").salience.mode == 0.7
    assert b(dt.date(2022, 5, 30)).position.mode == 100  # "2022-05" is known by 31 May only
    assert b(dt.date(2022, 5, 31)).position.mode == 80
    assert b(dt.date(2022, 5, 31)).salience.mode == 0.9  # left out: the current salience
    assert b(dt.date(2022, 6, 2)).position.mode == 80
    assert b(dt.date(2022, 6, 3)).position.mode == 60 and b("2022-06-03").sources == ["s2"]
    assert dated.as_known_on("2023").issue("i1").positions["B"] == dated.issue("i1").positions["B"]
    # an undated stance is known all along
    assert dated.as_known_on("2021-12-01").issue("i1").positions["A"].position.mode == 10
    # the original is not changed
    assert dated.issue("i1").positions["B"].position.mode == 60


def test_before_the_first_report_the_first_stance_is_used(dated):
    assert dated.as_known_on(dt.date(2021, 1, 1)).issue("i1").positions["B"].position.mode == 100


def test_as_known_on_is_idempotent_and_ordered(dated):
    days = [dt.date(2021, 6, 1), dt.date(2021, 12, 1), dt.date(2022, 5, 31), dt.date(2022, 7, 1)]
    for i, d1 in enumerate(days):
        once = dated.as_known_on(d1)
        for d2 in days[i:]:
            assert once.as_known_on(d2) == once  # later knowledge was already cut away


def test_dated_case_dumps_and_reloads(dated):
    again = parse_case(dump_case(dated), "again.yaml")
    assert again == dated
    assert again.as_known_on("2021-12-01") == dated.as_known_on("2021-12-01")


def test_the_models_read_the_stance_known_then(dated):
    from jirga.models.bargaining.montecarlo import point_inputs

    early = point_inputs(dated.as_known_on("2021-12-01"))["i1"]
    now = point_inputs(dated)["i1"]
    assert early.x[0].tolist() == [10, 100] and now.x[0].tolist() == [10, 60]


def test_history_without_a_current_date_names_the_fix():
    (p,) = problems(DATED.replace("        as_of: 2022-06-03\n", "", 1))
    assert p.field == "issues[0].positions.B" and p.line is not None
    assert "no as_of" in p.message and "date the current position" in p.fix


def test_history_out_of_order():
    (p,) = problems(DATED.replace("- as_of: 2022-05\n", "- as_of: 2021-10\n"))
    assert "history[1] (2021-10) is not after history[0] (2021-11-01)" in p.message
    assert "oldest first" in p.fix


def test_current_stance_dated_before_its_history():
    (p,) = problems(DATED.replace("as_of: 2022-06-03", "as_of: 2022-04-01"))
    assert "the current stance's as_of (2022-04-01)" in p.message


def test_bad_history_date_names_line_and_field():
    (p,) = problems(DATED.replace("- as_of: 2021-11-01", "- as_of: 2021-13-01"))
    assert p.field == "issues[0].positions.B.history[0].as_of"
    assert p.line == DATED.splitlines().index("          - as_of: 2021-11-01") + 1
    assert "months run 1–12" in p.message


def test_open_ended_date_cannot_be_known():
    (p,) = problems(DATED.replace("as_of: 2022-06-03", "as_of: on or after 2022-06-03"))
    assert p.field == "issues[0].positions.B.as_of" and "no last day" in p.message
    assert "on or before" in p.fix


def test_history_values_and_sources_are_checked():
    ps = problems(DATED.replace("position: 100\n", "position: 120\n")
                  .replace("sources: [s1]\n", "sources: [s3]\n"))
    by_field = {p.field: p for p in ps}
    assert "between 0 and 100" in by_field["issues[0].positions.B.history[0].position"].message
    src = by_field["issues[0].positions.B.history[0].sources[0]"]
    assert "unknown source 's3'" in src.message and src.line is not None


def test_backtest_forecasts_read_the_stances_known_on_their_date(builtin_case, monkeypatch):
    """Each as-of forecast of the back-test is made on ``case.as_known_on(day)``."""
    from jirga.case.schema import StanceVersion
    from jirga.models.ceasefire import backtest as bt

    dated = builtin_case.model_copy(deep=True)
    st = dated.issue("army_presence").positions["TTP"]  # now 70, reported 2022-06-03
    st.as_of = dated.analysis.as_of.model_validate("2022-06-03")
    st.history = [StanceVersion(as_of="2021-10-01", position=100)]
    seen: dict[dt.date, float] = {}

    class Stop(Exception):
        pass

    def spy(case, agreement, **kw):  # stands in for the forecast; records what it was given
        seen[kw["as_of"]] = case.issue("army_presence").positions["TTP"].position.mode
        raise Stop

    monkeypatch.setattr(bt, "calibrate", lambda *a, **k: type("Cal", (), {"evidence": []})())
    monkeypatch.setattr(bt, "run_ceasefire", spy)
    for day in (dt.date(2021, 11, 20), dt.date(2022, 7, 1)):  # in the 2021 and 2022 truces
        with pytest.raises(Stop):
            bt.backtest(dated, dates=[day], draws=10)
    assert seen == {dt.date(2021, 11, 20): 100, dt.date(2022, 7, 1): 70}
