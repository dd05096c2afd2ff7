"""Model parameters are declared by the model and checked when the case is read."""

from __future__ import annotations

import pytest

from jirga.analysis.load import parse_case
from jirga.cli import main
from jirga.errors import InputError
from tests.models.conftest import MINI_CASE


def _with_group_parameter(line: str) -> str:
    text = MINI_CASE.read_text(encoding="utf-8")
    assert "    parameters:\n" in text
    return text.replace("    parameters:\n", f"    parameters:\n      {line}\n", 1)


def test_typo_in_a_parameter_is_refused_with_did_you_mean():
    with pytest.raises(InputError) as err:
        parse_case(_with_group_parameter("war_cots: {low: 0.1, mode: 0.2, high: 0.3}"), "t.yaml")
    [p] = err.value.problems
    assert "war_cots" in p.message and p.line is not None and "war_cost" in p.fix


def test_bad_date_inside_a_key_is_refused():
    with pytest.raises(InputError) as err:
        parse_case(_with_group_parameter("fighters@2021-13-01: 4000"), "t.yaml")
    [p] = err.value.problems
    assert "2021-13-01" in p.message and "fighters@YYYY-MM-DD" in p.fix


def test_jirga_validate_rejects_both(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    text = _with_group_parameter("war_cots: 0.2")
    bad.write_text(text.replace("      war_cots: 0.2\n", "      war_cots: 0.2\n      "
                                "fighters@2021-13-01: 4000\n"), encoding="utf-8")
    assert main(["validate", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "war_cots" in err and "2021-13-01" in err and "bad.yaml:" in err


def test_run_shows_a_model_that_cannot_run(tmp_path, capsys):
    text = MINI_CASE.read_text(encoding="utf-8").split("agreements:")[0] + "relations: []\n"
    case = tmp_path / "no-truce.yaml"
    case.write_text(text, encoding="utf-8")
    assert main(["run", str(case), "--budget", "quick", "--out", str(tmp_path / "r"),
                 "--quiet"]) == 0
    html = (tmp_path / "r" / "index.html").read_text(encoding="utf-8")
    assert "Ceasefire: durability and the mediator" in html
    assert "Not run" in html and "no ceasefire agreement" in html
