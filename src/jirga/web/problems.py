"""Errors as problem JSON (RFC 9457): one shape for every refusal the API makes.

The case boundary already speaks in :class:`~jirga.errors.Problem` (file, line, field,
message, fix); the API hands the same problems to the browser, with the field as a
dotted path into the case (``issues.0.positions.TTP.position``), so the page can put
each message next to the control that caused it.
"""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from jirga.errors import InputError, Problem

PROBLEM_TYPE = "application/problem+json"


class ProblemItem(BaseModel):
    """One thing wrong with a request."""

    field: str
    message: str
    fix: str | None = None
    line: int | None = None


class ProblemBody(BaseModel):
    """The body of every error response (``application/problem+json``)."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    problems: list[ProblemItem] = []


class ApiError(Exception):
    """A refusal with an HTTP status and the problems behind it."""

    def __init__(self, status: int, title: str, problems: list[ProblemItem] | None = None,
                 detail: str | None = None) -> None:
        super().__init__(title)
        self.status = status
        self.title = title
        self.problems = problems or []
        self.detail = detail or (self.problems[0].message if self.problems else title)


def items(problems: list[Problem], keep_lines: bool = False) -> list[ProblemItem]:
    """Boundary problems as API items (lines kept only when they refer to a file the user has)."""
    return [ProblemItem(field=p.field, message=p.message, fix=p.fix,
                        line=p.line if keep_lines else None) for p in problems]


def invalid(exc: InputError, title: str = "the case is not valid", keep_lines: bool = False
            ) -> ApiError:
    return ApiError(422, title, items(exc.problems, keep_lines))


def refuse(status: int, field: str, message: str, fix: str | None = None) -> ApiError:
    return ApiError(status, message, [ProblemItem(field=field, message=message, fix=fix)])


def response(status: int, title: str, problems: list[ProblemItem], detail: str | None = None
             ) -> JSONResponse:
    body = ProblemBody(title=title, status=status, detail=detail or title, problems=problems)
    return JSONResponse(body.model_dump(), status_code=status, media_type=PROBLEM_TYPE)


_FIXES = {
    "missing": "add this field",
    "extra_forbidden": "remove it or check its spelling",
    "json_invalid": "send a JSON body",
    "model_attributes_type": "send a JSON object",
    "dict_type": "send a JSON object",
    "list_type": "send a list",
    "string_type": "send text",
    "float_type": "send a number",
    "float_parsing": "send a number",
    "int_type": "send a whole number",
    "int_parsing": "send a whole number",
    "literal_error": "use one of the listed values",
    "enum": "use one of the listed values",
    "union_tag_invalid": "set 'op' to one of the listed values",
    "value_error": "change the value so that it meets the rule in the message",
    "greater_than_equal": "give a larger value",
    "less_than_equal": "give a smaller value",
    "string_too_long": "shorten it",
    "string_too_short": "give a value",
    "too_long": "send fewer items",
    "too_short": "send at least one item",
    "string_pattern_mismatch": "ids start with a letter and use letters, digits, _ - .",
    "date_from_datetime_parsing": "write the date as YYYY-MM-DD",
}


def _loc(loc: tuple[Any, ...]) -> str:
    """``actors[3].capability`` — the same notation as the case file's messages."""
    from jirga.case.yamlmap import dotted

    parts = tuple(p for p in loc if not (isinstance(p, str) and p.startswith("function-")))
    if parts and parts[0] == "body":
        parts = parts[1:]
    return dotted(parts)


def validation_items(errors: list[dict[str, Any]]) -> list[ProblemItem]:
    out = []
    for err in errors:
        msg = str(err.get("msg", "invalid value"))
        msg = msg.removeprefix("Value error, ")
        fix = _FIXES.get(str(err.get("type")))
        if "\nfix: " in msg:
            msg, fix = msg.split("\nfix: ", 1)
        out.append(ProblemItem(field=_loc(tuple(err.get("loc", ()))), message=msg, fix=fix))
    return out


async def on_validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
    return response(422, "the request is not valid", validation_items(list(exc.errors())))


async def on_api_error(_request: Request, exc: ApiError) -> JSONResponse:
    return response(exc.status, exc.title, exc.problems, exc.detail)


async def on_input_error(_request: Request, exc: InputError) -> JSONResponse:
    return response(422, "the input is not valid", items(exc.problems))
