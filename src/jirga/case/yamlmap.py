"""YAML loading that remembers where every value came from.

pydantic reports an error at a path such as ``('actors', 3, 'capability')``;
to tell the analyst *which line* to fix we keep a map from each path to its
line in the file, built from PyYAML's node tree. Duplicate mapping keys, which
PyYAML silently overwrites, are reported as problems too.
"""

from __future__ import annotations

from typing import Any

import yaml

from jirga.case.limits import Loader, short

Path = tuple[str | int, ...]
_STR = "tag:yaml.org,2002:str"


class _LineLoader(Loader):
    """SafeLoader that leaves dates as text, so FuzzyDate parses them and reports bad days."""

    def resolve(self, kind: type, value: str | None, implicit: tuple[bool, bool]) -> str:
        # A fast path: PyYAML's resolver tries regexes for every scalar; a plain scalar whose
        # first character starts no implicit type (int, float, bool, null, date) is text.
        # It was a sixth of the load time of big cases.
        if (kind is yaml.ScalarNode and implicit[0] and value
                and value[0] not in self.yaml_implicit_resolvers):
            return _STR
        return super().resolve(kind, value, implicit)


def _timestamp_as_text(loader: Loader, node: yaml.Node) -> str:
    return loader.construct_scalar(node)


_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)


def load_with_lines(text: str) -> tuple[Any, dict[Path, int], list[tuple[Path, int, str]]]:
    """Parse ``text``; return (data, path -> 1-based line, duplicate keys).

    Raises ``yaml.YAMLError`` on syntax errors (the caller turns it into a Problem
    with the line PyYAML reports). Call :func:`jirga.case.limits.prescan` first: this
    composes recursively and follows aliases.
    """
    loader = _LineLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {}, []
        data = loader.construct_document(node)
    finally:
        loader.dispose()
    lines: dict[Path, int] = {}
    dups: list[tuple[Path, int, str]] = []
    _walk(node, (), lines, dups, set())
    return data, lines, dups


def _walk(node: yaml.Node, path: Path, lines: dict[Path, int],
          dups: list[tuple[Path, int, str]], done: set[int]) -> None:
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.CollectionNode):
        # an alias is the anchored node again: map its inside once, not once per use (a
        # million-value alias tree would otherwise cost a million paths); problems inside a
        # repeat are reported at the line of the deepest path known
        if id(node) in done:
            return
        done.add(id(node))
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in seen:
                dups.append((path + (key,), key_node.start_mark.line + 1, key))
            seen.add(key)
            lines[path + (key,)] = key_node.start_mark.line + 1
            _walk(value_node, path + (key,), lines, dups, done)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, path + (i,), lines, dups, done)


def line_for(lines: dict[Path, int], path: Path) -> int | None:
    """Line of the deepest known prefix of ``path``."""
    p = tuple(path)
    while p:
        if p in lines:
            return lines[p]
        p = p[:-1]
    return lines.get((), None)


def dotted(path: Path) -> str:
    """Render a path like ``actors[3].capability.low`` for messages."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:  # keys can be ids: a 1 MB id must not make a 1 MB field name
            out += ("." if out else "") + short(part)
    return out
