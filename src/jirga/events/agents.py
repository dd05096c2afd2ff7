"""A general actor dictionary: countries, agent types and well-known groups, CAMEO-style.

So that events between actors no case names are still coded, every country of
``data/countries.tsv`` (names, demonyms, capitals) combines with an agent type into a
CAMEO actor code: ``COLMIL`` (Colombia's military), ``PAKCOP`` (Pakistan's police),
``SDNGOV``, ``YEMREB``, ``ISRCVL``. The types are CAMEO's:

========  =====================================================================
``GOV``   government, ministers, officials, envoys, the capital as a metonym
``MIL``   army, troops, soldiers, security forces, air force, border guards
``COP``   police, policemen, counter-terrorism police
``REB``   rebels, militants, insurgents, gunmen, armed groups
``CVL``   civilians, villagers, residents, workers, protesters
``IGO``   international organisations (the UN, the AU, the EU)
========  =====================================================================

A few armed groups and organisations that news names without a country get their own id
(``FARC``, ``HAMAS``, ``HOUTHIS`` …) with the country and type they belong to, so
:func:`agent_of` can say that ``FARC`` is a Colombian ``REB``.

A case's actors map onto these codes (:func:`case_map`): each case actor's country is read
from its name and aliases, its type from its kind (a security force whose name says
"police" is ``COP``), so "Colombian soldiers" in a text becomes the case's ``COL_ARMY``.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jirga.case.schema import Case

TYPES = ("GOV", "MIL", "COP", "REB", "CVL", "IGO")

# the kind each type stands for in the coder's rules (jirga.events.actors kinds)
TYPE_KIND = {"GOV": "state", "MIL": "security", "COP": "security", "REB": "armed_group",
             "CVL": "civilians", "IGO": "organisation"}

# id, country (or "" for none), type, names
GROUPS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("FARC", "COL", "REB", ("FARC", "FARC-EP", "Revolutionary Armed Forces of Colombia")),
    ("ELN", "COL", "REB", ("ELN", "National Liberation Army")),
    ("HOUTHIS", "YEM", "REB", ("Houthis", "Houthi", "Houthi rebels", "Ansar Allah",
                               "Ansarallah")),
    ("HAMAS", "PSE", "REB", ("Hamas",)),
    ("PIJ", "PSE", "REB", ("Islamic Jihad", "Palestinian Islamic Jihad")),
    ("HEZBOLLAH", "LBN", "REB", ("Hezbollah", "Hizbollah", "Hizbullah")),
    ("TPLF", "ETH", "REB", ("TPLF", "Tigray People's Liberation Front", "Tigrayan forces",
                            "Tigray forces")),
    ("RSF", "SDN", "REB", ("RSF", "Rapid Support Forces")),
    ("SAF", "SDN", "MIL", ("SAF", "Sudanese Armed Forces")),
    ("SHABAAB", "SOM", "REB", ("al-Shabaab", "Al Shabaab", "al Shabaab", "Al-Shabab",
                               "al-Shabab")),
    ("BOKO_HARAM", "NGA", "REB", ("Boko Haram", "ISWAP")),
    ("M23", "COD", "REB", ("M23",)),
    ("PKK", "TUR", "REB", ("PKK", "Kurdistan Workers' Party")),
    ("ARAKAN_ARMY", "MMR", "REB", ("Arakan Army",)),
    ("MNDAA", "MMR", "REB", ("MNDAA", "Myanmar National Democratic Alliance Army")),
    ("TNLA", "MMR", "REB", ("TNLA", "Ta'ang National Liberation Army")),
    ("KIA", "MMR", "REB", ("KIA", "Kachin Independence Army")),
    ("ISIS", "", "REB", ("Islamic State", "ISIS", "ISIL", "Daesh")),
    ("AQ", "", "REB", ("Al Qaeda", "al-Qaeda", "Al-Qaida", "al-Qaida")),
    ("UN", "", "IGO", ("United Nations", "UN", "U.N.", "UN Security Council",
                       "Security Council")),
    ("AU", "", "IGO", ("African Union", "AU")),
    ("EU", "", "IGO", ("European Union", "EU")),
    ("NATO", "", "IGO", ("NATO",)),
    ("IGAD", "", "IGO", ("IGAD",)),
    ("ICRC", "", "IGO", ("ICRC", "International Committee of the Red Cross", "Red Cross")),
)


def _data() -> list[tuple[str, list[str], list[str], list[str]]]:
    text = resources.files("jirga.events").joinpath("data/countries.tsv").read_text("utf-8")
    out = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = (line.split("\t") + ["", "", ""])[:4]
        iso, names, dem, caps = cols
        out.append((iso, [n for n in names.split("|") if n], [d for d in dem.split("|") if d],
                    [c for c in caps.split("|") if c]))
    return out


@cache
def countries() -> dict[str, str]:
    """Country names, demonyms and capitals (lower case) → ISO3 code."""
    out: dict[str, str] = {}
    for iso, names, dems, caps in _data():
        for n in (*names, *dems, *caps):
            out.setdefault(n.lower(), iso)
    return out


@cache
def country_names() -> dict[str, list[str]]:
    """ISO3 → its names and demonyms as written (for building matchers)."""
    return {iso: [*names, *dems] for iso, names, dems, _ in _data()}


@cache
def capitals() -> dict[str, str]:
    return {c.lower(): iso for iso, _, _, caps in _data() for c in caps}


@cache
def _groups() -> dict[str, tuple[str, str]]:
    return {gid: (c, t) for gid, c, t, _ in GROUPS}


# the ids of the built-in Pakistan case's dictionary (jirga.events.actors) as general codes
BUILTIN_GENERAL = {"PAK_GOV": "PAKGOV", "PAK_ARMY": "PAKMIL", "PAK_POLICE": "PAKCOP",
                   "PAK_CIVILIANS": "PAKCVL", "TTP": "TTP", "BLA": "BLA", "ISKP": "ISIS",
                   "AFG_TALIBAN": "AFGGOV", "AFG": "AFGGOV", "USA": "USAGOV", "CHINA": "CHNGOV",
                   "IND": "INDGOV", "IRN": "IRNGOV", "RUS": "RUSGOV", "QAT": "QATGOV",
                   "SAU": "SAUGOV", "TUR": "TURGOV", "GBR": "GBRGOV", "AL_QAEDA": "AQ",
                   "TRIBAL_JIRGA": "PAKCVL", "UN": "UN", "EU": "EU", "NATO": "NATO"}
_EXTRA_AGENTS = {"TTP": ("PAK", "REB"), "BLA": ("PAK", "REB")}


def agent_of(actor_id: str | None) -> tuple[str, str] | None:
    """(country ISO3 or "", type) for a general id (``COLMIL`` → ("COL", "MIL"))."""
    if not actor_id:
        return None
    aid = actor_id.lstrip("?")
    aid = BUILTIN_GENERAL.get(aid, aid)
    if aid in _EXTRA_AGENTS:
        return _EXTRA_AGENTS[aid]
    if aid in _groups():
        return _groups()[aid]
    if len(aid) == 6 and aid[3:] in TYPES and aid[:3] in country_names():
        return aid[:3], aid[3:]
    if aid in TYPES:  # an agent type of no named country
        return "", aid
    return None


def general_id(country: str, kind: str) -> str:
    return f"{country}{kind}"


def group_names() -> dict[str, tuple[str, str]]:
    """Group alias → (id, kind) for the name matcher."""
    out: dict[str, tuple[str, str]] = {}
    for gid, _, t, names in GROUPS:
        for n in names:
            out.setdefault(n, (gid, TYPE_KIND[t]))
    return out


_POLICE = re.compile(r"\bpolice|\bcounter[- ]terrorism department|\bCTD\b|\bconstabulary",
                     re.IGNORECASE)
_GENERIC_REB = {"militants", "insurgents", "rebels", "terrorists", "gunmen", "armed groups",
                "fighters", "militias"}
_CASE_TYPES = {"state": "GOV", "state_security_force": "MIL", "armed_group": "REB",
               "terrorist_network": "REB", "civilians": "CVL", "de_facto_government": "GOV",
               "international_organisation": "IGO", "international_actor": "GOV"}


def _country_in(texts: list[str]) -> str | None:
    table = countries()
    found: dict[str, int] = {}
    for t in texts:
        for m in re.finditer(r"[A-Z][\w'’.-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w'’.-]*)*", t):
            words = m.group(0).replace("’", "'").removesuffix("'s")
            parts = words.split()
            for i in range(len(parts)):
                for j in range(len(parts), i, -1):
                    iso = table.get(" ".join(parts[i:j]).lower())
                    if iso:
                        found[iso] = found.get(iso, 0) + 1
                        break
    return max(found, key=lambda k: found[k]) if found else None


def case_map(case: Case) -> dict[str, str]:
    """General ids (``COLMIL``, ``FARC``) → the case actor they stand for.

    A case actor's country is the one its name and aliases name most; its type comes from
    its kind. Where two case actors share a code, the first listed keeps it; named groups
    map by their aliases. A case actor whose name is a country ("Afghanistan") is also that
    country's ``GOV`` unless the case has a state actor of that country already."""
    out: dict[str, str] = {}
    fallback: dict[str, str] = {}
    lowered = {gname.lower(): gid for gid, _, _, names in GROUPS for gname in names}
    for a in case.actors:
        names = [a.id, a.name, *a.aliases]
        for n in names:
            gid = lowered.get(n.lower()) if n else None
            if gid:
                out.setdefault(gid, a.id)
        kind = str(getattr(a.kind, "value", a.kind))
        t = _CASE_TYPES.get(kind)
        if t is None:
            continue
        if t == "MIL" and any(_POLICE.search(n or "") for n in [a.id, a.name]):
            t = "COP"
        c = _country_in([a.name, *a.aliases])
        if c is None and a.id[:3].upper() in country_names():
            c = a.id[:3].upper()
        if c is None:
            continue
        if t == "REB" and not any(n and n.lower() in _GENERIC_REB for n in names):
            continue  # a named group is not every militant of its country
        out.setdefault(general_id(c, t), a.id)
        if t == "MIL":
            fallback.setdefault(general_id(c, "COP"), a.id)
        if kind == "de_facto_government":
            fallback.setdefault(general_id(c, "MIL"), a.id)
    for k, v in fallback.items():
        out.setdefault(k, v)
    return out
