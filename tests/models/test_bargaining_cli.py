"""`jirga bargain` on a replication CSV and on a case file."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest

from jirga.cli import main

HERE = Path(__file__).resolve().parent
REF = Path(__file__).resolve().parents[2] / ".." / "shared" / "refdata"
FIXTURE = HERE / "data" / "mediated.yaml"
needs_ref = pytest.mark.skipif(not REF.is_dir(), reason="../shared/refdata not present")


@needs_ref
def test_csv_json_matches_dmasad(capsys):
    code = main(["bargain", str(REF / "ExampleActors.csv"), "--variant", "bdm", "--delta", "6",
                 "--format", "json"])
    assert code == 0
    out = json.loads(capsys.readouterr().out)
    assert out["draws"] == 1 and out["variant"] == "bdm"
    rounds = out["issues"]["ExampleActors"]["point_run"]["rounds"]
    expected = pd.read_csv(REF / "expected" / "dmasad_ExampleActors_rounds.csv")
    for r in rounds:  # back to years: 0–100 maps onto 4–10
        assert 4 + r["positions"]["Ireland"] * 0.06 == pytest.approx(expected.Ireland[r["round"]],
                                                                     abs=1e-6)


@needs_ref
def test_csv_rounds_table(capsys):
    assert main(["bargain", str(REF / "ChinaData.csv"), "--format", "csv", "--rounds", "3"]) == 0
    df = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert list(df.columns) == ["issue", "round", "mean_cs", "median_cs", "actor", "position"]
    assert len(df) == 24 * 4


def test_case_table_output(capsys):
    assert main(["bargain", str(FIXTURE), "--draws", "200", "--issue", "autonomy"]) == 0
    out = capsys.readouterr().out
    assert "Bargaining forecast" in out and "80% interval" in out
    out = " ".join(out.split())  # tables wrap at the terminal's width
    assert "How much autonomy for the region: positions by round" in out  # issues by question
    assert "what the mediator changes" in out
    assert "How far does the group disarm: positions" not in out


def test_bad_inputs_exit_2(capsys, tmp_path):
    assert main(["bargain", str(FIXTURE), "--issue", "nope"]) == 2
    assert "no issue 'nope'" in " ".join(capsys.readouterr().err.split())
    bad = tmp_path / "bad.csv"
    bad.write_text("Actor,Capability,Position\nA,1,2\nB,1,3\n")
    assert main(["bargain", str(bad)]) == 2
    assert "no salience column" in " ".join(capsys.readouterr().err.split())
    assert main(["bargain", str(FIXTURE), "--variant", "nash"]) == 2


def test_help_has_examples(capsys):
    assert main(["bargain", "--help"]) == 0
    out = capsys.readouterr().out
    assert "jirga bargain" in out and "--variant" in out
