"""Score extracted events against a reference list (e.g. ``seed_events.csv``).

An extracted event matches a reference event when

- its date agrees at the reference's precision: the same day (``day``); a date in
  that month (``month``: a day, the month, or "on or after" a day of it); on or before
  the reference day (``on_or_before``: an "on or before" date or a day not after it);
- both actors agree: the same source, and its targets are the reference's targets or
  one of them (the reference joins several with ``;``);
- its CAMEO code shares the two-digit root with the reference code or one of its
  alternatives (``|``-separated).

Each reference event is matched at most once and each extracted event counts at most
once (a maximum bipartite matching), so duplicates cannot inflate either figure.
Precision = matched extracted / all extracted; recall = matched references / all references.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from jirga.errors import InputError, Problem
from jirga.events.coder.extract import ExtractedEvent
from jirga.vocab.dates import FuzzyDate


@dataclass
class RefEvent:
    id: str
    date: str
    precision: str
    source: str
    targets: list[str]
    cameo: str
    alternatives: list[str]
    summary: str


@dataclass
class Score:
    precision: float
    recall: float
    matched: list[tuple[str, str]]  # (reference id, extracted id)
    missed: list[str]
    spurious: list[str]
    n_extracted: int
    n_reference: int
    detail: list[dict] = field(default_factory=list)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)

    def summary(self) -> str:
        return (f"precision {self.precision:.2f} ({len(self.matched)}/{self.n_extracted}), "
                f"recall {self.recall:.2f} ({len(self.matched)}/{self.n_reference}), "
                f"F1 {self.f1:.2f}")


REQUIRED = ("id", "date", "date_precision", "source_actor", "target_actor", "cameo")


def read_reference(path: str | Path) -> list[RefEvent]:
    path = Path(path)
    if not path.exists():
        raise InputError([Problem(str(path), None, "", "file not found", "check the path",
                                  kind="row")])
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
        if missing:
            raise InputError([Problem(str(path), 1, ", ".join(missing),
                                      f"missing column(s) {', '.join(missing)}",
                                      "the reference needs id, date, date_precision, "
                                      "source_actor, target_actor, cameo[, cameo_alternatives]",
                                      kind="row")])
        out = []
        for row in reader:
            out.append(RefEvent(
                id=row["id"], date=row["date"].strip(), precision=row["date_precision"].strip(),
                source=row["source_actor"].strip(),
                targets=[t.strip() for t in row["target_actor"].split(";") if t.strip()],
                cameo=row["cameo"].strip(),
                alternatives=[a.strip() for a in (row.get("cameo_alternatives") or "").split("|")
                              if a.strip()],
                summary=row.get("summary", ""),
            ))
    return out


def _anchor(d: FuzzyDate) -> dt.date:
    return d.latest if d.precision == "on_or_before" else d.earliest


def date_agrees(d: FuzzyDate | None, ref_date: str, precision: str) -> bool:
    if d is None:
        return False
    if precision == "day":
        return d.precision == "day" and d.earliest.isoformat() == ref_date[:10]
    if precision == "month":
        if d.precision in ("year", "on_or_before", "range"):
            return d.precision == "range" and d.earliest.strftime("%Y-%m") == ref_date[:7] == \
                d.latest.strftime("%Y-%m")
        return _anchor(d).strftime("%Y-%m") == ref_date[:7]
    if precision == "on_or_before":
        ref = dt.date.fromisoformat(ref_date[:10])
        if d.precision == "on_or_before":
            return d.latest == ref
        return d.precision == "day" and d.earliest <= ref
    if precision == "year":
        return _anchor(d).year == int(ref_date[:4]) and d.precision != "on_or_before"
    return False


def event_matches(e: ExtractedEvent, r: RefEvent) -> bool:
    if e.source != r.source:
        return False
    if not e.targets or not (set(e.targets) == set(r.targets) or
                             (len(e.targets) == 1 and e.targets[0] in r.targets)):
        return False
    roots = {c[:2] for c in [r.cameo, *r.alternatives]}
    if e.cameo[:2] not in roots:
        return False
    return date_agrees(e.date, r.date, r.precision)


def score(events: list[ExtractedEvent], reference: list[RefEvent]) -> Score:
    ok = {(i, j) for i, e in enumerate(events) for j, r in enumerate(reference)
          if event_matches(e, r)}
    # maximum bipartite matching (augmenting paths; the lists are small)
    match_ref: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in range(len(reference)):
            if (i, j) in ok and j not in seen:
                seen.add(j)
                if j not in match_ref or augment(match_ref[j], seen):
                    match_ref[j] = i
                    return True
        return False

    for i in range(len(events)):
        augment(i, set())
    matched = sorted((reference[j].id, events[i].id) for j, i in match_ref.items())
    used = set(match_ref.values())
    n_e, n_r = len(events), len(reference)
    detail = []
    for j, r in enumerate(reference):
        i = match_ref.get(j)
        detail.append({"reference": r.id, "extracted": events[i].id if i is not None else "",
                       "summary": r.summary})
    return Score(
        precision=len(matched) / n_e if n_e else 0.0,
        recall=len(matched) / n_r if n_r else 0.0,
        matched=matched,
        missed=[r.id for j, r in enumerate(reference) if j not in match_ref],
        spurious=[e.id for i, e in enumerate(events) if i not in used],
        n_extracted=n_e, n_reference=n_r, detail=detail,
    )
