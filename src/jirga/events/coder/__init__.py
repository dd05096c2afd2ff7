"""Coding events from article text: dates, actors, CAMEO codes, places, footnotes.

``extract_events(text, case=None, published=None)`` returns
:class:`~jirga.events.coder.extract.ExtractedEvent` objects; ``score(events,
read_reference(path))`` compares them with a reference list.
"""

from jirga.events.coder.extract import ExtractedEvent, Extractor, extract_events
from jirga.events.coder.score import Score, read_reference, score

__all__ = ["ExtractedEvent", "Extractor", "Score", "extract_events", "read_reference", "score"]
