"""The demo's and the briefing's texts as the secretariat's fifth reading found them (session 8, brief R2): no
delegation objects to a recommendation it sent, the RCM's reserve fund and guiding principles have one name in
every text of an edition, the regional frameworks point to the good practices that describe the same fund or
document instead of describing it again, and a good practice says where it applies in its "where"."""

from __future__ import annotations

import re
import tomllib
from dataclasses import replace
from importlib import resources
from types import SimpleNamespace

import pytest

from bot.domain.workshop_file import EXAMPLE_FILE, load_workshop
from bot.offline.demo import bilingual, phrases
from bot.offline.demo.cast import cast
from bot.offline.demo.script import Demo
from reports.model import Item
from reports.roadmap import build_roadmap
from tests.reports.pdftext import text
from tests.reports.sample import T0, sample_roadmap

LANGUAGES = ("es", "en")
WORKSHOP = load_workshop(EXAMPLE_FILE)
PEOPLE = {d.key: d for d in cast([c.id for c in WORKSHOP.countries], [o.id for o in WORKSHOP.organisations],
                                 [t.id for t in WORKSHOP.tables])}
RECOMMENDATIONS = {r.key: r for r in phrases.RECOMMENDATIONS}
PRACTICES = {p.key: p for p in phrases.PRACTICES}


def _briefing(language: str) -> dict:
    path = resources.files("content") / language / "briefings" / "reintegration.toml"
    return tomllib.loads(path.read_text(encoding="utf-8"))


def _in(language: str, key: str) -> SimpleNamespace:
    """A demo good practice's name and what it achieved in `language`: as typed, or the demo's other language."""
    practice = PRACTICES[key]
    if practice.author in PEOPLE and PEOPLE[practice.author].language == language:
        return SimpleNamespace(name=practice.name, achieved=practice.achieved, where=practice.where)
    fields = bilingual.PRACTICE_FIELDS_OTHER_LANGUAGE[key]
    return SimpleNamespace(name=bilingual.PRACTICES_OTHER_LANGUAGE[key], achieved=fields["achieved"],
                           where=fields["where"])


def _recommendation_in(language: str, key: str) -> str:
    recommendation = RECOMMENDATIONS[key]
    own = PEOPLE[recommendation.author].language
    return recommendation.action if own == language else bilingual.OTHER_LANGUAGE[key]


def _script(sent: dict[int, object], merged: dict[int, int]) -> SimpleNamespace:
    """Just what the demo's plenary reads to decide who may object to a card."""
    script = SimpleNamespace(sent=sent, merged=merged, absorbed={}, by_key=PEOPLE)
    script.shown_as = lambda item_id: Demo.shown_as(script, item_id)
    return script


def test_no_delegation_objects_to_a_recommendation_it_sent_or_that_took_in_its_own():
    """Rec-71 (Canada's, with Costa Rica's near-duplicate merged into it) drew an objection from Costa Rica's
    other delegate: the roadmap credits the card to "Canadá; Costa Rica", so it read as a country objecting to its
    own text. A delegate of either country takes no objection to that card; anyone else still may."""
    script = _script({71: RECOMMENDATIONS["projects"], 90: RECOMMENDATIONS["projects-cr"]}, {90: 71})
    co_authors = {key for key, d in PEOPLE.items() if d.country in {"CA", "CR"}}
    assert {"CR-1", "CR-2", "CA-1", "CA-2"} <= co_authors
    for key, delegate in PEOPLE.items():
        assert Demo.co_author(script, delegate, 71) == (key in co_authors), key
    # an organisation's card: its other experts do not object to it either
    fund = _script({88: RECOMMENDATIONS["fund"]}, {})
    iom = [d for d in PEOPLE.values() if d.organisation == PEOPLE[RECOMMENDATIONS["fund"].author].organisation]
    assert iom and all(Demo.co_author(fund, d, 88) for d in iom)
    assert not Demo.co_author(fund, PEOPLE["CR-2"], 88)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_reserve_fund_and_the_guiding_principles_have_one_name_in_each_edition(language):
    """The frameworks named the fund "… for migrants in highly vulnerable situations" and Rec-88 "… for
    returnees …"; the principles had three titles. Each is named as the RCM names it, everywhere."""
    frameworks = _briefing(language)["frameworks"]
    fund, principles = frameworks["crm_reserve_fund"]["name"], frameworks["crm_guiding_principles"]["name"]
    assert _in(language, "fondo").name == fund
    assert fund.casefold() in _recommendation_in(language, "fund").casefold()
    assert _in(language, "principios").name == principles
    assert "(2014)" not in principles  # the year is the text's, not part of the title


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_regional_framework_a_good_practice_describes_is_not_described_twice(language):
    """The fund and the principles (with IOM's manual) are good practices of the demo: the briefing's short text
    for that case shares no run of five words with what those practices say they achieved."""
    for key, practices in (("crm_reserve_fund", ("fondo",)), ("crm_guiding_principles", ("principios", "manual"))):
        entry = _briefing(language)["frameworks"][key]
        names = {n.casefold() for n in entry.get("practices") or [entry["name"]]}
        short = entry["summary_if_presented"]
        assert len(short) < len(entry["summary"]) / 2
        for practice in practices:
            found = _in(language, practice)
            assert found.name.casefold() in names, (key, found.name)
            words = re.findall(r"\w+", found.achieved.casefold())
            runs = {" ".join(words[n:n + 5]) for n in range(len(words) - 4)}
            assert not any(run in " ".join(re.findall(r"\w+", short.casefold())) for run in runs), (key, practice)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_roadmap_points_from_the_framework_to_the_good_practice_instead_of_repeating_it(language):
    briefing = _briefing(language)
    fund = briefing["frameworks"]["crm_reserve_fund"]
    practice = Item(id=444, kind="good_practice", status="approved", language=language, created_at=T0,
                    level_id="structural", dimension_ids=("economic",), credit="OIM", name=fund["name"],
                    where="Países miembros de la CRM", run_by="OIM", achieved="Apoyo a la niñez no acompañada.")
    data = sample_roadmap(language, final=True, hostile=False)
    data = replace(data, briefing=briefing, items=(*data.items, practice))
    full = " ".join(text(build_roadmap(data)).split())
    heading = {"es": "Marcos regionales", "en": "Regional frameworks"}[language]
    section = full[full.rindex(heading):]
    section = section[:section.index(fund["name"]) + 400]
    see = {"es": "Véase la buena práctica BP-444", "en": "See good practice G-444"}[language]
    assert see in section and fund["summary_if_presented"] in section, section
    assert fund["summary"][:60] not in section
    # the guiding principles, presented by no good practice here, keep their whole description
    assert " ".join(briefing["frameworks"]["crm_guiding_principles"]["summary"].split())[:60] in full


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_principles_say_where_they_apply_and_tell_the_agreement_in_what_they_achieved(language):
    principles = _in(language, "principios")
    assert not re.search(r"San José|2014", principles.where), principles.where
    assert "San José" in principles.achieved and "2014" in principles.achieved


def test_the_next_steps_write_the_member_countries_in_figures():
    steps = " ".join(text for (step, _, _) in bilingual.NEXT_STEPS for text in step)
    assert not re.search(r"\bonce países|\beleven\b", steps)
    assert "los 11 países miembros" in steps and "the 11 member countries" in steps
