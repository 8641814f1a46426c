"""The store is split by subject, and what the demo reports comes from narrow queries of the store, not SQL
of its own."""

from __future__ import annotations

from bot.domain import lifecycle
from bot.storage import Storage
from bot.storage.announcements import AnnouncementStore
from bot.storage.moderation import ModerationStore
from bot.storage.phases import PhaseStore
from tests.helpers import item, seat


def test_the_announcement_queue_and_the_agendas_transitions_have_their_own_stores():
    for name in ("queue_announcement", "pending_deliveries", "record_delivery", "finish_announcements"):
        assert name in vars(AnnouncementStore) and not hasattr(ModerationStore, name), name
    for name in ("phase_transition", "set_phase_state", "set_phase_schedule", "phase", "active_workshops"):
        assert name in vars(PhaseStore) and not hasattr(ModerationStore, name), name
    assert issubclass(Storage, AnnouncementStore) and issubclass(Storage, PhaseStore)


async def test_the_demos_summaries_count_one_workshop(database, example_workshop):
    async with Storage(database) as storage:
        workshop_id = await storage.save_workshop(example_workshop)
        ana = await seat(storage, workshop_id, 9201, "Ana Pérez", table="A")
        ben = await seat(storage, workshop_id, 9202, "Ben Ruiz", table="A")
        await seat(storage, workshop_id, 9203, "Carla Díaz", table="B")
        await seat(storage, workshop_id, 9204, "Dora Sol", table=None)
        first = await item(storage, workshop_id, ana, "recommendation", table="A")
        second = await item(storage, workshop_id, ben, "recommendation", table="A")
        await item(storage, workshop_id, ben, "challenge")
        assert await storage.change_vote(workshop_id, first, ana, 1, 5)
        assert await storage.change_vote(workshop_id, first, ben, 1, 5)
        assert await storage.change_vote(workshop_id, second, ben, 1, 5)
        await storage.set_stance(first, ben, "support")
        await storage.set_stance(second, ana, "object")
        await storage.add_comment(first, ana, "Incluir a los gobiernos locales")
        await storage.set_reading_outcome(first, lifecycle.ADOPTED, None)

        assert await storage.registered_per_table(workshop_id) == [("A", 2), ("B", 1)]
        assert await storage.plenary_totals(workshop_id) == (3, 2, 1)
        assert await storage.recommendations_by_status(workshop_id) == [(lifecycle.ADOPTED, 1),
                                                                         (lifecycle.SUBMITTED, 1)]
