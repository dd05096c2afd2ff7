"""Issue 14: hostile and absurd case files get a clean message naming the limit and the line."""

from __future__ import annotations

import time

import pytest

from jirga.case.io import load_case, parse_case
from jirga.case.limits import MAX_DEPTH, MAX_FILE_BYTES, MAX_STRING
from jirga.errors import InputError
from tests.hardening.cases import MINI, mini


def problems(text: str) -> list[str]:
    with pytest.raises(InputError) as info:
        parse_case(text, "c.yaml")
    return [str(p) for p in info.value.problems]


def test_mini_case_is_valid() -> None:
    assert parse_case(MINI, "c.yaml").id == "mini"


def test_billion_laughs_refused_quickly() -> None:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 10):
        refs = ", ".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    text = "\n".join(lines) + "\n"
    assert len(text) < 700
    t0 = time.perf_counter()
    msgs = problems(text)
    assert time.perf_counter() - t0 < 5
    assert len(msgs) == 1 and "expands to more than" in msgs[0] and "c.yaml:" in msgs[0]


@pytest.mark.parametrize("text", ["[" * 1000, "a:\n" + "".join(" " * i + f"k{i}:\n"
                                                                  for i in range(1, 200))])
def test_deep_nesting_refused(text: str) -> None:
    msgs = problems(text)
    assert len(msgs) == 1 and f"more than {MAX_DEPTH} levels" in msgs[0]
    assert f"c.yaml:{MAX_DEPTH + 1}" in msgs[0] or "c.yaml:1:" in msgs[0]


def test_long_string_refused_with_line() -> None:
    text = MINI.replace("summary: A small case.", "summary: " + "x" * (MAX_STRING + 1))
    msgs = problems(text)
    assert len(msgs) == 1 and f"limit of {MAX_STRING:,}" in msgs[0] and "c.yaml:3:" in msgs[0]


def test_huge_id_reference_gives_short_message() -> None:
    big = "A" * 1_000_000
    text = MINI.replace("principals: [GOV, REB]", f"principals: [GOV, {big[:90_000]}]")
    t0 = time.perf_counter()
    msgs = problems(text)
    assert time.perf_counter() - t0 < 5
    assert sum(len(m) for m in msgs) < 2000
    assert any("unknown actor" in m and "(90,000 characters)" in m for m in msgs)


def test_hints_never_echo_the_whole_id_list() -> None:
    srcs = "\n".join(f"  - {{id: src{i:05d}, title: t}}" for i in range(3000))
    text = mini(sources=srcs).replace("sources: [s1]", "sources: [zzz]")
    msgs = problems(text)
    assert msgs and all(len(m) < 600 for m in msgs)
    assert any("(and 2,996 more)" in m for m in msgs)


def test_many_problems_are_capped() -> None:
    evs = "\n".join(f"  - {{id: e{i}, date: 2022-01-01, source: NOPE{i}, target: GOV, cameo: '010',"
                    " description: d}" for i in range(300))
    msgs = problems(MINI + "events:\n" + evs + "\n")
    assert len(msgs) == 51 and "more problems" in msgs[-1]


def test_oversized_and_endless_files(tmp_path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as fh:
        fh.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(InputError, match="limited to 32 MB"):
        load_case(big)
    with pytest.raises(InputError, match="limited to"):
        load_case("/dev/zero")


def test_lone_surrogate_text_is_refused() -> None:
    assert "not UTF-8" in problems("id: \udcff\n")[0]


def test_one_megabyte_id_refused_by_the_string_limit() -> None:
    text = MINI.replace("id: GOV, name", "id: " + "G" * 1_000_000 + ", name")
    t0 = time.perf_counter()
    msgs = problems(text)
    assert time.perf_counter() - t0 < 5
    assert len(msgs) == 1 and "1,000,000 characters is longer than the limit" in msgs[0]


def test_long_defined_id_is_not_echoed() -> None:
    """A 40,000-character actor id made 1.3 MB of error text: each dangling reference
    repeated it in its "use one of: …" hint."""
    long_id = "G" * 40_000
    text = MINI.replace("id: GOV, name", f"id: {long_id}, name")
    msgs = problems(text)
    assert sum(len(m) for m in msgs) < 5_000
    assert any("at most 200 characters" in m for m in msgs)


def test_alias_tree_under_the_limit_is_mapped_once() -> None:
    """A million values made of aliases, under the limit: the line map used to hold a path
    for every use of every alias (7 s in the fuzz run); now each subtree is mapped once."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 7):
        lines.append(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 7)}]")
    t0 = time.perf_counter()
    msgs = problems("\n".join(lines) + "\n" + MINI)
    assert time.perf_counter() - t0 < 3
    assert any("unknown field 'a6'" in m for m in msgs)
