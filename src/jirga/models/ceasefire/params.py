"""Ceasefire model inputs: documented parameter defaults, and reading them from a case.

Every parameter is a range ``(low, mode, high)`` with a source or the word
*assumption*. A case overrides a default by giving the same key under
``parameters:`` on the owning actor (the armed group, the state or the
mediator) or, for any parameter, under the agreement's ``parameters:`` using the
model name in the first column of :data:`PARAMETERS` (e.g. ``war_cost_group``).

Dated strength estimates ride on the armed group as ``fighters@YYYY-MM-DD``
(the day the estimate became public), so a back-test can use only those public
by the forecast date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np

from jirga.case.schema import Actor, Agreement, Case, RelationKind, Role
from jirga.models.ceasefire.refclass import choose_class, country_class


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
        ("fighters_start", 2500, 4000, 6000,
         "armed-group fighters when the truce starts (used only when no dated estimate "
         "`fighters@DATE` is known by then)",
         "UN 1988 Monitoring Team, 28th report (Jul 2021): TTP 2,500–6,000 (notes §4.3)"),
        ("recruitment", 0.0, 0.015, 0.04,
         "net weekly growth rate of the group at the start of a truce (recruitment, "
         "rearmament); it slows logistically towards the ceiling",
         "UN MT: 3,000–4,000 (May 2022) to 4,000–6,500 (Nov 2022, secondary) ≈ +50% in 26 "
         "weeks → ln(1.5)/26 ≈ 0.016/week (notes §4.3); calibrated"),
        ("ceiling_ratio", 1.2, 1.8, 3.0,
         "ceiling on the group's strength, as a multiple of its strength at the truce's start",
         "UN MT: ~3,500 (mid-2022) to 6,000–6,500 (Jul 2024) ≈ ×1.8 (notes §4.3); calibrated"),
        ("war_recruitment", 0.3, 0.5, 0.8,
         "recruitment during fighting as a share of the truce rate", "assumption"),
        ("attrition", 0.002, 0.005, 0.012,
         "weekly share of fighters lost to operations when the state dominates (× state power)",
         "PIPS 2021: 158 TTP militants killed in the year vs ~4,000 fighters (notes §4.6), "
         "plus arrests and desertion; assumption on the multiple"),
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
         "state's weekly cost of fighting (casualties, economy, CPEC security), shares of the stake",
         "assumption; Clayton et al. 'Costs and Cover' (ceasefires follow high costs)"),
        ("peace_value_state", 0.0, 0.08, 0.2,
         "state's extra value of quiet (investment, China's pressure over CPEC)", "assumption"),
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
         "Dawn 3 Jun 2022 (deadlock on the FATA merger from the start); assumption; calibrated"),
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
         "Dawn 1702729 (attacks claimed by new outfits during the 2022 truce), "
         "Stedman 1997; calibrated"),
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
         "seed article: talks resumed within weeks of the Nov 2022 breakdown; assumption"),
    ),
}

PARAM_NAMES: tuple[str, ...] = tuple(PARAMETERS)

#: model parameters fitted by calibration (the others are sampled from their ranges)
CALIBRATED: tuple[str, ...] = ("recruitment", "ceiling_ratio", "threshold", "shock_rate",
                               "war_gain_group", "talks_decay")


@dataclass
class CeasefireInputs:
    """Everything the simulation needs from a case, as plain numbers and ranges."""

    case_id: str
    agreement_id: str | None
    state: str
    group: str
    mediator: str | None
    start: dt.date
    as_of: dt.date
    ranges: dict[str, tuple[float, float, float]]
    capability_state: tuple[float, float, float]
    capability_group: tuple[float, float, float]
    reference_class: str
    country_class: str | None = None
    fighters_known: list[tuple[dt.date, float, float, float]] = field(default_factory=list)
    fixed_term_days: int | None = None  # a truce agreed for a fixed term (e.g. one month)
    observed_attacks: list[int] = field(default_factory=list)  # days after the start
    observed_end: tuple[int, int] | None = None  # (min, max) days, if the end is known
    observed_breaker: str | None = None
    notes: list[str] = field(default_factory=list)

    def with_ranges(self, **changes: tuple[float, float, float]) -> CeasefireInputs:
        """A copy with some parameter ranges replaced."""
        import copy

        new = copy.copy(self)
        new.ranges = {**self.ranges, **changes}
        return new


def principals(case: Case) -> tuple[str, str]:
    """(state id, armed-group id): :meth:`Case.principals`, which the model needs."""
    pair = case.principals()
    if pair is None:
        from jirga.errors import InputError, Problem

        raise InputError([Problem(case.id, None, "analysis.principals",
                                  "the ceasefire model needs a state and an armed group",
                                  "set analysis.principals: [STATE_ID, GROUP_ID]")])
    return pair


def ceasefires(case: Case) -> list[Agreement]:
    """The case's ceasefires between its principals, oldest first."""
    state, group = principals(case)
    out = [a for a in case.agreements
           if "ceasefire" in a.kind.lower() and group in a.parties]
    return sorted(out, key=lambda a: a.start.earliest)


def choose_agreement(case: Case, agreement_id: str | None = None) -> Agreement | None:
    """The named agreement, or the case's latest ceasefire between its principals."""
    if agreement_id is not None:
        for a in case.agreements:
            if a.id == agreement_id:
                return a
        from jirga.errors import InputError, Problem

        raise InputError([Problem(case.id, None, "--agreement",
                                  f"no agreement '{agreement_id}' in the case",
                                  "use one of: " + ", ".join(a.id for a in case.agreements))])
    cfs = ceasefires(case)
    return cfs[-1] if cfs else None


def _rel_strength(case: Case, source: str, target: str, kinds: set[str]) -> float | None:
    best = None
    for r in case.relations:
        if r.source == source and target in r.targets and r.kind.value in kinds:
            best = max(best or 0.0, r.strength.mode)
    return best


def mediator_bias(case: Case, mediator: str, state: str, group: str) -> float:
    """Mediator's lean towards the group (0 = state's side, 1 = group's side).

    The average of two signals when present: (a) on each issue where the
    mediator, state and group all have positions, ``|m − s| / (|m − s| + |m − g|)``
    weighted by the mediator's salience; (b) its ties: ``0.5 + 0.5·(tie to group −
    tie to state)``, a tie being the strongest hosts/shelters/allied/patron_of
    relation (hostile counts against).
    """
    signals = []
    num = den = 0.0
    for issue in case.issues:
        pos = issue.positions
        if mediator in pos and state in pos and group in pos:
            m, s, g = (pos[a].position.mode for a in (mediator, state, group))
            if abs(m - s) + abs(m - g) > 0:
                w = pos[mediator].salience.mode
                num += w * abs(m - s) / (abs(m - s) + abs(m - g))
                den += w
    if den > 0:
        signals.append(num / den)
    close = {RelationKind.hosts.value, RelationKind.shelters.value, RelationKind.allied.value,
             RelationKind.patron_of.value}
    tie_g = _rel_strength(case, mediator, group, close)
    tie_s = _rel_strength(case, mediator, state, close)
    hos_g = _rel_strength(case, mediator, group, {"hostile"}) or 0.0
    hos_s = _rel_strength(case, mediator, state, {"hostile"}) or 0.0
    if tie_g is not None or tie_s is not None or hos_g or hos_s:
        signals.append(0.5 + 0.5 * (((tie_g or 0.0) - hos_g) - ((tie_s or 0.0) - hos_s)))
    return float(np.clip(np.mean(signals), 0, 1)) if signals else 0.5


def _side_capability(case: Case, principal: str, kinds: tuple[str, ...]) -> tuple[float, ...]:
    """Sum of capability ranges of the principal and its fellow parties of the given kinds."""
    members = [case.actor(principal)] + [
        a for a in case.actors
        if a.id != principal and a.role == Role.party and a.kind.value in kinds
    ]
    return tuple(float(sum(getattr(a.capability, k) for a in members))
                 for k in ("low", "mode", "high"))


def _lookup(actor: Actor | None, key: str) -> tuple[float, float, float] | None:
    if actor is None or key not in actor.parameters:
        return None
    e = actor.parameters[key]
    return (e.low, e.mode, e.high)


def fighters_estimates(group: Actor) -> list[tuple[dt.date, float, float, float]]:
    """Dated strength estimates ``fighters@YYYY-MM-DD`` on the group, oldest first."""
    out = []
    for key, e in group.parameters.items():
        if key.startswith("fighters@"):
            try:
                day = dt.date.fromisoformat(key.split("@", 1)[1])
            except ValueError:
                continue
            out.append((day, e.low, e.mode, e.high))
    return sorted(out)


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


def _check_parameters(case: Case) -> None:
    """Raise the case's parameter problems (for callers that skipped the boundary check)."""
    from jirga.case.yamlmap import dotted
    from jirga.errors import InputError, Problem

    problems = parameter_problems(case)
    if problems:
        raise InputError([Problem(case.id, None, dotted(path), msg, fix)
                          for path, msg, fix in problems])


#: CAMEO roots for material violence (assault, fight, unconventional mass violence)
VIOLENT_ROOTS = ("18", "19", "20")


def observed_attacks(case: Case, agreement: Agreement, as_of: dt.date,
                     principals_: set[str]) -> list[int]:
    """Days after the truce's start of violent events involving a principal, known by ``as_of``.

    Only events dated inside the truce (and before its end, if known) whose date
    was certain by ``as_of``; a back-test thus sees the attacks that had happened.
    """
    start = agreement.start.midpoint
    end = agreement.end.earliest if agreement.end is not None else dt.date.max
    out = []
    for e in case.events:
        if not e.cameo.startswith(VIOLENT_ROOTS) or not e.date.known_by(as_of):
            continue
        if e.source not in principals_ and not (set(e.target) & principals_):
            continue
        day = e.date.midpoint
        if agreement.start.latest <= e.date.earliest and day < end:
            out.append((day - start).days)
    return sorted(out)


def inputs_from_case(case: Case, agreement_id: str | None = None,
                     as_of: dt.date | None = None) -> CeasefireInputs:
    """Read the model's inputs from a case, using only what was known by ``as_of``.

    ``as_of`` defaults to the agreement's start (a forecast made as the truce
    began). The agreement's end is reported as ``observed_end`` only when it was
    known by ``as_of``.
    """
    _check_parameters(case)
    state_id, group_id = principals(case)
    agreement = choose_agreement(case, agreement_id)
    mediator_id = None
    if agreement is not None and agreement.mediators:
        mediator_id = agreement.mediators[0]
    elif case.mediators:
        mediator_id = case.mediators[0].id
    if agreement is not None:
        start = agreement.start.latest
    elif case.analysis.as_of is not None:
        start = case.analysis.as_of.latest
    else:  # a hypothetical truce: start it after the last thing the case knows (reproducible)
        known_days = [e.date.latest for e in case.events if e.date.latest.year < 2100]
        known_days += [f[0] for f in fighters_estimates(case.actor(group_id))]
        start = max(known_days) if known_days else dt.date(2000, 1, 1)
    as_of = as_of or start
    group = case.actor(group_id)
    state = case.actor(state_id)
    mediator = case.actor(mediator_id) if mediator_id else None
    owners = {"group": group, "state": state, "mediator": mediator, "agreement": None}
    ranges: dict[str, tuple[float, float, float]] = {}
    notes: list[str] = []
    for name, p in PARAMETERS.items():
        value = _lookup(owners[p.owner], p.key)
        if agreement is not None and name in agreement.parameters:
            e = agreement.parameters[name]
            value = (e.low, e.mode, e.high)
        ranges[name] = value or (p.low, p.mode, p.high)
    set_on_agreement = set(agreement.parameters) if agreement is not None else set()
    if mediator_id is not None and mediator is not None:
        if "bias" not in mediator.parameters and "bias" not in set_on_agreement:
            b = mediator_bias(case, mediator_id, state_id, group_id)
            ranges["bias"] = (max(0.0, b - 0.1), b, min(1.0, b + 0.1))
            notes.append(f"mediator bias {b:.2f} from its positions and ties")
        for side, target, kinds in (
            ("leverage_group", group_id, {"hosts", "shelters", "patron_of"}),
            ("leverage_state", state_id, {"patron_of", "allied"}),
        ):
            if side not in mediator.parameters and side not in set_on_agreement:
                strength = [r.strength for r in case.relations if r.source == mediator_id
                            and target in r.targets and r.kind.value in kinds]
                if strength:
                    best = max(strength, key=lambda e: e.mode)
                    ranges[side] = (best.low, best.mode, best.high)
                    notes.append(f"{side} {best} from relations of {mediator_id}")
    known = [f for f in fighters_estimates(group) if f[0] <= as_of]
    at_start = [f for f in known if f[0] <= start]
    if at_start and "fighters_start" not in group.parameters:
        ranges["fighters_start"] = at_start[-1][1:]
    attacks = observed_attacks(case, agreement, as_of, {state_id, group_id}) if agreement else []
    if attacks:
        notes.append(f"{len(attacks)} violent event(s) during the truce known by {as_of}: "
                     "entered as attacks on the simulated path")
    observed_end = None
    breaker = None
    if agreement is not None and agreement.end is not None and agreement.end.known_by(as_of):
        lo = (agreement.end.earliest - agreement.start.latest).days
        hi = (agreement.end.latest - agreement.start.earliest).days
        observed_end = (max(0, lo), max(0, hi))
        breaker = agreement.ended_by
    mediated = mediator_id is not None
    bilateral = agreement is None or len(agreement.parties) >= 2
    open_ended = agreement is None or "fixed_term_days" not in agreement.parameters
    term = None if open_ended else int(round(agreement.parameters["fixed_term_days"].mode))
    cls_est = agreement.parameters.get("ceasefire_class") if agreement is not None else None
    ref = choose_class(mediated, bilateral, open_ended, int(cls_est.mode) if cls_est else 1)
    return CeasefireInputs(
        case_id=case.id, agreement_id=agreement.id if agreement else None,
        state=state_id, group=group_id, mediator=mediator_id, start=start, as_of=as_of,
        ranges=ranges,
        capability_state=_side_capability(case, state_id, ("state", "state_security_force")),
        capability_group=_side_capability(case, group_id, ()),
        reference_class=ref, country_class=country_class([state.name, *state.aliases]),
        fighters_known=known, fixed_term_days=term,
        observed_attacks=attacks,
        observed_end=observed_end,
        observed_breaker=breaker, notes=notes,
    )
