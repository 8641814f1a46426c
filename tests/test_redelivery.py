"""An update delivered again (the bot crashed before confirming it to Telegram) changes nothing twice: the
press of "Send" stores one item, a moderator's merge merges once and tells the author once.

Each press comes back three times, each time past one more line of defence: as Telegram redelivers it (the
update is known as done); as if the crash came after the write but before the update was marked done (the
press was answered already, so answering it again fails); and as if even that answer had been lost. The
last one is stopped only by the state itself: the draft is finished, the item is already merged."""

from tests.helpers import item, open_phase, seat
from tests.test_moderation_session import moderator_of, table_id


async def _forget_processed_updates(storage) -> None:
    """As after a crash between the handler's write and marking the update done."""
    async with storage.transaction() as tx:
        await tx.execute("DELETE FROM processed_updates")


async def _redeliver_thrice(emulator, storage) -> None:
    emulator.redeliver_last()
    await emulator.wait_idle()
    await _forget_processed_updates(storage)
    emulator.redeliver_last()
    await emulator.wait_idle()
    await _forget_processed_updates(storage)
    for query in emulator.queries.values():  # as if Telegram had never received the answer to the press
        query.answer = None
    emulator.redeliver_last()
    await emulator.wait_idle()


async def test_send_pressed_again_by_a_redelivery_stores_one_challenge(bot, emulator, workshop_id):
    storage = bot.storage
    ana_id = await seat(storage, workshop_id, 6001, "Ana Pérez", table="A")
    await open_phase(storage, workshop_id, "mapping")
    values = {"description": "Sin albergues temporales", "level": "community", "dimensions": ["social"],
              "groups": [], "attribution": "named"}
    await storage.save_dialogue(ana_id, "challenge", "summary",
                                {"key": "draft-6001", "values": values, "reviewed": True, "table_id": None})
    ana = emulator.user(6001, "Ana", language_code="es")
    await ana.send_text("hola")  # not a step that reads text: the summary is shown again, with its buttons
    summary = await ana.wait_for(lambda m: m.has_button("Enviar"))
    await ana.press("Enviar", message=summary)
    await ana.wait_for(lambda m: m.text.startswith("Enviado. Tu aporte"))

    await _redeliver_thrice(emulator, storage)
    stored = await storage.contributions(workshop_id, author_id=ana_id)
    assert len(stored) == 1 and stored[0].details["description"] == "Sin albergues temporales"
    confirmations = [m for m in ana.messages if f"R-{stored[0].id}" in m.text]
    assert len(confirmations) == 1


async def test_a_redelivered_merge_merges_once_and_tells_the_author_once(bot, emulator, workshop_id):
    storage = bot.storage
    mod = await moderator_of(emulator, storage, workshop_id, table="A", user_id=6011)
    ana_id = await seat(storage, workshop_id, 6012, "Ana Pérez", table="A")
    luis_id = await seat(storage, workshop_id, 6013, "Luis Gómez", table="A")
    ana = emulator.user(6012, "Ana", language_code="es")
    emulator.user(6013, "Luis", language_code="es")
    first = await item(storage, workshop_id, ana_id, "recommendation", table="A",
                       action="Crear una ventanilla única para personas retornadas")
    second = await item(storage, workshop_id, luis_id, "recommendation", table="A",
                        action="Crear una ventanilla única de atención a personas retornadas")
    await mod.ask("/mod")
    await mod.press("📋 Review (2)")
    card = await mod.next_message()
    await mod.press(f"🔗 Merge into Rec-{second}", message=card)
    await mod.wait_for(lambda m: f"merged into Rec-{second}" in m.text)
    await ana.wait_for(lambda m: "fusionó" in m.text)

    await _redeliver_thrice(emulator, storage)
    merged = await storage.contribution(first)
    assert (merged.status, merged.merged_into) == ("merged", second)
    a = await table_id(storage, workshop_id)
    assert [e.action for e in await storage.audit_entries(workshop_id, a)].count("merge") == 1
    assert len([m for m in ana.messages if "fusionó" in m.text]) == 1
    assert len([m for m in mod.messages if f"merged into Rec-{second}" in m.text]) == 1
    assert sorted(p for p, _ in await storage.authors(second)) == sorted([ana_id, luis_id])
