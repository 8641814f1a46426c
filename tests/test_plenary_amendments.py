"""Amendments from the floor: in the plenary a participant proposes new wording for a recommendation from its
card, says why and how to be credited; the recommendation's table (its rapporteur from the desk, or its
moderator from /mod) accepts one into the text (the old wording kept in its history), merges several into
one wording it writes, or declines one with a reason; each proposer is told in their language. The joint
reading's card shows the wording before and after and who proposed it. Nobody else decides, and nothing is
proposed once the plenary closed or decided once the joint reading opened."""

from handlers import callbacks
from tests.helpers import item, open_phase, person_id, seat
from tests.test_moderation_session import table_id

OLD = "Certificar competencias"
NEW = "Certificar las competencias <laborales> & técnicas adquiridas fuera"


async def setup(storage, workshop_id):
    ana = await seat(storage, workshop_id, 7201, "Ana Pérez", table="A")
    await seat(storage, workshop_id, 7202, "John Smith", table="B", country="BZ", language="en")
    await seat(storage, workshop_id, 7203, "Luis Gómez", table="B", country="HN")
    await seat(storage, workshop_id, 7204, "Rita Relatora", role="rapporteur", table="A")
    await seat(storage, workshop_id, 7205, "Marta Mod", role="moderator", table="A", language="en")
    await seat(storage, workshop_id, 7206, "Bruno Mod", role="moderator", table="B")
    await seat(storage, workshop_id, 7207, "Sara Secretaría", role="secretariat", country=None, language="en")
    first = await item(storage, workshop_id, ana, "recommendation", table="A", action=OLD)
    second = await item(storage, workshop_id, ana, "recommendation", table="B", action="Fondos comunitarios")
    await open_phase(storage, workshop_id, "plenary")
    return first, second


async def propose(user, card, wording, reason, credit):
    """Through the card's button, as a participant does: wording, reason, credit."""
    await user.press(next(t for t in card.button_texts if t.startswith("✏️")), message=card)
    await user.next_message()
    await user.ask(wording)
    credit_question = await user.ask(reason)
    await user.press(credit, message=credit_question)
    return await user.next_message()


async def amendments(storage):
    rows = await storage.fetch_all("SELECT person_id, wording, reason, attribution, status, decision_reason "
                                   "FROM amendments ORDER BY id")
    return [tuple(r) for r in rows]


async def test_two_amendments_one_accepted_one_declined(bot, emulator, workshop_id):
    storage = bot.storage
    first, second = await setup(storage, workshop_id)
    john = emulator.user(7202, "John", language_code="en")
    card = await john.ask("/plenary")
    assert f"Rec-{first}" in card.text and "✏️ Propose an amendment" in card.button_texts
    await john.press("✏️ Propose an amendment", message=card)
    asked = await john.next_message()
    assert asked.text.startswith(f"Your amendment to Rec-{first}. It reads now:") and OLD in asked.text
    assert (await john.ask(OLD)).text.startswith("That is the wording it has now")  # not an amendment
    assert "Type the whole new wording" in (await john.next_message()).text  # asked again
    refused = await john.ask("x" * 2001)
    assert "2001" in refused.text and "2000" in refused.text
    await john.next_message()  # handed back
    assert (await john.ask(NEW)).text.startswith(f"Why do you propose this change to Rec-{first}?")
    question = await john.ask("Ser más precisa")
    assert question.button_texts == ["By my name", "By my country or organisation only", "Anonymous"]
    await john.press("By my name", message=question)
    sent = await john.next_message()
    assert sent.text.startswith(f"Amendment A-1 to Rec-{first} sent to its table")
    following = await john.next_message()  # he carries on at the next card
    assert f"Rec-{second}" in following.text and "Recommendation 2 of 2" in following.text

    luis = emulator.user(7203, "Luis", language_code="es")
    told_luis = await propose(luis, await luis.ask("/plenary"), "Certificar todo", "Más amplio", "Anónimo")
    assert told_luis.text.startswith(f"Enmienda A-2 a Rec-{first} enviada")
    john_id, luis_id = await person_id(storage, 7202), await person_id(storage, 7203)
    assert await amendments(storage) == [
        (john_id, NEW, "Ser más precisa", "named", "proposed", None),
        (luis_id, "Certificar todo", "Más amplio", "anonymous", "proposed", None)]

    for user in (emulator.user(7201, "Ana", language_code="es"), emulator.user(7206, "Bruno", language_code="es")):
        message = await user.ask("/help")  # a participant, and another table's moderator
        for data in (callbacks.AMENDMENTS.data(await table_id(storage, workshop_id, "A")),
                     callbacks.AMENDMENT_ACCEPT.data(1), callbacks.AMENDMENT_DECLINE.data(2),
                     callbacks.AMENDMENT_MERGE.data(first)):
            await user.press_data(data, message.message_id)
            assert (await user.wait_for_callback_answer())["show_alert"]
        assert await storage.dialogue(await person_id(storage, user.user_id)) is None
        assert not any("Más amplio" in m.text for m in user.messages)
    assert [r[4] for r in await amendments(storage)] == ["proposed", "proposed"]

    rita = emulator.user(7204, "Rita", language_code="es")  # table A's rapporteur, from her desk
    await rita.send_text("/rapporteur")
    desk = await rita.wait_for(lambda m: m.has_button("📝 Enmiendas de la sala"))
    await rita.press("📝 Enmiendas de la sala", message=desk)
    listing = await rita.wait_for(lambda m: "Enmiendas propuestas" in m.text)
    assert f"«{NEW}»" in listing.text and "«Ser más precisa»" in listing.text  # as typed
    assert "de John Smith (Belice)" in listing.text and "de anónimo" in listing.text and "Luis" not in listing.text
    assert {"✓ Aceptar A-1", "✗ Rechazar A-2", f"⇄ Fusionar las 2 en espera sobre Rec-{first}"} \
        <= set(listing.button_texts)
    await rita.press("✓ Aceptar A-1", message=listing)
    done = await rita.next_message()
    assert done.text.startswith(f"A-1 aceptada: Rec-{first} dice ahora «{NEW}»")
    told = await john.wait_for(lambda m: m.text.startswith("Your amendment A-1"))
    assert f"was accepted: it now reads «{NEW}»" in told.text
    assert (await storage.contribution(first)).details["action"] == NEW
    assert [v["details"]["action"] for v in await storage.versions(first)] == [OLD]  # kept in its history
    await rita.press("✓ Aceptar A-1", message=listing)  # pressed again: decided already
    assert "ya se decidió" in (await rita.next_message()).text
    assert len(await storage.versions(first)) == 1

    marta = emulator.user(7205, "Marta", language_code="en")  # table A's moderator, from /mod
    dashboard = await marta.ask("/mod")
    await marta.press("📝 Amendments from the floor", message=dashboard)
    seen = await marta.wait_for(lambda m: "Amendments proposed" in m.text)
    assert "(accepted) by John Smith (Belize)" in seen.text and "✓ Accept A-1" not in seen.button_texts
    await marta.press("✗ Decline A-2", message=seen)
    assert "Why does the table decline A-2" in (await marta.next_message()).text
    assert (await marta.ask("Too broad to <certify>")).text.startswith(f"A-2 to Rec-{first} declined")
    told = await luis.wait_for(lambda m: m.text.startswith("La mesa rechazó tu enmienda A-2"))
    assert "«Too broad to <certify>»" in told.text
    assert [r[4:] for r in await amendments(storage)] == [("accepted", None), ("declined", "Too broad to <certify>")]
    assert await storage.fetch_value("SELECT count(*) FROM outbox WHERE template LIKE 'plamend.told_%' "
                                     "AND status = 'sent'") == 2
    audit = await storage.fetch_all("SELECT action FROM audit_log WHERE action LIKE 'amendment_%' ORDER BY id")
    assert [r[0] for r in audit] == ["amendment_accepted", "amendment_declined"]

    await open_phase(storage, workshop_id, "plenary", state="closed")
    await john.press("✏️ Propose an amendment", message=following)  # too late now
    answer = await john.wait_for_callback_answer()
    assert answer["show_alert"] and answer["text"] == "The plenary is not open."
    assert len(await amendments(storage)) == 2

    sara = emulator.user(7207, "Sara", language_code="en")  # the joint reading shows what the floor changed
    await sara.ask("/reading")
    reading_card = await sara.next_message()
    assert f"Rec-{first}" in reading_card.text and "Amendment A-1 accepted (proposed by John Smith (Belize))" \
        in reading_card.text
    assert f"Before: «{OLD}»" in reading_card.text and f"After: «{NEW}»" in reading_card.text


async def test_the_table_merges_proposals_and_nothing_is_decided_once_the_reading_opened(bot, emulator,
                                                                                         workshop_id):
    storage = bot.storage
    first, _ = await setup(storage, workshop_id)
    john, luis = await person_id(storage, 7202), await person_id(storage, 7203)
    a = await storage.propose_amendment(first, john, "Certificar competencias laborales", "Precisión", "named")
    b = await storage.propose_amendment(first, luis, "Certificar competencias técnicas", "Alcance", "country")
    marta = emulator.user(7205, "Marta", language_code="en")
    await marta.press_data(callbacks.AMENDMENT_MERGE.data(first), (await marta.ask("/help")).message_id)
    asked = await marta.wait_for(lambda m: "Type the one wording that merges them" in m.text)
    assert f"A-{a.id}: «Certificar competencias laborales»" in asked.text
    merged = await marta.ask("Certificar competencias laborales y técnicas")
    assert merged.text.startswith(f"A-{a.id}, A-{b.id} merged: Rec-{first} now reads")
    assert (await storage.contribution(first)).details["action"] == "Certificar competencias laborales y técnicas"
    assert [r[4] for r in await amendments(storage)] == ["merged", "merged"]
    told = await emulator.user(7203, "Luis", language_code="es").wait_for(
        lambda m: m.text.startswith(f"Tu enmienda A-{b.id}"))
    assert "se fusionó con otras" in told.text

    late = await storage.propose_amendment(first, john, "Otra más", "Por si acaso", "named")
    await open_phase(storage, workshop_id, "plenary", state="closed")
    sara = emulator.user(7207, "Sara", language_code="en")
    await sara.ask("/reading")  # the reading opens: its text is the text now
    card = await sara.next_message()
    assert "Amendments A-1, A-2 merged (proposed by John Smith (Belize); Honduras)" in card.text
    rita = emulator.user(7204, "Rita", language_code="es")
    await rita.press_data(callbacks.AMENDMENT_ACCEPT.data(late.id), (await rita.ask("/help")).message_id)
    assert "La lectura conjunta ya se abrió" in (await rita.wait_for(lambda m: "lectura" in m.text)).text
    assert (await storage.amendment(late.id)).status == "proposed"
    assert (await storage.contribution(first)).details["action"] == "Certificar competencias laborales y técnicas"
