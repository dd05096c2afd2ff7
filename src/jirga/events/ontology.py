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
        """CAMEO quad class: 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict."""
        r = int(self.root)
        if r <= 5:
            return 1
        if r <= 8:
            return 2
        if r <= 16:
            return 3
        return 4


def _read_table(name: str) -> list[tuple[str, str]]:
    text = resources.files("jirga.events").joinpath("data", name).read_text(encoding="utf-8")
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
