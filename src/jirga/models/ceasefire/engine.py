"""Ceasefire model: the commitment problem under a biased mediator (weekly, Monte Carlo).

A truce between a state and an armed group, with a mediator, simulated week by
week for many draws at once (arrays of shape ``(draws,)``; the only Python loop
is over weeks). The equations, assumptions and sources are in
``docs/ceasefire-model.md``; in short, each week:

- the group's strength ``G`` grows during a truce, ``r·G·(1 − G/K)/(1 − G₀/K)`` (``r``
  is the growth rate at the start), and is worn down in fighting, ``−a·(1 − p)·G``
  (plus a reduced recruitment rate);
- relative power is a Tullock contest: ``p = 1 / (1 + (c_s / (c_g·G/G0))^γ)``;
- each side compares war (``p − cost`` for the group, ``1 − p − cost`` plus the
  preventive motive ``ψ·(p₂₆ − p)`` for the state) with the truce (what it gets
  at the table, ``w·(1 − gap)``, plus the mediator's pressure and credible advice,
  plus the group's value of waiting while it grows ``κ·(p₂₆ − p)``);
- a side defects with probability ``η·Φ(D/τ)`` where ``D`` = war value − truce
  value (− threshold) + tension from spoiler attacks, and Φ the standard normal
  CDF (weekly normal shocks of scale τ to the comparison);
- after a breakdown, a truce is renewed with probability ``ρ·Φ(−D_g/τ)·Φ(−D_s/τ)``.

Common random numbers: every random number is drawn up front in a fixed order,
so two runs with the same seed differ only by what a counterfactual changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from scipy.special import ndtr

from jirga.case.schema import Case, Stance
from jirga.models.ceasefire.params import PARAM_NAMES, CeasefireInputs
from jirga.models.ceasefire.result import CeasefireResult
from jirga.models.seeds import stream
from jirga.vocab.estimates import sample_estimates

if TYPE_CHECKING:
    import pandas as pd

PROJECTION_WEEKS = 26


def sigmoid(x: np.ndarray) -> np.ndarray:
    """Logistic function, computed stably."""
    return 0.5 * (1.0 + np.tanh(0.5 * x))


def credibility(bias: np.ndarray, margin: np.ndarray | float = 0.1,
                sharpness: float = 0.05) -> tuple[np.ndarray, np.ndarray]:
    """Kydd (2003): how far each side believes the mediator's advice (to group, to state).

    A mediator is credible to a side only when it leans towards that side by
    more than ``margin`` beyond the midpoint: ``σ((lean − 0.5 − margin)/sharpness)``
    with lean = ``bias`` for the group and ``1 − bias`` for the state. An
    unbiased mediator (bias 0.5) is credible to neither side.
    """
    bias = np.asarray(bias, dtype=float)
    to_group = sigmoid((bias - 0.5 - margin) / sharpness)
    to_state = sigmoid((0.5 - bias - margin) / sharpness)
    return to_group, to_state


# ---------------------------------------------------------------------------------------
# what each side gets at the table
# ---------------------------------------------------------------------------------------

@dataclass
class Talks:
    """Per-draw distance (0–1) between each principal's positions and the bargaining forecast."""

    gap_state: np.ndarray
    gap_group: np.ndarray
    forecast: dict[str, np.ndarray]
    source: str
    conceded_issue: str | None = None


def _sample(est_list, draws: int, rng: np.random.Generator) -> np.ndarray:
    lows = np.array([e.low for e in est_list], dtype=float)
    modes = np.array([e.mode for e in est_list], dtype=float)
    highs = np.array([e.high for e in est_list], dtype=float)
    return sample_estimates(lows, modes, highs, draws, rng)


#: How the talks' likely outcome is forecast: ``(case, draws, seed) -> ({issue: (draws,)
#: forecast on 0–100}, description)``. The ceasefire model does not run the bargaining
#: model itself: the analysis layer passes a forecaster built on it
#: (:func:`jirga.analysis.forecasts.bargaining_forecaster`), and a caller who passes none
#: gets the compromise model, said so in ``Talks.source``.
Forecaster = Callable[[Case, int, int], tuple[dict[str, np.ndarray], str]]


#: The cross-national curve a calibration is anchored on and a back-test compares with:
#: ``(case, agreement_id, as_of) -> (curve, description)``, the curve a DataFrame indexed by
#: day since the truce's start (0–730) with columns survival, lower, upper, using only what
#: was known at ``as_of``. Built by the analysis layer on the ETH/PRIO duration model.
Anchor = Callable[[Case, "str | None", dt.date], "tuple[pd.DataFrame, str]"]


def compromise_forecaster(case: Case, draws: int, seed: int) -> tuple[dict[str, np.ndarray], str]:
    """The compromise model as a :data:`Forecaster` (the default when none is given)."""
    return compromise_forecast(case, draws, seed), "compromise model (capability × salience-weighted mean)"


def compromise_forecast(case: Case, draws: int, seed: int) -> dict[str, np.ndarray]:
    """Capability×salience-weighted mean of all positions, per issue and draw."""
    rng = stream(seed, "compromise")
    caps = {a.id: a.capability for a in case.actors}
    out = {}
    for issue in case.issues:
        ids = list(issue.positions)
        pos = _sample([issue.positions[a].position for a in ids], draws, rng)
        sal = _sample([issue.positions[a].salience for a in ids], draws, rng)
        cap = _sample([caps[a] for a in ids], draws, rng)
        w = sal * cap + 1e-12
        out[issue.id] = (w * pos).sum(axis=1) / w.sum(axis=1)
    return out


def concession_issue(case: Case, state: str, group: str) -> str | None:
    """The issue on which a state concession matters most to the group (salience × distance)."""
    best, score = None, -1.0
    for issue in case.issues:
        p = issue.positions
        if state in p and group in p:
            s = p[group].salience.mode * abs(p[group].position.mode - p[state].position.mode)
            if s > score:
                best, score = issue.id, s
    return best


def state_concedes(case: Case, state: str, group: str, issue_id: str | None = None) -> Case:
    """A copy of the case in which the state takes the group's position on one issue."""
    issue_id = issue_id or concession_issue(case, state, group)
    new = case.model_copy(deep=True)
    for issue in new.issues:
        if issue.id == issue_id:
            old = issue.positions[state]
            issue.positions[state] = Stance(position=issue.positions[group].position,
                                            salience=old.salience, sources=old.sources,
                                            notes="counterfactual: the state concedes")
    return new


def talks_gaps(case: Case, state: str, group: str, draws: int, seed: int,
               concede: bool | str = False, forecaster: Forecaster | None = None) -> Talks:
    """Gaps between each principal's positions and the forecast (salience-weighted, 0–1).

    ``forecaster`` says how the talks' outcome is forecast (see :data:`Forecaster`);
    ``None`` is the compromise model.
    """
    conceded = None
    bargained = case
    if concede:
        # the state offers the group's position on one issue: the forecast is re-run on
        # the changed case, but each side's gap is still measured from its own (real) wishes
        conceded = concede if isinstance(concede, str) else concession_issue(case, state, group)
        bargained = state_concedes(case, state, group, conceded)
    forecast, source = (forecaster or compromise_forecaster)(bargained, draws, seed)
    rng = stream(seed, "talks", "positions")
    num = {state: np.zeros(draws), group: np.zeros(draws)}
    den = {state: np.zeros(draws), group: np.zeros(draws)}
    for issue in case.issues:
        if issue.id not in forecast:
            continue
        for side in (state, group):
            st = issue.positions.get(side)
            if st is None:
                continue
            pos = _sample([st.position], draws, rng)[:, 0]
            sal = _sample([st.salience], draws, rng)[:, 0]
            num[side] += sal * np.abs(pos - forecast[issue.id]) / 100.0
            den[side] += sal
    gaps = {s: np.where(den[s] > 0, num[s] / np.where(den[s] > 0, den[s], 1), 0.0)
            for s in (state, group)}
    return Talks(gaps[state], gaps[group], forecast, source, conceded)


# ---------------------------------------------------------------------------------------
# the simulation
# ---------------------------------------------------------------------------------------

@dataclass
class Theta:
    """Calibrated parameters: weighted samples (posterior) that override the case's ranges."""

    samples: dict[str, np.ndarray]
    weights: np.ndarray


def sample_parameters(inputs: CeasefireInputs, draws: int, rng: np.random.Generator
                      ) -> dict[str, np.ndarray]:
    """One value per parameter and draw, from the inputs' ranges (Beta-PERT)."""
    r = inputs.ranges
    lows = np.array([r[n][0] for n in PARAM_NAMES])
    modes = np.array([r[n][1] for n in PARAM_NAMES])
    highs = np.array([r[n][2] for n in PARAM_NAMES])
    values = sample_estimates(lows, modes, highs, draws, rng)
    par = {n: values[:, i].copy() for i, n in enumerate(PARAM_NAMES)}
    caps = sample_estimates(np.array([inputs.capability_state[0], inputs.capability_group[0]]),
                            np.array([inputs.capability_state[1], inputs.capability_group[1]]),
                            np.array([inputs.capability_state[2], inputs.capability_group[2]]),
                            draws, rng)
    par["capability_state"] = np.maximum(caps[:, 0], 1e-6)
    par["capability_group"] = np.maximum(caps[:, 1], 1e-6)
    par["mediator_present"] = np.full(draws, 1.0 if inputs.mediator else 0.0)
    return par


def simulate(inputs: CeasefireInputs, talks: Talks, draws: int = 2000, seed: int = 0,
             weeks: int = 104, theta: Theta | None = None,
             overrides: dict | None = None, keep_paths: bool = True,
             reps_per_world: int = 1) -> CeasefireResult:
    """Run the weekly model for ``draws`` draws and ``weeks`` weeks from the truce's start.

    ``theta`` replaces the calibrated parameters by draws from the posterior;
    ``overrides`` maps a parameter name to a value or a function of the sampled
    array (used by counterfactuals, applied last so random numbers stay common).
    With ``reps_per_world > 1`` the draws come in "worlds": each world has one set
    of parameters and talks gaps, repeated over that many draws with their own
    weekly randomness, so results can separate parameter uncertainty (spread
    across worlds) from chance (spread within a world).
    """
    rng = np.random.default_rng(seed)
    reps = max(1, int(reps_per_world))
    world = np.arange(draws) // reps
    n_worlds = int(world[-1]) + 1
    par = sample_parameters(inputs, n_worlds, rng)
    u = rng.random((weeks, 5, draws), dtype=np.float32)
    z = rng.standard_normal((weeks, draws), dtype=np.float32)
    if theta is not None:
        idx = rng.choice(len(theta.weights), size=n_worlds, p=theta.weights)
        for name, values in theta.samples.items():
            par[name] = np.asarray(values, dtype=float)[idx]
    par = {k: v[world] for k, v in par.items()}
    for name, value in (overrides or {}).items():
        par[name] = value(par[name]) if callable(value) else np.broadcast_to(
            np.asarray(value, dtype=float), (draws,)).copy()
    gap_g = np.asarray(talks.gap_group, dtype=float)[world].copy()
    gap_s = np.asarray(talks.gap_state, dtype=float)[world].copy()
    term = inputs.fixed_term_days
    term_week = int(np.ceil(term / 7)) - 1 if term else -1
    attack_weeks = {int(d // 7) for d in inputs.observed_attacks}
    out = _run(par, gap_g, gap_s, u, z, draws, weeks, keep_paths, term_week, attack_weeks)
    return CeasefireResult(inputs=inputs, params=par, talks=talks, seed=seed, weeks=weeks,
                           world=world, **out)


def _run(par: dict[str, np.ndarray], gap_g: np.ndarray, gap_s: np.ndarray,
         u: np.ndarray, z: np.ndarray, draws: int, weeks: int, keep_paths: bool,
         term_week: int = -1, attack_weeks: set[int] | frozenset = frozenset()) -> dict:
    g0 = par["fighters_start"]
    ratio = np.maximum(par["ceiling_ratio"], 1.0 + 1e-3)
    ceiling = g0 * ratio
    # ``recruitment`` is the net weekly growth rate at the truce's start; the logistic
    # intrinsic rate that gives it is r / (1 − G0/K)
    r = par["recruitment"] / (1.0 - 1.0 / ratio)
    gamma = par["decisiveness"]
    cs, cg = par["capability_state"], par["capability_group"]
    med = par["mediator_present"]
    cred_g, cred_s = credibility(par["bias"], par["credibility_margin"])
    cred_g, cred_s = cred_g * med, cred_s * med
    lev_g = par["leverage_group"] * med
    lev_s = par["leverage_state"] * med
    push_g = par["pressure_weight"] * lev_g + par["advice_weight"] * cred_g
    push_s = par["pressure_weight"] * lev_s + par["advice_weight"] * cred_s
    eta, tau, theta_ = par["hazard_max"], par["noise"], par["threshold"]
    p_shock = 1.0 - np.exp(-par["shock_rate"])
    growth_factor = np.exp(-r * PROJECTION_WEEKS)

    def power(strength: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + (cs / (cg * strength / g0)) ** gamma)

    strength = g0.copy()
    in_truce = np.ones(draws, dtype=bool)
    first_break = np.full(draws, -1, dtype=np.int32)
    breaker = np.zeros(draws, dtype=np.int8)   # 0 none, 1 group, 2 state
    n_breaks = np.zeros(draws, dtype=np.int16)
    weeks_war = np.zeros(draws, dtype=np.int16)
    renew_pivotal = np.zeros(draws, dtype=bool)
    stepped = np.zeros(draws, dtype=bool)
    step_week = np.full(draws, -1, dtype=np.int32)
    expired_week = np.full(draws, -1, dtype=np.int32)  # a fixed term ran out unextended
    declined_by = np.zeros(draws, dtype=np.int8)        # who would not extend it (1, 2)
    tension = np.zeros(draws)
    g_path = np.empty((weeks + 1, draws), dtype=np.float32) if keep_paths else None
    p_path = np.empty((weeks + 1, draws), dtype=np.float32) if keep_paths else None
    p0 = power(strength)
    if keep_paths:
        g_path[0], p_path[0] = strength, p0
    d_group0 = None
    drivers: dict[int, dict[str, np.ndarray]] = {}
    for t in range(weeks):
        p = power(strength)
        # projected strength after 26 more weeks of truce (logistic closed form)
        g_proj = ceiling / (1.0 + (ceiling / strength - 1.0) * growth_factor)
        shift = np.maximum(power(g_proj) - p, 0.0)
        war_g = p + par["war_gain_group"] - par["war_cost_group"]
        war_s = (1.0 - p) - par["war_cost_state"] + par["preventive_weight"] * shift
        hope = np.exp(-par["talks_decay"] * t)
        truce_g = par["talks_weight"] * (1.0 - gap_g) * hope + par["growth_option_weight"] * shift
        truce_s = par["talks_weight"] * (1.0 - gap_s) + par["peace_value_state"]
        d_g = war_g - truce_g - push_g - theta_ + tension
        d_s = war_s - truce_s - push_s - theta_ + tension
        if d_group0 is None:
            d_group0 = d_g.copy()
        if t in (0, PROJECTION_WEEKS) and in_truce.any():
            keep = in_truce
            drivers[t] = {
                "group: relative power p": p[keep], "group: gains from fighting":
                par["war_gain_group"][keep], "group: cost of fighting": -par["war_cost_group"][keep],
                "group: expected at the table": -(truce_g - par["growth_option_weight"] * shift)[keep],
                "group: value of waiting to grow": -(par["growth_option_weight"] * shift)[keep],
                "group: mediator pressure and advice": -push_g[keep],
                "state: 1 − p": (1.0 - p)[keep], "state: cost of fighting":
                -par["war_cost_state"][keep],
                "state: preventive motive": (par["preventive_weight"] * shift)[keep],
                "state: expected at the table and value of quiet": -truce_s[keep],
                "state: mediator pressure and advice": -push_s[keep],
                "both: commitment θ": -theta_[keep],
                "group: margin for war D_g": d_g[keep], "state: margin for war D_s": d_s[keep],
            }
        ug, us, utie, ushock, uother = u[t]
        # --- in truce: defections
        pi_g = eta * ndtr(d_g / tau)
        pi_s = eta * ndtr(d_s / tau)
        bg = in_truce & (ug < pi_g)
        bs = in_truce & (us < pi_s)
        lapse = np.zeros(draws, dtype=bool)
        if t == term_week:
            # a fixed-term truce lapses unless both sides choose to extend it. A lapse is an
            # expiry, not a breakdown (ETH/PRIO's distinction): the first truce ends without
            # being broken, and its time to breakdown is censored at the term.
            unbroken = in_truce & (first_break < 0) & ~bg & ~bs
            extend = uother < ndtr(-d_g / tau) * ndtr(-d_s / tau)
            lapse = unbroken & ~extend
            expired_week[lapse] = t
            declined_by[lapse] = np.where(d_g[lapse] >= d_s[lapse], 1, 2)
        both = bg & bs
        group_first = utie < pi_g / np.maximum(pi_g + pi_s, 1e-12)
        who = np.where(both, np.where(group_first, 1, 2), np.where(bg, 1, 2)).astype(np.int8)
        broke = bg | bs
        new_first = broke & (first_break < 0) & (expired_week < 0)
        first_break[new_first] = t
        breaker[new_first] = who[new_first]
        n_breaks += broke
        # --- in war: renewal when both prefer the truce
        at_war = ~in_truce
        p_renew = par["renewal_rate"] * ndtr(-d_g / tau) * ndtr(-d_s / tau)
        renew = at_war & (uother < p_renew)
        pivotal = ((d_g + push_g) > 0) | ((d_s + push_s) > 0)
        renew_pivotal = np.where(renew, pivotal & (med > 0), renew_pivotal)
        # --- the group steps back under credible pressure (only in truce)
        p_step = par["step_back_rate"] * (0.25 + lev_g * cred_g) * (1.0 - p)
        step = in_truce & ~broke & ~stepped & (uother < p_step)
        stepped |= step
        step_week[step] = t
        gap_g = np.where(step, gap_g * 0.5, gap_g)
        gap_s = np.where(step, gap_s * 0.5, gap_s)
        # --- strength
        logistic = strength * (1.0 - strength / ceiling)
        noise = 1.0 + 0.2 * z[t]
        truce_now = in_truce & ~broke & ~lapse
        grow = np.where(truce_now, r * logistic * noise,
                        r * par["war_recruitment"] * logistic * noise
                        - par["attrition"] * (1.0 - p) * strength)
        strength = np.clip(strength + grow, 0.05 * g0, ceiling)
        # --- spoiler tension and regime change
        shock = truce_now & ((ushock < p_shock) | (t in attack_weeks))
        tension = np.where(broke | renew, 0.0,
                           tension * par["shock_memory"] + par["shock_size"] * shock)
        weeks_war += at_war
        in_truce = (in_truce & ~broke & ~lapse) | renew
        if keep_paths:
            g_path[t + 1] = strength
            p_path[t + 1] = power(strength)
    return dict(first_break=first_break, breaker=breaker, n_breaks=n_breaks,
                expired_week=expired_week, declined_by=declined_by,
                weeks_at_war=weeks_war, in_truce_end=in_truce, renewed_pivotal=renew_pivotal,
                stepped_back=stepped, step_week=step_week, strength_start=g0,
                strength_end=strength, power_start=p0, power_end=power(strength),
                strength_path=g_path, power_path=p_path, defect_margin_group=d_group0,
                drivers={t: {k: float(np.median(v)) for k, v in d.items()}
                         for t, d in drivers.items()})
