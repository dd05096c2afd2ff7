"""The workbench under test: one app per module over a temporary workspace.

The workspace holds a copy of the built-in case file, so saving, comment keeping and
the workspace boundary are tested on a real file. The app re-runs at most the quick
budget while a request waits, which keeps the suite fast on a shared 2-core machine.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ARTICLE = (
    "Peshawar, 14 March 2023. On 12 March 2023 the TTP attacked a police station in Bannu, "
    "killing four policemen. The Afghan Taliban met TTP leaders in Kabul on 13 March 2023.\n"
)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    from jirga.case.io import builtin_path

    ws = tmp_path_factory.mktemp("workspace")
    shutil.copy(builtin_path("pakistan-ttp-2022"), ws / "case.yaml")
    return ws


@pytest.fixture(scope="module")
def app(workspace):
    from jirga.cli.serve_cmds import workbench_app

    web, _, _ = workbench_app(str(workspace / "case.yaml"), workspace, max_budget="quick")
    yield web
    web.state.jobs.shutdown()


@pytest.fixture(scope="module")
def client(app):
    from fastapi.testclient import TestClient

    with TestClient(app, base_url="http://127.0.0.1:8765") as c:
        yield c
