"""Fixtures for the command-line tests."""

from __future__ import annotations

import pytest

from .render import render


@pytest.fixture
def jirga_cli():
    """``jirga_cli(["validate", path])`` -> the exit code and output at 80 columns."""
    return render
