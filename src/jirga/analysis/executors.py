"""Where many independent tasks run: here (``local``), on a Dask cluster of this machine's
cores (``dask``), or on an existing Dask scheduler (``dask://HOST:PORT``).

One small module, no home-made scheduler, queue or RPC: ``local`` runs the tasks in
this process, in order (today's behaviour); the Dask executors hand them to
:mod:`distributed`, which schedules, retries a task whose worker died, and returns
results that :meth:`Executor.map` puts back in submission order. Tasks take their
random streams from :func:`jirga.models.seeds.child_seed` by name and index, never from
the worker that runs them, so the same seed gives the same numbers on any executor and
any number of workers.

:mod:`jirga.analysis.execute` (the analysis' one background worker) stays as it is:
that is a second core for one run, this is a pool for a corpus.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from jirga.errors import InputError, Problem

#: how often Dask re-runs a task whose worker died before the run fails
RETRIES = 2
SPEC_HELP = ("where the work runs: local (this process, the default), dask (a Dask cluster "
             "on this machine's cores) or dask://HOST:PORT (an existing Dask scheduler)")


class ExecutorError(RuntimeError):
    """A task could not be completed on the cluster (its workers kept dying, or it failed)."""


@dataclass(frozen=True)
class ExecutorSpec:
    """A parsed ``--executor`` value."""

    kind: str                  # "local" or "dask"
    address: str | None = None  # tcp://HOST:PORT of an existing scheduler, or None


def parse_spec(spec: str | None) -> ExecutorSpec:
    """``local``, ``dask`` or ``dask://HOST:PORT``; an InputError names the fix otherwise."""
    text = (spec or "local").strip()
    if text == "local":
        return ExecutorSpec("local")
    if text == "dask":
        return ExecutorSpec("dask")
    if text.startswith("dask://"):
        rest = text[len("dask://"):]
        host, _, port = rest.rpartition(":")
        if host and port.isdigit():
            return ExecutorSpec("dask", f"tcp://{host}:{port}")
    raise InputError([Problem("--executor", None, "--executor", f"unknown executor {text!r}",
                              "use local, dask, or dask://HOST:PORT (e.g. dask://10.0.0.5:8786)")])


class Executor:
    """Runs ``fn`` over items and returns the results in the items' order."""

    name = "local"
    workers = 1

    def map(self, fn: Callable[..., Any], items: Sequence[Any], **kwargs: Any) -> list[Any]:
        return [fn(item, **kwargs) for item in items]

    @property
    def client(self) -> Any:
        """The :class:`distributed.Client` (None for ``local``)."""
        return None

    def close(self) -> None:
        pass


class DaskExecutor(Executor):
    """Tasks on a :class:`distributed.Client`: a LocalCluster on this machine or a scheduler.

    A worker that dies mid-task is replaced and the task re-run (``RETRIES`` times, and
    the scheduler's own ``allowed-failures``); a task that still cannot finish raises an
    :class:`ExecutorError` naming it, never a partial result.
    """

    name = "dask"

    def __init__(self, address: str | None = None, workers: int | None = None,
                 processes: bool = True, threads_per_worker: int = 1) -> None:
        from distributed import Client, LocalCluster

        self.cluster = None
        if address is None:
            n = workers or max(1, os.cpu_count() or 1)
            # loopback only (the dashboard too, on a free port): nothing listens beyond this machine
            self.cluster = LocalCluster(n_workers=n, threads_per_worker=threads_per_worker,
                                        processes=processes, host="127.0.0.1",
                                        dashboard_address="127.0.0.1:0", silence_logs=40)
            self._client = Client(self.cluster, set_as_default=False)
        else:
            try:
                self._client = Client(address, timeout="10s", set_as_default=False)
            except OSError as exc:
                raise InputError([Problem("--executor", None, "--executor",
                                          f"cannot reach the Dask scheduler at {address}: {exc}",
                                          "start one (dask scheduler; dask worker ADDRESS) or "
                                          "use --executor dask for a cluster on this machine")]
                                 ) from None
        self.address = address
        self.workers = len(self._client.scheduler_info().get("workers", {})) or (workers or 1)

    @property
    def client(self) -> Any:
        return self._client

    def map(self, fn: Callable[..., Any], items: Sequence[Any], **kwargs: Any) -> list[Any]:
        from distributed import KilledWorker

        if not items:
            return []
        futures = self._client.map(fn, list(items), pure=False, retries=RETRIES, **kwargs)
        try:
            return self._client.gather(futures)
        except KilledWorker as exc:
            raise ExecutorError(f"a task kept killing its Dask worker and was given up "
                                f"({exc}); nothing of this run was kept: check the workers' "
                                "memory limit and logs") from None
        finally:
            self._client.cancel(futures)

    def close(self) -> None:
        self._client.close()
        if self.cluster is not None:
            self.cluster.close()


def make_executor(spec: str | ExecutorSpec | None = "local", workers: int | None = None,
                  processes: bool = True) -> Executor:
    """The executor a ``--executor`` value names (close it, or use :func:`executor`)."""
    parsed = spec if isinstance(spec, ExecutorSpec) else parse_spec(spec)
    if parsed.kind == "local":
        return Executor()
    try:
        import distributed  # noqa: F401
    except ImportError:
        raise InputError([Problem("--executor", None, "--executor", "Dask is not installed",
                                  "pip install 'dask[distributed]', or use --executor local")]
                         ) from None
    return DaskExecutor(parsed.address, workers=workers, processes=processes)


@contextmanager
def executor(spec: str | ExecutorSpec | Executor | None = "local", workers: int | None = None,
             processes: bool = True) -> Iterator[Executor]:
    """A context manager over :func:`make_executor`; an :class:`Executor` passes through
    (and is left open: whoever made it closes it)."""
    if isinstance(spec, Executor):
        yield spec
        return
    ex = make_executor(spec, workers, processes)
    try:
        yield ex
    finally:
        ex.close()


def chunks(n: int, size: int) -> Iterable[tuple[int, int, int]]:
    """(index, start, stop) of consecutive chunks of ``size`` covering ``range(n)``."""
    for i, start in enumerate(range(0, n, size)):
        yield i, start, min(n, start + size)


__all__ = ["RETRIES", "SPEC_HELP", "DaskExecutor", "Executor", "ExecutorError", "ExecutorSpec",
           "chunks", "executor", "make_executor", "parse_spec"]
