"""Challenges: from the invitation link to a stored item, in Spanish and English, and what is refused."""

from handlers import callbacks
from tests.helpers import open_phase, participant, person_id


async def test_a_spanish_participant_sends_a_challenge_in_the_mapping_phase(bot, emulator, workshop_id):
    storage = bot.storage
    ana = await participant(emulator, storage, workshop_id, 5001)
    await open_phase(storage, workshop_id, "mapping")
    question = await ana.ask("/challenge")
    assert "Nuevo reto" in question.text and "Describe el reto" in question.text
    assert "hasta 2000 caracteres" in question.text
    level = await ana.ask("Falta de albergues <temporales> & atención psicosocial")
    assert level.text == "¿A qué nivel de reintegración se refiere?"
    assert level.button_texts == ["Individual", "Comunitario", "Estructural"]
    await ana.press("Comunitario")
    dims = await ana.next_message()
    assert dims.button_texts == ["Económica", "Social", "Psicosocial", "Listo"]
    await ana.press("Listo")
    assert "al menos una" in (await ana.next_message()).text
    await ana.press("Social", message=dims)
    await ana.press("Psicosocial", message=dims)
    ticked = await ana.wait_for(lambda m: m.message_id == dims.message_id and "✓ Psicosocial" in m.button_texts)
    assert ticked.button_texts[:3] == ["Económica", "✓ Social", "✓ Psicosocial"]
    await ana.press("Listo", message=ticked)
    groups = await ana.next_message()
    assert "Mujeres" in groups.button_texts and "Ninguno de estos" in groups.button_texts
    await ana.press("Mujeres")
    await ana.wait_for(lambda m: "✓ Mujeres" in m.button_texts)
    await ana.press("Listo", message=groups)
    credit = await ana.next_message()
    assert "Con tu nombre: Ana Pérez (Guatemala)" in credit.text
    await ana.press("Solo mi país u organización")
    summary = await ana.next_message()
    assert "Reto: Falta de albergues <temporales> & atención psicosocial" in summary.text
    assert "Dimensiones: Social, Psicosocial" in summary.text and "Grupos más afectados: Mujeres" in summary.text
    assert summary.button_texts == ["Enviar", "Editar", "Cancelar"]
    send_data = summary.button_data("Enviar")
    await ana.press("Enviar")
    sent = await ana.next_message()
    pid = await person_id(storage, 5001)
    [item] = await storage.contributions(workshop_id, author_id=pid)
    assert f"quedó guardado como R-{item.id}" in sent.text
    assert (item.kind, item.level, item.dimensions, item.attribution, item.phase_kind, item.language) == (
        "challenge", "community", ("psychosocial", "social"), "country", "mapping", "es")
    assert item.details == {"description": "Falta de albergues <temporales> & atención psicosocial",
                            "groups": ["women"]}
    # A second press on "send" (a double tap) creates nothing and is answered as stale.
    await ana.press_data(send_data, summary.message_id)
    assert (await ana.wait_for_callback_answer())["text"] == "Ese botón ya no está activo."
    assert len(await storage.contributions(workshop_id)) == 1


async def test_outside_the_phases_the_person_is_told_what_opens_next(bot, emulator, workshop_id):
    storage = bot.storage
    john = await participant(emulator, storage, workshop_id, 5002, english=True)
    await storage.conn.execute("UPDATE phases SET opens_at = '2099-01-10T16:00:00+00:00', "
                               "closes_at = '2099-01-10T18:00:00+00:00' WHERE code = 'mapping'")
    refused = await john.ask("/challenge")
    assert "Challenges cannot be sent right now." in refused.text
    assert "Nothing can be sent at this moment." in refused.text
    assert "Participatory dialogue" in refused.text and "2099-01-10 10:00 (America/Mexico_City time)" in refused.text
    await open_phase(storage, workshop_id, "annex-i")
    refused = await john.ask("/recommend")
    assert "Open now: Challenge, Good practice." in refused.text
    assert await storage.dialogue(await person_id(storage, 5002)) is None


async def test_an_overlong_challenge_is_refused_with_the_limit_and_handed_back(bot, emulator, workshop_id):
    storage = bot.storage
    john = await participant(emulator, storage, workshop_id, 5003, english=True)
    await open_phase(storage, workshop_id, "mapping")
    await john.ask("/challenge")
    text = "é" * 2001
    refused = await john.ask(text)
    assert "2001 characters and the limit is 2000" in refused.text
    assert (await john.next_message()).text == text
    assert "Which level" in (await john.ask("Shorter")).text


async def test_typing_where_buttons_are_expected_asks_again(bot, emulator, workshop_id):
    storage = bot.storage
    john = await participant(emulator, storage, workshop_id, 5004, english=True)
    await open_phase(storage, workshop_id, "mapping")
    await john.ask("/challenge")
    await john.ask("No jobs for returnees")
    assert "pick one of the options" in (await john.ask("Community")).text
    assert (await john.next_message()).button_texts == ["Individual", "Community", "Structural"]


async def test_a_stale_or_foreign_button_is_answered_not_obeyed(bot, emulator, workshop_id):
    storage = bot.storage
    john = await participant(emulator, storage, workshop_id, 5005, english=True)
    await open_phase(storage, workshop_id, "mapping")
    await john.ask("/challenge")
    level = await john.ask("No jobs for returnees")
    await john.press("Individual")
    await john.next_message()
    await john.press("Structural", message=level)  # an earlier step's button
    assert (await john.wait_for_callback_answer())["text"] == "That button is no longer active."
    another_flows = callbacks.FLOW_PRESS.data("recommendation", "summary", "send")
    await john.press_data(another_flows, level.message_id)  # another flow's button
    assert (await john.wait_for_callback_answer())["text"] == "That button is no longer active."
    dialogue = await storage.dialogue(await person_id(storage, 5005))
    assert (dialogue.flow, dialogue.step, dialogue.data["values"]["level"]) == ("challenge", "dimensions", "individual")
    assert await storage.contributions(workshop_id) == []


async def test_a_restart_mid_conversation_loses_nothing(bot, emulator, workshop_id):
    storage = bot.storage
    john = await participant(emulator, storage, workshop_id, 5006, english=True)
    await open_phase(storage, workshop_id, "mapping")
    await john.ask("/challenge")
    await john.ask("Returnees lack ID documents")
    await john.press("Structural")
    dims = await john.next_message()
    await john.press("Social")
    await john.wait_for(lambda m: "✓ Social" in m.button_texts)
    await bot.restart()
    await john.press("Done", message=dims)
    await john.next_message()
    await john.press("None of these")
    await john.next_message()
    await john.press("Anonymous")
    summary = await john.next_message()
    assert "Challenge: Returnees lack ID documents" in summary.text and "Dimensions: Social" in summary.text
    await john.press("Send")
    assert "stored as C-" in (await john.next_message()).text
    [item] = await bot.storage.contributions(workshop_id)  # a new store after the restart
    assert (item.level, item.dimensions, item.details.get("groups")) == ("structural", ("social",), [])


async def test_in_table_work_the_level_is_preset_to_the_tables(bot, emulator, workshop_id):
    storage = bot.storage
    john = await participant(emulator, storage, workshop_id, 5007, english=True, table="B")
    await open_phase(storage, workshop_id, "mapping")
    await open_phase(storage, workshop_id, "tables")
    await john.ask("/challenge")
    level = await john.ask("Stigma against returnees")
    assert level.button_texts == ["Individual", "✓ Community", "Structural"]
