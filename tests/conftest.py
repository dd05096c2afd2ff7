"""Shared fixtures: where the project's reference data lives, and the built-in case."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
REFDATA = SHARED / "refdata"


@pytest.fixture(scope="session")
def refdata() -> Path:
    if not REFDATA.is_dir():
        pytest.fail(f"reference data not found at {REFDATA}; the checkout must sit beside shared/")
    return REFDATA


@pytest.fixture(scope="session")
def builtin_case():
    from jirga.analysis.load import load_case

    return load_case("pakistan-ttp-2022")


@pytest.fixture(scope="session")
def builtin_analysis(builtin_case):
    """The built-in case analysed once at the quick budget (seed 0), for report tests."""
    from jirga.analysis.run import analyse

    return analyse(builtin_case, "quick", 0)


def pytest_collection_modifyitems(config, items):
    """``JIRGA_TEST_ORDER=reverse`` or ``shuffle:SEED`` reorders the suite: no test may
    depend on another having run first (there is no module-level state to leak)."""
    import os
    import random

    order = os.environ.get("JIRGA_TEST_ORDER", "")
    if order == "reverse":
        items.reverse()
    elif order.startswith("shuffle:"):
        random.Random(int(order.split(":", 1)[1])).shuffle(items)
