"""Fixtures for the ceasefire-model tests: a small case file written for them."""

from __future__ import annotations

from pathlib import Path

import pytest

from jirga.case.io import parse_case

MINI_CASE = Path(__file__).resolve().parent / "mini_case.yaml"


@pytest.fixture(scope="session")
def mini_case():
    return parse_case(MINI_CASE.read_text(encoding="utf-8"), "mini_case.yaml")
