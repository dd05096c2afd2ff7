"""What-if edits: small, named changes to a case that the workbench can apply, list and undo.

A scenario is its origin case plus a list of edits, not a free-form copy, so the
comparison view can say *which edit moved* a headline number (each edit is re-run
alone against the baseline). Every edit is applied to the case's JSON form and the
result goes through the same boundary as a case file (:func:`validate_data`), so an
edit can never hand the models a case a file could not.
"""

from __future__ import annotations

import copy
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from jirga.case.schema import Actor, Case, Event, Source, Stance
from jirga.vocab.estimates import Estimate
from jirga.web.problems import ApiError, ProblemItem
from jirga.web.validate import case_data, validate_data

MAX_EDITS = 200  # per scenario: a what-if is a handful of changes, not a new case


class _Edit(BaseModel):
    model_config = ConfigDict(extra="forbid")


class StanceEdit(_Edit):
    """Set an actor's position (0–100) and/or salience (0–1) on one issue."""

    op: Literal["stance"] = "stance"
    issue: str = Field(max_length=200)
    actor: str = Field(max_length=200)
    position: Estimate | None = None
    salience: Estimate | None = None


class CapabilityEdit(_Edit):
    """Set an actor's capability (0–100)."""

    op: Literal["capability"] = "capability"
    actor: str = Field(max_length=200)
    capability: Estimate


class ParameterEdit(_Edit):
    """Set (or, with ``value: null``, remove) a model parameter on an actor or an agreement.

    The mediator's lean and leverage are the ceasefire model's ``bias``,
    ``leverage_group`` and ``leverage_state`` on the mediator.
    """

    op: Literal["parameter"] = "parameter"
    on: Literal["actor", "agreement"]
    id: str = Field(max_length=200)
    key: str = Field(max_length=200)
    value: Estimate | None = None


class RemoveActorEdit(_Edit):
    """Remove a third party: its stances, ties, mediator roles and the events it is alone in."""

    op: Literal["remove_actor"] = "remove_actor"
    actor: str = Field(max_length=200)


class AddActorEdit(_Edit):
    """Add a third party with its stances on some issues."""

    op: Literal["add_actor"] = "add_actor"
    actor: Actor
    stances: dict[str, Stance] = Field(default_factory=dict)


class AddEvidenceEdit(_Edit):
    """Add a source and the events coded from it (the Evidence-in step)."""

    op: Literal["add_evidence"] = "add_evidence"
    source: Source
    events: list[Event] = Field(default_factory=list, max_length=500)


Edit = Annotated[StanceEdit | CapabilityEdit | ParameterEdit | RemoveActorEdit | AddActorEdit
                 | AddEvidenceEdit, Field(discriminator="op")]


def describe(edit: BaseModel) -> str:
    """A short label for the comparison table ("TTP on fata_status: position 80 (70–90)")."""
    e: Any = edit
    if e.op == "stance":
        parts = [f"{k} {getattr(e, k)}" for k in ("position", "salience") if getattr(e, k)]
        return f"{e.actor} on {e.issue}: " + ", ".join(parts or ["unchanged"])
    if e.op == "capability":
        return f"{e.actor}: capability {e.capability}"
    if e.op == "parameter":
        return f"{e.id}: {e.key} = {e.value if e.value is not None else '(default)'}"
    if e.op == "remove_actor":
        return f"remove {e.actor}"
    if e.op == "add_evidence":
        n = len(e.events)
        return f"add {n} event{'s' if n != 1 else ''} from {e.source.id}"
    return f"add {e.actor.id}"


def _bad(field: str, message: str, fix: str) -> ApiError:
    return ApiError(422, "the edit cannot be applied", [ProblemItem(field=field, message=message,
                                                                    fix=fix)])


def _index(items: list[dict], key: str, what: str, field: str) -> int:
    for i, item in enumerate(items):
        if item.get("id") == key:
            return i
    known = ", ".join(str(x.get("id")) for x in items)
    raise _bad(field, f"no {what} '{key}'", f"use one of: {known}")


def _est(e: Estimate) -> Any:
    return e.model_dump()


def _apply_one(data: dict, edit: Any, n: int) -> None:
    f = f"edits[{n}]"
    if edit.op == "stance":
        i = _index(data.get("issues", []), edit.issue, "issue", f + ".issue")
        positions = data["issues"][i].setdefault("positions", {})
        if edit.actor not in positions:
            raise _bad(f + ".actor", f"{edit.actor} takes no position on {edit.issue}",
                       "pick an actor listed on this issue, or add the actor with its stance")
        for key in ("position", "salience"):
            if getattr(edit, key) is not None:
                positions[edit.actor][key] = _est(getattr(edit, key))
    elif edit.op == "capability":
        i = _index(data.get("actors", []), edit.actor, "actor", f + ".actor")
        data["actors"][i]["capability"] = _est(edit.capability)
    elif edit.op == "parameter":
        section = "actors" if edit.on == "actor" else "agreements"
        i = _index(data.get(section, []), edit.id, edit.on, f + ".id")
        params = data[section][i].setdefault("parameters", {})
        if edit.value is None:
            params.pop(edit.key, None)
        else:
            params[edit.key] = _est(edit.value)
    elif edit.op == "remove_actor":
        _remove_actor(data, edit.actor, f + ".actor")
    elif edit.op == "add_actor":
        _add_actor(data, edit, f)
    elif edit.op == "add_evidence":
        _add_evidence(data, edit, f)


def _remove_actor(data: dict, actor: str, field: str) -> None:
    _index(data.get("actors", []), actor, "actor", field)
    principals = data.get("analysis", {}).get("principals") or []
    parties = {p for a in data.get("agreements", []) for p in a.get("parties", [])}
    if actor in principals or actor in parties:
        raise _bad(field, f"{actor} is a party to the talks; the models need both sides",
                   "remove third parties only (mediators, observers, spoilers…)")
    data["actors"] = [a for a in data["actors"] if a.get("id") != actor]
    for issue in data.get("issues", []):
        issue.get("positions", {}).pop(actor, None)
    for agr in data.get("agreements", []):
        agr["mediators"] = [m for m in agr.get("mediators", []) if m != actor]
        if agr.get("ended_by") == actor:
            agr.pop("ended_by")
    rels = []
    for rel in data.get("relations", []):
        targets = rel["target"] if isinstance(rel["target"], list) else [rel["target"]]
        targets = [t for t in targets if t != actor]
        if rel.get("source") == actor or not targets:
            continue
        rel["target"] = targets if isinstance(rel["target"], list) else targets[0]
        rels.append(rel)
    data["relations"] = rels
    events = []
    for ev in data.get("events", []):
        targets = [t for t in ev.get("target", []) if t != actor]
        if ev.get("source") == actor or not targets:
            continue
        ev["target"] = targets
        events.append(ev)
    data["events"] = events


def _add_actor(data: dict, edit: Any, field: str) -> None:
    actor = edit.actor.model_dump(mode="json", by_alias=True, exclude_none=True)
    if any(a.get("id") == actor["id"] for a in data.get("actors", [])):
        raise _bad(field + ".actor.id", f"an actor '{actor['id']}' already exists",
                   "give the new actor its own id")
    data.setdefault("actors", []).append(actor)
    for issue_id, stance in edit.stances.items():
        i = _index(data.get("issues", []), issue_id, "issue", f"{field}.stances.{issue_id}")
        data["issues"][i].setdefault("positions", {})[actor["id"]] = stance.model_dump(
            mode="json", by_alias=True, exclude_none=True)


def _add_evidence(data: dict, edit: Any, field: str) -> None:
    dump = {"mode": "json", "by_alias": True, "exclude_none": True}
    source = edit.source.model_dump(**dump)
    if not any(s.get("id") == source["id"] for s in data.get("sources", [])):
        data.setdefault("sources", []).append(source)
    taken = {e.get("id") for e in data.get("events", [])}
    for i, ev in enumerate(edit.events):
        item = ev.model_dump(**dump)
        if item["id"] in taken:
            raise _bad(f"{field}.events[{i}].id", f"an event '{item['id']}' already exists",
                       "give the event its own id")
        if source["id"] not in item.setdefault("sources", []):
            item["sources"].append(source["id"])
        taken.add(item["id"])
        data.setdefault("events", []).append(item)


def apply_edits(origin: Case | dict, edits: list[Any]) -> Case:
    """``origin`` with ``edits`` applied in order, validated as a case file would be."""
    if len(edits) > MAX_EDITS:
        raise _bad("edits", f"{len(edits)} edits; a scenario holds at most {MAX_EDITS}",
                   "start a new scenario from the edited one")
    data = copy.deepcopy(origin) if isinstance(origin, dict) else case_data(origin)
    for n, edit in enumerate(edits):
        _apply_one(data, edit, n)
    return validate_data(data, "the edited case is not valid")
