"""Reasoned objections: objecting in the plenary asks for a reason, and without one nothing is recorded; the
table's rapporteur and moderator read the objections with their reasons (objectors unnamed) and answer them;
the answer reaches the objector through the outbox. Nobody else may read or answer them."""

from handlers import callbacks
from tests.helpers import item, open_phase, person_id, seat
from tests.test_moderation_session import table_id


async def setup(storage, workshop_id):
    ana = await seat(storage, workshop_id, 7101, "Ana Pérez", table="A")
    john = await seat(storage, workshop_id, 7102, "John Smith", table="B", country="BZ", language="en")
    await seat(storage, workshop_id, 7103, "Rita Relatora", role="rapporteur", table="A")
    await seat(storage, workshop_id, 7104, "Marta Mod", role="moderator", table="A", language="en")
    await seat(storage, workshop_id, 7105, "Bruno Mod", role="moderator", table="B")
    first = await item(storage, workshop_id, ana, "recommendation", table="A", action="Certificar competencias")
    second = await item(storage, workshop_id, john, "recommendation", table="B", language="en",
                        action="Fund community reception networks")
    await open_phase(storage, workshop_id, "plenary")
    return first, second


async def objections(storage):
    return await storage.fetch_all("SELECT contribution_id, text, answer FROM feedback WHERE kind = 'object'")


async def test_an_objection_needs_its_reason_and_the_table_answers_it(bot, emulator, workshop_id):
    storage = bot.storage
    first, second = await setup(storage, workshop_id)
    john = emulator.user(7102, "John", language_code="en")

    card = await john.ask("/plenary")
    await john.press("👎 Object", message=card)
    asked = await john.next_message()
    assert asked.text.startswith(f"Why do you object to Rec-{first}?") and "up to 500 characters" in asked.text
    await john.ask("/cancel")  # left without a reason: no objection
    assert await objections(storage) == []
    assert await storage.stance(first, await person_id(storage, 7102)) is None

    await john.press("👎 Object", message=card)
    await john.next_message()
    refused = await john.ask("x" * 501)
    assert "501" in refused.text and "500" in refused.text
    assert (await john.next_message()).text == "x" * 501  # handed back, nothing typed is lost
    assert await objections(storage) == []
    recorded = await john.ask("No <b>budget</b> & no timeline")
    assert recorded.text.startswith(f"Objection to Rec-{first} recorded with your reason")
    following = await john.next_message()  # he carries on at the next card, not back at the first
    assert f"Rec-{second}" in following.text and "Recommendation 2 of 2" in following.text
    assert [tuple(r) for r in await objections(storage)] == [(first, "No <b>budget</b> & no timeline", None)]

    rita = emulator.user(7103, "Rita", language_code="es")
    await rita.send_text("/rapporteur")
    desk = await rita.wait_for(lambda m: m.has_button("👎 Objeciones de la plenaria"))
    await rita.press("👎 Objeciones de la plenaria", message=desk)
    listing = await rita.wait_for(lambda m: "Objeciones a las recomendaciones" in m.text)
    assert f"Rec-{first}" in listing.text and "«No <b>budget</b> & no timeline»" in listing.text  # as typed
    assert "sin respuesta" in listing.text and "John" not in listing.text  # the objector is not named
    await rita.press(f"Responder a la 1 (Rec-{first})", message=listing)
    assert "Escribe la respuesta de la mesa" in (await rita.next_message()).text
    sent = await rita.ask("El presupuesto viene del fondo <regional>")
    assert sent.text.startswith(f"Respuesta a la objeción sobre Rec-{first} guardada")

    told = await john.wait_for(lambda m: m.text.startswith("The table answered your objection"))
    assert "No <b>budget</b> & no timeline" in told.text and "El presupuesto viene del fondo <regional>" in told.text
    assert [tuple(r) for r in await objections(storage)] == [
        (first, "No <b>budget</b> & no timeline", "El presupuesto viene del fondo <regional>")]
    assert await storage.fetch_value("SELECT status FROM outbox WHERE template = 'plobj.answered'") == "sent"
    assert await storage.fetch_value("SELECT count(*) FROM audit_log WHERE action = 'answer_objection'") == 1

    marta = emulator.user(7104, "Marta", language_code="en")  # the table's moderator, from /mod
    dashboard = await marta.ask("/mod")
    await marta.press("👎 Plenary objections", message=dashboard)
    seen = await marta.wait_for(lambda m: "Objections to the recommendations" in m.text)
    assert "Answer: “El presupuesto viene del fondo <regional>”" in seen.text and not seen.buttons


async def test_pressing_object_again_takes_the_objection_back(bot, emulator, workshop_id):
    storage = bot.storage
    await setup(storage, workshop_id)
    john = emulator.user(7102, "John", language_code="en")
    card = await john.ask("/plenary")
    await john.press("👎 Object", message=card)
    await john.next_message()
    await john.ask("Duplicates an existing programme")
    await john.next_message()  # the next card
    assert len(await objections(storage)) == 1
    card = await john.ask("/plenary")
    await john.press("👎 Object", message=card)
    await john.wait_for(lambda m: m.message_id == card.message_id and "no stance" in m.text)
    assert await objections(storage) == []


async def test_only_the_tables_rapporteur_and_moderator_read_and_answer(bot, emulator, workshop_id):
    storage = bot.storage
    first, _ = await setup(storage, workshop_id)
    john_id = await person_id(storage, 7102)
    await storage.object_with_reason(first, john_id, "Sin presupuesto")
    objection = (await storage.objections(await table_id(storage, workshop_id, "A")))[0]
    a = await table_id(storage, workshop_id, "A")

    ana = emulator.user(7101, "Ana", language_code="es")  # a participant
    bruno = emulator.user(7105, "Bruno", language_code="es")  # table B's moderator
    for user in (ana, bruno):
        message = await user.ask("/help")
        await user.press_data(callbacks.PLENARY_OBJECTIONS.data(a), message.message_id)
        assert (await user.wait_for_callback_answer())["show_alert"]
        await user.press_data(callbacks.PLENARY_ANSWER.data(objection.id), message.message_id)
        assert (await user.wait_for_callback_answer())["show_alert"]
        assert await storage.dialogue(await person_id(storage, user.user_id)) is None
        assert not any("Sin presupuesto" in m.text for m in user.messages)
    assert (await storage.objection(objection.id)).answer is None


async def test_an_objection_typed_after_the_plenary_closed_is_not_kept(bot, emulator, workshop_id):
    storage = bot.storage
    await setup(storage, workshop_id)
    john = emulator.user(7102, "John", language_code="en")
    await john.press("👎 Object", message=await john.ask("/plenary"))
    await john.next_message()
    await open_phase(storage, workshop_id, "plenary", state="closed")
    late = await john.ask("Too late a reason")
    assert late.text.startswith("The plenary is not open now.")
    assert await objections(storage) == []
