"""Errors meant for people: each names the file, the line or row, the field and the fix.

Boundaries (case files, imported data, web forms) raise :class:`InputError`
carrying every :class:`Problem` found, so a user fixes a file in one pass
instead of one error at a time. The CLI prints them and exits with code 2.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input."""

    file: str
    line: int | None
    field: str
    message: str
    fix: str | None = None
    kind: str = "line"  # "line" for text files, "row" for tables

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}" if self.kind == "line" else f", row {self.line}"
        text = f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        if self.fix:
            text += f" — fix: {self.fix}"
        # undecodable bytes of a file survive as lone surrogates; they must not make the
        # message itself unprintable (a UnicodeEncodeError on the way to the terminal)
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


@dataclass
class InputError(Exception):
    """Raised at a boundary when an input has one or more problems."""

    problems: list[Problem] = field(default_factory=list)

    def __str__(self) -> str:
        n = len(self.problems)
        head = f"{n} problem{'s' if n != 1 else ''} found:"
        return "\n".join([head, *(f"  - {p}" for p in self.problems)])


class ResourceError(InputError):
    """The machine, not the input, stopped the work: disk full, permission denied, the store
    locked by another process. A subclass of :class:`InputError` so the CLI prints it the same
    way and exits with code 2; callers that retry can tell the two apart."""
