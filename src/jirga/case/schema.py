"""The case: a sourced, uncertain description of a mediated negotiation.

A case file (YAML) is validated once, at the boundary, into these pydantic
models; the models downstream trust them. Field-level rules (ranges, dates,
CAMEO codes) live here; rules that need the whole file (does this actor id
exist? is this id used twice?) live in :mod:`jirga.case.crossref` so that all
problems in a file are reported together.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from pydantic import Field, field_validator, model_validator

from jirga.case.base import Id
from jirga.case.base import Strict as _Strict
from jirga.case.limits import short
from jirga.case.stances import Stance, StanceVersion, last_day  # noqa: F401  (part of the schema)
from jirga.vocab.codes import cameo_codes
from jirga.vocab.dates import FuzzyDate
from jirga.vocab.estimates import Estimate

if TYPE_CHECKING:  # pandas is imported by the frame methods only: `jirga validate` stays fast
    import pandas as pd


class ActorKind(StrEnum):
    state = "state"
    state_security_force = "state_security_force"
    armed_group = "armed_group"
    de_facto_government = "de_facto_government"
    international_actor = "international_actor"
    international_organisation = "international_organisation"
    civil_society = "civil_society"
    civilians = "civilians"
    terrorist_network = "terrorist_network"
    other = "other"


class Role(StrEnum):
    party = "party"
    mediator = "mediator"
    facilitator = "facilitator"
    guarantor = "guarantor"
    patron = "patron"
    spoiler = "spoiler"
    observer = "observer"
    affected = "affected"


class RelationKind(StrEnum):
    shelters = "shelters"
    hosts = "hosts"
    allied = "allied"
    hostile = "hostile"
    patron_of = "patron_of"
    mediates_between = "mediates_between"
    negotiates_with = "negotiates_with"
    splinter_of = "splinter_of"
    subordinate_to = "subordinate_to"


class Source(_Strict):
    """A document behind a claim: an article, a report, a data set."""

    id: Id
    title: str
    author: str | None = None
    publisher: str | None = None
    url: str | None = None
    language: str | None = Field(None, description="ISO 639-1 code, e.g. en, ur, ps, fa")
    published: FuzzyDate | None = None
    accessed: FuzzyDate | None = None
    notes: str | None = None

    @field_validator("url")
    @classmethod
    def _web_url(cls, v: str | None) -> str | None:
        # Reports link to sources; only web addresses are safe to link.
        if v is not None and not re.match(r"^https?://\S+$", v):
            raise ValueError(f"expected a web address starting with http:// or https://, got {short(v)!r}")
        return v


class Actor(_Strict):
    """A party, mediator or stakeholder, with its capability as an estimate (0–100)."""

    id: Id
    name: str
    aliases: list[str] = Field(default_factory=list, description="other spellings and languages")
    kind: ActorKind
    role: Role
    capability: Estimate = Field(description="share of the power that bears on the talks, 0–100")
    interests: list[str] = Field(default_factory=list)
    notes: str | None = None
    parameters: dict[str, Estimate] = Field(
        default_factory=dict, description="model parameters for this actor (ranges)"
    )
    sources: list[Id] = Field(default_factory=list)

    @field_validator("capability")
    @classmethod
    def _cap_range(cls, v: Estimate) -> Estimate:
        msg = v.check_within(0, 100)
        if msg:
            raise ValueError(msg)
        return v


class Scale(_Strict):
    """What the ends of an issue's 0–100 scale mean."""

    zero: str = Field(alias="0")
    hundred: str = Field(alias="100")

    @model_validator(mode="before")
    @classmethod
    def _int_keys(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {str(k): v for k, v in value.items()}
        return value


class Issue(_Strict):
    """A question on the table, scaled 0–100, with each actor's stance."""

    id: Id
    question: str
    scale: Scale
    positions: dict[Id, Stance]
    sources: list[Id] = Field(default_factory=list)
    notes: str | None = None


class EndType(StrEnum):
    """How an agreement ended — data, because models must tell a breakdown from an expiry.

    Only ``broken`` is a breakdown. A truce that ran its term (``expired``), gave way to
    another (``replaced``) or to a settlement (``settlement``) did not break; models and
    scores treat those endings as censoring (see docs/ceasefire-model.md).
    """

    broken = "broken"
    expired = "expired"
    replaced = "replaced"
    settlement = "settlement"
    ongoing = "ongoing"
    unknown = "unknown"


class Side(StrEnum):
    unilateral = "unilateral"
    bilateral = "bilateral"
    multilateral = "multilateral"


class Purpose(StrEnum):
    humanitarian = "humanitarian"
    peace_process = "peace_process"
    holiday = "holiday"


class Agreement(_Strict):
    """A ceasefire, talks framework or deal: who, when, how it ended.

    The fields after ``terms`` describe the agreement the way the ETH/PRIO ceasefire data
    do, so the cross-national duration model can place it among 2,203 others; leave out
    what is not known.
    """

    id: Id
    kind: str = Field(description="ceasefire, talks_framework, prisoner_exchange, peace_agreement…")
    name: str | None = None
    parties: list[Id]
    mediators: list[Id] = Field(default_factory=list)
    facilitators: list[Id] = Field(default_factory=list)
    guarantors: list[Id] = Field(default_factory=list)
    start: FuzzyDate
    end: FuzzyDate | None = Field(None, description="leave out while the agreement holds")
    end_type: EndType | None = Field(
        None, description="broken, expired, replaced, settlement, ongoing or unknown; "
                          "with an end and ended_by but no end_type, 'broken' is assumed")
    ended_by: Id | None = Field(None, description="the side that broke it (broken only)")
    end_reason: str | None = None
    terms: list[str] = Field(default_factory=list)
    side: Side | None = Field(None, description="unilateral, bilateral or multilateral "
                                                "(default: from the number of parties)")
    written: bool | None = None
    purpose: list[Purpose] = Field(default_factory=list)
    implementation: bool | None = Field(
        None, description="an implementation or monitoring mechanism was agreed")
    enforcement: bool | None = Field(None, description="external or UN enforcement")
    ddr: bool | None = Field(None, description="disarmament, demobilisation, reintegration")
    ceasefire_class: int | None = Field(
        None, ge=1, le=3, description="1 cessation of hostilities, 2 with compliance "
                                      "mechanisms, 3 definitive (ETH/PRIO)")
    parameters: dict[str, Estimate] = Field(default_factory=dict)
    sources: list[Id] = Field(default_factory=list)
    notes: str | None = None

    @model_validator(mode="after")
    def _order(self) -> Agreement:
        if self.end is not None and self.end.latest < self.start.earliest:
            raise ValueError(f"end {self.end} is before start {self.start}")
        if self.ended_by is not None and self.end is None:
            raise ValueError("ended_by is given but end is not; add the end date")
        if self.end_type == EndType.ongoing and self.end is not None:
            raise ValueError("end_type is 'ongoing' but an end date is given\n"
                             "fix: remove the end date, or say how it ended "
                             "(broken, expired, replaced, settlement)")
        if self.end_type not in (None, EndType.ongoing) and self.end is None:
            raise ValueError(f"end_type is '{self.end_type.value}' but no end date is given\n"
                             "fix: add the end date (a month or a range is fine)")
        if self.ended_by is not None and self.end_type not in (None, EndType.broken):
            raise ValueError(f"ended_by is given but end_type is '{self.end_type.value}'; "
                             "only a broken agreement is ended by a side\nfix: remove ended_by "
                             "(say who declined to renew it in end_reason) or set end_type: broken")
        return self

    @property
    def ending(self) -> EndType:
        """How it ended: ``end_type``, else ``broken`` when a side ended it, else ``ongoing``
        without an end and ``unknown`` with one."""
        if self.end_type is not None:
            return self.end_type
        if self.end is None:
            return EndType.ongoing
        return EndType.broken if self.ended_by is not None else EndType.unknown

    @property
    def third_parties(self) -> list[str]:
        """Every mediator, guarantor and facilitator, in that order (the first leads), once each."""
        return list(dict.fromkeys([*self.mediators, *self.guarantors, *self.facilitators]))

    @property
    def sides(self) -> Side:
        if self.side is not None:
            return self.side
        n = len(self.parties)
        return Side.unilateral if n <= 1 else Side.bilateral if n == 2 else Side.multilateral

    @property
    def fixed_term_days(self) -> int | None:
        e = self.parameters.get("fixed_term_days")
        return int(round(e.mode)) if e is not None else None


_CAMEO_RE = re.compile(r"^\d{2,4}$")


class DateClaim(_Strict):
    """A date that another source gives for the same event, when sources disagree."""

    date: FuzzyDate
    sources: list[Id] = Field(default_factory=list)
    notes: str | None = None


class Event(_Strict):
    """A dated interaction between actors, coded in CAMEO."""

    id: Id
    date: FuzzyDate
    source: Id = Field(description="the acting actor's id")
    target: list[Id] = Field(description="the actor(s) acted upon")
    cameo: str = Field(description="CAMEO code, e.g. '0871' (declare ceasefire)")
    description: str
    location: str | None = None
    fatalities: int | None = Field(None, ge=0)
    sources: list[Id] = Field(default_factory=list)
    other_dates: list[DateClaim] = Field(
        default_factory=list, description="dates other sources give, when they disagree"
    )

    @field_validator("target", mode="before")
    @classmethod
    def _one_or_many(cls, v: Any) -> Any:
        return [v] if isinstance(v, str) else v

    @field_validator("cameo", mode="before")
    @classmethod
    def _cameo(cls, v: Any) -> str:
        if isinstance(v, int) and not isinstance(v, bool):
            # YAML 1.1 reads 057 as the octal number 47 and 0871 as text: the code as
            # written is the octal form when that is a code and the decimal one is not
            octal = "0" + format(v, "o")
            guess = octal if octal in cameo_codes() and str(v) not in cameo_codes() else str(v)
            raise ValueError(
                f"CAMEO code read as the number {v} (YAML drops leading zeros and reads a "
                f"number starting with 0, such as {octal}, as octal)"
                f"\nfix: quote the code as written, e.g. '{guess}'")
        if not isinstance(v, str) or not _CAMEO_RE.match(v):
            raise ValueError(f"expected a CAMEO code of 2–4 digits such as '0871', got {short(v)!r}")
        if v not in cameo_codes():
            raise ValueError(
                f"'{v}' is not in the CAMEO code book\nfix: find the right code with "
                "`jirga codes WORD`, e.g. `jirga codes ceasefire`"
            )
        return v


class Relation(_Strict):
    """A standing tie between two actors (A shelters B, A is hostile to B…)."""

    source: Id
    target: Id | list[Id]
    kind: RelationKind
    strength: Estimate = Field(default_factory=lambda: Estimate(low=0.5, mode=0.5, high=0.5),
                               description="0–1")
    notes: str | None = None
    sources: list[Id] = Field(default_factory=list)

    @field_validator("strength")
    @classmethod
    def _strength_range(cls, v: Estimate) -> Estimate:
        msg = v.check_within(0, 1)
        if msg:
            raise ValueError(msg)
        return v

    @property
    def targets(self) -> list[str]:
        return [self.target] if isinstance(self.target, str) else list(self.target)


class Region(StrEnum):
    africa = "africa"
    americas = "americas"
    asia = "asia"
    europe = "europe"
    middle_east = "middle_east"


class ClaimCheck(StrEnum):
    """Model quantities a claim can be checked against."""

    no_step_back_means_renewed_conflict = "no_step_back_means_renewed_conflict"
    mediator_lowers_breakdown = "mediator_lowers_breakdown"
    breakdown_within_180_days_likely = "breakdown_within_180_days_likely"


class Analysis(_Strict):
    """Settings the models read from the case."""

    principals: list[Id] = Field(
        default_factory=list,
        description="the two main bargaining parties (state first, armed group second)",
    )
    agreement_zone: float = Field(
        10.0, gt=0, le=100,
        description="principals ending within this distance (0–100 scale) count as agreeing",
    )
    as_of: FuzzyDate | None = Field(None, description="the date the case describes")
    region: Region | None = Field(
        None, description="africa, americas, asia, europe or middle_east (ETH/PRIO's regions; "
                          "the cross-national ceasefire model uses it)")


class Claim(_Strict):
    """A claim the case wants checked against a model quantity (e.g. a seed article's thesis)."""

    id: Id
    text: str = Field(description="the claim in the words of its source")
    check: ClaimCheck = Field(description="which model quantity tests it")
    threshold: float = Field(0.95, gt=0, le=1, description="the share that counts as support")
    sources: list[Id] = Field(default_factory=list)


class Case(_Strict):
    """A whole case file."""

    id: Id
    title: str
    summary: str
    question: str | None = Field(None, description="the analyst's question for this case")
    analysis: Analysis = Field(default_factory=Analysis)
    sources: list[Source]
    actors: list[Actor]
    issues: list[Issue] = Field(default_factory=list)
    agreements: list[Agreement] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)

    # ---- lookups -----------------------------------------------------------
    def actor(self, actor_id: str) -> Actor:
        """The actor with this id (KeyError names the known ids)."""
        for a in self.actors:
            if a.id == actor_id:
                return a
        raise KeyError(f"no actor {actor_id!r}; known: {', '.join(a.id for a in self.actors)}")

    def issue(self, issue_id: str) -> Issue:
        for i in self.issues:
            if i.id == issue_id:
                return i
        raise KeyError(f"no issue {issue_id!r}; known: {', '.join(i.id for i in self.issues)}")

    def source(self, source_id: str) -> Source:
        for s in self.sources:
            if s.id == source_id:
                return s
        raise KeyError(f"no source {source_id!r}")

    def principals(self) -> tuple[str, str] | None:
        """The two sides whose gap every model measures — one rule for all of them.

        ``analysis.principals`` when given; else the first state and the first armed
        group; else the first two parties; ``None`` when the case has no two sides.
        """
        if len(self.analysis.principals) >= 2:
            return self.analysis.principals[0], self.analysis.principals[1]
        state = next((a.id for a in self.actors if a.kind.value == "state"), None)
        group = next((a.id for a in self.actors if a.kind.value == "armed_group"), None)
        if state is not None and group is not None:
            return state, group
        parties = [a.id for a in self.actors if a.role == Role.party]
        return (parties[0], parties[1]) if len(parties) >= 2 else None

    @property
    def mediators(self) -> list[Actor]:
        return [a for a in self.actors if a.role == Role.mediator]

    # ---- as known on a date --------------------------------------------------
    def as_known_on(self, when: dt.date | str | FuzzyDate) -> Case:
        """A copy of the case whose stances are those known on ``when``.

        A forecast made "as of" a date must not read a position reported later; each
        stance becomes :meth:`Stance.known_on` that day (a stance without ``history`` is
        known all along, so a case without dated stances comes back equal). ``when`` may
        be a date, a :class:`FuzzyDate` or its text; a month or a span counts as known on
        its last day. Events and agreements are left whole: the models filter them by
        their own ``as_of``.
        """
        day = last_day(when)
        new = self.model_copy(deep=True)
        for issue in new.issues:
            issue.positions = {a: st.known_on(day) for a, st in issue.positions.items()}
        return new

    # ---- frames ------------------------------------------------------------
    def actors_frame(self) -> pd.DataFrame:
        """One row per actor: role, kind, capability range, aliases, sources."""
        import pandas as pd

        return pd.DataFrame(
            [
                {
                    "id": a.id, "name": a.name, "kind": a.kind.value, "role": a.role.value,
                    "capability": a.capability.mode, "capability_low": a.capability.low,
                    "capability_high": a.capability.high, "aliases": "; ".join(a.aliases),
                    "sources": "; ".join(a.sources),
                }
                for a in self.actors
            ]
        )

    def positions_frame(self) -> pd.DataFrame:
        """One row per (issue, actor): position and salience with their ranges."""
        import pandas as pd

        rows = []
        for issue in self.issues:
            for actor_id, st in issue.positions.items():
                rows.append({
                    "issue": issue.id, "actor": actor_id,
                    "position": st.position.mode, "position_low": st.position.low,
                    "position_high": st.position.high,
                    "salience": st.salience.mode, "salience_low": st.salience.low,
                    "salience_high": st.salience.high,
                    "sources": "; ".join(st.sources),
                })
        return pd.DataFrame(rows)

    def events_frame(self) -> pd.DataFrame:
        """One row per event, sorted by date, with its date interval and Goldstein score."""
        import pandas as pd

        from jirga.vocab.codes import goldstein

        rows = [
            {
                "id": e.id, "date": e.date.text, "earliest": e.date.earliest,
                "latest": e.date.latest, "precision": e.date.precision,
                "source": e.source, "target": "; ".join(e.target), "cameo": e.cameo,
                "goldstein": goldstein(e.cameo), "description": e.description,
                "location": e.location, "fatalities": e.fatalities,
                "sources": "; ".join(e.sources),
            }
            for e in self.events
        ]
        frame = pd.DataFrame(rows)
        if not frame.empty:
            frame = frame.sort_values(["earliest", "id"], kind="stable").reset_index(drop=True)
        return frame
