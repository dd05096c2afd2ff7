"""Article structure: body and reference list, sentences, footnote markers, clauses."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# "[3] Author, “Title”, Publisher, https://…" — also "3. …" / "^3 …" in a trailing list
_REF_LINE = re.compile(r"^\s*(?:\[(\d{1,3})\]|\^(\d{1,3})|(\d{1,3})[.)])\s+(\S.*)$")
_URL = re.compile(r"https?://\S+?(?=[,;)\s]|\.\s|$)")
FOOTNOTE = re.compile(r"\[(\d{1,3})\]|(?<=[a-z.,;”\"’)])\^?(?:\u00b9|\u00b2|\u00b3)")
_ABBREV = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Maj|Capt|Sgt|St|Jr|Sr|No|Vol|vs|etc|e\.g|i\.e|U\.S|U\.K|"
    r"U\.N|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Gov|Rep|Sen|Amb)\.$"
)
_SENT_END = re.compile(r"[.!?](?:\[\d{1,3}\])*[\"”’)]?(?:\[\d{1,3}\])*\s+(?=[\"“‘(]?[A-Z0-9])")


@dataclass
class Reference:
    number: int
    text: str
    url: str | None


@dataclass
class Article:
    title: str | None
    paragraphs: list[str]
    references: dict[int, Reference] = field(default_factory=dict)


_HEADER_LINE = re.compile(r"^(?P<key>[A-Z][A-Z_ -]{1,20}):[ \t]*(?P<value>.*)$")


def split_header(text: str) -> tuple[dict[str, str], str]:
    """A block of ``KEY: value`` lines at the very top (``URL:``, ``DATE:``, ``TITLE:`` …)
    and the text after it. Keys are upper case; the block ends at the first other line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    header: dict[str, str] = {}
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        m = _HEADER_LINE.match(lines[i])
        if not m:
            break
        header.setdefault(m.group("key").strip(), m.group("value").strip())
        i += 1
    if not header or "DATE" not in header and "URL" not in header and "TITLE" not in header:
        return {}, text
    return header, "\n".join(lines[i:])


# a line of page furniture made only of dates, times and ages ("December 31, 2013 / 2:25 PM /
# 4 years ago", "Updated 3 hours ago"): the page's own time, not the story's
_FURNITURE = re.compile(
    r"^(?:(?:updated|published|posted|last\s+updated|\d+\s+min(?:ute)?s?\s+read|"
    r"[A-Za-z]{3,9}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+[A-Za-z]{3,9}\.?\s+\d{4}|"
    r"\d{1,2}:\d{2}\s*(?:[AaPp]\.?[Mm]\.?)?(?:\s*[A-Z]{2,4})?|"
    r"(?:\d+|an?)\s+(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)\s+ago)"
    r"[\s/|,·•–-]*)+$", re.IGNORECASE)
_SEPARATOR = re.compile(r"^\s*(?:-{3,}|={3,}|\*{3,}|_{3,})\s*$")
_NEW_DOC = re.compile(r"^(?:URL|TITLE|DATE):", re.MULTILINE)


def split_documents(text: str) -> list[str]:
    """The articles of a file: a new ``URL:``/``TITLE:``/``DATE:`` header block after text, or a
    line of ``---``/``===``/``***``, starts the next one."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    lines = text.split("\n")
    docs: list[list[str]] = [[]]
    for i, line in enumerate(lines):
        if _SEPARATOR.match(line):
            docs.append([])
            continue
        if _NEW_DOC.match(line) and any(x.strip() for x in docs[-1]) and not (
                i > 0 and _HEADER_LINE.match(lines[i - 1])):
            docs.append([])
        docs[-1].append(line)
    out = ["\n".join(d) for d in docs if any(x.strip() for x in d)]
    return out or [text]


def split_article(text: str) -> Article:
    """Title (header ``TITLE:`` or first short line), body paragraphs, reference list."""
    header, text = split_header(text)
    lines = text.split("\n")
    refs: dict[int, Reference] = {}
    body_end = len(lines)
    # the reference list is the last run of numbered lines; the body ends where it starts
    first_ref = None
    for i, line in enumerate(lines):
        m = _REF_LINE.match(line)
        if m and (m.group(1) or m.group(2)):
            num = int(m.group(1) or m.group(2))
            if num == 1 and first_ref is None and i > 0:
                first_ref = i
            if first_ref is not None:
                rest = m.group(4).strip()
                url = _URL.search(rest)
                refs[num] = Reference(num, rest, url.group(0).rstrip(".,") if url else None)
    after: list[str] = []
    if first_ref is not None:
        body_end = first_ref
        # text after the list (a second story, a caption) is body again: the list ends at a
        # blank line followed by a line that is not a reference
        for j in range(first_ref + 1, len(lines) - 1):
            if not lines[j].strip() and lines[j + 1].strip() and not _REF_LINE.match(lines[j + 1]):
                after = lines[j + 1:]
                break
    body = "\n".join(lines[:body_end] + [""] + after)
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n|\n", body)]
    paragraphs = [p for p in paragraphs if p and not _FURNITURE.match(p)]
    title = header.get("TITLE") or None
    first = FOOTNOTE.sub("", paragraphs[0]).rstrip() if paragraphs else ""
    if title:
        return Article(title, paragraphs, refs)
    if len(paragraphs) > 1 and len(first) < 160 and not first.endswith((".", "!", '"', "”")):
        title = paragraphs[0]
        paragraphs = paragraphs[1:]
    return Article(title, paragraphs, refs)


def split_sentences(paragraph: str) -> list[str]:
    out, start = [], 0
    for m in _SENT_END.finditer(paragraph):
        end = m.end()
        chunk = paragraph[start:m.start() + 1]
        if _ABBREV.search(chunk.rstrip()):
            continue
        # "Muttaki.[2]" keeps its footnote marker with its sentence
        out.append(paragraph[start:end].strip())
        start = end
    tail = paragraph[start:].strip()
    if tail:
        out.append(tail)
    return out


# Clause boundaries: where a new event with its own subject and date may start.
CLAUSE_BREAK = re.compile(
    r";\s+|,?\s+and\s+then\s+|,\s+then\s+|,\s+while\s+|,\s+whereas\s+|,\s+but\s+|"
    r",\s+after\s+which\s+|,\s+which\s+|,\s+who\s+|:\s+|,\s+and\s+(?=(?:the\s+|a\s+|an\s+)?[A-Z][\w-]+\s)|"
    r",\s+and\s+(?=(?:[\w-]+\s+){0,2}(?:later|afterwards|earlier)\b)",
)
THEN = re.compile(r"\bthen\b|\blater\b|\bafterwards\b|\bsubsequently\b|\bthereafter\b",
                  re.IGNORECASE)


def clause_spans(sentence: str) -> list[tuple[int, int, bool]]:
    """(start, end, starts_with_then) for each clause of the sentence."""
    spans = []
    start, then = 0, False
    for m in CLAUSE_BREAK.finditer(sentence):
        spans.append((start, m.start(), then))
        then = bool(THEN.search(m.group(0)))
        start = m.end()
    spans.append((start, len(sentence), then))
    return spans


_PUB_LINE = re.compile(
    r"^\s*(?:(?:published|posted|updated|date|first\s+published)\s*(?:on|:)?\s*)?"
    r"(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+)?"
    r"(?P<date>\d{1,2}\s+[A-Za-z]{3,9}\.?,?\s+\d{4}|[A-Za-z]{3,9}\.?\s+\d{1,2},?\s+\d{4}|"
    r"\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{4})"
    r"(?:\s*(?:[,|\-–]\s*)?\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?\s*$",
    re.IGNORECASE,
)


def detect_published(text: str, lines: int = 8) -> str | None:
    """A publication date written on a line of its own near the top ("Published: 12 January
    2023", "December 22, 2022", "2022-12-22 10:41"), as written; None when there is none."""
    for line in text.replace("\r", "").split("\n")[:lines]:
        m = _PUB_LINE.match(line)
        if m:
            return m.group("date")
    return None
