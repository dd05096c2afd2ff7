"""Workbench re-run latency: 50 what-if edits on the built-in case at the quick budget.

Starts the workbench (uvicorn on 127.0.0.1, a free port) in this process, warms it with
the baseline run (calibration, the first bargaining run), creates a variant, then fires
50 distinct single edits — each one request that applies the edit and re-runs the
what-if tier — and prints p50/p95 of the request's wall time as the client sees it and of
the server's own run time, per kind of edit, with the machine's load. A figure fetch is
timed too (the page draws the charts after the re-run answers).

Run: ``PYTHONPATH=src python benchmarks/bench_workbench.py [--edits 50] [--budget quick]``
(``JIRGA_WEB_HELPER=1`` to measure with the second-core helper process).
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import tempfile
import threading
import time
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def edits(n: int) -> list[tuple[str, dict]]:
    """``n`` distinct edits cycling over the kinds a user makes with the sliders."""
    issues = ["fata_status", "army_presence", "ttp_disarmament", "prisoner_release", "sharia"]
    out: list[tuple[str, dict]] = []
    for i in range(n):
        k = i % 5
        j = i // 5
        if k == 0:
            out.append(("position", {"op": "stance", "issue": issues[j % 5], "actor": "TTP",
                                     "position": {"low": 60 + j % 7, "mode": 80 + j % 5, "high": 98}}))
        elif k == 1:
            out.append(("salience", {"op": "stance", "issue": issues[(j + 2) % 5], "actor": "PAK_GOV",
                                     "salience": {"low": 0.3, "mode": 0.5 + 0.01 * j, "high": 0.9}}))
        elif k == 2:
            out.append(("capability", {"op": "capability", "actor": ["CHINA", "AFG_TALIBAN"][j % 2],
                                       "capability": {"low": 5, "mode": 15 + j, "high": 40}}))
        elif k == 3:
            out.append(("mediator", {"op": "parameter", "on": "actor", "id": "AFG_TALIBAN",
                                     "key": ["bias", "leverage_group"][j % 2],
                                     "value": {"low": 0.2, "mode": 0.4 + 0.02 * j, "high": 0.9}}))
        else:
            out.append(("ceasefire", {"op": "parameter", "on": "agreement", "id": "ceasefire-2022",
                                      "key": ["war_cost_state", "pressure_weight", "noise"][j % 3],
                                      "value": {"low": 0.05, "mode": 0.1 + 0.005 * j, "high": 0.4}}))
    return out


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, max(0, int(round(q * (len(xs) - 1)))))]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--edits", type=int, default=50)
    ap.add_argument("--budget", default="quick")
    args = ap.parse_args()

    import httpx
    import uvicorn

    from jirga.cli.serve_cmds import workbench_app

    ws = Path(tempfile.mkdtemp(prefix="jirga-bench-"))
    app, _, _ = workbench_app("pakistan-ttp-2022", ws)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    spec = {"budget": args.budget, "seed": 0}
    try:
        with httpx.Client(base_url=base, timeout=120) as c:
            t = time.perf_counter()
            c.post("/api/scenarios/baseline/run", json=spec).raise_for_status()
            warm = time.perf_counter() - t
            c.post("/api/scenarios", json={"name": "bench"}).raise_for_status()
            wall: dict[str, list[float]] = {}
            server_s: dict[str, list[float]] = {}
            server_cpu: dict[str, list[float]] = {}
            cpu0 = time.process_time()
            for kind, edit in edits(args.edits):
                t = time.perf_counter()
                r = c.post("/api/scenarios/bench/edits", json={"edits": [edit], "run": spec})
                dt = time.perf_counter() - t
                r.raise_for_status()
                wall.setdefault(kind, []).append(dt)
                server_s.setdefault(kind, []).append(r.json()["run"]["request_seconds"])
                server_cpu.setdefault(kind, []).append(r.json()["run"]["request_cpu_seconds"])
            cpu = time.process_time() - cpu0
            t = time.perf_counter()
            c.get("/api/scenarios/bench/figures/survival", params=spec).raise_for_status()
            fig = time.perf_counter() - t
    finally:
        server.should_exit = True
        thread.join(timeout=5)
    every = [x for v in wall.values() for x in v]
    every_srv = [x for v in server_s.values() for x in v]
    load = os.getloadavg()
    print(f"jirga workbench: {len(every)} edits on the built-in case, budget {args.budget}, "
          f"helper {'on' if app.state.workbench.engine.helper.enabled else 'off'}, "
          f"{os.cpu_count()} cores, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    print(f"warm-up (baseline run with calibration): {warm:.2f} s")
    every_cpu = [x for v in server_cpu.values() for x in v]
    print("milliseconds per edit request: client wall time; server wall time of the handler; "
          "CPU time of the handler's thread (the helper process's share runs beside it on the "
          "second core and is not counted)")
    print(f"{'edit kind':<12} {'n':>3} {'p50':>6} {'p95':>6} {'srv p50':>8} {'srv p95':>8} "
          f"{'cpu p50':>8} {'cpu p95':>8}")

    def row(name: str, w: list[float], s: list[float], u: list[float]) -> None:
        print(f"{name:<12} {len(w):>3} {1000 * statistics.median(w):>6.0f} {1000 * pct(w, 0.95):>6.0f} "
              f"{1000 * statistics.median(s):>8.0f} {1000 * pct(s, 0.95):>8.0f} "
              f"{1000 * statistics.median(u):>8.0f} {1000 * pct(u, 0.95):>8.0f}")
    for kind in wall:
        row(kind, wall[kind], server_s[kind], server_cpu[kind])
    row("all", every, every_srv, every_cpu)
    print(f"p50 {1000 * statistics.median(every):.0f} ms, p95 {1000 * pct(every, 0.95):.0f} ms "
          f"(target p95 <= 300 ms); process CPU for the edits: {cpu:.1f} s; "
          f"one figure fetch after the last edit: {1000 * fig:.0f} ms")


if __name__ == "__main__":
    main()
