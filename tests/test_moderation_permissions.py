"""Every boundary tried from the wrong side: a participant, the moderator of another table, the rapporteur
of another table. Each gets a clear refusal and nothing changes."""

from handlers import callbacks
from tests.helpers import item, seat
from tests.test_moderation_session import moderator_of, table_id

REFUSED = "Only this table's"


async def test_a_participant_cannot_moderate_even_with_forged_buttons(bot, emulator, workshop_id):
    storage = bot.storage
    ana_id = await seat(storage, workshop_id, 3301, "Ana Pérez", table="A", language="en")
    ana = emulator.user(3301, "Ana", language_code="en")
    target = await item(storage, workshop_id, ana_id, "recommendation", table="A")
    a = await table_id(storage, workshop_id)
    assert "your role does not allow" in (await ana.ask("/mod")).text
    assert "your role does not allow" in (await ana.ask("/audit")).text
    assert "your role does not allow" in (await ana.ask("/phases")).text
    probe = await ana.ask("/help")
    for data in (callbacks.MOD_APPROVE.data(target), callbacks.MOD_REJECT.data(target),
                 callbacks.MOD_MERGE.data(target, target), callbacks.MOD_DASHBOARD.data(a),
                 callbacks.PHASE_OPEN.data(a, "tables"), callbacks.ANNOUNCE.data(a), callbacks.RAP_NAME.data(a, ana_id),
                 callbacks.RAP_NEW.data(a)):
        await ana.press_data(data, probe.message_id)
        assert REFUSED in (await ana.next_message()).text, data
        assert (await ana.wait_for_callback_answer())["show_alert"], data
    assert (await storage.contribution(target)).status == "submitted"
    assert await storage.rapporteur(workshop_id, a) is None
    assert all(p.table_id is None for p in await storage.phases(workshop_id))


async def test_the_moderator_of_a_cannot_touch_table_b(bot, emulator, workshop_id):
    storage = bot.storage
    mod = await moderator_of(emulator, storage, workshop_id, table="A")
    ana_id = await seat(storage, workshop_id, 3401, "Ana Pérez", table="A")
    bea_id = await seat(storage, workshop_id, 3402, "Bea Ruiz", table="B")
    ours = await item(storage, workshop_id, ana_id, "recommendation", table="A", action="Ventanilla única en A")
    theirs = await item(storage, workshop_id, bea_id, "recommendation", table="B", action="Secreto de la mesa B")
    b = await table_id(storage, workshop_id, "B")

    dashboard = await mod.ask("/mod")
    assert "Group A" in dashboard.text and "Bea" not in dashboard.text
    await mod.press("📋 Review (1)")
    card = await mod.next_message()
    assert "Secreto" not in card.text  # another table's item is never suggested or shown
    for data in (callbacks.MOD_APPROVE.data(theirs), callbacks.MOD_REJECT.data(theirs), callbacks.MOD_DASHBOARD.data(b),
                 callbacks.MOD_AUDIT.data(b), callbacks.PHASE_OPEN.data(b, "tables"), callbacks.ANNOUNCE.data(b),
                 callbacks.RAP_NAME.data(b, bea_id), callbacks.MOD_MERGE.data(theirs, ours)):
        await mod.press_data(data, card.message_id)
        assert REFUSED in (await mod.next_message()).text, data
    # Merging our item into theirs: the survivor belongs to another table.
    await mod.press_data(callbacks.MOD_MERGE.data(ours, theirs), card.message_id)
    assert REFUSED in (await mod.next_message()).text
    assert (await storage.contribution(theirs)).status == "submitted"
    assert (await storage.contribution(ours)).status == "submitted"
    assert await storage.audit_entries(workshop_id, b) == []


async def test_the_rapporteur_of_a_cannot_draft_for_b(bot, emulator, workshop_id):
    storage = bot.storage
    john_id = await seat(storage, workshop_id, 3501, "John Smith", table="A", language="en")
    bea_id = await seat(storage, workshop_id, 3502, "Bea Ruiz", table="B")
    a, b = await table_id(storage, workshop_id), await table_id(storage, workshop_id, "B")
    await storage.set_rapporteur(workshop_id, a, john_id, None)
    theirs, _ = await storage.submit_contribution(
        workshop_id=workshop_id, author_id=bea_id, kind="recommendation", level="community", dimensions=["social"],
        details={"action": "Consolidated B"}, attribution="anonymous", language="es", table_id=b, consolidated=True)
    john = emulator.user(3501, "John", language_code="en")
    desk = await john.ask("/rapporteur")
    assert "Recommendations of Group A" in desk.text
    for data in (callbacks.RAP_EDIT.data(theirs.id), callbacks.RAP_NEW.data(b), callbacks.RAP_FROM_ITEMS.data(b),
                 callbacks.RAP_DOCUMENT.data(b), callbacks.RAP_PICK.data(a), callbacks.MOD_DASHBOARD.data(a)):
        await john.press_data(data, desk.message_id)
        assert "Only this table's" in (await john.next_message()).text, data
    assert await storage.versions(theirs.id) == []


async def test_naming_another_rapporteur_replaces_the_first(bot, emulator, workshop_id):
    storage = bot.storage
    mod = await moderator_of(emulator, storage, workshop_id, table="A")
    first = await seat(storage, workshop_id, 3601, "Ana Pérez", table="A")
    second = await seat(storage, workshop_id, 3602, "Luis Gómez", table="A")
    outsider = await seat(storage, workshop_id, 3603, "Bea Ruiz", table="B")
    a = await table_id(storage, workshop_id)
    dashboard = await mod.ask("/mod")
    for person in (first, second):
        await mod.press_data(callbacks.RAP_NAME.data(a, person), dashboard.message_id)
        assert "is now the rapporteur" in (await mod.next_message()).text
    assert await storage.rapporteur(workshop_id, a) == second
    assert [r.role for r in await storage.roles(workshop_id, first)] == ["participant"]
    await mod.press_data(callbacks.RAP_NAME.data(a, outsider), dashboard.message_id)
    assert "not a member of this table" in (await mod.next_message()).text
    assert await storage.rapporteur(workshop_id, a) == second
