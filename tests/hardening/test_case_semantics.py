"""Issue 14: cases that validated, then crashed `jirga run` or made the report absurd."""

from __future__ import annotations

import datetime as dt

import pytest

from jirga.case.io import parse_case
from jirga.errors import InputError
from jirga.vocab.dates import MAX_YEARS_AHEAD
from tests.hardening.cases import MINI


def one_problem(text: str) -> str:
    with pytest.raises(InputError) as info:
        parse_case(text, "c.yaml")
    assert len(info.value.problems) == 1, info.value
    return str(info.value.problems[0])


def test_all_saliences_zero() -> None:
    text = MINI.replace("salience: 0.8", "salience: 0").replace("salience: 0.9", "salience: 0")
    msg = one_problem(text.replace("salience: 0.3", "salience: 0.0"))
    assert "c.yaml:17: issues[0].positions: every salience on this issue is 0" in msg


def test_all_capabilities_zero() -> None:
    text = (MINI.replace("capability: 60", "capability: 0")
            .replace("capability: {low: 20, high: 40}", "capability: [0, 0]")
            .replace("capability: 10", "capability: {low: 0, mode: 0, high: 0}"))
    assert "every actor with a position on this issue has capability 0" in one_problem(text)


def test_no_actor_has_weight() -> None:
    text = (MINI.replace("capability: {low: 20, high: 40}", "capability: 0")
            .replace("capability: 10", "capability: 0")
            .replace("salience: 0.8", "salience: 0"))
    assert "no position carries weight" in one_problem(text)


def test_same_principal_twice() -> None:
    msg = one_problem(MINI.replace("principals: [GOV, REB]", "principals: [REB, REB]"))
    assert "c.yaml:5: analysis.principals[1]: both principals are 'REB'" in msg


@pytest.mark.parametrize("target", ["MED", "[REB, MED]"])
def test_relation_to_self(target: str) -> None:
    msg = one_problem(MINI.replace("target: REB, kind: hosts", f"target: {target}, kind: hosts"))
    assert "relations[0].target" in msg and "'MED' is related to itself" in msg


@pytest.mark.parametrize("date", ["9999-12-31", "1799", "0222-01-01", "between 2022 and 2090"])
def test_dates_out_of_range(date: str) -> None:
    msg = one_problem(MINI.replace("as_of: 2022-12-31", f"as_of: '{date}'"))
    assert "analysis.as_of: year" in msg and "check the year" in msg


def test_open_ended_dates_are_fine() -> None:
    text = MINI.replace("as_of: 2022-12-31", "as_of: on or before 2022-12-31")
    parse_case(text.replace("published: 2022-05-01", "published: on or after 2022-05"))


def test_year_limit_follows_today() -> None:
    year = dt.date.today().year + MAX_YEARS_AHEAD
    parse_case(MINI.replace("as_of: 2022-12-31", f"as_of: {year}-12-31"))
    one_problem(MINI.replace("as_of: 2022-12-31", f"as_of: {year + 1}-01-01"))


def test_year_zero_message() -> None:
    msg = one_problem(MINI.replace("as_of: 2022-12-31", "as_of: 0000-01-31"))
    assert "there is no year 0" in msg and "January 0" not in msg


@pytest.mark.parametrize("old,new,field", [
    ("position: 90", "position: {low: true, mode: 90, high: 95}", "positions.GOV.position.low"),
    ("capability: {low: 20, high: 40}", "capability: [yes, 40]", "actors[1].capability[0]"),
    ("salience: 0.3", "salience: {low: 0.1, high: on}", "positions.MED.salience.high"),
])
def test_booleans_are_not_numbers(old: str, new: str, field: str) -> None:
    msg = one_problem(MINI.replace(old, new))
    assert field in msg and "yes/no value where a number is expected" in msg


def test_boolean_fatalities_and_zone() -> None:
    text = MINI.replace("as_of: 2022-12-31", "as_of: 2022-12-31\n  agreement_zone: true") + (
        "events:\n  - {id: e1, date: 2022-06-01, source: REB, target: GOV, cameo: '190', "
        "description: d, fatalities: yes}\n")
    with pytest.raises(InputError) as info:
        parse_case(text, "c.yaml")
    fields = sorted(p.field for p in info.value.problems)
    assert fields == ["analysis.agreement_zone", "events[0].fatalities"]


def test_builtin_case_still_valid(builtin_case) -> None:
    assert builtin_case.analysis.principals == ["PAK_GOV", "TTP"]
