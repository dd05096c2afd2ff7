"""KTAB scenario CSV files <-> jirga cases.

KTAB's spatial model (``smpc``) reads one scenario per CSV file::

    scenarioName, description, numActors, numDims,
    Actor, Description, Power, <dim1> Position, <dim1> Salience, ...
    XJ, Xi Jinping, 100, 30, 30,
    ...

Positions and saliences are on a 0–100 scale; each actor's saliences add up to
at most 100. Trailing commas and spaces are tolerated.

:func:`read_ktab_csv` checks a file once, at the boundary, and raises
:class:`~jirga.errors.InputError` naming the file, line, column and fix for every
problem. :func:`ktab_to_case` turns a scenario into a jirga
:class:`~jirga.case.schema.Case` (one issue per dimension) and
:func:`case_to_ktab` / :func:`write_ktab_csv` go the other way, so a case can be
run by KTAB or by jirga.
"""

from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from jirga.errors import InputError, Problem

SOURCE_ID = "ktab_csv"
_ID_OK = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]*$")


@dataclass
class KtabScenario:
    """One KTAB scenario: actors with power, and per dimension a position and salience (0–100)."""

    name: str
    description: str
    actors: list[str]
    descriptions: list[str]
    power: np.ndarray  # (na,)
    dims: list[str]
    position: np.ndarray  # (na, nd), 0–100
    salience: np.ndarray  # (na, nd), 0–100
    source: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def n_actors(self) -> int:
        return len(self.actors)


# ---- reading ------------------------------------------------------------------------

def _fields(line: str) -> list[str]:
    row = next(csv.reader([line], skipinitialspace=True), [])
    row = [c.strip() for c in row]
    while row and row[-1] == "":
        row.pop()
    return row


def _number(text: str) -> float | None:
    try:
        x = float(text)
    except ValueError:
        return None
    return x if math.isfinite(x) else None


def looks_like_ktab(path: str | Path) -> bool:
    """True when ``path`` is a CSV file whose second line is a KTAB header (``Actor, ...``)."""
    p = Path(path)
    if not p.is_file():
        return False
    try:
        with p.open(encoding="utf-8-sig", errors="replace") as fh:
            lines = [fh.readline() for _ in range(2)]
    except OSError:
        return False
    if len(lines) < 2:
        return False
    first, second = _fields(lines[0]), _fields(lines[1])
    return (len(first) >= 4 and _number(first[2]) is not None and bool(second)
            and second[0].lower() == "actor")


def read_ktab_csv(path: str | Path, text: str | None = None) -> KtabScenario:
    """Read and check a KTAB scenario CSV; raise :class:`InputError` listing every problem."""
    name = str(path)
    if text is None:
        try:
            text = Path(path).read_bytes().decode("utf-8-sig")
        except OSError as exc:
            raise InputError([Problem(name, None, "", f"cannot be read: {exc.strerror}",
                                      "check the path and its permissions")]) from None
        except UnicodeDecodeError:
            raise InputError([Problem(name, None, "", "is not UTF-8 text",
                                      "save the scenario as a UTF-8 CSV file")]) from None
    lines = text.splitlines()
    numbered = [(k + 1, ln) for k, ln in enumerate(lines) if ln.strip().strip(",").strip()]
    problems: list[Problem] = []

    def bad(line: int | None, fld: str, msg: str, fix: str | None = None) -> None:
        problems.append(Problem(name, line, fld, msg, fix))

    if len(numbered) < 3:
        bad(None, "", "is too short for a KTAB scenario (need a scenario line, a header and "
            "one line per actor)", "see the format in docs/spatial-model.md")
        raise InputError(problems)
    ln0, first = numbered[0]
    head = _fields(first)
    if len(head) < 4:
        bad(ln0, "scenario line", f"has {len(head)} fields, expected 4: "
            "scenarioName, description, numActors, numDims", "write e.g. 'Case,About it,7,3,'")
        raise InputError(problems)
    na_f, nd_f = _number(head[2]), _number(head[3])
    if na_f is None or na_f != int(na_f) or na_f < 2:
        bad(ln0, "numActors (column 3)", f"expected a whole number of actors >= 2, got {head[2]!r}",
            "give the number of actor rows")
    if nd_f is None or nd_f != int(nd_f) or nd_f < 1:
        bad(ln0, "numDims (column 4)", f"expected a whole number of dimensions >= 1, "
            f"got {head[3]!r}", "give the number of position/salience column pairs")
    if problems:
        raise InputError(problems)
    na, nd = int(na_f), int(nd_f)
    ln1, header_line = numbered[1]
    header = _fields(header_line)
    need = 3 + 2 * nd
    if len(header) < need:
        bad(ln1, "header", f"has {len(header)} columns, expected {need} for {nd} dimension(s): "
            "Actor, Description, Power, then a position and a salience column per dimension",
            "add the missing column names or correct numDims on line " + str(ln0))
        raise InputError(problems)
    dims = [header[3 + 2 * k] or f"dim{k + 1}" for k in range(nd)]
    rows = numbered[2:]
    if len(rows) != na:
        bad(rows[-1][0] if len(rows) > na else (rows[-1][0] if rows else ln1), "numActors",
            f"the scenario line says {na} actors but there are {len(rows)} actor lines",
            f"set numActors on line {ln0} to {len(rows)} or remove the extra lines")

    def on_scale(ln: int, f: list[str], col: int, what: str) -> float | None:
        """Column ``col`` of a row as a number on KTAB's 0–100 scale, or None once reported.

        Positions and saliences share the scale, so they share the check and its message.
        """
        v = _number(f[col])
        if v is None or not 0 <= v <= 100:
            bad(ln, f"{header[col]} (column {col + 1})",
                f"expected a {what} between 0 and 100, got {f[col]!r}",
                f"{what}s are on KTAB's 0–100 scale")
            return None
        return v

    actors: list[str] = []
    descs: list[str] = []
    power = np.zeros(min(na, len(rows)))
    pos = np.zeros((power.size, nd))
    sal = np.zeros((power.size, nd))
    for r, (ln, line) in enumerate(rows[:na]):
        f = _fields(line)
        if len(f) < need:
            bad(ln, "row", f"has {len(f)} fields, expected {need}",
                "give Actor, Description, Power and a position and salience per dimension")
            continue
        if not f[0]:
            bad(ln, "Actor (column 1)", "actor name is empty", "name the actor")
        actors.append(f[0])
        descs.append(f[1])
        p = _number(f[2])
        if p is None or p < 0:
            bad(ln, f"{header[2]} (column 3)", f"expected a number >= 0, got {f[2]!r}",
                "write the actor's power as a non-negative number")
        else:
            power[r] = p
        total = 0.0
        for k in range(nd):
            cpos, csal = 3 + 2 * k, 4 + 2 * k
            x = on_scale(ln, f, cpos, "position")
            if x is not None:
                pos[r, k] = x
            s = on_scale(ln, f, csal, "salience")
            if s is not None:
                sal[r, k] = s
                total += s
                if total > 100 + 1e-9:
                    bad(ln, f"{header[csal]} (column {csal + 1})",
                        f"actor {f[0]!r}'s saliences add up to {total:g} by this column, "
                        "more than 100", "lower this actor's saliences so they sum to at most 100")
                    total = -math.inf  # report once per row
    if len(set(actors)) != len(actors):
        seen: set[str] = set()
        for (ln, _), a in zip(rows, actors, strict=False):
            if a in seen:
                bad(ln, "Actor (column 1)", f"actor {a!r} appears twice", "give each actor one row")
            seen.add(a)
    if power.size and not problems and power.max() <= 0:
        bad(rows[0][0], f"{header[2]} (column 3)", "every actor has zero power",
            "give at least one actor a positive power")
    if problems:
        problems.sort(key=lambda q: (q.line or 0, q.field))
        raise InputError(problems)
    return KtabScenario(
        name=head[0], description=head[1], actors=actors, descriptions=descs, power=power,
        dims=dims, position=pos, salience=sal, source=name,
    )


# ---- scenario <-> case ------------------------------------------------------------------

def display_names(scn: KtabScenario) -> list[str]:
    """Descriptions when they tell actors apart (``Xi Jinping``), else the actor names."""
    d = scn.descriptions
    return list(d) if all(d) and len(set(d)) == len(d) else list(scn.actors)


def _make_id(text: str, taken: set[str], prefix: str) -> str:
    base = re.sub(r"[^A-Za-z0-9_.-]+", "_", text.strip()).strip("_") or prefix
    if not base[0].isalpha():
        base = f"{prefix}_{base}"
    out, k = base, 2
    while out in taken:
        out, k = f"{base}_{k}", k + 1
    taken.add(out)
    return out


def ktab_to_case(scn: KtabScenario):
    """A jirga :class:`~jirga.case.schema.Case` with one issue per KTAB dimension.

    Capability must be 0–100 in a case, so power is rescaled to ``100 * power /
    max(power)`` (the model's answers do not depend on the scale); the original
    power is kept in each actor's ``parameters['ktab_power']`` and notes.
    Saliences become shares (0–1).
    """
    from jirga.case.schema import Case

    src_name = Path(scn.source).name if scn.source else "KTAB scenario"
    taken: set[str] = set()
    ids = [_make_id(a, taken, "A") for a in scn.actors]
    names = display_names(scn)
    top = float(scn.power.max()) if scn.power.size and scn.power.max() > 0 else 1.0
    actors = []
    for i, aid in enumerate(ids):
        note = f"KTAB actor {scn.actors[i]!r}; power {scn.power[i]:g}"
        if scn.descriptions[i]:
            note += f"; description: {scn.descriptions[i]}"
        actors.append({
            "id": aid,
            "name": names[i],
            "kind": "other", "role": "party",
            "capability": round(100.0 * float(scn.power[i]) / top, 10),
            "notes": note,
            "parameters": {"ktab_power": float(scn.power[i])},
            "sources": [SOURCE_ID],
        })
    itaken: set[str] = set()
    issues = []
    for k, dim in enumerate(scn.dims):
        issues.append({
            "id": _make_id(dim, itaken, "dim"),
            "question": dim,
            "scale": {"0": f"0 on {dim}", "100": f"100 on {dim}"},
            "positions": {
                ids[i]: {"position": float(scn.position[i, k]),
                         "salience": float(scn.salience[i, k]) / 100.0}
                for i in range(len(ids))
            },
            "sources": [SOURCE_ID],
        })
    case_id = _make_id(scn.name or Path(scn.source).stem or "ktab", set(), "ktab")
    data = {
        "id": case_id,
        "title": scn.name or src_name,
        "summary": scn.description or f"KTAB scenario read from {src_name}",
        "sources": [{"id": SOURCE_ID, "title": f"KTAB scenario file {src_name}",
                     "notes": f"read from {scn.source}" if scn.source else None}],
        "actors": actors,
        "issues": issues,
    }
    return Case.model_validate(data)


def case_to_ktab(case, issues: list[str] | None = None) -> KtabScenario:
    """A case's issues as the dimensions of one KTAB scenario.

    Uses each estimate's mode. Actors with no stance on any chosen issue are
    left out. Where an actor has no stance on an issue it gets salience 0 there
    and the capability-weighted mean position of the others (so it neither cares
    nor pulls). In a case each salience is a separate 0–1 judgement, while KTAB
    gives each actor a budget of 1 across the issues: when any actor's saliences
    add up to more than 1, every salience is divided by the largest total, so the
    most engaged actor's add up to 1 and comparisons between actors are kept.
    Each such step is listed in ``notes``. Power is the capability, or KTAB's original
    power when every actor carries ``parameters['ktab_power']``.
    """
    chosen = [case.issue(i) for i in issues] if issues else list(case.issues)
    if not chosen:
        raise InputError([Problem(case.id, None, "issues", "the case has no issues",
                                  "add at least one issue with positions")])
    in_any = [a for a in case.actors if any(a.id in iss.positions for iss in chosen)]
    notes: list[str] = []
    dropped = [a.id for a in case.actors if a not in in_any]
    if dropped:
        notes.append(f"left out (no stance on any issue): {', '.join(dropped)}")
    if len(in_any) < 2:
        raise InputError([Problem(case.id, None, "issues",
                                  "fewer than two actors have stances on these issues",
                                  "give at least two actors positions")])
    na, nd = len(in_any), len(chosen)
    cap = np.array([a.capability.mode for a in in_any])
    if all("ktab_power" in a.parameters for a in in_any):  # read from KTAB: keep its power
        cap = np.array([a.parameters["ktab_power"].mode for a in in_any])
    pos = np.zeros((na, nd))
    sal = np.zeros((na, nd))
    for k, iss in enumerate(chosen):
        have = np.array([a.id in iss.positions for a in in_any])
        for i, a in enumerate(in_any):
            if have[i]:
                pos[i, k] = iss.positions[a.id].position.mode
                sal[i, k] = iss.positions[a.id].salience.mode
        w = cap * have
        fill = float((w * pos[:, k]).sum() / w.sum()) if w.sum() > 0 else 50.0
        for i in np.flatnonzero(~have):
            pos[i, k] = fill
            notes.append(f"{in_any[i].id} has no stance on {iss.id}: salience 0, "
                         f"position {fill:.2f} (capability-weighted mean)")
    tot = sal.sum(axis=1)
    if tot.max() > 1.0 + 1e-12:
        top = int(tot.argmax())
        sal /= tot[top]
        notes.append(
            f"saliences add up to as much as {tot[top]:.3g} across the issues "
            f"({in_any[top].id}); all were divided by {tot[top]:.3g} so that the most engaged "
            "actor's attention adds up to 1 (KTAB's budget) and the others keep their proportions")
    return KtabScenario(
        name=case.id, description=case.title, actors=[a.id for a in in_any],
        descriptions=[a.name for a in in_any], power=cap, dims=[i.id for i in chosen],
        position=pos, salience=sal * 100.0, source=case.id, notes=notes,
    )


def _fmt(x: float) -> str:
    return f"{x:.10g}"


def _clean(text: str) -> str:
    return text.replace(",", ";").replace("\n", " ").strip()


def ktab_csv_text(scn: KtabScenario) -> str:
    """The scenario in KTAB's CSV format (text)."""
    out = io.StringIO()
    out.write(f"{_clean(scn.name)},{_clean(scn.description)},{scn.n_actors},{len(scn.dims)},\n")
    cols = ["Actor", "Description", "Power"]
    for d in scn.dims:
        cols += [_clean(d), f"{_clean(d)} Salience"]
    out.write(",".join(cols) + ",\n")
    for i, a in enumerate(scn.actors):
        vals = [_clean(a), _clean(scn.descriptions[i]), _fmt(float(scn.power[i]))]
        for k in range(len(scn.dims)):
            vals += [_fmt(float(scn.position[i, k])), _fmt(float(scn.salience[i, k]))]
        out.write(",".join(vals) + ",\n")
    return out.getvalue()


def write_ktab_csv(scn_or_case, path: str | Path) -> Path:
    """Write a scenario (or a case, via :func:`case_to_ktab`) as a KTAB CSV file."""
    scn = scn_or_case if isinstance(scn_or_case, KtabScenario) else case_to_ktab(scn_or_case)
    p = Path(path)
    tmp = p.with_name(p.name + ".tmp")
    tmp.write_text(ktab_csv_text(scn), encoding="utf-8")
    tmp.replace(p)
    return p


def load_ktab_case(path: str | Path):
    """Read a KTAB CSV straight into a jirga case."""
    return ktab_to_case(read_ktab_csv(path))
