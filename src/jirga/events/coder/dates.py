"""Date expressions in running text, resolved to :class:`FuzzyDate` with their precision.

Absolute: "December 17, 2022", "30 November 2022", "17.12.2022", "2022-12-17",
"Dec. 17", "in May 2022", "early May 2022", "in 2007". Relative: "three days later",
"the next day", "a week later", "yesterday", "on Tuesday", "last month", "two weeks
ago", "since November 2022" (on or after), "by March 2023" (on or before).

Relative expressions that count forward or back from the story ("later", "the next
day") use the *anchor*: the last date the article mentioned; expressions that count
from today ("yesterday", "on Tuesday", "last week") use the publication date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from jirga.vocab.dates import FuzzyDate

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
_MON = r"(?:January|February|March|April|May|June|July|August|September|October|November|" \
       r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
           "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
           "several": 3, "a few": 3, "few": 3, "couple of": 2, "a couple of": 2}
_NUM = r"(?:\d{1,3}|a couple of|a few|several|an?|one|two|three|four|five|six|seven|eight|" \
       r"nine|ten|eleven|twelve)"
_MOD = r"(?P<mod>since|by|until|till|before|after|from|in|on|during|as of|early|mid-?|late|" \
       r"the end of|end of|the beginning of|beginning of|the start of|start of|" \
       r"at the end of|at the beginning of|in early|in mid-?|in late)?\s*"

_PATTERNS = [
    # 5-7 May 2022 / between 5 and 7 May 2022 / from 5 to 7 May 2022
    ("dspan", rf"(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s*(?:-|–|to|and)\s*(?P<d>\d{{1,2}})"
              rf"(?:st|nd|rd|th)?\s+(?P<m>{_MON}),?\s+(?P<y>\d{{4}})"),
    # from 1 to 3 March / 1-3 March (year from context)
    ("dmspan", rf"(?:from\s+)?(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s*(?:-|–|to|and)\s*(?P<d>\d{{1,2}})"
               rf"(?:st|nd|rd|th)?\s+(?P<m>{_MON})(?!,?\s*\d)"),
    # May 13 and 14 / May 13-14, 2022 (year from context when not written)
    ("mdspan", rf"(?P<m>{_MON})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s*(?:-|–|to|and)\s*"
               rf"(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>\d{{4}}))?"),
    # the summer of 2022
    ("season", r"(?:the\s+)?(?P<season>spring|summer|autumn|fall|winter)\s+(?:of\s+)?"
               r"(?P<y>(?:19|20)\d{2})"),
    # 17 December 2022 / 17th of December, 2022
    ("dmy", rf"(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?\s+(?P<m>{_MON}),?\s+(?P<y>\d{{4}})"),
    # December 17, 2022 / Dec. 17th 2022
    ("mdy", rf"(?P<m>{_MON})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})"),
    # 17.12.2022 / 17/12/2022
    ("num", r"(?P<d>\d{1,2})[./](?P<m>\d{1,2})[./](?P<y>\d{4})"),
    ("iso", r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"),
    # May 2022
    ("my", rf"(?P<m>{_MON}),?\s+(?P<y>\d{{4}})"),
    # December 17 / 17 December (year from context)
    ("md", rf"(?P<m>{_MON})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?!,?\s*\d{{4}})"),
    ("dm", rf"(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?\s+(?P<m>{_MON})(?!,?\s*\d{{4}})"),
    # relative
    ("later", rf"(?P<n>{_NUM})\s+(?P<unit>days?|weeks?|months?|years?)\s+"
              r"(?P<dir>later|afterwards|earlier|(?:after|before)(?=\s*[,.;:)]|\s*$))"),
    ("ago", rf"(?P<n>{_NUM})\s+(?P<unit>days?|weeks?|months?|years?)\s+ago"),
    # "two days after insurgents killed …": the act that follows is N units before the date
    # read last (the sentence's or the story's), "a week before X" N units after it
    ("relation", rf"(?P<n>{_NUM})\s+(?P<unit>days?|weeks?|months?)\s+(?P<dir>after|before)"
                 r"(?=\s+(?!the\s+(?:attack|strike|visit|meeting|talks|deal|agreement|"
                 r"ceasefire|truce)\b)\w)"),
    ("next", r"(?:the\s+)?(?P<which>next|following|previous|preceding)\s+(?P<unit>day|week|month|year)"),
    ("daybefore", r"the\s+day\s+(?P<which>before|after)(?!\s+(?:the|a|an|this|that|\w+'s)\b)"),
    ("then", r"(?P<which>since\s+then|ever\s+since|later\s+that\s+(?:day|night|week|month|"
             r"year)|(?:that\s+)?same\s+(?:day|night)|the\s+same\s+(?:day|night)|"
             r"that\s+(?:day|night))"),
    ("yday", r"(?P<which>yesterday|today|tonight|this morning|last night|the day before yesterday)"),
    ("wd", rf"(?:on\s+|last\s+|this\s+|early\s+|late\s+)?(?P<wd>{_WD})"
           r"(?:\s+(?:morning|afternoon|evening|night))?"),
    ("rel", r"(?P<which>last|this|earlier this|later this|next)\s+(?P<unit>week|month|year)"),
    # "in May", "since June": a month of the current story year
    ("mon", rf"(?P<prep>in|since|by|until|till|during|early|late|mid-?|from|before|after)\s+"
            rf"(?P<m>{_MON})(?![\w-]|,?\s*\d)"),
    # in 2007 (only with a preposition; a bare number is too ambiguous)
    ("y", r"(?P<prep>in|since|by|until|during|from|before|after|early|late|mid-?|"
          r"(?:at\s+)?the\s+(?:end|beginning|start|middle)\s+of)\s+"
          r"(?P<y>(?:19|20)\d{2})(?![\d-])"),
]
_GROUPS = ("mod", "d1", "d", "m", "y", "n", "unit", "which", "dir", "wd", "prep", "season")


def _build(name: str, pat: str) -> str:
    if name in ("dmy", "mdy", "num", "iso", "my", "md", "dm", "dspan", "mdspan", "dmspan"):
        pat = _MOD + pat
    for grp in _GROUPS:
        pat = pat.replace(f"(?P<{grp}>", f"(?P<{grp}_{name}>")
    return f"(?P<{name}>{pat}(?![\\w-]))"


_DATE_RE = re.compile("(?<![\\w-])(?=[\\w])(?:" + "|".join(_build(n, p) for n, p in _PATTERNS)
                      + ")", re.IGNORECASE)
_CAP_MONTH = re.compile(_MON)
# cheap test: a sentence without any of these holds no date expression
_GATE = re.compile(
    r"\d|January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec|day|night|morning|week|month|year|since",
    re.IGNORECASE,
)


@dataclass
class DateMention:
    start: int
    end: int
    text: str
    date: FuzzyDate
    relative: bool  # resolved against the anchor or publication date
    after_only: bool = False  # dates only the act written after it ("two days after X")


def _fd(text: str, a: dt.date, b: dt.date, precision: str) -> FuzzyDate:
    return FuzzyDate.model_construct(text=text, earliest=a, latest=b, precision=precision)


def day(d: dt.date) -> FuzzyDate:
    return _fd(d.isoformat(), d, d, "day")


def month(y: int, m: int) -> FuzzyDate:
    last = calendar.monthrange(y, m)[1]
    return _fd(f"{y:04d}-{m:02d}", dt.date(y, m, 1), dt.date(y, m, last), "month")


def year(y: int) -> FuzzyDate:
    return _fd(f"{y:04d}", dt.date(y, 1, 1), dt.date(y, 12, 31), "year")


def on_or_after(d: FuzzyDate) -> FuzzyDate:
    base = d.text if d.precision in ("day", "month", "year") else d.earliest.isoformat()
    return _fd(f"on or after {base}", d.earliest, dt.date(2100, 12, 31), "on_or_after")


def on_or_before(d: FuzzyDate) -> FuzzyDate:
    if d.precision in ("day",):
        base = d.text
    elif d.precision in ("month", "year"):
        base = d.text
    else:
        base = d.latest.isoformat()
    return _fd(f"on or before {base}", dt.date(1900, 1, 1), d.latest, "on_or_before")


def _span(a: dt.date, b: dt.date) -> FuzzyDate:
    return _fd(f"{a.isoformat()}/{b.isoformat()}", a, b, "range")


def _shift(d: dt.date, n: int, unit: str) -> dt.date:
    unit = unit.rstrip("s").lower()
    if unit == "day":
        return d + dt.timedelta(days=n)
    if unit == "week":
        return d + dt.timedelta(days=7 * n)
    if unit == "month":
        m = d.month - 1 + n
        y = d.year + m // 12
        m = m % 12 + 1
        return dt.date(y, m, min(d.day, calendar.monthrange(y, m)[1]))
    return dt.date(d.year + n, d.month, min(d.day, calendar.monthrange(d.year + n, d.month)[1]))


def _num(text: str) -> int:
    t = text.lower().strip()
    return int(t) if t.isdigit() else NUMBERS.get(t, 1)


def _ref_day(anchor: FuzzyDate | None) -> dt.date | None:
    if anchor is None:
        return None
    if anchor.precision == "on_or_before":
        return anchor.latest
    return anchor.earliest


def find_dates(text: str, anchor: FuzzyDate | None, published: dt.date | None
               ) -> list[DateMention]:
    """All date expressions in ``text``, resolved; the anchor moves along as they are read."""
    out: list[DateMention] = []
    if not _GATE.search(text):
        return out
    for m in _DATE_RE.finditer(text):
        kind = m.lastgroup
        g = {k.rsplit("_", 1)[0]: v for k, v in m.groupdict().items()
             if v is not None and k.endswith("_" + kind)}
        raw = m.group(0)
        # month names must be capitalised ("may" is a verb, "march" a noun)
        if "m" in g and not g["m"].isdigit() and not _CAP_MONTH.match(g["m"]):
            continue
        try:
            fd, relative = _resolve(kind, g, anchor, published)
        except ValueError:
            continue  # "31 February": not a date
        if fd is None:
            continue
        mod = (g.get("mod") or g.get("prep") or "").lower().strip()
        # "since November 2022" dates the start of what it qualifies: November 2022, at the
        # precision written (as readers code it); "after X" is only a lower bound
        if mod in ("after",):
            fd = on_or_after(fd)
        elif mod in ("by", "until", "till", "before"):
            fd = on_or_before(fd)
        out.append(DateMention(m.start(), m.end(), raw.strip(), fd, relative,
                               after_only=kind == "relation"))
        if kind == "relation":
            continue  # the story's anchor stays: the main act is still on its date
        if fd.precision in ("day", "month", "on_or_before", "on_or_after"):
            anchor = fd if fd.precision in ("day", "month") else anchor
    return out


def _resolve(kind: str, g: dict, anchor: FuzzyDate | None, published: dt.date | None
             ) -> tuple[FuzzyDate | None, bool]:
    ref = _ref_day(anchor)
    if kind == "dspan":
        mon = MONTHS[g["m"].lower().rstrip(".")]
        y = int(g["y"])
        a, b = dt.date(y, mon, int(g["d1"])), dt.date(y, mon, int(g["d"]))
        return (_span(a, b) if a < b else day(b)), False
    if kind == "dmspan":
        g = {**g, "y": None}
        kind = "mdspan"
    if kind == "mdspan":
        mon = MONTHS[g["m"].lower().rstrip(".")]
        base = ref or published
        if g.get("y"):
            y = int(g["y"])
        elif base is not None:
            y = base.year if published is None or dt.date(base.year, mon, 1) <= published \
                else base.year - 1
        else:
            return None, True
        a, b = dt.date(y, mon, int(g["d1"])), dt.date(y, mon, int(g["d"]))
        return (_span(a, b) if a < b else day(b)), not g.get("y")
    if kind == "season":
        y = int(g["y"])
        first = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}[g["season"].lower()]
        if first == 12:
            return _span(dt.date(y, 12, 1), dt.date(y + 1, 2, calendar.monthrange(y + 1, 2)[1])), False
        last = first + 2
        return _span(dt.date(y, first, 1), dt.date(y, last, calendar.monthrange(y, last)[1])), False
    if kind in ("dmy", "mdy", "num", "iso"):
        mon = int(g["m"]) if g["m"].isdigit() else MONTHS[g["m"].lower().rstrip(".")]
        d = int(g["d"])
        if kind == "num" and mon > 12 >= d:  # 12/17/2022 written month-first
            mon, d = d, mon
        return day(dt.date(int(g["y"]), mon, d)), False
    if kind == "my":
        mod = (g.get("mod") or "").lower()
        mon = MONTHS[g["m"].lower().rstrip(".")]
        y = int(g["y"])
        del mod  # "early May 2022" keeps month precision: it is still May
        return month(y, mon), False
    if kind in ("md", "dm"):
        base = ref or published
        if base is None:
            return None, True
        mon = MONTHS[g["m"].lower().rstrip(".")]
        cand = dt.date(base.year, mon, int(g["d"]))
        if published and cand > published + dt.timedelta(days=7):
            cand = dt.date(base.year - 1, mon, int(g["d"]))
        return day(cand), True
    if kind == "y":
        return year(int(g["y"])), False
    if kind == "mon":
        base = published or ref
        if base is None:
            return None, True
        mon = MONTHS[g["m"].lower().rstrip(".")]
        y = base.year if mon <= base.month or published is None else base.year - 1
        return month(y, mon), True
    if kind == "later":
        if anchor is None:
            return None, True
        n = _num(g["n"])
        sign = -1 if g["dir"].lower() in ("earlier", "before") else 1
        if anchor.precision != "day":
            return (on_or_after(anchor) if sign > 0 else on_or_before(anchor)), True
        return day(_shift(anchor.earliest, sign * n, g["unit"])), True
    if kind == "relation":
        if anchor is None or anchor.precision != "day":
            return None, True
        sign = -1 if g["dir"].lower() == "after" else 1
        return day(_shift(anchor.earliest, sign * _num(g["n"]), g["unit"])), True
    if kind == "ago":
        if published is None:
            return None, True
        return day(_shift(published, -_num(g["n"]), g["unit"])), True
    if kind == "next":
        if anchor is None:
            return None, True
        sign = 1 if g["which"].lower() in ("next", "following") else -1
        unit = g["unit"].lower()
        if anchor.precision != "day":
            return None, True
        target = _shift(anchor.earliest, sign, unit)
        if unit == "day":
            return day(target), True
        if unit == "month":
            return month(target.year, target.month), True
        if unit == "year":
            return year(target.year), True
        return _span(target, target + dt.timedelta(days=6)) if sign > 0 else _span(
            target, anchor.earliest), True
    if kind == "daybefore":
        if anchor is None or anchor.precision != "day":
            return None, True
        sign = -1 if g["which"].lower() == "before" else 1
        return day(anchor.earliest + dt.timedelta(days=sign)), True
    if kind == "then":
        if anchor is None:
            return None, True
        if "same" in g["which"].lower() or g["which"].lower().startswith("that"):
            return anchor, True  # "the same day": the anchor itself
        return on_or_after(anchor), True
    if kind == "yday":
        if published is None:
            return None, True
        w = g["which"].lower()
        if w in ("yesterday", "last night"):
            return day(published - dt.timedelta(days=1)), True
        if w == "the day before yesterday":
            return day(published - dt.timedelta(days=2)), True
        return day(published), True
    if kind == "wd":
        base = published or ref
        if base is None:
            return None, True
        wd = WEEKDAYS[g["wd"].lower()]
        back = (base.weekday() - wd) % 7
        if published is None and ref is not None:
            # counting from the story: the next such weekday after the anchor
            fwd = (wd - ref.weekday()) % 7
            return day(ref + dt.timedelta(days=fwd)), True
        return day(base - dt.timedelta(days=back)), True
    if kind == "rel":
        if published is None:
            return None, True
        w, unit = g["which"].lower(), g["unit"].lower()
        shift = {"last": -1, "next": 1}.get(w, 0)
        if unit == "month":
            t = _shift(published.replace(day=1), shift, "month")
            return month(t.year, t.month), True
        if unit == "year":
            return year(published.year + shift), True
        start = published - dt.timedelta(days=published.weekday()) + dt.timedelta(days=7 * shift)
        return _span(start, start + dt.timedelta(days=6)), True
    return None, False
