"""One test for each failure listed in issue 11 ("Examples of what is missed") and for the
coder inputs of issue 14 (/dev/zero, a directory, UTF-16, a large file, an existing --out)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jirga.cli import main
from jirga.events.coder import extract_events
from jirga.events.coder.extract import Extractor
from tests.conftest import REFDATA

COLOMBIA = REFDATA / "articles" / "world" / "colombia.case.yaml"
PAKISTAN = REFDATA / "articles" / "pakistan" / "case.yaml"


@pytest.fixture(scope="module")
def colombia():
    from jirga.case.io import load_case

    return load_case(COLOMBIA)


@pytest.fixture(scope="module")
def pakistan():
    from jirga.case.io import load_case

    return load_case(PAKISTAN)


def rows(text, case=None, published=None):
    return [(e.date.text if e.date else None, e.source, e.target, e.cameo)
            for e in extract_events(text, case, published)]


def test_ceasefire_extension_on_the_weekday_of_publication(pakistan) -> None:
    # published Wednesday 1 June 2022: "on Wednesday" is that day
    got = rows("The TTP extended the ceasefire on Wednesday, a spokesman said.", pakistan,
               dt.date(2022, 6, 1))
    assert ("2022-06-01", "TTP", "PAK_GOV", "0871") in got


def test_talks_on_two_days_of_a_month(pakistan) -> None:
    got = rows("The jirga held talks with the TTP on May 13 and 14.", pakistan,
               dt.date(2022, 6, 4))
    assert got and got[0][0] == "2022-05-13/2022-05-14" and got[0][3].startswith("04")


@pytest.mark.parametrize("with_case", [True, False])
def test_farc_ceasefire_and_attack_with_or_without_a_case(colombia, with_case: bool) -> None:
    case = colombia if with_case else None
    gov, army = ("COL_GOV", "COL_ARMY") if with_case else ("COLGOV", "COLMIL")
    assert rows("The FARC declared a ceasefire on 20 December 2014.", case) == [
        ("2014-12-20", "FARC", gov, "0871")]
    got = extract_events("On 3 May 2015, FARC rebels killed 11 soldiers in Cauca.", case)
    assert [(e.source, e.target, e.cameo[:2], e.deaths) for e in got] == [
        ("FARC", army, "19", 11)]


def test_army_bombing_is_an_air_strike(colombia) -> None:
    got = rows("On 2 March 2015, Colombia's army bombed a FARC camp.", colombia)
    assert got == [("2015-03-02", "COL_ARMY", "FARC", "195")]


def test_byline_gives_the_publication_date() -> None:
    ex = Extractor()
    events = ex.extract("Thursday, June 2, 2022\n\nThe TTP attacked a police post on Tuesday.")
    assert ex.last_published == dt.date(2022, 6, 2) and ex.last_published_from == "dateline"
    assert [e.date.text for e in events] == ["2022-05-31"]


def test_last_week_without_published_is_not_after_the_article() -> None:
    text = "Thursday, June 2, 2022\n\nLast week, militants attacked a police station in Bannu."
    (e,) = extract_events(text)
    assert e.date.latest < dt.date(2022, 6, 2)
    assert e.date.text == "2022-05-23/2022-05-29"


def test_toll_kept_and_police_are_not_the_army() -> None:
    (e,) = extract_events("On 4 May 2022, militants attacked a police station in Bannu, "
                          "killing three policemen.")
    assert e.deaths == 3 and e.target == "PAKCOP" and e.source == "PAKREB"


def test_police_map_to_the_case_police(pakistan) -> None:
    (e,) = extract_events("On 4 May 2022, the TTP attacked a police station in Bannu.", pakistan)
    assert e.target == "PAK_POLICE"


def test_text_after_a_reference_list_is_read() -> None:
    text = ("The TTP attacked a checkpoint on 3 March 2023.[1]\n\n"
            "[1] Dawn, 3 March 2023.\n[2] Geo, 4 March 2023.\n\n"
            "Pakistani airstrikes hit TTP hideouts on 5 March 2023.\n")
    got = rows(text)
    assert [g[0] for g in got] == ["2023-03-03", "2023-03-05"]


def test_several_articles_in_one_file_each_with_its_date() -> None:
    text = ("DATE: 2022-06-01\nTITLE: one\n\nThe TTP attacked a checkpoint on Monday.\n\n"
            "DATE: 2023-03-08\nTITLE: two\n\nPakistani troops attacked the TTP on Monday.\n")
    ex = Extractor()
    got = [(e.id, e.date.text) for e in ex.extract(text)]
    assert got == [("E001", "2022-05-30"), ("E002", "2023-03-06")]


@pytest.mark.parametrize(("text", "needle"), [
    ("پاکستان اور تحریک طالبان کے درمیان مذاکرات کا نیا دور کابل میں شروع ہو گیا ہے۔", "Arabic"),
    ("Правительство Пакистана и движение Талибан начали переговоры в Кабуле.", "Cyrillic"),
    ("El gobierno de Colombia y el ELN acordaron un cese al fuego bilateral que fue anunciado "
     "por los negociadores en La Habana para las fiestas de fin de año con las comunidades.",
     "Spanish"),
])
def test_non_english_text_gets_a_warning(tmp_path: Path, capsys, text: str, needle: str) -> None:
    p = tmp_path / "a.txt"
    p.write_text(text, encoding="utf-8")
    assert main(["extract", str(p)]) == 0
    assert needle in capsys.readouterr().err


def test_english_text_gets_no_warning() -> None:
    from jirga.events.coder.reading import language_warning

    assert language_warning("The TTP attacked a police post in Bannu on Sunday, officials said "
                            "in a statement to the press.") is None


def test_publication_date_source_is_reported(tmp_path: Path, capsys) -> None:
    p = tmp_path / "a.txt"
    p.write_text("DATE: 2022-06-01\nTITLE: t\n\nThe TTP attacked a checkpoint on Monday.\n")
    assert main(["extract", str(p), "--format", "csv"]) == 0
    out = capsys.readouterr()
    assert "2022-05-30" in out.out and "from DATE: header" in out.err


def test_unresolved_dates_are_listed_with_the_reason(tmp_path: Path, capsys) -> None:
    p = tmp_path / "a.txt"
    p.write_text("The TTP attacked a checkpoint in Bannu.\n")
    assert main(["extract", str(p)]) == 0
    assert "undated:" in capsys.readouterr().err


# ---- issue 14: coder inputs

@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_dev_zero_is_refused_without_reading_it_all(capsys) -> None:
    assert main(["extract", "/dev/zero", "--max-mb", "1"]) == 2
    assert "limit" in capsys.readouterr().err


def test_a_directory_is_refused(tmp_path: Path, capsys) -> None:
    assert main(["extract", str(tmp_path)]) == 2
    assert "directory" in capsys.readouterr().err


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_text_is_read(tmp_path: Path, capsys, encoding: str) -> None:
    p = tmp_path / "a.txt"
    p.write_text("On 3 March 2023, the TTP attacked a police checkpoint in Bannu district.",
                 encoding=encoding)
    assert main(["extract", str(p), "--format", "csv"]) == 0
    out = capsys.readouterr()
    assert "binary" not in out.err and "2023-03-03" in out.out


def test_a_file_over_the_limit_is_refused_before_work(tmp_path: Path, capsys) -> None:
    p = tmp_path / "big.txt"
    p.write_text("The TTP attacked a checkpoint on 3 March 2023. " * 30000)
    assert main(["extract", str(p), "--max-mb", "1"]) == 2
    assert "limit" in capsys.readouterr().err


def test_a_large_text_reports_progress() -> None:
    seen: list[int] = []
    text = "The TTP attacked a checkpoint in Bannu on 3 March 2023. " * 4500
    Extractor().extract(text, progress=seen.append)
    assert seen and seen[-1] >= 4000


def test_an_existing_out_file_is_refused_before_the_work(tmp_path: Path, capsys,
                                                         monkeypatch) -> None:
    out = tmp_path / "events.csv"
    out.write_text("keep me")
    article = tmp_path / "a.txt"
    article.write_text("The TTP attacked a checkpoint on 3 March 2023.")

    def boom(*_a, **_k):  # the analysis must not start
        raise AssertionError("extraction ran before --out was checked")

    monkeypatch.setattr(Extractor, "extract", boom)
    assert main(["extract", str(article), "--out", str(out)]) == 2
    assert "already exists" in capsys.readouterr().err and out.read_text() == "keep me"


def test_out_is_written_when_new(tmp_path: Path, capsys) -> None:
    out = tmp_path / "events.csv"
    article = tmp_path / "a.txt"
    article.write_text("The TTP attacked a checkpoint on 3 March 2023.")
    assert main(["extract", str(article), "--out", str(out), "--format", "csv"]) == 0
    assert "2023-03-03" in out.read_text()


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=600))
def test_any_bytes_decode_or_fail_cleanly(data: bytes) -> None:
    from jirga.errors import InputError
    from jirga.events.coder.reading import decode, language_warning

    try:
        text = decode(data, Path("x.txt"))
    except InputError as exc:
        assert exc.problems
        return
    language_warning(text)
    Extractor().extract(text, include_undated=True)


def test_yaml_output_has_one_source_per_event(tmp_path: Path, capsys) -> None:
    import yaml

    p = tmp_path / "a.txt"
    p.write_text("DATE: 2023-05-21\nTITLE: t\n\nBoth sides agreed to a seven-day ceasefire "
                 "brokered by the United States and Saudi Arabia on Saturday.\n")
    case = REFDATA / "articles" / "world" / "sudan.case.yaml"
    assert main(["extract", str(p), "--case", str(case), "--format", "yaml"]) == 0
    doc = yaml.safe_load(capsys.readouterr().out)
    assert all(";" not in e["source"] for e in doc["events"])
    assert {e["source"] for e in doc["events"] if e["cameo"] == "045"} == {"USA", "SAU"}


def test_page_time_lines_are_not_story_dates() -> None:
    text = ("DATE: 2013-12-31\nTITLE: t\n\nDecember 31, 2013 / 2:25 PM / 4 years ago\n\n"
            "The TTP attacked a checkpoint in Bannu.\n")
    (e,) = extract_events(text)
    assert e.date.text == "2013-12-31"  # the publication date, not "4 years ago"
