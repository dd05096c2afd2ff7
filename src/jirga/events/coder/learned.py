"""A small learned component: event class and source-actor type of a one-sentence note.

Rules need a trigger and named actors; short event notes ("Clashes erupted between …",
"Police arrested two suspects …", "Residents staged a sit-in …") often give the class and
who acted in ways no pattern lists. A multinomial naive Bayes model over word unigrams and
bigrams, fitted by :mod:`jirga.events.coder.train` on the *development* countries of
ACLED's notes only, predicts two labels:

- the CAMEO root of the event (``14`` protest, ``17`` coerce/arrest, ``18`` unconventional
  violence, ``19`` fighting, ``20`` mass violence …);
- the type of its source actor (``MIL``, ``COP``, ``REB``, ``CVL``, ``GOV``).

The shipped file ``data/note_classifier.json`` holds only the fitted parameters (class
priors and per-word log-likelihoods of the most frequent words, rounded), not the notes.
Prediction is a dictionary look-up per word: cheap enough for thousands of notes a second.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

_WORD = re.compile(r"[a-z][a-z'-]+|\d+")
# numbers, dates and names carry no class: normalise them away
_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december"}


def features(text: str) -> list[str]:
    """Lower-case words (numbers as ``#``, months as ``<m>``) and adjacent-word bigrams."""
    words = []
    for w in _WORD.findall(text.lower()):
        if w[0].isdigit():
            w = "#"
        elif w in _MONTHS:
            w = "<m>"
        words.append(w)
    return words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]


@dataclass
class NaiveBayes:
    """Fitted multinomial naive Bayes: ``predict`` gives (label, probability)."""

    labels: list[str]
    log_prior: list[float]
    log_lik: dict[str, list[float]]
    log_unseen: list[float]

    def scores(self, feats: list[str]) -> list[float]:
        s = list(self.log_prior)
        for f in feats:
            row = self.log_lik.get(f)
            if row is None:
                continue
            for i, v in enumerate(row):
                s[i] += v
        return s

    def predict(self, text: str) -> tuple[str, float]:
        s = self.scores(features(text))
        top = max(range(len(s)), key=s.__getitem__)
        z = sum(math.exp(v - s[top]) for v in s)
        return self.labels[top], 1.0 / z

    def to_dict(self) -> dict:
        return {"labels": self.labels, "log_prior": self.log_prior,
                "log_lik": self.log_lik, "log_unseen": self.log_unseen}


def fit(texts: list[str], labels: list[str], max_features: int = 4000,
        alpha: float = 0.5) -> NaiveBayes:
    """Fit on ``texts``/``labels``; keep the ``max_features`` most frequent features."""
    classes = sorted(set(labels))
    idx = {c: i for i, c in enumerate(classes)}
    counts: dict[str, list[int]] = {}
    totals = [0] * len(classes)
    docs = [0] * len(classes)
    freq: dict[str, int] = {}
    feats_all = [features(t) for t in texts]
    for fs in feats_all:
        for f in set(fs):
            freq[f] = freq.get(f, 0) + 1
    keep = set(sorted((f for f in freq if freq[f] >= 3), key=lambda f: (-freq[f], f))
               [:max_features])
    for fs, lab in zip(feats_all, labels, strict=True):
        k = idx[lab]
        docs[k] += 1
        for f in fs:
            if f in keep:
                counts.setdefault(f, [0] * len(classes))[k] += 1
                totals[k] += 1
    n = len(texts)
    v = len(keep)
    log_prior = [round(math.log(d / n), 4) for d in docs]
    denom = [t + alpha * v for t in totals]
    log_lik = {f: [round(math.log((c[k] + alpha) / denom[k]), 3) for k in range(len(classes))]
               for f, c in sorted(counts.items())}
    unseen = [round(math.log(alpha / d), 3) for d in denom]
    return NaiveBayes(classes, log_prior, log_lik, unseen)


@cache
def model(name: str) -> NaiveBayes | None:
    """The shipped model ``name`` (``root`` or ``source``); None when not built."""
    try:
        raw = resources.files("jirga.events").joinpath("data/note_classifier.json").read_text(
            "utf-8")
    except (FileNotFoundError, OSError):
        return None
    data = json.loads(raw).get(name)
    return NaiveBayes(**data) if data else None
