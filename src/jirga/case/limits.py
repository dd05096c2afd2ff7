"""Limits on case files, checked before a file is turned into Python objects.

A case file is hostile until proven otherwise: 600 bytes of YAML anchors can
expand to billions of values (the "billion laughs"), 1,000 nested ``[`` exhaust
the recursion limit, and a megabyte-long id turns every "use one of: …" hint into
megabytes of text. :func:`prescan` walks libyaml's *event stream* — flat and
non-recursive, so nothing here can recurse or expand — and refuses a file that
breaks a limit, naming the limit and the line. Only a file that passes is
composed into nodes and validated.

The limits are far above any real case (the built-in case uses depth 6, no
anchors, strings under 2,000 characters) and still allow big generated cases
(2,000 actors × 50 issues, 200,000 sources).
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

#: Case files larger than this are refused before they are read as text.
MAX_FILE_BYTES = 32 * 1024 * 1024
#: Mappings and lists nested deeper than this (a case needs about 6 levels).
MAX_DEPTH = 64
#: Values in the file once every alias (``*name``) is expanded.
MAX_VALUES = 2_000_000
#: Characters in one text value (a summary, notes, a title).
MAX_STRING = 100_000
#: Characters in an id or a reference to one.
MAX_ID = 200
#: Entries in one list or mapping (200,000 sources is still fine).
MAX_ITEMS = 500_000

#: libyaml is 10× faster than PyYAML's pure-Python parser; fall back when it is missing.
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class LimitBreach:
    """A limit the file breaks: where, what and how to fix it."""

    line: int
    message: str
    fix: str


@dataclass
class _Open:
    anchor: str | None
    size: int
    items: int
    line: int
    is_map: bool


def prescan(text: str) -> LimitBreach | None:
    """Return the first limit ``text`` breaks, or None.

    Raises ``yaml.YAMLError`` for syntax errors (as the real load would). The
    expanded size of each anchored value is recorded when it closes, so an alias
    costs what it stands for: nine levels of nine aliases count 9⁹ values and are
    refused after reading a few hundred events.
    """
    loader = Loader(text)
    sizes: dict[str, int] = {}
    stack: list[_Open] = []
    total = 0
    try:
        while loader.check_event():
            ev = loader.get_event()
            line = ev.start_mark.line + 1
            if isinstance(ev, yaml.CollectionStartEvent):
                if len(stack) >= MAX_DEPTH:
                    return LimitBreach(line, f"lists and mappings are nested more than "
                                       f"{MAX_DEPTH} levels deep (the limit)",
                                       "a case file needs about 6 levels; close the "
                                       "brackets or fix the indentation")
                stack.append(_Open(ev.anchor, 1, 0, line, isinstance(ev, yaml.MappingStartEvent)))
                total += 1
                continue
            if isinstance(ev, yaml.CollectionEndEvent):
                # its values were counted in total as they came; pass its size to its parent
                done = stack.pop()
                if done.anchor is not None:
                    sizes[done.anchor] = done.size
                if stack:
                    stack[-1].size += done.size
                    stack[-1].items += 1
                    limit = 2 * MAX_ITEMS if stack[-1].is_map else MAX_ITEMS
                    if stack[-1].items > limit:
                        return _too_many(stack[-1].line)
                continue
            if isinstance(ev, yaml.ScalarEvent):
                if len(ev.value) > MAX_STRING:
                    return LimitBreach(line, f"a value of {len(ev.value):,} characters is longer "
                                       f"than the limit of {MAX_STRING:,}",
                                       "shorten it, or keep long texts in a source document")
                size = 1
                if ev.anchor is not None:
                    sizes[ev.anchor] = 1
            elif isinstance(ev, yaml.AliasEvent):
                size = sizes.get(ev.anchor, 1)
            else:
                continue
            total += size
            if total > MAX_VALUES:
                return LimitBreach(line, f"the file expands to more than {MAX_VALUES:,} values "
                                   "(aliases such as *name count once per use)",
                                   "write the values out instead of nesting aliases, or split "
                                   "the case")
            if stack:
                parent = stack[-1]
                parent.size += size
                parent.items += 1
                limit = 2 * MAX_ITEMS if parent.is_map else MAX_ITEMS
                if parent.items > limit:
                    return _too_many(parent.line)
    finally:
        loader.dispose()
    return None


def _too_many(line: int) -> LimitBreach:
    return LimitBreach(line, f"a list or mapping with more than {MAX_ITEMS:,} entries (the "
                       "limit)", "split the case")


def short(text: object, limit: int = 60) -> str:
    """``text`` cut to ``limit`` characters for a message, saying how long it was."""
    s = str(text)
    if len(s) <= limit:
        return s
    return f"{s[:limit]}… ({len(s):,} characters)"


def some(names: list[str], n: int = 5) -> str:
    """At most ``n`` (shortened) names and "(and N more)": hints never echo unbounded lists."""
    shown = ", ".join(short(x, 40) for x in names[:n])
    return shown + (f" (and {len(names) - n:,} more)" if len(names) > n else "")
