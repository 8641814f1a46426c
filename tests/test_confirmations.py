"""Confirmations that always arrive: written with the item, delivered from the outbox, never replaced by an
apology that invites a second send."""

from bot.transport import ATTEMPTS
from handlers import callbacks
from tests.helpers import open_phase, seat

VALUES = {"description": "Sin albergues temporales", "level": "community", "dimensions": ["social"],
          "groups": [], "attribution": "named"}


async def _status_becomes(storage, key: str, status: str, timeout: float = 30.0) -> None:
    import asyncio

    for _ in range(int(timeout * 20)):
        if await storage.notice_status(key) == status:
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"{key} is {await storage.notice_status(key)!r}, never {status!r}")


async def _at_summary(bot, emulator, workshop_id, telegram_id, key):
    storage = bot.storage
    person = await seat(storage, workshop_id, telegram_id, "Ana Pérez", table="A")
    await open_phase(storage, workshop_id, "mapping")
    await storage.save_dialogue(person, "challenge", "summary",
                                {"key": key, "values": VALUES, "reviewed": True, "table_id": None})
    ana = emulator.user(telegram_id, "Ana", language_code="es")
    await ana.send_text("hola")  # the summary is shown again, with its buttons
    return person, ana, await ana.wait_for(lambda m: m.has_button("Enviar"))


async def test_a_confirmation_lost_to_the_network_arrives_after_a_restart_and_no_apology_is_sent(
        bot, emulator, workshop_id):
    person, ana, summary = await _at_summary(bot, emulator, workshop_id, 6101, "draft-6101")
    emulator.fail_next("sendMessage", error_code=502, description="Bad Gateway", times=ATTEMPTS)
    await ana.press("Enviar", message=summary)
    await _status_becomes(bot.storage, "sent:draft-6101", "pending")  # every retry failed: kept for later
    [stored] = await bot.storage.contributions(workshop_id, author_id=person)
    assert not any("R-" in m.text or "Algo salió mal" in m.text for m in ana.messages[1:])

    await bot.restart()
    confirmed = await ana.wait_for(lambda m: f"R-{stored.id}" in m.text, timeout=10)
    assert confirmed.text.startswith("Enviado. Tu aporte")
    await emulator.wait_idle()
    assert [m.text for m in ana.messages].count(confirmed.text) == 1
    assert await bot.storage.notice_status("sent:draft-6101") == "sent"
    assert not any("Algo salió mal" in m.text for m in ana.messages)


async def test_a_failure_after_the_item_is_stored_tells_what_was_stored_instead_of_apologising(
        bot, emulator, workshop_id, monkeypatch):
    from handlers import flow

    person, ana, summary = await _at_summary(bot, emulator, workshop_id, 6102, "draft-6102")

    async def broken_finish(context):
        raise RuntimeError("the store went away right after the item was written")

    monkeypatch.setattr(flow, "finish", broken_finish)  # fails after the item and its notice are stored
    await ana.press("Enviar", message=summary)
    told = await ana.wait_for(lambda m: "R-" in m.text)
    [stored] = await bot.storage.contributions(workshop_id, author_id=person)
    assert told.text.startswith("Enviado. Tu aporte") and f"R-{stored.id}" in told.text
    await emulator.wait_idle()
    assert not any("Algo salió mal" in m.text for m in ana.messages)


async def test_a_person_who_blocked_the_bot_is_not_written_to_again(bot, emulator, workshop_id):
    person, ana, summary = await _at_summary(bot, emulator, workshop_id, 6103, "draft-6103")
    emulator.fail_next("sendMessage", error_code=403, description="Forbidden: bot was blocked by the user")
    await ana.press("Enviar", message=summary)
    await _status_becomes(bot.storage, "sent:draft-6103", "blocked")
    assert await bot.storage.fetch_value("SELECT blocked_at IS NOT NULL FROM people WHERE id = ?", (person,))


async def test_the_same_text_sent_again_is_recognised_and_can_still_be_sent(bot, emulator, workshop_id):
    from tests.helpers import item

    person, ana, summary = await _at_summary(bot, emulator, workshop_id, 6104, "draft-6104")
    earlier = await item(bot.storage, workshop_id, person, description="sin albergues  temporales!", table="A")
    await ana.press("Enviar", message=summary)
    warning = await ana.wait_for(lambda m: "Ya enviaste" in m.text)
    assert f"R-{earlier}" in warning.text and "No se guardó nada nuevo" in warning.text
    assert warning.button_texts == [f"Ver R-{earlier}", "Enviar otro de todos modos", "Cancelar"]
    assert len(await bot.storage.contributions(workshop_id, author_id=person)) == 1
    assert warning.button_data(f"Ver R-{earlier}") == callbacks.MINE_VIEW.data(earlier)  # /mine's view of it
    await ana.press("Enviar otro de todos modos", message=warning)
    second = await ana.wait_for(lambda m: m.text.startswith("Enviado. Tu aporte"))
    stored = await bot.storage.contributions(workshop_id, author_id=person)
    assert len(stored) == 2 and f"R-{stored[-1].id}" in second.text


async def test_after_you_already_sent_this_a_new_conversation_simply_starts(bot, emulator, workshop_id):
    from tests.helpers import item

    person, ana, summary = await _at_summary(bot, emulator, workshop_id, 6105, "draft-6105")
    await item(bot.storage, workshop_id, person, description="Sin albergues temporales", table="A")
    await ana.press("Enviar", message=summary)
    await ana.wait_for(lambda m: "Ya enviaste" in m.text)
    question = await ana.ask("/challenge")
    assert "Describe el reto" in question.text  # not "you have another conversation half done"
