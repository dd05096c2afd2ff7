"""Actor names → ids: the built-in dictionary and a case's aliases."""

from __future__ import annotations

import pytest

from jirga.events.actors import ActorDictionary


@pytest.mark.parametrize(("name", "expected"), [
    ("TTP: Tehreek-i-Taliban Pakistan", "TTP"),
    ("Tehrik-e-Taliban Pakistan", "TTP"),
    ("Pakistani Taliban", "TTP"),
    ("Taliban", "AFG_TALIBAN"),
    ("Afghan Taliban", "AFG_TALIBAN"),
    ("Islamic Emirate of Afghanistan", "AFG_TALIBAN"),
    ("Military Forces of Pakistan (2013-2018)", "PAK_ARMY"),
    ("Police Forces of Pakistan (2013-)", "PAK_ARMY"),
    ("Government of Pakistan", "PAK_GOV"),
    ("Civilians (Pakistan)", "PAK_CIVILIANS"),
    ("Government of United States of America", "USA"),
    ("Protesters (Pakistan)", None),  # the country only qualifies
    ("Unidentified Armed Group (Pakistan)", None),
    ("Jamaat-ul-Ahrar", None),  # a splinter is not the TTP
    ("", None),
])
def test_builtin_resolve(name: str, expected: str | None) -> None:
    assert ActorDictionary.builtin().resolve(name) == expected


def test_mentions_in_text_longest_wins() -> None:
    d = ActorDictionary.builtin()
    text = ("Pakistani Deputy Foreign Minister Hina Rabbani Khar met the Taliban Foreign "
            "Minister; the Pakistani Taliban and US officials were not there.")
    got = [(m.text, m.actor_id) for m in d.finditer(text)]
    assert got == [("Pakistani Deputy Foreign Minister", "PAK_GOV"),
                   ("Hina Rabbani Khar", "PAK_GOV"), ("Taliban", "AFG_TALIBAN"),
                   ("Pakistani Taliban", "TTP"), ("US officials", "USA")]
    # acronyms are case-sensitive: "us" is a pronoun
    assert [m.actor_id for m in d.finditer("they told us")] == []


def test_case_dictionary(builtin_case) -> None:
    d = ActorDictionary.for_case(builtin_case)
    ids = {a.id for a in builtin_case.actors}
    assert d.resolve("Islamic Emirate") == "AFG_TALIBAN"
    assert d.resolve("India") is None  # built-in, but not an actor of this case
    assert all(m.actor_id in ids or m.actor_id.startswith("?")
               for m in d.finditer("India, Iran and the TTP met the Taliban in Kabul"))
    assert d.kind_of("TTP") == "armed_group"
