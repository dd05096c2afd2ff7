"""Every kind of bad case file gets a message naming file, line, field and fix."""

from __future__ import annotations

import textwrap

import pytest

from jirga.case.io import load_case, parse_case
from jirga.cli import main
from jirga.errors import InputError

GOOD = textwrap.dedent("""\
    id: t
    title: Test case
    summary: A small valid case.
    sources:
      - id: s1
        title: A source
    actors:
      - id: A
        name: State A
        kind: state
        role: party
        capability: {low: 40, mode: 50, high: 60}
      - id: B
        name: Group B
        kind: armed_group
        role: party
        capability: 20
    issues:
      - id: i1
        question: Autonomy
        scale: {0: none, 100: full}
        positions:
          A: {position: 10, salience: 0.8}
          B: {position: 90, salience: {low: 0.7, mode: 0.8, high: 0.9}}
    events:
      - id: e1
        date: 2022-05-09
        source: A
        target: [B]
        cameo: "0871"
        description: Ceasefire declared.
        sources: [s1]
    """)


def problems(text: str) -> list:
    with pytest.raises(InputError) as info:
        parse_case(text, "case.yaml")
    return info.value.problems


def test_good_case_loads():
    case = parse_case(GOOD, "case.yaml")
    assert [a.id for a in case.actors] == ["A", "B"]
    assert case.issues[0].positions["B"].salience.low == 0.7


def test_bad_yaml_names_line():
    (p,) = problems(GOOD.replace("title: Test case", "title: [unclosed"))
    assert p.file == "case.yaml" and p.line is not None and 2 <= p.line <= 4
    assert "YAML syntax error" in p.message


def test_unknown_actor_id_suggests_fix():
    (p,) = problems(GOOD.replace("target: [B]", "target: [BB]"))
    assert p.line == 29 and p.field == "events[0].target[0]"
    assert "unknown actor 'BB'" in p.message and "did you mean 'B'" in p.fix


def test_position_out_of_range():
    (p,) = problems(GOOD.replace("A: {position: 10,", "A: {position: 110,"))
    assert p.line == 23 and p.field == "issues[0].positions.A.position"
    assert "between 0 and 100" in p.message and "110" in p.message


def test_low_greater_than_high():
    (p,) = problems(GOOD.replace("{low: 40, mode: 50, high: 60}", "{low: 60, mode: 50, high: 40}"))
    assert p.line == 12 and p.field == "actors[0].capability"
    assert "out of order" in p.message and "low <= mode <= high" in p.fix


def test_impossible_date():
    (p,) = problems(GOOD.replace("2022-05-09", "2022-02-30"))
    assert p.line == 27 and p.field == "events[0].date"
    assert "not a real day" in p.message and "28 days" in p.message


def test_duplicate_id():
    (p,) = problems(GOOD.replace("    title: A source\n",
                                 "    title: A source\n  - id: s1\n    title: Another\n"))
    assert p.line == 7 and p.field == "sources[1].id" and "duplicate id 's1'" in p.message


def test_unknown_cameo_code():
    (p,) = problems(GOOD.replace('"0871"', '"0999"'))
    assert p.line == 30 and "not in the CAMEO code book" in p.message
    assert "jirga codes" in p.fix


def test_unquoted_cameo_code_explains_leading_zero():
    (p,) = problems(GOOD.replace('"0871"', "871"))
    assert "leading zeros" in p.message and "'0871'" in p.fix


def test_missing_required_field():
    (p,) = problems(GOOD.replace("    kind: armed_group\n", ""))
    assert p.field == "actors[1].kind" and "required field 'kind' is missing" in p.message
    assert p.fix == "add this field"


def test_salience_out_of_range_and_unknown_field():
    ps = problems(GOOD.replace("A: {position: 10, salience: 0.8}",
                               "A: {position: 10, salience: 8, weight: 1}"))
    fields = {p.field for p in ps}
    assert fields == {"issues[0].positions.A.salience", "issues[0].positions.A.weight"}


def test_all_problems_reported_at_once():
    bad = (GOOD.replace("target: [B]", "target: [C]")
           .replace('"0871"', '"0999"')
           .replace("2022-05-09", "2022-13-01")
           .replace("capability: 20", "capability: -5"))
    ps = problems(bad)
    assert len(ps) == 4
    assert [p.line for p in ps] == sorted(p.line for p in ps)


def test_duplicate_yaml_key():
    ps = problems(GOOD.replace("title: Test case\n", "title: Test case\ntitle: Again\n"))
    assert any("given twice" in p.message and p.line == 3 for p in ps)


def test_unknown_source_reference():
    (p,) = problems(GOOD.replace("sources: [s1]", "sources: [s9]"))
    assert "unknown source 's9'" in p.message


def test_javascript_url_rejected():
    (p,) = problems(GOOD.replace("title: A source", "title: A source\n    url: javascript:alert(1)"))
    assert p.field == "sources[0].url" and "http" in p.message


def test_not_a_mapping_empty_and_binary_file(tmp_path):
    (p,) = problems("- just\n- a list\n")
    assert "not a case file" in p.message
    (p,) = problems("# only a comment\n")
    assert p.message == "is empty" and "jirga new" in p.fix
    binary = tmp_path / "case.yaml"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\xff\xfe")
    with pytest.raises(InputError) as info:
        load_case(binary)
    assert "not UTF-8" in info.value.problems[0].message


def test_cli_exit_code_2_without_traceback(tmp_path, capsys):
    path = tmp_path / "bad.yaml"
    path.write_text(GOOD.replace("target: [B]", "target: [Z]").replace("capability: 20",
                                                                       "capability: 200"))
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "2 problems found" in err and "bad.yaml:17" in err.replace("\n", "")
    assert main(["validate", str(tmp_path / "missing.yaml")]) == 2


def test_good_case_validates_in_cli(tmp_path, capsys):
    path = tmp_path / "good.yaml"
    path.write_text(GOOD)
    assert main(["validate", str(path)]) == 0
    assert "valid" in capsys.readouterr().out
