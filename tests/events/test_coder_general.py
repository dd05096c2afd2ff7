"""General phrasings of conflict and negotiation news, written for these tests (not taken
from any corpus), with the case files of the article corpora for their actor ids."""

from __future__ import annotations

import datetime as dt

import pytest

from jirga.events.coder.extract import Extractor
from tests.conftest import REFDATA

CASES = {"ethiopia": REFDATA / "articles" / "world" / "ethiopia.case.yaml",
         "myanmar": REFDATA / "articles" / "world" / "myanmar.case.yaml",
         "gaza": REFDATA / "articles" / "world" / "gaza.case.yaml",
         "yemen": REFDATA / "articles" / "world" / "yemen.case.yaml",
         "colombia": REFDATA / "articles" / "world" / "colombia.case.yaml",
         "sudan": REFDATA / "articles" / "world" / "sudan.case.yaml",
         "pakistan": REFDATA / "articles" / "pakistan" / "case.yaml"}
PUB = {"ethiopia": dt.date(2022, 10, 5), "myanmar": dt.date(2024, 3, 6),
       "gaza": dt.date(2023, 11, 28), "yemen": dt.date(2022, 6, 2),
       "colombia": dt.date(2023, 2, 14),
       "sudan": dt.date(2023, 5, 21), "pakistan": dt.date(2023, 2, 14)}


@pytest.fixture(scope="module")
def extractors() -> dict:
    from jirga.case.io import load_case

    return {k: Extractor(load_case(p)) for k, p in CASES.items()}


@pytest.mark.parametrize(("case", "text", "expected"), [
    ("ethiopia", "The TPLF said on Tuesday it was ready for a ceasefire.",
     ("2022-10-04", "TPLF", "ETH_GOV", "0356")),
    ("ethiopia", "The African Union invited both sides to peace talks in South Africa.",
     ("2022-10-05", "AU", "ETH_GOV;TPLF", "026")),
    ("ethiopia", "The African Union invited both sides to peace talks on Monday. Abiy Ahmed's "
     "government accepted the invitation on Wednesday.",
     ("2022-10-05", "ETH_GOV", "AU", "038")),  # accepting answers the inviter
    ("myanmar", "The Arakan Army captured the town of Paletwa on Monday.",
     ("2024-03-04", "AA", "MMR_JUNTA", "192")),
    ("myanmar", "The MNDAA agreed to withdraw from Lashio in April.",
     ("2023-04", "MNDAA", "MMR_JUNTA", "0874")),
    ("gaza", "Israel and Hamas agreed on Monday to extend the truce by two days, Qatar said.",
     ("2023-11-27", "ISR", "HAMAS", "0871")),
    ("gaza", "US Secretary of State Antony Blinken arrived in Israel on Thursday.",
     ("2023-11-23", "USA", "ISR", "042")),  # "arrived in": the host is the target
    ("yemen", "The Yemeni government and the Houthis exchanged prisoners on Wednesday.",
     ("2022-06-01", "YEM_GOV", "HOUTHIS", "0841")),
    ("yemen", "Houthi rebels released 14 detainees on Tuesday.",
     ("2022-05-31", "HOUTHIS", "YEM_GOV", "0841")),  # one side's act: at the other side
    ("yemen", "The Houthis rejected the proposal on Wednesday.",
     ("2022-06-01", "HOUTHIS", "YEM_GOV", "120")),
    ("yemen", "On Monday, the Houthis launched a drone attack on Abha airport.",
     ("2022-05-30", "HOUTHIS", "YEM_GOV", "195")),
    ("colombia", "Government and ELN negotiators resumed peace talks in Mexico City on Monday.",
     ("2023-02-13", "ELN", "COL_GOV", "046")),  # Mexico City is a place, not Mexico
    ("colombia", "Petro met ELN commander Antonio Garcia in Havana last week.",
     ("2023-02-06/2023-02-12", "COL_GOV", "ELN", "040")),
    ("colombia", "The talks were suspended in January 2019.",
     ("2019-01", "COL_GOV", "ELN", "164")),  # no parties named: the case's principals
    ("sudan", "The army and the paramilitary RSF agreed to a seven-day ceasefire on Saturday.",
     ("2023-05-20", "SAF", "RSF", "0871")),
    ("sudan", "The RSF seized the town of Nyala on Saturday.",
     ("2023-05-20", "RSF", "SAF", "192")),
    ("sudan", "The African Union called for a ceasefire on Saturday.",
     ("2023-05-20", "AU", "SAF;RSF", "0256")),
    ("sudan", "Saudi Arabia and the United States mediated the talks.",
     ("2023-05-21", "USA", "SAF;RSF", "045")),  # no date: the publication date
    ("pakistan", "A suicide bomber struck a police station in Peshawar on Monday, killing 12 "
     "policemen.", ("2023-02-13", "PAK_MILITANTS", "PAK_POLICE", "1831")),
    ("pakistan", "The Afghan Taliban urged Pakistan and the TTP to resume talks.",
     ("2023-02-14", "AFG_TALIBAN", "PAK_GOV;TTP", "026")),
])
def test_general_phrasings(extractors: dict, case: str, text: str, expected: tuple) -> None:
    got = [(e.date.text if e.date else None, e.source, e.target, e.cameo)
           for e in extractors[case].extract(text, PUB[case])]
    assert expected in got


@pytest.mark.parametrize(("case", "text"), [
    ("colombia", "The ELN denied that it had agreed to a ceasefire."),  # a denial
    ("colombia", "Norway and Cuba will act as guarantors of the talks."),  # future
    ("pakistan", "The United States pledged support for Pakistan's fight against terrorism."),
])
def test_no_event(extractors: dict, case: str, text: str) -> None:
    got = [(e.source, e.target, e.cameo) for e in extractors[case].extract(text, PUB[case])
           if e.cameo[:2] not in ("03", "07")]
    assert got == []


def test_relation_dates_the_earlier_act(extractors: dict) -> None:
    text = ("Pakistani airstrikes hit TTP hideouts on 18 March 2024. The strikes came two days "
            "after insurgents killed seven soldiers in North Waziristan.")
    got = {(e.date.text, e.source, e.cameo[:2]) for e in
           extractors["pakistan"].extract(text, dt.date(2024, 3, 19))}
    assert ("2024-03-16", "PAK_MILITANTS", "19") in got
    assert ("2024-03-18", "PAK_ARMY", "19") in got
