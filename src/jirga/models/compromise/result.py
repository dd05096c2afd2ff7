"""The compromise model's result: per issue, the weighted mean over the case's draws."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from jirga.models.compromise.engine import CompromiseInput, compromise, weight_shares
from jirga.models.results import ResultBase, records, summary_frame

UNIT = "position (0–100)"


@dataclass
class IssueCompromise:
    """One issue: the compromise per draw, at the modes, and each actor's pull."""

    inputs: CompromiseInput
    forecast: np.ndarray     # (D,) compromise per draw
    point: float             # compromise at the modes of every range
    shares: np.ndarray       # (n,) mean share of Σ c·s per actor over the draws

    @property
    def issue(self):
        return self.inputs.issue

    @property
    def median(self) -> float:
        return float(np.median(self.forecast))

    def interval(self, level: float = 0.8) -> tuple[float, float]:
        lo = (1 - level) / 2
        q = np.quantile(self.forecast, [lo, 1 - lo])
        return float(q[0]), float(q[1])

    def weights_frame(self) -> pd.DataFrame:
        """One row per actor: its mean share of the weight and its median position."""
        return pd.DataFrame({"actor": self.inputs.actor_ids, "name": self.inputs.names,
                             "weight_share": self.shares,
                             "position_median": np.median(self.inputs.x, axis=0)})


@dataclass
class CompromiseResult(ResultBase):
    """The compromise model on every issue of a case, over ``draws`` draws of its ranges."""

    title = "compromise model (capability × salience-weighted mean)"

    case_id: str
    issues: dict[str, IssueCompromise]
    draws: int
    seed: int
    kind: str
    draws_from: str = "the case's ranges"

    @property
    def forecast_draws(self) -> dict[str, np.ndarray]:
        """issue → (draws,) compromise: the same shape as the bargaining model's."""
        return {k: m.forecast for k, m in self.issues.items()}

    def summary(self) -> pd.DataFrame:
        """Per issue: the median compromise with its 80% interval over the draws."""
        rows = []
        for k, m in self.issues.items():
            lo, hi = m.interval(0.8)
            rows.append({"measure": f"compromise on {k}", "value": m.median, "low": lo,
                         "high": hi, "unit": UNIT})
        return summary_frame(rows)

    def to_frame(self) -> pd.DataFrame:
        """One row per issue: median, 80% interval, value at the modes, the heaviest actor."""
        rows = []
        for k, m in self.issues.items():
            lo, hi = m.interval(0.8)
            top = int(np.argmax(m.shares))
            rows.append({"issue": k, "compromise_median": m.median, "compromise_p10": lo,
                         "compromise_p90": hi, "compromise_point": m.point,
                         "heaviest_actor": m.inputs.actor_ids[top],
                         "heaviest_share": float(m.shares[top]), "draws": self.draws})
        return pd.DataFrame(rows).set_index("issue")

    def text(self) -> str:
        from jirga.vocab.format import number, pct

        lines = [f"Compromise model (capability × salience-weighted mean), case {self.case_id}: "
                 f"{self.draws} draws of {self.draws_from} ({self.kind}), seed {self.seed}"]
        for k, m in self.issues.items():
            lo, hi = m.interval(0.8)
            top = int(np.argmax(m.shares))
            lines.append(f"  {k}: {number(m.median, 1)} (80% interval {number(lo, 1)}–{number(hi, 1)}; "
                         f"{number(m.point, 1)} at the point estimates); "
                         f"{m.inputs.names[top]} carries {pct(float(m.shares[top]))} of the weight")
        return "\n".join(lines)

    def plot(self):
        """Median compromise and 80% interval per issue, on the 0–100 scale (plotly)."""
        import plotly.graph_objects as go

        from jirga.plotting import LIGHT

        ks = list(self.issues)
        med = [self.issues[k].median for k in ks]
        iv = [self.issues[k].interval(0.8) for k in ks]
        fig = go.Figure(go.Scatter(
            x=med, y=ks, mode="markers", name="compromise (median)",
            error_x={"type": "data", "symmetric": False,
                     "array": [hi - m for m, (_, hi) in zip(med, iv, strict=True)],
                     "arrayminus": [m - lo for m, (lo, _) in zip(med, iv, strict=True)]}))
        fig.update_layout(title="Compromise model: median and 80% interval per issue",
                          xaxis_title="position (0–100)", xaxis_range=[0, 100], template=LIGHT,
                          height=120 + 40 * len(ks), margin={"l": 120, "r": 20, "t": 40, "b": 40})
        return fig

    def to_dict(self) -> dict[str, Any]:
        out = super().to_dict()
        out.update({"case": self.case_id, "draws": self.draws, "seed": self.seed,
                    "sampling": self.kind, "issues": records(self.to_frame().reset_index()),
                    "weights": {k: records(m.weights_frame()) for k, m in self.issues.items()}})
        return out


def run_compromise(inputs: dict[str, CompromiseInput], point: dict[str, CompromiseInput], *,
                   case_id: str, seed: int, kind: str = "pert",
                   draws_from: str = "the case's ranges") -> CompromiseResult:
    """The model on every issue: ``inputs`` (D draws each) and ``point`` (the modes).

    ``seed`` and ``kind`` only record how the caller drew ``inputs``; the model itself
    draws nothing.
    """
    if set(inputs) != set(point):
        raise ValueError("inputs and point must hold the same issues")
    if not inputs:
        raise ValueError("no issue to compute a compromise on")
    issues = {}
    draws = 0
    for k, inp in inputs.items():
        draws = inp.x.shape[0]
        p = point[k]
        issues[k] = IssueCompromise(inp, compromise(inp.x, inp.c, inp.s),
                                    float(compromise(p.x, p.c, p.s)[0]),
                                    weight_shares(inp.c, inp.s).mean(axis=0))
    return CompromiseResult(case_id, issues, draws, seed, kind, draws_from)
