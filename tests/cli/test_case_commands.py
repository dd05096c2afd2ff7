"""The case commands: cases, new, schema, codes — as a user types them."""

from __future__ import annotations

import json

from jirga.case.io import load_case
from jirga.cli import main


def test_cases_lists_builtin(capsys):
    assert main(["cases"]) == 0
    out = capsys.readouterr().out
    assert "pakistan-ttp-2022" in out and "10" in out


def test_new_writes_a_valid_teaching_case(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["new", "Colombia ELN 2023"]) == 0
    path = tmp_path / "colombia-eln-2023.yaml"
    text = path.read_text()
    assert text.count("#") > 15  # it teaches: comments on every part
    case = load_case(path)
    assert case.id == "colombia-eln-2023" and case.mediators and case.agreements
    # refuses to overwrite without --force, and the report runs on it
    assert main(["new", "Colombia ELN 2023"]) == 2
    assert "already exists" in capsys.readouterr().err
    assert main(["new", "Colombia ELN 2023", "--force"]) == 0
    assert main(["run", str(path), "--out", str(tmp_path / "rep"), "--draws", "200"]) == 0
    assert (tmp_path / "rep" / "index.html").exists()


def test_schema_is_json_schema_of_a_case(tmp_path, capsys):
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "Case"
    assert {"actors", "issues", "agreements", "events", "sources"} <= set(schema["properties"])
    out = tmp_path / "case.schema.json"
    assert main(["schema", "--out", str(out)]) == 0
    assert json.loads(out.read_text()) == schema


def test_codes_finds_ceasefire_codes(capsys):
    assert main(["codes", "ceasefire"]) == 0
    out = capsys.readouterr().out
    assert "0871" in out and "196" in out and "Violate ceasefire" in out
    assert main(["codes", "19"]) == 0
    out = capsys.readouterr().out
    assert "193" in out and "0871" not in out


def test_unknown_option_is_a_usage_error_not_a_traceback(capsys):
    assert main(["validate", "--nope"]) == 2
    err = capsys.readouterr().err
    assert "No such option" in err and "Traceback" not in err
