"""`jirga evaluate ceasefires`: the duration model's out-of-sample scores, as a table or JSON."""

from __future__ import annotations

import json

from jirga.cli import main
from tests.conftest import REFDATA

CSV = REFDATA / "ceasefires" / "ethprio_cf_ceasefire_level.csv"


def test_json_has_both_splits_and_the_targets(capsys):
    assert main(["evaluate", "ceasefires", "--data", str(CSV), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out["splits"]) == {"grouped_cv", "by_time"}
    grouped = out["splits"]["grouped_cv"]
    assert all(grouped["checks"].values())
    assert grouped["ibs_model"] < grouped["ibs_km"]
    assert [r["horizon_days"] for r in grouped["calibration"]] == [30, 90, 180, 365]


def test_missing_data_names_file_and_fix(tmp_path, capsys):
    assert main(["evaluate", "ceasefires", "--data", str(tmp_path / "nope.csv")]) == 2
    err = capsys.readouterr().err
    assert "nope.csv" in err and "fix:" in err


def test_bad_split_date(capsys):
    assert main(["evaluate", "ceasefires", "--data", str(CSV), "--split-date", "soon"]) == 2
    assert "--split-date" in capsys.readouterr().err
