"""The CAMEO event code book, shipped as package data.

CAMEO (Conflict and Mediation Event Observations; Gerner, Schrodt et al.) is the
coding scheme of GDELT, ICEWS and PETRARCH; jirga uses it for every event so
imported and hand-coded events share one vocabulary. Goldstein (1992) scores
place each code on a -10 (most conflictual) .. +10 (most cooperative) scale.
Origin of the files: ``data/SOURCES.md``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

QUAD_CLASSES = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}


def quad_class(code: str) -> int:
    """CAMEO quad class of a code (GDELT's convention): 1 verbal cooperation (01–05),
    2 material cooperation (06–08), 3 verbal conflict (09–13), 4 material conflict (14–20)."""
    r = int(code[:2])
    if r <= 5:
        return 1
    if r <= 8:
        return 2
    if r <= 13:
        return 3
    return 4


@dataclass(frozen=True)
class PloverEntry:
    """A CAMEO code's PLOVER equivalent (PLOVER draft 0.8, Schrodt 2021)."""

    event: str
    mode: str
    context: str


@dataclass(frozen=True)
class CameoCode:
    """One entry of the code book."""

    code: str
    name: str
    goldstein: float | None

    @property
    def root(self) -> str:
        """The two-digit root (e.g. ``19`` FIGHT for ``193``)."""
        return self.code[:2]

    @property
    def quad_class(self) -> int:
        """CAMEO quad class: 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material
        conflict (GDELT's split: roots 01–05, 06–08, 09–13, 14–20)."""
        return quad_class(self.code)

    @property
    def plover(self) -> PloverEntry | None:
        """The PLOVER event type, mode and context, or None when PLOVER drops the code."""
        return plover(self.code)


def _read_table(name: str) -> list[tuple[str, str]]:
    text = resources.files("jirga.vocab").joinpath("data", name).read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines()[1:]:
        if "\t" in line:
            a, b = line.split("\t", 1)
            rows.append((a.strip(), b.strip()))
    return rows


@cache
def cameo_codes() -> dict[str, CameoCode]:
    """All CAMEO codes by code string (``"0871"``, ``"19"``, ...)."""
    scores = {}
    for code, score in _read_table("CAMEO.goldsteinscale.txt"):
        try:
            scores[code] = float(score)
        except ValueError:
            continue
    return {
        code: CameoCode(code, name, scores.get(code))
        for code, name in _read_table("CAMEO.eventcodes.txt")
    }


def is_cameo_code(code: str) -> bool:
    """True if ``code`` is in the full CAMEO list."""
    return code in cameo_codes()


def goldstein(code: str) -> float | None:
    """Goldstein score of a code, falling back to its root when the code has none."""
    book = cameo_codes()
    entry = book.get(code)
    if entry and entry.goldstein is not None:
        return entry.goldstein
    root = book.get(code[:2])
    return root.goldstein if root else None


@cache
def plover_table() -> dict[str, PloverEntry]:
    """CAMEO code → PLOVER entry, from ``data/CAMEO2PLOVER-2021.txt``.

    Lines look like ``0871: RETREAT, ceasefire, military # Declare truce``; root lines
    (``08: RETREAT``) give the type of the whole root. Codes PLOVER leaves unmapped
    (empty right-hand side) are absent.
    """
    text = resources.files("jirga.vocab").joinpath("data", "CAMEO2PLOVER-2021.txt").read_text(
        encoding="utf-8"
    )
    table: dict[str, PloverEntry] = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line or ":" not in line:
            continue
        code, rest = line.split(":", 1)
        code = code.strip()
        if not code.isdigit():
            continue
        parts = [p.strip() for p in rest.split(",")]
        if not parts or not parts[0]:
            continue
        event = parts[0].upper()
        mode = parts[1] if len(parts) > 1 else ""
        context = ",".join(parts[2:]).strip() if len(parts) > 2 else ""
        table[code] = PloverEntry(event, mode, context)
    return table


def plover(code: str) -> PloverEntry | None:
    """PLOVER entry of a CAMEO code, falling back to its three- then two-digit parent."""
    table = plover_table()
    for key in (code, code[:3], code[:2]):
        if key in table:
            return table[key]
    return None


def cameo_name(code: str) -> str:
    """The code book's name of a code ('' if unknown)."""
    entry = cameo_codes().get(code)
    return entry.name if entry else ""
