"""Tables that read at 80 columns: names instead of ids, cut at word boundaries, and ids
and dates never broken across lines.

Rich fits a table to the terminal by wrapping cells, and when a cell holds one long word
(an id such as ``ceasefire-2021-11``, a date) it folds it mid-word or cuts it to "…".
These helpers decide the cuts ourselves: ids and dates go in :func:`fixed` columns that
never wrap and are as wide as their longest value; names are shortened to the width a
column can give (:func:`short_name`, :func:`shorten`), so what is cut is the end of a
phrase, never the middle of a code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rich import box
from rich.table import Table

ELLIPSIS = "…"
_PAREN = re.compile(r"^(?P<base>.*?)\s*\((?P<inner>[^()]+)\)$")


def shorten(text: str, width: int) -> str:
    """``text`` in at most ``width`` characters, cut at a word boundary with "…".

    ``shorten('Jirga of tribal elders and ulema', 24) -> 'Jirga of tribal elders…'``.
    A single word longer than ``width`` is cut inside the word (nothing else fits).
    """
    text = " ".join(str(text).split())
    if len(text) <= width:
        return text
    if width <= 1:
        return ELLIPSIS[:width]
    cut = text[: width - 1]
    space = cut.rfind(" ")
    if space >= width // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:–-(") + ELLIPSIS


def short_name(name: str, width: int) -> str:
    """An actor's or agreement's name in ``width`` characters, keeping what identifies it.

    'Tehrik-i-Taliban Pakistan (TTP)' -> 'TTP' (the acronym it gives itself);
    'Afghan Taliban (Islamic Emirate)' -> 'Afghan Taliban' (the name without the gloss);
    otherwise the name cut at a word boundary.
    """
    name = " ".join(str(name).split())
    if len(name) <= width:
        return name
    m = _PAREN.match(name)
    if m:
        base, inner = m["base"], m["inner"]
        if " " not in inner and inner.upper() == inner and len(inner) <= width:
            return inner
        if len(base) <= width:
            return base
    return shorten(name, width)


def short_question(question: str, width: int) -> str:
    """An issue's question as a label: without its question mark, cut at a word boundary."""
    return shorten(str(question).rstrip(" ?"), width)


def longest(values: Iterable[object], header: str = "") -> int:
    """Width of the widest value (or the header), for a column that must not wrap."""
    return max([len(header), *(len(str(v)) for v in values)])


def fixed(table: Table, header: str, values: Iterable[object], **kw) -> None:
    """A column for ids, codes, dates and numbers: never wrapped, never cut, as wide as its
    longest value (so rich shrinks the other columns instead)."""
    width = longest(values, header)
    table.add_column(header, no_wrap=True, min_width=width, overflow="ignore", **kw)


def longest_word(values: Iterable[object], header: str = "") -> int:
    """Width of the longest single word among the values (or the header)."""
    return max([len(header), *(len(w) for v in values for w in str(v).split())])


def unbroken_words(table: Table, header: str, values: Iterable[object], **kw) -> None:
    """A column of short phrases holding ids or dates ("on or before 2022-11-30"): wraps
    between words only, and is at least as wide as its longest word, so no date or id is
    split across lines. It is exactly that wide: rich would otherwise widen it towards its
    longest phrase and, at 80 columns, push the last column off the screen."""
    width = longest_word(values, header)
    table.add_column(header, min_width=width, max_width=width, overflow="fold", **kw)


def text_column(table: Table, header: str, **kw) -> None:
    """A column of words: wraps between words, folds only a word longer than the column."""
    table.add_column(header, overflow="fold", **kw)


def compact(title: str | None = None, **kw) -> Table:
    """A table with a rule under the header and no outer frame: two characters a column
    narrower than rich's default boxes, which matters at 80 columns."""
    kw.setdefault("box", box.SIMPLE_HEAD)
    kw.setdefault("show_edge", False)
    kw.setdefault("padding", (0, 1))
    kw.setdefault("pad_edge", False)
    return Table(title=title, title_justify="left", **kw)

