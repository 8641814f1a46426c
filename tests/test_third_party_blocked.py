"""Someone the bot writes to on another person's behalf (a new rapporteur, an author) has blocked the bot:
the person acting is still answered, and the one who blocked it is marked, not the sender."""

from tests.helpers import item, seat
from tests.test_moderation_session import moderator_of, table_id


async def test_naming_a_rapporteur_who_blocked_the_bot(bot, emulator, workshop_id):
    storage = bot.storage
    mod = await moderator_of(emulator, storage, workshop_id, table="A", user_id=5301)
    john_id = await seat(storage, workshop_id, 5302, "John Smith", table="A", language="en")
    john = emulator.user(5302, "John", language_code="en")
    await john.ask("/help")
    john.blocked = True
    a = await table_id(storage, workshop_id)
    dashboard = await mod.ask("/mod")
    await mod.press("🖊 Rapporteur", message=dashboard)
    await mod.press("John Smith", message=await mod.next_message())
    confirmed = (await mod.next_message()).text
    assert "John Smith is now the rapporteur" in confirmed and "could not be told" in confirmed
    assert await storage.rapporteur(workshop_id, a) == john_id
    assert await storage.fetch_value("SELECT blocked_at FROM people WHERE telegram_id = 5302") is not None
    assert await storage.fetch_value("SELECT blocked_at FROM people WHERE telegram_id = 5301") is None
    assert "went wrong" not in " ".join(m.text for m in mod.messages)


async def test_approving_the_item_of_an_author_who_blocked_the_bot(bot, emulator, workshop_id):
    storage = bot.storage
    mod = await moderator_of(emulator, storage, workshop_id, table="A", user_id=5311)
    ana_id = await seat(storage, workshop_id, 5312, "Ana Pérez", table="A")
    ana = emulator.user(5312, "Ana", language_code="es")
    await ana.ask("/help")
    ana.blocked = True
    found = await item(storage, workshop_id, ana_id, "recommendation", table="A")
    await mod.ask("/mod")
    await mod.press("📋 Review (1)")
    await mod.press("✅ Approve", message=await mod.next_message())
    assert f"Rec-{found}" in (await mod.next_message()).text
    assert "Nothing left to review" in (await mod.next_message()).text
    assert (await storage.contribution(found)).status == "approved"
    assert await storage.fetch_value("SELECT blocked_at FROM people WHERE telegram_id = 5312") is not None
    assert await storage.fetch_value("SELECT blocked_at FROM people WHERE telegram_id = 5311") is None
