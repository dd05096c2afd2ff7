"""Evidence in: an article's text → coded events for review → accepted events in the case.

The coder (:func:`jirga.events.coder.extract_events`) proposes events; nothing enters
the case until the analyst accepts it. Each proposal is already in the case's event
shape, with the problems that would stop it being added (an actor the case does not
know, a missing date) listed beside it, so the page can offer an edit instead of a
failure. Accepting goes through an ``add_evidence`` edit, so the new source and events
are part of the scenario's history like any other edit.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from pydantic import BaseModel, Field, ValidationError

from jirga.case.schema import Case, Event
from jirga.web.problems import validation_items

MAX_ARTICLE_CHARS = 200_000


class ArticleIn(BaseModel):
    """An article to code: its text, and what is known of it."""

    text: str = Field(min_length=1, max_length=MAX_ARTICLE_CHARS)
    title: str | None = Field(None, max_length=500)
    published: dt.date | None = None
    source_id: str | None = Field(None, max_length=80, pattern=r"^[A-Za-z][A-Za-z0-9_.-]*$")


def slug(text: str) -> str:
    s = re.sub(r"[^A-Za-z0-9]+", "-", text.lower()).strip("-")[:40].strip("-")
    return ("src-" + s) if s else "src-article"


def propose(case: Case, article: ArticleIn) -> dict[str, Any]:
    """The coder's events as reviewable proposals (event, problems, the sentence it came from)."""
    from jirga.events.coder import extract_events

    source_id = article.source_id or slug(article.title or article.text[:60])
    taken = {e.id for e in case.events}
    found = extract_events(article.text, case, article.published)
    actors = {a.id for a in case.actors}
    proposals = []
    n = 0
    for ev in found:
        n += 1
        eid = f"{source_id}-{n}"
        while eid in taken:
            n += 1
            eid = f"{source_id}-{n}"
        taken.add(eid)
        data = {"id": eid, "date": ev.date.text if ev.date else "", "source": ev.source,
                "target": list(ev.targets), "cameo": ev.cameo,
                "description": (ev.sentence or ev.trigger)[:500].strip() or ev.trigger,
                "sources": [source_id]}
        if ev.location:
            data["location"] = ev.location
        problems = []
        try:
            Event.model_validate(data)
        except ValidationError as exc:
            problems = [p.model_dump() for p in validation_items(list(exc.errors(include_url=False)))]
        for who in [ev.source, *ev.targets]:
            if who not in actors:
                problems.append({"field": "source" if who == ev.source else "target",
                                 "message": f"'{who}' is not an actor of this case",
                                 "fix": "pick one of the case's actors", "line": None})
        proposals.append({"event": data, "name": ev.name, "trigger": ev.trigger,
                          "sentence": ev.sentence, "problems": problems})
    source = {"id": source_id, "title": article.title or article.text.strip().split("\n")[0][:200]
              or source_id}
    if article.published:
        source["published"] = article.published.isoformat()
    return {"source": source, "proposals": proposals}
