"""The bargaining model on a case: one run at the point estimates, Monte Carlo, mediator effects.

* :func:`run_case` — one deterministic run per issue at the modes of every range;
  returns :class:`BargainingResult`.
* :func:`run_case_mc` — ``draws`` runs at once, capability, position and salience
  sampled from the case's ranges (PERT or triangular); returns
  :class:`BargainingMCResult` with ``forecast_draws`` (issue → (draws,) forecast,
  0–100) and ``agreement_prob`` (issue → probability that the two principals end
  within ``case.analysis.agreement_zone`` of each other).
* :func:`mediator_effects` — the case as given vs each mediator removed or with
  its capability or salience scaled, on the same draws (common random numbers),
  so differences are paired per draw.

Sampling order is fixed (capabilities of all actors, then each issue's positions
and saliences in case order) so that the same case, seed and draws give the same
numbers. Both result types share one surface: ``forecast_draws``,
``agreement_prob``, ``summary()``, ``to_frame()`` and ``plot()``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from jirga.case.estimate import sample_estimates
from jirga.case.schema import Case, Issue
from jirga.models.bargaining import (
    MOVE_NAMES,
    QUADRANT_NAMES,
    Params,
    Trajectory,
    simulate,
)

Progress = Callable[[int, int], None]

DEFAULT_SCENARIOS: tuple[tuple[str, str, float], ...] = (
    ("removed", "", 0.0),
    ("capability ×0.5", "capability", 0.5),
    ("capability ×2", "capability", 2.0),
    ("salience ×0.5", "salience", 0.5),
    ("salience ×1.5", "salience", 1.5),
)


# ---------------------------------------------------------------------------
# inputs
# ---------------------------------------------------------------------------


@dataclass
class IssueInputs:
    """Sampled (or point) inputs for one issue: arrays (draws, actors)."""

    issue: Issue
    actor_ids: list[str]
    names: list[str]
    x: np.ndarray
    c: np.ndarray
    s: np.ndarray

    def without(self, k: int) -> IssueInputs:
        keep = [i for i in range(len(self.actor_ids)) if i != k]
        return IssueInputs(self.issue, [self.actor_ids[i] for i in keep],
                           [self.names[i] for i in keep], self.x[:, keep], self.c[:, keep],
                           self.s[:, keep])

    def scaled(self, k: int, what: str, factor: float) -> IssueInputs:
        c, s = self.c.copy(), self.s.copy()
        if what == "capability":
            c[:, k] *= factor
        else:
            s[:, k] = np.clip(s[:, k] * factor, 0.0, 1.0)
        return replace(self, c=c, s=s)


def _issue_actors(case: Case, issue: Issue) -> list[int]:
    """Indices (into case.actors) of the actors with a stance on ``issue``, in case order."""
    return [i for i, a in enumerate(case.actors) if a.id in issue.positions]


def _select_issues(case: Case, issues: list[str] | str | None) -> list[Issue]:
    """The issues asked for (default: all with two or more actors holding a stance)."""
    if issues is None:
        chosen = [i for i in case.issues if len(_issue_actors(case, i)) >= 2]
    else:
        chosen = [case.issue(i) for i in ([issues] if isinstance(issues, str) else issues)]
        for i in chosen:
            if len(_issue_actors(case, i)) < 2:
                raise ValueError(f"issue {i.id!r} needs stances of at least two actors")
    if not chosen:
        raise ValueError(f"case {case.id!r} has no issue with two or more actors to bargain over")
    return chosen


def point_inputs(case: Case, issues: list[str] | str | None = None) -> dict[str, IssueInputs]:
    """Inputs at the modes of every range (one 'draw')."""
    out = {}
    for issue in _select_issues(case, issues):
        idx = _issue_actors(case, issue)
        acts = [case.actors[i] for i in idx]
        st = [issue.positions[a.id] for a in acts]
        out[issue.id] = IssueInputs(
            issue, [a.id for a in acts], [a.name for a in acts],
            np.array([[t.position.mode for t in st]]),
            np.array([[a.capability.mode for a in acts]]),
            np.array([[t.salience.mode for t in st]]),
        )
    return out


def sample_inputs(case: Case, draws: int, seed: int = 0, kind: str = "pert",
                  issues: list[str] | str | None = None) -> dict[str, IssueInputs]:
    """Sample every issue's inputs; the same (case, draws, seed) always give the same arrays."""
    rng = np.random.default_rng(seed)
    cap = [a.capability for a in case.actors]
    caps = sample_estimates(np.array([e.low for e in cap]), np.array([e.mode for e in cap]),
                            np.array([e.high for e in cap]), draws, rng, kind)
    wanted = {i.id for i in _select_issues(case, issues)}
    out = {}
    for issue in case.issues:  # all issues, in order, so each issue's draws do not
        idx = _issue_actors(case, issue)  # depend on which issues were asked for
        acts = [case.actors[i] for i in idx]
        ests = [issue.positions[a.id].position for a in acts] + \
               [issue.positions[a.id].salience for a in acts]
        both = sample_estimates(np.array([e.low for e in ests]), np.array([e.mode for e in ests]),
                                np.array([e.high for e in ests]), draws, rng, kind)
        if issue.id not in wanted:
            continue
        n = len(acts)
        out[issue.id] = IssueInputs(issue, [a.id for a in acts], [a.name for a in acts],
                                    both[:, :n], caps[:, idx], both[:, n:])
    return out


# ---------------------------------------------------------------------------
# running in chunks
# ---------------------------------------------------------------------------


def simulate_chunked(x: np.ndarray, c: np.ndarray, s: np.ndarray, rounds: int, params: Params,
                     progress: Progress | None = None, budget: float = 2e5,
                     final_eu: bool = False) -> Trajectory:
    """:func:`simulate` over blocks of draws (about ``budget`` floats per (D, n, n, n) array,
    which keeps the work in cache), written into one preallocated result."""
    d, n = x.shape
    chunk = max(64, int(budget // max(n, 1) ** 3))
    out: Trajectory | None = None
    for lo in range(0, d, chunk):
        hi = min(d, lo + chunk)
        part = simulate(x[lo:hi], c[lo:hi], s[lo:hi], rounds, params, final_eu=final_eu)
        if out is None:
            if hi == d:
                return _tick(part, progress, d)
            out = Trajectory(**{
                name: (part.window if name == "window" else
                       np.empty((d, *getattr(part, name).shape[1:]),
                                dtype=getattr(part, name).dtype))
                for name in Trajectory.__dataclass_fields__})
        for name in Trajectory.__dataclass_fields__:
            if name != "window":
                getattr(out, name)[lo:hi] = getattr(part, name)
        if progress is not None:
            progress(hi - lo, d)
    assert out is not None
    return out


def _tick(traj: Trajectory, progress: Progress | None, d: int) -> Trajectory:
    if progress is not None:
        progress(d, d)
    return traj


def _params(variant: str, params: dict) -> Params:
    return Params(variant=variant, **params)


# ---------------------------------------------------------------------------
# one run
# ---------------------------------------------------------------------------


@dataclass
class IssueRun:
    """One issue's run at the point estimates: every actor's path and the tables analysts read."""

    issue: Issue
    actor_ids: list[str]
    names: list[str]
    traj: Trajectory
    principals: tuple[int, int] | None
    zone: float

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
        if self.principals is None:
            return float("nan")
        a, b = self.principals
        return float(abs(self.positions[-1, a] - self.positions[-1, b]) <= self.zone)

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
class BargainingResult:
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
            gap = (abs(r.positions[-1, r.principals[0]] - r.positions[-1, r.principals[1]])
                   if r.principals else np.nan)
            rows.append({"issue": k, "forecast": r.forecast,
                         "forecast_median": r.forecast_median,
                         "mean_last": r.traj.mean[0, -1], "median_last": r.traj.median[0, -1],
                         "principals_gap": gap, "agreement": r.agreement,
                         "status": r.status})
        return pd.DataFrame(rows).set_index("issue")

    def summary(self) -> str:
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
        return plot_rounds(self.runs[issue or next(iter(self.runs))])


def _win(p: Params, rounds: int) -> int:
    return max(1, min(p.window, rounds))


def _principals(case: Case, ids: list[str]) -> tuple[int, int] | None:
    pr = case.analysis.principals
    if len(pr) >= 2 and pr[0] in ids and pr[1] in ids:
        return ids.index(pr[0]), ids.index(pr[1])
    return None


def run_case(case: Case, rounds: int = 10, variant: str = "scholz",
             issues: list[str] | str | None = None, **params) -> BargainingResult:
    """Run the model once per issue at the point estimates (modes)."""
    p = _params(variant, params)
    runs = {}
    for k, inp in point_inputs(case, issues).items():
        traj = simulate(inp.x, inp.c, inp.s, rounds, p)
        runs[k] = IssueRun(inp.issue, inp.actor_ids, inp.names, traj,
                           _principals(case, inp.actor_ids), case.analysis.agreement_zone)
    return BargainingResult(case.id, runs, p, rounds)


# ---------------------------------------------------------------------------
# Monte Carlo
# ---------------------------------------------------------------------------


@dataclass
class IssueMC:
    """One issue's Monte Carlo: forecasts, final positions and status per draw."""

    issue: Issue
    actor_ids: list[str]
    names: list[str]
    traj: Trajectory
    principals: tuple[int, int] | None
    zone: float

    @property
    def forecast(self) -> np.ndarray:
        return self.traj.forecast

    @property
    def agree(self) -> np.ndarray | None:
        """(draws,) bool: principals end within the zone (None without principals)."""
        if self.principals is None:
            return None
        a, b = self.principals
        fin = self.traj.positions[:, -1]
        return np.abs(fin[:, a] - fin[:, b]) <= self.zone

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
class BargainingMCResult:
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

    def summary(self) -> str:
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
            lines.append(self.effects.summary())
        return "\n".join(lines)

    def plot(self, issue: str | None = None):
        """Forecast distribution (histogram) of one issue."""
        return plot_distribution(self.issues[issue or next(iter(self.issues))])

    def plot_rounds(self, issue: str | None = None):
        """Round-by-round chart of the point-estimate run, with the draws' 10–90% band."""
        k = issue or next(iter(self.issues))
        return plot_rounds(self.base.runs[k], self.issues[k])


def run_case_mc(case: Case, draws: int = 2000, seed: int = 0, rounds: int = 10,
                variant: str = "scholz", *, kind: str = "pert",
                issues: list[str] | str | None = None, counterfactuals: bool = False,
                scenarios: tuple[tuple[str, str, float], ...] = DEFAULT_SCENARIOS,
                counterfactual_draws: int | None = None,
                progress: Progress | None = None, **params) -> BargainingMCResult:
    """Monte Carlo of every issue (see module docstring); ``params`` go to :class:`Params`.

    ``counterfactuals=True`` also computes :func:`mediator_effects` on the same
    draws (the first ``counterfactual_draws`` of them, if given, to bound the cost
    of large runs) and stores it as ``.effects``. ``progress(done, total)`` is
    called as blocks of draws finish.
    """
    if draws < 1:
        raise ValueError("draws must be at least 1")
    p = _params(variant, params)
    inputs = sample_inputs(case, draws, seed, kind, issues)
    cf = min(draws, counterfactual_draws or draws)
    total = draws * len(inputs)
    if counterfactuals:
        total += cf * len(scenarios) * sum(m.id in inp.actor_ids for inp in inputs.values()
                                           for m in case.mediators)
    done = [0]

    def tick(k: int, _d: int) -> None:
        done[0] += k
        if progress is not None:
            progress(done[0], total)

    out = {}
    for k, inp in inputs.items():
        traj = simulate_chunked(inp.x, inp.c, inp.s, rounds, p, tick)
        out[k] = IssueMC(inp.issue, inp.actor_ids, inp.names, traj,
                         _principals(case, inp.actor_ids), case.analysis.agreement_zone)
    base = run_case(case, rounds, variant, issues, **params)
    res = BargainingMCResult(case.id, out, base, p, rounds, draws, seed, kind)
    if counterfactuals:
        res.effects = _effects(case, inputs, out, p, rounds, scenarios, tick, cf)
    return res


# ---------------------------------------------------------------------------
# mediator counterfactuals
# ---------------------------------------------------------------------------


@dataclass
class MediatorEffects:
    """Differences (scenario − as given) per issue, mediator and scenario, paired per draw."""

    frame: pd.DataFrame
    forecast_diffs: dict[tuple[str, str, str], np.ndarray] = field(repr=False)

    def to_frame(self) -> pd.DataFrame:
        return self.frame.copy()

    def summary(self) -> str:
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
        return plot_effects(self, issue)


def _effects(case, inputs, base_mc, p, rounds, scenarios, tick, cf) -> MediatorEffects:
    rows, diffs = [], {}
    for k, inp in inputs.items():
        bm = base_mc[k]
        base_f = bm.forecast[:cf]
        base_ag = None if bm.agree is None else bm.agree[:cf]
        inp = replace(inp, x=inp.x[:cf], c=inp.c[:cf], s=inp.s[:cf])
        for med in case.mediators:
            if med.id not in inp.actor_ids:
                continue
            m = inp.actor_ids.index(med.id)
            for label, what, factor in scenarios:
                scn = inp.without(m) if what == "" else inp.scaled(m, what, factor)
                traj = simulate_chunked(scn.x, scn.c, scn.s, rounds, p, tick)
                pr = _principals(case, scn.actor_ids)
                mc = IssueMC(inp.issue, scn.actor_ids, scn.names, traj, pr,
                             case.analysis.agreement_zone)
                d = mc.forecast - base_f
                diffs[(k, med.id, label)] = d
                row = {"issue": k, "mediator": med.name, "mediator_id": med.id,
                       "scenario": label,
                       "forecast_base": float(np.median(base_f)),
                       "forecast_scenario": float(np.median(mc.forecast)),
                       "forecast_diff": float(np.median(d)),
                       "forecast_diff_p10": float(np.quantile(d, 0.1)),
                       "forecast_diff_p90": float(np.quantile(d, 0.9)),
                       "forecast_mean_diff": float(d.mean())}
                ag = mc.agree
                if base_ag is not None and ag is not None:
                    dd = ag.astype(float) - base_ag.astype(float)
                    se = dd.std(ddof=1) / np.sqrt(len(dd)) if len(dd) > 1 else 0.0
                    row.update(agreement_base=float(base_ag.mean()),
                               agreement_scenario=float(ag.mean()),
                               agreement_diff=float(dd.mean()),
                               agreement_diff_lo=float(dd.mean() - 1.96 * se),
                               agreement_diff_hi=float(dd.mean() + 1.96 * se))
                else:
                    row.update(agreement_base=np.nan, agreement_scenario=np.nan,
                               agreement_diff=np.nan, agreement_diff_lo=np.nan,
                               agreement_diff_hi=np.nan)
                rows.append(row)
    cols = ["issue", "mediator", "mediator_id", "scenario", "forecast_base",
            "forecast_scenario", "forecast_diff", "forecast_diff_p10", "forecast_diff_p90",
            "forecast_mean_diff", "agreement_base", "agreement_scenario", "agreement_diff",
            "agreement_diff_lo", "agreement_diff_hi"]
    return MediatorEffects(pd.DataFrame(rows, columns=cols), diffs)


def mediator_effects(case: Case, draws: int = 2000, seed: int = 0, rounds: int = 10,
                     variant: str = "scholz", *, kind: str = "pert",
                     issues: list[str] | str | None = None,
                     scenarios: tuple[tuple[str, str, float], ...] = DEFAULT_SCENARIOS,
                     progress: Progress | None = None, **params) -> MediatorEffects:
    """What each mediator changes: ``run_case_mc(..., counterfactuals=True).effects``."""
    res = run_case_mc(case, draws, seed, rounds, variant, kind=kind, issues=issues,
                      counterfactuals=True, scenarios=scenarios, progress=progress, **params)
    assert res.effects is not None
    return res.effects


# ---------------------------------------------------------------------------
# plots (plotly; imported lazily so the numerics do not need it)
# ---------------------------------------------------------------------------


def plot_rounds(run: IssueRun, mc: IssueMC | None = None):
    import plotly.graph_objects as go

    fig = go.Figure()
    rounds = np.arange(run.traj.rounds + 1)
    if mc is not None:
        lo = np.quantile(mc.traj.mean, 0.1, axis=0)
        hi = np.quantile(mc.traj.mean, 0.9, axis=0)
        fig.add_trace(go.Scatter(x=np.r_[rounds, rounds[::-1]], y=np.r_[hi, lo[::-1]],
                                 fill="toself", line={"width": 0}, opacity=0.2,
                                 name="weighted mean, 10–90% of draws", hoverinfo="skip"))
    for i, nm in enumerate(run.names):
        fig.add_trace(go.Scatter(x=rounds, y=run.positions[:, i], mode="lines+markers",
                                 name=nm, line={"width": 1}))
    fig.add_trace(go.Scatter(x=rounds, y=run.traj.mean[0], name="c·s-weighted mean",
                             line={"width": 4, "color": "black"}))
    fig.add_trace(go.Scatter(x=rounds, y=run.traj.median[0], name="weighted median",
                             line={"width": 3, "color": "black", "dash": "dot"}))
    fig.update_layout(title=f"{run.issue.id}: positions by round ({run.status})",
                      xaxis_title="round", yaxis_title="position (0–100)",
                      yaxis_range=[-2, 102], template="plotly_white")
    return fig


def plot_distribution(mc: IssueMC, bins: int = 40):
    import plotly.graph_objects as go

    counts, edges = mc.histogram(bins)
    mids = (edges[:-1] + edges[1:]) / 2
    lo, hi = mc.interval(0.8)
    fig = go.Figure(go.Bar(x=mids, y=counts / counts.sum(), width=edges[1] - edges[0],
                           name="share of draws"))
    fig.add_vrect(x0=lo, x1=hi, opacity=0.12, line_width=0, fillcolor="grey")
    fig.add_vline(x=float(np.median(mc.forecast)), line_dash="dash")
    fig.update_layout(title=f"{mc.issue.id}: forecast distribution (median, 80% interval)",
                      xaxis_title=f"0 = {mc.issue.scale.zero[:40]} … 100 = "
                                  f"{mc.issue.scale.hundred[:40]}",
                      yaxis_title="share of draws", xaxis_range=[0, 100],
                      template="plotly_white", showlegend=False)
    return fig


def plot_effects(effects: MediatorEffects, issue: str | None = None):
    import plotly.graph_objects as go

    df = effects.frame
    if issue is not None:
        df = df[df.issue == issue]
    labels = [f"{r.issue} · {r.mediator} {r.scenario}" for r in df.itertuples()]
    fig = go.Figure(go.Scatter(
        x=df.forecast_diff, y=labels, mode="markers",
        error_x={"type": "data", "symmetric": False,
                 "array": df.forecast_diff_p90 - df.forecast_diff,
                 "arrayminus": df.forecast_diff - df.forecast_diff_p10}))
    fig.add_vline(x=0, line_color="grey")
    fig.update_layout(title="Mediator effect on the forecast (median, 80% interval)",
                      xaxis_title="forecast difference, scenario − as given",
                      template="plotly_white")
    return fig
