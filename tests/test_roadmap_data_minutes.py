"""What the mapper gives the minutes and the exports besides the items: each table's session times as they ran,
and the workshop's codes named in both languages."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.jobs.roadmap_data import roadmap_data
from bot.storage import Storage
from tests.helpers import table_id_of


@pytest.fixture
async def storage(database, workshop_id):
    async with Storage(database) as opened:
        yield opened


async def test_a_table_opened_by_hand_has_its_own_session_times_the_others_the_agenda(storage, workshop_id):
    table_a = await table_id_of(storage, workshop_id, "A")
    await storage.set_phase_state(workshop_id, "tables", "open", table_a, "2022-09-08T16:35:00.000Z")
    await storage.set_phase_state(workshop_id, "tables", "closed", table_a, "2022-09-08T18:20:00.000Z")
    data = await roadmap_data(storage, workshop_id, "en")
    own = {(s.table_id, s.code): s for s in data.sessions}
    a, b = own["A", "tables"], own["B", "tables"]
    assert a.name == "Working tables: operational recommendations (day 2)"
    assert (a.opened_at, a.closed_at) == (dt.datetime(2022, 9, 8, 16, 35, tzinfo=dt.UTC),
                                          dt.datetime(2022, 9, 8, 18, 20, tzinfo=dt.UTC))
    assert b.opened_at is None and b.closed_at is None  # table B never opened by hand: the agenda's times
    assert b.opens_at == dt.datetime(2022, 9, 8, 15, 30, tzinfo=dt.UTC)  # 10:30 in Mexico City (UTC-5)
    assert {s.table_id for s in data.sessions} == {"A", "B", "C"}
    assert [s.code for s in data.sessions if s.table_id == "C"] == [
        "annex-i", "mapping", "tables", "plenary", "joint-reading"]


async def test_the_codebook_names_every_code_in_both_languages(storage, workshop_id):
    book = (await roadmap_data(storage, workshop_id, "es")).codebook
    assert book["table"]["A"] == {"es": "Grupo A", "en": "Group A"}
    assert book["country"]["BZ"] == {"es": "Belice", "en": "Belize"}
    assert set(book["level"]) == {"individual", "community", "structural"}
    actor = book["actor"]["national_authorities"]
    assert actor["es"] and actor["en"] and actor["es"] != actor["en"]
    assert book["group"] and all(set(names) == {"es", "en"} for names in book["group"].values())


async def test_a_reading_that_ran_on_after_its_phase_closed_ends_in_the_minutes_when_the_roadmap_says(
        storage, workshop_id):
    """The reading's phase closed at its time; the reading itself went on until the secretariat closed the
    workshop: the minutes' session ends then, as the roadmap's history of the reading says (the demo's minutes
    said 16:30–16:40 "as scheduled" beside a history that ended the reading at 16:55)."""
    await storage.set_phase_state(workshop_id, "joint-reading", "open", None, "2022-09-08T21:30:00.000Z")
    await storage.set_phase_state(workshop_id, "joint-reading", "closed", None, "2022-09-08T21:40:00.000Z")
    assert await storage.close_workshop(workshop_id, None)
    data = await roadmap_data(storage, workshop_id, "en")
    reading = {(s.table_id, s.code): s for s in data.sessions}["A", "joint-reading"]
    assert reading.closed_at == data.adopted_at  # the reading's end, not its phase's
    assert reading.closed_at > dt.datetime(2022, 9, 8, 21, 40, tzinfo=dt.UTC)
