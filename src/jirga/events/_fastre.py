"""Fast matching of many alternative patterns with Python's ``re``."""

from __future__ import annotations

import re


def _first_chars(pattern: str, flags: int = 0) -> set[str] | None:
    """Lower-case characters a match of ``pattern`` can start with (None: any)."""
    from re import _constants as C  # noqa: N812
    from re import _parser

    def first(seq) -> tuple[set[str] | None, bool]:
        out: set[str] = set()
        for op, av in seq:
            f, nullable = item(op, av)
            if f is None:
                return None, False
            out |= f
            if not nullable:
                return out, False
        return out, True

    def item(op, av) -> tuple[set[str] | None, bool]:
        if op is C.LITERAL:
            return {chr(av).lower()}, False
        if op is C.IN:
            chars: set[str] = set()
            for o, a in av:
                if o is C.LITERAL:
                    chars.add(chr(a).lower())
                elif o is C.RANGE:
                    chars |= {chr(x).lower() for x in range(a[0], a[1] + 1)}
                elif o is C.NEGATE:
                    return None, False
                else:
                    return None, False
            return chars, False
        if op is C.BRANCH:
            out: set[str] = set()
            nullable = False
            for alt in av[1]:
                f, n = first(alt)
                if f is None:
                    return None, False
                out |= f
                nullable = nullable or n
            return out, nullable
        if op is C.SUBPATTERN:
            return first(av[-1])
        if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            f, n = first(av[2])
            return f, n or av[0] == 0
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            return set(), True
        return None, False

    chars, _ = first(_parser.parse(pattern, flags))
    return chars


_WORD_START = re.compile(r"(?<![\w-])\w")


class DispatchMatcher:
    """Whole-word matches of many patterns, found by looking only at word starts and trying
    only the patterns that can begin with that word's first character.

    ``finditer(text)`` yields ``(match, index)`` left to right without overlaps; where two
    patterns match at the same word the earlier one in ``patterns`` wins.
    """

    def __init__(self, patterns: list[str], flags: int = 0):
        by_char: dict[str, list[int]] = {}
        anywhere: list[int] = []
        for i, pat in enumerate(patterns):
            chars = _first_chars(pat, flags)
            if chars is None:
                anywhere.append(i)
            else:
                for ch in chars:
                    by_char.setdefault(ch, []).append(i)
        n_groups = [re.compile(p, flags).groups for p in patterns]

        def build(order: list[int]) -> tuple[re.Pattern, dict[int, int]]:
            # each pattern sits in a wrapper group; map the wrapper's number to the pattern
            which, number = {}, 1
            for i in order:
                which[number] = i
                number += 1 + n_groups[i]
            rx = re.compile("|".join(f"({patterns[i]})(?![\\w-])" for i in order), flags)
            return rx, which, all(n_groups[i] == 0 for i in order)

        self._rx: dict[str, tuple[re.Pattern, dict[int, int], bool]] = {}
        for ch, idx in by_char.items():
            self._rx[ch] = build(sorted(set(idx) | set(anywhere)))
        self._any = build(anywhere) if anywhere else None

    def finditer(self, text: str):
        pos = 0
        rx = self._rx
        fallback = self._any
        for w in _WORD_START.finditer(text):
            start = w.start()
            if start < pos:
                continue
            entry = rx.get(text[start].lower(), fallback)
            if entry is not None:
                m = entry[0].match(text, start)
                if m is not None and m.end() > start:
                    which = entry[1]
                    if entry[2]:  # no groups inside the patterns: the last group is the one
                        yield m, which[m.lastindex]
                    else:
                        yield m, which[next(g for g in which if m.start(g) != -1)]
                    pos = m.end()
