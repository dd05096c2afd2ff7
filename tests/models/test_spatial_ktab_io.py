"""Reading and writing KTAB scenario CSV files; converting to and from jirga cases."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from jirga.case.schema import Case
from jirga.errors import InputError
from jirga.case.formats.ktab import (
    case_to_ktab,
    ktab_csv_text,
    load_ktab_case,
    looks_like_ktab,
    read_ktab_csv,
    write_ktab_csv,
)

REFDATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "refdata"
needs_refdata = pytest.mark.skipif(not REFDATA.is_dir(), reason="shared/refdata not present")

GOOD = """Talks,Two issues,3,2,
Actor,Description,Power,Army,Army Sal,Law,Law Sal,
GOV, Government , 60, 20, 50, 30, 40,
TTP, Armed group, 30, 90, 70, 95, 30 ,
MED, Mediator, 10, 50, 20, 50, 20,,,
"""


def write(tmp_path: Path, text: str, name: str = "s.csv") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def problems(tmp_path: Path, text: str) -> list:
    with pytest.raises(InputError) as info:
        read_ktab_csv(write(tmp_path, text))
    return info.value.problems


@needs_refdata
@pytest.mark.parametrize("name,na,nd", [
    ("dummyData_3Dim", 7, 3), ("SOE-Policy", 26, 1), ("dummyData-a040", 40, 1),
    ("dummyData-a080", 80, 1), ("dummyData-a160", 160, 1),
])
def test_reads_ktab_files(name, na, nd):
    scn = read_ktab_csv(REFDATA / f"{name}.csv")
    assert (scn.n_actors, len(scn.dims)) == (na, nd)
    assert (scn.salience.sum(axis=1) <= 100).all()
    assert looks_like_ktab(REFDATA / f"{name}.csv")


@needs_refdata
def test_soe_policy_fields():
    scn = read_ktab_csv(REFDATA / "SOE-Policy.csv")
    assert scn.name == "China Policy; scen 0"
    assert scn.dims == ["Policy Position"]
    assert scn.actors[0] == "XJ" and scn.descriptions[0] == "Xi Jinping"
    assert scn.power[0] == 100 and scn.position[0, 0] == 30 and scn.salience[0, 0] == 30


def test_trailing_commas_and_spaces_are_tolerated(tmp_path):
    scn = read_ktab_csv(write(tmp_path, GOOD))
    assert scn.actors == ["GOV", "TTP", "MED"]
    assert scn.descriptions[0] == "Government"
    np.testing.assert_allclose(scn.position, [[20, 30], [90, 95], [50, 50]])
    np.testing.assert_allclose(scn.salience[:, 1], [40, 30, 20])


def test_saliences_over_100_name_file_line_and_column(tmp_path):
    text = GOOD.replace("30, 90, 70, 95, 30", "30, 90, 70, 95, 31")
    (p,) = problems(tmp_path, text)
    assert p.file.endswith("s.csv") and p.line == 4
    assert "Law Sal" in p.field and "column 7" in p.field
    assert "101" in p.message and "more than 100" in p.message
    assert p.fix and "at most 100" in p.fix
    assert "s.csv:4" in str(p)


def test_every_bad_value_is_reported_at_once(tmp_path):
    text = GOOD.replace("GOV, Government , 60, 20", "GOV, Government , lots, 120")
    text = text.replace("MED, Mediator, 10, 50, 20", "MED, Mediator, 10, 50, -3")
    found = problems(tmp_path, text)
    assert [(p.line, p.field.split(" ")[0]) for p in found] == [
        (3, "Army"), (3, "Power"), (5, "Army")]


def test_actor_count_must_match(tmp_path):
    (p,) = problems(tmp_path, GOOD.replace("Talks,Two issues,3,2,", "Talks,Two issues,4,2,"))
    assert p.line == 5 and "4 actors but there are 3" in p.message


def test_short_rows_and_headers(tmp_path):
    (p,) = problems(tmp_path, GOOD.replace("10, 50, 20, 50, 20,,,", "10"))
    assert p.line == 5 and "expected 7" in p.message
    (p,) = problems(tmp_path, GOOD.replace(",Law,Law Sal,", ","))
    assert p.line == 2 and p.field == "header"


def test_not_a_scenario(tmp_path):
    (p,) = problems(tmp_path, "just,a\nfile\n")
    assert "too short" in p.message
    (p,) = problems(tmp_path, "a,b,many,2,\nActor,D,P,x,s,y,t\nA,a,1,2,3,4,5\nB,b,1,2,3,4,5\n")
    assert p.line == 1 and "numActors" in p.field
    assert not looks_like_ktab(write(tmp_path, "id: x\n", "case.yaml"))


def test_duplicate_actor(tmp_path):
    (p,) = problems(tmp_path, GOOD.replace("MED, Mediator", "GOV, Mediator"))
    assert p.line == 5 and "twice" in p.message


def test_write_then_read_round_trip(tmp_path):
    scn = read_ktab_csv(write(tmp_path, GOOD))
    again = read_ktab_csv(write(tmp_path, ktab_csv_text(scn), "again.csv"))
    assert again.actors == scn.actors and again.dims == scn.dims
    np.testing.assert_allclose(again.position, scn.position)
    np.testing.assert_allclose(again.salience, scn.salience)
    np.testing.assert_allclose(again.power, scn.power)


def test_scenario_to_case_and_back(tmp_path):
    case = load_ktab_case(write(tmp_path, GOOD))
    assert isinstance(case, Case)
    assert [i.id for i in case.issues] == ["Army", "Law"]
    assert case.sources[0].id == "ktab_csv" and "s.csv" in case.sources[0].title
    gov = case.actor("GOV")
    assert gov.capability.mode == 100 and gov.parameters["ktab_power"].mode == 60
    assert case.actor("MED").capability.mode == pytest.approx(100 / 6)
    assert "power 60" in gov.notes
    assert case.issue("Law").positions["TTP"].salience.mode == pytest.approx(0.3)
    back = case_to_ktab(case)
    np.testing.assert_allclose(back.power, [60, 30, 10])  # KTAB power kept
    out = write_ktab_csv(case, tmp_path / "out.csv")
    again = read_ktab_csv(out)
    np.testing.assert_allclose(again.position, [[20, 30], [90, 95], [50, 50]])


def test_odd_actor_and_dimension_names_become_ids(tmp_path):
    text = GOOD.replace("GOV,", "1st gov,").replace("Army,Army Sal", "Army presence,S")
    case = load_ktab_case(write(tmp_path, text))
    assert case.actors[0].id == "A_1st_gov"
    assert case.issues[0].id == "Army_presence"


def _case(**over) -> Case:
    data = {
        "id": "t", "title": "T", "summary": "s",
        "sources": [{"id": "s1", "title": "S"}],
        "actors": [
            {"id": "GOV", "name": "Government", "kind": "state", "role": "party",
             "capability": 60},
            {"id": "TTP", "name": "TTP", "kind": "armed_group", "role": "party",
             "capability": {"low": 20, "mode": 30, "high": 40}},
            {"id": "MED", "name": "Mediator", "kind": "de_facto_government",
             "role": "mediator", "capability": 10},
            {"id": "OBS", "name": "Observer", "kind": "other", "role": "observer",
             "capability": 5},
        ],
        "issues": [
            {"id": "army", "question": "Army?", "scale": {0: "out", 100: "in"},
             "positions": {"GOV": {"position": 80, "salience": 0.9},
                           "TTP": {"position": 0, "salience": 0.8},
                           "MED": {"position": 40, "salience": 0.3}}},
            {"id": "law", "question": "Law?", "scale": {0: "sharia", 100: "constitution"},
             "positions": {"GOV": {"position": 100, "salience": 0.5},
                           "TTP": {"position": 0, "salience": 0.6}}},
        ],
    }
    data.update(over)
    return Case.model_validate(data)


def test_case_to_ktab_fills_gaps_and_caps_attention():
    scn = case_to_ktab(_case())
    assert scn.actors == ["GOV", "TTP", "MED"]  # OBS has no stance
    assert scn.dims == ["army", "law"]
    np.testing.assert_allclose(scn.power, [60, 30, 10])  # modes
    # GOV and TTP both care 1.4 in all: every salience is divided by 1.4
    np.testing.assert_allclose(scn.salience.sum(axis=1), [100, 100, 30 / 1.4])
    np.testing.assert_allclose(scn.salience[0], [90 / 1.4, 50 / 1.4])
    assert scn.salience[2, 1] == 0  # MED has no stance on law: does not care …
    assert scn.position[2, 1] == pytest.approx((60 * 100 + 30 * 0) / 90)  # … and does not pull
    text = " ".join(scn.notes)
    assert "OBS" in text and "MED has no stance on law" in text and "divided by 1.4" in text


def test_case_to_ktab_one_issue_and_errors():
    scn = case_to_ktab(_case(), issues=["law"])
    assert scn.actors == ["GOV", "TTP"] and scn.dims == ["law"]
    with pytest.raises(InputError):
        case_to_ktab(_case(issues=[]))
    with pytest.raises(KeyError):
        case_to_ktab(_case(), issues=["nope"])
