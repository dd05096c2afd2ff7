"""Score the coder on hand-coded article corpora, split into a development and an evaluation part.

The corpus layout is ``refdata/articles/<set>/NN_<slug>.txt`` with a gold list
``NN_<slug>.events.csv`` beside it and a case file per process (``case.yaml`` for the
Pakistan set, ``<process>.case.yaml`` for the world set, the process being the slug's first
word). The matching rule is the one of ``shared/tools/score_events.py`` (re-implemented here
so that nothing outside the package is imported at run time):

- the dates agree at the gold precision (a gold range ``a/b`` accepts any date inside it);
- every gold source actor is among the extracted sources (and every gold target among the
  extracted targets); a gold event with no target is reciprocal, so its actors may be on
  either side;
- the CAMEO roots agree; ``196`` and ``1246`` (ceasefire ended / refused) count as either root;
- one-to-one, greedy, in gold order.

**The split is fixed before any tuning**: articles whose number ``NN`` is even are the
development part, odd ones the evaluation part. Nothing is tuned on the evaluation part;
its figures are reported separately.

A gold event that is not matched is put down to one cause: ``date`` (an extracted event
agrees on actors and code but not the date), ``actor`` (agrees on date and code), ``code``
(agrees on date and actors), otherwise ``not found``.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from jirga.errors import InputError, Problem

EQUIVALENT = {"196", "1246"}  # ceasefire ended / refused: coders differ between the two
CAUSES = ("date", "actor", "code", "not found")


@dataclass
class Article:
    """One article of a corpus with its gold list and case file."""

    path: Path
    gold_path: Path
    case_path: Path
    corpus: str
    process: str
    number: int

    @property
    def part(self) -> str:
        """``dev`` for even article numbers, ``eval`` for odd ones (the fixed split)."""
        return "dev" if self.number % 2 == 0 else "eval"

    @property
    def name(self) -> str:
        return self.path.stem


@dataclass
class Tally:
    """Counts for a group of articles: matched, extracted, gold and misses by cause."""

    matched: int = 0
    extracted: int = 0
    gold: int = 0
    causes: Counter = field(default_factory=Counter)

    def add(self, other: Tally) -> None:
        self.matched += other.matched
        self.extracted += other.extracted
        self.gold += other.gold
        self.causes.update(other.causes)

    @property
    def precision(self) -> float:
        return self.matched / self.extracted if self.extracted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)

    def to_dict(self) -> dict:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4), "matched": self.matched, "extracted": self.extracted,
                "gold": self.gold, "misses": {c: self.causes.get(c, 0) for c in CAUSES}}


def find_articles(root: Path) -> list[Article]:
    """Every ``NN_<slug>.txt`` with a gold list under ``root/articles``; a clear error if none."""
    base = root / "articles"
    if not base.is_dir():
        raise InputError([Problem(str(base), None, "", "article corpus not found",
                                  "give --refdata the folder that holds articles/ "
                                  "(default ../shared/refdata)")])
    out = []
    for txt in sorted(base.glob("*/*.txt")):
        m = re.match(r"^(\d+)_([a-z]+)", txt.name)
        gold = txt.with_name(txt.stem + ".events.csv")
        if not m or not gold.exists():
            continue
        corpus = txt.parent.name
        process = corpus if (txt.parent / "case.yaml").exists() else m.group(2)
        case = txt.parent / ("case.yaml" if process == corpus else f"{process}.case.yaml")
        if case.exists():
            out.append(Article(txt, gold, case, corpus, process, int(m.group(1))))
    if not out:
        raise InputError([Problem(str(base), None, "", "no NN_<slug>.txt with a .events.csv",
                                  "check the corpus layout (see its README)")])
    return out


def read_gold(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def actor_set(s: str | None) -> set[str]:
    return {a.strip().upper() for a in (s or "").replace("|", ";").replace(",", ";").split(";")
            if a.strip()}


def date_ok(gold: str, got: str) -> bool:
    """The date rule of score_events.py: agree at the gold precision, inside a gold range."""
    got = (got or "").strip()[:10]
    if not got:
        return False
    if "/" in gold:
        a, b = gold.split("/")
        return a[:len(got)] <= got <= b or (len(got) < len(a) and a.startswith(got))
    return got.startswith(gold) or (len(got) < len(gold) and gold.startswith(got)
                                    and len(got) >= 7)


def _roots(g: dict) -> set[str]:
    code = g["cameo_code"].strip()
    roots = {code[:2]}
    if code in EQUIVALENT:
        roots |= {"12", "19"}
    return roots


def _checks(g: dict, e: dict) -> tuple[bool, bool, bool]:
    """(date agrees, actors agree, code agrees) for gold row ``g`` and extracted row ``e``."""
    gs, gt = actor_set(g.get("source_actor")), actor_set(g.get("target_actor"))
    xs, xt = actor_set(e.get("source")), actor_set(e.get("target"))
    actors = all(a in (xs if gt else xs | xt) for a in gs) and all(a in xt for a in gt)
    return (date_ok(g["date"].strip(), e.get("date", "")), actors,
            str(e.get("cameo", "")).strip()[:2] in _roots(g))


def match(gold: list[dict], extracted: list[dict]) -> tuple[list[int | None], Counter]:
    """Greedy one-to-one matching; for each gold row the matched extracted index (or None),
    and the misses counted by cause."""
    used: set[int] = set()
    pairs: list[int | None] = []
    for g in gold:
        hit = None
        for i, e in enumerate(extracted):
            if i not in used and all(_checks(g, e)):
                hit = i
                break
        if hit is not None:
            used.add(hit)
        pairs.append(hit)
    causes: Counter = Counter()
    for g, hit in zip(gold, pairs, strict=True):
        if hit is None:
            causes[miss_cause(g, extracted)] += 1
    return pairs, causes


def miss_cause(g: dict, extracted: list[dict]) -> str:
    """Why gold row ``g`` was missed: the one check that failed for the nearest extracted row."""
    best = "not found"
    order = {c: i for i, c in enumerate(CAUSES)}
    for e in extracted:
        d, a, c = _checks(g, e)
        if d + a + c == 2:
            cause = "date" if not d else "actor" if not a else "code"
            if order[cause] < order[best]:
                best = cause
    return best


@dataclass
class ArticleResult:
    article: Article
    tally: Tally
    rows: list[dict]
    gold: list[dict]
    pairs: list[int | None]
    published_from: str


def score_article(article: Article, extractor_cache: dict | None = None) -> ArticleResult:
    """Run the coder on one article with its case file and score it against the gold list."""
    from jirga.case.io import load_case
    from jirga.events.coder.extract import Extractor

    cache = extractor_cache if extractor_cache is not None else {}
    key = str(article.case_path)
    if key not in cache:
        cache[key] = Extractor(load_case(article.case_path))
    ex = cache[key]
    text = article.path.read_text(encoding="utf-8-sig")
    events = ex.extract(text)
    rows = [e.as_row() for e in events]
    gold = read_gold(article.gold_path)
    pairs, causes = match(gold, rows)
    tally = Tally(sum(p is not None for p in pairs), len(rows), len(gold), causes)
    return ArticleResult(article, tally, rows, gold, pairs, ex.last_published_from)


def evaluate_articles(root: Path) -> dict:
    """Figures per part (dev, eval, all), per corpus and per process, and per article."""
    cache: dict = {}
    results = [score_article(a, cache) for a in find_articles(root)]
    groups: dict[str, Tally] = {}

    def add(key: str, t: Tally) -> None:
        groups.setdefault(key, Tally()).add(t)

    for r in results:
        a = r.article
        for key in ("all", a.part, f"corpus:{a.corpus}", f"corpus:{a.corpus}:{a.part}",
                    f"process:{a.process}", f"process:{a.process}:{a.part}"):
            add(key, r.tally)
    return {
        "rule": "dev = even article number, eval = odd",
        "groups": {k: v.to_dict() for k, v in sorted(groups.items())},
        "articles": [{"article": r.article.name, "corpus": r.article.corpus,
                      "process": r.article.process, "part": r.article.part,
                      "published_from": r.published_from, **r.tally.to_dict()}
                     for r in results],
    }
