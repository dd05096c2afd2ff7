"""jirga's event record: one row of any imported data set, in one shape.

Every importer turns its rows into :class:`EventRecord` objects; the store keeps
them in one table. A record keeps what the data set said (actor names as text,
the date with its precision, fatalities with their range) next to what jirga
made of it (case actor ids, CAMEO code, Goldstein score), and a link back to the
original row (``dataset`` + ``original_id``, and ``origin`` = file and row).
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import asdict, dataclass, fields

from jirga.vocab.codes import goldstein as goldstein_of
from jirga.vocab.codes import plover, quad_class


@dataclass(slots=True)
class EventRecord:
    """One imported event."""

    dataset: str
    original_id: str
    date_text: str
    earliest: dt.date
    latest: dt.date
    precision: str
    source_text: str | None = None
    source_id: str | None = None
    target_text: str | None = None
    target_id: str | None = None
    cameo: str | None = None
    goldstein: float | None = None
    quad_class: int | None = None
    plover: str | None = None
    event_type: str | None = None
    location: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    fatalities: int | None = None
    fatalities_low: int | None = None
    fatalities_high: int | None = None
    notes: str | None = None
    url: str | None = None
    origin: str | None = None

    @property
    def id(self) -> str:
        return f"{self.dataset}:{self.original_id}"

    def finish(self) -> EventRecord:
        """Fill Goldstein, quad class and PLOVER type from the CAMEO code when missing."""
        if self.cameo:
            if self.goldstein is None:
                self.goldstein = goldstein_of(self.cameo)
            if self.quad_class is None:
                self.quad_class = quad_class(self.cameo)
            if self.plover is None:
                p = plover(self.cameo)
                self.plover = p.event if p else None
        return self

    def as_row(self) -> dict:
        row = asdict(self)
        row["id"] = self.id
        return row


COLUMNS: list[str] = ["id", *(f.name for f in fields(EventRecord))]


class RowError(Exception):
    """A bad row: which column, what is wrong, how to fix it."""

    def __init__(self, column: str, message: str, fix: str | None = None):
        super().__init__(message)
        self.column = column
        self.message = message
        self.fix = fix


def day(d: dt.date) -> tuple[str, dt.date, dt.date, str]:
    return d.isoformat(), d, d, "day"


def month(year: int, mon: int) -> tuple[str, dt.date, dt.date, str]:
    last = calendar.monthrange(year, mon)[1]
    return f"{year:04d}-{mon:02d}", dt.date(year, mon, 1), dt.date(year, mon, last), "month"


def span(a: dt.date, b: dt.date) -> tuple[str, dt.date, dt.date, str]:
    if a == b:
        return day(a)
    return f"{a.isoformat()}/{b.isoformat()}", a, b, "range"


def count(text: str, column: str, what: str) -> int | None:
    """A count of ``what`` (fatalities, deaths): a whole number, 0 or more; None when empty.
    Data sets write counts as ``3`` or ``3.0``."""
    t = text.strip()
    if not t:
        return None
    try:
        n = int(float(t))
    except ValueError:
        raise RowError(column, f"'{text}' is not a number", "use a whole number") from None
    if n < 0:
        raise RowError(column, f"{n} is negative", f"{what} are counts (0 or more)")
    return n


def coord(text: str, column: str, limit: float, na: str | None = None) -> float | None:
    """Decimal degrees within ±``limit`` (90 for latitude, 180 for longitude); None when
    empty or, case-insensitively, ``na`` (a data set's spelling of a missing value)."""
    t = text.strip()
    if not t or (na is not None and t.upper() == na):
        return None
    try:
        x = float(t)
    except ValueError:
        raise RowError(column, f"'{text}' is not a number", "use decimal degrees") from None
    if not -limit <= x <= limit:
        raise RowError(column, f"{x} is outside ±{limit:g}", "use decimal degrees")
    return x

