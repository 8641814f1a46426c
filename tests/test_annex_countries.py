"""Annex I gathers the challenges and good practices of each member country: while it is open, only members
who represent a country send; anyone else is told why, and can send once the mapping opens."""

from tests.helpers import open_phase, seat


async def test_only_country_representatives_send_to_annex_i(bot, emulator, workshop_id):
    storage = bot.storage
    oim_id = await seat(storage, workshop_id, 5801, "Olga Org", table=None, country=None, language="en")
    await storage.update_membership(workshop_id, oim_id, organisation="se-crm")
    await seat(storage, workshop_id, 5802, "Ana Pérez", table=None, country="GT")
    olga = emulator.user(5801, "Olga", language_code="en")
    ana = emulator.user(5802, "Ana", language_code="es")
    await open_phase(storage, workshop_id, "annex-i")

    for command in ("/challenge", "/practice"):
        refused = await olga.ask(command)
        assert "Annex I gathers what each member country" in refused.text, command
        assert await storage.dialogue(oim_id) is None
    assert "Anexo I" in (await ana.ask("/challenge")).text  # a country's delegate is asked the first question

    await open_phase(storage, workshop_id, "annex-i", state="closed")
    await open_phase(storage, workshop_id, "mapping")
    assert "Describe the challenge" in (await olga.ask("/challenge")).text
