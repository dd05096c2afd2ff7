"""A small gazetteer: places that reporting on Pakistan, Afghanistan and their
neighbours names, with their country, and common variant spellings."""

from __future__ import annotations

import re

_PLACES = {
    "PAK": [
        "Pakistan", "Islamabad", "Rawalpindi", "Lahore", "Karachi", "Peshawar", "Quetta",
        "Multan", "Faisalabad", "Hyderabad", "Sialkot", "Gwadar", "Turbat", "Khuzdar", "Chaman",
        "Zhob", "Sibi", "Mastung", "Kalat", "Panjgur", "Khyber Pakhtunkhwa", "Khyber-Pakhtunkhwa",
        "KP", "KPK", "Balochistan", "Baluchistan", "Punjab", "Sindh", "Gilgit-Baltistan",
        "Azad Kashmir", "North Waziristan", "South Waziristan", "Waziristan", "Bannu",
        "Lakki Marwat", "Dera Ismail Khan", "D.I. Khan", "DI Khan", "Tank", "Swat", "Bajaur",
        "Mohmand", "Khyber", "Kurram", "Orakzai", "Chitral", "Dir", "Upper Dir", "Lower Dir",
        "Mardan", "Charsadda", "Nowshera", "Kohat", "Hangu", "Karak", "Miranshah", "Miran Shah",
        "Mir Ali", "Wana", "Parachinar", "Landi Kotal", "Torkham", "Tirah", "Malakand",
        "Mingora", "Shangla", "Abbottabad", "Mansehra", "Dasu", "Buner", "FATA",
        "former tribal areas", "tribal areas", "Federally Administered Tribal Areas",
    ],
    "AFG": [
        "Afghanistan", "Kabul", "Kandahar", "Herat", "Mazar-i-Sharif",
        "Jalalabad", "Kunar", "Nangarhar", "Khost", "Paktika", "Paktia", "Helmand", "Kunduz",
        "Ghazni", "Logar", "Nuristan", "Badakhshan", "Spin Boldak", "Bagram", "Panjshir",
    ],
    "USA": ["United States", "USA", "U.S.", "Washington", "New York"],
    "CHN": ["China", "Beijing", "Xinjiang", "Urumqi"],
    "IND": ["India", "New Delhi", "Delhi", "Kashmir", "Jammu"],
    "IRN": ["Iran", "Tehran", "Zahedan", "Sistan-Baluchestan"],
    "QAT": ["Qatar", "Doha"],
    "RUS": ["Russia", "Moscow"],
    "SAU": ["Saudi Arabia", "Riyadh", "Jeddah"],
    "TUR": ["Turkey", "Türkiye", "Ankara", "Istanbul"],
    "GBR": ["United Kingdom", "London"],
    "UZB": ["Uzbekistan", "Tashkent", "Termez"],
    "TJK": ["Tajikistan", "Dushanbe"],
}
# variant spellings → the usual name (the name as written is kept when it is not here)
VARIANTS = {"Baluchistan": "Balochistan",
            "Khyber-Pakhtunkhwa": "Khyber Pakhtunkhwa", "KPK": "Khyber Pakhtunkhwa",
            "KP": "Khyber Pakhtunkhwa", "Miran Shah": "Miranshah", "DI Khan": "Dera Ismail Khan",
            "D.I. Khan": "Dera Ismail Khan", "U.S.": "United States", "USA": "United States"}

COUNTRY_OF: dict[str, str] = {}
for _c, _names in _PLACES.items():
    for _n in _names:
        COUNTRY_OF[_n.lower()] = _c

_names = sorted({n for ns in _PLACES.values() for n in ns}, key=len, reverse=True)
PLACE_RE = re.compile(
    r"(?<![\w-])(?:the\s+)?(?P<place>" + "|".join(re.escape(n) for n in _names) + r")(?![\w-])"
    r"(?:\s+(?P<kind>region|province|district|city|area|valley|border|crossing|agency)"
    r"(?:\s+of\s+(?P<of>" + "|".join(re.escape(n) for n in _names) + r"))?)?"
)
# words before a place name that make it a location rather than an actor
LOC_PREP = re.compile(
    r"(?:\b(?:in|at|near|inside|outside|across|around|into|within|throughout|visited|visit|"
    r"visiting|to|region of|province of|district of|parts of|city of|town of|control of)\s+"
    r"(?:the\s+)?)$"
)


def canonical(place: str) -> str:
    return VARIANTS.get(place, place)


def country(place: str) -> str | None:
    return COUNTRY_OF.get(place.lower())
