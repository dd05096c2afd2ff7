"""Deaths and injuries reported as numbers ("killing three policemen", "11 soldiers were
killed", "at least 20 people wounded"), so an attack keeps its toll."""

from __future__ import annotations

import re

_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
          "fourteen": 14, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
          "a dozen": 12, "dozens of": 24, "scores of": 40, "hundreds of": 200}
_N = r"(?:at\s+least\s+|more\s+than\s+|over\s+|nearly\s+|about\s+|some\s+|around\s+)?" \
     r"(?P<n>\d[\d,]*|" + "|".join(sorted(map(re.escape, _WORDS), key=len, reverse=True)) + ")"
_NOUN = r"(?:\s+(?-i:[a-z][\w-]*)){0,3}?"
_KILL = r"(?:killed|killing|dead|died|deaths|lives|left\s+dead|shot\s+dead)"
_HURT = r"(?:wounded|wounding|injured|injuring|hurt)"
_AFTER = re.compile(r"(?:killing|killed|kills|claimed\s+the\s+lives\s+of)\s+" + _N + _NOUN
                    + r"(?=[\s,.;]|$)", re.IGNORECASE)
_BEFORE = re.compile(_N + r"(?![\d,])" + _NOUN + r"\s+(?:were\s+|was\s+|have\s+been\s+|had\s+been\s+)?"
                     + r"(?P<what>" + _KILL + "|" + _HURT + r")\b", re.IGNORECASE)
_HURT_AFTER = re.compile(r"(?:wounding|injuring|wounded|injured)\s+" + _N, re.IGNORECASE)


def _num(text: str) -> int | None:
    t = text.lower().replace(",", "")
    if t.isdigit():
        return int(t)
    return _WORDS.get(t)


def tolls(sentence: str) -> tuple[int | None, int | None]:
    """(deaths, injured) the sentence reports, the largest number of each; None if none."""
    dead: list[int] = []
    hurt: list[int] = []
    for m in _AFTER.finditer(sentence):
        n = _num(m.group("n"))
        if n is not None:
            dead.append(n)
    for m in _HURT_AFTER.finditer(sentence):
        n = _num(m.group("n"))
        if n is not None:
            hurt.append(n)
    for m in _BEFORE.finditer(sentence):
        n = _num(m.group("n"))
        if n is None or n > 100000:
            continue
        (hurt if re.match(_HURT, m.group("what"), re.IGNORECASE) else dead).append(n)
    return (max(dead) if dead else None, max(hurt) if hurt else None)
