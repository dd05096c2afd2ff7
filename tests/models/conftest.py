"""Fixtures for the ceasefire-model tests: a small case file and the shared reference data."""

from __future__ import annotations

from pathlib import Path

import pytest

from jirga.case.io import parse_case

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
SHARED = REPO / ".." / "shared"
CEASEFIRE_CSV = SHARED / "refdata" / "ceasefires" / "ethprio_cf_ceasefire_level.csv"


@pytest.fixture(scope="session")
def ceasefire_csv() -> Path:
    if not CEASEFIRE_CSV.exists():
        pytest.skip("../shared/refdata/ceasefires not available")
    return CEASEFIRE_CSV


@pytest.fixture(scope="session")
def mini_case():
    return parse_case((HERE / "mini_case.yaml").read_text(encoding="utf-8"), "mini_case.yaml")


@pytest.fixture(scope="session")
def builtin_case():
    from jirga.case.io import builtin_cases, load_case

    try:
        ids = builtin_cases()
    except ModuleNotFoundError:
        ids = []
    if "pakistan-ttp-2022" not in ids:
        pytest.skip("built-in case pakistan-ttp-2022 not on this branch yet")
    return load_case("pakistan-ttp-2022")
