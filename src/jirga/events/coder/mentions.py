"""Who and where a sentence names: actor mentions, role nouns and place mentions.

An actor name inside a place name ("Kabul" in "the Kabul government" is an actor,
"in Kabul" a place) is a place; adjacent names of one actor are one mention; a bare role
noun ("soldiers", "civilians", "militants") stands for the article's home country's
forces or people, or the armed group last named, so that it can be a source or target.
"""

from __future__ import annotations

import re

from jirga.events.actors import ActorDictionary, ActorMatch
from jirga.events.coder import places
from jirga.events.coder.model import Mention, StoryState

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
    r"attackers|assailants|rebels|guerrillas|separatists|suicide\s+bombers?|the\s+(?:banned\s+|proscribed\s+|outlawed\s+)?"
    r"(?:outfit|militant\s+group|terrorist\s+group|insurgent\s+group|terror\s+group|"
    r"militant\s+organi[sz]ation|terrorist\s+organi[sz]ation)|the\s+group))(?![\w-])",
    re.IGNORECASE,
)
_IS_PLACE = re.compile(r"\s+(?:City|province|Province|district|District|region|Region|"
                       r"valley|Valley|state|State|airport|border)\b")
_ARRIVE = re.compile(r"\b(?:arriv\w*|land(?:s|ed|ing)?|flew|fl(?:y|ies|ying))\s+(?:in|at|into)\s+$",
                     re.IGNORECASE)  # "arrived in Israel": the host, a visit's target
_LOC_BEFORE = re.compile(r"\b(?:in|at|near|inside|outside|across|into|throughout)\s+$")
_SIDES = re.compile(r"\b(?:both\s+sides|the\s+two\s+sides|both\s+parties|the\s+two\s+parties|"
                    r"(?:the|[A-Z]\w+['’]s)\s+(?:warring|rival|two\s+warring)\s+(?:parties|sides|factions|"
                    r"generals)|parties\s+to\s+(?:the\s+|\w+['’]s\s+)(?:\w+\s+)?(?:conflict|war))\b",
                    re.IGNORECASE)
_POLICE = re.compile(r"police|policemen|law\s+enforcement|levies", re.IGNORECASE)
_REGION = re.compile(r"\bin\s+the\s+(?P<name>[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?)\s+"
                     r"(?P<kind>region|province|district|area|valley|agency|tehsil)\b")


def find_mentions(actors: ActorDictionary, s: str, state: StoryState,
                  found: list[ActorMatch] | None = None
                  ) -> tuple[list[Mention], list[tuple[int, int, str, str | None]]]:
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
    mentions: list[Mention] = []
    actor_spans = found if found is not None else actors.finditer(s)
    for a in actor_spans:
        if any(ls <= a.start < le for ls, le, _, _ in locs):
            continue
        if _IS_PLACE.match(s, a.end) or (
                actors.kind_of(a.actor_id) in ("state", "country")
                and _LOC_BEFORE.search(s[max(0, a.start - 12):a.start])
                and not _ARRIVE.search(s[max(0, a.start - 25):a.start])
                and a.text[:1].isupper()):
            continue  # "Mexico City", "in Pakistan": a place, not the state
        if mentions and mentions[-1].actor == a.actor_id and (
                a.start - mentions[-1].end) <= 3:
            mentions[-1].end = a.end  # "Pakistani Deputy Foreign Minister Hina Rabbani Khar"
            mentions[-1].text = s[mentions[-1].start:a.end]
            continue
        mentions.append(Mention(a.start, a.end, a.actor_id, a.text,
                                 actors.kind_of(a.actor_id) or ""))
    # bare role nouns: "civilians", "soldiers", "militants"
    for m in _BARE.finditer(s):
        if any(x.start <= m.start() < x.end or m.start() <= x.start < m.end()
               or 0 <= m.start() - x.end <= 4 or 0 <= x.start - m.end() <= 1
               for x in mentions):  # "TTP officials", "the paramilitary RSF"
            continue  # "TTP officials": the noun heads the actor before it
        prev = s[max(0, m.start() - 25):m.start()].lower()
        if re.search(r"(?:pakistani|afghan|chinese|american|indian|iranian)\s+$", prev):
            continue
        aid = None
        if m.group("arm"):
            # "the group": the armed group named last, in this sentence or before it
            here = [x for x in mentions if x.end <= m.start() and x.kind == "armed_group"]
            aid = here[-1].actor if here else state.last_armed
            if aid is None and state.home:  # militants no group is named for
                aid = actors.country_actor(state.home, "REB")
        else:
            role = "CVL" if m.group("cvl") else "GOV" if m.group("gov") else "MIL"
            if role == "MIL" and _POLICE.match(m.group(0)):
                role = "COP"  # police are not the army (cases without police map back)
            country = state.home
            if country:
                aid = actors.country_actor(country, role)
        if aid:
            mentions.append(Mention(m.start(), m.end(), aid, m.group(0),
                                     actors.kind_of(aid) or ""))
    # "both sides", "the warring parties": the story's two sides, as one joint mention
    sides = state.sides()
    if len(sides) >= 2:
        for m in _SIDES.finditer(s):
            # "Yemen's warring parties": the phrase, not the country, is the actor
            mentions[:] = [x for x in mentions if not m.start() <= x.start < m.end()]
            if not any(x.start <= m.start() < x.end for x in mentions):
                mentions.append(Mention(m.start(), m.end(), "&" + "&".join(sides), m.group(0),
                                        "joint"))
    mentions.sort(key=lambda x: x.start)
    return mentions, locs

def plain_mentions(actors: ActorDictionary, found: list[ActorMatch] | None, s: str
                   ) -> list[Mention]:
    """The actors named in ``s``, as they stand: no places, no role nouns (for sentences
    in which nothing happens, whose only use is to move the story's state on)."""
    found = found if found is not None else actors.finditer(s)
    return [Mention(a.start, a.end, a.actor_id, a.text, actors.kind_of(a.actor_id) or "")
            for a in found]
