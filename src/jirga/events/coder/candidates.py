"""Which verb-pattern triggers are acts: the grammatical gates before roles are assigned.

A trigger is dropped when it is negated or hedged ("did not attack", "may attack"), an
infinitive that is not an act yet ("to attack", "ordered … to carry out attacks") or
inside a date; a verb form used as a noun ("the fight against", "resumed attacks")
becomes an event noun, and an auxiliary before it ("was attacked") makes it passive.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from jirga.events.coder.dates import DateMention
from jirga.events.coder.model import Candidate
from jirga.events.coder.verbs import Entry

_AUX = re.compile(r"\b(?:was|were|is|are|been|being|be|get|got|gets)\s+(?:\w+ly\s+)?$",
                  re.IGNORECASE)
_NEG = re.compile(r"\b(?:not|never|no|n't|neither|nor|without|failed\s+to|refused\s+to)\s+"
                  r"(?:\w+\s+)?$", re.IGNORECASE)
_MODAL = re.compile(r"\b(?:may|might|could|would|should|can|cannot|must|will|shall|"
                    r"if|whether|likely\s+to|plans?\s+to|planning\s+to|wants?\s+to|"
                    r"expected\s+to|aims?\s+to|seeks?\s+to|tries\s+to|trying\s+to)\s+"
                    r"(?:\w+\s+)?(?:have\s+)?$", re.IGNORECASE)
_DETERMINER = re.compile(r"(?:\b(?:the|a|an|this|these|its|their|his|her|our|such|any|every|"
                         r"each)\s+(?:(?!(?:it|they|he|she|we|who|which)\b)[\w-]+\s+)?|"
                         r"(?:\w['’]s|s['’])\s+)$", re.IGNORECASE)
_PAST = re.compile(r"^\w+ed\b|^(?:met|held|fought|struck|broke|took|gave|made|shot|withdrew|"
                   r"began|spoke|flew|paid|laid|blew|overran|sent|had|led)\b", re.IGNORECASE)
_INF_LIGHT = re.compile(r"\bto\s+(?:carry\s+out|launch|conduct|stage|mount|make|hold|"
                        r"resume)\s+(?:(?:the|a|an|its|their|new|fresh|more)\s+)*"
                        r"(?:[\w-]+\s+)?$", re.IGNORECASE)
_ASPECT_LIGHT = re.compile(r"\b(?:started|began|begun|continued|decided|went\s+on|agreed|"
                           r"proceeded)\s+to\s+\w+", re.IGNORECASE)
_INFINITIVE = re.compile(r"\bto\s+$", re.IGNORECASE)
# "denied that it had agreed …", "rejected reports that …": the act is the denial
_DENIED = re.compile(r"\b(?:den(?:y|ies|ied|ying)|dismiss(?:ed|es)?\s+(?:reports|claims)|"
                     r"rejected\s+(?:reports|claims))\s+(?:that\s+)?(?:\w+\s+){0,5}$",
                     re.IGNORECASE)
_BLOCK = re.compile(f"(?:{_NEG.pattern})|(?:{_MODAL.pattern})|(?:{_DENIED.pattern})",
                    re.IGNORECASE)
_ASPECT = re.compile(r"\b(?:started|start|starts|began|begun|begin|begins|continued|"
                     r"continues|continue|decided|decides|resumed|went\s+on|agreed|moved|"
                     r"threatened|vowed|pledged|proceeded)\s+(?:on\s+\w+\s+|late\s+on\s+\w+\s+|"
                     r"(?:yesterday|today|again|also|formally|finally)\s+)?to\s+$", re.IGNORECASE)
LIGHT = re.compile(r"\b(?:carr(?:y|ies|ied|ying)\s+out|announc(?:e|ed|es|ing)|declar(?:e|ed|es)|"
                   r"order(?:ed|s)?|launch(?:ed|es|ing)?|conduct(?:ed|s|ing)?|"
                   r"stag(?:e|ed|es|ing)|mount(?:ed|s|ing)?|h[oe]ld(?:s|ing)?|hold|"
                   r"ma(?:de|ke|kes|king)|undert(?:ook|ake|akes|aken)|execut(?:ed|es|e)|"
                   r"claim(?:ed|s)?(?:\s+responsibility\s+for)?|perpetrat(?:ed|es|e)|"
                   r"accelerat(?:ed|es|e|ing)|intensif(?:y|ied|ies|ying)|step(?:ped)?\s+up|"
                   r"expand(?:ed|s|ing)?|renew(?:ed|s)?|resum(?:ed|e|es|ing)|began|begin|"
                   r"start(?:ed|s)?|gave|give|deliver(?:ed|s)?|pa(?:y|id|ys)|for)\s+"
                   r"(?:(?:the|a|an|its|their|his|her|new|fresh|\w+ly)\s+)*(?:[\w-]+\s+){0,2}$",
                   re.IGNORECASE)


def candidates(s: str, triggers: Iterable[tuple[re.Match, Entry]], dates: list[DateMention],
               clause_of: Callable[[int], int], sentence: int) -> list[Candidate]:
    """The triggers of sentence ``s`` that report an act, in order, as candidates."""
    date_spans = [(d.start, d.end) for d in dates]
    cands: list[Candidate] = []
    for m, e in triggers:
        if any(a <= m.start() < b for a, b in date_spans):
            continue
        before = s[max(0, m.start() - 40):m.start()]
        if _BLOCK.search(before):
            continue
        if e.kind in ("V", "S") and _INFINITIVE.search(before) and not _ASPECT.search(before):
            continue
        kind = e.kind
        if kind in ("V", "S") and not _PAST.match(m.group(0)) and (
                _DETERMINER.search(before) or LIGHT.search(before[-30:])):
            # "the fight against", "a low-level meeting", "resumed attacks": a noun
            kind = "N"
        # "was ready for a ceasefire" is an adjective after "was", not a passive
        passive = kind in ("V", "S") and e.code != "0356" and bool(_AUX.search(before)) and \
            not m.group(0).split()[0].lower().endswith("ing")  # "was talking" is active
        if kind == "N" and _INF_LIGHT.search(before) and not _ASPECT_LIGHT.search(before):
            continue  # "ordered its fighters to carry out attacks": not (yet) an act
        cands.append(Candidate(e.code, kind, m.start(), m.end(), m.group(0),
                               clause_of(m.start()), passive, sentence=sentence))
    return cands
