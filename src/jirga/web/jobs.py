"""Long runs as jobs: started by one request, watched by polling or server-sent events,
cancelled by another.

A job runs in one of the app's worker threads (at most :data:`MAX_RUNNING` at once; more
are refused with 429 rather than queued without bound). Cancelling sets a flag that the
work checks between its steps (``analyse`` reports before each model; the what-if
details between theirs), so a cancel takes effect at the next step, not mid-step.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from jirga.web.problems import refuse
from jirga.web.whatif import Cancelled

MAX_RUNNING = 2
KEEP_FINISHED = 50


@dataclass
class Job:
    """One long run: what it is doing, how far it is, and how it ended."""

    id: str
    kind: str
    scenario: str
    state: str = "queued"        # queued → running → done | failed | cancelled
    step: str = ""
    done: int = 0
    total: int = 0
    started: float = field(default_factory=time.time)
    finished: float | None = None
    error: str | None = None
    result: Any = None
    cancel_flag: threading.Event = field(default_factory=threading.Event)
    changed: threading.Condition = field(default_factory=threading.Condition)
    version: int = 0

    def tell(self, step: str, done: int, total: int) -> None:
        """Progress from the work; raises :class:`Cancelled` once the user cancelled."""
        if self.cancel_flag.is_set():
            raise Cancelled()
        with self.changed:
            self.step, self.done, self.total = step, done, total
            self.version += 1
            self.changed.notify_all()

    def public(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "scenario": self.scenario, "state": self.state,
                "step": self.step, "done": self.done, "total": self.total,
                "seconds": round((self.finished or time.time()) - self.started, 3),
                "error": self.error}

    def wait_change(self, version: int, timeout: float) -> int:
        with self.changed:
            if self.version == version and self.state in ("queued", "running"):
                self.changed.wait(timeout)
            return self.version


class Jobs:
    """The app's jobs (a bounded table) and the threads that run them."""

    def __init__(self) -> None:
        self.pool = ThreadPoolExecutor(max_workers=MAX_RUNNING, thread_name_prefix="jirga-job")
        self.jobs: dict[str, Job] = {}
        self.lock = threading.Lock()
        self._ids = itertools.count(1)

    def start(self, kind: str, scenario: str, work: Callable[[Job], Any]) -> Job:
        with self.lock:
            running = [j for j in self.jobs.values() if j.state in ("queued", "running")]
            if len(running) >= MAX_RUNNING:
                raise refuse(429, "job", f"{len(running)} runs are already going",
                             "wait for one to finish, or cancel it")
            job = Job(id=f"job-{next(self._ids)}", kind=kind, scenario=scenario)
            self.jobs[job.id] = job
            self._trim()
        self.pool.submit(self._run, job, work)
        return job

    def _run(self, job: Job, work: Callable[[Job], Any]) -> None:
        self._set(job, "running")
        try:
            job.result = work(job)
            self._set(job, "done")
        except Cancelled:
            self._set(job, "cancelled")
        except Exception as exc:  # noqa: BLE001 - a job's failure is reported, not raised
            job.error = f"{type(exc).__name__}: {exc}"
            self._set(job, "failed")

    @staticmethod
    def _set(job: Job, state: str) -> None:
        with job.changed:
            job.state = state
            if state in ("done", "failed", "cancelled"):
                job.finished = time.time()
            job.version += 1
            job.changed.notify_all()

    def get(self, job_id: str) -> Job:
        with self.lock:
            if job_id not in self.jobs:
                raise refuse(404, "job", f"no job '{job_id}'", "start a run first")
            return self.jobs[job_id]

    def cancel(self, job_id: str) -> Job:
        job = self.get(job_id)
        job.cancel_flag.set()
        if job.state == "queued":
            self._set(job, "cancelled")
        return job

    def _trim(self) -> None:
        finished = [j for j in self.jobs.values() if j.state not in ("queued", "running")]
        for j in finished[: max(0, len(finished) - KEEP_FINISHED)]:
            del self.jobs[j.id]

    def shutdown(self) -> None:
        for job in list(self.jobs.values()):
            job.cancel_flag.set()
        self.pool.shutdown(wait=False, cancel_futures=True)
