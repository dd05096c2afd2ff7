"""The web's case boundary: a case as JSON is checked exactly as a case file is.

The same three checks as :func:`jirga.analysis.load.parse_case` — cross-references
(unknown actors, duplicate ids), the schema, the models' parameter declarations — but on
a mapping, without a YAML round trip, because every slider move passes through here.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from jirga.analysis.load import model_checks
from jirga.case.crossref import check_references
from jirga.case.schema import Case
from jirga.case.yamlmap import dotted
from jirga.web.problems import ApiError, ProblemItem, validation_items


def case_data(case: Case) -> dict[str, Any]:
    """The case as the JSON a client sends back (the shape of a case file)."""
    return case.model_dump(mode="json", by_alias=True, exclude_none=True)


def validate_data(data: Any, title: str = "the case is not valid") -> Case:
    """A validated :class:`Case` from ``data``, or an :class:`ApiError` (422) naming every problem."""
    problems: list[ProblemItem] = []
    if not isinstance(data, dict):
        raise ApiError(422, title, [ProblemItem(field="", message="expected a case (a JSON object)",
                                                fix="send the case as an object")])
    for path, message, fix in check_references(data):
        problems.append(ProblemItem(field=dotted(path), message=message, fix=fix))
    case = None
    try:
        case = Case.model_validate(data)
    except ValidationError as exc:
        problems.extend(validation_items(list(exc.errors(include_url=False))))
    if case is not None:
        for check in model_checks():
            for path, message, fix in check(case):
                problems.append(ProblemItem(field=dotted(path), message=message, fix=fix))
    if problems:
        raise ApiError(422, title, problems)
    assert case is not None
    return case
