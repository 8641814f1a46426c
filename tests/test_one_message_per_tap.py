"""One message per tap: a press shows the choice in place of the question's buttons (no dead buttons left
behind), and a tick in a list redraws the same message instead of sending the question again."""

from tests.helpers import open_phase, participant


async def test_each_answered_question_shows_its_choice_and_keeps_no_dead_buttons(bot, emulator, workshop_id):
    storage = bot.storage
    ana = await participant(emulator, storage, workshop_id, 7801)
    await open_phase(storage, workshop_id, "mapping")
    await ana.ask("/challenge")
    level = await ana.ask("Falta de empleo formal para quienes retornan")
    await ana.press("Comunitario", message=level)
    dims = await ana.next_message()
    shown = await ana.wait_for(lambda m: m.message_id == level.message_id and m.button_texts == ["✓ Comunitario"])
    assert shown.text == level.text
    before = len(ana.messages)
    for option in ("Social", "Psicosocial", "✓ Social"):  # tick, tick, untick
        await ana.press(option, message=dims)
        await ana.wait_for(lambda m, o=option: m.message_id == dims.message_id and o not in m.button_texts)
    ticked = await ana.wait_for(lambda m: m.message_id == dims.message_id and "✓ Psicosocial" in m.button_texts)
    assert "Social" in ticked.button_texts
    assert len(ana.messages) == before  # three ticks, no new message
    await ana.press("Listo", message=ticked)
    await ana.wait_for(lambda m: m.message_id == dims.message_id and m.button_texts == ["✓ Psicosocial"])
    groups = await ana.next_message()
    await ana.press("Ninguno de estos", message=groups)
    credit = await ana.next_message()
    await ana.press(credit.button_texts[0], message=credit)
    summary = await ana.next_message()
    await ana.press("Enviar", message=summary)
    await ana.wait_for(lambda m: "R-" in m.text)
    await ana.wait_for(lambda m: m.message_id == summary.message_id and m.button_texts == ["✓ Enviar"])
    answered = [m for m in ana.messages if m.message_id >= level.message_id and m.buttons]
    assert all(t.startswith("✓ ") for m in answered for t in m.button_texts)  # no buttons that no longer work
