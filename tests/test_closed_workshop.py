"""Once the secretariat closes the workshop, the roadmap sent as final is the last word: every phase is
closed, nothing can change any more (each attempt is told why), and reading and downloading still work."""

from handlers import callbacks
from tests.helpers import item, open_phase, seat


async def closed_workshop(bot, emulator, workshop_id):
    """Table A at work, the plenary open, a comment and a rejection half-typed; then the secretariat closes."""
    storage = bot.storage
    ana_id = await seat(storage, workshop_id, 6001, "Ana Pérez", table="A")
    await seat(storage, workshop_id, 6002, "Mora Moderadora", role="moderator", table="A")
    await seat(storage, workshop_id, 6003, "Sara Secretaría", role="secretariat", country=None, language="en")
    recommendation = await item(storage, workshop_id, ana_id, "recommendation", table="A")
    challenge = await item(storage, workshop_id, ana_id, "challenge", table="A")
    await open_phase(storage, workshop_id, "tables", table="A")
    await open_phase(storage, workshop_id, "plenary")
    ana, mora = emulator.user(6001, "Ana", language_code="es"), emulator.user(6002, "Mora", language_code="es")
    sara = emulator.user(6003, "Sara", language_code="en")
    card = await ana.ask("/plenary")
    await ana.press("💬 Comentar", message=card)
    await ana.next_message()                                   # "type your comment" — and she is still typing
    await mora.press_data(callbacks.MOD_REJECT.data(challenge), (await mora.ask("/mod")).message_id)
    await mora.wait_for(lambda m: "motivo" in m.text.lower())  # the rejection reason, still to be typed

    await sara.ask("/close")
    await sara.press("Yes, close the workshop")
    await sara.wait_for(lambda m: m.text.startswith("Final roadmap sent"), timeout=60)
    return ana, mora, sara, recommendation, challenge


async def test_closing_closes_every_phase_and_stops_the_agenda(bot, emulator, workshop_id):
    await closed_workshop(bot, emulator, workshop_id)
    storage = bot.storage
    assert {p.state for p in await storage.phases(workshop_id)} == {"closed"}
    assert await storage.active_workshops() == []
    assert not [job for job in bot.app.job_queue.jobs() if (job.name or "").startswith("phase:")]


async def test_nothing_changes_in_a_closed_workshop_and_everyone_is_told_why(bot, emulator, workshop_id):
    ana, mora, sara, recommendation, challenge = await closed_workshop(bot, emulator, workshop_id)
    storage = bot.storage
    closed_es = "El taller está cerrado; la hoja de ruta final se envió el"
    closed_en = "The workshop is closed; the final roadmap was sent on"

    # A comment typed after the close is not kept; the conversation is over.
    assert (await ana.ask("Un comentario tardío")).text.startswith(closed_es)
    assert await storage.fetch_value("SELECT count(*) FROM feedback") == 0
    assert await storage.dialogue(await storage.fetch_value(
        "SELECT id FROM people WHERE telegram_id = 6001")) is None
    # Nor a rejection reason, a vote, a new item or a moderator's decision.
    assert (await mora.ask("Duplicado")).text.startswith(closed_es)
    assert (await ana.ask("/plenary")).text.startswith(closed_es)
    await ana.press_data(callbacks.PLENARY_VOTE_UP.data(recommendation, 0), ana.last_message.message_id)
    assert (await ana.wait_for_callback_answer())["text"] == "El taller está cerrado."
    assert (await ana.ask("/recommend")).text.startswith(closed_es)
    assert (await ana.ask("/send")).text.startswith(closed_es)
    await mora.press_data(callbacks.MOD_APPROVE.data(challenge), mora.last_message.message_id)
    assert (await mora.next_message()).text.startswith(closed_es)
    assert (await mora.ask("/announce")).text.startswith(closed_es)
    # The joint reading and the agenda are over too.
    assert (await sara.ask("/reading")).text.startswith(closed_en)
    await sara.press_data(callbacks.READING_ADOPT.data(recommendation, 0), sara.last_message.message_id)
    assert (await sara.wait_for_callback_answer())["text"] == "The workshop is closed."
    await sara.press_data(callbacks.AGENDA_OPEN.data("plenary"), sara.last_message.message_id)
    assert (await sara.next_message()).text.startswith(closed_en)
    assert (await sara.ask("/invite")).text.startswith(closed_en)

    assert await storage.fetch_value("SELECT count(*) FROM votes") == 0
    assert (await storage.contribution(recommendation)).status == "submitted"
    assert (await storage.contribution(challenge)).status == "submitted"
    assert {p.state for p in await storage.phases(workshop_id)} == {"closed"}


async def test_reading_and_downloading_still_work_after_closing(bot, emulator, workshop_id):
    ana, mora, sara, recommendation, _ = await closed_workshop(bot, emulator, workshop_id)
    assert f"Rec-{recommendation}" in (await ana.ask("/mine")).text
    assert (await mora.ask("/mod")).has_button("🔄 Actualizar")
    assert (await sara.ask("/roadmap")).button_texts == ["Español", "English"]
    await sara.press("English")
    document = await sara.wait_for(lambda m: m.document is not None, timeout=30)
    assert document.document["file_name"] == "roadmap-crm-puebla-2022.pdf"
