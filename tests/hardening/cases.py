"""A minimal valid case as text, for mutation by the hardening tests and the fuzz suite."""

from __future__ import annotations

MINI = """id: mini
title: Mini case
summary: A small case.
analysis:
  principals: [GOV, REB]
  as_of: 2022-12-31
sources:
  - {id: s1, title: A report, published: 2022-05-01}
actors:
  - {id: GOV, name: Government, kind: state, role: party, capability: 60, sources: [s1]}
  - {id: REB, name: Rebels, kind: armed_group, role: party, capability: {low: 20, high: 40}}
  - {id: MED, name: Mediator, kind: de_facto_government, role: mediator, capability: 10}
issues:
  - id: land
    question: Who holds the land?
    scale: {0: rebels, 100: state}
    positions:
      GOV: {position: 90, salience: 0.8}
      REB: {position: {low: 5, mode: 10, high: 20}, salience: 0.9}
      MED: {position: 40, salience: 0.3}
agreements:
  - {id: cf1, kind: ceasefire, parties: [GOV, REB], mediators: [MED], start: 2022-05-09}
relations:
  - {source: MED, target: REB, kind: hosts}
"""


def mini(sources: str | None = None) -> str:
    """MINI with its sources list replaced by ``sources`` (YAML list items, indented 2)."""
    if sources is None:
        return MINI
    head, rest = MINI.split("sources:\n", 1)
    _, tail = rest.split("actors:\n", 1)
    return head + "sources:\n" + "  - {id: s1, title: A report}\n" + sources + "\nactors:\n" + tail
