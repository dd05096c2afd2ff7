"""The workbench in real headless Chromium (Debian's, driven by Playwright).

One walk through what an analyst does: open the case, move a slider, re-run and see the
chart change, add a variant and compare it, save, import an article and accept an event
— with no console error and no request leaving 127.0.0.1.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time

import pytest

from tests.web.conftest import ARTICLE

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def server(app):
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        assert time.monotonic() < deadline, "the workbench did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


def _survival(page) -> str:
    return page.evaluate("JSON.stringify(document.getElementById('fig-survival').data.map(t => t.y))")


def _wait_figures_after(page, version: int) -> None:
    page.wait_for_function(f"Number(document.body.dataset.figuresVersion || -1) > {version}",
                           timeout=60_000)


def test_workbench_in_chromium(server, workspace):
    from playwright.sync_api import sync_playwright

    if not shutil.which("chromium"):
        pytest.fail("chromium is not installed; scripts/test.sh installs Debian's chromium")
    errors: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.on("request", lambda r: None if r.url.startswith(
                (server, "data:", "blob:")) else errors.append(f"network request: {r.url}"))
            # 1. open the case: answer first, charts drawn
            page.goto(server + "/")
            page.wait_for_selector("body[data-ready='1']", timeout=90_000)
            page.wait_for_function("document.querySelector('#fig-survival svg.main-svg') !== null")
            assert page.locator("#answer li").first.inner_text().startswith("The truce lasts")
            assert page.locator("#case-title").inner_text().startswith("Pakistan–TTP talks")
            before = _survival(page)
            # 2. a variant, then move the mediator's lean: the chart changes
            page.click("nav button[data-tab='whatif']")
            page.fill("#variant-name", "lean-to-state")
            page.click("#add-variant")
            page.wait_for_function("document.querySelector('#scenario').value === 'lean-to-state'")
            page.wait_for_function("J.run && J.run.scenario === 'lean-to-state'", timeout=60_000)
            version = int(page.evaluate("Number(document.body.dataset.figuresVersion)"))
            mode = page.locator("[data-testid='med-bias'] input[data-part='mode']")
            box = mode.bounding_box()
            mode.click(position={"x": box["width"] * 0.12, "y": box["height"] / 2})
            _wait_figures_after(page, version)
            assert page.locator("#edits li").first.inner_text().startswith("AFG_TALIBAN: bias")
            lo, md, hi = (float(page.locator(f"[data-testid='med-bias'] input[data-part='{k}']")
                                .input_value()) for k in ("low", "mode", "high"))
            assert lo <= md <= hi and md < 0.3
            page.click("#rerun")
            page.wait_for_function("document.querySelector('#status').textContent.includes('re-run in')")
            page.click("nav button[data-tab='explore']")
            page.wait_for_function("document.querySelector('#fig-survival svg.main-svg') !== null")
            assert _survival(page) != before
            # 3. compare the variant with the baseline
            page.click("nav button[data-tab='compare']")
            page.click("#compare-run")
            table = page.locator("table[data-variant='lean-to-state']")
            table.wait_for(timeout=90_000)
            assert "AFG_TALIBAN: bias" in table.inner_text()
            # 4. save, and confirm before overwriting
            page.click("nav button[data-tab='save']")
            page.fill("#save-path", "lean-to-state.yaml")
            page.click("#save")
            page.wait_for_function("document.querySelector('#save-status').textContent.startsWith('saved')")
            assert (workspace / "lean-to-state.yaml").exists()
            page.click("#save")
            page.locator("#overwrite").click()
            page.wait_for_function("document.querySelector('#save-status').textContent.startsWith('saved')")
            # 5. evidence in: code an article, accept one event, add it
            page.click("nav button[data-tab='evidence']")
            page.fill("#art-title", "Bannu attack")
            page.fill("#art-text", ARTICLE)
            page.click("#code")
            page.locator(".proposal").first.wait_for()
            page.locator(".proposal button.acc").first.click()
            page.click("#accept")
            page.wait_for_function(
                "document.querySelector('#evidence-status').textContent.startsWith('added 1 event')",
                timeout=60_000)
            page.click("nav button[data-tab='explore']")
            assert "Bannu" in page.locator("#events").inner_text()
            shot = os.environ.get("JIRGA_WORKBENCH_SCREENSHOT")
            if shot:
                page.evaluate("window.scrollTo(0, 0)")
                page.screenshot(path=shot, clip={"x": 0, "y": 0, "width": 1400, "height": 1000})
        finally:
            browser.close()
    assert errors == []
