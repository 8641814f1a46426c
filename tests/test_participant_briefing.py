"""/briefing: short pages edited in place, in both languages, and the privacy of table work."""

from handlers import callbacks
from tests.helpers import open_phase, participant, person_id


async def _read_all(user, first):
    """Press "next" until the last page; every page is one edit of the same message."""
    seen = [first.text]
    message = first
    while any(t.startswith(("Next", "Siguiente")) for t in message.button_texts):
        label = next(t for t in message.button_texts if t.startswith(("Next", "Siguiente")))
        await user.press(label, message=message)
        mid = message.message_id
        message = await user.wait_for(lambda m, mid=mid: m.message_id == mid and m.text not in seen)
        seen.append(message.text)
    return seen, message


async def test_the_spanish_briefing_pages_through_the_table_level(bot, emulator, workshop_id):
    ana = await participant(emulator, bot.storage, workshop_id, 4001, table="B")
    first = await ana.ask("/briefing")
    assert first.text.startswith("Nivel Comunitario: qué significa")
    assert "Página 1 de" in first.text and first.button_texts == ["Siguiente ›"]
    pages, last = await _read_all(ana, first)
    assert len(pages) >= 6 and all(len(p) < 2500 for p in pages)
    joined = "\n".join(pages)
    for heading in ("Las tres dimensiones en el nivel Comunitario", "Preguntas orientadoras", "Ejemplos de respuesta",
                    "Quién puede actuar", "Temas transversales", "Ya enviado para el nivel Comunitario"):
        assert heading in joined
    assert "Fuente: s002 §4.2" in joined
    assert "Todavía nada" in last.text
    assert len([m for m in ana.messages if "Página" in m.text]) == 1  # one message, edited
    await ana.press("‹ Anterior", message=last)
    back = await ana.wait_for(lambda m: m.message_id == last.message_id and m.text == pages[-2])
    assert back.text == pages[-2]


async def test_the_english_briefing_lists_items_sent_with_their_credit(bot, emulator, workshop_id):
    john = await participant(emulator, bot.storage, workshop_id, 4002, english=True, table="C")
    pid = await person_id(bot.storage, 4002)
    storage = bot.storage
    shown, _ = await storage.submit_contribution(
        workshop_id=workshop_id, author_id=pid, kind="challenge", level="structural", dimensions=["social"],
        details={"description": "No <referral> system & no data"}, attribution="named", language="en")
    anon, _ = await storage.submit_contribution(
        workshop_id=workshop_id, author_id=pid, kind="good_practice", level="structural", dimensions=["economic"],
        details={"name": "One-stop shop"}, attribution="anonymous", language="en")
    rejected, _ = await storage.submit_contribution(
        workshop_id=workshop_id, author_id=pid, kind="challenge", level="structural", dimensions=["social"],
        details={"description": "Spam"}, attribution="named", language="en", status="rejected")
    other_level, _ = await storage.submit_contribution(
        workshop_id=workshop_id, author_id=pid, kind="challenge", level="individual", dimensions=["social"],
        details={"description": "Elsewhere"}, attribution="named", language="en")
    first = await john.ask("/briefing")
    assert first.text.startswith("Structural level: what it means")
    _, last = await _read_all(john, first)
    assert f"C-{shown.id} (Challenge) No <referral> system & no data\nJohn Smith (Mexico)" in last.text
    assert f"G-{anon.id} (Good practice) One-stop shop\nAnonymous" in last.text
    assert "Spam" not in last.text and "Elsewhere" not in last.text and rejected and other_level


async def test_during_table_work_a_member_sees_only_their_own_tables_recommendations(bot, emulator, workshop_id):
    storage = bot.storage
    ana = await participant(emulator, storage, workshop_id, 4003, table="A")
    await participant(emulator, storage, workshop_id, 4004, table="A", name="Otra Persona")
    await open_phase(storage, workshop_id, "tables")
    tables = {t.code: t.id for t in await storage.working_tables(workshop_id)}
    for telegram_id, table, text in ((4004, "A", "Own table idea"), (4004, "B", "Other table idea")):
        await storage.submit_contribution(
            workshop_id=workshop_id, author_id=await person_id(storage, telegram_id), kind="recommendation",
            level="individual", dimensions=["social"], details={"action": text}, attribution="named",
            language="es", table_id=tables[table])
    _, last = await _read_all(ana, await ana.ask("/briefing"))
    assert "Own table idea" in last.text and "Other table idea" not in last.text


async def test_a_forged_page_number_is_answered_not_obeyed(bot, emulator, workshop_id):
    ana = await participant(emulator, bot.storage, workshop_id, 4005)
    first = await ana.ask("/briefing")
    await ana.press_data(callbacks.BRIEF_PAGE.data("individual", 99), first.message_id)
    answer = await ana.wait_for_callback_answer()
    assert answer["text"] == "Ese botón ya no está activo." or "activo" in (answer["text"] or "")
    assert ana.messages[-1].text == first.text
