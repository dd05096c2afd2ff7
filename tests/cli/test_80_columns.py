"""Every command's output at 80 columns: no line wider, no id or ISO date broken across
lines, names where the issue asked for names (quick budget: these are layout tests)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from jirga.analysis.load import load_case

from .render import ISO_DATE, render

ROOT = Path(__file__).resolve().parents[2]
REFDATA = ROOT.parent / "shared" / "refdata"
SEED = ROOT.parent / "shared" / "seed" / "000_7ba780a53b770a03.txt"
UCDP = REFDATA / "events" / "ucdp" / "ucdpged_23.1_sample_uncertainUCDP.csv"
needs_refdata = pytest.mark.skipif(not UCDP.is_file(), reason="shared/refdata not present")

CASE = "pakistan-ttp-2022"


@pytest.fixture(scope="module")
def case():
    return load_case(CASE)


def _ids(case) -> list[str]:
    return ([a.id for a in case.actors] + [g.id for g in case.agreements]
            + [i.id for i in case.issues])


def _fits(r, tokens=()) -> None:
    assert r.code == 0, r.err
    assert not r.too_wide(), r.too_wide()
    dates = set(ISO_DATE.findall(r.flat.replace(" ", " ")))
    assert not r.split_tokens([*dates, *tokens]), r.split_tokens([*dates, *tokens])
    # a date cut at a line's end ("2022-12-2" / "0") leaves a partial date behind
    assert not [ln for ln in r.lines if re.search(r"\b\d{4}-\d{2}-\d?\s*$", ln)]


def test_run(tmp_path, case):
    r = render(["run", "--budget", "quick", "--quiet", "--out", str(tmp_path / "rep")])
    _fits(r, _ids(case))


def test_ceasefire(case):
    r = render(["ceasefire", CASE, "--budget", "quick", "--quiet"])
    _fits(r, _ids(case))
    head = " ".join(r.lines[:4])
    assert "Government of Pakistan vs Tehrik-i-Taliban Pakistan (TTP)" in " ".join(head.split())
    assert "PAK_GOV vs TTP" not in r.flat
    assert not re.search(r"\b(\d+)–\1 days", r.flat)  # never "30–30 days"
    assert "actual: broken by Tehrik-i-Taliban Pakistan (TTP) after" in r.flat
    # changes in probabilities are percentage points, never "+29%"
    assert not re.search(r"[+-]\d+% \(", r.flat)
    assert "“Status of the former tribal areas (FATA)”" in r.flat  # an issue by its question


def test_backtest(case):
    r = render(["backtest", CASE, "--budget", "quick", "--quiet"])
    _fits(r, _ids(case))
    assert "ceasefire-20" not in r.out and "…" not in r.out
    assert "One-month ceasefire" in r.out and "(Nov–Dec 2021)" in r.out  # agreements by name
    assert "over 11 forecasts" in r.flat


def test_bargain(case):
    r = render(["bargain", CASE, "--budget", "quick", "--quiet"])
    _fits(r, _ids(case))
    assert "Status of the former" in r.out and "fata_status" not in r.out
    assert "Tehrik-i-Taliban Paki…" not in r.out  # a name cut mid-word


def test_spatial(case):
    r = render(["spatial", CASE, "--quiet"])
    _fits(r, _ids(case))
    assert "PAK_AR" not in r.out and "Pakistan Army" in r.out
    assert "1 = Status of the former tribal areas (FATA)" in r.flat  # headings explained
    assert not [ln for ln in r.lines if "…" in ln and "_" in ln]  # no cut ids


@needs_refdata
def test_spatial_ktab():
    _fits(render(["spatial", str(REFDATA / "SOE-Policy.csv")]))


@needs_refdata
def test_events_list(tmp_path):
    db = str(tmp_path / "e.duckdb")
    assert render(["events", "import", str(UCDP), "--case", CASE, "--db", db]).code == 0
    r = render(["events", "list", "--db", db, "-n", "30"])
    ids = re.findall(r"ucdp:\d+", r.flat)
    assert len(ids) == 30
    _fits(r, ids)
    rows = [ln for ln in r.lines if ln.startswith("ucdp:")]
    assert len(r.lines) < 4 * len(rows) + 4  # a place no longer runs over 15 lines


@pytest.mark.skipif(not SEED.is_file(), reason="shared/seed not present")
def test_extract(case):
    r = render(["extract", str(SEED), "--case", CASE])
    _fits(r, ["on", "before", *_ids(case)])
    assert "fn" in r.lines[1]  # the last column is not pushed off the screen


@pytest.mark.parametrize("args", [["codes", "ceasefire"], ["codes", "19"], ["cases"],
                                  ["validate", CASE], ["validate", "colombia-farc-2012-2016"],
                                  ["spatial", "colombia-farc-2012-2016"]])
def test_small_commands(args, case):
    _fits(render(args), _ids(case))
