"""Who did it to whom: the source and targets of each candidate event.

The source is the trigger's subject (left, in its clause; a coordinated verb shares the
previous verb's subject; "it"/"they" is the last subject), a possessor ("the TTP's
attacks"), the subject of a light verb ("carried out an attack") or the agent of a
passive ("by X"); targets are the object, "with/against/on/targeting X", or both parties
of "between A and B". A mediation phrase's source is the mediator.
"""

from __future__ import annotations

import re

from jirga.events.actors import ActorDictionary
from jirga.events.coder.candidates import LIGHT
from jirga.events.coder.model import Candidate, Mention, StoryState

# a mention after a preposition is not the subject ("talks with the TTP")
SKIP_PREP = re.compile(
    r"\b(?:with|against|to|from|between|on|for|towards?|about|over|into|at|among|like|"
    r"including|than)\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
# "A and B", "A and the paramilitary B": two actors coordinated
_AND = re.compile(r"\s*,?\s*and\s+(?:the\s+)?(?:(?-i:[a-z])[\w-]*\s+){0,2}?", re.IGNORECASE)
_COORD = re.compile(r"(?:\band|,)\s+(?:then\s+|also\s+|later\s+)?(?:\w+ly\s+)?$", re.IGNORECASE)
_PRONOUN_SUBJ = re.compile(r"\b(?:it|they|he|she|the\s+group|the\s+organi[sz]ation|"
                           r"the\s+(?:terrorist\s+)?organi[sz]ation|the\s+militants)\b",
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


def between_parties(s: str, mentions: list[Mention]) -> list[str] | None:
    """The two actors of "between A and B", if the sentence has them."""
    m = re.search(r"\bbetween\s+", s)
    if not m:
        return None
    after = [x for x in mentions if x.start >= m.end()]
    if len(after) >= 2 and re.fullmatch(_AND,
                                        s[after[0].end:after[1].start]):
        return [after[0].actor, after[1].actor]
    return None


_RELATIVE = re.compile(r",\s+(?:who|which)\s+$", re.IGNORECASE)
_GENITIVE = re.compile(r"['’]s?\s")
_LIST_SEP = re.compile(r"\s*,\s*(?:and\s+)?(?:the\s+)?")


def _coordinated(left: list[Mention], s: str) -> list[Mention]:
    """The run of coordinated mentions ending at the last one: "A, B and C"."""
    if not left:
        return []
    run = [left[-1]]
    for m in reversed(left[:-1]):
        gap = s[m.end:run[0].start]
        if _LIST_SEP.fullmatch(gap) or _AND.fullmatch(gap):
            run.insert(0, m)
        else:
            break
    # the run must end right before the verb phrase (at most a few words between)
    return run


def subject(c: Candidate, s: str, mentions: list[Mention], c_start: int,
            prior: list[Candidate], state: StoryState) -> Mention | None:
    """Who does what ``c`` says, reading left from the trigger, then back in the story."""
    # "X attacked Y and killed Z": a coordinated verb shares the first verb's subject
    if prior and c.kind in ("V", "S") and _COORD.search(s[max(0, c.start - 30):c.start]):
        p = prior[-1]
        if p.source and p.clause == c.clause and not p.passive:
            if p.kind == "S" and p.targets:
                # "A and B clashed, killing two civilians": who killed is not said
                return Mention(-1, -1, "?", "", "")
            return Mention(-1, -1, p.source, p.source_text, "")
    left = [m for m in mentions if m.end <= c.start and m.start >= c_start]
    for m in reversed(left):
        if not SKIP_PREP.search(s[max(0, m.start - 40):m.start]):
            return m
    # ", who …" / ", which …": the relative clause's subject is the phrase before it
    if _RELATIVE.search(s[max(0, c_start - 12):c_start]) and not left:
        before = [m for m in mentions if m.end <= c_start]
        run = _coordinated(before, s)
        if run and c_start - run[-1].end <= 3:
            if len(run) > 1 and c.kind in ("V", "M"):
                return Mention(-1, -1, ";".join(m.actor for m in run), run[0].text, "")
            return run[-1]
    # coordinated verb without its own subject: the subject of the previous event
    for p in reversed(prior):
        if p.source and p.kind in ("V", "S", "N") and not p.passive:
            return Mention(-1, -1, p.source, p.source_text, "")
    left = [m for m in mentions if m.end <= c.start]
    for m in reversed(left):
        if not SKIP_PREP.search(s[max(0, m.start - 40):m.start]):
            return m
    if _PRONOUN_SUBJ.search(s[c_start:c.start]) and state.last_subject:
        return Mention(-1, -1, state.last_subject, "", "")
    return None


def assign_roles(actors: ActorDictionary, c: Candidate, s: str, mentions: list[Mention],
                 between: list[str] | None, c_start: int, limit: int, state: StoryState,
                 prior: list[Candidate]) -> None:
    """Set ``c``'s source and targets from the mentions of its clause up to ``limit`` (the
    next trigger of the clause, whose object is not this one's)."""
    right = [m for m in mentions if c.start < m.start < limit and m.end > c.start]
    if c.kind == "M":
        if right:
            c.source, c.source_text = right[0].actor, right[0].text
            # "brokered by the United States and Saudi Arabia": both mediate
            if len(right) > 1 and re.fullmatch(_AND,
                                               s[right[0].end:right[1].start]) and \
                    right[1].actor != right[0].actor and not right[1].actor.startswith("&"):
                c.source = f"{right[0].actor};{right[1].actor}"
        return
    if c.kind == "A":
        word = c.text.split("-")[0]
        found = actors.finditer(word)
        aid = found[0].actor_id if found else actors.compose(word, "GOV")
        if aid and not aid.startswith("?"):
            c.source, c.source_text = aid, word
        c.kind = "M"
        return
    if c.kind == "P" or (c.kind in ("S", "N") and between and c.code[:2] in ("04", "05", "08",
                                                                               "19")):
        if between and (c.kind == "P" or re.search(r"between", s[c.start:limit]
                                                  ) or c.passive):
            c.source, c.targets = between[0], [between[1]]
            return
    if c.kind == "N":
        _nominal(actors, c, s, mentions, right, c_start, state, prior)
        return
    if c.code in ("045", "026", "028", "036", "039") and between:
        # "X mediated / called for / offered talks between A and B": X acts on both
        subj = subject(c, s, mentions, c_start, prior, state)
        if subj:
            c.source, c.source_text = subj.actor, subj.text
            c.targets = [t for t in between if t != subj.actor]
        return
    if c.passive:
        for m in right:
            if _BY.match(s[c.end:m.start]):
                c.source, c.source_text = m.actor, m.text
                break
        subj = subject(c, s, mentions, c_start, [], state)
        if subj and subj.actor != c.source and subj.start >= 0:
            c.targets, c.target_text = [subj.actor], subj.text
        return
    if c.kind == "S":
        left = [m for m in mentions if c_start <= m.start and m.end <= c.start]
        run = _coordinated(left, s)
        if len(run) >= 3:  # "the ministers of A, B and C held talks": all of them
            c.source, c.source_text = run[0].actor, run[0].text
            c.targets = [m.actor for m in run[1:] if m.actor != run[0].actor]
            c.target_text = ", ".join(m.text for m in run[1:])
            return
        # "A and B met": A meets B
        if len(left) >= 2 and re.fullmatch(_AND,
                                           s[left[-2].end:left[-1].start]) and \
                left[-2].actor != left[-1].actor:
            c.source, c.source_text = left[-2].actor, left[-2].text
            c.targets, c.target_text = [left[-1].actor], left[-1].text
            return
    subj = subject(c, s, mentions, c_start, prior, state)
    if subj:
        c.source, c.source_text = subj.actor, subj.text
    for i, m in enumerate(right):
        if m.actor != c.source and not _BY.match(s[c.end:m.start]):
            c.targets, c.target_text = [m.actor], m.text
            # "urged Pakistan and the TTP to …": both are addressed
            nxt = right[i + 1] if i + 1 < len(right) else None
            if nxt is not None and nxt.actor not in (c.source, m.actor) and \
                    re.fullmatch(_AND, s[m.end:nxt.start]):
                c.targets.append(nxt.actor)
            break


def _nominal(actors: ActorDictionary, c: Candidate, s: str, mentions: list[Mention],
             right: list[Mention], c_start: int, state: StoryState,
             prior: list[Candidate]) -> None:
    """Roles of an event noun: its agent, possessor or light verb's subject; then its target."""
    left = [m for m in mentions if m.end <= c.start]
    src = None
    # the trigger names its author: "a suicide bomber struck …"
    for m in mentions:
        if m.start == c.start and m.end >= c.end - 1:
            src = m
    # agent: "an attack by the TTP"
    for m in right[:2]:
        if _BY.match(s[c.end:m.start]) and len(s[c.end:m.start].split()) <= 4:
            src = m
            break
    if src is None and left and left[-1].start >= c_start and _POSSESSIVE.match(
            s[left[-1].end:c.start]) and (_GENITIVE.match(s, left[-1].end) or not SKIP_PREP.search(
            s[max(0, left[-1].start - 40):left[-1].start])):
        src = left[-1]  # "the TTP's attacks", "the TTP attack", "in response to the group's attack"
    before = s[max(0, c.start - 60):c.start]
    if src is None and (_PRONOUN_POSS.search(before[-30:]) or LIGHT.search(before)):
        src = subject(c, s, mentions, c_start, prior, state)
    if src is None:
        nat = re.search(r"\b(pakistani|afghan|american|chinese|indian|iranian|us|u\.s\.)\s+"
                        r"(?:[\w-]+\s+)?$", before, re.IGNORECASE)
        if nat:
            aid = actors.compose(nat.group(1), "MIL" if c.root >= "14" else "GOV")
            if aid:
                src = Mention(-1, -1, aid, nat.group(1), "")
    if src is None:
        return
    c.source, c.source_text = src.actor, src.text
    for m in right:
        if m.actor != c.source and (_TARGET_PREP.match(s[c.end:m.start])
                                    or c.text.lower().endswith(("with", "between", "to",
                                                                "of", "on", "against"))):
            c.targets, c.target_text = [m.actor], m.text
            break
