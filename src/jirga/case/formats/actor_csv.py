"""Read the bargaining tables that users of the public replications have.

``ExampleActors.csv``, ``Sultan.csv``, ``HondurasCrisisData.csv``, ``ChinaData.csv``
and their siblings: one row per actor with a name, a capability, a position and
a salience, under varying column names (``Actor``/``Stakeholder``,
``Capability``/``Resources``/``Power``…). This is a boundary: every problem in
a file is collected and raised together as :class:`~jirga.errors.InputError`
naming file, row, column and fix. Rows are numbered as in a spreadsheet (the
header is row 1).

:func:`read_table` returns the numbers in the file's own units;
:func:`read_bargaining_csv` turns them into a single-issue
:class:`~jirga.case.schema.Case` on jirga's scales: positions mapped linearly
from [min, max] onto 0–100 (the model only sees ratios of distances to the
range, so dynamics are unchanged), capabilities as percentage shares,
saliences as shares 0–1 (a file whose saliences exceed 1 is read as 0–100).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from jirga.case.schema import Case
from jirga.errors import InputError, Problem

_ALIASES = {
    "name": ("actor", "stakeholder", "name", "player", "party"),
    "capability": ("capability", "resources", "power", "clout", "influence", "power|influence"),
    "position": ("position",),
    "salience": ("salience",),
}


@dataclass(frozen=True)
class Table:
    """An actor table in the file's own units."""

    path: str
    names: list[str]
    capability: np.ndarray
    position: np.ndarray
    salience: np.ndarray
    columns: dict[str, str]  # role -> header as written

    @property
    def salience_is_percent(self) -> bool:
        return bool(self.salience.max() > 1.0)


def _norm(header: str) -> str:
    h = header.strip().lower()
    h = re.sub(r"\(.*?\)", "", h).strip()  # drop units such as "(0-100)"
    return h


def read_table(path: str | Path) -> Table:
    """Parse an actor CSV; raise :class:`InputError` listing every problem."""
    name = str(path)
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise InputError([Problem(name, None, "", f"cannot be read: {exc.strerror}",
                                  "check the path and its permissions", kind="row")]) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = raw.decode("latin-1")
        except UnicodeDecodeError:  # pragma: no cover - latin-1 decodes anything
            raise InputError([Problem(name, None, "", "is not a text file", "save it as CSV",
                                      kind="row")]) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # old-Mac files use bare CR
    rows = [r for r in csv.reader(text.split("\n")) if any(cell.strip() for cell in r)]
    if not rows:
        raise InputError([Problem(name, None, "", "is empty",
                                  "give a header row (Actor, Capability, Position, Salience) "
                                  "and one row per actor", kind="row")])
    header = [_norm(h) for h in rows[0]]
    columns: dict[str, int] = {}
    problems: list[Problem] = []
    for role, aliases in _ALIASES.items():
        hits = [i for i, h in enumerate(header) if h in aliases or
                (role == "position" and h.endswith(" position")) or
                (role == "salience" and h.endswith(" salience"))]
        if not hits:
            problems.append(Problem(
                name, 1, role, f"no {role} column (header is: {', '.join(rows[0])})",
                f"name a column {' or '.join(repr(a.title()) for a in aliases[:3])}",
                kind="row"))
        elif len(hits) > 1:
            problems.append(Problem(
                name, 1, role, f"{len(hits)} columns could be the {role}: "
                f"{', '.join(rows[0][i] for i in hits)}", "keep one of them", kind="row"))
        else:
            columns[role] = hits[0]
    if problems:
        raise InputError(problems)

    names: list[str] = []
    values = {k: [] for k in ("capability", "position", "salience")}
    for rno, row in enumerate(rows[1:], start=2):
        cells = row + [""] * (len(header) - len(row))
        nm = cells[columns["name"]].strip()
        if not nm:
            problems.append(Problem(name, rno, rows[0][columns["name"]], "actor name is empty",
                                    "give every actor a name", kind="row"))
        elif nm in names:
            problems.append(Problem(name, rno, rows[0][columns["name"]],
                                    f"actor {nm!r} appears twice",
                                    "give each actor one row with a unique name", kind="row"))
        names.append(nm)
        for role in values:
            col = rows[0][columns[role]].strip()
            cell = cells[columns[role]].strip()
            try:
                v = float(cell)
                if not np.isfinite(v):
                    raise ValueError
            except ValueError:
                problems.append(Problem(name, rno, col, f"{cell!r} is not a number",
                                        "write a plain number such as 0.25", kind="row"))
                v = np.nan
            values[role].append(v)
    if len(names) < 2:
        problems.append(Problem(name, None, "", f"has {len(names)} actor row(s)",
                                "the model needs at least two actors", kind="row"))
    cap = np.asarray(values["capability"])
    sal = np.asarray(values["salience"])
    col_c = rows[0][columns["capability"]].strip()
    col_s = rows[0][columns["salience"]].strip()
    for i, v in enumerate(cap):
        if v < 0:
            problems.append(Problem(name, i + 2, col_c, f"capability {v:g} is negative",
                                    "capabilities are 0 or more", kind="row"))
    if len(cap) and np.nansum(cap) <= 0 and not np.isnan(cap).any():
        problems.append(Problem(name, None, col_c, "all capabilities are 0",
                                "give at least one actor a positive capability", kind="row"))
    for i, v in enumerate(sal):
        if v < 0 or v > 100:
            problems.append(Problem(name, i + 2, col_s, f"salience {v:g} is outside 0–1 "
                                    "(or 0–100)", "use shares 0–1 or percentages 0–100 "
                                    "throughout the column", kind="row"))
    if problems:
        raise InputError(problems)
    return Table(
        path=name, names=names, capability=cap,
        position=np.asarray(values["position"]), salience=sal,
        columns={k: rows[0][v].strip() for k, v in columns.items()},
    )


def _slug(text: str, prefix: str) -> str:
    s = re.sub(r"[^A-Za-z0-9_.-]+", "_", text.strip()).strip("_")
    if not s or not s[0].isalpha():
        s = f"{prefix}{s}"
    return s


def read_bargaining_csv(path: str | Path, *, position_range: tuple[float, float] | None = None
                        ) -> Case:
    """Read an actor CSV into a single-issue :class:`Case` on jirga's scales.

    ``position_range`` (low, high) maps onto 0–100; default: the data's min and max.
    """
    table = read_table(path)
    stem = Path(path).stem
    lo, hi = position_range if position_range else (table.position.min(), table.position.max())
    problems = []
    if not hi > lo:
        problems.append(Problem(table.path, None, table.columns["position"],
                                "every actor holds the same position",
                                "there is nothing to bargain over; check the column",
                                kind="row"))
    for i, v in enumerate(table.position):
        if v < lo or v > hi:
            problems.append(Problem(table.path, i + 2, table.columns["position"],
                                    f"position {v:g} is outside the range {lo:g}–{hi:g}",
                                    "widen position_range", kind="row"))
    if problems:
        raise InputError(problems)
    sal = table.salience / 100.0 if table.salience_is_percent else table.salience
    cap = 100.0 * table.capability / table.capability.sum()
    pos = 100.0 * (table.position - lo) / (hi - lo)
    ids: list[str] = []
    for nm in table.names:
        base = _slug(nm, "A_")
        aid, k = base, 2
        while aid in ids:
            aid, k = f"{base}_{k}", k + 1
        ids.append(aid)
    issue_id = _slug(stem, "issue_")
    data = {
        "id": _slug(stem, "csv-"),
        "title": f"{stem} (from {Path(path).name})",
        "summary": f"Single-issue bargaining table read from {Path(path).name}: "
                   f"{len(ids)} actors.",
        "sources": [{"id": "csv", "title": Path(path).name,
                     "notes": f"actor table read by jirga from {table.path}"}],
        "actors": [
            {"id": aid, "name": nm, "kind": "other", "role": "party",
             "capability": float(cv), "sources": ["csv"]}
            for aid, nm, cv in zip(ids, table.names, cap, strict=True)
        ],
        "issues": [{
            "id": issue_id,
            "question": f"{stem}: {table.columns['position']}",
            "scale": {"0": f"{lo:g} (file units)", "100": f"{hi:g} (file units)"},
            "positions": {
                aid: {"position": float(pv), "salience": float(sv), "sources": ["csv"]}
                for aid, pv, sv in zip(ids, pos, sal, strict=True)
            },
            "sources": ["csv"],
            "notes": f"positions mapped linearly from {lo:g}–{hi:g} onto 0–100; "
                     f"capabilities as % shares; saliences as shares 0–1",
        }],
    }
    return Case.model_validate(data)


def is_table_path(text: str) -> bool:
    """True when ``text`` names a CSV actor table rather than a case file or id."""
    return text.lower().endswith((".csv", ".txt")) and Path(text).exists()
