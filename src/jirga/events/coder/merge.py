"""One act, one event: merging candidates of a sentence, and duplicates of an article.

Articles describe one act in several phrases ("attack … in which soldiers were
killed"; "visited Kabul and met …"); each would otherwise be an event of its own and
count twice in a timeline. Statements that only frame another act of the same actor
("announced that …") add nothing and are dropped.
"""

from __future__ import annotations

import re

from jirga.events.coder.model import VIOLENT_ROOTS, Candidate, ExtractedEvent

# a participle after a violent act ("…, killing four") gives that act's toll, not a new act
_RESULT = re.compile(r"(?:killing|wounding|injuring|leaving)\b", re.IGNORECASE)
# codes for acts about agreements: never merged into a neighbouring act of another code
_DISTINCT = {"196", "0871", "057", "045", "046", "127", "164"}


def merge_same_acts(cands: list[Candidate]) -> None:
    """Drop the candidates of one sentence that repeat another's act, filling its gaps."""
    live = [c for c in cands if not c.dropped]
    for i, a in enumerate(live):
        if a.dropped:
            continue
        for b in live[i + 1:]:
            if b.dropped:
                continue
            same_family = a.root == b.root or (a.root in VIOLENT_ROOTS
                                               and b.root in VIOLENT_ROOTS)
            if not same_family or a.kind == "M" or b.kind == "M":
                continue
            if (a.root in VIOLENT_ROOTS and b.kind == "V" and b.clause == a.clause
                    and _RESULT.match(b.text) and b.source in (None, a.source)):
                # "…attacked a police truck, killing four people": the toll of one act
                a.targets = a.targets or b.targets
                b.dropped = True
                continue
            if a.code != b.code and (a.code in _DISTINCT or b.code in _DISTINCT):
                continue
            if a.source and b.source and a.source != b.source:
                continue
            if a.targets and b.targets and set(a.targets) != set(b.targets):
                continue
            if a.date and b.date and a.date.text != b.date.text:
                continue
            # b describes the same act as a: fill a's gaps from b
            a.source = a.source or b.source
            a.source_text = a.source_text or b.source_text
            if not a.targets:
                a.targets, a.target_text = b.targets, b.target_text
            a.date = a.date or b.date
            a.date_text = a.date_text or b.date_text
            a.location = a.location or b.location
            a.loc_country = a.loc_country or b.loc_country
            a.footnotes += [n for n in b.footnotes if n not in a.footnotes]
            if b.root == a.root and (len(b.code) > len(a.code) or (
                    a.code.endswith("0") and not b.code.endswith("0"))):
                a.code = b.code  # the more specific code: 195 air strike over 190
            b.dropped = True
    # statements that frame another act of the same actor add nothing
    for c in live:
        if c.root == "01" and c.code not in ("015", "016") and any(
                o is not c and not o.dropped and o.source == c.source and o.root != "01"
                for o in live):
            c.dropped = True


def dedupe(events: list[ExtractedEvent]) -> list[ExtractedEvent]:
    """One event per (date, source, targets, CAMEO root), its footnotes pooled; ids renumbered."""
    seen: dict[tuple, ExtractedEvent] = {}
    out = []
    for e in events:
        key = (e.date.text if e.date else None, e.source, tuple(sorted(e.targets)), e.cameo[:2])
        if key in seen:
            first = seen[key]
            first.footnotes += [n for n in e.footnotes if n not in first.footnotes]
            first.references += [r for r in e.references if r not in first.references]
            continue
        seen[key] = e
        out.append(e)
    for i, e in enumerate(out, start=1):
        e.id = f"E{i:03d}"
    return out
