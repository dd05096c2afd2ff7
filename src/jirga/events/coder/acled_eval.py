"""Score the coder on ACLED's own event notes: date, event class and source actor.

Each ACLED row has a one-sentence note written by ACLED's coders ("On 9 May 2020, about 2500
medical interns protested in …"), the event's date, its actors and its type. The coder reads
the note alone (no case; the row's upload ``timestamp`` as publication date where the file
has one) and its first event is compared with the row:

- **date**: the date of the coder's first dated event (else the first date it reads in the
  note) is the row's ``event_date`` (same day). Measured only on notes that state a date:
  the 2015 Pakistan subset's notes give none;
- **event class**: the CAMEO root of the event is the root of the code jirga's ACLED
  importer assigns to the row's type and sub-type (:func:`jirga.events.importers.acled.
  cameo_for`); ACLED's old ``Remote violence`` type lumps bombs and air strikes, so 18 and
  19 are both accepted for it. Rows whose type has no CAMEO class (most "Strategic
  developments") are left out;
- **source actor**: the event's source has the agent type of ``actor1`` (from ACLED's
  ``inter1`` code: state forces → MIL/COP/GOV, rebels and militias → REB, rioters,
  protesters and civilians → CVL, external forces → MIL/GOV) and, when the coder's actor
  has a country, ACLED's country.

**Split by country, fixed before tuning**: countries whose English name starts with A–M
are the development part, N–Z the evaluation part (Pakistan, most of the rows, is eval).
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections import defaultdict
from pathlib import Path

from jirga.errors import InputError, Problem

_INTER_TYPES = {"1": {"MIL", "COP", "GOV"}, "2": {"REB"}, "3": {"REB"}, "4": {"REB"},
                "5": {"CVL"}, "6": {"CVL"}, "7": {"CVL"}, "8": {"MIL", "GOV", "IGO"}}
_ALT_ROOTS = {"remote violence": {"18", "19"}}
_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}


def part_of(country: str) -> str:
    """``dev`` for countries A–M, ``eval`` for N–Z (the fixed split)."""
    return "dev" if country[:1].upper() <= "M" else "eval"


def acled_date(text: str) -> dt.date | None:
    """ACLED's ``9-May-20`` and ``01-January-2015`` spellings."""
    m = re.match(r"^\s*(\d{1,2})[- ]([A-Za-z]+)[- ](\d{2,4})\s*$", text or "")
    if not m:
        return None
    mon = _MONTHS.get(m.group(2)[:3].lower())
    y = int(m.group(3))
    y = y + 2000 if y < 100 else y
    return dt.date(y, mon, int(m.group(1))) if mon else None


def read_rows(path: Path) -> list[dict]:
    """The rows of an ACLED CSV with lower-case column names."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return [{k.lower(): (v or "") for k, v in row.items() if k} for row in
                csv.DictReader(fh)]


def find_files(root: Path) -> list[Path]:
    base = root / "events" / "acled"
    files = sorted(base.glob("*.csv")) if base.is_dir() else []
    if not files:
        raise InputError([Problem(str(base), None, "", "ACLED notes not found",
                                  "give --refdata the folder that holds events/acled/ "
                                  "(default ../shared/refdata)")])
    return files


class _Counts:
    def __init__(self) -> None:
        self.n = {"date": 0, "class": 0, "source": 0}
        self.ok = {"date": 0, "class": 0, "source": 0}
        self.rows = 0

    def add(self, metric: str, good: bool) -> None:
        self.n[metric] += 1
        self.ok[metric] += bool(good)

    def to_dict(self) -> dict:
        out: dict = {"rows": self.rows}
        for k in self.n:
            out[k] = round(self.ok[k] / self.n[k], 4) if self.n[k] else None
            out[f"{k}_n"] = self.n[k]
        return out


def root_labels(row: dict) -> set[str]:
    """The CAMEO roots an ACLED row's type and sub-type stand for (empty: no class)."""
    from jirga.events.importers.acled import cameo_for

    etype = row.get("event_type", "")
    code = cameo_for(etype, row.get("sub_event_type") or None)
    if not code or code == "010" or etype.lower().startswith("strategic development"):
        return set()  # "strategic developments": no event class of their own
    return {code[:2]} | _ALT_ROOTS.get(etype.lower(), set())


def source_type(row: dict) -> str | None:
    """The agent type of ``actor1`` (from ``inter1``): MIL, COP, REB or CVL."""
    inter = row.get("inter1", "").strip()
    if inter == "1":
        return "COP" if "police" in row.get("actor1", "").lower() else "MIL"
    return {"2": "REB", "3": "REB", "4": "REB", "5": "CVL", "6": "CVL", "7": "CVL",
            "8": "MIL"}.get(inter)


def score_row(ex, row: dict, learned: bool = True) -> dict[str, bool | None]:
    """The three checks for one ACLED row (None where a check does not apply)."""
    from jirga.events.agents import agent_of
    from jirga.events.coder.dates import find_dates
    from jirga.events.coder.notes import code_note

    note = row.get("notes", "")
    published = None
    ts = row.get("timestamp", "")
    if ts.isdigit():
        published = dt.datetime.fromtimestamp(int(ts), dt.UTC).date()
    first, found = code_note(ex, note, published, learned=learned)
    out: dict[str, bool | None] = {"date": None, "class": None, "source": None}
    gold_date = acled_date(row.get("event_date", ""))
    dates = find_dates(note, None, published) if gold_date else []
    if dates:
        d = first.date if first is not None and first.date is not None else dates[0].date
        out["date"] = d.precision == "day" and d.earliest == gold_date
    roots = root_labels(row)
    if roots:
        out["class"] = bool(first and first.cameo[:2] in roots)
    types = _INTER_TYPES.get(row.get("inter1", "").strip())
    if types:
        good = False
        if first:
            agent = agent_of(first.source)
            if agent:
                good = agent[1] in types and _country_ok(agent[0], first.source, row)
        out["source"] = good
    return out


def actor_country(row: dict) -> str | None:
    """The country ``actor1`` names ("Military Forces of Armenia (2018-)", "Protesters
    (India)"), else the event's country; None for a group named without one."""
    from jirga.events.agents import countries

    name = row.get("actor1", "")
    table = countries()
    for part in reversed(re.findall(r"\(([^()]+)\)", name)):
        if part.lower() in table:
            return table[part.lower()]
    m = re.search(r"\bof ([A-Z][\w' -]+?)(?:\s*\(|$)", name)
    if m and m.group(1).lower() in table:
        return table[m.group(1).lower()]
    if ":" in name or "/" in name or not re.search(r"\(|\bof\b", name):
        return None  # a named group ("TTP: Tehreek-i-Taliban Pakistan"): no country to check
    return table.get(row.get("country", "").lower())


def _country_ok(coded: str, source_id: str, row: dict) -> bool:
    """The coder's country agrees with actor1's; a named group's own id or a type with no
    country is not checked."""
    from jirga.events.agents import GROUPS

    if not coded or source_id.lstrip("?") in {g[0] for g in GROUPS}:
        return True
    want = actor_country(row)
    return want is None or want == coded


def evaluate_acled(root: Path, limit: int | None = None, learned: bool = True,
                   step: int = 1) -> dict:
    """Date, class and source-actor accuracy per file part (dev, eval, all) and country;
    ``step`` > 1 scores every step-th row only (a quick check)."""
    from jirga.events.coder.extract import Extractor

    ex = Extractor(None)
    ex.require_target = False
    groups: dict[str, _Counts] = defaultdict(_Counts)
    for path in find_files(root):
        rows = read_rows(path)[:limit:step]
        for row in rows:
            country = row.get("country", "") or "?"
            checks = score_row(ex, row, learned)
            for key in ("all", part_of(country), f"country:{country}"):
                groups[key].rows += 1
                for metric, good in checks.items():
                    if good is not None:
                        groups[key].add(metric, good)
    return {"rule": "dev = countries A-M, eval = N-Z",
            "groups": {k: v.to_dict() for k, v in sorted(groups.items())}}
