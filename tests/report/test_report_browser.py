"""Open the report in real headless Chromium: every chart draws, the console stays clean."""

from __future__ import annotations

import shutil

import pytest

from jirga.report.build import write_report

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="module")
def report_path(builtin_analysis, tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    return write_report(builtin_analysis, out).path


def test_report_renders_in_chromium(report_path):
    from playwright.sync_api import sync_playwright

    if not shutil.which("chromium"):
        pytest.fail("chromium is not installed; scripts/test.sh installs Debian's chromium")
    errors: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync"],
        )
        try:
            page = browser.new_page()
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.on("request", lambda r: errors.append(f"network request: {r.url}")
                    if not r.url.startswith(("file:", "data:", "blob:")) else None)
            page.goto(report_path.as_uri())
            page.wait_for_function(
                "document.querySelectorAll('[data-jirga-plot]').length > 0 && "
                "[...document.querySelectorAll('[data-jirga-plot]')]"
                ".every(d => d.querySelector('svg.main-svg'))",
                timeout=30_000,
            )
            n_plots = page.locator("[data-jirga-plot]").count()
            drawn = page.evaluate(
                "[...document.querySelectorAll('[data-jirga-plot]')]"
                ".filter(d => d.querySelectorAll('.plot .scatterlayer .trace, .plot .barlayer .trace')"
                ".length > 0).length"
            )
            assert n_plots >= 5
            assert drawn == n_plots, f"{n_plots - drawn} charts have no data traces"
            assert page.title().startswith("Pakistan–TTP talks")
        finally:
            browser.close()
    assert errors == []
