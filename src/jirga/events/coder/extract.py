"""Code events from an English article: who did what to whom, when and where.

Rule- and dictionary-based, one pass over the sentences:

1. the article is split into body and reference list; sentences; clauses (``;``,
   ", and then", ", while", ", but" …);
2. dates, actor mentions, places and verb-pattern triggers are found by compiled
   regular expressions (:mod:`.dates`, :mod:`jirga.events.actors`, :mod:`.places`,
   :mod:`.verbs`);
3. each trigger gets a source (its subject, a possessor "the TTP's attacks", the
   subject of a light verb "carried out an attack", or the agent of a passive "by X"),
   targets (object, "with/against/on/targeting X", "between A and B"), the nearest
   date in its clause, a place, and the footnote markers of its clause;
4. events of one sentence that describe the same act are merged ("attack … in which
   soldiers were killed"; "visited Kabul and met …"); statements that only frame
   another event ("announced that …") are dropped;
5. missing targets are inferred by three general rules: ending a ceasefire → the other
   party of the last ceasefire/agreement; counter-terrorism operations → the armed group
   last mentioned; an attack with no named target → the government of the country where
   it happened;
6. only events with a date, a source and a target are reported (a case event needs all
   three); undated ones are kept aside (``include_undated``).

Dates that are relative ("then", "three days later", "after the attack") are resolved
against the story's anchor (the last date mentioned) or the publication date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from jirga.case.dates import FuzzyDate
from jirga.events.actors import ActorDictionary, ActorMatch
from jirga.events.coder import places
from jirga.events.coder.dates import DateMention, find_dates, month, on_or_before
from jirga.events.coder.text import (
    FOOTNOTE,
    Article,
    clause_spans,
    detect_published,
    split_article,
    split_sentences,
)
from jirga.events.coder.verbs import find_triggers
from jirga.events.ontology import cameo_name

if TYPE_CHECKING:
    from jirga.case.schema import Case

ACTOR_COUNTRY = {"PAK_GOV": "PAK", "PAK_ARMY": "PAK", "PAK_CIVILIANS": "PAK", "TTP": "PAK",
                 "BLA": "PAK", "AFG": "AFG",
                 "AFG_TALIBAN": "AFG", "USA": "USA", "CHINA": "CHN", "IND": "IND", "IRN": "IRN",
                 "RUS": "RUS", "QAT": "QAT", "SAU": "SAU", "TUR": "TUR", "GBR": "GBR"}

VIOLENT_ROOTS = {"18", "19", "20"}
# reactions to another act: statements, appeals, praise, demands, criticism, rejection, threats
_REACTION_ROOTS = {"01", "02", "05", "10", "11", "12", "13"}
# codes for acts about agreements: never merged into a neighbouring act of another code
# between a verb and its object noun there is no conjunction, punctuation or other verb
_NOT_OBJECT = re.compile(r"\b(?:and|or|but|then)\b|[,;:]|\b\w+ed\b", re.IGNORECASE)
_RESULT = re.compile(r"(?:killing|wounding|injuring|leaving)\b", re.IGNORECASE)
_TWO_SIDES = re.compile(r"\b(?:the\s+two\s+sides|both\s+sides|the\s+parties|both\s+parties|"
                        r"the\s+two\s+parties)\b", re.IGNORECASE)
_DISTINCT = {"196", "0871", "057", "045", "046", "127", "164"}
_SKIP_PREP = re.compile(
    r"\b(?:with|against|to|from|between|on|for|towards?|about|over|into|at|among|like|"
    r"including|than)\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
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
_COORD = re.compile(r"(?:\band|,)\s+(?:then\s+|also\s+|later\s+)?(?:\w+ly\s+)?$", re.IGNORECASE)
_INFINITIVE = re.compile(r"\bto\s+$", re.IGNORECASE)
_BLOCK = re.compile(f"(?:{_NEG.pattern})|(?:{_MODAL.pattern})", re.IGNORECASE)
_ASPECT = re.compile(r"\b(?:started|start|starts|began|begun|begin|begins|continued|"
                     r"continues|continue|decided|decides|resumed|went\s+on|agreed|moved|"
                     r"threatened|vowed|pledged|proceeded)\s+to\s+$", re.IGNORECASE)
_LIGHT = re.compile(r"\b(?:carr(?:y|ies|ied|ying)\s+out|announc(?:e|ed|es|ing)|declar(?:e|ed|es)|"
                    r"order(?:ed|s)?|launch(?:ed|es|ing)?|conduct(?:ed|s|ing)?|"
                    r"stag(?:e|ed|es|ing)|mount(?:ed|s|ing)?|h[oe]ld(?:s|ing)?|hold|"
                    r"ma(?:de|ke|kes|king)|undert(?:ook|ake|akes|aken)|execut(?:ed|es|e)|"
                    r"claim(?:ed|s)?(?:\s+responsibility\s+for)?|perpetrat(?:ed|es|e)|"
                    r"accelerat(?:ed|es|e|ing)|intensif(?:y|ied|ies|ying)|step(?:ped)?\s+up|"
                    r"expand(?:ed|s|ing)?|renew(?:ed|s)?|resum(?:ed|e|es|ing)|began|begin|"
                    r"start(?:ed|s)?|gave|give|deliver(?:ed|s)?|pa(?:y|id|ys)|for)\s+"
                    r"(?:(?:the|a|an|its|their|his|her|new|fresh|\w+ly)\s+)*(?:[\w-]+\s+){0,2}$",
                    re.IGNORECASE)
_POSSESSIVE = re.compile(r"^(?:['’]s?)?\s*(?:(?!(?:by|with|and|in|on|to|of|the|a|an|\w+ed|"
                         r"\w+ing)\b)[\w-]+\s+){0,2}$", re.IGNORECASE)
_PRONOUN_POSS = re.compile(r"\b(?:its|their|his|her)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
_TARGET_PREP = re.compile(r"^\s*(?:[\w-]+\s+){0,3}?(?:on|against|targeting|targetting|at|with|"
                          r"upon|in\s+which|that\s+(?:killed|targeted|hit|wounded)|hit|hitting|"
                          r"struck|striking|killed|killing|wounded|wounding|injuring|injured)\s+"
                          r"(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,3}?$", re.IGNORECASE)
_BY = re.compile(r"^\s*(?:[\w-]+\s+){0,6}?by\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,3}?$",
                 re.IGNORECASE)
_AFTER = re.compile(r"\b(?:after|following|since)\s+(?:the\s+|a\s+|an\s+|this\s+|that\s+)?"
                    r"(?:[\w'’-]+\s+){0,4}$", re.IGNORECASE)
_AFTER_WORD = re.compile(r"\b(?:after|following)\b", re.IGNORECASE)
_ANAPHOR_START = re.compile(
    r"^(?:this|that|these|the|such\s+a)\s+(?:[\w-]+\s+)?(?:visit|meeting|talks|attack|"
    r"decision|move|statement|agreement|ceasefire|trip|announcement|operation|development|"
    r"step|incident|event)s?\b", re.IGNORECASE)
_COUNTER_TERROR = re.compile(r"counter-?terror|counter-?insurgen|anti-?terror|terrorists?|"
                             r"militants?|insurgents?|extremists?", re.IGNORECASE)
_PRONOUN_SUBJ = re.compile(r"\b(?:it|they|he|she|the\s+group|the\s+organi[sz]ation|"
                           r"the\s+(?:terrorist\s+)?organi[sz]ation|the\s+militants)\b",
                           re.IGNORECASE)
_BARE = re.compile(
    r"(?<![\w-])(?:(?P<cvl>civilians|villagers|residents|worshippers|passengers|students|"
    r"labourers|laborers|workers|people|children|schoolchildren|pupils|women|pilgrims|"
    r"shoppers|bystanders|passers-by|tourists|journalists|traders)|(?P<mil>soldiers|troops|security\s+forces|security\s+personnel|"
    r"policemen|(?:police|army|military|security|paramilitary)(?:\s+(?:officers|convoy|"
    r"checkpoint|checkpost|post|personnel|vehicle|base|camp|patrol|troops|forces|station|"
    r"headquarters|installation)|(?!\s+(?-i:[A-Z])))|law\s+enforcement\s+agencies|levies|checkpoints?|"
    r"check-?posts?|(?:police|security|border)\s+(?:posts?|stations?|officials)|special\s+forces|"
    r"commandos|security\s+officials)|"
    r"(?P<gov>(?:the|its|his|her|their)\s+(?:federal\s+|civilian\s+)?government|the\s+authorities|officials)|(?P<arm>militants|terrorists|insurgents|gunmen|"
    r"attackers|assailants|suicide\s+bombers?|the\s+(?:banned\s+|proscribed\s+|outlawed\s+)?"
    r"(?:outfit|militant\s+group|terrorist\s+group|insurgent\s+group|terror\s+group|"
    r"militant\s+organi[sz]ation|terrorist\s+organi[sz]ation)|the\s+group))(?![\w-])",
    re.IGNORECASE,
)
_REGION = re.compile(r"\bin\s+the\s+(?P<name>[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?)\s+"
                     r"(?P<kind>region|province|district|area|valley|agency|tehsil)\b")


@dataclass
class ExtractedEvent:
    """One event read from an article."""

    id: str
    date: FuzzyDate | None
    source: str
    targets: list[str]
    cameo: str
    location: str | None
    sentence: str
    trigger: str
    footnotes: list[int] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    source_text: str = ""
    target_text: str = ""
    date_text: str = ""

    @property
    def name(self) -> str:
        return cameo_name(self.cameo)

    @property
    def target(self) -> str:
        return ";".join(self.targets)

    def as_row(self) -> dict:
        return {
            "id": self.id, "date": self.date.text if self.date else "",
            "date_precision": self.date.precision if self.date else "",
            "source": self.source, "target": self.target, "cameo": self.cameo,
            "event": self.name, "location": self.location or "",
            "footnotes": ";".join(str(n) for n in self.footnotes),
            "references": " | ".join(self.references), "trigger": self.trigger,
            "sentence": self.sentence,
        }


@dataclass
class _Mention:
    start: int
    end: int
    actor: str
    text: str
    kind: str


@dataclass
class _Cand:
    code: str
    kind: str
    start: int
    end: int
    text: str
    clause: int
    passive: bool = False
    source: str | None = None
    targets: list[str] = field(default_factory=list)
    source_text: str = ""
    target_text: str = ""
    date: FuzzyDate | None = None
    date_text: str = ""
    location: str | None = None
    loc_country: str | None = None
    footnotes: list[int] = field(default_factory=list)
    dropped: bool = False
    sentence: int = 0

    @property
    def root(self) -> str:
        return self.code[:2]


class Extractor:
    """Reusable extractor: build once (per case), call :meth:`extract` per article."""

    def __init__(self, case: Case | None = None):
        self.actors = ActorDictionary.for_case(case)

    # ------------------------------------------------------------------ public
    def extract(self, text: str, published: dt.date | None = None,
                include_undated: bool = False) -> list[ExtractedEvent]:
        art = split_article(text)
        if published is None:
            published = _published_from(text)
        state = _State(published=published)
        sentences = []
        counts: Counter[str] = Counter()
        for para in art.paragraphs:
            for sent in split_sentences(para):
                blank = FOOTNOTE.sub(lambda m: " " * len(m.group(0)), sent)
                found = self.actors.finditer(blank)
                for a in found:
                    c = ACTOR_COUNTRY.get(a.actor_id or "")
                    if c:
                        counts[c] += 1
                for m in places.PLACE_RE.finditer(blank):
                    c = places.country(m.group("place"))
                    if c:
                        counts[c] += 1
                sentences.append((sent, blank, found))
        # the article's main country: bare "soldiers" or "civilians" belong to it
        state.home = counts.most_common(1)[0][0] if counts else None
        if art.title:  # the headline names the actors the first sentences refer back to
            self._update_state(state, self._plain(None, art.title), [], art.title)
        events: list[ExtractedEvent] = []
        for sent, blank, found in sentences:
            for cand in self._sentence(sent, state, blank, found):
                if cand.date is None and not include_undated:
                    continue
                events.append(self._finish(cand, sent, art, len(events) + 1))
        return _dedupe(events)

    def sentences(self, text: str) -> list[str]:
        art = split_article(text)
        return [s for p in art.paragraphs for s in split_sentences(p)]

    # ------------------------------------------------------------------ internals
    def _finish(self, c: _Cand, sent: str, art: Article, n: int) -> ExtractedEvent:
        refs = []
        for num in c.footnotes:
            ref = art.references.get(num)
            if ref:
                refs.append(ref.text)
        return ExtractedEvent(
            id=f"E{n:03d}", date=c.date, source=c.source or "", targets=list(c.targets),
            cameo=c.code, location=c.location, sentence=FOOTNOTE.sub("", sent).strip(),
            trigger=c.text, footnotes=list(c.footnotes), references=refs,
            source_text=c.source_text, target_text=c.target_text, date_text=c.date_text,
        )

    def _mentions(self, s: str, state: _State, found: list[ActorMatch] | None = None
                  ) -> tuple[list[_Mention], list[tuple[int, int, str, str | None]]]:
        """Actor mentions (not used as places) and place mentions (start, end, name, country)."""
        locs: list[tuple[int, int, str, str | None]] = []
        for m in places.PLACE_RE.finditer(s):
            name = m.group("place")
            before = s[max(0, m.start() - 30):m.start()]
            if places.LOC_PREP.search(before) or m.group("kind"):
                of = m.group("of")
                label = places.canonical(name)
                if m.group("kind"):
                    label = f"{label} {m.group('kind')}"
                    if of:
                        label += f" of {places.canonical(of)}"
                locs.append((m.start("place"), m.end(), label, places.country(of or name)))
        for m in _REGION.finditer(s):
            if not any(a <= m.start("name") < b for a, b, _, _ in locs):
                locs.append((m.start("name"), m.end(), f"{m.group('name')} {m.group('kind')}",
                             None))
        locs.sort()
        mentions: list[_Mention] = []
        actor_spans = found if found is not None else self.actors.finditer(s)
        for a in actor_spans:
            if any(ls <= a.start < le for ls, le, _, _ in locs):
                continue
            if mentions and mentions[-1].actor == a.actor_id and (
                    a.start - mentions[-1].end) <= 3:
                mentions[-1].end = a.end  # "Pakistani Deputy Foreign Minister Hina Rabbani Khar"
                mentions[-1].text = s[mentions[-1].start:a.end]
                continue
            mentions.append(_Mention(a.start, a.end, a.actor_id, a.text,
                                     self.actors.kind_of(a.actor_id) or ""))
        # bare role nouns: "civilians", "soldiers", "militants"
        for m in _BARE.finditer(s):
            if any(x.start <= m.start() < x.end or m.start() <= x.start < m.end()
                   or 0 <= m.start() - x.end <= 4 for x in mentions):
                continue  # "TTP officials": the noun heads the actor before it
            prev = s[max(0, m.start() - 25):m.start()].lower()
            if re.search(r"(?:pakistani|afghan|chinese|american|indian|iranian)\s+$", prev):
                continue
            aid = None
            if m.group("arm"):
                aid = state.last_armed
            else:
                role = "CVL" if m.group("cvl") else "GOV" if m.group("gov") else "MIL"
                country = state.home
                if country:
                    aid = self.actors.country_actor(country, role)
            if aid:
                mentions.append(_Mention(m.start(), m.end(), aid, m.group(0),
                                         self.actors.kind_of(aid) or ""))
        mentions.sort(key=lambda x: x.start)
        return mentions, locs

    def _plain(self, found: list[ActorMatch] | None, s: str) -> list[_Mention]:
        found = found if found is not None else self.actors.finditer(s)
        return [_Mention(a.start, a.end, a.actor_id, a.text, self.actors.kind_of(a.actor_id) or "")
                for a in found]

    def _sentence(self, raw: str, state: _State, blank: str | None = None,
                  found: list[ActorMatch] | None = None) -> list[_Cand]:
        # footnote markers: blank them out (same length), remember where they were
        state.sentence += 1
        markers = [(m.start(), int(m.group(1))) for m in FOOTNOTE.finditer(raw) if m.group(1)]
        s = blank if blank is not None else FOOTNOTE.sub(lambda m: " " * len(m.group(0)), raw)
        anchor_before = state.anchor
        dates = find_dates(s, state.anchor, state.published)
        triggers = list(find_triggers(s))
        if not triggers:  # nothing happens here; only the story's state moves on
            self._update_state(state, self._plain(found, s), dates, s)
            return []
        mentions, locs = self._mentions(s, state, found)
        clauses = clause_spans(s)

        def clause_of(pos: int) -> int:
            # a position between two clauses (a footnote before ", and then") is the earlier one's
            idx = 0
            for i, (a, _, _) in enumerate(clauses):
                if a <= pos:
                    idx = i
            return idx

        date_spans = [(d.start, d.end) for d in dates]
        cands: list[_Cand] = []
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
                    _DETERMINER.search(before) or _LIGHT.search(before[-30:])):
                # "the fight against", "a low-level meeting", "resumed attacks": a noun
                kind = "N"
            passive = kind in ("V", "S") and bool(_AUX.search(before)) and \
                not m.group(0).split()[0].lower().endswith("ing")  # "was talking" is active
            if kind == "N" and _INF_LIGHT.search(before) and not _ASPECT_LIGHT.search(before):
                continue  # "ordered its fighters to carry out attacks": not (yet) an act
            cands.append(_Cand(e.code, kind, m.start(), m.end(), m.group(0),
                               clause_of(m.start()), passive, sentence=state.sentence))
        if not cands:
            self._update_state(state, mentions, dates, s)
            return []

        between = self._between(s, mentions)
        for i, c in enumerate(cands):
            nxt = cands[i + 1].start if i + 1 < len(cands) else len(s)
            c_start, c_end, _ = clauses[c.clause]
            limit = min(nxt, c_end) if cands[i + 1:] and cands[i + 1].clause == c.clause else c_end
            self._roles(c, s, mentions, between, c_start, limit, state, cands[:i])
        # mediation phrases: the mediator acts on the parties of the sentence's other event
        for c in cands:
            if c.kind == "M":
                parties = between or next(
                    ([o.source, *o.targets] for o in cands
                     if o is not c and o.kind != "M" and o.source and o.targets), None)
                if parties:
                    c.targets = [p for p in dict.fromkeys(parties) if p and p != c.source]
        # dates, places, footnotes
        sentence_initial = dates[0] if dates and self._initial(s, dates[0], cands) else None
        anaphoric = bool(_ANAPHOR_START.match(s.strip()))
        for i, c in enumerate(cands):
            self._date(c, s, dates, clauses, sentence_initial, anaphoric, anchor_before, state)
            nxt = next((o.start for o in cands[i + 1:] if o.clause == c.clause), None)
            self._place(c, s, locs, clauses, nxt)
            c_start, c_end, _ = clauses[c.clause]
            for pos, num in markers:
                if clause_of(pos) == c.clause and num not in c.footnotes:
                    c.footnotes.append(num)
        self._merge(cands)
        self._infer(cands, s, state)
        out = []
        for c in cands:
            if c.dropped or not c.source or not c.targets:
                continue
            c.targets = [t for t in c.targets if t != c.source]
            if not c.targets or c.source.startswith("?") or any(t.startswith("?")
                                                                for t in c.targets):
                continue  # an actor the case does not have: not a case event
            if c.root == "19" and c.code == "190" and all(
                    self.actors.kind_of(t) == "civilians" for t in c.targets):
                c.code = "180"  # violence against civilians is unconventional violence
            out.append(c)
            state.recent.append(c)
            del state.recent[:-30]  # only recent acts can be referred back to
            if c.code in ("0871", "057") and c.targets:
                state.agreements.append((c.source, c.targets[0]))
            elif c.root == "04" and c.targets and c.code != "045":
                state.talks = (c.source, c.targets[0])
        self._update_state(state, mentions, dates, s)
        return out

    # ---- roles --------------------------------------------------------------
    def _between(self, s: str, mentions: list[_Mention]) -> list[str] | None:
        m = re.search(r"\bbetween\s+", s)
        if not m:
            return None
        after = [x for x in mentions if x.start >= m.end()]
        if len(after) >= 2 and re.fullmatch(r"\s*(?:,\s*)?and\s+(?:the\s+)?",
                                            s[after[0].end:after[1].start]):
            return [after[0].actor, after[1].actor]
        return None

    def _subject(self, c: _Cand, s: str, mentions: list[_Mention], c_start: int,
                 prior: list[_Cand], state: _State) -> _Mention | None:
        # "X attacked Y and killed Z": a coordinated verb shares the first verb's subject
        if prior and c.kind in ("V", "S") and _COORD.search(s[max(0, c.start - 30):c.start]):
            p = prior[-1]
            if p.source and p.clause == c.clause and not p.passive:
                if p.kind == "S" and p.targets:
                    # "A and B clashed, killing two civilians": who killed is not said
                    return _Mention(-1, -1, "?", "", "")
                return _Mention(-1, -1, p.source, p.source_text, "")
        left = [m for m in mentions if m.end <= c.start and m.start >= c_start]
        for m in reversed(left):
            if not _SKIP_PREP.search(s[max(0, m.start - 40):m.start]):
                return m
        # coordinated verb without its own subject: the subject of the previous event
        for p in reversed(prior):
            if p.source and p.kind in ("V", "S", "N") and not p.passive:
                return _Mention(-1, -1, p.source, p.source_text, "")
        left = [m for m in mentions if m.end <= c.start]
        for m in reversed(left):
            if not _SKIP_PREP.search(s[max(0, m.start - 40):m.start]):
                return m
        if _PRONOUN_SUBJ.search(s[c_start:c.start]) and state.last_subject:
            return _Mention(-1, -1, state.last_subject, "", "")
        return None

    def _roles(self, c: _Cand, s: str, mentions: list[_Mention], between: list[str] | None,
               c_start: int, limit: int, state: _State, prior: list[_Cand]) -> None:
        right = [m for m in mentions if c.start < m.start < limit and m.end > c.start]
        if c.kind == "M":
            if right:
                c.source, c.source_text = right[0].actor, right[0].text
            return
        if c.kind == "P" or (c.kind in ("S", "N") and between and c.code[:2] in ("04", "05", "08",
                                                                                   "19")):
            if between and (c.kind == "P" or re.search(r"between", s[c.start:limit]
                                                      ) or c.passive):
                c.source, c.targets = between[0], [between[1]]
                return
        if c.kind == "N":
            self._nominal(c, s, mentions, right, c_start, state, prior)
            return
        if c.code in ("045", "026", "028", "036", "039") and between:
            # "X mediated / called for / offered talks between A and B": X acts on both
            subj = self._subject(c, s, mentions, c_start, prior, state)
            if subj:
                c.source, c.source_text = subj.actor, subj.text
                c.targets = [t for t in between if t != subj.actor]
            return
        if c.passive:
            for m in right:
                if _BY.match(s[c.end:m.start]):
                    c.source, c.source_text = m.actor, m.text
                    break
            subj = self._subject(c, s, mentions, c_start, [], state)
            if subj and subj.actor != c.source and subj.start >= 0:
                c.targets, c.target_text = [subj.actor], subj.text
            return
        if c.kind == "S":
            # "A and B met": A meets B
            left = [m for m in mentions if c_start <= m.start and m.end <= c.start]
            if len(left) >= 2 and re.fullmatch(r"\s*,?\s*and\s+(?:the\s+)?",
                                               s[left[-2].end:left[-1].start]) and \
                    left[-2].actor != left[-1].actor:
                c.source, c.source_text = left[-2].actor, left[-2].text
                c.targets, c.target_text = [left[-1].actor], left[-1].text
                return
        subj = self._subject(c, s, mentions, c_start, prior, state)
        if subj:
            c.source, c.source_text = subj.actor, subj.text
        for m in right:
            if m.actor != c.source and not _BY.match(s[c.end:m.start]):
                c.targets, c.target_text = [m.actor], m.text
                break

    def _nominal(self, c: _Cand, s: str, mentions: list[_Mention], right: list[_Mention],
                 c_start: int, state: _State, prior: list[_Cand]) -> None:
        left = [m for m in mentions if m.end <= c.start]
        src = None
        # agent: "an attack by the TTP"
        for m in right[:2]:
            if _BY.match(s[c.end:m.start]) and len(s[c.end:m.start].split()) <= 4:
                src = m
                break
        if src is None and left and left[-1].start >= c_start and _POSSESSIVE.match(
                s[left[-1].end:c.start]) and not _SKIP_PREP.search(
                s[max(0, left[-1].start - 40):left[-1].start]):
            src = left[-1]  # "the TTP's attacks", "the TTP attack"
        before = s[max(0, c.start - 60):c.start]
        if src is None and (_PRONOUN_POSS.search(before[-30:]) or _LIGHT.search(before)):
            src = self._subject(c, s, mentions, c_start, prior, state)
        if src is None:
            nat = re.search(r"\b(pakistani|afghan|american|chinese|indian|iranian|us|u\.s\.)\s+"
                            r"(?:[\w-]+\s+)?$", before, re.IGNORECASE)
            if nat:
                aid = self.actors.compose(nat.group(1), "MIL" if c.root >= "14" else "GOV")
                if aid:
                    src = _Mention(-1, -1, aid, nat.group(1), "")
        if src is None:
            return
        c.source, c.source_text = src.actor, src.text
        for m in right:
            if m.actor != c.source and (_TARGET_PREP.match(s[c.end:m.start])
                                        or c.text.lower().endswith(("with", "between", "to",
                                                                    "of", "on", "against"))):
                c.targets, c.target_text = [m.actor], m.text
                break

    # ---- dates & places -----------------------------------------------------
    @staticmethod
    def _initial(s: str, d: DateMention, cands: list[_Cand]) -> bool:
        return d.start < 15 or (cands and d.end <= cands[0].start and s[d.end:d.end + 2].startswith(","))

    def _date(self, c: _Cand, s: str, dates: list[DateMention], clauses, sentence_initial,
              anaphoric: bool, anchor_before: FuzzyDate | None, state: _State) -> None:
        c_start, c_end, then = clauses[c.clause]
        inside = [d for d in dates if c_start <= d.start < c_end]
        if inside:
            best = min(inside, key=lambda d: min(abs(d.start - c.end), abs(c.start - d.end)))
            c.date, c.date_text = best.date, best.text
            # "X did Y on D, days after Z": Z happened on or before D
            after = _AFTER_WORD.search(s, best.end, c.start) if best.end <= c.start else None
            if after and best.date.precision in ("day", "month"):
                c.date, c.date_text = on_or_before(best.date), f"before {best.text}"
            return
        if sentence_initial is not None:
            c.date, c.date_text = sentence_initial.date, sentence_initial.text
            return
        earlier = [d for d in dates if d.end <= c_start and d.date.precision in ("day", "month")]
        base = earlier[-1].date if earlier else anchor_before
        if then and base is not None:
            # "…, and then X": X follows the last date read; coded at that date's month, the
            # precision a reader can vouch for ("on or after" the day would be as true)
            c.date, c.date_text = month(base.earliest.year, base.earliest.month), "then"
            return
        if anaphoric and base is not None and _AFTER.search(s[max(0, c.start - 60):c.start]):
            c.date, c.date_text = on_or_before(base), "before the event it preceded"
            return

    def _place(self, c: _Cand, s: str, locs, clauses, nxt: int | None = None) -> None:
        c_start, c_end, _ = clauses[c.clause]
        end = min(c_end, nxt) if nxt is not None and nxt > c.start else c_end
        inside = [loc for loc in locs if c_start <= loc[0] < end]
        if not inside:
            return
        after = [loc for loc in inside if loc[0] >= c.start]
        best = after[0] if after else inside[-1]
        c.location, c.loc_country = best[2], best[3]

    # ---- merging & inference ------------------------------------------------
    @staticmethod
    def _merge(cands: list[_Cand]) -> None:
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

    def _parties(self, cands: list[_Cand], s: str, state: _State) -> None:
        """Agreements and talks with no named parties: "a ceasefire was announced", "the two
        sides agreed …" → the parties of the last agreement or talks read."""
        for c in cands:
            if c.dropped or c.root not in ("03", "04", "05", "08", "16") or (
                    c.source and c.targets):
                continue
            if c.kind not in ("P", "S") and not _TWO_SIDES.search(s):
                continue
            if c.source and c.kind != "P":
                continue
            pair = state.agreements[-1] if state.agreements else state.talks
            if pair:
                c.source, c.targets = pair[0], [pair[1]]

    def _infer(self, cands: list[_Cand], s: str, state: _State) -> None:
        self._parties(cands, s, state)
        # "X condemned the (Pakistani) airstrikes": the noun names an earlier act, which is not
        # dated by this clause; X's target is that act's author
        for i, c in enumerate(cands):
            if c.dropped or c.kind not in ("V", "S") or c.root not in _REACTION_ROOTS:
                continue
            nxt = cands[i + 1] if i + 1 < len(cands) else None
            gap = s[c.end:nxt.start] if nxt is not None else ""
            if nxt is None or nxt.kind != "N" or nxt.clause != c.clause or \
                    len(gap.split()) > 4 or _NOT_OBJECT.search(gap):
                continue
            nxt.dropped = True
            author = nxt.source
            if author is None:
                earlier = [p for p in [*state.recent, *cands[:i]]
                           if p.root == nxt.root and p.source and not p.dropped]
                if earlier:
                    author = earlier[-1].source
            if not c.targets and author and author != c.source:
                c.targets = [author]
        for c in cands:
            if c.dropped or not c.source or c.targets:
                continue
            if c.code in ("196", "127", "164", "1246"):
                for a, b in reversed(state.agreements):
                    if c.source in (a, b):
                        c.targets = [b if c.source == a else a]
                        break
                if not c.targets and self.actors.kind_of(c.source) == "armed_group" and state.home:
                    gov = self.actors.country_actor(state.home, "GOV")  # the state it fights
                    if gov:
                        c.targets = [gov]
                if c.targets:
                    continue
            if c.root in VIOLENT_ROOTS:
                own = ACTOR_COUNTRY.get(c.source)
                state_side = self.actors.kind_of(c.source) in ("state", "security")
                # a state's forces at home, or counter-terrorism: the armed group last named
                if state.last_armed and state.last_armed != c.source and (
                        _COUNTER_TERROR.search(c.text)
                        or (state_side and c.loc_country is not None and c.loc_country == own)):
                    c.targets = [state.last_armed]
                    continue
                country = c.loc_country
                if country and country != own:
                    gov = self.actors.country_actor(country, "GOV")
                    if gov and gov != c.source:
                        c.targets = [gov]
                        continue
                if country and country == own and not state_side:
                    gov = self.actors.country_actor(country, "GOV")
                    if gov and gov != c.source:  # an armed group attacking at home hits its state
                        c.targets = [gov]
                        continue
                # a response to the last act of violence against this side: its author
                side = ACTOR_COUNTRY.get(c.source)
                if self.actors.kind_of(c.source) == "armed_group" and state.home and \
                        not c.loc_country:
                    gov = self.actors.country_actor(state.home, "GOV")  # the state it fights
                    if gov:
                        c.targets = [gov]
                        continue
                recent = [p for p in state.recent if p.sentence >= state.sentence - 1]
                for p in reversed([*recent, *[o for o in cands if o is not c]]):
                    if p.root in VIOLENT_ROOTS and p.source and p.source != c.source and (
                            c.source in p.targets
                            or (side and any(ACTOR_COUNTRY.get(t) == side for t in p.targets))):
                        c.targets = [p.source]
                        break

    def _update_state(self, state: _State, mentions: list[_Mention], dates: list[DateMention],
                      s: str) -> None:
        for d in dates:
            if d.date.precision in ("day", "month"):
                state.anchor = d.date
        for m in mentions:
            if m.kind == "armed_group":
                state.last_armed = m.actor
        subj = next((m for m in mentions if not _SKIP_PREP.search(s[max(0, m.start - 40):m.start])),
                    None)
        if subj:
            state.last_subject = subj.actor


@dataclass
class _State:
    published: dt.date | None = None
    anchor: FuzzyDate | None = None
    last_armed: str | None = None
    last_subject: str | None = None
    home: str | None = None
    agreements: list[tuple[str, str]] = field(default_factory=list)
    recent: list[_Cand] = field(default_factory=list)
    sentence: int = 0
    talks: tuple[str, str] | None = None


def _published_from(text: str) -> dt.date | None:
    """The publication date the article states near its top, if any."""
    raw = detect_published(text)
    if raw is None:
        return None
    found = find_dates(raw, None, None)
    if found and found[0].date.precision == "day":
        return found[0].date.earliest
    return None


def _dedupe(events: list[ExtractedEvent]) -> list[ExtractedEvent]:
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


def extract_events(text: str, case: Case | None = None, published: dt.date | None = None,
                   include_undated: bool = False) -> list[ExtractedEvent]:
    """Events reported in an article (see the module docstring for the rules)."""
    return Extractor(case).extract(text, published, include_undated)
