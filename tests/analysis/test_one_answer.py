"""One question, one answer: `jirga run`, `jirga ceasefire` and the Python API give the same
figures for the same case, seed and budget; every output names its budget."""

from __future__ import annotations

import re

from jirga.analysis.run import analyse
from jirga.cli import main
from jirga.vocab import format as fmt


def test_cli_ceasefire_run_and_api_agree(builtin_case, builtin_analysis, tmp_path, capsys):
    api = builtin_analysis.ceasefire.value.result  # analyse(case, "quick", 0)
    med = api.median_duration()[0]
    p180 = api.p_break_within(180)[0]
    assert main(["ceasefire", "pakistan-ttp-2022", "--budget", "quick", "--quiet"]) == 0
    cli = capsys.readouterr().out
    assert "budget quick" in cli
    row = re.search(r"median truce duration[\s│]+([\d,]+)", cli)  # with or without rules
    assert row and row.group(1) == fmt.days(med)
    assert re.search(r"P\(breakdown within 180 days\)[\s│]+" + re.escape(fmt.pct(p180)), cli)
    assert main(["run", "--budget", "quick", "--out", str(tmp_path / "r"), "--quiet"]) == 0
    run = capsys.readouterr().out.replace("\n", " ").replace("│", " ")
    run = re.sub(r"\s+", " ", run)
    assert f"median duration {fmt.days(med)} days" in run and "budget quick" in run
    html = (tmp_path / "r" / "index.html").read_text(encoding="utf-8")
    assert "budget quick" in html


def test_same_seed_same_numbers_without_the_second_core(builtin_case, builtin_analysis):
    again = analyse(builtin_case, "quick", 0, models=("ceasefire",), parallel=False)
    a, b = builtin_analysis.ceasefire.value, again.ceasefire.value
    assert a.result.summary().equals(b.result.summary())
    assert a.backtest.frame.equals(b.backtest.frame)
