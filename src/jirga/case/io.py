"""Load case files: YAML in, a validated :class:`~jirga.case.schema.Case` out.

This is the case's boundary. Every problem in a file (syntax, field values,
dangling references, duplicates) is collected and raised together as one
:class:`~jirga.errors.InputError`, each problem naming file, line, field and fix.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from importlib import resources
from pathlib import Path as FsPath
from typing import Any

import yaml
from pydantic import ValidationError

from jirga.case.crossref import check_references
from jirga.case.schema import Case
from jirga.case.yamlmap import dotted, line_for, load_with_lines
from jirga.errors import InputError, Problem

_BUILTIN_PACKAGE = "jirga.case.builtin"


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
        raw = path.read_bytes()
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
    """Validate case YAML ``text``; ``name`` is used in messages; ``checks`` as in load_case."""
    try:
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
        problems.append(Problem(name, line, dotted(path), f"key '{key}' is given twice",
                                "keep one of them"))
    for path, message, fix in check_references(data):
        problems.append(Problem(name, line_for(lines, path), dotted(path), message, fix))
    case = None
    try:
        case = Case.model_validate(data)
    except ValidationError as exc:
        problems.extend(_pydantic_problems(exc, name, lines, data))
    if case is not None:
        for check in checks:
            for path, message, fix in check(case):
                problems.append(Problem(name, line_for(lines, path), dotted(path), message, fix))
    if problems:
        problems.sort(key=lambda p: (p.line or 0, p.field))
        raise InputError(problems)
    assert case is not None
    return case


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
}


def _pydantic_problems(exc: ValidationError, name: str, lines: dict, data: Any) -> list[Problem]:
    out = []
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
        if "\nfix: " in msg:
            msg, fix = msg.split("\nfix: ", 1)
        elif etype == "enum":
            msg = msg.replace("Input should be", "expected one of")
        out.append(Problem(name, line_for(lines, loc), dotted(loc), msg, fix))
    return out


def dump_case(case: Case) -> str:
    """Serialise a case back to YAML (round-trips through :func:`parse_case`)."""
    data = case.model_dump(mode="json", by_alias=True, exclude_none=True)
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
