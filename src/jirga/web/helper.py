"""The second core for the what-if tier: one helper process per app.

After an edit the answer needs the bargaining run, then the ceasefire forecast and four
of its counterfactuals, plus the spatial run. The ceasefire simulation is a loop over
weeks on small arrays, so threads would take turns on the interpreter; a process does
not. The helper (started with ``spawn``, never ``fork``: the server has threads) runs the
spatial model and half of the bargaining issues while the other half run here, then half
of the counterfactuals while the other half run here. Its results are exactly the in-process ones (same
functions, same seeds); if it is missing or dies, everything runs here.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any


def _watch_parent(parent: int) -> None:
    """Exit when the server is gone (killed without a chance to stop its helper)."""
    import time

    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(0)


def _warm() -> None:
    """Import what the helper will need, so its first task is not an import; and make sure
    the helper never outlives the server."""
    threading.Thread(target=_watch_parent, args=(os.getppid(),), daemon=True).start()
    import jirga.models.bargaining  # noqa: F401
    import jirga.models.ceasefire.counterfactuals  # noqa: F401
    import jirga.models.spatial.engine  # noqa: F401


def run_counterfactuals_part(case: Any, agreement_id: str | None, draws: int, seed: int, weeks: int,
                             calibration: Any, talks: Any, keys: list[str]) -> dict[str, Any]:
    """``run_counterfactuals``' loop body for some keys (the cheap ones: no new forecast)."""
    from jirga.models.ceasefire.counterfactuals import COUNTERFACTUALS
    from jirga.models.ceasefire.run import run_ceasefire

    out = {}
    for key in keys:
        label, overrides, concede = COUNTERFACTUALS[key]
        assert not concede, "a conceding counterfactual needs the forecaster: run it in process"
        res = run_ceasefire(case, agreement_id, draws=draws, seed=seed, weeks=weeks,
                            calibration=calibration, calibrate=False, overrides=overrides,
                            talks=talks)
        res.label = label
        out[key] = res
    return out


def run_issues(case: Any, draws: int, seed: int, rounds: int, issues: list[str]) -> dict[str, Any]:
    """Some issues of ``run_case_mc`` (their draws are the full run's: see whatif)."""
    from jirga.models.bargaining import run_case_mc

    return run_case_mc(case, draws=draws, seed=seed, rounds=rounds, issues=issues).issues


def run_spatial(case: Any, seed: int) -> Any:
    from jirga.models.spatial.engine import run_spatial as run

    return run(case, seed=seed)


class Helper:
    """At most one helper process, started on first use; ``submit`` returns None without one."""

    def __init__(self, enabled: bool | None = None) -> None:
        if enabled is None:
            # off unless asked for: on the shared 2-core machine it was measured slower
            # (p50 166 vs 146 ms, p95 276 vs 241 ms; pickling, and a second core that is
            # seldom free) — see benchmarks/bench_workbench.py with JIRGA_WEB_HELPER=1
            enabled = (os.cpu_count() or 1) >= 2 and os.environ.get("JIRGA_WEB_HELPER") == "1"
        self.enabled = enabled
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    def start(self) -> None:
        with self._lock:
            if self._pool is None and self.enabled:
                try:
                    self._pool = ProcessPoolExecutor(max_workers=1, mp_context=mp.get_context("spawn"),
                                                     initializer=_warm)
                    self._pool.submit(int, 0)  # start it now, in the background
                except (OSError, ValueError):
                    self.enabled = False

    def submit(self, fn: Any, *args: Any) -> Future | None:
        self.start()
        pool = self._pool
        if pool is None:
            return None
        try:
            return pool.submit(fn, *args)
        except Exception:  # noqa: BLE001 - a broken pool: run in process from now on
            self.enabled = False
            return None

    @staticmethod
    def result(future: Future | None, fallback: Any) -> Any:
        """The helper's answer, or ``fallback()`` computed here when it has none."""
        if future is not None:
            try:
                return future.result(timeout=120)
            except Exception:  # noqa: BLE001 - died, timed out or could not pickle
                pass
        return fallback()

    def close(self) -> None:
        with self._lock:
            if self._pool is not None:
                # wait: its tasks are short, and a pool left to stop on its own after the
                # server's exit leaves the helper behind
                self._pool.shutdown(wait=True, cancel_futures=True)
                self._pool = None
