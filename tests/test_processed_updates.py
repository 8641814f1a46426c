"""The record of handled updates stays small: what Telegram can no longer send again is dropped.

Telegram re-sends an update only until it is confirmed and keeps none past 24 hours, so the bot needs to
remember two days of update ids to make a redelivery harmless, not the whole event's."""

from bot.storage import Storage
from bot.storage.dialogues import PRUNE_EVERY


async def test_updates_handled_days_ago_are_forgotten_and_recent_ones_kept(database, workshop_id):
    async with Storage(database) as storage:
        # An update handled three days ago, as a long event's first morning left it (set up by hand: the store
        # stamps rows with the present).
        await storage.write("INSERT INTO processed_updates (update_id, processed_at) "
                            "VALUES (7, strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-3 days'))")
        for update_id in (PRUNE_EVERY - 2, PRUNE_EVERY - 1):
            await storage.mark_update_done(update_id)
        assert await storage.update_seen(7)  # not yet looked at: only every PRUNE_EVERY updates
        await storage.mark_update_done(PRUNE_EVERY)
        assert not await storage.update_seen(7)
        for update_id in (PRUNE_EVERY - 2, PRUNE_EVERY - 1, PRUNE_EVERY):
            assert await storage.update_seen(update_id)  # a redelivery of these is still recognised
