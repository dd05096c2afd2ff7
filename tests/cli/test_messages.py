"""Every CLI message issue 13 found wrong, as a user meets it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from jirga.vocab import format as fmt

ROOT = Path(__file__).resolve().parents[2]

ONE_ISSUE = """id: one
title: One issue
summary: Two parties, one issue.
sources:
  - {id: s1, title: A source}
actors:
  - {id: A, name: State, kind: state, role: party, capability: 60}
  - {id: B, name: Armed group, kind: armed_group, role: party, capability: 30}
issues:
  - id: autonomy
    question: How much autonomy?
    scale: {0: none, 100: full}
    positions:
      A: {position: 10, salience: 0.5}
      B: {position: 90, salience: 0.5}
"""


def _case(tmp_path, text: str) -> str:
    p = tmp_path / "case.yaml"
    p.write_text(text, encoding="utf-8")
    return str(p)


def test_counts_agree_with_their_nouns(tmp_path, jirga_cli):
    r = jirga_cli(["validate", _case(tmp_path, ONE_ISSUE)])
    assert r.code == 0
    assert "2 actors, 1 issue, 0 agreements, 0 events, 1 source" in r.flat
    assert "1 issues" not in r.flat and "1 sources" not in r.flat


def test_a_span_whose_ends_agree_is_one_number():
    assert fmt.span_days(30, 30) == "30 days" and fmt.span_days(181, 211) == "181–211 days"
    assert (fmt.tidy_spans("ceasefire-2021-11: ended after 30–30 days, broken by TTP")
            == "ceasefire-2021-11: ended after 30 days, broken by TTP")
    assert fmt.tidy_spans("ended after 181–211 days") == "ended after 181–211 days"


def test_codes_with_no_match_says_so_and_offers_words(jirga_cli):
    r = jirga_cli(["codes", "suspend"])
    assert r.code == 0
    assert "No CAMEO code matches 'suspend'" in r.flat
    assert "halt" in r.flat and "jirga codes --help" in r.flat
    assert "Goldstein" not in r.out  # no empty table
    assert "164" in jirga_cli(["codes", "halt"]).out  # the word offered finds codes


def test_unquoted_octal_cameo_code_is_quoted_as_written(tmp_path, jirga_cli):
    case = ONE_ISSUE + """events:
  - id: e1
    date: 2022-01-01
    source: A
    target: B
    cameo: 057
    description: They sign an agreement.
"""
    r = jirga_cli(["validate", _case(tmp_path, case)])
    err = " ".join(r.err.split())
    assert r.code == 2
    assert "the file has 057, which YAML read as the octal number 47" in err
    assert "quote it: '057'" in err and "'047'" not in err


def test_unquoted_code_missing_its_zero_gets_the_zero(tmp_path, jirga_cli):
    case = ONE_ISSUE + """events:
  - {id: e1, date: 2022-01-01, source: A, target: B, cameo: 871, description: Truce.}
"""
    err = " ".join(jirga_cli(["validate", _case(tmp_path, case)]).err.split())
    assert "the file has 871" in err and "'0871'" in err


def test_misspelt_key_gets_did_you_mean_once(tmp_path, jirga_cli):
    r = jirga_cli(["validate", _case(tmp_path, ONE_ISSUE.replace(
        "A: {position: 10", "A: {positon: 10"))])
    err = " ".join(r.err.split())
    assert r.code == 2
    assert "unknown field 'positon'" in err and "did you mean 'position'?" in err
    assert "1 problem found" in err  # not also "required field 'position' is missing"


def test_misspelt_value_gets_did_you_mean(tmp_path, jirga_cli):
    r = jirga_cli(["validate", _case(tmp_path, ONE_ISSUE.replace(
        "role: party, capability: 30", "role: pary, capability: 30"))])
    assert "did you mean 'party'?" in " ".join(r.err.split())


def test_problems_wrap_under_their_text(jirga_cli):
    r = jirga_cli(["validate", str(ROOT / "docs" / "examples" / "broken.yaml")])
    assert r.code == 2 and not r.too_wide()
    lines = r.err.splitlines()[1:]
    assert all(line.startswith(("  - ", "    ")) for line in lines)


@pytest.mark.parametrize("args", [[], ["run"], ["ceasefire"], ["bargain"], ["events", "import"],
                                  ["spatial"], ["validate"]])
def test_help_shows_no_type_on_flags(args, jirga_cli):
    r = jirga_cli([*args, "--help"])
    assert r.code == 0
    assert "<bool>" not in r.out and "BOOLEAN" not in r.out
    assert not r.too_wide()


README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_sets_up_in_a_virtual_environment_in_two_commands():
    setup = README.split("## Set-up", 1)[1].split("##", 1)[0]
    block = setup.split("```bash", 1)[1].split("```", 1)[0]
    commands = [ln for ln in block.splitlines() if ln.strip() and not ln.startswith("#")]
    assert len(commands) == 2
    assert all("python3 -m venv .venv" in c and ". .venv/bin/activate" in c for c in commands)
    assert "jirga run" in commands[0] and "scripts/test.sh" in commands[1]


def test_readme_examples_name_files_that_exist():
    """Every path a README command reads must exist from the repository root."""
    paths = re.findall(r"^\$ jirga [^\n]*", README, flags=re.M)
    assert paths, "the README shows commands"
    files = []
    for cmd in paths:
        words = cmd.split()
        files += [w for prev, w in zip(words, words[1:], strict=False)
                  if w.endswith((".csv", ".yaml", ".txt", ".tsv"))
                  and prev not in ("--out", "-o", "--csv", "--db", ">")]
    missing = [f for f in files if not (ROOT / f).exists()]
    assert not missing, f"README commands read files that are not there: {missing}"
    assert "ucdpged_23.1_sample_uncertainUCDP.csv" in README
