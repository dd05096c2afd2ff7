"""Result types of the bargaining model on a case (see :mod:`jirga.models.bargaining.montecarlo`).

:class:`BargainingResult` (one run per issue at the point estimates) and
:class:`BargainingMCResult` (Monte Carlo) share one surface: ``forecast_draws``,
``agreement_prob``, ``summary()``, ``to_frame()`` and ``plot()``.
:class:`MediatorEffects` holds the paired scenario differences.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from jirga.case.schema import Issue
from jirga.models.bargaining.engine import MOVE_NAMES, QUADRANT_NAMES, Params, Trajectory
from jirga.models.results import ResultBase, summary_frame


@dataclass
class _IssueTrajectory:
    """What one issue's run and its Monte Carlo both hold, so the agreement test is written once.

    ``principals``: indices of the case's two ``analysis.principals`` among the
    actors (``None`` when either does not take part in the issue); they count as
    agreeing when they end within ``zone`` of each other.
    """

    issue: Issue
    actor_ids: list[str]
    names: list[str]
    traj: Trajectory
    principals: tuple[int, int] | None
    zone: float

    def final_gap(self) -> np.ndarray | None:
        """(draws,) distance between the principals after the last round (None without them)."""
        if self.principals is None:
            return None
        a, b = self.principals
        fin = self.traj.positions[:, -1]
        return np.abs(fin[:, a] - fin[:, b])


@dataclass
class IssueRun(_IssueTrajectory):
    """One issue's run at the point estimates: every actor's path and the tables analysts read."""

    @property
    def positions(self) -> np.ndarray:
        """(rounds+1, actors)."""
        return self.traj.positions[0]

    @property
    def forecast(self) -> float:
        return float(self.traj.forecast[0])

    @property
    def forecast_median(self) -> float:
        return float(self.traj.forecast_median[0])

    @property
    def agreement(self) -> float:
        """1.0 when the principals end within the zone, 0.0 when not, NaN without principals."""
        gap = self.final_gap()
        return float("nan") if gap is None else float(gap[0] <= self.zone)

    @property
    def status(self) -> str:
        return _status_text(int(self.traj.cycle_start[0]), int(self.traj.cycle_period[0]),
                            self.traj.rounds)

    def positions_frame(self) -> pd.DataFrame:
        """One row per round: c·s-weighted mean and median, then each actor's position."""
        df = pd.DataFrame(self.positions, columns=self.names)
        df.insert(0, "median_cs", self.traj.median[0])
        df.insert(0, "mean_cs", self.traj.mean[0])
        df.index.name = "round"
        return df

    def moves_frame(self) -> pd.DataFrame:
        """One row per (round, actor) that moved: the kind of move and whose offer it took."""
        rows = []
        for t in range(self.traj.rounds):
            for i, nm in enumerate(self.names):
                code = int(self.traj.moves[0, t, i])
                if code:
                    rows.append({"round": t + 1, "actor": nm, "move": MOVE_NAMES[code],
                                 "offer_from": self.names[int(self.traj.senders[0, t, i])],
                                 "from": self.positions[t, i],
                                 "to": self.positions[t + 1, i]})
        return pd.DataFrame(rows, columns=["round", "actor", "move", "offer_from", "from", "to"])

    def quadrant_frame(self) -> pd.DataFrame:
        """Rows: actor i; columns: actor j; value: i's perception of its relation with j."""
        q = self.traj.quadrants[0]
        return pd.DataFrame([[QUADRANT_NAMES[int(v)] for v in row] for row in q],
                            index=self.names, columns=self.names)

    def dyad_frame(self) -> pd.DataFrame:
        """One row per ordered dyad: both expected utilities (i's view) and the quadrant."""
        own, oth, q = self.traj.eu_own[0], self.traj.eu_other[0], self.traj.quadrants[0]
        rows = []
        for i, a in enumerate(self.names):
            for j, b in enumerate(self.names):
                if i != j:
                    yielder = "" if q[i, j] in (0, 3) else (a if own[i, j] <= 0 else b)
                    rows.append({"actor": a, "other": b, "eu_challenge": own[i, j],
                                 "eu_challenged": oth[i, j],
                                 "quadrant": QUADRANT_NAMES[int(q[i, j])], "yields": yielder})
        return pd.DataFrame(rows)


def _status_text(start: int, period: int, rounds: int) -> str:
    if period == 1:
        return f"fixed point from round {start}"
    if period > 1:
        return f"cycle of period {period} from round {start}"
    return f"no repeated state in {rounds} rounds"


@dataclass
class BargainingResult(ResultBase):
    title = "bargaining forecast (point estimates)"

    """:func:`run_case` output: one run per issue at the point estimates."""

    case_id: str
    runs: dict[str, IssueRun]
    params: Params
    rounds: int

    @property
    def forecast_draws(self) -> dict[str, np.ndarray]:
        return {k: r.traj.forecast.copy() for k, r in self.runs.items()}

    @property
    def agreement_prob(self) -> dict[str, float]:
        return {k: r.agreement for k, r in self.runs.items()}

    def to_frame(self) -> pd.DataFrame:
        """One row per issue: forecast, last round's mean and median, status, principals' gap."""
        rows = []
        for k, r in self.runs.items():
            gap = r.final_gap()
            rows.append({"issue": k, "forecast": r.forecast,
                         "forecast_median": r.forecast_median,
                         "mean_last": r.traj.mean[0, -1], "median_last": r.traj.median[0, -1],
                         "principals_gap": np.nan if gap is None else gap[0], "agreement": r.agreement,
                         "status": r.status})
        return pd.DataFrame(rows).set_index("issue")

    def summary(self) -> pd.DataFrame:
        """The forecast on each issue (point estimates: no interval)."""
        return summary_frame([{"measure": f"forecast on {k}", "value": r.forecast,
                               "unit": "position (0–100)"} for k, r in self.runs.items()])

    def text(self) -> str:
        lines = [f"Bargaining model ({self.params.variant}), case {self.case_id}, "
                 f"{self.rounds} rounds, point estimates"]
        for k, r in self.runs.items():
            lines.append(f"  {k}: forecast {r.forecast:.1f} (weighted median "
                         f"{r.forecast_median:.1f}; mean over last {_win(self.params, self.rounds)}"
                         f" rounds) — {r.status}")
            if r.principals:
                a, b = (r.names[i] for i in r.principals)
                lines.append(f"    {a} vs {b}: {'within' if r.agreement else 'outside'} "
                             f"the agreement zone ({r.zone:g}) after round {self.rounds}")
        return "\n".join(lines)

    def plot(self, issue: str | None = None):
        """Round-by-round chart: every actor's position and the c·s-weighted mean."""
        from jirga.models.bargaining.plots import plot_rounds

        return plot_rounds(self.runs[issue or next(iter(self.runs))])


def _win(p: Params, rounds: int) -> int:
    return max(1, min(p.window, rounds))


@dataclass
class IssueMC(_IssueTrajectory):
    """One issue's Monte Carlo: forecasts, final positions and status per draw."""

    @property
    def forecast(self) -> np.ndarray:
        return self.traj.forecast

    @property
    def agree(self) -> np.ndarray | None:
        """(draws,) bool: principals end within the zone (None without principals)."""
        gap = self.final_gap()
        return None if gap is None else gap <= self.zone

    @property
    def agreement_prob(self) -> float:
        ag = self.agree
        return float("nan") if ag is None else float(ag.mean())

    def interval(self, level: float = 0.8) -> tuple[float, float]:
        lo = (1 - level) / 2
        q = np.quantile(self.forecast, [lo, 1 - lo])
        return float(q[0]), float(q[1])

    def histogram(self, bins: int | np.ndarray = 20) -> tuple[np.ndarray, np.ndarray]:
        """Counts and edges of the forecast over the 0–100 scale."""
        edges = np.linspace(0, 100, bins + 1) if isinstance(bins, int) else bins
        return np.histogram(np.clip(self.forecast, 0, 100), bins=edges)

    def status_shares(self) -> dict[str, float]:
        per = self.traj.cycle_period
        return {"fixed point": float((per == 1).mean()), "cycle": float((per > 1).mean()),
                "no repeat": float((per == 0).mean())}


@dataclass
class BargainingMCResult(ResultBase):
    title = "bargaining forecast (Monte Carlo)"

    """:func:`run_case_mc` output (see module docstring)."""

    case_id: str
    issues: dict[str, IssueMC]
    base: BargainingResult
    params: Params
    rounds: int
    draws: int
    seed: int
    kind: str
    effects: MediatorEffects | None = None

    @property
    def forecast_draws(self) -> dict[str, np.ndarray]:
        return {k: m.forecast for k, m in self.issues.items()}

    @property
    def agreement_prob(self) -> dict[str, float]:
        return {k: m.agreement_prob for k, m in self.issues.items()}

    def to_frame(self) -> pd.DataFrame:
        """One row per issue: forecast median, 80% interval, agreement chance, status shares."""
        rows = []
        for k, m in self.issues.items():
            lo, hi = m.interval(0.8)
            sh = m.status_shares()
            rows.append({"issue": k, "forecast_median": float(np.median(m.forecast)),
                         "forecast_p10": lo, "forecast_p90": hi,
                         "forecast_point": self.base.runs[k].forecast,
                         "agreement_prob": m.agreement_prob,
                         "share_fixed_point": sh["fixed point"], "share_cycle": sh["cycle"],
                         "draws": self.draws})
        return pd.DataFrame(rows).set_index("issue")

    def summary(self) -> pd.DataFrame:
        """Per issue: the median forecast with its 80% interval, and P(principals agree)."""
        rows = []
        for k, m in self.issues.items():
            lo, hi = m.interval(0.8)
            rows.append({"measure": f"forecast on {k}", "value": float(np.median(m.forecast)),
                         "low": lo, "high": hi, "unit": "position (0–100)"})
            if m.principals:
                rows.append({"measure": f"P(principals agree on {k})",
                             "value": m.agreement_prob, "unit": "probability"})
        return summary_frame(rows)

    def text(self) -> str:
        lines = [f"Bargaining model ({self.params.variant}), case {self.case_id}: {self.draws} "
                 f"draws ({self.kind}), {self.rounds} rounds, seed {self.seed}"]
        for k, m in self.issues.items():
            lo, hi = m.interval(0.8)
            lines.append(f"  {k}: forecast {np.median(m.forecast):.1f} "
                         f"(80% interval {lo:.1f}–{hi:.1f}) on 0 = {m.issue.scale.zero} … "
                         f"100 = {m.issue.scale.hundred}")
            if m.principals:
                a, b = (m.names[i] for i in m.principals)
                lines.append(f"    P({a} and {b} end within {m.zone:g}) = "
                             f"{m.agreement_prob:.2f}")
            sh = m.status_shares()
            lines.append(f"    draws reaching a fixed point {sh['fixed point']:.0%}, "
                         f"a cycle {sh['cycle']:.0%}")
        if self.effects is not None:
            lines.append(self.effects.text())
        return "\n".join(lines)

    def plot(self, issue: str | None = None):
        """Forecast distribution (histogram) of one issue."""
        from jirga.models.bargaining.plots import plot_distribution

        return plot_distribution(self.issues[issue or next(iter(self.issues))])

    def plot_rounds(self, issue: str | None = None):
        """Round-by-round chart of the point-estimate run, with the draws' 10–90% band."""
        k = issue or next(iter(self.issues))
        from jirga.models.bargaining.plots import plot_rounds

        return plot_rounds(self.base.runs[k], self.issues[k])


@dataclass
class MediatorEffects(ResultBase):
    """Differences (scenario − as given) per issue, mediator and scenario, paired per draw."""

    title = "mediator effects (bargaining model)"

    frame: pd.DataFrame
    forecast_diffs: dict[tuple[str, str, str], np.ndarray] = field(repr=False)

    def to_frame(self) -> pd.DataFrame:
        return self.frame.copy()

    def summary(self) -> pd.DataFrame:
        """Per issue, mediator and scenario: the paired change in the forecast (80% interval)
        and in the chance that the principals agree (95% interval)."""
        rows = []
        for r in self.frame.itertuples():
            what = f"{r.mediator} {r.scenario}, {r.issue}"
            rows.append({"measure": f"{what}: change in forecast", "value": r.forecast_diff,
                         "low": r.forecast_diff_p10, "high": r.forecast_diff_p90,
                         "unit": "points on the issue scale"})
            if not np.isnan(r.agreement_diff):
                rows.append({"measure": f"{what}: change in P(agree)", "value": r.agreement_diff,
                             "low": r.agreement_diff_lo, "high": r.agreement_diff_hi,
                             "unit": "probability change"})
        return summary_frame(rows)

    def text(self) -> str:
        if self.frame.empty:
            return "Mediator effects: the case has no mediator with a stance on these issues."
        lines = ["Mediator effects (scenario − as given; forecast: median and 80% interval of "
                 "the paired difference; agreement: probability difference, 95% interval):"]
        for r in self.frame.itertuples():
            ag = ("" if np.isnan(r.agreement_diff) else
                  f", agreement {r.agreement_diff:+.2f} ({r.agreement_diff_lo:+.2f}…"
                  f"{r.agreement_diff_hi:+.2f})")
            lines.append(f"  {r.issue} · {r.mediator} {r.scenario}: forecast "
                         f"{r.forecast_diff:+.1f} ({r.forecast_diff_p10:+.1f}…"
                         f"{r.forecast_diff_p90:+.1f}){ag}")
        return "\n".join(lines)

    def plot(self, issue: str | None = None):
        from jirga.models.bargaining.plots import plot_effects

        return plot_effects(self, issue)
