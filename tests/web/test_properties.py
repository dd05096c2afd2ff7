"""Property-based requests generated from the workbench's OpenAPI description: no 500s.

Schemathesis reads ``/openapi.json`` and sends every operation bodies, paths and queries
drawn from their schemas (a whole case for ``PUT …/case``, the edit union for
``…/edits``), valid and invalid. The only check is the one the issue asks for: the server
never answers 5xx. Operations that run models get fewer examples (a valid one with a new
seed re-calibrates the ceasefire model: seconds on a shared machine); full runs are left
out (each is seconds of work and is tested on its own). ``JIRGA_SCHEMATHESIS_COVERAGE=1``
adds schemathesis' coverage phase (boundary values; a few minutes).
"""

from __future__ import annotations

import os

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402

RUNS = r".*(/run|/edits|/compare|/figures/.*|/accept)$"
FULL = r".*/(full|details)$"  # job starters: each is seconds of background work
HOST = {"host": "127.0.0.1:8765"}


@pytest.fixture(scope="module")
def api_schema(app):
    from schemathesis.config import SchemathesisConfig

    # the coverage phase adds ~1,000 boundary cases per large body; the fuzzing phase's
    # examples already cover valid and invalid bodies, and the suite must stay quick
    config = SchemathesisConfig.from_dict({"phases": {"coverage": {"enabled": COVERAGE}}})
    return schemathesis.openapi.from_asgi("/openapi.json", app, headers=HOST, config=config)


schema = schemathesis.pytest.from_fixture("api_schema")


COUNTS: dict[str, int] = {}
COVERAGE = os.environ.get("JIRGA_SCHEMATHESIS_COVERAGE") == "1"


def _check(case) -> None:
    response = case.call(headers=HOST)
    COUNTS[case.operation.label] = COUNTS.get(case.operation.label, 0) + 1
    case.validate_response(response, checks=[not_a_server_error])
    assert response.status_code < 500, response.text


@schema.exclude(path_regex=RUNS).exclude(path_regex=FULL).exclude(path_regex=r".*/case$").exclude(
    path_regex=r"^/api/scenarios/\{name\}/details$", method="GET").parametrize()
@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_no_server_errors(case):
    _check(case)


@schema.include(path_regex=RUNS).parametrize()
@settings(max_examples=5, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_no_server_errors_when_running_models(case):
    _check(case)


@schema.include(path_regex=r".*/case$").parametrize()
@settings(max_examples=10, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_no_server_errors_from_generated_cases(case):
    """Whole generated cases (a large schema: slow to generate, so fewer of them)."""
    _check(case)


@schema.include(path_regex=r".*/edits$").parametrize()
@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_no_server_errors_from_generated_edits(case):
    """More generated edits (the richest body), applied without the optional re-run."""
    if isinstance(case.body, dict):
        case.body.pop("run", None)
    _check(case)


def test_property_counts_are_reported():
    """How many generated requests each operation got (printed with ``-s``)."""
    for label, n in sorted(COUNTS.items()):
        print(f"{n:4d}  {label}")
    assert sum(COUNTS.values()) > 100, COUNTS
