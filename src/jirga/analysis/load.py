"""Loading a case with the models' own declarations checked at the boundary.

The case layer validates the file's structure; each model declares the parameters a
case may set (:func:`jirga.models.ceasefire.params.parameter_problems`). This layer sits
above both and joins them, so `jirga validate` refuses ``war_cots`` or
``fighters@2021-13-01`` with file, line, field and fix, before any model runs.
"""

from __future__ import annotations

from pathlib import Path

from jirga.case import io
from jirga.case.schema import Case


def model_checks() -> list[io.CaseCheck]:
    """Every model's parameter check, in a fixed order."""
    from jirga.models.ceasefire.declared import parameter_problems

    return [parameter_problems]


def load_case(path_or_id: str | Path) -> Case:
    """:func:`jirga.case.io.load_case` plus the models' parameter checks."""
    return io.load_case(path_or_id, checks=model_checks())


def parse_case(text: str, name: str = "<case>") -> Case:
    """:func:`jirga.case.io.parse_case` plus the models' parameter checks."""
    return io.parse_case(text, name, checks=model_checks())
