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
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from jirga.case.schema import Case, Issue
from jirga.models.bargaining.engine import Params, Trajectory, simulate
from jirga.models.bargaining.results import (
    BargainingMCResult,
    BargainingResult,
    IssueMC,
    IssueRun,
    MediatorEffects,
)
from jirga.models.seeds import stream
from jirga.vocab.estimates import sample_estimates

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
    """Sample every issue's inputs; the same (case, draws, seed) always give the same arrays.

    Capabilities and each issue draw from their own named stream (:mod:`jirga.models.seeds`),
    so editing one issue's ranges leaves every other issue's draws as they were — paired
    comparisons of a variant with its baseline (the workbench) keep common random numbers.
    """
    cap = [a.capability for a in case.actors]
    caps = sample_estimates(np.array([e.low for e in cap]), np.array([e.mode for e in cap]),
                            np.array([e.high for e in cap]), draws,
                            stream(seed, "bargaining", "capability"), kind)
    wanted = {i.id for i in _select_issues(case, issues)}
    out = {}
    for issue in case.issues:
        if issue.id not in wanted:
            continue
        idx = _issue_actors(case, issue)
        acts = [case.actors[i] for i in idx]
        ests = [issue.positions[a.id].position for a in acts] + \
               [issue.positions[a.id].salience for a in acts]
        both = sample_estimates(np.array([e.low for e in ests]), np.array([e.mode for e in ests]),
                                np.array([e.high for e in ests]), draws,
                                stream(seed, "bargaining", "issue", issue.id), kind)
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


def _principals(case: Case, ids: list[str]) -> tuple[int, int] | None:
    pr = case.principals()
    if pr is not None and pr[0] in ids and pr[1] in ids:
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
