"""Ceasefire model inputs read from a case (the parameters are declared in
:mod:`jirga.models.ceasefire.declared`).

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

from jirga.case.schema import Actor, Agreement, Case, EndType, RelationKind, Role
from jirga.models.ceasefire.declared import (  # noqa: F401  (re-exported: the model's vocabulary)
    _BOUNDS,
    AGREEMENT_DESCRIPTORS,
    CALIBRATED,
    PARAM_NAMES,
    PARAMETERS,
    Param,
    parameter_problems,
)
from jirga.models.ceasefire.refclass import choose_class, country_class


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
    observed_end: tuple[int, int] | None = None  # (min, max) days, if it broke and that is known
    observed_breaker: str | None = None
    #: (min, max) days, if it ended without breaking (expired, replaced, settlement or
    #: an ending the case does not give) and that is known: a censored duration
    observed_censor: tuple[int, int] | None = None
    observed_ending: str | None = None  # the agreement's end type, when known by as_of
    third_parties: list[str] = field(default_factory=list)  # mediators, facilitators, guarantors
    defaults_used: list[str] = field(default_factory=list)  # parameters left at their defaults
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


def _class_parameter(agreement: Agreement | None) -> int:
    """The ETH/PRIO class from ``parameters: ceasefire_class`` (older case files), else 1."""
    est = agreement.parameters.get("ceasefire_class") if agreement is not None else None
    return int(est.mode) if est is not None else 1


_LEVERAGE_TIES = (("leverage_group", "group", {"hosts", "shelters", "patron_of"}),
                  ("leverage_state", "state", {"patron_of", "allied"}))


def _third_party_ranges(case: Case, third: list[str], state: str, group: str,
                        set_on_agreement: set[str]) -> dict[str, tuple[tuple, str]]:
    """Bias and leverage of the agreement's third parties, combined into the model's one slot.

    Each third party's leverage over a side comes from its own ``parameters`` or its
    strongest tie to that side; together they pull as ``1 − Π(1 − leverage_i)`` (two
    independent chances to move a side). Their lean is the mean of each one's bias
    weighted by its leverage, so a third party with no pull does not colour the advice.
    Values the agreement sets itself win; a single third party's own ``bias`` is kept.
    Returns ``{name: ((low, mode, high), note)}``.
    """
    out: dict[str, tuple[tuple, str]] = {}
    lev: dict[str, list[tuple[float, float, float]]] = {"leverage_group": [], "leverage_state": []}
    biases, weights = [], []
    for tp in third:
        actor = case.actor(tp)
        pull = 0.0
        for name, side, kinds in _LEVERAGE_TIES:
            value = _lookup(actor, name)
            if value is None:
                target = group if side == "group" else state
                ties = [r.strength for r in case.relations if r.source == tp
                        and target in r.targets and r.kind.value in kinds]
                if ties:
                    best = max(ties, key=lambda e: e.mode)
                    value = (best.low, best.mode, best.high)
            if value is not None:
                lev[name].append(value)
                pull += value[1]
        own = _lookup(actor, "bias")
        biases.append(own[1] if own is not None else mediator_bias(case, tp, state, group))
        weights.append(pull + 1e-3)
    names = ", ".join(third)
    for name, values in lev.items():
        if values and name not in set_on_agreement:
            combined = tuple(float(1.0 - np.prod([1.0 - v[k] for v in values])) for k in range(3))
            out[name] = (combined, f"{name} {combined[1]:.2f} from {names}")
    single_own = len(third) == 1 and _lookup(case.actor(third[0]), "bias") is not None
    if "bias" not in set_on_agreement and not single_own:
        b = float(np.average(biases, weights=weights))
        out["bias"] = ((max(0.0, b - 0.1), b, min(1.0, b + 0.1)),
                       f"third-party lean {b:.2f} from positions and ties of {names}")
    return out


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
    # the agreement's own third parties; an agreement with none is unmediated. Only a
    # hypothetical truce (no agreement) borrows the case's mediators.
    if agreement is not None:
        third = agreement.third_parties
    else:
        third = [a.id for a in case.mediators]
    mediator_id = third[0] if third else None
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
    defaults: list[str] = []
    for name, p in PARAMETERS.items():
        value = _lookup(owners[p.owner], p.key)
        if agreement is not None and name in agreement.parameters:
            e = agreement.parameters[name]
            value = (e.low, e.mode, e.high)
        if value is None:
            defaults.append(name)
        ranges[name] = value or (p.low, p.mode, p.high)
    set_on_agreement = set(agreement.parameters) if agreement is not None else set()
    if third and mediator is not None:
        derived = _third_party_ranges(case, third, state_id, group_id, set_on_agreement)
        for name, (value, note) in derived.items():
            ranges[name] = value
            notes.append(note)
            if name in defaults:
                defaults.remove(name)
    known = [f for f in fighters_estimates(group) if f[0] <= as_of]
    at_start = [f for f in known if f[0] <= start]
    if at_start and "fighters_start" not in group.parameters:
        ranges["fighters_start"] = at_start[-1][1:]
    attacks = observed_attacks(case, agreement, as_of, {state_id, group_id}) if agreement else []
    if attacks:
        notes.append(f"{len(attacks)} violent event(s) during the truce known by {as_of}: "
                     "entered as attacks on the simulated path")
    observed_end = observed_censor = None
    breaker = ending = None
    if agreement is not None and agreement.end is not None and agreement.end.known_by(as_of):
        # durations as the model counts them: from the latest possible start
        lo = (agreement.end.earliest - agreement.start.latest).days
        hi = (agreement.end.latest - agreement.start.latest).days
        span = (max(0, lo), max(0, hi))
        ending = agreement.ending.value
        if agreement.ending == EndType.broken:
            observed_end, breaker = span, agreement.ended_by
        else:
            observed_censor = span
    mediated = bool(third)
    bilateral = agreement is None or agreement.sides != "unilateral"
    term = agreement.fixed_term_days if agreement is not None else None
    open_ended = term is None
    cls = (agreement.ceasefire_class if agreement is not None and agreement.ceasefire_class
           else _class_parameter(agreement))
    ref = choose_class(mediated, bilateral, open_ended, cls)
    return CeasefireInputs(
        case_id=case.id, agreement_id=agreement.id if agreement else None,
        state=state_id, group=group_id, mediator=mediator_id, start=start, as_of=as_of,
        ranges=ranges,
        capability_state=_side_capability(case, state_id, ("state", "state_security_force")),
        capability_group=_side_capability(case, group_id, ()),
        reference_class=ref, country_class=country_class([state.name, *state.aliases]),
        fighters_known=known, fixed_term_days=term,
        observed_attacks=attacks,
        observed_end=observed_end, observed_breaker=breaker, observed_censor=observed_censor,
        observed_ending=ending, third_parties=list(third), defaults_used=defaults, notes=notes,
    )
