"""A model's place in an analysis: its result, or the reason it did not run."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from jirga.errors import InputError

T = TypeVar("T")


@dataclass
class Outcome(Generic[T]):
    """``value`` when the model ran; otherwise ``problem`` says why, in the user's words.

    A report section or a CLI command shows the problem ("not run: …") instead of
    leaving the model out without a word.
    """

    value: T | None = None
    problem: str | None = None
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.problem is None and self.value is not None

    def get(self) -> T:
        """The value, or an :class:`InputError` carrying the problem."""
        if not self.ok:
            from jirga.errors import Problem

            raise InputError([Problem("case", None, "", f"not run: {self.problem}",
                                      "see the message; fix the case and run again")])
        assert self.value is not None
        return self.value


def attempt(fn: Callable[[], T]) -> Outcome[T]:
    """Run ``fn``; an :class:`InputError` (the case does not allow it) becomes the problem.

    Only input problems are turned into "not run"; anything else is a bug and is raised.
    """
    start = time.perf_counter()
    try:
        value = fn()
    except InputError as exc:
        text = "; ".join((f"{p.field}: " if p.field else "") + p.message
                         + (f" (fix: {p.fix})" if p.fix else "") for p in exc.problems)
        return Outcome(problem=text or str(exc),
                       seconds=time.perf_counter() - start)
    return Outcome(value=value, seconds=time.perf_counter() - start)


def skipped(problem: str) -> Outcome:
    return Outcome(problem=problem)
