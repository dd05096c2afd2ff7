"""The compromise model's part of an analysis, and the honest comparison of the three forecasts.

The expected-utility model is one forecast of where an issue lands; the spatial model is
another; the compromise model (capability × salience-weighted mean) is the baseline both
must beat. When they disagree by more than the case's agreement zone, no one of them is
"the forecast", and the report and `jirga bargain` say so instead of printing one number.

The compromise is computed on the very draws of the case's ranges the bargaining model runs
on (same sampler, seed, draw count and sampling), so the two are paired draw by draw and the
share of draws in which they land more than the zone apart is a fair measure, not noise
from two samples.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from jirga.analysis.budget import Budget
from jirga.analysis.outcome import Outcome
from jirga.case.schema import Case
from jirga.errors import InputError, Problem
from jirga.models.compromise import CompromiseInput, CompromiseResult, run_compromise

if TYPE_CHECKING:
    import pandas as pd

    from jirga.models.bargaining.results import BargainingMCResult
    from jirga.models.spatial.engine import SpatialResult

MODEL_NAMES = {"eu": "expected utility", "spatial": "spatial", "compromise": "compromise"}


def compromise_inputs(case: Case, draws: int, seed: int, kind: str = "pert",
                      issues: list[str] | str | None = None
                      ) -> tuple[dict[str, CompromiseInput], dict[str, CompromiseInput]]:
    """The bargaining model's draws (and modes) of the case, as the compromise model's inputs.

    Drawn with the bargaining model's own sampler, so ``(case, draws, seed, kind)`` gives
    exactly the capabilities, positions and saliences its Monte Carlo runs on.
    """
    from jirga.models.bargaining.montecarlo import point_inputs, sample_inputs

    try:
        drawn = sample_inputs(case, draws, seed, kind, issues)
        modes = point_inputs(case, issues)
    except ValueError as exc:  # no issue with two actors holding a stance
        raise InputError([Problem(case.id, None, "issues", str(exc),
                                  "give an issue the positions of at least two actors")]) from None

    def conv(d: dict) -> dict[str, CompromiseInput]:
        return {k: CompromiseInput(v.issue, v.actor_ids, v.names, v.x, v.c, v.s)
                for k, v in d.items()}

    return conv(drawn), conv(modes)


def compromise_on_draws(case: Case, draws: int, seed: int, kind: str = "pert",
                        issues: list[str] | str | None = None) -> CompromiseResult:
    """The compromise model on the same draws as ``run_case_mc(case, draws, seed, kind=kind)``."""
    drawn, modes = compromise_inputs(case, draws, seed, kind, issues)
    return run_compromise(drawn, modes, case_id=case.id, seed=seed, kind=kind)


# ---------------------------------------------------------------------------
# the comparison
# ---------------------------------------------------------------------------


@dataclass
class IssueComparison:
    """One issue: each model's forecast, their spread, and whether it exceeds the zone."""

    issue: str
    question: str
    eu: float            # expected utility: median over the draws (NaN: not run)
    spatial: float       # spatial: final capability×salience-weighted mean (NaN: not run)
    compromise: float    # compromise: median over the draws
    zone: float
    cycle_share: float   # share of the bargaining draws that end in a cycle (NaN: not run)
    apart_share: float   # share of draws in which EU and compromise are > zone apart

    def forecasts(self) -> dict[str, float]:
        """The models that gave a number, by name."""
        vals = {"eu": self.eu, "spatial": self.spatial, "compromise": self.compromise}
        return {k: v for k, v in vals.items() if not math.isnan(v)}

    @property
    def spread(self) -> float:
        """Largest minus smallest forecast (NaN with fewer than two models)."""
        v = list(self.forecasts().values())
        return max(v) - min(v) if len(v) >= 2 else math.nan

    @property
    def disagree(self) -> bool:
        """The models are further apart than the agreement zone: no single forecast."""
        return not math.isnan(self.spread) and self.spread > self.zone

    def listing(self) -> str:
        """``expected utility 97, spatial 43, compromise 52``."""
        from jirga.vocab.format import number

        return ", ".join(f"{MODEL_NAMES[k]} {number(v)}" for k, v in self.forecasts().items())

    def verdict(self) -> str:
        """The sentence a reader gets in place of (or beside) one number."""
        from jirga.vocab.format import number

        parts = self.listing()
        if math.isnan(self.spread):
            return f"only one model ran: {parts}"
        if self.disagree:
            return (f"the models disagree: {parts} (spread {number(self.spread)} points, more "
                    f"than the agreement zone of {self.zone:g}) — no single forecast")
        return (f"the models agree within the agreement zone of {self.zone:g} points: {parts} "
                f"(spread {number(self.spread)})")

    def short_verdict(self) -> str:
        """The verdict without the spread, for a sentence that already has parentheses."""
        if self.disagree:
            return f"the models disagree: {self.listing()} — no single forecast"
        return self.verdict()


@dataclass
class ModelComparison:
    """The three forecasts side by side on every issue the bargaining models cover."""

    rows: list[IssueComparison]
    zone: float
    notes: list[str] = field(default_factory=list)  # why a model is missing

    def disagreements(self) -> list[IssueComparison]:
        return [r for r in self.rows if r.disagree]

    def to_frame(self) -> pd.DataFrame:
        """One row per issue: the forecasts, spread, whether it exceeds the zone, cycle share."""
        import pandas as pd

        return pd.DataFrame([{
            "issue": r.issue, "eu_median": r.eu, "spatial_final_mean": r.spatial,
            "compromise_median": r.compromise, "spread": r.spread, "zone": r.zone,
            "disagree": r.disagree, "share_cycle": r.cycle_share,
            "share_eu_compromise_apart": r.apart_share} for r in self.rows]).set_index("issue")

    def headline(self) -> str:
        """One line for the first screen."""
        bad = self.disagreements()
        if not bad:
            return (f"The expected-utility, spatial and compromise forecasts agree within the "
                    f"agreement zone ({self.zone:g} points) on every issue.")
        names = "; ".join(f"{r.question} ({r.listing()})" for r in bad)
        return (f"The models disagree by more than the agreement zone ({self.zone:g} points) on "
                f"{len(bad)} of {len(self.rows)} issues — no single forecast there: {names}.")

    def text(self) -> str:
        lines = [f"Expected utility vs spatial vs compromise (agreement zone {self.zone:g}):"]
        lines += [f"  {r.issue}: {r.verdict()}" for r in self.rows]
        lines += [f"  ({n})" for n in self.notes]
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        from jirga.models.results import records

        return {"zone": self.zone, "notes": self.notes,
                "issues": records(self.to_frame().reset_index()),
                "verdicts": {r.issue: r.verdict() for r in self.rows}}


def spatial_final_means(res: SpatialResult) -> dict[str, float]:
    """The spatial model's headline per issue: the c×s-weighted mean of the final positions."""
    k = res.ktab_summary()
    last = k[k.turn == k.turn.max()]
    return {str(r.dim): float(r.mean_cap_sal_weighted) for r in last.itertuples()}


def compare(case: Case, comp: CompromiseResult, bargaining: BargainingMCResult | None = None,
            spatial: SpatialResult | None = None, notes: list[str] | None = None) -> ModelComparison:
    """Side by side, per issue of ``comp``; a model that did not run is left out (NaN)."""
    zone = case.analysis.agreement_zone
    sp = spatial_final_means(spatial) if spatial is not None else {}
    rows = []
    for k, m in comp.issues.items():
        eu = cyc = apart = math.nan
        if bargaining is not None and k in bargaining.issues:
            b = bargaining.issues[k]
            eu = float(np.median(b.forecast))
            cyc = b.status_shares()["cycle"]
            paired = (b.forecast.shape == m.forecast.shape and np.allclose(
                b.traj.positions[:, 0, :], m.inputs.x, equal_nan=True))
            if paired:  # same draws: the per-draw difference means something
                apart = float((np.abs(b.forecast - m.forecast) > zone).mean())
        rows.append(IssueComparison(k, m.issue.question, eu, sp.get(k, math.nan), m.median,
                                    zone, cyc, apart))
    return ModelComparison(rows, zone, list(notes or []))


@dataclass
class CompromiseAnalysis:
    """The compromise model's result and the comparison with the other two models."""

    result: CompromiseResult
    comparison: ModelComparison


def analyse_compromise(case: Case, budget: Budget, seed: int,
                       bargaining: Outcome | None = None,
                       spatial: Outcome | None = None) -> CompromiseAnalysis:
    """The compromise model on the bargaining model's draws, compared with what else ran."""
    comp = compromise_on_draws(case, budget.draws, seed)
    notes = []
    b = bargaining.value if bargaining is not None and bargaining.ok else None
    if b is None:
        notes.append("expected-utility model not run"
                     + (f": {bargaining.problem}" if bargaining is not None else ""))
    s = spatial.value.result if spatial is not None and spatial.ok else None
    if s is None:
        notes.append("spatial model not run"
                     + (f": {spatial.problem}" if spatial is not None else ""))
    return CompromiseAnalysis(comp, compare(case, comp, b, s, notes))
