"""Moderators kept informed: while their table works, its moderators get a digest of the items waiting for
review, with a button that opens the review; none when nothing waits, none again within the interval (five
minutes in the example workshop's default) nor for the same items, none twice after a restart, none while the
table is not working."""

from __future__ import annotations

import datetime as dt

from bot.jobs import digests
from tests.helpers import item, open_phase, seat

T0 = dt.datetime(2030, 5, 4, 10, 0, tzinfo=dt.UTC)


def at(bot, minutes: float) -> None:
    bot.app.bot_data["clock"] = lambda: T0 + dt.timedelta(minutes=minutes)


def digests_in(user) -> list:
    return [m for m in user.messages if m.has_button("Review now") or m.has_button("Revisar ahora")]


async def setup(bot, emulator, workshop_id):
    storage = bot.storage
    ana = await seat(storage, workshop_id, 8401, "Ana Pérez", table="A")
    await seat(storage, workshop_id, 8402, "Marta Mod", role="moderator", table="A", language="en")
    await seat(storage, workshop_id, 8403, "Mario Mod", role="moderator", table="B", language="es")
    await open_phase(storage, workshop_id, "tables", table="A")
    await open_phase(storage, workshop_id, "tables", table="B", state="closed")
    return ana, emulator.user(8402, "Marta", language_code="en"), emulator.user(8403, "Mario", language_code="es")


async def test_a_digest_when_items_wait_never_twice_within_the_interval(bot, emulator, workshop_id):
    storage = bot.storage
    ana, marta, mario = await setup(bot, emulator, workshop_id)
    at(bot, 0)
    assert await digests.send_digests(bot.app) == 0  # nothing waits: nothing is sent
    assert digests_in(marta) == []

    first = await item(storage, workshop_id, ana, "recommendation", table="A", action="Certificar competencias")
    assert await digests.send_digests(bot.app) == 1
    digest = await marta.wait_for(lambda m: m.has_button("Review now"))
    assert digest.text.startswith("🔔 ") and f": 1 item waits for your review: Rec-{first}." in digest.text

    second = await item(storage, workshop_id, ana, "challenge", table="A")
    at(bot, 1)
    assert await digests.send_digests(bot.app) == 0  # within the five minutes
    at(bot, 5)
    assert await digests.send_digests(bot.app) == 1
    latest = await marta.wait_for(lambda m: m.has_button("Review now") and f"C-{second}" in m.text)
    assert f"2 items wait for your review: Rec-{first}, C-{second}." in latest.text
    at(bot, 15)
    assert await digests.send_digests(bot.app) == 0  # the same items: the dashboard says they still wait
    assert len(digests_in(marta)) == 2

    third = await item(storage, workshop_id, ana, "challenge", table="A")
    at(bot, 16)
    assert await digests.send_digests(bot.app) == 1
    await marta.wait_for(lambda m: m.has_button("Review now") and f"C-{third}" in m.text)
    await bot.restart()  # a restart within the interval sends nothing twice, even with something new
    fourth = await item(bot.storage, workshop_id, ana, "challenge", table="A")
    at(bot, 17)
    assert await digests.send_digests(bot.app) == 0
    at(bot, 21)
    assert await digests.send_digests(bot.app) == 1
    await marta.wait_for(lambda m: m.has_button("Review now") and f"C-{fourth}" in m.text)
    assert len(digests_in(marta)) == 4

    # Table B is not working: its moderator is not told of an item waiting there.
    await item(bot.storage, workshop_id, ana, "challenge", table="B")
    at(bot, 40)
    assert await digests.send_digests(bot.app) == 0
    assert digests_in(mario) == []


async def test_the_digest_button_opens_the_review(bot, emulator, workshop_id):
    storage = bot.storage
    ana, marta, _ = await setup(bot, emulator, workshop_id)
    at(bot, 0)
    first = await item(storage, workshop_id, ana, "challenge", table="A", description="Falta de empleo formal")
    assert await digests.send_digests(bot.app) == 1
    digest = await marta.wait_for(lambda m: m.has_button("Review now"))
    await marta.press("Review now", message=digest)
    card = await marta.wait_for(lambda m: f"C-{first}" in m.text and m.message_id != digest.message_id)
    assert "Falta de empleo formal" in card.text and card.has_button("✅ Approve")


def test_the_digest_interval_is_a_workshop_setting(example_workshop):
    from bot.domain.digests import digest_due

    assert example_workshop.moderator_digest_minutes == 5
    assert not digest_due(None, None, None, T0, 5)
    assert digest_due(None, None, 3, T0, 5)
    assert not digest_due("2030-05-04T09:58:00+00:00", 2, 3, T0, 5)
    assert digest_due("2030-05-04T09:55:00+00:00", 2, 3, T0, 5)
    assert not digest_due("2030-05-04T09:00:00+00:00", 3, 3, T0, 5)
