"""Open the report in real headless Chromium: every chart draws, the console stays clean,
the layout fits the screen, exports work offline and the report prints in a few A4 pages."""

from __future__ import annotations

import datetime as dt
import re
import shutil

import pytest

from jirga.report.build import write_report
from jirga.report.figures import plot_date

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update",
               "--disable-sync"]
MAX_BYTES = 2_500_000  # issue 13: the report is at most 2.5 MB
MAX_PAGES = 12  # issue 13: the built-in case prints in at most 12 A4 pages

ALL_DRAWN = ("document.querySelectorAll('[data-jirga-plot]').length > 0 && "
             "[...document.querySelectorAll('[data-jirga-plot]')]"
             ".every(d => d.querySelector('svg.main-svg'))")


@pytest.fixture(scope="module")
def report_path(builtin_analysis, tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    return write_report(builtin_analysis, out).path


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    if not shutil.which("chromium"):
        pytest.fail("chromium is not installed; scripts/test.sh installs Debian's chromium")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def opened(browser, report_path):
    """A 1280×800 page with the report loaded and every chart drawn; collects problems."""
    page = browser.new_page(viewport={"width": 1280, "height": 800}, accept_downloads=True)
    problems: list[str] = []
    # errors, and the report's own warnings (a chart its print layout could not redraw)
    page.on("console", lambda m: problems.append(m.text)
            if m.type == "error" or m.text.startswith("jirga:") else None)
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    page.on("request", lambda r: problems.append(f"network request: {r.url}")
            if not r.url.startswith(("file:", "data:", "blob:")) else None)
    page.goto(report_path.as_uri())
    page.wait_for_function(ALL_DRAWN, timeout=30_000)
    yield page, problems
    page.close()


def test_report_size(report_path):
    assert report_path.stat().st_size <= MAX_BYTES


def test_report_renders_in_chromium(opened):
    page, problems = opened
    n_plots = page.locator("[data-jirga-plot]").count()
    drawn = page.evaluate(
        "[...document.querySelectorAll('[data-jirga-plot]')]"
        ".filter(d => d.querySelectorAll('.plot .scatterlayer .trace, .plot .barlayer .trace')"
        ".length > 0).length"
    )
    assert n_plots >= 5
    assert drawn == n_plots, f"{n_plots - drawn} charts have no data traces"
    assert page.title().startswith("Pakistan–TTP talks")
    assert problems == []


def test_no_horizontal_scroll_and_answer_on_first_screen(opened):
    page, problems = opened
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], f"the page scrolls sideways: {widths[0]} px wide in {widths[1]}"
    nav = page.locator("nav").bounding_box()
    assert nav["width"] <= 1280
    answer = page.locator("#answer").bounding_box()
    assert answer is not None and answer["y"] >= 0
    assert answer["y"] + answer["height"] <= 800, "the answer runs below the first screen"
    assert problems == []


def test_jump_lands_below_the_sticky_nav(opened):
    page, _ = opened
    page.locator("nav a[href='#ceasefire']").click()
    page.wait_for_timeout(300)
    nav_bottom = page.evaluate("document.querySelector('nav').getBoundingClientRect().bottom")
    heading_top = page.evaluate("document.querySelector('#ceasefire h2').getBoundingClientRect().top")
    assert heading_top >= nav_bottom - 1


def test_sections_collapse_and_a_link_opens_them(opened):
    page, _ = opened
    page.locator("#network summary").click()
    assert page.evaluate("document.querySelector('#network details.sec').open") is False
    assert not page.locator("#network figure").is_visible()
    page.locator("nav a[href='#network']").click()
    assert page.evaluate("document.querySelector('#network details.sec').open") is True


def test_timeline_axis_stays_inside_the_case_years(opened, builtin_case):
    page, _ = opened
    xr = page.evaluate("document.querySelector('#agreements [data-jirga-plot]')._fullLayout.xaxis.range")
    lo, hi = (dt.date.fromisoformat(x[:10]) for x in xr)
    days = [plot_date(e.date) for e in builtin_case.events if e.date.precision != "on_or_before"]
    days += [plot_date(a.start) for a in builtin_case.agreements]
    first_year, last_year = min(days).year, max(max(days), builtin_case.analysis.as_of.latest).year
    assert dt.date(first_year, 1, 1) <= lo < hi <= dt.date(last_year, 12, 31), (lo, hi)


def test_chart_and_table_downloads_work_offline(opened):
    page, problems = opened
    # the modebar offers SVG besides plotly's PNG camera
    page.locator("#ceasefire [data-jirga-plot]").first.hover()
    assert page.locator("#ceasefire .modebar-btn[data-title='Download plot as SVG']").count() >= 1
    with page.expect_download() as info:
        page.locator("#ceasefire .export button", has_text="SVG").first.click()
    svg = open(info.value.path(), encoding="utf-8").read()
    assert info.value.suggested_filename.endswith(".svg") and "<svg" in svg[:500]
    with page.expect_download() as info:
        page.locator("#ceasefire .export button", has_text="PNG").first.click()
    assert open(info.value.path(), "rb").read(8) == b"\x89PNG\r\n\x1a\n"
    with page.expect_download() as info:
        page.locator("#agreements .export button", has_text="CSV").first.click()
    assert info.value.suggested_filename == "agreements-1.csv"
    rows = open(info.value.path(), encoding="utf-8-sig").read().splitlines()
    assert rows[0].startswith("Agreement,Kind,Parties")
    assert any("ceasefire" in r.lower() for r in rows[1:])
    n_tables = page.locator("main table").count()
    assert page.locator("main table + .export button", has_text="CSV").count() == n_tables
    assert problems == []


def test_prints_in_a_few_a4_pages(opened):
    page, problems = opened
    page.emulate_media(media="print")
    page.wait_for_function("[...document.querySelectorAll('details.sec')].every(d => d.open)")
    pdf = page.pdf(format="A4")
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    assert 1 <= pages <= MAX_PAGES, f"the report prints on {pages} A4 pages"
    assert problems == []
