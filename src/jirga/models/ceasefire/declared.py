"""The ceasefire model's declared parameters: names, owners, default ranges, sources and
admissible bounds, and the check the case boundary runs against them.

Kept apart from the model's numerics (no numpy, no pandas) so that `jirga validate`
can check a case's model parameters without loading the model.

Every parameter is a range ``(low, mode, high)`` with a source or the word
*assumption*. A case overrides a default by giving the same key under
``parameters:`` on the owning actor (the armed group, the state or the
mediator) or, for any parameter, under the agreement's ``parameters:`` using the
model name in the first column of :data:`PARAMETERS` (e.g. ``war_cost_group``).
Dated strength estimates ride on the armed group as ``fighters@YYYY-MM-DD``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from jirga.case.schema import Case


@dataclass(frozen=True)
class Param:
    """One model parameter: where a case sets it, its default range and why."""

    owner: str  # "group", "state", "mediator" or "agreement"
    key: str    # the key in the owner's ``parameters:``
    low: float
    mode: float
    high: float
    meaning: str
    source: str


def _owned(owner: str, *rows: tuple) -> dict[str, Param]:
    """Parameters of one owner from rows ``(name, low, mode, high, meaning, source)``.

    The key a case uses on the owner is the model name without a ``_<owner>``
    suffix: the suffix only tells apart keys that two owners share (``war_cost``
    of the group and of the state). Writing the owner once per block, not once per
    row, keeps the table to the numbers and the reasons.
    """
    return {name: Param(owner, name.removesuffix("_" + owner), low, mode, high, meaning, source)
            for name, low, mode, high, meaning, source in rows}


PARAMETERS: dict[str, Param] = {
    # ---- armed group -------------------------------------------------------------------
    **_owned("group",
        ("fighters_start", 500, 3000, 20000,
         "armed-group fighters when the truce starts (used only when no dated estimate "
         "`fighters@DATE` is known by then; the model reads strength relative to this, so "
         "the scale matters only for the strength figures reported)",
         "case-neutral assumption: from hundreds to tens of thousands of fighters; give "
         "the group's own estimate"),
        ("recruitment", 0.0, 0.005, 0.03,
         "net weekly growth rate of the group at the start of a truce (recruitment, "
         "rearmament); it slows logistically towards the ceiling",
         "case-neutral assumption: from holding steady to one doubling in half a year "
         "(ln 2 / 26 ≈ 0.027/week); calibrated; give the group's own rate where it is known"),
        ("ceiling_ratio", 1.2, 1.8, 3.0,
         "ceiling on the group's strength, as a multiple of its strength at the truce's start",
         "case-neutral assumption; calibrated"),
        ("war_recruitment", 0.3, 0.5, 0.8,
         "recruitment during fighting as a share of the truce rate", "assumption"),
        ("attrition", 0.002, 0.005, 0.012,
         "weekly share of fighters lost to operations when the state dominates (× state power)",
         "case-neutral assumption: 0.1–0.6% a week (5–45% a year) lost to operations, "
         "arrests and desertion"),
        ("war_cost_group", 0.05, 0.1, 0.25,
         "group's weekly cost of fighting, in shares of the stake", "assumption"),
        ("war_gain_group", 0.05, 0.2, 0.4,
         "group's weekly gains from fighting beyond its share of the stake (extortion, "
         "recruitment appeal, standing among allied networks); calibrated",
         "Stedman 1997 (greedy spoilers); assumption on size"),
    ),
    # ---- state ---------------------------------------------------------------------------
    **_owned("state",
        ("war_cost_state", 0.15, 0.25, 0.4,
         "state's weekly cost of fighting (casualties, economy, security of investment), "
         "shares of the stake",
         "assumption; Clayton et al. 'Costs and Cover' (ceasefires follow high costs)"),
        ("peace_value_state", 0.0, 0.08, 0.2,
         "state's extra value of quiet (investment, allies' pressure)", "assumption"),
        ("preventive_weight", 0.5, 1.5, 3.0,
         "weight on the projected 26-week rise in the group's power (δ/(1−δ) in Fearon's "
         "shifting-power condition)",
         "Fearon 1995; Powell 2006 (notes §2.6); assumption on the size"),
    ),
    # ---- mediator ------------------------------------------------------------------------
    **_owned("mediator",
        ("bias", 0.0, 0.5, 1.0,
         "mediator's lean: 0 = at the state's positions, 1 = at the armed group's; "
         "default from the mediator's positions and ties (see mediator_bias)",
         "Kydd 2003 (notes §2.1)"),
        ("leverage_group", 0.0, 0.1, 0.3,
         "mediator's leverage over the group (sanctuary, hosting), 0–1; default from "
         "`hosts`/`shelters`/`patron_of` relations", "Beardsley et al. 2006 (manipulation)"),
        ("leverage_state", 0.0, 0.1, 0.3,
         "mediator's leverage over the state, 0–1; default from `patron_of`/`allied` relations",
         "assumption"),
        ("pressure_weight", 0.02, 0.08, 0.2,
         "value of the truce added per unit of leverage (the mediator's sticks and carrots)",
         "Beardsley et al. 2006: manipulation matters most for agreement; assumption on size"),
        ("advice_weight", 0.0, 0.05, 0.15,
         "value of the truce added by credible advice to keep it", "Kydd 2003; assumption"),
        ("credibility_margin", 0.05, 0.1, 0.2,
         "lean beyond the midpoint a mediator needs to be believed (grows with war aversion)",
         "Kydd 2003 truthful-equilibrium condition (notes §2.1)"),
        ("step_back_rate", 0.001, 0.004, 0.015,
         "weekly rate at which the group lowers its demands under credible pressure",
         "assumption; Stedman 1997 (greedy spoilers respond to inducement)"),
    ),
    # ---- agreement / process --------------------------------------------------------------
    **_owned("agreement",
        ("talks_weight", 0.8, 0.9, 1.0,
         "weight of what a side gets at the table (1 − gap to the bargaining forecast)",
         "assumption"),
        ("talks_decay", 0.0, 0.01, 0.04,
         "weekly rate at which the group's hope of gains at the table fades while talks stall",
         "assumption; calibrated"),
        ("growth_option_weight", 0.0, 0.5, 1.0,
         "group's value of waiting while it grows (projected 26-week power gain)",
         "Fearon 1995 (the rising side prefers to wait); assumption"),
        ("decisiveness", 0.6, 1.0, 1.5,
         "exponent of the Tullock contest-success function", "Tullock 1980; Hirshleifer 1989"),
        ("threshold", -0.4, 0.0, 0.4,
         "commitment to the truce: offset added to both sides' truce value; calibrated",
         "calibrated to ETH/PRIO and the case's earlier truces"),
        ("shock_rate", 0.02, 0.2, 0.6,
         "weekly probability of a spoiler/splinter attack during a truce",
         "Stedman 1997 (spoilers); assumption; calibrated"),
        ("shock_size", 0.02, 0.08, 0.2,
         "rise in both sides' war preference after a spoiler attack (the state answers with "
         "raids, the group cites the raids)",
         "assumption"),
        ("shock_memory", 0.5, 0.7, 0.9,
         "weekly share of tension from attacks that carries over", "assumption"),
        ("hazard_max", 0.3, 0.5, 0.7,
         "weekly probability of defection when war clearly pays", "assumption"),
        ("noise", 0.03, 0.05, 0.1,
         "scale of unobserved weekly shocks to the truce-vs-war comparison", "assumption"),
        ("renewal_rate", 0.01, 0.04, 0.1,
         "weekly probability of a renewed truce when both sides prefer it to fighting",
         "assumption: ETH/PRIO records 2,202 ceasefires in 109 conflicts (Clayton et al. "
         "2022), so truces are often renewed"),
    ),
}

PARAM_NAMES: tuple[str, ...] = tuple(PARAMETERS)

#: model parameters fitted by calibration (the others are sampled from their ranges)
CALIBRATED: tuple[str, ...] = ("recruitment", "ceiling_ratio", "threshold", "shock_rate",
                               "war_gain_group", "talks_decay")


#: admissible bounds (inclusive) for parameters a case may set; others must be >= 0
_BOUNDS: dict[str, tuple[float, float]] = {
    "threshold": (-2.0, 2.0), "bias": (0.0, 1.0), "leverage_group": (0.0, 1.0),
    "leverage_state": (0.0, 1.0), "hazard_max": (0.0, 1.0), "shock_memory": (0.0, 0.99),
    "ceiling_ratio": (1.01, 100.0), "noise": (1e-3, 10.0), "fighters_start": (1.0, 1e7),
    "recruitment": (0.0, 1.0), "attrition": (0.0, 1.0), "war_recruitment": (0.0, 1.0),
    "renewal_rate": (0.0, 1.0), "step_back_rate": (0.0, 1.0), "shock_rate": (0.0, 20.0),
}


#: agreement keys that describe the truce rather than set a model parameter
AGREEMENT_DESCRIPTORS: dict[str, tuple[float, float, str]] = {
    "fixed_term_days": (1.0, 3650.0, "the term the truce was agreed for, in days"),
    "ceasefire_class": (1.0, 3.0, "ETH/PRIO ceasefire class: 1 cessation of hostilities, "
                                  "2 with compliance mechanisms, 3 definitive"),
}

#: a parameter problem: (path inside the case file, message, fix)
ParamProblem = tuple[tuple, str, str]


def _suggest(key: str, known: list[str]) -> str:
    import difflib

    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else \
        "see docs/ceasefire-model.md for the parameters a case may set"


def _bound_problem(name: str, e, meaning: str, bmin: float, bmax: float) -> tuple[str, str] | None:
    if e.low < bmin or e.high > bmax:
        return (f"{e.low:g}..{e.high:g} is outside {bmin:g}..{bmax:g}",
                f"give a range within {bmin:g}..{bmax:g} ({meaning})")
    return None


def parameter_problems(case: Case) -> list[ParamProblem]:
    """Every ceasefire-model parameter in the case that the model cannot use.

    The model declares what it reads (:data:`PARAMETERS`, :data:`AGREEMENT_DESCRIPTORS`,
    dated ``fighters@YYYY-MM-DD``); the case boundary calls this so that a typo
    (``war_cots``), a bad date inside a key (``fighters@2021-13-01``) or a value outside
    the admissible bounds is refused when the file is read, not silently replaced by a
    default when the model runs. The same messages reach a caller of the model directly.
    """
    actor_keys: dict[str, list[str]] = {}
    for name, p in PARAMETERS.items():
        if p.owner != "agreement":
            actor_keys.setdefault(p.key, []).append(name)
    out: list[ParamProblem] = []
    for i, actor in enumerate(case.actors):
        for key, e in actor.parameters.items():
            path = ("actors", i, "parameters", key)
            if key.startswith("fighters@"):
                day = key.split("@", 1)[1]
                try:
                    dt.date.fromisoformat(day)
                except ValueError:
                    out.append((path, f"'{day}' in '{key}' is not a date",
                                "write the day the estimate became public as "
                                "fighters@YYYY-MM-DD, e.g. fighters@2021-07-27"))
                if e.low < 0:
                    out.append((path, f"{e.low:g} fighters is negative", "give a count ≥ 0"))
                continue
            if key not in actor_keys:
                out.append((path, f"unknown ceasefire-model parameter '{key}'",
                            _suggest(key, [*actor_keys, "fighters@YYYY-MM-DD"])))
                continue
            for name in actor_keys[key]:
                bad = _bound_problem(name, e, PARAMETERS[name].meaning, *_BOUNDS.get(name, (0.0, 1e9)))
                if bad:
                    out.append((path, *bad))
                    break
    for i, agr in enumerate(case.agreements):
        for key, e in agr.parameters.items():
            path = ("agreements", i, "parameters", key)
            if key in AGREEMENT_DESCRIPTORS:
                lo, hi, meaning = AGREEMENT_DESCRIPTORS[key]
                bad = _bound_problem(key, e, meaning, lo, hi)
            elif key in PARAMETERS:
                bad = _bound_problem(key, e, PARAMETERS[key].meaning,
                                     *_BOUNDS.get(key, (0.0, 1e9)))
            else:
                out.append((path, f"unknown parameter '{key}' on an agreement",
                            _suggest(key, [*PARAMETERS, *AGREEMENT_DESCRIPTORS])))
                continue
            if bad:
                out.append((path, *bad))
    return out
