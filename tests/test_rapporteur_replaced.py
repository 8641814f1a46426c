"""A rapporteur replaced while drafting: their "Save" is refused out loud, and nothing is stored."""

from tests.helpers import open_phase, seat
from tests.test_moderation_session import table_id


async def test_a_replaced_rapporteur_pressing_save_is_told_why(bot, emulator, workshop_id):
    storage = bot.storage
    john_id = await seat(storage, workshop_id, 5201, "John Smith", table="A", language="en")
    luis_id = await seat(storage, workshop_id, 5202, "Luis Gómez", table="A")
    a = await table_id(storage, workshop_id)
    await open_phase(storage, workshop_id, "tables", table="A")
    await storage.set_rapporteur(workshop_id, a, john_id, None)
    john = emulator.user(5201, "John", language_code="en")
    desk = await john.ask("/rapporteur")
    await john.press("➕ New recommendation", message=desk)
    await john.next_message()
    scope = await john.ask("One-stop windows at every arrival point")
    await john.press("National (within each country)", message=scope)
    await john.press("Short term", message=await john.next_message())
    dims = await john.next_message()
    await john.press(dims.button_texts[0], message=dims)
    dims = await john.wait_for(lambda m: m.message_id == dims.message_id and m.button_texts[0].startswith("✅"))

    await storage.set_rapporteur(workshop_id, a, luis_id, None)  # the moderator names Luis instead
    await john.press("💾 Save", message=dims)
    refusal = await john.next_message()
    assert "Only this table's rapporteur and moderators" in refusal.text
    assert (await john.wait_for_callback_answer())["callback_query_id"]  # the press was answered, once
    assert "went wrong" not in " ".join(m.text for m in john.messages)
    assert [i for i in await storage.contributions(workshop_id, table_id=a) if i.consolidated] == []
    assert await storage.dialogue(john_id) is None
