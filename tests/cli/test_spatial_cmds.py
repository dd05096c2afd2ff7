"""`jirga spatial` on a KTAB file and on a case file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jirga.cli import main

REFDATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "refdata"
needs_refdata = pytest.mark.skipif(not REFDATA.is_dir(), reason="shared/refdata not present")

CASE = """id: mini
title: Mini case
summary: Two parties and a mediator on two issues.
sources:
  - {id: s1, title: A source}
actors:
  - {id: GOV, name: Government, kind: state, role: party, capability: 60}
  - {id: TTP, name: Armed group, kind: armed_group, role: party, capability: 30}
  - {id: MED, name: Mediator, kind: de_facto_government, role: mediator, capability: 10}
issues:
  - id: army
    question: Army presence?
    scale: {0: none, 100: full}
    positions:
      GOV: {position: 90, salience: 0.6}
      TTP: {position: 10, salience: 0.3}
      MED: {position: 50, salience: 0.5}
  - id: arms
    question: Disarmament?
    scale: {0: keep arms, 100: disarm}
    positions:
      GOV: {position: 100, salience: 0.5}
      TTP: {position: 0, salience: 0.7}
      MED: {position: 60, salience: 0.5}
"""


@needs_refdata
def test_table_on_ktab_csv(capsys):
    assert main(["spatial", str(REFDATA / "SOE-Policy.csv")]) == 0
    out = capsys.readouterr().out
    assert "19 turns" in out and "Xi Jinping" in out and "P(win)" in out


@needs_refdata
def test_csv_and_json(capsys):
    assert main(["spatial", str(REFDATA / "dummyData_3Dim.csv"), "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "turn,actor,dim,position,win_prob,risk"
    assert len(lines) == 1 + 11 * 7 * 3
    assert main(["spatial", str(REFDATA / "dummyData_3Dim.csv"), "-f", "json",
                 "--max-turns", "3"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["turns"] == 3 and data["dims"] == ["Pstn1", "Pstn2", "Pstn3"]


def test_case_file(tmp_path, capsys):
    p = tmp_path / "mini.yaml"
    p.write_text(CASE, encoding="utf-8")
    assert main(["spatial", str(p), "--issue", "army", "--issue", "arms"]) == 0
    captured = capsys.readouterr()
    assert "Government" in captured.out and "Army presence" in captured.out  # names, not ids
    assert "saliences add up to as much as 1.1" in captured.err  # GOV: 0.6 + 0.5


def test_bad_inputs_exit_2(tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text("S,d,2,1,\nActor,D,P,x,s\nA,a,1,50,120\nB,b,1,50,10\n", encoding="utf-8")
    assert main(["spatial", str(bad)]) == 2
    assert "bad.csv:3" in capsys.readouterr().err
    p = tmp_path / "mini.yaml"
    p.write_text(CASE, encoding="utf-8")
    assert main(["spatial", str(p), "--issue", "nope"]) == 2
    assert main(["spatial", str(p), "--voting-rule", "plurality"]) == 2
    assert main(["spatial", str(tmp_path / "missing.csv")]) == 2
