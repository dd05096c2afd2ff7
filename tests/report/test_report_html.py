"""The report holds its sections, escapes case text and works offline."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from jirga.case.io import parse_case
from jirga.cli import main
from jirga.report.build import render_report, write_report
from tests.analysed import analysed


class _Collector(HTMLParser):
    """Collect section ids, headings, plot divs, script sources and links."""

    def __init__(self) -> None:
        super().__init__()
        self.sections: list[str] = []
        self.plots = 0
        self.script_src: list[str] = []
        self.links: list[str] = []
        self.rows = 0
        self._h2 = False
        self.h2: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "section":
            self.sections.append(a.get("id", ""))
        if tag == "div" and a.get("data-jirga-plot"):
            self.plots += 1
        if tag in ("script", "link", "img") and (a.get("src") or a.get("href")):
            self.script_src.append(a.get("src") or a.get("href"))
        if tag == "a" and a.get("href", "").startswith("http"):
            self.links.append(a["href"])
        if tag == "tr":
            self.rows += 1
        self._h2 = tag == "h2"

    def handle_data(self, data):
        if self._h2 and data.strip():
            self.h2.append(data.strip())
            self._h2 = False


@pytest.fixture(scope="module")
def report(builtin_analysis):
    html, sections = render_report(builtin_analysis)
    parser = _Collector()
    parser.feed(html)
    return html, sections, parser


def test_sections_present(report):
    _, _, p = report
    for sid in ("overview", "actors", "network", "positions", "agreements", "sources"):
        assert sid in p.sections
    assert p.h2[0] == "At a glance"


def test_first_screen_has_case_and_headlines(report, builtin_case):
    html, sections, _ = report
    overview = html.split('id="overview"')[1].split("</section>")[0]
    assert "Headline findings" in overview
    assert "Afghan Taliban" in overview
    assert "181–211 days" in overview  # the 2022 truce, with its uncertain start


def test_charts_and_sources(report, builtin_case):
    html, sections, p = report
    # capability + network + one per issue + timeline (+ the spatial model's two)
    spatial = 2 if any(s.id == "spatial" for s in sections) else 0
    # the bargaining model: a round-by-round chart and a forecast distribution per issue
    bargaining = 2 * len(builtin_case.issues) if any(s.id == "bargaining" for s in sections) else 0
    # the ceasefire model: survival, strength, who breaks it, counterfactuals, back-test
    ceasefire = 5 if any(s.id == "ceasefire" for s in sections) else 0
    # the weekly tension index between the principals
    tension = 1 if any(s.id == "tension" for s in sections) else 0
    assert p.plots == 3 + len(builtin_case.issues) + spatial + bargaining + ceasefire + tension
    assert p.script_src == []  # nothing loaded from elsewhere: offline
    urls = {s.url for s in builtin_case.sources if s.url}
    assert urls <= set(p.links)
    for e in builtin_case.events:
        assert e.description.split()[1] in html


def test_case_text_is_escaped(tmp_path):
    from tests.case.test_case_errors import GOOD

    evil = GOOD.replace("name: State A", 'name: "<script>alert(1)</script>"').replace(
        "summary: A small valid case.", 'summary: "<img src=x onerror=alert(2)>"')
    case = parse_case(evil, "evil.yaml")
    html, _ = render_report(analysed(case))
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html
    assert "<img src=x" not in html


def test_write_is_atomic_and_cli_runs(tmp_path, capsys):
    out = tmp_path / "rep"
    assert main(["run", "--out", str(out), "--budget", "quick"]) == 0
    files = sorted(x.name for x in out.iterdir())
    assert files == ["index.html"]
    assert "Headline" not in capsys.readouterr().err
    assert (out / "index.html").stat().st_mode & 0o044  # readable by others


def test_run_on_bad_case_leaves_no_report(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\n")
    out = tmp_path / "rep"
    assert main(["run", str(bad), "--out", str(out)]) == 2
    assert not out.exists()


def test_write_report_timing(builtin_analysis, tmp_path):
    result = write_report(builtin_analysis, tmp_path)
    assert result.path.exists() and result.sections


def test_out_is_a_file_gives_clear_error(tmp_path, capsys):
    blocker = tmp_path / "afile"
    blocker.write_text("x")
    assert main(["run", "--out", str(blocker / "sub"), "--budget", "quick"]) == 2
    err = capsys.readouterr().err
    assert "--out" in err and "Traceback" not in err
