"""A small Dask cluster (2 worker processes, loopback only) shared by the scale tests, the
tiny budget they run at, and a worker plugin that kills its worker to test recovery."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from distributed.diagnostics.plugin import WorkerPlugin

from jirga.analysis.budget import Budget

#: small enough that a handful of ceasefires or a sweep takes seconds on 2 shared cores
TINY = Budget("tiny", draws=200, counterfactual_draws=100, spatial_draws=5, calibration_sets=64,
              calibration_rounds=1, backtest_draws=200, backtest_sets=64, backtest_reps=4)


@pytest.fixture(scope="session")
def cluster():
    """2 worker processes on 127.0.0.1, no dashboard; closed after the session."""
    from jirga.analysis.executors import DaskExecutor

    ex = DaskExecutor(workers=2, processes=True)
    yield ex
    ex.close()


class KillOnTask(WorkerPlugin):
    """A Dask worker plugin: the worker that starts a task whose key contains ``key`` dies
    (``os._exit``), as a machine lost mid-run would. With ``marker``, only the first such
    start kills (the marker file records it): the retried task then succeeds."""

    name = "kill-on-task"

    def __init__(self, key: str, marker: str | None = None) -> None:
        self.key, self.marker = key, marker

    def transition(self, key, start, finish, **kwargs) -> None:
        if finish != "executing" or self.key not in str(key):
            return
        if self.marker is not None:
            marker = Path(self.marker)
            if marker.exists():
                return
            marker.write_text("killed once")
        os._exit(1)


@pytest.fixture
def fragile():
    """A fresh 2-worker cluster whose scheduler gives up a task after its second worker death
    (so a test that always kills fails in seconds); plugins installed on it stay with it."""
    import dask

    from jirga.analysis.executors import DaskExecutor

    with dask.config.set({"distributed.scheduler.allowed-failures": 1}):
        ex = DaskExecutor(workers=2, processes=True)
    yield ex
    ex.close()
