"""When and where each candidate event happened, from the dates and places of its sentence.

A candidate takes the date nearest to it in its clause, else the sentence's opening date;
"…, and then X" follows the last date read (at its month), and an anaphoric "this
visit … after X" puts X on or before that date. The place is the first named after the
trigger in its clause (before the next trigger), else the last before it.
"""

from __future__ import annotations

import re

from jirga.events.coder.dates import DateMention, month, on_or_before
from jirga.events.coder.model import Candidate
from jirga.vocab.dates import FuzzyDate

_AFTER = re.compile(r"\b(?:after|following|since)\s+(?:the\s+|a\s+|an\s+|this\s+|that\s+)?"
                    r"(?:[\w'’-]+\s+){0,4}$", re.IGNORECASE)
_AFTER_WORD = re.compile(r"\b(?:after|following)\b", re.IGNORECASE)


def is_sentence_initial(s: str, d: DateMention, cands: list[Candidate]) -> bool:
    """Whether ``d`` opens the sentence ("On 9 May, …"): then it dates every clause."""
    return d.start < 15 or (cands and d.end <= cands[0].start and s[d.end:d.end + 2].startswith(","))


def assign_date(c: Candidate, s: str, dates: list[DateMention], clauses, sentence_initial,
                anaphoric: bool, anchor_before: FuzzyDate | None) -> None:
    """Date ``c`` (leave it undated when its sentence and story give no date for it)."""
    c_start, c_end, then = clauses[c.clause]
    inside = [d for d in dates if c_start <= d.start < c_end
              and (not d.after_only or d.end <= c.start)]
    if inside:
        best = min(inside, key=lambda d: min(abs(d.start - c.end), abs(c.start - d.end)))
        c.date, c.date_text = best.date, best.text
        # "X did Y on D, days after Z": Z happened on or before D
        after = _AFTER_WORD.search(s, best.end, c.start) if best.end <= c.start else None
        if after and best.date.precision in ("day", "month"):
            c.date, c.date_text = on_or_before(best.date), f"before {best.text}"
        return
    if sentence_initial is not None:
        c.date, c.date_text = sentence_initial.date, sentence_initial.text
        return
    earlier = [d for d in dates if d.end <= c_start and d.date.precision in ("day", "month")]
    base = earlier[-1].date if earlier else anchor_before
    if then and base is not None:
        # "…, and then X": X follows the last date read; coded at that date's month, the
        # precision a reader can vouch for ("on or after" the day would be as true)
        c.date, c.date_text = month(base.earliest.year, base.earliest.month), "then"
        return
    if anaphoric and base is not None and _AFTER.search(s[max(0, c.start - 60):c.start]):
        c.date, c.date_text = on_or_before(base), "before the event it preceded"
        return


def assign_place(c: Candidate, s: str, locs, clauses, nxt: int | None = None) -> None:
    """Place ``c`` among ``locs`` (start, end, name, country) of its clause."""
    c_start, c_end, _ = clauses[c.clause]
    end = min(c_end, nxt) if nxt is not None and nxt > c.start else c_end
    inside = [loc for loc in locs if c_start <= loc[0] < end]
    if not inside:
        return
    after = [loc for loc in inside if loc[0] >= c.start]
    best = after[0] if after else inside[-1]
    c.location, c.loc_country = best[2], best[3]
