"""Arbitrary input never crashes the coder or the importers: events, or a clear InputError."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jirga.errors import InputError
from jirga.events.coder import extract_events
from jirga.events.importers import read_events

WORDS = ["the", "TTP", "Taliban", "attacked", "met", "with", "on", "30", "November", "2022",
         "in", "Kabul", "ceasefire", "was", "signed", "between", "and", "Pakistan", ",", ".",
         "three", "days", "later", "[1]", "by", "soldiers", "killed", "talks", "then", ";",
         "May", "after", "its", "operation", "Islamabad", "government", "\n\n", "2021"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(WORDS), max_size=60), st.text(max_size=80))
def test_coder_never_crashes(words: list[str], noise: str) -> None:
    for text in (" ".join(words), noise + " ".join(words)):
        for e in extract_events(text, include_undated=True):
            assert e.cameo and e.source and e.targets


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400), st.sampled_from([None, "acled", "ucdp", "gdelt", "jirga-csv"]))
def test_importers_fail_cleanly(data: bytes, fmt: str | None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        p = Path(tmp) / "x.csv"
        p.write_bytes(data)
        try:
            for r in read_events(p, format=fmt, skip_bad_rows=True, rejects=Path(tmp) / "r.csv"):
                assert r.earliest <= r.latest
        except InputError as exc:
            assert exc.problems and all(pr.file for pr in exc.problems)
