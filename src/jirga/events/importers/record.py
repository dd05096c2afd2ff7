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
import math
import re
from dataclasses import asdict, dataclass, fields

from jirga.vocab.codes import goldstein as goldstein_of
from jirga.vocab.codes import plover, quad_class
from jirga.vocab.dates import year_problem


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


#: Largest count (fatalities, deaths) of one event accepted: more is a typo or a sentinel.
MAX_COUNT = 10_000_000

# C0 control characters other than tab, line feed and carriage return, and DEL: a NUL in an
# id made '2908\x003' a new event beside '29083' (a silent duplicate on re-import). C1
# characters (U+0080–U+009F) are allowed in text: real GDELT place names hold cp1252 quotes
# decoded as U+0091; they are refused in ids (below).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# ids also refuse line breaks, tabs, non-breaking and zero-width spaces, bidi marks and BOMs:
# two ids must not differ by a character nobody can see
_ID_INVISIBLE = re.compile("[\x00-\x1f\x7f-\xa0\xad\u061c\u1680\u180e\u2000-\u200f"
                           "\u2028-\u202f\u205f-\u2064\u2066-\u206f\u3000\ufeff\ufff9-\ufffb]")


def control_problem(values: list[str], header: list[str] | None) -> tuple[str, str] | None:
    """(column, message) for the first value holding a control character, else None."""
    for i, v in enumerate(values):
        m = _CONTROL.search(v)
        if m:
            col = header[i] if header and i < len(header) else f"field {i + 1}"
            return col, (f"holds the control character U+{ord(m.group(0)):04X} at position "
                         f"{m.start() + 1}")
    return None


def clean_id(text: str, column: str) -> str:
    """An event id without invisible characters (raises RowError otherwise)."""
    m = _ID_INVISIBLE.search(text)
    if m:
        raise RowError(column, f"the id holds an invisible character U+{ord(m.group(0)):04X} "
                       f"at position {m.start() + 1}", "remove it: ids must be plain text")
    return text


def _finite(text: str, column: str, fix: str) -> float:
    try:
        x = float(text)
    except ValueError:
        raise RowError(column, f"'{text[:40]}' is not a number", fix) from None
    if not math.isfinite(x):
        raise RowError(column, f"'{text[:40]}' is not a finite number", fix)
    return x


def count(text: str, column: str, what: str) -> int | None:
    """A count of ``what`` (fatalities, deaths): a whole number from 0 to :data:`MAX_COUNT`;
    None when empty. Data sets write counts as ``3`` or ``3.0``; ``2.7``, ``inf`` and
    ``1e30`` are row errors, not 2, an OverflowError or a pyarrow overflow."""
    t = text.strip()
    if not t:
        return None
    x = _finite(t, column, "use a whole number")
    if x < 0:
        raise RowError(column, f"{x:g} is negative", f"{what} are counts (0 or more)")
    if x != int(x):
        raise RowError(column, f"{t} is not a whole number", f"{what} are counts: 0, 1, 2, …")
    if x > MAX_COUNT:
        raise RowError(column, f"{x:g} {what} is more than the limit of {MAX_COUNT:,}",
                       "check the value; a data set's missing-value code does not belong here")
    return int(x)


def number(text: str, column: str, limit: float, fix: str) -> float | None:
    """A finite decimal within ±``limit``; None when empty."""
    t = text.strip()
    if not t:
        return None
    x = _finite(t, column, fix)
    if not -limit <= x <= limit:
        raise RowError(column, f"{x:g} is outside ±{limit:g}", fix)
    return x


def check_date(d: dt.date, column: str) -> dt.date:
    """A day within the years a case accepts (1800 to 25 years ahead): year 0001 or 9999 is a
    typo, and would overflow the ±3-day span of an ACLED date."""
    msg = year_problem(d, d, "day")
    if msg:
        raise RowError(column, msg, "check the year")
    return d


def coord(text: str, column: str, limit: float, na: str | None = None) -> float | None:
    """Decimal degrees within ±``limit`` (90 for latitude, 180 for longitude); None when
    empty or, case-insensitively, ``na`` (a data set's spelling of a missing value)."""
    t = text.strip()
    if not t or (na is not None and t.upper() == na):
        return None
    return number(t, column, limit, "use decimal degrees")

