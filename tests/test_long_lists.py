"""Full tables and long texts: every list a moderator or rapporteur reads fits Telegram's 4096 characters,
with long texts shortened and long lists in pages, and the buttons stay with the dashboard they belong to."""

from tests.helpers import item, open_phase, seat
from tests.test_moderation_session import moderator_of, table_id

LIMIT = 4096


async def test_the_dashboard_of_a_full_table(bot, emulator, workshop_id):
    storage = bot.storage
    mod = await moderator_of(emulator, storage, workshop_id, table="A", user_id=5401)
    names = [f"Participante {n:02d} Con Nombre Completo Bastante Largo De Verdad" for n in range(40)]
    for n, name in enumerate(names):
        person = await seat(storage, workshop_id, 5500 + n, name, table="A")
        await item(storage, workshop_id, person, "recommendation", table="A", action=f"Recomendación {n} " * 20)
    dashboard = await mod.ask("/mod")
    assert len(dashboard.text) <= LIMIT
    assert "Group A" in dashboard.text and "Members (40)" in dashboard.text
    assert "What came in" in dashboard.text and "📋 Review (40)" in dashboard.button_texts
    await mod.press("👥 Members (40)", message=dashboard)
    page = await mod.next_message()
    seen = set()
    while True:
        assert len(page.text) <= LIMIT
        seen |= {name for name in names if name[:30] in page.text}  # long names are shortened
        if "▶" not in page.button_texts:
            break
        await mod.press("▶", message=page)
        page = await mod.wait_for(lambda m, at=page.message_id, before=page.text: m.message_id == at
                                  and m.text != before)
    assert seen == set(names) and names[0] not in page.text


async def test_the_audit_with_long_rejection_reasons(bot, emulator, workshop_id):
    storage = bot.storage
    mod = await moderator_of(emulator, storage, workshop_id, table="A", user_id=5402)
    mod_id = await storage.fetch_value("SELECT id FROM people WHERE telegram_id = 5402")
    ana = await seat(storage, workshop_id, 5403, "Ana Pérez", table="A")
    rejected = []
    for n in range(9):
        found = await item(storage, workshop_id, ana, "recommendation", table="A", action=f"Idea {n}")
        reason = f"Motivo {n}: " + "esta recomendación no corresponde al nivel de la mesa " * 10
        await storage.moderate_contribution(found, mod_id, "rejected", reason[:500])
        rejected.append((found, reason[:500]))
    trail = await mod.ask("/audit")
    assert len(trail.text) <= LIMIT
    for found, reason in rejected:
        assert f"#{found}" in trail.text
        assert reason[:40] in trail.text and reason not in trail.text  # shortened, still recognisable


async def test_the_audit_of_a_busy_table_comes_in_several_messages(bot, emulator, workshop_id):
    storage = bot.storage
    mod = await moderator_of(emulator, storage, workshop_id, table="A", user_id=5404)
    mod_id = await storage.fetch_value("SELECT id FROM people WHERE telegram_id = 5404")
    ana = await seat(storage, workshop_id, 5405, "Ana Pérez", table="A")
    for n in range(30):
        found = await item(storage, workshop_id, ana, "recommendation", table="A", action=f"Idea {n}")
        await storage.moderate_contribution(found, mod_id, "rejected", "Fuera del nivel de la mesa " * 20)
    first = await mod.ask("/audit")
    last = await mod.wait_for(lambda m: f"rejected #{found - 29} by" in m.text)
    shown = [m for m in mod.messages if first.message_id <= m.message_id <= last.message_id]
    assert len(shown) > 1 and all(len(m.text) <= LIMIT for m in shown)
    assert sum(m.text.count(" · rejected ") for m in shown) == 30


async def test_the_rapporteur_desk_with_long_recommendations(bot, emulator, workshop_id):
    storage = bot.storage
    john_id = await seat(storage, workshop_id, 5406, "John Smith", table="A", language="en")
    a = await table_id(storage, workshop_id)
    await storage.set_rapporteur(workshop_id, a, john_id, None)
    await open_phase(storage, workshop_id, "tables", table="A")
    refs = []
    for n in range(3):
        text = (f"Consolidated recommendation {n}: " + "coordinate the national reception services " * 60)[:2000]
        made, _ = await storage.submit_contribution(
            workshop_id=workshop_id, author_id=john_id, kind="recommendation", level="individual",
            dimensions=["social"], details={"action": text}, attribution="anonymous", language="en", table_id=a,
            consolidated=True)
        refs.append((f"Rec-{made.id}", text))
    john = emulator.user(5406, "John", language_code="en")
    desk = await john.ask("/rapporteur")
    assert len(desk.text) <= LIMIT and "Recommendations of Group A (3)" in desk.text
    for ref, text in refs:
        assert ref in desk.text and text[:60] in desk.text and text not in desk.text
        assert f"✏️ Edit {ref}" in desk.button_texts
