"""The workbench's JSON API: runs, edits, problems, bounds, save, compare, evidence, jobs."""

from __future__ import annotations

import threading
import time

import pytest

from tests.web.conftest import ARTICLE

QUICK = {"budget": "quick", "seed": 0}
TTP_FATA = {"op": "stance", "issue": "fata_status", "actor": "TTP",
            "position": {"low": 50, "mode": 70, "high": 90}}


def variant(client, name: str, edits: list[dict]) -> None:
    """A variant with these edits, whatever ran before (tests pass in any order)."""
    client.delete(f"/api/scenarios/{name}")
    assert client.post("/api/scenarios", json={"name": name}).status_code == 201
    r = client.post(f"/api/scenarios/{name}/edits", json={"edits": edits})
    assert r.status_code == 200, r.text


def problems(r) -> list[dict]:
    assert r.headers["content-type"].startswith("application/problem+json")
    body = r.json()
    assert {"type", "title", "status", "detail", "problems"} <= set(body)
    return body["problems"]


def test_session_and_openapi(client):
    s = client.get("/api/session").json()
    assert s["file"] == "case.yaml" and "quick" in s["budgets"]
    assert s["limits"]["max_budget"] == "quick"
    spec = client.get("/openapi.json").json()
    assert "/api/scenarios/{name}/edits" in spec["paths"]
    # a whole case is validated by the case schema itself
    assert "Case" in spec["components"]["schemas"]


def test_baseline_run_answers_first(client):
    r = client.post("/api/scenarios/baseline/run", json=QUICK)
    assert r.status_code == 200
    run = r.json()
    assert run["answer"][0].startswith("The truce lasts a median")
    keys = {m["key"] for m in run["measures"]}
    assert {"ceasefire.median_days", "ceasefire.p_break_180", "bargaining.forecast.fata_status"} <= keys
    assert run["models"]["tension"]["ok"] and run["models"]["bargaining"]["ok"]


def test_edit_moves_the_answer_and_keeps_calibration(client):
    client.delete("/api/scenarios/ttp-softer")
    client.post("/api/scenarios", json={"name": "ttp-softer"})
    r = client.post("/api/scenarios/ttp-softer/edits", json={"edits": [TTP_FATA], "run": QUICK})
    assert r.status_code == 200, r.text
    out = r.json()
    assert out["edits"][0]["label"].startswith("TTP on fata_status")
    assert out["run"]["calibration"].startswith("the baseline's")
    base = client.post("/api/scenarios/baseline/run", json=QUICK).json()
    key = "bargaining.forecast.fata_status"
    before = next(m for m in base["measures"] if m["key"] == key)["value"]
    after = next(m for m in out["run"]["measures"] if m["key"] == key)["value"]
    assert after != before


@pytest.mark.parametrize("edit, field", [
    ({"op": "stance", "issue": "fata_status", "actor": "TTP",
      "position": {"low": 90, "mode": 70, "high": 95}}, "edits[0].stance.position"),
    ({"op": "stance", "issue": "fata_status", "actor": "TTP",
      "position": {"low": 90, "mode": 95, "high": 120}}, "issues[0].positions.TTP.position"),
    ({"op": "stance", "issue": "no_such_issue", "actor": "TTP", "salience": 0.5}, "edits[0].issue"),
    ({"op": "remove_actor", "actor": "TTP"}, "edits[0].actor"),
    ({"op": "parameter", "on": "actor", "id": "TTP", "key": "war_cots", "value": 0.1},
     "actors[2].parameters.war_cots"),
    ({"op": "fly"}, "edits[0]"),
])
def test_bad_edits_are_problems_with_field_and_fix(client, edit, field):
    r = client.post("/api/scenarios/baseline/edits", json={"edits": [edit]})
    assert r.status_code == 422
    found = problems(r)
    assert any(p["field"] == field for p in found), found
    assert all(p["message"] for p in found)
    assert any(p["fix"] for p in found)


def test_budgets_are_bounded(client):
    r = client.post("/api/scenarios/baseline/run", json={"budget": "quick", "draws": 10**7})
    assert r.status_code == 422 and "draws" in problems(r)[0]["field"]
    r = client.post("/api/scenarios/baseline/run", json={"budget": "thorough"})
    assert r.status_code == 422 and "at most 'quick'" in problems(r)[0]["message"]


def test_request_size_and_host_are_checked(client):
    r = client.post("/api/scenarios/baseline/evidence/code", content=b"x" * 1_100_000,
                    headers={"content-type": "application/json"})
    assert r.status_code == 413 and problems(r)
    assert client.get("/api/session", headers={"host": "attacker.example"}).status_code == 421


def test_put_case_is_checked_like_a_file(client):
    case = client.get("/api/scenarios/baseline").json()["case"]
    case["events"][0]["source"] = "NOBODY"
    r = client.put("/api/scenarios/baseline/case", json=case)
    assert r.status_code == 422
    assert any(p["field"] == "events[0].source" and "unknown actor" in p["message"]
               for p in problems(r))


def test_save_is_atomic_asks_before_overwriting_and_stays_inside(client, workspace):
    variant(client, "to-save", [TTP_FATA])
    (workspace / "variant.yaml").unlink(missing_ok=True)
    r = client.post("/api/save", json={"scenario": "to-save", "path": "variant.yaml"})
    assert r.status_code == 200, r.text
    text = (workspace / "variant.yaml").read_text()
    assert text.startswith("# Built-in case")          # the file's comments are kept
    assert "# hindustantimes-un-2021" in text            # …down to end-of-line ones
    assert "mode: 70" in text
    from jirga.analysis.load import load_case

    assert load_case(workspace / "variant.yaml").issue("fata_status").positions["TTP"].position.mode == 70
    again = client.post("/api/save", json={"scenario": "to-save", "path": "variant.yaml"})
    assert again.status_code == 409 and "overwrite" in problems(again)[0]["fix"]
    ok = client.post("/api/save", json={"scenario": "to-save", "path": "variant.yaml",
                                        "overwrite": True})
    assert ok.status_code == 200
    for bad, status in (("../escape.yaml", 403), ("/tmp/x.yaml", 403), ("notes.txt", 422)):
        assert client.post("/api/save", json={"path": bad}).status_code == status
    assert not (workspace.parent / "escape.yaml").exists()
    assert not list(workspace.glob(".jirga-*"))         # no temporary file left behind


def test_compare_pairs_differences_and_names_the_edit(client):
    variant(client, "two-edits", [
        TTP_FATA, {"op": "parameter", "on": "actor", "id": "AFG_TALIBAN", "key": "bias",
                   "value": {"low": 0.4, "mode": 0.5, "high": 0.6}}])
    r = client.post("/api/compare", json={"variants": ["two-edits"], "run": QUICK})
    assert r.status_code == 200, r.text
    rows = {row["key"]: row for row in r.json()["variants"][0]["rows"]}
    fata = rows["bargaining.forecast.fata_status"]
    assert fata["paired"] and fata["low"] <= fata["change"] <= fata["high"]
    assert fata["moved_by"].startswith("TTP on fata_status")
    truce = rows["ceasefire.p_break_180"]
    assert truce["paired"] and truce["low"] is not None
    # an edit of the mediator's lean does not touch the bargaining model
    lean = [e for e in fata["edits"] if e["edit"].startswith("AFG_TALIBAN: bias")]
    assert lean and lean[0]["change"] == 0


def test_evidence_in_codes_reviews_and_adds(client):
    client.delete("/api/scenarios/evidence")
    client.post("/api/scenarios", json={"name": "evidence"})
    coded = client.post("/api/scenarios/evidence/evidence/code",
                        json={"text": ARTICLE, "title": "Bannu attack"}).json()
    assert coded["proposals"], coded
    first = coded["proposals"][0]["event"]
    assert first["source"] == "TTP" and first["date"] == "2023-03-12"
    r = client.post("/api/evidence/accept", json={"scenario": "evidence", "source": coded["source"],
                                                   "events": [first], "run": QUICK})
    assert r.status_code == 200, r.text
    case = r.json()["case"]
    assert case["events"][-1]["id"] == first["id"]
    assert any(s["id"] == coded["source"]["id"] for s in case["sources"])
    bad = dict(first, id="E-bad", cameo="9999")
    r = client.post("/api/evidence/accept", json={"scenario": "evidence", "source": coded["source"],
                                                   "events": [bad]})
    assert r.status_code == 422 and any("CAMEO" in p["message"] for p in problems(r))


def test_concurrent_edits_are_not_lost(client):
    client.delete("/api/scenarios/busy")
    client.post("/api/scenarios", json={"name": "busy"})
    errors = []

    def worker(i: int) -> None:
        edit = {"op": "capability", "actor": "CHINA", "capability": {"low": 1, "mode": 5 + i, "high": 30}}
        r = client.post("/api/scenarios/busy/edits", json={"edits": [edit]})
        if r.status_code != 200:
            errors.append(r.text)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(client.get("/api/scenarios/busy").json()["edits"]) == 8


def test_full_run_reports_progress_and_can_be_cancelled(client):
    job = client.post("/api/scenarios/baseline/full", json=QUICK).json()
    assert job["state"] in ("queued", "running")
    cancelled = client.delete(f"/api/jobs/{job['id']}").json()
    assert cancelled["id"] == job["id"]
    deadline = time.monotonic() + 60
    while client.get(f"/api/jobs/{job['id']}").json()["state"] in ("queued", "running"):
        assert time.monotonic() < deadline
        time.sleep(0.1)
    assert client.get(f"/api/jobs/{job['id']}").json()["state"] == "cancelled"
    r = client.get("/api/scenarios/baseline/report")
    assert r.status_code == 409


def test_details_job_streams_progress(client):
    job = client.post("/api/scenarios/baseline/details", json=QUICK).json()
    with client.stream("GET", f"/api/jobs/{job['id']}/events") as s:
        events = [line for line in s.iter_lines() if line.startswith("data:")]
    assert events and '"state": "done"' in events[-1]
    d = client.get("/api/scenarios/baseline/details", params=QUICK).json()
    assert d["ready"] and d["details"]["mediator effects (bargaining)"]["ok"]


def test_static_page_and_plotly_bundle_are_served(client):
    assert "jirga workbench" in client.get("/").text
    js = client.get("/vendor/plotly.js")
    assert js.status_code == 200 and len(js.content) > 1_000_000
