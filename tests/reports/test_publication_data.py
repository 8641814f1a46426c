"""What the store tells the roadmap for its publishable words: delegations apart from people, those who ran the
workshop apart from observers, the organisations' names in each language, the time zone and the adoption date."""

from __future__ import annotations

import pytest
from pdftext import text

from bot.jobs.roadmap_data import roadmap_data
from bot.storage import Storage
from reports.roadmap import build_roadmap
from tests.helpers import seat


@pytest.fixture
async def storage(database, workshop_id):
    async with Storage(database) as opened:
        yield opened


async def _member(storage, workshop_id, telegram_id, name, *, role="participant", table=None, organisation=None):
    person = await seat(storage, workshop_id, telegram_id, name, role=role, table=table,
                        country=None if organisation else "GT")
    if organisation:
        await storage.complete_registration(workshop_id, person, {
            "full_name": name, "organisation": organisation, "institution": "Institución", "position": "Cargo"})
    return person


async def test_delegations_people_and_staff_are_counted_apart(storage, workshop_id):
    await seat(storage, workshop_id, 8001, "Ana Pérez", table="A", country="GT")
    await seat(storage, workshop_id, 8002, "Luis Gómez", table="A", country="GT")
    await seat(storage, workshop_id, 8003, "Rosa Flores", table="B", country="HN")
    await _member(storage, workshop_id, 8004, "Jane Doe", table="B", organisation="iom")
    await _member(storage, workshop_id, 8005, "Olga Moderadora", role="moderator", table="B", organisation="iom")
    await _member(storage, workshop_id, 8006, "Paula Secretaría", role="secretariat", organisation="se-crm")
    data = await roadmap_data(storage, workshop_id, "es")
    counts = data.participation
    assert counts.participants == 6
    # Two delegations of member states with three people; one observer organisation with one person (the IOM
    # moderator is not an observer); the moderator and the secretariat on their own.
    assert counts.delegations == (("government", 2, 3), ("observer", 1, 1))
    assert counts.staff == 2
    assert sum(1 for p in data.participants if p.staff) == 2
    full = text(build_roadmap(data))
    # The institutions column counts each typed institution once per delegation (helpers seat everyone at one).
    institutions = dict(counts.institutions_by_kind)
    # The column is shown only where it says more than the people's (one institution per person: not shown).
    informative = any(institutions.get(kind, 0) != people for kind, _, people in counts.delegations)
    assert ("Delegaciones de los Estados miembros 2 {} 3 Organismos observadores e invitados 1 {} 1 "
            "Total 3 {} 4 Moderación y secretaría del taller – – 2").format(
        institutions.get("government") or "–", institutions.get("observer") or "–",
        sum(institutions.values())) in full if informative else (
        "Delegaciones de los Estados miembros 2 3 Organismos observadores e invitados 1 1 "
        "Total 3 4 Moderación y secretaría del taller – 2") in full
    assert "Total de participantes" not in full  # the row's label read as a count of people


async def test_organisations_and_countries_carry_their_names_in_the_other_language(storage, workshop_id):
    data = await roadmap_data(storage, workshop_id, "en")
    iom = next(o for o in data.workshop.organisations if o.id == "iom")
    assert iom.name == "International Organization for Migration (IOM)" and iom.acronym == "IOM"
    assert "OIM" in iom.aliases and "Organización Internacional para las Migraciones (OIM)" in iom.aliases
    belize = next(c for c in data.workshop.countries if c.id == "BZ")
    assert belize.name == "Belize" and belize.aliases == ("Belice",)
    assert data.workshop.timezone == "America/Mexico_City"
    tables = {t.id: t for t in data.workshop.tables}
    full = text(build_roadmap(data))
    assert tables["B"].moderators == ("OIM",)  # as the workshop file writes it...
    # ...and as the English edition reads it, one moderator each
    assert "Moderator: IOM" in full and "Moderator: ILO" in full
    assert "Moderator: OIM" not in full and "Moderators: IOM" not in full


async def test_the_adoption_date_is_when_the_joint_reading_ended(storage, workshop_id):
    draft = await roadmap_data(storage, workshop_id, "es")
    assert not draft.final and draft.adopted_at is None
    assert await storage.close_workshop(workshop_id, None)
    final = await roadmap_data(storage, workshop_id, "es")
    assert final.final and final.adopted_at is not None and final.adopted_at.tzinfo is not None
