"""A secretariat reads a table's minutes as the table's own record (session 8): the sessions the table met in
(not the day-1 mapping, held in plenary before the tables were formed), the items its members sent (not those of
its level that others sent), the plenary's counts once, every amendment in one form with who proposed it, and
"País:" before a single country."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from pdftext import text
from sample import sample_roadmap

from bot.domain.items import reference
from bot.jobs.roadmap_data import roadmap_data
from bot.storage import Storage
from reports.labels import load_labels
from reports.minutes import build_minutes
from reports.model import Amendment
from tests.helpers import item, seat

LANGUAGES = ("es", "en")


@pytest.fixture
async def storage(database, workshop_id):
    async with Storage(database) as opened:
        yield opened


def _between(minutes: str, start: str, end: str) -> str:
    first = minutes.index(start)
    return minutes[first:minutes.index(end, first)]


async def test_the_minutes_list_the_sessions_the_table_met_in_not_the_plenary_mapping_of_day_1(
        storage, workshop_id, example_workshop):
    """The workshop file forms the tables on day 2 (as the roadmap's method says); the mapping of day 1 was the
    whole workshop's, in plenary, and is not one of the table's sessions."""
    await seat(storage, workshop_id, 7101, "Ana Pérez", table="A", country="GT")
    names = {phase.id: phase.name for phase in example_workshop.phases}
    for language in LANGUAGES:
        L = load_labels(language)
        minutes = text(build_minutes(await roadmap_data(storage, workshop_id, language), "A"))
        times = _between(minutes, L("minutes.sessions"), L("sections.members"))
        assert names["tables"].get(language) in times
        assert names["plenary"].get(language) in times
        assert names["mapping"].get(language) not in times


async def test_the_minutes_list_as_the_tables_own_only_what_its_members_sent(storage, workshop_id):
    """A challenge of table A's level belongs to table A whoever sends it; one from a member of table B is named
    by reference only, as reviewed by the table, not listed as its work."""
    member = await seat(storage, workshop_id, 7201, "Ana Pérez", table="A", country="GT")
    other = await seat(storage, workshop_id, 7202, "Luis Gómez", table="B", country="PA")
    own = await item(storage, workshop_id, member, table="A", description="Falta de certificados de estudios")
    sent_elsewhere = await item(storage, workshop_id, other, table="A",
                                description="Los deportados llegan sin información de los servicios")
    for language in LANGUAGES:
        data = await roadmap_data(storage, workshop_id, language)
        found = {i.id: i for i in data.items}
        assert found[own].from_members and not found[sent_elsewhere].from_members
        minutes = text(build_minutes(data, "A"))
        assert "Falta de certificados de estudios" in minutes
        assert "Los deportados llegan sin información" not in minutes
        assert reference("challenge", own, language) in minutes
        note = load_labels(language)("minutes.reviewed_from_others", refs=reference("challenge", sent_elsewhere,
                                                                                   language))
        assert note in minutes
        # Table B's minutes do not claim it either: it is table A's level, reviewed there.
        assert reference("challenge", sent_elsewhere, language) not in text(build_minutes(data, "B"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_recommendations_plenary_counts_and_rank_are_printed_once(language):
    data = sample_roadmap(language)
    L = load_labels(language)
    minutes = text(build_minutes(data, "A"))
    recommendation = next(i for i in data.items if i.id == 40)
    fb = recommendation.feedback
    counts = ", ".join((L.plural("fields.supports", fb.support), L.plural("fields.objections", fb.object),
                        L.plural("fields.comments", len(fb.comments))))
    assert minutes.count(counts) == 1
    assert minutes.count(L.plural("fields.votes", recommendation.votes)) == 1
    # ...in the section on the plenary, beside its reference.
    feedback = _between(minutes, L("sections.plenary_feedback"), L("minutes.reading"))
    assert re.search(re.escape(reference("recommendation", 40, language)) + r" .*" + re.escape(counts), feedback)


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_amendment_from_the_floor_reads_alike_in_the_plenary_and_the_reading_with_its_proposer(language):
    """Rec-41 was amended from the floor on Belize's proposal and adopted as amended: the joint reading's list
    printed its earlier wording bare where the plenary's section named who proposed the change."""
    data = sample_roadmap(language, final=True)
    before = "Atención psicosocial en los centros de recepción."
    items = tuple(replace(i, amendments=(Amendment(before, i.action, ("Belice",), language="es"),))
                  if i.id == 41 else i for i in data.items)
    minutes = text(build_minutes(replace(data, items=items), "A"))
    L = load_labels(language)
    line = f"{L('fields.amendment')} ({L('fields.proposed_by', credits='Belice')})"
    plenary = _between(minutes, L("sections.plenary_feedback"), L("minutes.reading"))
    reading = minutes[minutes.index(L("minutes.reading")):]
    assert line in plenary and line in reading
    assert reading.index(line) < reading.index(before)  # the proposer with the wording it replaced
    assert minutes.count(line) == 2  # not a third time in the recommendation's entry


async def test_one_country_and_one_organisation_are_labelled_in_the_singular(storage, workshop_id):
    await seat(storage, workshop_id, 7301, "Ana Pérez", table="A", country="GT")
    amira = await seat(storage, workshop_id, 7302, "Amira Haddad", table="A", country=None)
    await storage.write("UPDATE memberships SET organisation = 'unhcr' WHERE person_id = ?", (amira,))
    expected = {"es": ("País: Guatemala", "Organización: ", "2 participantes de 1 país y 1 organización"),
                "en": ("Country: Guatemala", "Organisation: ", "2 participants from 1 country and 1 organisation")}
    for language in LANGUAGES:
        minutes = text(build_minutes(await roadmap_data(storage, workshop_id, language), "A"))
        members = _between(minutes, load_labels(language)("sections.members"), load_labels(language)(
            "minutes.synthesis"))
        for words in expected[language]:
            assert words in members
        assert not re.search(r"Países:|Organizaciones:|Countries:|Organisations:", members)
    await seat(storage, workshop_id, 7303, "Luis Gómez", table="A", country="HN")
    minutes = text(build_minutes(await roadmap_data(storage, workshop_id, "es"), "A"))
    assert "Países: Guatemala, Honduras" in minutes and "3 participantes de 2 países" in minutes
