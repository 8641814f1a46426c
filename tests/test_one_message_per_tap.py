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


async def test_the_language_question_and_a_moderators_card_keep_no_dead_buttons(bot, emulator, workshop_id):
    """The language asked at the first /start, and each review card a moderator decides on (approve, next,
    reject), show the choice in place of their buttons: pressing an old card's "Approve" again is not offered."""
    from tests.helpers import invitation, item, seat
    from tests.test_moderation_session import moderator_of

    storage = bot.storage
    token = await invitation(storage, workshop_id)
    ana = emulator.user(7811, "Ana", language_code="es")
    await ana.send_text(f"/start {token}")
    asked = await ana.wait_for(lambda m: m.has_button("English"))
    await ana.press("English", message=asked)
    await ana.wait_for(lambda m: m.message_id == asked.message_id and m.button_texts == ["✓ English"])

    mod = await moderator_of(emulator, storage, workshop_id, table="A", user_id=7812)
    luis = await seat(storage, workshop_id, 7813, "Luis Gómez", table="A")
    await open_phase(storage, workshop_id, "mapping")
    for text in ("Falta de empleo formal para quienes retornan", "Escasa atención en salud mental comunitaria",
                 "Documentos de identidad que tardan meses en emitirse"):
        await item(storage, workshop_id, luis, table="A", description=text)
    dashboard = await mod.ask("/mod")
    await mod.press(next(b for b in dashboard.button_texts if b.startswith("📋")), message=dashboard)
    first = await mod.next_message()
    await mod.press("✅ Approve", message=first)
    await mod.wait_for(lambda m: m.message_id == first.message_id and m.button_texts == ["✓ ✅ Approve"])
    second = await mod.wait_for(lambda m: m.message_id > first.message_id and "⏭ Next" in m.button_texts)
    await mod.press("⏭ Next", message=second)
    await mod.wait_for(lambda m: m.message_id == second.message_id and m.button_texts == ["✓ ⏭ Next"])
    third = await mod.wait_for(lambda m: m.message_id > second.message_id and "❌ Reject" in m.button_texts)
    await mod.press("❌ Reject", message=third)
    await mod.wait_for(lambda m: m.message_id == third.message_id and m.button_texts == ["✓ ❌ Reject"])
    cards = [m for m in mod.messages if m.message_id in (first.message_id, second.message_id, third.message_id)]
    assert all(t.startswith("✓ ") for m in cards for t in m.button_texts)
