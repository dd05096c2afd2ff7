"""A stance of one actor on one issue, and how it changed over the talks.

Part of the case schema (:mod:`jirga.case.schema` re-exports :class:`Stance` and
:class:`StanceVersion`). A stance holds what the case knows now; a stance that changed
also lists the earlier, dated versions, so that a forecast made "as of" a date reads the
stance known then (``Case.as_known_on``; docs/dated-positions.md).
"""

from __future__ import annotations

import datetime as dt

from pydantic import Field, field_validator, model_validator

from jirga.case.base import Id
from jirga.case.base import Strict as _Strict
from jirga.vocab.dates import FuzzyDate
from jirga.vocab.estimates import Estimate


def _check_position(v: Estimate) -> Estimate:
    msg = v.check_within(0, 100)
    if msg:
        raise ValueError(msg)
    return v


def _check_salience(v: Estimate | None) -> Estimate | None:
    msg = None if v is None else v.check_within(0, 1)
    if msg:
        raise ValueError(msg + " (salience is a share: 0 = does not care, 1 = cares most)")
    return v


def _check_known_date(v: FuzzyDate | None) -> FuzzyDate | None:
    """An ``as_of`` must have a last possible day: a back-test asks "was it known by D?"."""
    if v is not None and v.precision == "on_or_after":
        raise ValueError(
            f"'{v.text}' has no last day, so no forecast date could count it as known"
            "\nfix: write the day (or month) it was reported, or 'on or before DATE'")
    return v


class StanceVersion(_Strict):
    """An earlier stance of one actor on one issue, as known from ``as_of`` on.

    Written under a stance's ``history:``, oldest first. ``salience`` may be left out when
    only the position changed: it is then the current stance's salience.
    """

    as_of: FuzzyDate = Field(description="when this stance was known (reported)")
    position: Estimate
    salience: Estimate | None = Field(None, description="leave out if it did not change")
    sources: list[Id] = Field(default_factory=list)
    notes: str | None = None

    @field_validator("position")
    @classmethod
    def _pos_range(cls, v: Estimate) -> Estimate:
        return _check_position(v)

    @field_validator("salience")
    @classmethod
    def _sal_range(cls, v: Estimate | None) -> Estimate | None:
        return _check_salience(v)

    @field_validator("as_of")
    @classmethod
    def _known(cls, v: FuzzyDate) -> FuzzyDate:
        out = _check_known_date(v)
        assert out is not None
        return out


class Stance(_Strict):
    """One actor's stance on one issue: where it stands (0–100) and how much it cares (0–1).

    ``position``/``salience`` are the stance as the case knows it now — what every model
    reads. A stance that changed over the talks also gives ``as_of`` (when the current
    stance became known) and ``history`` (the earlier stances, each with its ``as_of``), so
    that a forecast made "as of" a date reads the stance known then
    (:meth:`Case.as_known_on`). Without ``history`` the stance is known all along.
    """

    position: Estimate
    salience: Estimate
    sources: list[Id] = Field(default_factory=list)
    notes: str | None = None
    as_of: FuzzyDate | None = Field(
        None, description="when the current stance became known; needed with history")
    history: list[StanceVersion] = Field(
        default_factory=list, exclude_if=lambda v: not v,
        description="earlier stances, oldest first, each as known from its as_of")

    @field_validator("position")
    @classmethod
    def _pos_range(cls, v: Estimate) -> Estimate:
        return _check_position(v)

    @field_validator("salience")
    @classmethod
    def _sal_range(cls, v: Estimate) -> Estimate:
        out = _check_salience(v)
        assert out is not None
        return out

    @field_validator("as_of")
    @classmethod
    def _known(cls, v: FuzzyDate | None) -> FuzzyDate | None:
        return _check_known_date(v)

    @model_validator(mode="after")
    def _dated(self) -> Stance:
        if not self.history:
            return self
        if self.as_of is None:
            raise ValueError(
                "history is given but the current stance has no as_of"
                "\nfix: add as_of: the date the current position was first reported")
        dates = [h.as_of for h in self.history] + [self.as_of]
        for k in range(1, len(dates)):
            if dates[k].latest <= dates[k - 1].latest:
                what = "the current stance's as_of" if k == len(dates) - 1 else f"history[{k}]"
                raise ValueError(
                    f"{what} ({dates[k]}) is not after history[{k - 1}] ({dates[k - 1]})"
                    "\nfix: list history oldest first, every entry before the current as_of")
        return self

    def known_on(self, day: dt.date) -> Stance:
        """The stance as known on ``day``: the latest version whose ``as_of`` had passed.

        Before the first dated version the first one is used: a stance is taken to have
        held before it was first reported (give the first entry a date at or before the
        talks began to make that true). The copy keeps the history known by ``day``, so
        ``known_on`` of a later day returns an equal stance.
        """
        if not self.history or self.as_of is None or self.as_of.latest <= day:
            return self.model_copy(deep=True)
        k = 0
        for i, h in enumerate(self.history):
            if h.as_of.latest <= day:
                k = i
        h = self.history[k]
        return Stance(position=h.position,
                      salience=h.salience if h.salience is not None else self.salience,
                      sources=list(h.sources), notes=h.notes, as_of=h.as_of,
                      history=[v.model_copy(deep=True) for v in self.history[:k]])


def last_day(when: dt.date | str | FuzzyDate) -> dt.date:
    """The day by which something dated ``when`` is certainly known (its interval's end)."""
    if isinstance(when, dt.datetime):
        return when.date()
    if isinstance(when, dt.date):
        return when
    if isinstance(when, FuzzyDate):
        return when.latest
    if isinstance(when, str):
        return FuzzyDate.model_validate(when).latest
    raise TypeError(f"expected a date, a FuzzyDate or its text, got {type(when).__name__}")
