"""Load case files: YAML in, a validated :class:`~jirga.case.schema.Case` out.

This is the case's boundary. Every problem in a file (syntax, field values,
dangling references, duplicates) is collected and raised together as one
:class:`~jirga.errors.InputError`, each problem naming file, line, field and fix.
"""

from __future__ import annotations

import difflib
import gc
import re
from collections.abc import Callable, Sequence
from importlib import resources
from pathlib import Path as FsPath
from typing import Any

import yaml
from pydantic import ValidationError

from jirga.case.crossref import check_references
from jirga.case.limits import MAX_FILE_BYTES, prescan, short
from jirga.case.sanity import check_semantics
from jirga.case.schema import Case
from jirga.case.yamlmap import dotted, line_for, load_with_lines
from jirga.errors import InputError, Problem

_BUILTIN_PACKAGE = "jirga.case.builtin"
_SURROGATE = re.compile("[\ud800-\udfff]")


def builtin_cases() -> list[str]:
    """Ids of the cases shipped with jirga (``pakistan-ttp-2022``, …)."""
    root = resources.files(_BUILTIN_PACKAGE)
    return sorted(p.name[: -len(".yaml")] for p in root.iterdir() if p.name.endswith(".yaml"))


def builtin_path(case_id: str) -> FsPath:
    """Filesystem path of a built-in case file."""
    return FsPath(str(resources.files(_BUILTIN_PACKAGE).joinpath(f"{case_id}.yaml")))


def resolve(path_or_id: str | FsPath) -> FsPath:
    """Turn a built-in id or a path into a readable file path, or raise InputError."""
    text = str(path_or_id)
    if text in builtin_cases():
        return builtin_path(text)
    p = FsPath(text)
    if not p.exists():
        known = ", ".join(builtin_cases())
        raise InputError([Problem(text, None, "", "no such file or built-in case",
                                  f"give a path to a case YAML file or one of: {known}")])
    if p.is_dir():
        raise InputError([Problem(text, None, "", "is a folder, not a case file",
                                  "give the path of a .yaml file")])
    return p


#: a check a layer above adds to the boundary (e.g. a model's parameter declarations):
#: ``case -> [(path in the file, message, fix), …]``; paths are mapped to lines here
CaseCheck = Callable[[Case], list[tuple[tuple, str, str]]]


def load_case(path_or_id: str | FsPath, checks: Sequence[CaseCheck] = ()) -> Case:
    """Load and validate a case from a YAML path or a built-in id.

    ``checks`` are further checks on the validated case — the models' parameter
    declarations, passed in by :func:`jirga.analysis.load_case` so that this layer never
    imports the models. Raises :class:`~jirga.errors.InputError` listing every problem.
    """
    path = resolve(path_or_id)
    name = str(path_or_id) if str(path_or_id) in builtin_cases() else str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError([Problem(name, None, "", f"the file is {size / 2**20:.0f} MB; case "
                                      f"files are limited to {MAX_FILE_BYTES // 2**20} MB",
                                      "split the case, or keep bulk events in the event store "
                                      "(jirga events import)")])
        with path.open("rb") as fh:  # a device such as /dev/zero reports size 0: read at most
            raw = fh.read(MAX_FILE_BYTES + 1)
        if len(raw) > MAX_FILE_BYTES:
            raise InputError([Problem(name, None, "", f"more than {MAX_FILE_BYTES // 2**20} MB "
                                      "to read; case files are limited to that",
                                      "give a case YAML file")])
    except OSError as exc:
        raise InputError([Problem(name, None, "", f"cannot be read: {exc.strerror}",
                                  "check the path and its permissions")]) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError([Problem(name, line, "", "is not UTF-8 text (is it a binary file?)",
                                  "save the case file as UTF-8 YAML")]) from None
    return parse_case(text, name, checks)


def parse_case(text: str, name: str = "<case>", checks: Sequence[CaseCheck] = ()) -> Case:
    """Validate case YAML ``text``; ``name`` is used in messages; ``checks`` as in load_case.

    Python's cyclic garbage collector is paused meanwhile: loading a big case allocates
    millions of small acyclic objects, and each full collection rescans all of them — it
    took two thirds of the time of a 2,000-actor, 50-issue case (30 s; 10 s without it).
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        return _parse_case(text, name, checks)
    finally:
        if paused:
            gc.enable()


def _parse_case(text: str, name: str, checks: Sequence[CaseCheck]) -> Case:
    if len(text) > MAX_FILE_BYTES:
        raise InputError([Problem(name, None, "", f"more than {MAX_FILE_BYTES // 2**20} MB of "
                                  "text; case files are limited to that", "split the case")])
    bad = _SURROGATE.search(text)
    if bad:
        raise InputError([Problem(name, text.count("\n", 0, bad.start()) + 1, "",
                                  "holds characters that are not UTF-8 text",
                                  "save the case file as UTF-8 YAML")])
    try:
        breach = prescan(text)
        if breach is not None:
            raise InputError([Problem(name, breach.line, "", breach.message, breach.fix)])
        data, lines, dups = load_with_lines(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        what = getattr(exc, "problem", None) or str(exc)
        raise InputError([Problem(name, line, "", f"YAML syntax error: {what}",
                                  "check indentation, colons and quotes on this line "
                                  "or the one before")]) from None
    if data is None:
        raise InputError([Problem(name, 1, "", "is empty", "start from `jirga new NAME`")])
    if not isinstance(data, dict):
        raise InputError([Problem(name, 1, "", "is not a case file (expected a mapping with "
                                  "id, title, summary, sources, actors, …)",
                                  "start from `jirga new NAME`")])
    problems: list[Problem] = []
    for path, line, key in dups:
        problems.append(Problem(name, line, dotted(path), f"key '{short(key)}' is given twice",
                                "keep one of them"))
    for path, message, fix in check_references(data) + check_semantics(data):
        problems.append(Problem(name, line_for(lines, path), dotted(path), message, fix))
    case = None
    try:
        case = Case.model_validate(data)
    except ValidationError as exc:
        problems.extend(_pydantic_problems(exc, name, lines, data, text))
    if case is not None:
        for check in checks:
            for path, message, fix in check(case):
                problems.append(Problem(name, line_for(lines, path), dotted(path), message, fix))
    if problems:
        problems.sort(key=lambda p: (p.line or 0, p.field))
        raise InputError(_capped(problems, name))
    assert case is not None
    return case


#: Problems listed per file; a generated file can hold 200,000 of the same mistake.
MAX_PROBLEMS = 50


def _capped(problems: list[Problem], name: str) -> list[Problem]:
    if len(problems) <= MAX_PROBLEMS:
        return problems
    rest = len(problems) - MAX_PROBLEMS
    return [*problems[:MAX_PROBLEMS],
            Problem(name, None, "", f"and {rest:,} more problem{'s' if rest != 1 else ''} "
                    f"(the first {MAX_PROBLEMS} are shown)", "fix these and validate again")]


_FIXES = {
    "missing": "add this field",
    "extra_forbidden": "remove it or check its spelling",
    "enum": "use one of the listed values",
    "date_from_datetime_parsing": "write the date as YYYY-MM-DD",
    "string_pattern_mismatch": "ids start with a letter and use letters, digits, _ - .",
    "float_parsing": "write a number",
    "float_type": "write a number",
    "int_parsing": "write a whole number",
    "list_type": "write a list, e.g. [A, B]",
    "dict_type": "write a mapping (key: value lines)",
    "string_type": "write text (quote it if it looks like a number or date)",
    "string_too_long": "shorten it",
}


def _pydantic_problems(exc: ValidationError, name: str, lines: dict, data: Any,
                       text: str = "") -> list[Problem]:
    out = []
    source_lines = text.splitlines()
    for err in exc.errors(include_url=False):
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
        # Union branches (e.g. Relation.target: str | list) add a type tag to the path.
        loc = tuple(p for p in loc if p not in ("str", "list[str]", "constrained-str",
                                                   "list[constrained-str]"))
        msg = err["msg"]
        if msg.startswith("Value error, "):
            msg = msg[len("Value error, "):]
        etype = err["type"]
        if etype == "missing":
            msg = f"required field '{loc[-1]}' is missing" if loc else "required field missing"
        elif etype == "extra_forbidden":
            msg = f"unknown field '{loc[-1]}'"
        fix = _FIXES.get(etype)
        if etype == "extra_forbidden" and _close_field(loc):
            fix = f"did you mean '{_close_field(loc)}'? (or remove it)"
        if "\nfix: " in msg:
            msg, fix = msg.split("\nfix: ", 1)
        if etype == "enum":
            msg = msg.replace("Input should be", "expected one of")
            allowed = re.findall(r"'([^']*)'", str(err.get("ctx", {}).get("expected", "")))
            close = difflib.get_close_matches(str(err.get("input")), allowed, n=1, cutoff=0.6)
            if close:
                fix = f"did you mean '{close[0]}'?"
        number = _number_as_written(err, loc, lines, source_lines)
        if number is not None:
            msg, fix = number
        out.append((loc, etype, Problem(name, line_for(lines, loc), dotted(loc), msg, fix)))
    # a misspelt key also leaves its real one missing: say it once, at the misspelling
    meant = {loc[:-1] + (_close_field(loc),) for loc, etype, _ in out
             if etype == "extra_forbidden" and _close_field(loc)}
    return [p for loc, etype, p in out if not (etype == "missing" and loc in meant)]


def _number_as_written(err: dict, loc: tuple, lines: dict,
                       source_lines: list[str]) -> tuple[str, str] | None:
    """For a code YAML read as a number (``cameo: 057`` arrives as 47), the message and fix
    that quote what the file has, read from its line: only the text says which it was."""
    value = err.get("input")
    if not (loc and loc[-1] == "cameo" and isinstance(value, int)) or isinstance(value, bool):
        return None
    line = line_for(lines, loc)
    if not line or line > len(source_lines):
        return None
    m = re.search(r"\bcameo:\s*([0-9_]+)", source_lines[line - 1])
    if m is None:
        return None
    from jirga.vocab.codes import cameo_codes

    written = m[1]
    octal = written.startswith("0") and len(written) > 1
    how = (f"which YAML read as the octal number {value}" if octal and str(value) != written
           else f"which YAML read as the number {value}")
    msg = f"the file has {written}, {how}; a CAMEO code is text and keeps its leading zeros"
    if written not in cameo_codes() and "0" + written in cameo_codes():
        return msg, f"quote it with its leading zero: '0{written}'"
    return msg, f"quote it: '{written}'"


def _close_field(loc: tuple) -> str | None:
    """The field the model has at ``loc``'s parent whose name is closest to the unknown key
    (``positon`` -> ``position``), by walking the case schema down the path."""
    names = _field_names(loc[:-1])
    close = difflib.get_close_matches(str(loc[-1]), sorted(names), n=1, cutoff=0.6)
    return close[0] if close else None


def _field_names(path: tuple) -> set[str]:
    """Field names (and aliases) of the model found at ``path`` below :class:`Case`."""
    import typing

    from pydantic import BaseModel

    def models_in(tp) -> list[type[BaseModel]]:
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            return [tp]
        return [m for arg in typing.get_args(tp) for m in models_in(arg)]

    def walk(tp, rest: tuple) -> set[str]:
        if not rest:
            return {n for m in models_in(tp) for f, info in m.model_fields.items()
                    for n in (f, info.alias) if n}
        head, tail = rest[0], rest[1:]
        origin = typing.get_origin(tp)
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            for f, info in tp.model_fields.items():
                if head in (f, info.alias):
                    return walk(info.annotation, tail)
            return set()
        if origin in (list, tuple) and isinstance(head, int):
            return walk(typing.get_args(tp)[0], tail)
        if origin is dict:
            return walk(typing.get_args(tp)[1], tail)
        return set().union(*(walk(arg, rest) for arg in typing.get_args(tp))) \
            if typing.get_args(tp) else set()

    return walk(Case, tuple(path))


def dump_case(case: Case) -> str:
    """Serialise a case back to YAML (round-trips through :func:`parse_case`)."""
    data = case.model_dump(mode="json", by_alias=True, exclude_none=True)
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
