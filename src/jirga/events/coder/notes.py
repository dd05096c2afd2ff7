"""Coding a one-sentence event note (ACLED's ``notes``): the rules first, then the learned
classifier where the rules find no event or are unsure.

A note reports one event. The rule coder's first event gives date, code and source; where
it finds none (no known trigger, or no named actor), the classifier of :mod:`.learned`
gives the CAMEO root and the source's agent type, and the source becomes the general code
of the note's country and that type (``PAKCOP``), or the type alone when no country is
named. The date is the note's first date either way.
"""

from __future__ import annotations

import datetime as dt

from jirga.events.agents import agent_of
from jirga.events.coder import learned as _learned
from jirga.events.coder.dates import find_dates
from jirga.events.coder.model import ExtractedEvent

# the code reported for a root the classifier predicts
ROOT_CODE = {"01": "010", "02": "020", "03": "030", "04": "040", "05": "050", "06": "060",
             "07": "070", "08": "080", "09": "090", "10": "100", "11": "110", "12": "120",
             "13": "130", "14": "140", "15": "150", "16": "160", "17": "170", "18": "180",
             "19": "190", "20": "200"}
CONFIDENT = 0.9


def code_note(ex, text: str, published: dt.date | None, learned: bool = True,
              home: str | None = None) -> tuple[ExtractedEvent | None, list[ExtractedEvent]]:
    """(the note's event, all rule events) for one note, with ``ex`` an Extractor."""
    events = ex.extract(text, published, include_undated=True)
    first = events[0] if events else None
    if not learned:
        return first, events
    m_root, m_src = _learned.model("root"), _learned.model("source")
    if m_root is None or m_src is None:
        return first, events
    root, p_root = m_root.predict(text)
    typ, p_src = m_src.predict(text)
    country = home or ex.last_home
    if first is None:
        dates = find_dates(text, None, published)
        src = f"{country}{typ}" if country else typ
        ev = ExtractedEvent(id="E001", date=dates[0].date if dates else None, source=src,
                            targets=[], cameo=ROOT_CODE.get(root, root + "0"), location=None,
                            sentence=text.strip(), trigger="(classifier)")
        return ev, events
    if p_root >= CONFIDENT and first.cameo[:2] != root:
        first.cameo = ROOT_CODE.get(root, root + "0")
    agent = agent_of(first.source)
    if p_src >= CONFIDENT and (agent is None or agent[1] != typ):
        first.source = f"{(agent[0] if agent and agent[0] else country) or ''}{typ}"
    return first, events
