"""What the mapper gives a table's minutes (issue 12, r12 findings 5 and 10): each session at the programme's
day and times (the workshop file's agenda entry of its phase), which a rehearsal held today keeps while its phases
stays at, on its own days; and the table's moderators and rapporteur as each chose to be credited, the same in
the minutes as in the roadmap (second reading, new point 2: a name not released is in no published document)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from bot.domain.workshop_file import Workshop
from bot.jobs.roadmap_data import programme, roadmap_data
from bot.offline.demo.calendar import held_today
from bot.storage import Storage
from reports.minutes import build_minutes
from reports.roadmap import build_roadmap
from tests.helpers import seat
from tests.reports.pdftext import text


@pytest.fixture
async def storage(database, workshop_id):
    async with Storage(database) as opened:
        yield opened


def test_the_programme_is_the_agendas_entry_of_each_phase_even_in_a_rehearsal_held_today(example_workshop):
    workshop: Workshop = example_workshop
    now = dt.datetime(2026, 12, 1, 16, 49, 7, tzinfo=dt.UTC)               # 10:49 in Mexico City
    moved = held_today(workshop, now)
    zone = workshop.zone
    tables = next(p for p in moved.phases if p.id == "tables")
    assert tables.opens == dt.datetime(2026, 12, 1, 10, 30)           # moved by whole days, at the programme's hour
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


async def _table_a_staff(storage, workshop_id, credit: str) -> tuple[int, int]:
    """Table A's moderator (of the RCM Executive Secretariat) and rapporteur (of El Salvador), both credited
    ``credit`` ("affiliation" or "named")."""
    marcela = await seat(storage, workshop_id, 8501, "Marcela Rivas", role="moderator", table="A", country=None)
    await storage.write("UPDATE memberships SET organisation = 'se-crm' WHERE person_id = ?", (marcela,))
    await storage.set_role_credit(workshop_id, marcela, credit)
    karla = await seat(storage, workshop_id, 8502, "Karla Menjívar", role="rapporteur", table="A", country="SV")
    await storage.set_role_credit(workshop_id, karla, credit)
    return marcela, karla


async def test_a_moderator_credited_by_institution_is_not_named_in_the_minutes(storage, workshop_id):
    await _table_a_staff(storage, workshop_id, "affiliation")
    for language, label, credit in (("es", "Moderación", "SE-CRM"), ("en", "Moderators?", "RCM Executive Secretariat")):
        data = await roadmap_data(storage, workshop_id, language)
        table = next(t for t in data.workshop.tables if t.id == "A")
        assert table.moderators == (credit,) and table.rapporteur == "El Salvador"
        minutes = text(build_minutes(data, "A"))
        assert re.search(f"{label} {credit} ", minutes)
        assert "Marcela Rivas" not in minutes and "Karla Menjívar" not in minutes   # never released
        assert "Marcela Rivas" not in text(build_roadmap(data))


async def test_staff_who_chose_their_name_are_named_in_the_minutes_until_they_erase_their_data(storage, workshop_id):
    _, karla = await _table_a_staff(storage, workshop_id, "named")
    data = await roadmap_data(storage, workshop_id, "es")
    minutes = text(build_minutes(data, "A"))
    assert "Moderación Marcela Rivas (SE-CRM)" in minutes
    assert "Relatoría Karla Menjívar (El Salvador)" in minutes
    await storage.write("UPDATE memberships SET forgotten_at = '2026-12-02T00:00:00Z' WHERE person_id = ?",
                        (karla,))
    data = await roadmap_data(storage, workshop_id, "es")
    assert next(t for t in data.workshop.tables if t.id == "A").rapporteur is None        # erased: nobody
    assert "Karla Menjívar" not in text(build_minutes(data, "A"))
