"""/mine: status, editing with history, withdrawing; and authors told of moderators' decisions."""

from bot.jobs.notices import notify_author
from handlers import callbacks
from tests.helpers import open_phase, participant, person_id


async def _challenge(storage, workshop_id, author, text="Sin albergues", **extra):
    item, _ = await storage.submit_contribution(
        workshop_id=workshop_id, author_id=author, kind="challenge", level="individual", dimensions=["social"],
        details={"description": text, "groups": []}, attribution="named", language="es", phase_kind="mapping",
        **extra)
    return item


async def test_mine_lists_items_and_an_edit_keeps_the_original_in_history(bot, emulator, workshop_id):
    storage = bot.storage
    ana = await participant(emulator, storage, workshop_id, 8001)
    pid = await person_id(storage, 8001)
    assert "Todavía no has enviado nada" in (await ana.ask("/mine")).text
    item = await _challenge(storage, workshop_id, pid)
    rejected = await _challenge(storage, workshop_id, pid, "Otro", status="rejected")
    await storage.set_contribution_status(rejected.id, "rejected", reason="Fuera de tema")
    await open_phase(storage, workshop_id, "mapping")
    listing = await ana.ask("/mine")
    assert f"R-{item.id} · enviado, pendiente de revisión · Sin albergues" in listing.text
    assert f"R-{rejected.id} · no aceptado · Otro" in listing.text
    await ana.press(f"R-{rejected.id}")
    view = await ana.wait_for(lambda m: m.message_id == listing.message_id and "Motivo" in m.text)
    assert "Motivo: Fuera de tema" in view.text and "Ya no se puede cambiar" in view.text
    assert view.button_texts == ["‹ Todos mis aportes"]
    await ana.press("‹ Todos mis aportes", message=view)
    listing = await ana.wait_for(lambda m: m.message_id == listing.message_id and "Tus aportes (2)" in m.text)
    await ana.press(f"R-{item.id}", message=listing)
    view = await ana.wait_for(lambda m: m.message_id == listing.message_id and "Editar" in m.button_texts)
    await ana.press("Editar", message=view)
    summary = await ana.wait_for(lambda m: m.has_button("Guardar cambios"))
    assert f"Reto R-{item.id}: revisa por favor" in summary.text and "Reto: Sin albergues" in summary.text
    await ana.press("Editar", message=summary)
    await ana.wait_for(lambda m: m.has_button("Reto"))
    await ana.press("Reto")
    await ana.wait_for(lambda m: "Describe el reto" in m.text)
    summary = await ana.ask("Sin albergues temporales en la frontera")
    assert "Reto: Sin albergues temporales en la frontera" in summary.text
    await ana.press("Guardar cambios", message=summary)
    assert "la versión anterior queda en su historial" in (await ana.next_message()).text
    edited = await storage.contribution(item.id)
    assert edited.details["description"] == "Sin albergues temporales en la frontera"
    [before] = await storage.versions(item.id)
    assert before["details"]["description"] == "Sin albergues" and before["editor_id"] == pid
    assert len(await storage.contributions(workshop_id)) == 2


async def test_withdrawing_an_item_while_its_phase_is_open(bot, emulator, workshop_id):
    storage = bot.storage
    john = await participant(emulator, storage, workshop_id, 8002, english=True)
    item = await _challenge(storage, workshop_id, await person_id(storage, 8002), "No data")
    listing = await john.ask("/mine")
    await john.press(f"C-{item.id}")
    closed = await john.wait_for(lambda m: m.message_id == listing.message_id and "can no longer" in m.text)
    assert "Withdraw" not in closed.button_texts  # the phase is closed
    await john.press_data(callbacks.MINE_WITHDRAW_YES.data(item.id), listing.message_id)  # a forged "yes"
    assert (await john.wait_for_callback_answer())["text"] == "This can no longer be changed."
    await open_phase(storage, workshop_id, "mapping")
    await john.press("‹ All my contributions", message=closed)
    await john.wait_for(lambda m: m.message_id == listing.message_id and "Your contributions" in m.text)
    await john.press(f"C-{item.id}", message=listing)
    view = await john.wait_for(lambda m: m.message_id == listing.message_id and "Withdraw" in m.button_texts)
    await john.press("Withdraw", message=view)
    await john.wait_for(lambda m: "will no longer be reviewed" in m.text)
    await john.press("Yes, withdraw it")
    await john.wait_for(lambda m: m.text == f"C-{item.id} was withdrawn.")
    assert (await storage.contribution(item.id)).status == "withdrawn"


async def test_another_persons_item_cannot_be_opened_or_withdrawn(bot, emulator, workshop_id):
    storage = bot.storage
    ana = await participant(emulator, storage, workshop_id, 8003)
    john = await participant(emulator, storage, workshop_id, 8004, english=True)
    await open_phase(storage, workshop_id, "mapping")
    theirs = await _challenge(storage, workshop_id, await person_id(storage, 8003))
    listing = await john.ask("/mine")
    for action in (callbacks.MINE_VIEW, callbacks.MINE_EDIT, callbacks.MINE_WITHDRAW, callbacks.MINE_WITHDRAW_YES):
        await john.press_data(action.data(theirs.id), listing.message_id)
        assert (await john.wait_for_callback_answer())["text"] == "That button is no longer active."
    assert (await storage.contribution(theirs.id)).status == "submitted" and ana


async def test_authors_are_told_in_their_language_and_a_blocked_author_is_marked(bot, emulator, workshop_id):
    storage = bot.storage
    ana = await participant(emulator, storage, workshop_id, 8005)
    john = await participant(emulator, storage, workshop_id, 8006, english=True)
    ana_item = await _challenge(storage, workshop_id, await person_id(storage, 8005), "Falta de <datos>")
    john_item = await _challenge(storage, workshop_id, await person_id(storage, 8006), "No data")
    texts = bot.app.bot_data["services"].texts
    assert await notify_author(bot.app.bot, storage, texts, ana_item.id, "approved") == 1
    told = await ana.wait_for(lambda m: "aprobó" in m.text)
    assert told.text == f"Buenas noticias: la moderación aprobó tu aporte R-{ana_item.id} («Falta de <datos>»)."
    await notify_author(bot.app.bot, storage, texts, john_item.id, "rejected", reason="Off <topic>")
    told = await john.wait_for(lambda m: "not accepted" in m.text)
    assert "Reason: Off <topic>" in told.text
    await notify_author(bot.app.bot, storage, texts, john_item.id, "merged", survivor_id=ana_item.id)
    told = await john.wait_for(lambda m: "merged into" in m.text)
    assert f"was merged into C-{ana_item.id}" in told.text
    john.blocked = True
    assert await notify_author(bot.app.bot, storage, texts, john_item.id, "approved") == 0
    blocked = await storage.fetch_value("SELECT blocked_at FROM people WHERE telegram_id = 8006")
    assert blocked is not None
