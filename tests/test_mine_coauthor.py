"""After a merge, the author of the merged item is credited on the survivor: they see it in /mine, but only
its own author may edit or withdraw it, whatever button is pressed."""

from handlers import callbacks
from tests.helpers import item, open_phase, seat


async def test_a_co_author_sees_the_survivor_read_only_and_cannot_withdraw_it(bot, emulator, workshop_id):
    storage = bot.storage
    ana_id = await seat(storage, workshop_id, 8101, "Ana Pérez", table="A")
    luis_id = await seat(storage, workshop_id, 8102, "Luis Gómez", table="A", country="HN")
    moderator_id = await seat(storage, workshop_id, 8103, "Marta Mod", role="moderator", table="A")
    survivor = await item(storage, workshop_id, ana_id, "challenge", table="A", description="Sin albergues")
    merged = await item(storage, workshop_id, luis_id, "challenge", table="A", description="No hay albergues")
    await storage.merge_contributions(merged, survivor, moderator_id)
    await open_phase(storage, workshop_id, "mapping")
    luis = emulator.user(8102, "Luis", language_code="es")

    listing = await luis.ask("/mine")
    assert f"R-{survivor}" in listing.text and f"R-{merged}" in listing.text
    await luis.press(f"R-{survivor}", message=listing)
    view = await luis.wait_for(lambda m: m.message_id == listing.message_id and "Sin albergues" in m.text)
    assert "Editar" not in view.button_texts and "Retirar" not in view.button_texts
    assert "coautor" in view.text

    for action in (callbacks.MINE_EDIT, callbacks.MINE_WITHDRAW, callbacks.MINE_WITHDRAW_YES):  # forged presses
        await luis.press_data(action.data(survivor), listing.message_id)  # the item is not his to change
        assert (await luis.wait_for_callback_answer())["text"] == "Solo quien lo escribió puede cambiarlo."
    assert (await storage.contribution(survivor)).status == "submitted"
    assert await storage.dialogue(luis_id) is None

    ana = emulator.user(8101, "Ana", language_code="es")
    listing = await ana.ask("/mine")
    await ana.press(f"R-{survivor}", message=listing)
    view = await ana.wait_for(lambda m: m.message_id == listing.message_id and "Retirar" in m.button_texts)
    assert "Editar" in view.button_texts
