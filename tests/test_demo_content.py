"""The demo's content as a secretariat reads it in the roadmap (issue 12, second reading r12): the people credit
their items as their kind of delegation would, each recommendation the roadmap prints shows the challenges its
text answers, the table's recommendation that joins national and regional action has the regional scope its
text has, the comparative study is given to the body the joint reading asked for it, and a good practice's
fields are typed the same way (a capital first, as the rest of each field line)."""

from __future__ import annotations

import re
from collections import defaultdict
from itertools import permutations
from types import SimpleNamespace

from bot.domain.items import consolidated_details
from bot.domain.workshop_file import EXAMPLE_FILE, load_workshop
from bot.offline.demo import bilingual, phrases, plenary_bilingual
from bot.offline.demo.cast import cast

WORKSHOP = load_workshop(EXAMPLE_FILE)
PEOPLE = {d.key: d for d in cast([c.id for c in WORKSHOP.countries], [o.id for o in WORKSHOP.organisations],
                                 [t.id for t in WORKSHOP.tables])}
LEVEL_OF_TABLE = {t.id: t.level for t in WORKSHOP.tables}
RECOMMENDATIONS = {r.key: r for r in phrases.RECOMMENDATIONS}
TAKEN_IN = {key for plan in phrases.CONSOLIDATIONS for key in plan.sources}


def _table_level(recommendation: phrases.Recommendation) -> str:
    return LEVEL_OF_TABLE[PEOPLE[recommendation.author].table]


def test_each_delegation_credits_its_items_as_its_kind_would():
    """A government delegate's items carry the country (the roadmap's "Aportes de: Belice; México"), an
    observer organisation's expert signs by name ("Amira Haddad (ACNUR)"), and each person chooses one way for
    all their items: one government item naming its delegate read as an accident."""
    chosen: dict[str, set[str]] = defaultdict(set)
    for item in (*phrases.CHALLENGES, *phrases.PRACTICES, *phrases.RECOMMENDATIONS):
        chosen[item.author].add(item.attribution)
    for author, attributions in chosen.items():
        delegate = PEOPLE[author]
        from_government = delegate.country is not None
        assert attributions == ({"country"} if from_government else {"named"}), (author, attributions)


def test_every_printed_recommendation_shows_a_challenge_it_answers_at_its_tables_level():
    """The roadmap's table gives, under each adopted action, the challenges it answers; the author links them
    in the bot, which offers the challenges of the table's level only."""
    challenges = {c.key: c for c in phrases.CHALLENGES if not c.same_as and not c.reject}
    practices = {p.key: p for p in phrases.PRACTICES if not p.same_as}
    for recommendation in phrases.RECOMMENDATIONS:
        if recommendation.same_as or recommendation.key in TAKEN_IN or recommendation.set_aside:
            continue  # merged, taken in by its table's recommendation, or not in the roadmap's table
        level = _table_level(recommendation)
        assert recommendation.answers, recommendation.key
        for key in recommendation.answers:
            assert key in challenges and challenges[key].level == level, (recommendation.key, key)
        for key in recommendation.builds_on:
            assert key in practices and practices[key].level == level, (recommendation.key, key)
    # the three the reading found bare: gender budgeting answers the challenge about women missing from plans
    # and budgets; the diaspora funds and the RCM reserve fund answer challenges their texts name
    assert RECOMMENDATIONS["gender"].answers == ("women",)
    assert RECOMMENDATIONS["diaspora"].answers and RECOMMENDATIONS["fund"].answers


def _scope(order: tuple[str, ...]) -> str:
    """The scope the bot gives a table's recommendation drafted from these sources, picked in this order."""
    sources = [SimpleNamespace(kind="recommendation", details={"scope": RECOMMENDATIONS[key].scope,
                                                                "timeframe": RECOMMENDATIONS[key].timeframe})
               for key in order]
    return consolidated_details(sources)["scope"]


def test_each_tables_recommendation_has_the_scope_its_text_has_whatever_order_its_sources_came_in():
    """A table's recommendation takes the scope most of its sources chose; on a tie the first source decides,
    and which is first depends on who sent theirs first. Table C's joins one register per country with
    indicators across the region reported to the RCM each year: regional, every time."""
    expected = {"A": "national", "B": "national", "C": "regional"}
    for plan in phrases.CONSOLIDATIONS:
        scopes = {_scope(order) for order in permutations(plan.sources)}
        assert scopes == {expected[plan.table]}, (plan.table, scopes)
    [table_c] = [plan for plan in phrases.CONSOLIDATIONS if plan.table == "C"]
    assert "across the region" in table_c.text and "RCM" in table_c.text


def test_the_comparative_study_goes_to_the_body_the_joint_reading_asked_for_it():
    """The reason for setting the harmonisation aside asks the RCM Executive Secretariat for a comparative
    study; the next step that prepares it names the same body first, in both editions."""
    [harmonise] = [r for r in phrases.RECOMMENDATIONS if r.set_aside]
    reasons = {"es": harmonise.set_aside, "en": plenary_bilingual.OTHER_LANGUAGE[harmonise.set_aside]}
    body = {"es": ("SE-CRM", "Secretaría Ejecutiva de la CRM"), "en": ("RCM Executive Secretariat",) * 2}
    [(_, who, _)] = [step for step in bilingual.NEXT_STEPS if "comparativo" in step[0][0]]
    for index, language in enumerate(("es", "en")):
        short, full = body[language]
        assert "comparativ" in reasons[language] and short in reasons[language], reasons[language]
        assert who[index].startswith(full), who[index]


def test_a_good_practices_fields_open_with_a_capital_in_both_languages():
    """"Dónde: norte de Centroamérica" beside "Dónde: Municipios de Honduras…" reads as two hands; every field
    line of a practice opens with a capital, as people typed the others."""
    fields = [(p.key, part, getattr(p, part)) for p in phrases.PRACTICES for part in ("where", "run_by")]
    fields += [(key, part, value) for key, other in bilingual.PRACTICE_FIELDS_OTHER_LANGUAGE.items()
               for part, value in other.items() if part in ("where", "run_by")]
    assert len(fields) > 40
    for key, part, value in fields:
        assert value[:1].isupper() or value[:1].isdigit(), (key, part, value)


def test_no_one_has_two_recommendations_to_send_at_the_same_time():
    """The tables send their recommendations all at once, one conversation per person: what repeats another
    goes in a second round, after the first; one person with two in a round would answer two questions at once."""
    for repeats in (False, True):
        authors = [r.author for r in phrases.RECOMMENDATIONS if bool(r.same_as) == repeats]
        assert len(authors) == len(set(authors)), sorted(a for a in authors if authors.count(a) > 1)


# -- the third reading (r12_third): each remark fits the text it is printed under; groups, credit, links, words ---

def _cards() -> set[str]:
    """Every card the full demo's plenary shows: each recommendation not merged into another nor taken in by its
    table's recommendation, and the three tables' own ("@A")."""
    return ({r.key for r in phrases.RECOMMENDATIONS if not r.same_as and r.key not in TAKEN_IN}
            | {f"@{plan.table}" for plan in phrases.CONSOLIDATIONS})


def test_an_objection_carries_a_reason_written_for_the_card_it_is_on_whoever_objects_first():
    """The plenary plays everyone at once, so a list of reasons taken in typing order put "No menciona a los
    gobiernos locales" under the municipal units' recommendation and "no dice en qué plazo" under ones that
    print a timeframe. Each card has its own reasons in both languages (the contested one enough for those who
    object to it), each with its other language; past them a delegation's stance, fair on any text, none
    typed twice."""
    from bot.offline.demo import floor
    from bot.offline.demo.plenary_floor import FloorStages

    for card in _cards():
        for lang in ("es", "en"):
            assert any(r.lang == lang for r in floor.OBJECTIONS[card]), (card, lang)
    assert sum(r.lang == "es" for r in floor.OBJECTIONS["harmonise"]) >= 5
    for reason in (*(r for rs in floor.OBJECTIONS.values() for r in rs), *floor.STANCES):
        assert plenary_bilingual.other_language(reason.text) == reason.other != reason.text
    stage = type("Stage", (FloorStages,), {})()
    spanish, english = PEOPLE["GT-1"], PEOPLE["CA-1"]
    typed = [(card, stage.objection_reason(person, "Rec-1", card))
             for card in ("umar", "harmonise", "umar", "@A", "harmonise", "umar", "policy", "umar")
             for person in (spanish, english)]
    for card, reason in typed[:4]:  # (the first ones on each card: its own)
        assert reason in {r.text for r in floor.OBJECTIONS[card]}, (card, reason)
    own = {r.text for r in floor.OBJECTIONS["umar"]}
    past = [reason for card, reason in typed if card == "umar" and reason not in own]
    assert past and all(reason in {r.text for r in floor.STANCES} for reason in past), past
    assert len({reason for _, reason in typed}) == len(typed)  # never the same sentence twice


def test_the_plenarys_comments_ask_for_what_their_texts_lack():
    """UNICEF asked table A's recommendation to name unaccompanied children, which it already names; a comment
    on the credit review asked for courses it never mentions. Each now adds to its text."""
    comments = {(c.author, c.on): c.text for c in phrases.COMMENTS}
    [table_a] = [plan for plan in phrases.CONSOLIDATIONS if plan.table == "A"]
    assert "niñez no acompañada" in table_a.text
    assert "explícita" not in comments[("UNICEF", "@A")] and "personal formado" in comments[("UNICEF", "@A")]
    assert "course" not in comments[("BZ-2", "credit")] and "credit history" in comments[("BZ-2", "credit")]


def test_table_as_recommendation_serves_people_with_mental_health_needs():
    """Table A's recommendation opens with an early assessment of mental-health needs and psychosocial referral;
    it takes over the groups its sources name, and the psychosocial care it draws on names people with physical
    or mental health needs, so the roadmap's group lists it beside the health enrolment."""
    [table_a] = [plan for plan in phrases.CONSOLIDATIONS if plan.table == "A"]
    sources = [SimpleNamespace(kind="recommendation", details={"groups": list(RECOMMENDATIONS[key].groups)})
               for key in table_a.sources]
    assert "health_needs" in consolidated_details(sources)["groups"]
    assert "salud mental" in table_a.text


def test_a_government_delegates_floor_amendment_is_credited_by_country_as_her_items_are():
    """"Enmienda de la sala: propuesta por Sharlene Pitts (Belice)" beside every other government contribution
    read by country: a government delegate's amendment carries the country, or no one."""
    from bot.offline.demo import floor

    for amendment in floor.AMENDMENTS:
        if PEOPLE[amendment.author].country:
            assert amendment.attribution in ("country", "anonymous"), amendment.author
    assert floor.AMENDMENTS[0].attribution == "country" and PEOPLE[floor.AMENDMENTS[0].author].country == "BZ"


def test_a_good_practices_link_is_one_a_person_pastes():
    """BP-27's 160-character file address broke across three lines mid-word; a link is short enough to fit a
    line of the roadmap's field column."""
    links = [p.link for p in phrases.PRACTICES if p.link]
    assert links and all(len(link) <= 80 and " " not in link for link in links), links


def test_the_english_wordings_read_as_english_would_put_them():
    """Documents are reissued, not restored; apprenticeships are agreed with the chambers, not the chambers
    agreed with; an assessment is introduced at a centre."""
    other = bilingual.OTHER_LANGUAGE
    assert other["docs"].startswith("Reissue identity cards") and "estore" not in other["docs"]
    assert other["apprentices"].startswith("Agree on-the-job apprenticeship")
    assert other["apprentices"].rstrip(".").endswith("with local chambers of commerce")
    assert other["@A"].startswith("Introduce at every reception centre")
    english = " ".join(pair[1] for parts in bilingual.SYNTHESES.values() for pair in parts.values())
    assert "already reissue documents" in english and "restore documents" not in english


def test_next_steps_fall_due_at_a_months_end_and_a_practice_says_where_not_when():
    """Fourth reading, points 9 and 10: "29 de junio" beside "31 de marzo" read as computed; "Serbia, de 2001 a
    2012" put the years in the place's field."""
    import datetime as dt

    from bot.offline.demo.editing import due

    workshop = SimpleNamespace(end_date=dt.date(2026, 12, 1))
    deadlines = [due(workshop, when) for _, _, when in bilingual.NEXT_STEPS]
    assert deadlines == sorted(deadlines) and len(set(deadlines)) == len(deadlines)
    assert all((day + dt.timedelta(days=1)).day == 1 for day in deadlines), deadlines
    for practice in phrases.PRACTICES:
        where = [practice.where, bilingual.PRACTICE_FIELDS_OTHER_LANGUAGE.get(practice.key, {}).get("where", "")]
        assert not any(re.search(r"\d{4}\s*(?:–|-|a|to)\s*\d{4}", text) for text in where), where  # a span of years
