"""The coder's records: the events it reports and the working state of one article.

Kept apart from the rules so that every step of the coder (mentions, roles, dates,
merging, inference) reads and fills the same few objects: a :class:`Candidate` per
verb-pattern trigger, the :class:`Mention` of an actor, and the :class:`StoryState`
that carries what earlier sentences established (anchor date, last armed group, last
agreement) into later ones.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from jirga.vocab.codes import cameo_name
from jirga.vocab.dates import FuzzyDate

# the country an actor belongs to: an act abroad targets that country's government,
# and bare "soldiers" or "civilians" belong to the article's main country
ACTOR_COUNTRY = {"PAK_GOV": "PAK", "PAK_ARMY": "PAK", "PAK_CIVILIANS": "PAK", "TTP": "PAK",
                 "BLA": "PAK", "AFG": "AFG",
                 "AFG_TALIBAN": "AFG", "USA": "USA", "CHINA": "CHN", "IND": "IND", "IRN": "IRN",
                 "RUS": "RUS", "QAT": "QAT", "SAU": "SAU", "TUR": "TUR", "GBR": "GBR"}

# CAMEO roots of violence (unconventional, conventional, mass violence): merged as one family
VIOLENT_ROOTS = {"18", "19", "20"}


@dataclass
class ExtractedEvent:
    """One event read from an article."""

    id: str
    date: FuzzyDate | None
    source: str
    targets: list[str]
    cameo: str
    location: str | None
    sentence: str
    trigger: str
    footnotes: list[int] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    source_text: str = ""
    target_text: str = ""
    date_text: str = ""
    deaths: int | None = None
    injured: int | None = None

    @property
    def name(self) -> str:
        return cameo_name(self.cameo)

    @property
    def target(self) -> str:
        return ";".join(self.targets)

    def as_row(self) -> dict:
        return {
            "id": self.id, "date": self.date.text if self.date else "",
            "date_precision": self.date.precision if self.date else "",
            "source": self.source, "target": self.target, "cameo": self.cameo,
            "event": self.name, "location": self.location or "",
            "deaths": "" if self.deaths is None else self.deaths,
            "injured": "" if self.injured is None else self.injured,
            "footnotes": ";".join(str(n) for n in self.footnotes),
            "references": " | ".join(self.references), "trigger": self.trigger,
            "sentence": self.sentence,
        }


@dataclass
class Mention:
    """An actor named (or implied by a role noun) at ``start:end`` of a sentence; ``start``
    is -1 for an actor carried over from an earlier clause or sentence."""

    start: int
    end: int
    actor: str
    text: str
    kind: str


@dataclass
class Candidate:
    """A verb-pattern trigger on its way to becoming an event: the steps fill its roles,
    date, place and footnotes, and may drop it (merged into another, or only a frame)."""

    code: str
    kind: str
    start: int
    end: int
    text: str
    clause: int
    passive: bool = False
    source: str | None = None
    targets: list[str] = field(default_factory=list)
    source_text: str = ""
    target_text: str = ""
    date: FuzzyDate | None = None
    date_text: str = ""
    location: str | None = None
    loc_country: str | None = None
    footnotes: list[int] = field(default_factory=list)
    dropped: bool = False
    sentence: int = 0

    @property
    def root(self) -> str:
        return self.code[:2]


@dataclass
class StoryState:
    """What the sentences read so far established, for the ones that refer back to it."""

    published: dt.date | None = None
    anchor: FuzzyDate | None = None
    last_armed: str | None = None
    last_subject: str | None = None
    home: str | None = None
    agreements: list[tuple[str, str]] = field(default_factory=list)
    recent: list[Candidate] = field(default_factory=list)
    sentence: int = 0
    talks: tuple[str, str] | None = None
    #: the case's principals: what "both sides" and "the warring parties" stand for
    principals: tuple[str, ...] = ()

    def sides(self) -> tuple[str, ...]:
        """The two sides "both sides" refers to: the last agreement's parties, else the
        case's principals, else the last talks' parties."""
        if self.agreements:
            return self.agreements[-1]
        if len(self.principals) >= 2:
            return self.principals
        return self.talks or ()

