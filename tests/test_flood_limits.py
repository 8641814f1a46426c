"""Telegram's flood limits: bulk sends are paced never to trip them, and a 429 on a reply is waited out,
never lost. The emulator enforces the limits here as Telegram would (``emulator.flood_limits()``)."""

from bot.offline.emulator.flood import FloodLimits
from tests.helpers import seat


def test_the_emulator_refuses_past_each_limit_as_telegram_does() -> None:
    limits = FloodLimits()
    assert [limits.check("sendMessage", 9000 + n, group=False, now=100.0) for n in range(31)][-1] == 1
    assert [kind for kind, _, _ in limits.refusals] == ["bulk"]
    limits.person_wrote(7, now=100.0)  # a reply to someone who just wrote is not a bulk send
    assert limits.check("sendMessage", 7, group=False, now=100.0) is None
    assert [limits.check("sendMessage", 7, group=False, now=100.0) for _ in range(8)][-1] == 1  # past the burst
    assert limits.check("sendMessage", 7, group=False, now=102.0) is None  # a second later, one more
    assert [limits.check("sendMessage", -100, group=True, now=200.0 + n) for n in range(21)][-1] is not None
    assert limits.check("sendMessage", -100, group=True, now=261.0) is None
    assert limits.check("getMe", None, group=False) is None


async def test_an_announcement_to_the_whole_table_never_trips_the_bulk_limit(bot, emulator, workshop_id):
    storage = bot.storage
    await seat(storage, workshop_id, 4801, "Marta Mod", role="moderator", table="A", language="en")
    members = []
    for n in range(38):
        await seat(storage, workshop_id, 4810 + n, f"Delegada {n}", table="A", language="es")
        members.append(emulator.user(4810 + n))
    mod = emulator.user(4801, "Marta", language_code="en")
    await mod.ask("/announce")
    flood = emulator.flood_limits(bulk_per_second=30)
    await mod.ask("The plenary starts at 16:00")
    report = await mod.wait_for(lambda m: "reached" in m.text, timeout=20)
    assert report.text == "Your message reached 38 of 38 people."
    assert all(any("16:00" in m.text for m in member.messages) for member in members)
    assert flood.refusals == []


async def test_a_reply_refused_for_flooding_is_waited_out_and_delivered(bot, emulator, workshop_id):
    await seat(bot.storage, workshop_id, 4901, "Ana Pérez", table="A", language="en")
    ana = emulator.user(4901, "Ana", language_code="en")
    flood = emulator.flood_limits(chat_burst=2)
    for command in ("/help", "/mine", "/help"):
        await ana.send_text(command)
    await ana.wait_for(lambda m: len(ana.messages) >= 3, timeout=10)  # the third after its 429 was waited out
    await emulator.wait_idle(timeout=10)
    assert len(ana.messages) == 3
    assert [kind for kind, _, _ in flood.refusals] and {kind for kind, _, _ in flood.refusals} == {"chat"}


async def test_an_update_the_library_cannot_read_is_skipped_and_the_bot_goes_on(bot, emulator, workshop_id):
    """A poll answer without a field python-telegram-bot requires: confirmed and ignored, never fetched forever."""
    emulator.queue.push("poll_answer", {"poll_id": "1", "user": {"id": 4950, "is_bot": False, "first_name": "X"}})
    ana = emulator.user(4951, "Ana", language_code="en")
    assert "invitation" in (await ana.ask("/help", timeout=10)).text
    await emulator.wait_idle()
    assert emulator.queue.unfetched == 0
