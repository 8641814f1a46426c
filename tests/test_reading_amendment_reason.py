"""An amendment in the joint reading keeps its reason (WORKSHOP.md §3.6), and the original wording stays in
the recommendation's history."""

from tests.helpers import item, seat


async def test_an_amendment_is_recorded_with_its_reason(bot, emulator, workshop_id):
    storage = bot.storage
    ana_id = await seat(storage, workshop_id, 6601, "Ana Pérez", table="A")
    recommendation = await item(storage, workshop_id, ana_id, "recommendation", table="A",
                                action="Crear una mesa interinstitucional")
    await seat(storage, workshop_id, 6602, "Sara Secretaría", role="secretariat", country=None)
    sara = emulator.user(6602, "Sara", language_code="es")
    await sara.ask("/reading")  # the reading's list, then the first card
    await sara.press("Adoptar con enmiendas", message=await sara.next_message())
    await sara.next_message()
    asked = await sara.ask("Crear una mesa interinstitucional con presupuesto propio")
    assert asked.text.startswith(f"¿Por qué se enmendó Rec-{recommendation}?") and asked.button_texts == ["Omitir"]
    done = await sara.ask("La plenaria pidió <financiamiento> asegurado")
    assert done.text.startswith(f"Rec-{recommendation} adoptada con enmiendas")

    amended = await storage.contribution(recommendation)
    assert (amended.status, amended.status_reason, amended.details["action"]) == (
        "adopted_amended", "La plenaria pidió <financiamiento> asegurado",
        "Crear una mesa interinstitucional con presupuesto propio")
    assert (await storage.versions(recommendation))[0]["details"]["action"] == "Crear una mesa interinstitucional"
