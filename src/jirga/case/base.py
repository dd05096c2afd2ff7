"""What every part of a case shares: the id type and the strict pydantic base.

Kept apart from :mod:`jirga.case.schema` so that the schema's parts in other modules
(:mod:`jirga.case.stances`) use the same rules without importing the whole schema.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from jirga.case.limits import MAX_ID

Id = Annotated[
    str,
    Field(
        pattern=r"^[A-Za-z][A-Za-z0-9_.-]*$",
        max_length=MAX_ID,
        description="Identifier: a letter, then letters, digits, '_', '-' or '.'",
    ),
]


class Strict(BaseModel):
    """Unknown fields are errors (a misspelt key must not be silently dropped)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)
