"""The workbench's JSON endpoints (described at ``/openapi.json``).

Request bodies are pydantic models — a whole case is validated by the case schema
itself — and every refusal is problem JSON (:mod:`.problems`). Work is bounded: budgets
are the named presets with at most :data:`MAX_DRAWS` draws, scenarios and edits are
capped, bodies are size-limited by the app, and long runs are jobs.
"""

from __future__ import annotations

import json
import time
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Request
from fastapi.responses import HTMLResponse, Response, StreamingResponse
from pydantic import BaseModel, Field, field_validator

from jirga.analysis.budget import BUDGETS, Budget, get_budget
from jirga.case.schema import Case
from jirga.web.edits import MAX_EDITS, Edit, apply_edits, describe
from jirga.web.evidence import ArticleIn, propose
from jirga.web.figures import FIGURES, figure_json
from jirga.web.jobs import Job
from jirga.web.measures import differences, measures, moved_by
from jirga.web.problems import ProblemBody, refuse
from jirga.web.state import BASELINE, Workbench
from jirga.web.validate import case_data, validate_data
from jirga.web.views import clean, run_view, scenario_view
from jirga.web.whatif import Run
from jirga.web.workspace import merge_yaml

MAX_DRAWS = 20_000
MAX_ATTRIBUTED_EDITS = 12
ERRORS = {422: {"model": ProblemBody, "description": "a problem with the request"},
          404: {"model": ProblemBody, "description": "no such thing"},
          409: {"model": ProblemBody, "description": "conflict"}}

router = APIRouter(prefix="/api", responses=ERRORS)


class RunIn(BaseModel):
    """How much to compute: a named budget, optionally with fewer or more draws, and a seed."""

    budget: Literal["quick", "standard", "thorough"] = "quick"
    seed: int = Field(0, ge=0, le=2**32 - 1)
    draws: int | None = Field(None, description=f"at most {MAX_DRAWS:,}")

    @field_validator("draws")
    @classmethod
    def _bounded(cls, v: int | None) -> int | None:
        if v is not None and not 10 <= v <= MAX_DRAWS:
            raise ValueError(f"{v:,} draws is outside 10..{MAX_DRAWS:,} (the workbench's bound)"
                             f"\nfix: use at most {MAX_DRAWS:,}, or `jirga run --draws` for more")
        return v

    def resolve(self) -> Budget:
        return get_budget(self.budget, self.draws)


class NewScenario(BaseModel):
    name: str = Field(min_length=1, max_length=40)
    copy_of: str = Field(BASELINE, max_length=40)


class EditsIn(BaseModel):
    edits: list[Edit] = Field(min_length=1, max_length=MAX_EDITS)
    run: RunIn | None = Field(None, description="re-run the what-if tier after the edits")


class UndoIn(BaseModel):
    count: int = Field(1, ge=1, le=MAX_EDITS)


class CompareIn(BaseModel):
    baseline: str = Field(BASELINE, max_length=40)
    variants: list[str] = Field(default_factory=list, max_length=20)
    run: RunIn = Field(default_factory=RunIn)
    attribute: bool = Field(True, description="re-run each variant edit alone to say which moved what")


class SaveIn(BaseModel):
    scenario: str = Field(BASELINE, max_length=40)
    path: str = Field(min_length=1, max_length=255)
    overwrite: bool = False


class AcceptIn(BaseModel):
    scenario: str = Field(BASELINE, max_length=40)
    source: dict[str, Any]
    events: list[dict[str, Any]] = Field(default_factory=list, max_length=500)
    run: RunIn | None = None


def wb(request: Request) -> Workbench:
    return request.app.state.workbench


ORDER = ("quick", "standard", "thorough")


def _bounded(spec: RunIn, limit: str) -> Budget:
    """The budget asked for, unless it exceeds what this workbench answers synchronously."""
    if ORDER.index(spec.budget) > ORDER.index(limit):
        raise refuse(422, "budget", f"the '{spec.budget}' budget is larger than this workbench "
                     f"re-runs while you wait (at most '{limit}')",
                     f"use '{limit}' here, or a full run (POST …/full), or `jirga run --budget "
                     f"{spec.budget}`")
    return spec.resolve()


def _run(w: Workbench, name: str, spec: RunIn) -> tuple[Run, Any]:
    scn = w.get(name)
    budget = _bounded(spec, w.max_budget)
    case = scn.current()
    run = w.engine.answer(case, budget, spec.seed, origin=w.baseline.origin)
    return run, scn


def _start_details(request: Request, name: str, run: Run) -> str:
    """Start the details job of ``run``; an older details job of the scenario is cancelled
    (its answer is stale, and it would compete with this one for the interpreter)."""
    w = wb(request)
    jobs = request.app.state.jobs
    for job in list(jobs.jobs.values()):
        if job.kind == "details" and job.scenario == name and job.state in ("queued", "running"):
            jobs.cancel(job.id)
    return jobs.start("details", name, lambda j: w.engine.details(
        run, cancelled=j.cancel_flag.is_set, progress=j.tell)).id


# ---- the session ---------------------------------------------------------------------------

@router.get("/session", summary="What is open: the case file, the workspace, budgets, limits")
def session(request: Request) -> dict[str, Any]:
    w = wb(request)
    return {"file": w.file_name, "workspace": str(w.workspace.root), "files": w.workspace.files(),
            "budgets": {k: b.to_dict() for k, b in BUDGETS.items()},
            "limits": {"max_draws": MAX_DRAWS, "max_edits": MAX_EDITS,
                       "max_budget": w.max_budget},
            "figures": list(FIGURES), "parameters": parameters(),
            "scenarios": [scenario_view(s, with_case=False) for s in w.scenarios.values()]}


def parameters() -> list[dict[str, Any]]:
    """The ceasefire model's declared parameters, for the what-if controls."""
    from jirga.models.ceasefire.params import CALIBRATED, PARAMETERS

    return [{"name": n, "owner": p.owner, "key": p.key, "low": p.low, "mode": p.mode,
             "high": p.high, "meaning": p.meaning, "calibrated": n in CALIBRATED}
            for n, p in PARAMETERS.items()]


@router.get("/scenarios", summary="The scenarios: baseline and named variants")
def list_scenarios(request: Request) -> list[dict[str, Any]]:
    return [scenario_view(s, with_case=False) for s in wb(request).scenarios.values()]


@router.post("/scenarios", status_code=201, summary="Start a variant from a scenario's current case")
def create_scenario(request: Request, body: NewScenario) -> dict[str, Any]:
    return scenario_view(wb(request).create(body.name, body.copy_of))


@router.get("/scenarios/{name}", summary="A scenario: its case and its edits")
def get_scenario(request: Request, name: str) -> dict[str, Any]:
    return scenario_view(wb(request).get(name))


@router.delete("/scenarios/{name}", status_code=204, summary="Delete a variant")
def delete_scenario(request: Request, name: str) -> Response:
    wb(request).delete(name)
    return Response(status_code=204)


@router.put("/scenarios/{name}/case", summary="Replace a scenario's case (validated as a case file)")
def put_case(request: Request, name: str, case: Annotated[Case, Body()]) -> dict[str, Any]:
    # the schema has checked the fields; the whole-file checks and the models' parameter
    # declarations run on the same data, exactly as for a file
    checked = validate_data(case_data(case))
    return scenario_view(wb(request).replace_case(name, checked))


@router.post("/scenarios/{name}/edits", summary="Apply what-if edits; optionally re-run")
def post_edits(request: Request, name: str, body: EditsIn) -> dict[str, Any]:
    start, cpu = time.perf_counter(), time.thread_time()
    w = wb(request)
    scn = w.add_edits(name, list(body.edits))
    out = scenario_view(scn)
    if body.run is not None:
        run, _ = _run(w, name, body.run)
        out["run"] = run_view(run, scn)
        # the whole request as the server saw it: edit, validation, re-run, JSON view
        out["run"]["request_seconds"] = round(time.perf_counter() - start, 4)
        out["run"]["request_cpu_seconds"] = round(time.thread_time() - cpu, 4)
    return out


@router.post("/scenarios/{name}/undo", summary="Undo the scenario's last edits")
def undo(request: Request, name: str, body: UndoIn) -> dict[str, Any]:
    return scenario_view(wb(request).undo(name, body.count))


@router.post("/scenarios/{name}/run", summary="Re-run the what-if tier (the answer, not the details)")
def run_scenario(request: Request, name: str, body: RunIn) -> dict[str, Any]:
    run, scn = _run(wb(request), name, body)
    return run_view(run, scn)


@router.post("/scenarios/{name}/details", status_code=202,
             summary="Compute the slower what-if details as a job (the page asks once the user pauses)")
def start_details(request: Request, name: str, body: RunIn) -> dict[str, Any]:
    run, _ = _run(wb(request), name, body)
    return request.app.state.jobs.get(_start_details(request, name, run)).public()


@router.get("/scenarios/{name}/figures/{figure}", summary="A chart of the latest run, as plotly JSON")
def figure(request: Request, name: str, figure: str, budget: Literal["quick", "standard",
           "thorough"] = "quick", seed: int = 0) -> Response:
    run, _ = _run(wb(request), name, RunIn(budget=budget, seed=max(0, min(seed, 2**32 - 1))))
    return Response(figure_json(run, figure), media_type="application/json")


@router.get("/scenarios/{name}/details", summary="The slower what-if results, once computed")
def details(request: Request, name: str, budget: Literal["quick", "standard", "thorough"] = "quick",
            seed: int = 0) -> dict[str, Any]:
    run, _ = _run(wb(request), name, RunIn(budget=budget, seed=max(0, min(seed, 2**32 - 1))))
    out: dict[str, Any] = {}
    for step, o in (run.details or {}).items():
        view: dict[str, Any] = {"ok": o.ok, "problem": o.problem, "seconds": round(o.seconds, 3)}
        if o.ok and hasattr(o.value, "summary"):
            view["summary"] = clean(o.value.summary().to_dict(orient="records"))
        elif o.ok and hasattr(o.value, "to_dict"):
            view["summary"] = clean(o.value.to_dict(orient="records"))
        out[step] = view
    return {"ready": bool(run.details), "details": out}


# ---- full runs as jobs -----------------------------------------------------------------------

@router.post("/scenarios/{name}/full", status_code=202,
             summary="Run the full analysis (calibration, back-test…) as a cancellable job")
def full_run(request: Request, name: str, body: RunIn) -> dict[str, Any]:
    from jirga.analysis.run import analyse

    w = wb(request)
    scn = w.get(name)
    case, version, budget, seed = scn.current(), scn.version, body.resolve(), body.seed

    def work(job: Job) -> Any:
        job.tell("starting", 0, 4)
        result = analyse(case, budget, seed, parallel=False, progress=job.tell)
        request.app.state.full[(name, version)] = result
        return {"seconds": result.seconds}

    return request.app.state.jobs.start("full", name, work).public()


@router.get("/jobs/{job_id}", summary="A job's state and progress (poll this, or use /events)")
def job_state(request: Request, job_id: str) -> dict[str, Any]:
    return request.app.state.jobs.get(job_id).public()


@router.get("/jobs/{job_id}/events", summary="A job's progress as server-sent events")
def job_events(request: Request, job_id: str, timeout: float = 120.0) -> StreamingResponse:
    job = request.app.state.jobs.get(job_id)
    limit = time.monotonic() + max(1.0, min(timeout, 600.0))

    def stream():
        version = -1
        while True:
            version = job.wait_change(version, timeout=1.0)
            yield f"event: progress\ndata: {json.dumps(job.public())}\n\n"
            if job.state not in ("queued", "running") or time.monotonic() > limit:
                return

    return StreamingResponse(stream(), media_type="text/event-stream",
                             headers={"Cache-Control": "no-store"})


@router.delete("/jobs/{job_id}", summary="Cancel a job (takes effect at its next step)")
def cancel_job(request: Request, job_id: str) -> dict[str, Any]:
    return request.app.state.jobs.cancel(job_id).public()


@router.get("/scenarios/{name}/report", response_class=HTMLResponse,
            summary="The HTML report of the scenario's latest full run")
def report(request: Request, name: str) -> HTMLResponse:
    from jirga.report.build import render_report

    scn = wb(request).get(name)
    analysis = request.app.state.full.get((name, scn.version))
    if analysis is None:
        raise refuse(409, "report", "no full run of this scenario as it stands",
                     "start a full run (POST /api/scenarios/{name}/full) and wait for it")
    html, _ = render_report(analysis)
    safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in name)
    return HTMLResponse(html, headers={"Content-Disposition": f'attachment; filename="jirga-{safe}.html"'})


# ---- compare, save ----------------------------------------------------------------------------

@router.post("/compare", summary="Baseline vs variants: paired differences and which edit moved them")
def compare(request: Request, body: CompareIn) -> dict[str, Any]:
    w = wb(request)
    base_run, _ = _run(w, body.baseline, body.run)
    base = measures(base_run)
    base_case = w.get(body.baseline).current()
    out = []
    for name in body.variants:
        scn = w.get(name)
        run, _ = _run(w, name, body.run)
        rows = differences(base, measures(run))
        if body.attribute and scn.edits:
            singles = []
            for edit in scn.edits[:MAX_ATTRIBUTED_EDITS]:
                try:
                    alone = apply_edits(base_case, [edit])
                except Exception:  # noqa: BLE001 - an edit that fails alone is left out
                    continue
                r = w.engine.answer(alone, body.run.resolve(), body.run.seed, origin=w.baseline.origin)
                singles.append((describe(edit), measures(r)))
            moved_by(base, singles, rows)
        out.append({"scenario": name, "edits": [describe(e) for e in scn.edits], "rows": rows})
    return {"baseline": body.baseline, "budget": body.run.resolve().to_dict(), "seed": body.run.seed,
            "paired": "same seed and budget: common random numbers", "variants": out}


@router.post("/save", summary="Write a scenario's case as YAML into the workspace")
def save(request: Request, body: SaveIn) -> dict[str, Any]:
    w = wb(request)
    case = w.get(body.scenario).current()
    data = case_data(case)
    original = w.source_text
    target = w.workspace.resolve(body.path)
    if target.exists():
        try:
            original = target.read_text(encoding="utf-8")
        except OSError:
            pass
    text = merge_yaml(original, data)
    from jirga.analysis.load import parse_case
    from jirga.errors import InputError
    from jirga.web.problems import invalid

    try:
        parse_case(text, body.path)  # what is written must load back as this case
    except InputError as exc:
        raise invalid(exc, "the YAML written would not load back") from None
    path = w.workspace.write(body.path, text, body.overwrite)
    return {"path": str(path.relative_to(w.workspace.root)), "bytes": len(text.encode("utf-8"))}


@router.get("/files", summary="Case files in the workspace")
def files(request: Request) -> list[str]:
    return wb(request).workspace.files()


@router.get("/download/{name}", summary="A scenario's case as YAML (not written anywhere)")
def download(request: Request, name: str) -> Response:
    w = wb(request)
    text = merge_yaml(w.source_text, case_data(w.get(name).current()))
    return Response(text, media_type="application/yaml")


# ---- evidence in ---------------------------------------------------------------------------

@router.post("/scenarios/{name}/evidence/code", summary="Code an article into proposed events")
def code_article(request: Request, name: str, body: ArticleIn) -> dict[str, Any]:
    return propose(wb(request).get(name).current(), body)


@router.post("/evidence/accept", summary="Add accepted events and their source to a scenario")
def accept(request: Request, body: AcceptIn) -> dict[str, Any]:
    from jirga.web.edits import AddEvidenceEdit

    edit = validate_edit({"op": "add_evidence", "source": body.source, "events": body.events})
    assert isinstance(edit, AddEvidenceEdit)
    return post_edits(request, body.scenario, EditsIn(edits=[edit], run=body.run))


def validate_edit(data: dict[str, Any]) -> Any:
    from pydantic import TypeAdapter, ValidationError

    from jirga.web.problems import ApiError, validation_items

    try:
        return TypeAdapter(Edit).validate_python(data)
    except ValidationError as exc:
        raise ApiError(422, "the evidence is not valid",
                       validation_items(list(exc.errors(include_url=False)))) from None


__all__ = ["router", "validate_data"]
