"""Actor names → actor ids, for importers and the text coder.

Two sources of names:

- a case's actors (``id``, ``name``, ``aliases``), when a case is given;
- a built-in dictionary of common state and organisation actors, whose ids are the
  ones the built-in ``pakistan-ttp-2022`` case uses (``PAK_GOV``, ``PAK_ARMY``,
  ``PAK_CIVILIANS``, ``TTP``, ``AFG_TALIBAN``, ``AFG``, ``USA``, ``CHINA``,
  ``AL_QAEDA``, ``TRIBAL_JIRGA``) plus a few more states and organisations.

Besides fixed names the dictionary composes *nationality + role*: "Pakistani
soldiers" → the state's security forces, "Pakistani Deputy Foreign Minister" →
its government, "Chinese workers" → its civilians. Names are matched on word
boundaries and the longest match wins, so "Tehrik-i-Taliban Pakistan" and
"Pakistani Taliban" are the TTP, never the Afghan Taliban.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from jirga.events import agents as _agents
from jirga.events._fastre import DispatchMatcher

if TYPE_CHECKING:
    from jirga.case.schema import Case


@dataclass(frozen=True)
class BuiltinActor:
    id: str
    name: str
    kind: str  # state | security | civilians | armed_group | organisation | country
    aliases: tuple[str, ...] = ()


# Spellings of the Pakistani Taliban's name vary a lot in English reporting.
_TTP_NAMES = tuple(
    f"{a}{sep}{b}{sep2}Taliban{sep3}Pakistan"
    for a in ("Tehrik", "Tehreek", "Tahrik", "Tahreek")
    for sep, b in (("-", "i"), ("-", "e"), (" ", "i"), (" ", "e"), ("-e-", ""), ("-i-", ""))
    for sep2 in ("-", " ")
    for sep3 in (" ", "-")
    if not (b == "" and sep2 != "")
)

BUILTIN_ACTORS: tuple[BuiltinActor, ...] = (
    BuiltinActor("PAK_GOV", "Government of Pakistan", "state", (
        "Pakistan", "Pakistani Government", "Pakistani government", "Government of Pakistan",
        "Pakistan government", "Pakistan's government", "Islamabad", "Islamabad administration",
        "Pakistani state", "Pakistani authorities", "Pakistani officials", "Pakistani leaders",
        "Federal Government", "Shehbaz Sharif", "Shahbaz Sharif", "Imran Khan",
        "Bilawal Bhutto Zardari", "Bilawel Bhutto Zardari", "Bilawal Bhutto", "Hina Rabbani Khar",
        "Rana Sanaullah", "Khawaja Asif", "Ishaq Dar", "Arif Alvi", "Asif Ali Zardari",
        "Foreign Office of Pakistan", "Pakistan's Foreign Office", "National Security Committee",
        "Khyber Pakhtunkhwa government", "KP government",
    )),
    BuiltinActor("PAK_ARMY", "Pakistan Army", "security", (
        "Pakistan Army", "Pakistani Army", "Pakistani military", "Pakistan military",
        "Pakistan's military", "Pakistan's army", "Military Forces of Pakistan",
        "Police Forces of Pakistan", "Pakistani security forces", "Pakistani forces",
        "Pakistani troops", "Pakistani soldiers", "Inter-Services Intelligence", "ISI", "ISPR",
        "Inter-Services Public Relations", "Frontier Corps", "Rawalpindi", "GHQ",
        "Qamar Javed Bajwa", "Asim Munir", "Faiz Hameed",
        "Counter Terrorism Department", "CTD",
    )),
    BuiltinActor("PAK_CIVILIANS", "Civilians in Pakistan", "civilians", (
        "Civilians (Pakistan)", "Pakistani civilians", "civilians in Pakistan",
    )),
    BuiltinActor("TTP", "Tehrik-i-Taliban Pakistan", "armed_group", (
        "TTP", "Pakistani Taliban", "Pakistan Taliban", "Pakistan's Taliban",
        "Taliban of Pakistan", *_TTP_NAMES, "Noor Wali Mehsud", "Mufti Noor Wali",
        "Baitullah Mehsud", "Hakimullah Mehsud", "Mullah Fazlullah", "Maulana Fazlullah",
    )),
    BuiltinActor("AFG_TALIBAN", "Taliban (Islamic Emirate of Afghanistan)", "organisation", (
        "Taliban", "Afghan Taliban", "Islamic Emirate of Afghanistan", "Islamic Emirate",
        "Taliban government", "Taliban regime", "Taliban administration", "Taliban authorities",
        "interim Afghan government", "Afghan interim government", "Kabul administration",
        "Amir Khan Muttaqi", "Amir Khan Muttaki", "Amir Khan Mottaki", "Zabihullah Mujahid",
        "Hibatullah Akhundzada", "Sirajuddin Haqqani", "Haqqani network", "Mullah Baradar",
        "Abdul Ghani Baradar",
    )),
    BuiltinActor("AFG", "Afghanistan", "country", ("Afghanistan", "Afghan government")),
    BuiltinActor("USA", "United States", "state", (
        "United States", "United States of America", "Government of United States of America",
        "USA", "U.S.", "US", "Washington",
        "American government", "US government", "U.S. government", "Pentagon",
        "State Department", "Joe Biden", "Antony Blinken", "White House",
    )),
    BuiltinActor("CHINA", "China", "state", (
        "China", "Beijing", "People's Republic of China", "Chinese government", "Xi Jinping",
        "Wang Yi",
    )),
    BuiltinActor("AL_QAEDA", "Al Qaeda", "armed_group", (
        "Al Qaeda", "Al-Qaeda", "al-Qaeda", "Al Qaida", "Al-Qaida", "AQIS",
        "al-Qaeda in the Indian Subcontinent",
    )),
    BuiltinActor("TRIBAL_JIRGA", "Tribal elders' jirga", "organisation", (
        "jirga", "tribal jirga", "tribal elders", "grand jirga", "jirga of tribal elders",
        "elders' jirga",
    )),
    BuiltinActor("ISKP", "Islamic State Khorasan Province", "armed_group", (
        "ISKP", "IS-K", "ISIS-K", "Islamic State Khorasan", "Islamic State-Khorasan",
        "Islamic State Khorasan Province", "Islamic State (Pakistan)", "Daesh",
        "Islamic State", "ISIS",
    )),
    BuiltinActor("BLA", "Baloch Liberation Army", "armed_group", (
        "BLA", "Baloch Liberation Army", "Balochistan Liberation Army", "BLF",
        "Baloch Liberation Front",
    )),
    BuiltinActor("IND", "India", "state", ("India", "New Delhi", "Indian government")),
    BuiltinActor("IRN", "Iran", "state", ("Iran", "Tehran", "Iranian government")),
    BuiltinActor("RUS", "Russia", "state", ("Russia", "Moscow", "Kremlin", "Russian government")),
    BuiltinActor("QAT", "Qatar", "state", ("Qatar", "Doha", "Qatari government")),
    BuiltinActor("SAU", "Saudi Arabia", "state", ("Saudi Arabia", "Riyadh", "Saudi government")),
    BuiltinActor("TUR", "Turkey", "state", ("Turkey", "Türkiye", "Ankara", "Turkish government")),
    BuiltinActor("GBR", "United Kingdom", "state", (
        "United Kingdom", "Britain", "UK", "London", "British government",
    )),
    BuiltinActor("UN", "United Nations", "organisation", (
        "United Nations", "UN", "U.N.", "UN Security Council", "Security Council", "UNAMA",
        "UN Secretary-General", "Antonio Guterres",
    )),
    BuiltinActor("EU", "European Union", "organisation", ("European Union", "EU", "Brussels")),
    BuiltinActor("NATO", "NATO", "organisation", ("NATO", "North Atlantic Treaty Organization")),
)

# nationality adjectives / country names → country key
NATIONALITIES: dict[str, str] = {
    "pakistani": "PAK", "pakistan": "PAK", "pakistan's": "PAK",
    "afghan": "AFG", "afghanistan": "AFG", "afghanistan's": "AFG",
    "american": "USA", "us": "USA", "u.s.": "USA", "united states": "USA",
    "chinese": "CHN", "china": "CHN", "china's": "CHN",
    "indian": "IND", "india": "IND", "iranian": "IRN", "iran": "IRN",
    "russian": "RUS", "russia": "RUS", "qatari": "QAT", "qatar": "QAT",
    "saudi": "SAU", "turkish": "TUR", "british": "GBR",
}

# (country key, role) → actor id; role is GOV, MIL or CVL
COMPOSED: dict[tuple[str, str], str] = {
    ("PAK", "GOV"): "PAK_GOV", ("PAK", "MIL"): "PAK_ARMY", ("PAK", "CVL"): "PAK_CIVILIANS",
    ("AFG", "GOV"): "AFG", ("AFG", "MIL"): "AFG", ("AFG", "CVL"): "AFG",
    ("USA", "GOV"): "USA", ("USA", "MIL"): "USA",
    ("CHN", "GOV"): "CHINA", ("CHN", "MIL"): "CHINA", ("CHN", "CVL"): "CHINA",
    ("IND", "GOV"): "IND", ("IND", "MIL"): "IND", ("IRN", "GOV"): "IRN", ("IRN", "MIL"): "IRN",
    ("RUS", "GOV"): "RUS", ("RUS", "MIL"): "RUS", ("QAT", "GOV"): "QAT",
    ("SAU", "GOV"): "SAU", ("TUR", "GOV"): "TUR", ("GBR", "GOV"): "GBR",
}

ROLE_NOUNS: dict[str, str] = {}
for _w in ("government", "officials", "official", "representatives", "representative",
           "delegation", "delegates", "minister", "ministers", "prime minister", "president",
           "foreign minister", "interior minister", "defence minister", "defense minister",
           "information minister", "finance minister", "foreign office", "foreign ministry",
           "ministry", "authorities", "administration", "diplomats", "diplomat", "envoy",
           "ambassador", "spokesman", "spokesperson", "leaders", "leader", "cabinet",
           "negotiators", "negotiating team", "team", "parliament", "lawmakers", "senate",
           "state", "embassy", "consulate", "premier", "clerics", "cleric", "ulema",
           "charge d'affaires", "chargé d'affaires", "consul", "consul general", "high commissioner",
           "counterpart", "counterparts", "negotiator"):
    ROLE_NOUNS[_w] = "GOV"
for _w in ("army", "military", "soldiers", "soldier", "troops", "forces", "security forces",
           "armed forces", "police", "policemen", "police officers", "officers", "personnel",
           "paramilitary", "paramilitaries", "rangers", "frontier corps", "army chief",
           "security personnel", "border guards", "guards", "jets", "air force", "navy",
           "intelligence", "commandos", "special forces", "checkpoint", "convoy", "posts",
           "border posts", "checkpoints", "checkposts", "positions", "outposts"):
    ROLE_NOUNS[_w] = "MIL"
for _w in ("police", "policemen", "police officers", "policeman", "police force",
           "police forces", "counter-terrorism police", "counter terrorism department"):
    ROLE_NOUNS[_w] = "COP"
for _w in ("rebels", "rebel", "militants", "insurgents", "guerrillas", "gunmen", "fighters",
           "militias", "militia", "jihadists", "armed groups", "armed group"):
    ROLE_NOUNS[_w] = "REB"
for _name, _iso in _agents.countries().items():
    if _name not in _agents.capitals():
        NATIONALITIES.setdefault(_name, _iso)
for _w in ("civilians", "people", "citizens", "villagers", "residents", "workers", "engineers",
           "nationals", "students", "worshippers", "children", "women", "journalists",
           "traders", "pilgrims", "tourists", "passengers", "labourers", "laborers"):
    ROLE_NOUNS[_w] = "CVL"

TITLE_WORDS = ("deputy", "acting", "interim", "former", "chief", "senior", "junior", "state",
               "caretaker", "top", "federal", "provincial", "special", "minister of state for")


_CASE_KINDS = {"state": "state", "state_security_force": "security", "armed_group": "armed_group",
               "terrorist_network": "armed_group", "civilians": "civilians",
               "de_facto_government": "organisation", "international_actor": "state",
               "international_organisation": "organisation", "civil_society": "organisation"}


def _norm(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'")
    text = re.sub(r"\s+", " ", text.strip().lower())
    return text


@dataclass
class ActorMatch:
    start: int
    end: int
    text: str
    actor_id: str | None
    kind: str  # the builtin kind or "case"; "composed" for nationality+role


class ActorDictionary:
    """Names and aliases → actor ids, with a fast compiled matcher for running text.

    ``ActorDictionary.builtin()`` is the built-in dictionary; ``for_case(case)`` uses
    the case's actors and keeps built-in entries whose id the case also uses.
    """

    def __init__(self, names: dict[str, tuple[str, str]], allowed: set[str] | None = None,
                 general: dict[str, str] | None = None):
        # names: alias (original spelling) -> (actor id, kind)
        self.names = names
        self.allowed = allowed
        self.general: dict[str, str] = general or {}
        self.kinds: dict[str, str] = {}
        for aid, kind in names.values():
            if kind != "case" or aid not in self.kinds:
                self.kinds[aid] = kind
        self._exact = {_norm(k): v for k, v in names.items()}
        acronyms = {k for k in names if _is_acronym(k)}
        self._acr = {k: names[k] for k in acronyms}
        ordered = sorted(names, key=len, reverse=True)
        self._re = DispatchMatcher(
            [_alias_re(a) if a in acronyms else "(?i:" + _alias_re(a) + ")" for a in ordered]
        )
        nat = sorted(NATIONALITIES, key=len, reverse=True)
        roles = sorted(ROLE_NOUNS, key=len, reverse=True)
        titles = "|".join(re.escape(t) for t in TITLE_WORDS)
        firsts = "".join(sorted({n[0].lower() for n in nat} | {n[0].upper() for n in nat}))
        nat_alt = _trie_regex([n.lower() for n in nat])  # a trie: 400 names, one pass
        # "Pakistani soldiers", "Pakistan's Deputy Foreign Minister", and two nationalities
        # sharing one noun: "Pakistani and Afghan border forces"
        self._composed = re.compile(
            r"(?<![\w-])(?=[" + re.escape(firsts) + r"])(?P<nat>" + nat_alt
            + r")(?:(?:'s|’s)?\s+and\s+(?P<nat2>" + nat_alt + r"))?(?:'s|’s)?\s+"
            r"(?:(?:" + titles + r"|border|frontier|security)\s+){0,3}(?P<role>"
            + "|".join(re.escape(r) for r in roles) + r")(?![\w-])",
            re.IGNORECASE,
        )
        self._role_gate = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(r) for r in roles)
                                     + r")(?![\w-])", re.IGNORECASE)
        self._of_country = re.compile(
            r"^(?:(?P<mil>military|police|security) forces|(?P<gov>government)|"
            r"(?P<cvl>civilians|protesters|rioters)) of (?P<c>[a-z .']+)$"
        )
        self._paren_country = re.compile(r"^(?P<what>[a-z ]+?) \((?P<c>[a-z .']+)\)$")

    # ------------------------------------------------------------------ building
    @classmethod
    @cache
    def builtin(cls) -> ActorDictionary:
        names: dict[str, tuple[str, str]] = {}
        for a in BUILTIN_ACTORS:
            for alias in (a.name, *a.aliases, a.id):
                names.setdefault(alias, (a.id, a.kind))
        _add_general(names)
        return cls(names)

    @classmethod
    def for_case(cls, case: Case | None) -> ActorDictionary:
        if case is None:
            return cls.builtin()
        ids = {a.id for a in case.actors}
        names: dict[str, tuple[str, str]] = {}
        for a in case.actors:
            kind = _CASE_KINDS.get(str(a.kind.value), "organisation")
            for alias in (a.id, a.name, *a.aliases):
                if alias:
                    names[alias] = (a.id, kind)
        # built-in names of actors the case lacks stay known, so that "India and Pakistan
        # clashed" is not read as Pakistan acting alone; they match as "?IND" (not a case id)
        for b in BUILTIN_ACTORS:
            for alias in (b.name, *b.aliases):
                names.setdefault(alias, (b.id, b.kind))
        _add_general(names)
        return cls(names, allowed=ids, general=_agents.case_map(case))

    def _ok(self, actor_id: str | None) -> str | None:
        """The id to report for ``actor_id``: itself, or the case actor its general code maps
        onto ("COLMIL" → the case's "COL_ARMY"); None when the case has no such actor."""
        if actor_id is None:
            return None
        if self.allowed is not None and actor_id not in self.allowed:
            gen = _agents.BUILTIN_GENERAL.get(actor_id, actor_id)
            mapped = self.general.get(gen)
            if mapped is None and len(gen) == 6 and gen.endswith("COP"):
                mapped = self.general.get(gen[:3] + "MIL")
            return mapped
        return actor_id

    def general_of(self, actor_id: str | None) -> str | None:
        """The general code a case actor stands for ("COL_ARMY" → "COLMIL"), if any."""
        if not actor_id:
            return None
        if not hasattr(self, "_reverse"):
            self._reverse: dict[str, str] = {}
            for gen, aid in self.general.items():
                self._reverse.setdefault(aid, gen)
        return self._reverse.get(actor_id)

    def kind_of(self, actor_id: str | None) -> str | None:
        if not actor_id:
            return None
        kind = self.kinds.get(actor_id.lstrip("?"))
        if kind is None:
            agent = _agents.agent_of(actor_id)
            kind = _agents.TYPE_KIND[agent[1]] if agent else None
        return kind

    def _slot(self, actor_id: str | None) -> str | None:
        """The id for a mention in text: a case id, or "?ID" for a known actor the case lacks."""
        if actor_id is None:
            return None
        return self._ok(actor_id) or f"?{actor_id}"

    def country_actor(self, country: str, role: str) -> str | None:
        """Actor id for a country key (PAK, AFG, ...) and a role (GOV, MIL, COP, CVL)."""
        return self._ok(COMPOSED.get((country, role)) or _agents.general_id(country, role))

    # ------------------------------------------------------------------ lookups
    def _compose_raw(self, nationality: str, role: str) -> str | None:
        key = NATIONALITIES.get(_norm(nationality).rstrip("'s").strip())
        if key is None:
            key = NATIONALITIES.get(_norm(nationality))
        if key is None:
            return None
        r = ROLE_NOUNS.get(_norm(role), role)
        return COMPOSED.get((key, r)) or _agents.general_id(key, r)

    def compose(self, nationality: str, role: str) -> str | None:
        """Actor id for nationality + role ("Pakistani", "soldiers" → PAK_ARMY), if allowed."""
        return self._ok(self._compose_raw(nationality, role))

    def resolve(self, text: str | None) -> str | None:
        """Actor id for a name as a data set writes it ("TTP: Tehreek-i-Taliban Pakistan",
        "Military Forces of Pakistan (2013-2018)"), or None when nothing matches."""
        if not text:
            return None
        n = _norm(text)
        if n in self._exact:
            return self._ok(self._exact[n][0])
        stripped = re.sub(r"\s*\((?:\d{4})\s*-\s*(?:\d{4})?\)\s*$", "", n)
        if stripped in self._exact:
            return self._ok(self._exact[stripped][0])
        m = self._of_country.match(stripped)
        if m:
            role = "MIL" if m.group("mil") else "GOV" if m.group("gov") else "CVL"
            if role == "CVL" and not m.group("cvl").startswith("civilian"):
                return None
            return self.compose(m.group("c"), role)
        m = self._paren_country.match(stripped)
        if m:
            if m.group("what").strip() == "civilians":
                return self.compose(m.group("c"), "CVL")
            text = m.group("what")  # "Protesters (Pakistan)": the country only qualifies
        best = None
        for match in self.finditer(text):
            if match.actor_id and (best is None or (match.end - match.start) > (
                    best.end - best.start)):
                best = match
        if best is None or best.actor_id.startswith("?"):
            return None
        return best.actor_id

    def finditer(self, text: str) -> list[ActorMatch]:
        """Actor mentions in running text, left to right, longest match first, no overlaps."""
        found: list[ActorMatch] = []
        # the composed pattern is long (every nationality): run it only where a role noun is
        composed = self._composed.finditer(text) if self._role_gate.search(text) else ()
        for m in composed:
            aid = self._slot(self._compose_raw(m.group("nat"), m.group("role")))
            if m.group("nat2"):
                aid2 = self._slot(self._compose_raw(m.group("nat2"), m.group("role")))
                if aid:
                    found.append(ActorMatch(m.start(), m.end("nat"), m.group("nat"), aid,
                                            "composed"))
                if aid2:
                    found.append(ActorMatch(m.start("nat2"), m.end(), text[m.start("nat2"):m.end()],
                                            aid2, "composed"))
                continue
            if aid:
                found.append(ActorMatch(m.start(), m.end(), m.group(0), aid, "composed"))
        for m, _ in self._re.finditer(text):
            s = m.group(0)
            if _CURRENCY.match(text, m.end()):
                continue  # "the US dollar" names a currency, not a state
            entry = self._acr.get(s) or self._exact.get(_norm(s))
            if entry:
                found.append(ActorMatch(m.start(), m.end(), s, self._slot(entry[0]), entry[1]))
        # longest first; at equal spans a name the dictionary holds beats a composed one
        # (a case's alias "Afghan forces" is more precise than nationality + role)
        found.sort(key=lambda a: (a.start, -(a.end - a.start), a.kind == "composed"))
        out: list[ActorMatch] = []
        for a in found:
            if out and a.start < out[-1].end:
                if (a.end - a.start) > (out[-1].end - out[-1].start):
                    out[-1] = a
                continue
            out.append(a)
        return [a for a in out if a.actor_id]


def _trie_regex(words: list[str]) -> str:
    """One regular expression for a list of literal words, factored by common prefixes
    (Python's engine tries alternatives one by one: a trie makes that one branch per
    letter). Longest words win, as in a plain longest-first alternation."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        end = "" in node
        branches = []
        for ch in sorted(k for k in node if k):
            lit = "['’]" if ch == "'" else re.escape(ch)
            branches.append(lit + emit(node[ch]))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if end else body

    return "(?:" + emit(trie) + ")"


_CURRENCY = re.compile(r"\s*(?:dollars?\b|\$)", re.IGNORECASE)


def _add_general(names: dict[str, tuple[str, str]]) -> None:
    """Add the general dictionary's names: groups, and countries and capitals as their
    governments ("Colombia", "Bogota" → COLGOV) where no more specific entry exists."""
    for alias, entry in _agents.group_names().items():
        names.setdefault(alias, entry)
    for iso, written in _agents.country_names().items():
        for n in written[:1] + [w for w in written[1:] if not _is_demonym(w)]:
            names.setdefault(n, (_agents.general_id(iso, "GOV"), "state"))
    for cap, iso in _agents.capitals().items():
        names.setdefault(cap.title() if cap.islower() else cap,
                         (_agents.general_id(iso, "GOV"), "state"))


def _is_demonym(word: str) -> bool:
    return word.endswith(("an", "ese", "ish", "i", "ch", "ss", "ek", "ic", "ot"))


def _is_acronym(alias: str) -> bool:
    core = alias.replace(".", "").replace("-", "")
    return len(core) <= 5 and core.isupper()


def _alias_re(alias: str) -> str:
    out = re.escape(alias)
    out = out.replace(r"\ ", r"\s+").replace("'", "['’]")
    return out
