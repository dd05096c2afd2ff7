"""The report's sections, listed once: module, title, display order, and the model whose
result the section renders (``None`` for sections that show the case itself).

A model-backed section whose model did not run shows "Not run: <why>" instead of
disappearing. Order here is display order; nothing depends on the order of building.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SectionSpec:
    id: str
    module: str
    title: str
    order: int
    model: str | None = None


SECTIONS: tuple[SectionSpec, ...] = (
    SectionSpec("actors", "jirga.report.sections.actors", "Actors and roles", 10),
    SectionSpec("network", "jirga.report.sections.network", "Relations between actors", 20),
    SectionSpec("positions", "jirga.report.sections.positions", "Issues and positions", 30),
    SectionSpec("bargaining", "jirga.report.sections.bargaining",
                "Bargaining forecast (expected-utility model)", 35, "bargaining"),
    SectionSpec("spatial", "jirga.report.sections.spatial",
                "Issues traded against each other (spatial model)", 40, "spatial"),
    SectionSpec("tension", "jirga.report.sections.tension", "Tension between the principals", 45,
                "tension"),
    SectionSpec("agreements", "jirga.report.sections.agreements", "Agreements and events", 50),
    SectionSpec("ceasefire", "jirga.report.sections.ceasefire",
                "Ceasefire: durability and the mediator", 60, "ceasefire"),
    SectionSpec("sources", "jirga.report.sections.sources", "Sources", 1000),
)
