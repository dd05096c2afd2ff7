"""Where an analysis' independent pieces run: here, or on the machine's second core.

The spatial runs and the ceasefire back-test need only the case, so they start in a
worker process before the rest is computed. :func:`start` returns handles whose
``result()`` waits for the worker or, when there is no worker (one core, no fork, a
worker that died), computes the piece in place — results never depend on the pool.
The Dask executor of the scale-out issue plugs in here.
"""

from __future__ import annotations

import multiprocessing as mp
import os
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

Task = tuple[Callable[..., Any], tuple, dict]


@dataclass
class Handle:
    """A piece of work started in the background, or to be run in place."""

    task: Task
    future: Future | None = None

    def result(self) -> Any:
        fn, args, kwargs = self.task
        if self.future is not None:
            try:
                return self.future.result()
            except Exception:  # noqa: BLE001 - worker died or could not pickle: run here
                pass
        return fn(*args, **kwargs)


class Background:
    """A context manager over at most one worker process for the analysis' side jobs."""

    def __init__(self, tasks: dict[str, Task], parallel: bool = True) -> None:
        self.tasks = tasks
        self.parallel = parallel and bool(tasks) and (os.cpu_count() or 1) >= 2
        self.pool: ProcessPoolExecutor | None = None
        self.handles: dict[str, Handle] = {}

    def __enter__(self) -> Background:
        if self.parallel:
            try:
                self.pool = ProcessPoolExecutor(max_workers=1, mp_context=mp.get_context("fork"))
            except (OSError, ValueError):
                self.pool = None
        for key, task in self.tasks.items():
            fn, args, kwargs = task
            future = self.pool.submit(fn, *args, **kwargs) if self.pool is not None else None
            self.handles[key] = Handle(task, future)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)
