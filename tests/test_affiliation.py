"""Whom a person speaks for is rendered by one rule, so the moderator's list, the briefing, the profile and the
roadmap never show the same person differently."""

from __future__ import annotations

from bot.domain.briefing import Names
from bot.jobs.roadmap_data import credit


def test_a_country_is_shown_in_the_readers_language(example_workshop):
    assert example_workshop.affiliation("es", "MX", None, None) == "México"
    assert example_workshop.affiliation("en", "MX", None, None) == "Mexico"


def test_an_organisation_is_shown_by_its_name(example_workshop):
    assert example_workshop.affiliation("en", None, "iom", None) == example_workshop.organisation("iom").name.get("en")
    assert example_workshop.affiliation("es", None, "iom", None) == example_workshop.organisation("iom").name.get("es")


def test_a_typed_affiliation_is_shown_as_typed(example_workshop):
    assert example_workshop.affiliation("en", None, None, "Universidad de Puebla") == "Universidad de Puebla"
    assert example_workshop.affiliation("en", None, None, None) is None


def test_a_country_comes_before_an_organisation_and_an_unknown_id_before_nothing(example_workshop):
    assert example_workshop.affiliation("en", "GT", "iom", "Typed") == "Guatemala"
    iom = example_workshop.organisation("iom").name.get("en")
    assert example_workshop.affiliation("en", None, "iom", "Typed") == iom
    assert example_workshop.affiliation("en", "ZZ", "nobody", "Typed") == "Typed"


def test_every_reader_of_an_affiliation_uses_the_same_rule(example_workshop):
    names = Names(example_workshop, {}, "en")
    member = {"full_name": "Ana Pérez", "country": None, "organisation": "iom", "other_affiliation": None}
    expected = example_workshop.affiliation("en", None, "iom", None)
    assert names.affiliation(None, "iom", None) == expected
    # Named, a person's organisation is its short name, the one its full name ends with (see the acronyms list).
    assert expected.endswith(" (IOM)")
    assert credit(example_workshop, member, "named", "en") == "Ana Pérez (IOM)"
    assert credit(example_workshop, member, "country", "en") == expected
