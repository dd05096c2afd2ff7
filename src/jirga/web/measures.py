"""Headline quantities of a run, and paired differences between two runs.

Each measure keeps the per-draw (or per-world) values it came from, so the difference
between baseline and variant is taken draw by draw — the same random numbers on both
sides (same seed and budget) — and its interval is the spread of those paired
differences, not of two independent clouds. Conventions follow the models' own
counterfactuals: bargaining forecasts as the median of paired differences with a 10–90%
range; agreement as a mean difference ± 1.96 s.e.; ceasefire measures as the 5–95%
range of per-world differences.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from jirga.web.whatif import Run


@dataclass
class Measure:
    key: str
    label: str
    value: float
    low: float | None
    high: float | None
    unit: str
    kind: str                    # how to pair: "draws-median", "draws-mean", "worlds-…"
    draws: np.ndarray | None = None
    source: Any = None           # the CeasefireResult for world-paired measures

    def public(self) -> dict[str, Any]:
        return {"key": self.key, "label": self.label, "value": _num(self.value),
                "low": _num(self.low), "high": _num(self.high), "unit": self.unit}


def _num(x: float | None) -> float | None:
    if x is None:
        return None
    x = float(x)
    return x if math.isfinite(x) else None


def _median_days(d: np.ndarray) -> float:
    from jirga.models.ceasefire.result import _median_days as med

    return float(med(d))


def measures(run: Run) -> list[Measure]:
    """The quantities the workbench compares, in display order."""
    out: list[Measure] = []
    if run.ceasefire.ok:
        from jirga.web import fast

        res = run.ceasefire.value
        med, lo, hi = fast.median_duration(res)
        out.append(Measure("ceasefire.median_days", "median truce duration", med, lo, hi, "days",
                           "worlds-median", res.duration_days, res))
        for h in (90, 180):
            p, lo, hi = fast.p_break_within(res, h)
            out.append(Measure(f"ceasefire.p_break_{h}", f"P(truce breaks within {h} days)", p, lo,
                               hi, "probability", f"worlds-within-{h}", res.duration_days, res))
        share = res.breaker_shares()["group"]
        out.append(Measure("ceasefire.group_breaks", "share of breakdowns started by the armed group",
                           share, None, None, "probability", "none"))
    if run.bargaining.ok:
        b = run.bargaining.value
        for k, m in b.issues.items():
            f = np.asarray(m.forecast, dtype=float)
            out.append(Measure(f"bargaining.forecast.{k}", f"forecast on {k}", float(np.median(f)),
                               float(np.quantile(f, 0.1)), float(np.quantile(f, 0.9)),
                               "position (0–100)", "draws-median", f))
            if m.agree is not None:
                a = np.asarray(m.agree, dtype=float)
                out.append(Measure(f"bargaining.agreement.{k}", f"P(principals agree on {k})",
                                   float(a.mean()), None, None, "probability", "draws-mean", a))
    if run.spatial.ok:
        for r in run.spatial.value.summary().itertuples():
            if str(r.measure).startswith("final weighted mean on "):
                dim = str(r.measure).removeprefix("final weighted mean on ")
                out.append(Measure(f"spatial.{dim}", f"spatial model: where {dim} ends", r.value,
                                   r.low, r.high, str(r.unit), "none"))
    return out


def _paired(a: Measure, b: Measure) -> tuple[float, float | None, float | None, bool]:
    """(change, low, high, paired?) of ``b − a``."""
    da, db = a.draws, b.draws
    if a.kind == b.kind and da is not None and db is not None and len(da) == len(db):
        if a.kind == "draws-median":
            d = db - da
            return float(np.median(d)), float(np.quantile(d, 0.1)), float(np.quantile(d, 0.9)), True
        if a.kind == "draws-mean":
            d = db - da
            se = float(d.std(ddof=1) / np.sqrt(len(d))) if len(d) > 1 else 0.0
            m = float(d.mean())
            return m, m - 1.96 * se, m + 1.96 * se, True
        if a.kind.startswith("worlds-"):
            ga, gb = a.source.by_world(da), b.source.by_world(db)
            if ga is not None and gb is not None and ga.shape == gb.shape:
                if a.kind == "worlds-median":
                    per = [_median_days(y) - _median_days(x) for x, y in zip(ga, gb, strict=True)]
                else:
                    h = float(a.kind.rsplit("-", 1)[1])
                    per = [float((y <= h).mean() - (x <= h).mean()) for x, y in zip(ga, gb, strict=True)]
                per = np.asarray(per, dtype=float)
                fin = per[np.isfinite(per)]
                lo, hi = (np.quantile(fin, [0.05, 0.95]) if len(fin) >= len(per) // 2 and len(fin)
                          else (np.nan, np.nan))
                return float(b.value - a.value), float(lo), float(hi), True
            return (float(b.value - a.value), *_paired_bootstrap(a, da, db), True)
    return float(b.value - a.value), None, None, False


def _stat(kind: str):
    if kind == "worlds-median":
        return _median_days
    h = float(kind.rsplit("-", 1)[1])
    return lambda d: float((d <= h).mean())


def _paired_bootstrap(a: Measure, da: np.ndarray, db: np.ndarray, n_boot: int = 200
                      ) -> tuple[float | None, float | None]:
    """5–95% of the change when the run has too few draws per world to pair by world: the
    same resampled draws on both sides (draw i of the baseline and of the variant share their
    random numbers), as the model's counterfactuals do in that case."""
    from jirga.models.seeds import stream

    stat = _stat(a.kind)
    rng = stream(0, "workbench", "compare", a.key)
    idx = rng.integers(0, len(da), size=(n_boot, len(da)))
    diffs = np.array([stat(db[i]) - stat(da[i]) for i in idx], dtype=float)
    fin = diffs[np.isfinite(diffs)]
    if len(fin) < len(diffs) // 2 or not len(fin):
        return None, None
    lo, hi = np.quantile(fin, [0.05, 0.95])
    return float(lo), float(hi)


def differences(base: list[Measure], variant: list[Measure]) -> list[dict[str, Any]]:
    """One row per measure both runs have: baseline, variant, paired change and its interval."""
    by_key = {m.key: m for m in variant}
    rows = []
    for a in base:
        b = by_key.get(a.key)
        if b is None:
            continue
        change, lo, hi, paired = _paired(a, b)
        rows.append({"key": a.key, "label": a.label, "unit": a.unit, "baseline": _num(a.value),
                     "variant": _num(b.value), "change": _num(change), "low": _num(lo),
                     "high": _num(hi), "paired": paired})
    return rows


def moved_by(base: list[Measure], singles: list[tuple[str, list[Measure]]],
             rows: list[dict[str, Any]]) -> None:
    """Add to each row the edit that, alone against the baseline, moved it most."""
    effects: dict[str, list[tuple[str, float]]] = {}
    for label, ms in singles:
        for row in differences(base, ms):
            if row["change"] is not None:
                effects.setdefault(row["key"], []).append((label, row["change"]))
    for row in rows:
        found = effects.get(row["key"], [])
        found.sort(key=lambda x: -abs(x[1]))
        row["edits"] = [{"edit": e, "change": _num(c)} for e, c in found]
        row["moved_by"] = found[0][0] if found and abs(found[0][1]) > 1e-9 else None
