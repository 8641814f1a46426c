"""A plenary comment typed after the plenary closed is not kept: the step ends, saying the plenary is closed.
The card's buttons say what pressing them does."""

from tests.helpers import item, open_phase, person_id, seat


async def test_a_comment_arriving_after_the_plenary_closed_is_refused(bot, emulator, workshop_id):
    storage = bot.storage
    ana_id = await seat(storage, workshop_id, 6501, "Ana Pérez", table="A")
    await item(storage, workshop_id, ana_id, "recommendation", table="A")
    await open_phase(storage, workshop_id, "plenary")
    ana = emulator.user(6501, "Ana", language_code="es")
    card = await ana.ask("/plenary")
    assert card.button_texts[:2] == ["👍 Apoyar", "👎 Objetar"]  # verbs, like the other buttons
    await ana.press("💬 Comentar", message=card)
    assert "Escribe tu comentario" in (await ana.next_message()).text

    await open_phase(storage, workshop_id, "plenary", state="closed")  # the secretariat closes it meanwhile
    late = await ana.ask("Hace falta presupuesto")
    assert late.text.startswith("La plenaria no está abierta ahora.")
    assert await storage.fetch_value("SELECT count(*) FROM feedback") == 0
    assert await storage.dialogue(await person_id(storage, 6501)) is None
