"""Code events from an English article: who did what to whom, when and where.

Rule- and dictionary-based, one pass over the sentences:

1. the article is split into body and reference list; sentences; clauses (``;``,
   ", and then", ", while", ", but" …) (:mod:`.text`);
2. dates, actor mentions, places and verb-pattern triggers are found by compiled
   regular expressions (:mod:`.dates`, :mod:`.mentions`, :mod:`.places`, :mod:`.verbs`),
   and triggers that are negated, hedged or not yet acts are dropped (:mod:`.candidates`);
3. each trigger gets a source (its subject, a possessor "the TTP's attacks", the
   subject of a light verb "carried out an attack", or the agent of a passive "by X"),
   targets (object, "with/against/on/targeting X", "between A and B"), the nearest
   date in its clause, a place, and the footnote markers of its clause;
4. events of one sentence that describe the same act are merged ("attack … in which
   soldiers were killed"; "visited Kabul and met …"); statements that only frame
   another event ("announced that …") are dropped (:mod:`.merge`);
5. missing targets are inferred by three general rules: ending a ceasefire → the other
   party of the last ceasefire/agreement; counter-terrorism operations → the armed group
   last mentioned; an attack with no named target → the government of the country where
   it happened (:mod:`.infer`);
6. only events with a date, a source and a target are reported (a case event needs all
   three); undated ones are kept aside (``include_undated``).

Dates that are relative ("then", "three days later", "after the attack") are resolved
against the story's anchor (the last date mentioned) or the publication date.

This module runs those steps per sentence and carries the story's state
(:class:`~.model.StoryState`) from one sentence to the next.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from typing import TYPE_CHECKING

from jirga.events.actors import ActorDictionary, ActorMatch
from jirga.events.agents import agent_of
from jirga.events.coder import places
from jirga.events.coder.candidates import candidates
from jirga.events.coder.dates import DateMention, day, find_dates
from jirga.events.coder.infer import infer_targets
from jirga.events.coder.mentions import find_mentions, plain_mentions
from jirga.events.coder.merge import dedupe, merge_same_acts
from jirga.events.coder.model import ACTOR_COUNTRY, Candidate, ExtractedEvent, Mention, StoryState
from jirga.events.coder.roles import SKIP_PREP, assign_roles, between_parties
from jirga.events.coder.text import (
    FOOTNOTE,
    Article,
    clause_spans,
    detect_published,
    split_article,
    split_documents,
    split_header,
    split_sentences,
)
from jirga.events.coder.tolls import tolls
from jirga.events.coder.verbs import find_triggers
from jirga.events.coder.when_where import assign_date, assign_place, is_sentence_initial
from jirga.vocab.dates import FuzzyDate

if TYPE_CHECKING:
    from jirga.case.schema import Case

__all__ = ["ExtractedEvent", "Extractor", "extract_events"]

# a sentence that opens by referring back to an act ("This visit came after …")
_ANAPHOR_START = re.compile(
    r"^(?:this|that|these|the|such\s+a)\s+(?:[\w-]+\s+)?(?:visit|meeting|talks|attack|"
    r"decision|move|statement|agreement|ceasefire|trip|announcement|operation|development|"
    r"step|incident|event)s?\b", re.IGNORECASE)


class Extractor:
    """Reusable extractor: build once (per case), call :meth:`extract` per article."""

    def __init__(self, case: Case | None = None):
        self.actors = ActorDictionary.for_case(case)
        self.principals: tuple[str, ...] = tuple(
            case.analysis.principals) if case is not None and case.analysis else ()
        #: where the last article's publication date came from (for the user to check)
        self.last_published_from = "none"
        self.last_published: dt.date | None = None
        #: the last text's main country (ISO3), from its actors and places
        self.last_home: str | None = None
        #: acts of the last text whose date could not be resolved, with the reason
        self.unresolved: list[str] = []
        #: date an undated act by the story's last date, else the publication date
        self.fallback_dates = True
        #: report only events with a target (a case event needs one); off for one-sided
        #: notes such as ACLED's ("protesters rallied in …")
        self.require_target = True

    # ------------------------------------------------------------------ public
    def extract(self, text: str, published: dt.date | None = None,
                include_undated: bool = False, progress=None) -> list[ExtractedEvent]:
        """Events of every article in ``text`` (a file may hold several: each header block or
        separator line starts one, with its own publication date). ``progress(n)`` is called
        with the number of sentences read so far."""
        self.unresolved: list[str] = []
        self._read = 0
        self._progress = progress
        docs = split_documents(text)
        events: list[ExtractedEvent] = []
        froms = []
        for doc in docs:
            for e in self._extract_one(doc, published, include_undated):
                e.id = f"E{len(events) + 1:03d}"
                events.append(e)
            froms.append(self.last_published_from)
        if len(set(froms)) > 1:
            self.last_published_from = "; ".join(froms)
        return events

    def _extract_one(self, text: str, published: dt.date | None,
                     include_undated: bool) -> list[ExtractedEvent]:
        art = split_article(text)
        if published is not None:
            self.last_published_from = "--published"
        else:
            published, self.last_published_from = published_from(text)
        self.last_published = published
        state = StoryState(published=published, principals=self.principals)
        sentences = []
        counts: Counter[str] = Counter()
        for para in art.paragraphs:
            for sent in split_sentences(para):
                blank = FOOTNOTE.sub(lambda m: " " * len(m.group(0)), sent)
                found = self.actors.finditer(blank)
                for a in found:
                    c = ACTOR_COUNTRY.get(a.actor_id or "") or (
                        agent_of(a.actor_id) or ("",))[0]
                    if c:
                        counts[c] += 1
                for m in places.PLACE_RE.finditer(blank):
                    c = places.country(m.group("place"))
                    if c:
                        counts[c] += 1
                sentences.append((sent, blank, found))
        # the article's main country: bare "soldiers" or "civilians" belong to it
        state.home = counts.most_common(1)[0][0] if counts else None
        self.last_home = state.home
        if art.title:  # the headline names the actors the first sentences refer back to
            _update_state(state, plain_mentions(self.actors, None, art.title), [], art.title)
        events: list[ExtractedEvent] = []
        for sent, blank, found in sentences:
            self._read += 1
            if self._progress is not None and self._read % 2000 == 0:
                self._progress(self._read)
            for cand in self._sentence(sent, state, blank, found):
                if cand.date is None:
                    why = ("no publication date to resolve it against" if published is None
                           else "its sentence and the story give no date for it")
                    self.unresolved.append(f"{cand.text!r} ({cand.source} → "
                                           f"{';'.join(cand.targets)}): {why}")
                    if not include_undated:
                        continue
                events.append(self._finish(cand, sent, art, len(events) + 1))
        return dedupe(events)

    def sentences(self, text: str) -> list[str]:
        art = split_article(text)
        return [s for p in art.paragraphs for s in split_sentences(p)]

    # ------------------------------------------------------------------ internals
    def _finish(self, c: Candidate, sent: str, art: Article, n: int) -> ExtractedEvent:
        refs = []
        for num in c.footnotes:
            ref = art.references.get(num)
            if ref:
                refs.append(ref.text)
        toll = tolls(sent) if c.root in ("18", "19", "20") else (None, None)
        return ExtractedEvent(
            id=f"E{n:03d}", date=c.date, source=c.source or "", targets=list(c.targets),
            cameo=c.code, location=c.location, sentence=FOOTNOTE.sub("", sent).strip(),
            trigger=c.text, footnotes=list(c.footnotes), references=refs,
            source_text=c.source_text, target_text=c.target_text, date_text=c.date_text,
            deaths=toll[0], injured=toll[1],
        )

    def _sentence(self, raw: str, state: StoryState, blank: str | None = None,
                  found: list[ActorMatch] | None = None) -> list[Candidate]:
        # footnote markers: blank them out (same length), remember where they were
        state.sentence += 1
        markers = [(m.start(), int(m.group(1))) for m in FOOTNOTE.finditer(raw) if m.group(1)]
        s = blank if blank is not None else FOOTNOTE.sub(lambda m: " " * len(m.group(0)), raw)
        anchor_before = state.anchor
        dates = find_dates(s, state.anchor, state.published)
        triggers = list(find_triggers(s))
        if not triggers:  # nothing happens here; only the story's state moves on
            _update_state(state, plain_mentions(self.actors, found, s), dates, s)
            return []
        mentions, locs = find_mentions(self.actors, s, state, found)
        clauses = clause_spans(s)

        def clause_of(pos: int) -> int:
            # a position between two clauses (a footnote before ", and then") is the earlier one's
            idx = 0
            for i, (a, _, _) in enumerate(clauses):
                if a <= pos:
                    idx = i
            return idx

        cands = candidates(s, triggers, dates, clause_of, state.sentence)
        if not cands:
            _update_state(state, mentions, dates, s)
            return []

        between = between_parties(s, mentions)
        for i, c in enumerate(cands):
            nxt = cands[i + 1].start if i + 1 < len(cands) else len(s)
            c_start, c_end, _ = clauses[c.clause]
            limit = min(nxt, c_end) if cands[i + 1:] and cands[i + 1].clause == c.clause else c_end
            assign_roles(self.actors, c, s, mentions, between, c_start, limit, state, cands[:i])
        # mediation phrases: the mediator acts on the parties of the sentence's other event
        for c in cands:
            if c.kind == "M" or (c.code == "045" and c.source and not c.targets):
                parties = between or next(
                    ([o.source, *o.targets] for o in cands
                     if o is not c and o.kind != "M" and o.source and o.targets), None)
                if not parties and len(state.sides()) >= 2:
                    parties = list(state.sides())
                if parties:
                    c.targets = [p for p in dict.fromkeys(parties) if p and p != c.source]
        cands.extend(_companions(cands, s))
        # dates, places, footnotes
        sentence_initial = dates[0] if dates and is_sentence_initial(s, dates[0], cands) else None
        anaphoric = bool(_ANAPHOR_START.match(s.strip()))
        for i, c in enumerate(cands):
            assign_date(c, s, dates, clauses, sentence_initial, anaphoric, anchor_before)
            nxt = next((o.start for o in cands[i + 1:] if o.clause == c.clause), None)
            assign_place(c, s, locs, clauses, nxt)
            c_start, c_end, _ = clauses[c.clause]
            for pos, num in markers:
                if clause_of(pos) == c.clause and num not in c.footnotes:
                    c.footnotes.append(num)
        merge_same_acts(cands)
        infer_targets(self.actors, cands, s, state)
        if self.fallback_dates:  # after merging: a merged act keeps its own date
            for c in cands:
                if c.date is None and not c.dropped:
                    _fallback_date(c, s, dates, anchor_before, state)
        out = []
        for c in cands:
            _expand_joint(c)
            if c.dropped or not c.source or (not c.targets and self.require_target):
                continue
            c.targets = [t for t in c.targets if t != c.source]
            if (not c.targets and self.require_target) or c.source.startswith("?") or any(
                    t.startswith("?") for t in c.targets):
                continue  # an actor the case does not have: not a case event
            if c.code == "183" and c.text.lower().startswith("bomb") and \
                    self.actors.kind_of(c.source) in ("security", "state"):
                c.code = "195"  # a state's forces bombing: from the air
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
        _update_state(state, mentions, dates, s)
        return out


_TALKS_WORD = re.compile(r"\b(?:talks|negotiations|dialogue|discussions)\b", re.IGNORECASE)
_CF_WORD = re.compile(r"\b(?:cease-?fire|truce|cessation\s+of\s+hostilities)\b", re.IGNORECASE)


def _companions(cands: list[Candidate], s: str) -> list[Candidate]:
    """Talks or a truce that a mediator brokered are also the parties' own act: "talks
    mediated by the AU" is the AU's mediation (045) and the parties' talks (046)."""
    out = []
    for c in cands:
        if c.code != "045" or c.dropped or not c.source or len(c.targets) < 2:
            continue
        parties = set(c.targets)
        code = "046" if _TALKS_WORD.search(s) else "0871" if _CF_WORD.search(s) else None
        if code is None or any(o is not c and o.root in ("04", "05", "08") and
                               {o.source, *o.targets} >= parties for o in cands):
            continue
        out.append(Candidate(code=code, kind="N", start=c.start, end=c.end, text=c.text,
                             clause=c.clause, source=c.targets[0], targets=c.targets[1:],
                             sentence=c.sentence))
    return out


def _expand_joint(c: Candidate) -> None:
    """A joint mention ("both sides" = "&A&B") as source: A acts with B (reciprocal); as
    target: both are targets."""
    if c.source and c.source.startswith("&"):
        parts = [p for p in c.source.split("&") if p]
        c.source = parts[0]
        c.targets = [*parts[1:], *[t for t in c.targets if t not in parts]]
    if any(t.startswith("&") for t in c.targets):
        out: list[str] = []
        for t in c.targets:
            out.extend(p for p in t.split("&") if p) if t.startswith("&") else out.append(t)
        c.targets = [t for t in dict.fromkeys(out) if t != c.source]


def _update_state(state: StoryState, mentions: list[Mention], dates: list[DateMention],
                  s: str) -> None:
    """Move the story on past sentence ``s``: its last day/month date is the new anchor, its
    last armed group and first subject are what later "the group" and "it" refer to."""
    for d in dates:
        if d.date.precision in ("day", "month") and not d.after_only:
            state.anchor = d.date
    for m in mentions:
        if m.kind == "armed_group":
            state.last_armed = m.actor
    subj = next((m for m in mentions if not SKIP_PREP.search(s[max(0, m.start - 40):m.start])),
                None)
    if subj:
        state.last_subject = subj.actor


_FUTURE = re.compile(r"\b(?:will|would|shall|could|may|might|plans?\s+to|intends?\s+to|"
                     r"expected\s+to|due\s+to|set\s+to|going\s+to|if|unless)\b", re.IGNORECASE)


_IRREGULAR_PAST = {"met", "held", "took", "began", "struck", "fought", "shot", "gave", "broke",
                   "sent", "went", "came", "made", "won", "lost", "left", "led", "withdrew",
                   "flew", "spoke", "blew", "overran", "stormed", "seized", "kept", "sought",
                   "brought", "drew", "threw", "told", "set", "hit", "cut", "put", "shut"}
_PERFECT = re.compile(r"\b(?:has|have|had)\s+(?:\w+ly\s+|also\s+|now\s+)?$", re.IGNORECASE)
_PROGRESSIVE = re.compile(r"\b(?:is|are|am|been)\s+\w+ing\b", re.IGNORECASE)


def _fallback_date(c: Candidate, s: str, dates: list[DateMention], anchor: FuzzyDate | None,
                   state: StoryState) -> None:
    """An act the sentence gives no date for happened when the story last said (its anchor),
    else on the publication date: news reports acts of the day unless it says otherwise.
    Future, conditional and hedged acts keep no date."""
    if _FUTURE.search(s[max(0, c.start - 50):c.start]) or c.kind not in ("V", "S", "P"):
        return  # a noun ("attacks", "reaching a ceasefire") may name no particular act
    if _PROGRESSIVE.search(s[max(0, c.start - 12):c.end]):
        return  # "is holding talks": ongoing, not an act of a day
    first = c.text.split()[0].lower()
    if not (first.endswith("ed") or first in _IRREGULAR_PAST or c.kind == "P"
            or _PERFECT.search(s[max(0, c.start - 25):c.start])):
        return  # only a past act ("attacked", "has agreed") happened on the story's day
    dates = [d for d in dates if not d.after_only]
    if dates:  # the sentence dates something else: the act's own date is not given
        d = dates[-1]
        if d.date.precision in ("day", "month", "range"):
            c.date, c.date_text = d.date, d.text
        return
    if anchor is not None and anchor.precision in ("day",):
        c.date, c.date_text = anchor, "story date"
    elif state.published is not None:
        c.date, c.date_text = day(state.published), "publication date"


def published_from(text: str) -> tuple[dt.date | None, str]:
    """The publication date and where it was found: a ``DATE:`` header line first, then a
    dateline or byline near the top ("Thursday, June 2, 2022", "Updated 21 July 2023");
    ``(None, "none")`` when there is neither. A header range ``a/b`` gives its last day:
    relative dates ("on Sunday") then resolve to the latest day they can mean."""
    header, body = split_header(text)
    raw = header.get("DATE", "")
    iso = re.match(r"\s*(\d{4}-\d{2}-\d{2})(?:\s*/\s*(\d{4}-\d{2}-\d{2}))?", raw)
    if iso:
        return dt.date.fromisoformat(iso.group(2) or iso.group(1)), "DATE: header"
    if raw:
        found = find_dates(raw, None, None)
        if found and found[0].date.precision == "day":
            return found[0].date.earliest, "DATE: header"
    line = detect_published(body)
    if line is not None:
        found = find_dates(line, None, None)
        if found and found[0].date.precision == "day":
            return found[0].date.earliest, "dateline"
    return None, "none"


def extract_events(text: str, case: Case | None = None, published: dt.date | None = None,
                   include_undated: bool = False) -> list[ExtractedEvent]:
    """Events reported in an article (see the module docstring for the rules)."""
    return Extractor(case).extract(text, published, include_undated)
