"""Targets an article leaves unnamed, inferred from the story so far.

A case event needs a source and a target, and reporting often names only one:
ending a ceasefire → the other party of the last agreement; counter-terrorism
operations → the armed group last mentioned; an attack with no named target → the
government of the country where it happened; agreements and talks with no named
parties → the parties of the last agreement or talks; a reaction to an earlier act
("condemned the airstrikes") → that act's author.
"""

from __future__ import annotations

import re

from jirga.events.actors import ActorDictionary
from jirga.events.agents import agent_of
from jirga.events.coder.candidates import LIGHT
from jirga.events.coder.model import ACTOR_COUNTRY, VIOLENT_ROOTS, Candidate, StoryState

# reactions to another act: statements, appeals, praise, demands, criticism, rejection, threats
_REACTION_ROOTS = {"01", "02", "05", "10", "11", "12", "13"}
# between a verb and its object noun there is no conjunction, punctuation or other verb
_NOT_OBJECT = re.compile(r"\b(?:and|or|but|then)\b|[,;:]|\b\w+ed\b", re.IGNORECASE)
_TWO_SIDES = re.compile(r"\b(?:the\s+two\s+sides|both\s+sides|the\s+parties|both\s+parties|"
                        r"the\s+two\s+parties)\b", re.IGNORECASE)
_COUNTER_TERROR = re.compile(r"counter-?terror|counter-?insurgen|anti-?terror|terrorists?|"
                             r"militants?|insurgents?|extremists?", re.IGNORECASE)


def _parties(cands: list[Candidate], s: str, state: StoryState) -> None:
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
        if not pair and len(state.sides()) >= 2:
            pair = state.sides()
        if pair:
            c.source, c.targets = pair[0], list(pair[1:])


def infer_targets(actors: ActorDictionary, cands: list[Candidate], s: str,
                  state: StoryState) -> None:
    """Fill the missing targets (and parties) of a sentence's candidates; see the module."""
    _parties(cands, s, state)
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
        if author is None or author == c.source:  # the reaction's own subject is no author
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
            if not c.targets and actors.kind_of(c.source) == "armed_group" and state.home:
                gov = actors.country_actor(state.home, "GOV")  # the state it fights
                if gov:
                    c.targets = [gov]
            if c.targets:
                continue
        if c.root in VIOLENT_ROOTS:
            own = ACTOR_COUNTRY.get(c.source)
            state_side = actors.kind_of(c.source) in ("state", "security")
            # a state's forces at home, or counter-terrorism: the armed group last named
            if state.last_armed and state.last_armed != c.source and (
                    _COUNTER_TERROR.search(c.text)
                    or (state_side and c.loc_country is not None and c.loc_country == own)):
                c.targets = [state.last_armed]
                continue
            country = c.loc_country
            if country and country != own:
                gov = actors.country_actor(country, "GOV")
                if gov and gov != c.source:
                    c.targets = [gov]
                    continue
            if country and country == own and not state_side:
                gov = actors.country_actor(country, "GOV")
                if gov and gov != c.source:  # an armed group attacking at home hits its state
                    c.targets = [gov]
                    continue
            # a response to the last act of violence against this side: its author
            side = ACTOR_COUNTRY.get(c.source)
            if actors.kind_of(c.source) == "armed_group" and state.home and \
                    not c.loc_country:
                gov = actors.country_actor(state.home, "GOV")  # the state it fights
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
    _own_state(actors, cands, state)
    sides_fight(cands, state)
    _accepted(cands, state)
    _visited(actors, cands)
    _opponent(cands, state, s)


def _own_state(actors: ActorDictionary, cands: list[Candidate], state: StoryState) -> None:
    """An armed group's act with no named target (a unilateral ceasefire, an attack) is
    aimed at the state it fights: the government of its own country, else of the article's
    home country."""
    for c in cands:
        if c.dropped or not c.source or c.targets:
            continue
        if actors.kind_of(c.source) != "armed_group" or not (
                c.root in VIOLENT_ROOTS or c.code in ("0871", "0356", "1246", "196", "0874")):
            continue
        agent = agent_of(c.source) or agent_of(actors.general_of(c.source))
        country = (agent[0] if agent else "") or ACTOR_COUNTRY.get(c.source) or state.home
        if country:
            gov = actors.country_actor(country, "GOV") or actors.country_actor(country, "MIL")
            if gov and gov != c.source:
                c.targets = [gov]


_FIGHTING = re.compile(r"^(?:clash|fighting|battle|hostilities|skirmish)",
                       re.IGNORECASE)


def sides_fight(cands: list[Candidate], state: StoryState) -> None:
    """Fighting with no actor named ("heavy clashes rocked the capital") is between the
    story's two sides. (A truce "violated" with no agent is left alone: who broke it is
    the point, and the story usually says it elsewhere.)"""
    sides = state.sides()
    if len(sides) < 2:
        return
    for c in cands:
        if c.dropped:
            continue
        # a call for a truce or for talks with no addressee is made to both sides
        if c.source and not c.targets and c.code in ("0256", "026", "107", "020"):
            c.targets = [t for t in sides if t != c.source]
            continue
        if c.source or c.root not in ("19",):
            continue
        if not _FIGHTING.match(c.text) or c.code == "196":
            continue
        c.source, c.targets = sides[0], list(sides[1:])


# roots of acts aimed at someone: yielding, demands, disapproval, rejection, threats,
# protest, reducing relations, coercion, violence
_AIMED = {"08", "10", "11", "12", "13", "16", "17", "18", "19", "20"}


def _visited(actors: ActorDictionary, cands: list[Candidate]) -> None:
    """A visit to a place ("visited Islamabad") is a visit to that country's government,
    unless the sentence gives the visitor another act there (talks, a meeting)."""
    for c in cands:
        if c.code != "042" or c.dropped or not c.source or c.targets or not c.loc_country:
            continue
        if any(o is not c and not o.dropped and o.source == c.source for o in cands):
            continue  # "travelled to Kabul for talks with X": the talks are the act
        gov = actors.country_actor(c.loc_country, "GOV")
        if gov and gov != c.source:
            c.targets = [gov]


def _accepted(cands: list[Candidate], state: StoryState) -> None:
    """Accepting an invitation or a mediator (038) answers the last invitation's author."""
    for c in cands:
        if c.code != "038" or c.dropped or not c.source or c.targets:
            continue
        for p in reversed([*state.recent, *cands]):
            if p is not c and p.code in ("026", "028", "036", "039", "045") and p.source \
                    and p.source != c.source:
                c.targets = [p.source]
                break


def _opponent(cands: list[Candidate], state: StoryState, s: str) -> None:
    """One side's act with no named target ("the Houthis rejected the proposal", "released
    14 detainees", "announced a unilateral ceasefire") is aimed at the other side."""
    sides = state.sides()
    if len(sides) < 2:
        return
    for c in cands:
        if c.dropped or not c.source or c.targets or c.source not in sides:
            continue
        if c.kind == "N" and not LIGHT.search(s[max(0, c.start - 30):c.start]):
            continue  # "Pakistan's fight against terrorism" names no act; "launched an attack" does
        # symmetric acts (talks, meetings, agreements) with one side named: with the other
        if c.root in _AIMED or c.code in ("0871", "0356") or (
                c.kind == "S" and c.root in ("03", "04", "05", "06")):
            c.targets = [t for t in sides if t != c.source]
