"""Fuzz the case loader and each importer: every mutant is accepted or refused cleanly.

CI runs a small fixed budget (``derandomize``: the same inputs every run); set
``JIRGA_FUZZ_EXAMPLES=2000`` for a longer run. ``scripts/fuzz_all.py`` runs 10,000 inputs
per entry point and prints the counts.
"""

from __future__ import annotations

import os
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.hardening.fuzzing import mutate_case, mutate_import, run_case, run_import

EXAMPLES = int(os.environ.get("JIRGA_FUZZ_EXAMPLES", "100"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@FUZZ
@given(st.randoms(use_true_random=False))
def test_case_loader(rng: random.Random) -> None:
    assert run_case(mutate_case(rng)) in ("ok", "refused")


@pytest.mark.parametrize("fmt", ["acled", "ucdp", "gdelt", "jirga-csv"])
def test_importer(fmt: str) -> None:
    @FUZZ
    @given(st.randoms(use_true_random=False), st.booleans())
    def run(rng: random.Random, skip: bool) -> None:
        assert run_import(fmt, mutate_import(fmt, rng), skip_bad_rows=skip) in ("ok", "refused")

    run()
