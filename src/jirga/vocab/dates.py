"""Dates that carry their precision.

Reporting on peace processes is rarely exact: "in May 2022", "by the end of
November", "2007". A :class:`FuzzyDate` keeps what the source said — a day, a
month, a year, "on or before"/"on or after" a day, or a span — as an interval
``[earliest, latest]`` plus the precision, so back-tests can ask "was this known
by date D?" without inventing a day the source never gave.

Accepted spellings (YAML strings; a bare YAML date is a day):

- ``2022-05-09`` (day), ``2022-05`` (month), ``2022`` (year)
- ``on or before 2022-11-30``, ``on or after 2022-05``, ``by 2022-11-30``
- ``2022-05-01/2022-06-02`` or ``between 2022-05-01 and 2022-06-02`` (span)
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, model_serializer, model_validator

Precision = Literal["day", "month", "year", "on_or_before", "on_or_after", "range"]

_PART = r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?"
_PART_RE = re.compile(rf"^{_PART}$")


class DateError(ValueError):
    """A date string that is not one of the accepted spellings, or an impossible day."""


def _parse_part(text: str) -> tuple[dt.date, dt.date, str]:
    """Parse ``YYYY[-MM[-DD]]`` into (first day, last day, precision)."""
    m = _PART_RE.match(text.strip())
    if not m:
        raise DateError(
            f"'{text}' is not a date; write YYYY-MM-DD, YYYY-MM or YYYY "
            "(optionally 'on or before ...', 'on or after ...', or 'A/B' for a span)"
        )
    year = int(m.group(1))
    if year < 1:
        raise DateError(f"'{text}' has year {m.group(1)}; there is no year 0 (write the year "
                        "in four digits, e.g. 2022)")
    if m.group(2) is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31), "year"
    month = int(m.group(2))
    if not 1 <= month <= 12:
        raise DateError(f"'{text}' has month {month}; months run 1–12")
    if m.group(3) is None:
        last = calendar.monthrange(year, month)[1]
        return dt.date(year, month, 1), dt.date(year, month, last), "month"
    day = int(m.group(3))
    try:
        d = dt.date(year, month, day)
    except ValueError:
        last = calendar.monthrange(year, month)[1]
        raise DateError(
            f"'{text}' is not a real day: {calendar.month_name[month]} {year} has {last} days"
        ) from None
    return d, d, "day"


class FuzzyDate(BaseModel):
    """A date interval with the precision the source gave it."""

    model_config = ConfigDict(frozen=True)

    text: str
    earliest: dt.date
    latest: dt.date
    precision: Precision

    @model_validator(mode="before")
    @classmethod
    def _parse(cls, value: Any) -> Any:
        if isinstance(value, FuzzyDate):
            return value
        if isinstance(value, dict) and "earliest" in value:
            return value
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return {"text": value.isoformat(), "earliest": value, "latest": value,
                    "precision": "day"}
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            raise DateError("expected a date such as 2022-05-09, 2022-05 or 'on or before 2022-11-30'")
        parsed = parse_fuzzy(value)
        return {"text": parsed.text, "earliest": parsed.earliest, "latest": parsed.latest,
                "precision": parsed.precision}

    @model_serializer
    def _serialise(self) -> str:
        return self.text

    @property
    def midpoint(self) -> dt.date:
        """The middle of the interval: what a timeline plots for an uncertain date."""
        return self.earliest + (self.latest - self.earliest) / 2

    def known_by(self, when: dt.date) -> bool:
        """True if the event had certainly happened by ``when`` (used by back-tests)."""
        return self.latest <= when

    def __str__(self) -> str:
        return self.text


def parse_fuzzy(text: str) -> FuzzyDate:
    """Parse one of the accepted spellings; raises :class:`DateError` with a fix."""
    raw = text.strip()
    low = raw.lower()
    for prefix, precision in (
        ("on or before ", "on_or_before"),
        ("by ", "on_or_before"),
        ("before ", "on_or_before"),
        ("on or after ", "on_or_after"),
        ("after ", "on_or_after"),
        ("since ", "on_or_after"),
    ):
        if low.startswith(prefix):
            first, last, _ = _parse_part(raw[len(prefix):])
            if precision == "on_or_before":
                return FuzzyDate.model_construct(
                    text=raw, earliest=dt.date(1900, 1, 1), latest=last, precision=precision
                )
            return FuzzyDate.model_construct(
                text=raw, earliest=first, latest=dt.date(2100, 12, 31), precision=precision
            )
    span = re.match(r"^between\s+(\S+)\s+and\s+(\S+)$", low) or re.match(
        r"^(\d[\d-]*)\s*/\s*(\d[\d-]*)$", low
    )
    if span:
        first, _, _ = _parse_part(span.group(1))
        _, last, _ = _parse_part(span.group(2))
        if last < first:
            raise DateError(f"'{raw}' ends before it starts; put the earlier date first")
        return FuzzyDate.model_construct(text=raw, earliest=first, latest=last, precision="range")
    first, last, precision = _parse_part(raw)
    return FuzzyDate.model_construct(text=raw, earliest=first, latest=last, precision=precision)


#: Dates before this year are refused by case files and importers (a typo like 0222).
MIN_YEAR = 1800
#: Dates more than this many years after today are refused (a typo like 9999 or 2202).
MAX_YEARS_AHEAD = 25


def year_problem(earliest: dt.date, latest: dt.date, precision: str,
                 today: dt.date | None = None) -> str | None:
    """Why a date is outside the sane range, or None. The open end of "on or before"/"on or
    after" is jirga's own bound (1900, 2100), not the source's, and is not checked."""
    top = (today or dt.date.today()).year + MAX_YEARS_AHEAD
    if precision != "on_or_before" and earliest.year < MIN_YEAR:
        return f"year {earliest.year} is before {MIN_YEAR}, the earliest year jirga accepts"
    if precision != "on_or_after" and latest.year > top:
        return (f"year {latest.year} is more than {MAX_YEARS_AHEAD} years from now "
                f"(the latest year accepted is {top})")
    return None
