"""The text coder: the seed article against its reference, and sentences written for these
tests in other phrasings (passive voice, titles before names, dates before and after the
verb, two events in one sentence, relative dates)."""

from __future__ import annotations

import datetime as dt

import pytest

from jirga.events.coder import extract_events, read_reference, score
from jirga.events.coder.dates import find_dates
from jirga.events.coder.extract import Extractor
from jirga.events.coder.score import date_agrees
from jirga.events.coder.text import split_article, split_sentences
from tests.events.conftest import SEED, SEED_EVENTS


def test_seed_article_meets_targets() -> None:
    events = extract_events(SEED.read_text(encoding="utf-8"))
    result = score(events, read_reference(SEED_EVENTS))
    assert result.recall >= 0.9, result.summary()
    assert result.precision >= 0.8, result.summary()


def test_seed_details() -> None:
    events = extract_events(SEED.read_text(encoding="utf-8"))
    by_date = {(e.date.text, e.source): e for e in events}
    visit = by_date[("2022-11-30", "PAK_GOV")]
    assert visit.targets == ["AFG_TALIBAN"] and visit.location == "Kabul"
    assert visit.footnotes == [2] and "Bakhtarnews" in visit.references[0]
    kabul = by_date[("2022-12-17", "TTP")]
    assert kabul.footnotes == [3] and "Tolo News" in kabul.references[0]
    kandahar = by_date[("2022-12-20", "PAK_GOV")]
    assert kandahar.footnotes == [4] and kandahar.location == "Kandahar"
    attack = by_date[("on or before 2022-11-30", "TTP")]
    assert attack.targets == ["PAK_ARMY"] and attack.date.precision == "on_or_before"
    mediation = next(e for e in events if e.cameo == "045")
    assert mediation.source == "AFG_TALIBAN" and mediation.targets == ["PAK_GOV", "TTP"]
    # the TTP is never confused with the Afghan Taliban
    assert not any(e.source == "AFG_TALIBAN" and e.cameo.startswith(("18", "19")) for e in events)


# (text, published, expected events as (date, source, targets, CAMEO root))
SENTENCES = [
    ("Four policemen were killed by TTP militants in Lakki Marwat on 14 February 2023.", None,
     [("2023-02-14", "TTP", "PAKCOP", "19")]),  # police are not the army
    ("A month-long ceasefire was announced on 9 November 2021 between the government and "
     "the TTP.", None, [("2021-11-09", "PAK_GOV", "TTP", "08")]),
    ("Foreign Minister Bilawal Bhutto Zardari met Chinese Foreign Minister Wang Yi in Beijing "
     "on 5 May 2023.", None, [("2023-05-05", "PAK_GOV", "CHINA", "04")]),
    ("On 28 November 2022, the TTP ended the ceasefire with the government.", None,
     [("2022-11-28", "TTP", "PAK_GOV", "19")]),
    ("The TTP ended the ceasefire with the government on 28 November 2022.", None,
     [("2022-11-28", "TTP", "PAK_GOV", "19")]),
    ("On 12 June 2022 Taliban officials hosted a TTP delegation in Kabul, and two days later "
     "Pakistani officials met TTP leaders there.", None,
     [("2022-06-12", "AFG_TALIBAN", "TTP", "04"), ("2022-06-14", "PAK_GOV", "TTP", "04")]),
    ("Pakistani airstrikes hit TTP hideouts in Khost province on 16 April 2022.", None,
     [("2022-04-16", "PAK_ARMY", "TTP", "19")]),
    ("On Tuesday, militants of the Pakistani Taliban attacked a police station in Bannu.",
     dt.date(2023, 2, 3), [("2023-01-31", "TTP", "PAKCOP", "19")]),
    ("In May 2022, the Afghan Taliban mediated talks between Islamabad and the TTP.", None,
     [("2022-05", "AFG_TALIBAN", "PAK_GOV;TTP", "04"), ("2022-05", "PAK_GOV", "TTP", "04")]),
    ("The Pakistani Taliban attacked a checkpoint near Chaman on 3 March 2023, while the Afghan "
     "Taliban condemned the violence.", None, [("2023-03-03", "TTP", "PAK_ARMY", "19")]),
    ("On 17.12.2022, the TTP delegation met Taliban officials in Kabul.", None,
     [("2022-12-17", "TTP", "AFG_TALIBAN", "04")]),
    ("The TTP attacked a police convoy in Bannu on 10 March 2023. Three days later, the army "
     "launched an operation against the TTP in North Waziristan.", None,
     [("2023-03-10", "TTP", "PAKCOP", "19"), ("2023-03-13", "PAK_ARMY", "TTP", "19")]),
    ("The government rejected the TTP's demand for the reversal of the merger on 2 August 2022.",
     None, [("2022-08-02", "PAK_GOV", "TTP", "12")]),
    ("The Taliban condemned the Pakistani airstrikes in Khost on April 17, 2022.", None,
     [("2022-04-17", "AFG_TALIBAN", "PAK_ARMY", "11")]),
    ("US Secretary of State Antony Blinken met Pakistani Foreign Minister Bilawal Bhutto Zardari "
     "in Washington on 26 September 2022, and two days later China criticized the meeting.",
     None, [("2022-09-26", "USA", "PAK_GOV", "04"), ("2022-09-28", "CHINA", "USA", "11")]),
    ("On 20 December 2022, TTP militants took hostages at a counter-terrorism centre in Bannu; "
     "security forces stormed the compound two days later.", None,
     [("2022-12-20", "TTP", "PAK_GOV", "18"), ("2022-12-22", "PAK_ARMY", "TTP", "19")]),
    ("Talks were held on 9 May 2022 between the government of Pakistan and the TTP in Kabul.",
     None, [("2022-05-09", "PAK_GOV", "TTP", "04")]),
    ("Islamabad accused the Taliban government of sheltering TTP fighters on 2 January 2023.",
     None, [("2023-01-02", "PAK_GOV", "AFG_TALIBAN", "11")]),
    ("Qatar hosted talks between the Taliban and the United States on 12 September 2020.", None,
     [("2020-09-12", "QAT", "AFG_TALIBAN;USA", "04"),
      ("2020-09-12", "AFG_TALIBAN", "USA", "04")]),  # the mediation and the talks it hosted
    ("Pakistani officials talked to TTP leaders on 2 June 2022.", None,
     [("2022-06-02", "PAK_GOV", "TTP", "04")]),
    ("The government offered talks to the TTP on 1 October 2021.", None,
     [("2021-10-01", "PAK_GOV", "TTP", "03")]),
    ("Afghan forces fired rockets at Pakistani border posts on 15 December 2022.", None,
     [("2022-12-15", "AFG", "PAK_ARMY", "19")]),
    ("The jirga called for talks between the government and the TTP on 5 May 2022.", None,
     [("2022-05-05", "TRIBAL_JIRGA", "PAK_GOV;TTP", "02")]),
    # no event: negated/modal, undated, or no known actor
    ("Pakistan's interior minister said on 3 January 2023 that the government would not "
     "negotiate with the TTP.", None, []),
    ("The TTP has long opposed the merger of the tribal areas.", None, []),
    ("Chinese engineers were attacked by an unknown bomber in Dasu on 14 July 2021.", None, []),
]


@pytest.mark.parametrize(("text", "published", "expected"), SENTENCES,
                         ids=[s[0][:40] for s in SENTENCES])
def test_sentences_in_other_phrasings(text, published, expected) -> None:
    got = {(e.date.text, e.source, e.target, e.cameo[:2])
           for e in extract_events(text, published=published)}
    assert got == set(expected)


def test_date_expressions() -> None:
    pub = dt.date(2022, 12, 22)  # a Thursday

    def one(text, anchor=None):
        found = find_dates(text, anchor, pub)
        return [(d.date.text, d.date.precision) for d in found]

    assert one("on December 17, 2022") == [("2022-12-17", "day")]
    assert one("on 30 November 2022") == [("2022-11-30", "day")]
    assert one("on 17.12.2022") == [("2022-12-17", "day")]
    assert one("in May 2022") == [("2022-05", "month")]
    assert one("since November 2022") == [("2022-11", "month")]  # when it started
    assert one("after May 2022") == [("on or after 2022-05", "on_or_after")]
    assert one("by March 2023") == [("on or before 2023-03", "on_or_before")]
    assert one("founded in 2007") == [("2007", "year")]
    assert one("on Tuesday") == [("2022-12-20", "day")]
    assert one("yesterday") == [("2022-12-21", "day")]
    assert one("last month") == [("2022-11", "month")]
    anchor = find_dates("on 1 March 2023", None, None)[0].date
    assert one("three days later", anchor) == [("2023-03-04", "day")]
    assert one("the next day", anchor) == [("2023-03-02", "day")]
    assert one("between 5 and 7 May 2022") == [("2022-05-05/2022-05-07", "range")]
    assert one("in the summer of 2022") == [("2022-06-01/2022-08-31", "range")]
    assert one("at the end of 2022") == [("2022", "year")]
    assert one("on the 17th of December 2022") == [("2022-12-17", "day")]
    assert one("on 31 February 2022") == []  # not a day
    assert one("troops may march on") == []  # 'may', 'march' are not months here


def test_date_agreement_rules() -> None:
    d = find_dates("on 30 November 2022", None, None)[0].date
    assert date_agrees(d, "2022-11-30", "day")
    assert date_agrees(d, "2022-11", "month")
    assert date_agrees(d, "2022-11-30", "on_or_before")
    assert not date_agrees(d, "2022-11-29", "on_or_before")
    m = find_dates("in December 2022", None, None)[0].date
    assert date_agrees(m, "2022-12", "month") and not date_agrees(m, "2022-12-01", "day")


def test_article_structure() -> None:
    text = ("A title\n\nFirst sentence here. Dr. Khan said so on 3 May 2022.[1] Another one.\n\n"
            "[1] Dawn, https://dawn.com/a, (Date of Accession: 22.12.2022).\n")
    art = split_article(text)
    assert art.title == "A title"
    assert art.references[1].url == "https://dawn.com/a"
    sents = split_sentences(art.paragraphs[0])
    assert sents == ["First sentence here.", "Dr. Khan said so on 3 May 2022.[1]",
                     "Another one."]


def test_case_aliases_are_used(builtin_case) -> None:
    text = "On 2 January 2023 the Islamic Emirate hosted a TTP delegation in Kabul."
    events = extract_events(text, case=builtin_case)
    assert [(e.source, e.target) for e in events] == [("AFG_TALIBAN", "TTP")]


NEWS = """TTP militants kill four policemen in Lakki Marwat

PESHAWAR: Militants of the banned Tehreek-e-Taliban Pakistan (TTP) attacked a police station in \
Lakki Marwat district on Sunday night, killing four policemen, officials said.

The attack came a day after the TTP announced an end to its ceasefire with the government, which \
had been in place since June.

Interior Minister Rana Sanaullah condemned the attack and vowed to eliminate the militants.

On Monday, security forces launched an operation in the area and killed three militants, the \
ISPR said.

Talks between the government and the TTP, mediated by the Afghan Taliban, had been held in Kabul \
in May and June.
"""


def test_news_article_with_publication_date() -> None:
    events = extract_events(NEWS, published=dt.date(2022, 11, 29))  # a Tuesday
    got = {(e.date.text, e.source, e.target, e.cameo[:2]) for e in events}
    assert got == {
        ("2022-11-27", "TTP", "PAKCOP", "19"),  # "on Sunday"; police, not the army
        ("2022-11-26", "TTP", "PAK_GOV", "19"),  # "came a day after the TTP announced …"
        ("2022-11-28", "PAK_ARMY", "TTP", "19"),  # "On Monday", militants → the TTP
        ("2022-05", "PAK_GOV", "TTP", "04"),  # "in May" of the story's year
        ("2022-05", "AFG_TALIBAN", "PAK_GOV;TTP", "04"),
        # a past act the text gives no date for: the publication date, and it says so
        ("2022-11-29", "PAK_GOV", "TTP", "11"),
        ("2022-11-29", "PAK_GOV", "TTP", "13"),
    }
    assert next(e for e in events if e.date.text == "2022-11-27").location == \
        "Lakki Marwat district"
    condemn = [e for e in events if e.cameo == "111"]
    assert condemn[0].date_text == "publication date" and condemn[0].targets == ["TTP"]
    strict = Extractor()
    strict.fallback_dates = False
    undated = strict.extract(NEWS, published=dt.date(2022, 11, 29), include_undated=True)
    condemn = [e for e in undated if e.cameo == "111"]
    assert condemn and condemn[0].date is None and condemn[0].targets == ["TTP"]


NEWS2 = """Pakistan vows to crush TTP after wave of attacks

ISLAMABAD: Pakistan's National Security Committee on Monday vowed to eliminate the TTP, days \
after the group claimed a suicide bombing in Islamabad.

The banned outfit had unilaterally called off the truce on November 28, 2022, accusing the army \
of continuing operations against its fighters.

Since then, the TTP has carried out more than 100 attacks, most of them in Khyber Pakhtunkhwa, \
according to officials.

On December 18, militants seized a counter-terrorism centre in Bannu and took several security \
officials hostage. Two days later, special forces stormed the facility, killing 25 militants.

Foreign Minister Bilawal Bhutto Zardari warned the Taliban on December 25 that Pakistan would \
act if the interim government in Kabul failed to rein in the group.
"""


def test_news_article_anaphora_and_relative_dates() -> None:
    events = extract_events(NEWS2, published=dt.date(2023, 1, 10))
    got = {(e.date.text, e.source, e.target, e.cameo[:2]) for e in events}
    assert got == {
        ("2023-01-09", "PAK_GOV", "TTP", "13"),  # "on Monday … vowed to eliminate"
        ("on or before 2023-01-09", "TTP", "PAK_GOV", "18"),  # "days after the group claimed"
        ("2022-11-28", "TTP", "PAK_GOV", "19"),  # "the banned outfit … called off the truce"
        ("2022-11-28", "TTP", "PAK_ARMY", "11"),  # "accusing the army"
        ("on or after 2022-11-28", "TTP", "PAK_GOV", "19"),  # "Since then … attacks"
        ("2022-12-18", "TTP", "PAK_ARMY", "18"),  # month and day, year from the story
        ("2022-12-20", "PAK_ARMY", "TTP", "19"),  # "Two days later, special forces stormed"
        ("2022-12-25", "PAK_GOV", "AFG_TALIBAN", "13"),
    }


ANALYSIS = """The long road to talks with the TTP

In October 2021, Prime Minister Imran Khan revealed that his government was in talks with some \
TTP groups. On 9 November 2021, the government and the TTP agreed to a month-long ceasefire, \
brokered by the Afghan Taliban. The TTP refused to extend the ceasefire on 9 December 2021, \
accusing the government of failing to release prisoners.

In May 2022, a jirga of tribal elders travelled to Kabul to meet TTP leaders. The talks \
collapsed in November 2022, when the TTP ordered its fighters to resume attacks across Pakistan. \
Al Qaeda praised the TTP on 1 December 2022.

Pakistan's army chief General Asim Munir visited Beijing on 23 April 2023 and held talks with \
Chinese leaders. The United States pledged support for Pakistan's fight against terrorism on \
5 May 2023.
"""


def test_analysis_article() -> None:
    got = {(e.date.text, e.source, e.target, e.cameo[:2]) for e in extract_events(ANALYSIS)}
    assert got == {
        ("2021-10", "PAK_GOV", "TTP", "04"),
        ("2021-11-09", "PAK_GOV", "TTP", "08"),
        ("2021-11-09", "AFG_TALIBAN", "PAK_GOV;TTP", "04"),
        ("2021-12-09", "TTP", "PAK_GOV", "12"),
        ("2021-12-09", "TTP", "PAK_GOV", "11"),
        ("2022-05", "TRIBAL_JIRGA", "TTP", "04"),
        ("2022-11", "PAK_GOV", "TTP", "16"),  # "the talks collapsed": the talks' parties
        # "ordered its fighters to resume attacks" is an order, not yet an attack
        ("2022-12-01", "AL_QAEDA", "TTP", "05"),
        ("2023-04-23", "PAK_ARMY", "CHINA", "04"),
        ("2023-05-05", "USA", "PAK_GOV", "03"),
    }


BACKGROUND = """Background: Pakistan's war with the TTP

The TTP was founded in 2007 by Baitullah Mehsud, who was killed in a US drone strike in South \
Waziristan in August 2009. In June 2014, the army launched Operation Zarb-e-Azb in North \
Waziristan, pushing many TTP fighters into Afghanistan.

On 16 December 2014, TTP gunmen attacked the Army Public School in Peshawar, killing more than \
140 people, most of them children. The government responded by lifting a moratorium on the death \
penalty. In 2018, the TTP chose Noor Wali Mehsud as its leader.

India and Pakistan exchanged fire along the Line of Control on 14 February 2019. Iran closed its \
border with Pakistan in March 2020 because of the pandemic. The Taliban took control of Kabul on \
15 August 2021, and Pakistan welcomed the change.
"""


def test_background_article() -> None:
    got = {(e.date.text, e.source, e.target, e.cameo) for e in extract_events(BACKGROUND)}
    assert got == {
        ("2009-08", "USA", "TTP", "195"),  # the drone strike's code, not the generic 'killed'
        ("2014-06", "PAK_ARMY", "TTP", "190"),  # a state's forces at home: the armed group
        ("2014-12-16", "TTP", "PAK_CIVILIANS", "180"),  # "Army Public School" is no army post
        ("2019-02-14", "IND", "PAK_GOV", "193"),  # "A and B exchanged fire"
        ("2020-03", "IRN", "PAK_GOV", "191"),
        ("2021-08-15", "AFG_TALIBAN", "AFG", "192"),
    }


def test_case_without_an_actor_does_not_misattribute(builtin_case) -> None:
    """India is not in the built-in case: its clash with Pakistan is no case event, and
    Pakistan is not made to act alone."""
    text = "India and Pakistan exchanged fire along the Line of Control on 14 February 2019."
    assert [(e.source, e.target) for e in extract_events(text)] == [("IND", "PAK_GOV")]
    assert extract_events(text, case=builtin_case) == []


def test_shared_nouns_same_day_and_ambiguous_killers() -> None:
    text = ("The Taliban warned Pakistan against any cross-border raids on 6 January 2023. "
            "Later that week, Pakistani and Afghan border forces clashed at Torkham, killing two "
            "civilians. Pakistan's Defence Minister said on 7 January that Islamabad could strike "
            "TTP hideouts inside Afghanistan.")
    got = {(e.date.text, e.source, e.target, e.cameo) for e in extract_events(text)}
    assert got == {
        ("2023-01-06", "AFG_TALIBAN", "PAK_GOV", "130"),
        ("on or after 2023-01-06", "PAK_ARMY", "AFG", "190"),  # two nationalities, one noun
    }  # the civilians' killer is not said; "could strike" is not an event


def test_publication_date_read_from_the_article() -> None:
    text = ("Militants attack police post\n\nPublished: 29 November 2022\n\n"
            "TTP militants attacked a police post in Bannu on Sunday.")
    events = extract_events(text)
    assert [(e.date.text, e.source, e.target) for e in events] == [
        ("2022-11-27", "TTP", "PAKCOP")]
    # an explicit --published wins
    events = extract_events(text, published=dt.date(2022, 12, 6))
    assert events[0].date.text == "2022-12-04"


COMMENTARY = """Pakistan's Dilemma: Negotiating with the TTP

The Pakistani government's decision to negotiate with Tehreek-e-Taliban Pakistan (TTP) has been \
controversial from the start. In October 2021, Prime Minister Imran Khan told a Turkish \
broadcaster that his government was talking to some TTP factions with the help of the Afghan \
Taliban.[1]

A month-long ceasefire was announced on 9 November 2021. However, the TTP refused to extend it \
and resumed attacks in December 2021, accusing Islamabad of violating the agreed terms.[2] In \
May 2022, a 50-member jirga of tribal elders led by Barrister Mohammad Ali Saif travelled to \
Kabul for talks with the TTP leadership. The two sides agreed to an indefinite ceasefire on \
2 June 2022.[3]

The Pakistani military has repeatedly stated that it will not accept the TTP's demand to reverse \
the merger of the Federally Administered Tribal Areas (FATA) with Khyber Pakhtunkhwa. On \
28 November 2022, the TTP called off the ceasefire and ordered its fighters to carry out attacks \
across the country.[4] Two days later, a suicide bomber targeted a police truck in Quetta, \
killing four people.

[1] "Imran Khan says government in talks with TTP", Dawn, 2 October 2021.
[2] "TTP ends ceasefire", Express Tribune, 10 December 2021.
[3] "Govt, TTP agree to indefinite ceasefire", Geo News, 3 June 2022.
[4] "TTP calls off ceasefire", Reuters, 28 November 2022.
"""


def test_commentary_with_footnotes() -> None:
    events = extract_events(COMMENTARY)
    got = {(e.date.text, e.source, e.target, e.cameo, tuple(e.footnotes)) for e in events}
    assert got == {
        ("2021-10", "PAK_GOV", "TTP", "040", (1,)),  # "was talking to" is not a passive
        ("2021-10", "AFG_TALIBAN", "PAK_GOV;TTP", "045", (1,)),  # "with the help of"
        ("2021-11-09", "PAK_GOV", "TTP", "0871", ()),  # no parties named: the talks' parties
        ("2021-12", "TTP", "PAK_GOV", "1246", (2,)),  # "refused to extend it"
        ("2021-12", "TTP", "PAK_GOV", "190", (2,)),  # "resumed attacks": the state it fights
        ("2021-12", "TTP", "PAK_GOV", "112", (2,)),
        ("2022-05", "TRIBAL_JIRGA", "TTP", "046", ()),  # "travelled to Kabul for talks with"
        ("2022-06-02", "PAK_GOV", "TTP", "0871", (3,)),  # "the two sides"
        ("2022-11-28", "TTP", "PAK_GOV", "196", (4,)),  # ordering attacks is no attack yet
        ("2022-11-30", "TTP", "PAKCOP", "1831", ()),  # one act, not two: "…, killing four"
    }
    assert events[0].references[0].startswith('"Imran Khan says government in talks')
