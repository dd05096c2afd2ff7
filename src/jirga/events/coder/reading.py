"""Reading an article file safely: size, type and encoding checked before any work.

Hostile or mistaken inputs must end in a clear message, never a traceback or a hang:
a directory, a device that never ends (``/dev/zero``), a file larger than the limit, a
binary file, UTF-16 text (decoded, not called binary), text that is not UTF-8. Text in a
script other than Latin (Urdu, Pashto and Dari in Arabic script, Hindi, Russian …) is read
but gets a warning naming the script: the coder's patterns are English and would find
nothing.
"""

from __future__ import annotations

import re
import stat
import unicodedata
from pathlib import Path

from jirga.errors import InputError, Problem

DEFAULT_MAX_MB = 50

_SCRIPTS = (
    ("ARABIC", "Arabic script (Urdu, Pashto, Dari/Persian or Arabic)"),
    ("DEVANAGARI", "Devanagari script (Hindi, Nepali)"),
    ("CYRILLIC", "Cyrillic script (Russian, Ukrainian …)"),
    ("CJK", "Chinese characters"),
    ("HIRAGANA", "Japanese"), ("KATAKANA", "Japanese"), ("HANGUL", "Korean (Hangul)"),
    ("HEBREW", "Hebrew script"), ("THAI", "Thai script"), ("MYANMAR", "Burmese script"),
    ("ETHIOPIC", "Ethiopic script (Amharic, Tigrinya)"), ("BENGALI", "Bengali script"),
    ("GURMUKHI", "Gurmukhi script (Punjabi)"), ("TAMIL", "Tamil script"),
    ("GREEK", "Greek script"),
)
_ENGLISH = re.compile(r"\b(?:the|and|of|to|in|on|said|was|were|with|for|by|that|is|has)\b",
                      re.IGNORECASE)
_LATIN_NON_ENGLISH = {
    "Spanish": re.compile(r"\b(?:el|los|las|del|que|por|para|con|una|fue)\b", re.IGNORECASE),
    "French": re.compile(r"\b(?:le|les|des|une|est|dans|pour|avec|qui|du)\b", re.IGNORECASE),
    "Portuguese": re.compile(r"\b(?:os|das|dos|não|uma|foi|pelo|pela|com|em)\b",
                             re.IGNORECASE),
}


def _fail(path: Path, what: str, fix: str, line: int | None = None) -> InputError:
    return InputError([Problem(str(path), line, "", what, fix)])


def read_article(path: Path, max_mb: float = DEFAULT_MAX_MB) -> str:
    """The text of ``path``; raises :class:`InputError` naming what is wrong and the fix."""
    try:
        st = path.stat()
    except FileNotFoundError:
        raise _fail(path, "file not found", "check the path") from None
    except OSError as exc:
        raise _fail(path, f"cannot be read: {exc.strerror}", "check the path") from None
    if stat.S_ISDIR(st.st_mode):
        raise _fail(path, "is a directory, not an article",
                    "give one text file (run the command once per file)")
    limit = int(max_mb * 1024 * 1024)
    if stat.S_ISREG(st.st_mode) and st.st_size > limit:
        raise _fail(path, f"is {st.st_size / 1048576:.1f} MB, over the {max_mb:g} MB limit",
                    "split it into articles, or raise the limit with --max-mb")
    try:
        with path.open("rb") as fh:
            raw = fh.read(limit + 1)  # a device such as /dev/zero never ends: read a bounded part
    except OSError as exc:
        raise _fail(path, f"cannot be read: {exc.strerror}", "check its permissions") from None
    if len(raw) > limit:
        raise _fail(path, f"is larger than the {max_mb:g} MB limit (or never ends)",
                    "give a regular text file, or raise the limit with --max-mb")
    return decode(raw, path)


def decode(raw: bytes, path: Path) -> str:
    """UTF-8 (with or without BOM) or UTF-16 (BOM, or the NUL pattern of ASCII in UTF-16)."""
    enc = None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        enc = "utf-16"
    elif len(raw) >= 4 and raw[1:40:2].count(0) > 15 and raw[0:40:2].count(0) == 0:
        enc = "utf-16-le"
    elif len(raw) >= 4 and raw[0:40:2].count(0) > 15 and raw[1:40:2].count(0) == 0:
        enc = "utf-16-be"
    if enc:
        try:
            return raw.decode(enc).lstrip("\ufeff")
        except UnicodeDecodeError:
            raise _fail(path, "looks like UTF-16 text but does not decode",
                        "re-save the article as UTF-8") from None
    if b"\x00" in raw[:65536]:
        raise _fail(path, "this is a binary file, not text", "save the article as plain UTF-8 text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise _fail(path, f"not UTF-8 text ({exc.reason})", "re-save the article as UTF-8",
                    line) from None


def language_warning(text: str, sample: int = 20000) -> str | None:
    """A warning when the text is not English: the script it is written in, or the Latin-script
    language it looks like; None for English text."""
    part = text[:sample]
    letters = [ch for ch in part if ch.isalpha()]
    if not letters:
        return None
    counts: dict[str, int] = {}
    for ch in letters:
        if ord(ch) < 0x250:
            continue
        name = unicodedata.name(ch, "")
        for key, label in _SCRIPTS:
            if name.startswith(key) or (key == "CJK" and "CJK" in name):
                counts[label] = counts.get(label, 0) + 1
                break
    if counts:
        label, n = max(counts.items(), key=lambda kv: kv[1])
        if n / len(letters) > 0.2:
            return (f"the text is mostly in {label}; the coder reads English only, so it finds "
                    "few or no events: give an English translation")
    words = max(1, len(part.split()))
    if len(_ENGLISH.findall(part)) / words < 0.04 and words >= 20:
        best = max(_LATIN_NON_ENGLISH, key=lambda k: len(_LATIN_NON_ENGLISH[k].findall(part)))
        if len(_LATIN_NON_ENGLISH[best].findall(part)) / words > 0.05:
            return (f"the text looks like {best}, not English; the coder reads English only: "
                    "give an English translation")
        return "the text does not look like English; the coder reads English only"
    return None
