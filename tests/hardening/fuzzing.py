"""Mutators and runners shared by the fuzz tests and ``scripts/fuzz_all.py``.

Each mutator takes a seeded :class:`random.Random` and returns one hostile input derived
from a valid one (the mini case, or the first rows of a real ACLED, UCDP or GDELT file, or
a jirga CSV export), so most inputs get past the first check and exercise the deeper ones.
Each runner feeds one input to an entry point and classifies the outcome:

- ``ok``: accepted (a valid case; rows imported or rejected row by row);
- ``refused``: an :class:`~jirga.errors.InputError` whose problems name the file and whose
  text is bounded;
- anything else raises: a traceback is a bug.
"""

from __future__ import annotations

import copy
import random
import tempfile
from collections.abc import Callable
from pathlib import Path

import yaml

from jirga.errors import InputError
from tests.conftest import REFDATA
from tests.hardening.cases import MINI

EVENTS = REFDATA / "events"
SAMPLES = {
    "acled": EVENTS / "acled" / "acled_2015_pakistan_subset_katehara.csv",
    "ucdp": EVENTS / "ucdp" / "ucdpged_23.1_sample_uncertainUCDP.csv",
    "gdelt": EVENTS / "gdelt" / "gdelt2_export_sample_100rows.tsv",
}
#: Longest error text accepted for one input: hints must never echo unbounded lists.
MAX_MESSAGE = 20_000

NUMBERS = ["inf", "-inf", "nan", "1e400", "-1e400", "1e30", "2.7", "-1", "-0", "0x1F", "1_000",
           "9" * 40, "²", "١٢٣", "3.0", "1e-400", "", " ", "NA", "0", "4", "5", "99999999999"]
TEXTS = ["\x00", "29\x0083", "a\x01b", "\x7f", "\x85", "\u200b", "\ufeff", "\u202e", "é", "𝄞",
         "[/x]", "[bold]", "<script>alert(1)</script>", '"', "'", ",", ";", "\t", "\n", "\r\n",
         "\\", "%s", "{}", "A" * 5000, "0000-01-01", "9999-12-31", "2022-02-30", "00010101",
         "99999999", "20221301", "1799-12-31", "on or before 0000", "2022/2021", "2022-13"]
YAML_BITS = ["[", "]", "{", "}", ",", ":", "- ", "? ", "&a ", "*a", "!!binary ", "!!str ",
             "!!python/object:os.system ", "|", ">", "'", '"', "#", "%", "@", "`", "\t", "\n",
             "  ", "<<: ", "~", "yes", "no", ".nan", ".inf", "-.inf", "1e400", "0000-00-00",
             "\x00", "\ufeff", "\udcff"]
YAML_VALUES: list = [True, False, None, 0, -1, 1e308, float("nan"), float("inf"), "", "nan",
                     "yes", [], {}, [[[[]]]], "A" * 300, "[/x]", "9999-12-31", "0000-01-01",
                     "2022-02-30", "between 2022 and 2021", {"low": True, "high": 2},
                     {"low": 5, "mode": 1, "high": 2}, [0, 0], [True, 1], "GOV", "REB", "MED",
                     "s1", "'0871'", "0871", 871, "ceasefire", 10**30, -(10**30)]


# ---------------------------------------------------------------- case files
def _paths(data, prefix=()):
    yield prefix
    if isinstance(data, dict):
        for k, v in data.items():
            yield from _paths(v, (*prefix, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _paths(v, (*prefix, i))


def _set(data, path, value, delete=False):
    node = data
    for p in path[:-1]:
        node = node[p]
    if delete:
        del node[path[-1]]
    else:
        node[path[-1]] = value


_BASE = yaml.safe_load(MINI)
_BASE_PATHS = [p for p in _paths(_BASE) if p]


def mutate_case(rng: random.Random) -> str:
    """A mutant of the mini case: structural edits (values swapped for hostile ones, keys
    dropped, lists duplicated or nested deep), then sometimes raw text edits."""
    data = copy.deepcopy(_BASE)
    for _ in range(rng.choice([1, 1, 2, 4])):
        paths = [p for p in _paths(data) if p]
        path = rng.choice(paths)
        op = rng.random()
        try:
            if op < 0.5:
                _set(data, path, copy.deepcopy(rng.choice(YAML_VALUES)))
            elif op < 0.65:
                _set(data, path, None, delete=True)
            elif op < 0.8:
                value = data
                for p in path:
                    value = value[p]
                if isinstance(value, list) and value:
                    value.extend(copy.deepcopy(value) * rng.randint(1, 3))
                else:
                    _set(data, path, [copy.deepcopy(value)] * rng.randint(2, 4))
            else:
                deep: object = "x"
                for _ in range(rng.choice([3, 30, 70, 200])):
                    deep = [deep]
                _set(data, path, deep)
        except (KeyError, IndexError, TypeError):
            continue
    try:
        text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    except (yaml.YAMLError, RecursionError):
        text = MINI
    if rng.random() < 0.3:
        for _ in range(rng.randint(1, 5)):
            i = rng.randrange(len(text) + 1)
            j = min(len(text), i + rng.choice([0, 0, 1, 3, 10]))
            text = text[:i] + rng.choice(YAML_BITS) + text[j:]
    if rng.random() < 0.05:  # a billion-laughs style bomb, small
        n = rng.randint(3, 9)
        bomb = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"] + [
            f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * n)}]" for i in range(1, n)]
        text = "\n".join(bomb) + "\n" + text
    return text


def run_case(text: str) -> str:
    """Feed one case text to the loader; 'ok' or 'refused', or raise (a bug)."""
    from jirga.case.io import parse_case

    try:
        parse_case(text, "fuzz.yaml")
        return "ok"
    except InputError as exc:
        _check_refusal(exc)
        return "refused"


def _check_refusal(exc: InputError) -> None:
    assert exc.problems, "an InputError without problems"
    assert all(p.file and p.message for p in exc.problems), exc
    text = str(exc)
    assert len(text) < MAX_MESSAGE, f"error text of {len(text):,} characters"
    text.encode("utf-8")  # printable: no lone surrogates from undecodable bytes


# ---------------------------------------------------------------- importers
def _sample_lines(fmt: str, n: int = 4) -> list[str]:
    if fmt == "jirga-csv":
        return ["id,date,source,target,cameo,description,lat,lon,goldstein,fatalities,"
                "fatalities_low,fatalities_high,dataset,url",
                "e1,2022-05-09,TTP,PAK_GOV,190,attack,34.0,71.5,-10,3,2,5,acled,http://x",
                "e2,on or before 2022-11-30,PAK_GOV,TTP,0871,ceasefire,,,,,,,,",
                "e3,2022-05/2022-06,AFG_TAL,TTP,036,talks,1,2,3.4,0,0,0,ucdp,"]
    with SAMPLES[fmt].open(encoding="utf-8-sig", newline="") as fh:
        text = fh.read(200_000)
    if fmt == "gdelt":
        return text.splitlines()[:n]
    import csv
    import io

    rows = list(csv.reader(io.StringIO(text)))[: n + 1]
    buf = io.StringIO()
    csv.writer(buf).writerows(rows)
    return buf.getvalue().splitlines()


_LINES: dict[str, list[str]] = {}


def mutate_import(fmt: str, rng: random.Random) -> bytes:
    """A mutant of a few real rows of ``fmt``: fields swapped for hostile values, fields added
    or dropped, raw bytes inserted, encodings mixed."""
    import csv
    import io

    if fmt not in _LINES:
        _LINES[fmt] = _sample_lines(fmt)
    lines = list(_LINES[fmt])
    sep = "\t" if fmt == "gdelt" else ","
    if fmt == "gdelt":
        rows = [ln.split("\t") for ln in lines]
    else:
        rows = list(csv.reader(io.StringIO("\n".join(lines))))
    start = 0 if fmt == "gdelt" else 1
    for _ in range(rng.randint(1, 6)):
        r = rng.randrange(start, len(rows)) if len(rows) > start else 0
        row = rows[r]
        if not row:
            continue
        c = rng.randrange(len(row))
        op = rng.random()
        if op < 0.45:
            row[c] = rng.choice(NUMBERS)
        elif op < 0.8:
            row[c] = rng.choice([row[c] + rng.choice(TEXTS), rng.choice(TEXTS),
                                 row[c][: len(row[c]) // 2] + rng.choice(TEXTS) + row[c][1:]])
        elif op < 0.88:
            del row[c]
        elif op < 0.94:
            row.insert(c, rng.choice(TEXTS))
        else:
            rows.insert(r, copy.copy(row))
    if fmt == "gdelt":
        text = "\n".join(sep.join(row) for row in rows) + "\n"
    else:
        buf = io.StringIO()
        csv.writer(buf, lineterminator=rng.choice(["\n", "\r\n"])).writerows(rows)
        text = buf.getvalue()
    data = text.encode("utf-8", "surrogatepass")
    if rng.random() < 0.2:
        for _ in range(rng.randint(1, 4)):
            i = rng.randrange(len(data) + 1)
            data = data[:i] + bytes(rng.randrange(256) for _ in range(rng.randint(1, 4))) + data[i:]
    if rng.random() < 0.05:
        data = data[: rng.randrange(len(data) + 1)]
    if rng.random() < 0.03:
        data = text.encode("latin-1", "replace")
    return data


def run_import(fmt: str, data: bytes, folder: Path | None = None,
               skip_bad_rows: bool = True) -> str:
    """Read one file through an importer and build the store's Arrow rows from its records
    (where pyarrow overflowed); 'ok' or 'refused', or raise (a bug)."""
    import pyarrow as pa

    from jirga.events.importers import read_events
    from jirga.events.store import SCHEMA

    with tempfile.TemporaryDirectory(dir=folder) as tmp:
        p = Path(tmp) / ("in.tsv" if fmt == "gdelt" else "in.csv")
        p.write_bytes(data)
        try:
            rows = [r.as_row() for r in read_events(p, fmt, skip_bad_rows=skip_bad_rows,
                                                    rejects=Path(tmp) / "rejects.csv")]
            for r in rows:
                assert r["earliest"] <= r["latest"], r
                assert "\x00" not in r["id"], r["id"]
            pa.Table.from_pylist(rows, schema=SCHEMA)
            return "ok"
        except InputError as exc:
            _check_refusal(exc)
            return "refused"


ENTRY_POINTS: dict[str, tuple[Callable[[random.Random], object], Callable[[object], str]]] = {
    "case loader": (mutate_case, run_case),
    **{f"import {fmt}": ((lambda rng, f=fmt: mutate_import(f, rng)),
                         (lambda data, f=fmt: run_import(f, data)))
       for fmt in ("acled", "ucdp", "gdelt", "jirga-csv")},
}
