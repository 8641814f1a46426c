"""What the mapper gives a table's minutes (issue 12, r12 findings 5 and 10): each session at the programme's
day and times (the workshop file's agenda entry of its phase), which a rehearsal held today keeps while its phases
move to the hour it is played at; and the table's moderators and rapporteur by name, whatever each chose for the
roadmap."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.domain.workshop_file import Workshop
from bot.jobs.roadmap_data import programme, roadmap_data
from bot.offline.demo.calendar import held_today
from bot.storage import Storage
from tests.helpers import seat


@pytest.fixture
async def storage(database, workshop_id):
    async with Storage(database) as opened:
        yield opened


def test_the_programme_is_the_agendas_entry_of_each_phase_even_in_a_rehearsal(example_workshop):
    workshop: Workshop = example_workshop
    now = dt.datetime(2026, 12, 1, 16, 49, 7, tzinfo=dt.UTC)               # 10:49 in Mexico City
    moved = held_today(workshop, now)
    zone = workshop.zone
    tables = next(p for p in moved.phases if p.id == "tables")
    assert tables.opens.time() != dt.time(10, 30)                           # the phase moved to the hour played
    planned = {code: tuple(t.astimezone(zone).replace(tzinfo=None) for t in window)
               for code, window in programme(moved).items()}
    assert planned["mapping"] == (dt.datetime(2026, 11, 30, 14, 40), dt.datetime(2026, 11, 30, 16, 0))  # day 1
    assert planned["tables"] == (dt.datetime(2026, 12, 1, 10, 30), dt.datetime(2026, 12, 1, 12, 30))
    assert planned["joint-reading"] == (dt.datetime(2026, 12, 1, 16, 30), dt.datetime(2026, 12, 1, 16, 40))
    assert "annex-i" not in planned                                  # no agenda entry: the phase's own window
    # A file without the agenda's phase names finds each phase's entry at its own day and times.
    plain = workshop.model_copy(update={"agenda": [e.model_copy(update={"phase": None}) for e in workshop.agenda]})
    assert programme(plain)["plenary"] == programme(workshop)["plenary"]


def test_an_agenda_entry_naming_no_phase_of_the_file_is_refused(example_workshop):
    data = example_workshop.model_dump()
    data["agenda"][0]["phase"] = "lunch"
    with pytest.raises(ValueError, match=r"agenda\[0\]\.phase 'lunch'"):
        Workshop.model_validate(data)


async def test_the_minutes_name_staff_who_chose_to_be_credited_by_their_organisation(storage, workshop_id):
    marcela = await seat(storage, workshop_id, 8501, "Marcela Rivas", role="moderator", table="A", country=None)
    await storage.write("UPDATE memberships SET organisation = 'se-crm' WHERE person_id = ?", (marcela,))
    await storage.set_role_credit(workshop_id, marcela, "affiliation")
    karla = await seat(storage, workshop_id, 8502, "Karla Menjívar", role="rapporteur", table="A", country="SV")
    data = await roadmap_data(storage, workshop_id, "es")
    table = next(t for t in data.workshop.tables if t.id == "A")
    assert table.moderators == ("SE-CRM",) and table.rapporteur == "El Salvador"        # the roadmap's credit
    assert table.moderator_names == ("Marcela Rivas (SE-CRM)",)                          # the minutes' record
    assert table.rapporteur_name == "Karla Menjívar (El Salvador)"
    await storage.write("UPDATE memberships SET forgotten_at = '2026-12-02T00:00:00Z' WHERE person_id = ?",
                        (karla,))
    data = await roadmap_data(storage, workshop_id, "es")
    assert next(t for t in data.workshop.tables if t.id == "A").rapporteur_name is None  # erased: nobody
