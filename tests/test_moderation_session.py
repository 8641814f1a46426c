"""A working table's session, as its moderator runs it: open the table, review what arrives (merge a
duplicate, approve, reject with a reason the author reads), name a rapporteur who consolidates, and the
agenda closes the table on time after a reminder."""

import datetime as dt

from bot.jobs import scheduler as phases
from tests.helpers import invitation, item, register, seat


async def moderator_of(emulator, storage, workshop_id, table="A", user_id=3001, name="Marta Mod"):
    """A moderator who joined with a moderator link for ``table`` and registered, in English."""
    token = await invitation(storage, workshop_id, "moderator", table=table)
    user = emulator.user(user_id, name.split()[0], language_code="en")
    await register(user, token, language="English", name=name, affiliation="Mexico", table=None)
    return user


async def table_id(storage, workshop_id, code="A"):
    return {t.code: t.id for t in await storage.working_tables(workshop_id)}[code]


async def test_a_full_table_session(bot, emulator, workshop_id):
    storage = bot.storage
    mod = await moderator_of(emulator, storage, workshop_id)
    ana_id = await seat(storage, workshop_id, 3101, "Ana Pérez", table="A", country="GT")
    john_id = await seat(storage, workshop_id, 3102, "John Smith", table="A", country="US", language="en")
    luis_id = await seat(storage, workshop_id, 3103, "Luis Gómez", table="A", country="HN")
    ana, john, luis = emulator.user(3101), emulator.user(3102), emulator.user(3103)
    a = await table_id(storage, workshop_id)

    # The moderator opens the table's phase by hand; the members are told.
    menu = await mod.ask("/phases")
    assert "Phases of Group A" in menu.text
    await mod.press(menu.button_texts[0])
    assert "Opened for your table" in (await mod.next_message()).text
    assert "está abierta para tu mesa" in (await ana.wait_for(lambda m: "abierta" in m.text)).text

    # Items arrive: two say the same thing, in two languages.
    first = await item(storage, workshop_id, ana_id, "recommendation", table="A", dimensions=("economic",),
                       action="Crear una ventanilla única de atención a personas retornadas en cada punto de llegada")
    second = await item(storage, workshop_id, john_id, "recommendation", table="A", dimensions=("social",),
                        language="en", action="Set up a one-stop service window for returnees at every arrival point")
    third = await item(storage, workshop_id, luis_id, "recommendation", table="A",
                       action="Buy more computers for the ministry")

    dashboard = await mod.ask("/mod")
    assert "Group A" in dashboard.text and "Members (3)" in dashboard.text
    assert "Ana Pérez (Guatemala)" in dashboard.text and "1 recommendation(s)" in dashboard.text
    assert "to review: 3" in dashboard.text
    assert "Still empty at the Individual level: Psychosocial" in dashboard.text

    # Review: the first item's duplicate is suggested, and merged in one tap.
    await mod.press("📋 Review (3)")
    card = await mod.next_message()
    assert f"Rec-{first}" in card.text and "Most similar items" in card.text and f"Rec-{second}" in card.text
    await mod.press(f"🔗 Merge into Rec-{second}", message=card)
    assert f"merged into Rec-{second}" in (await mod.next_message()).text
    told = await ana.wait_for(lambda m: "fusionó" in m.text)
    assert f"Rec-{second}" in told.text
    merged, survivor = await storage.contribution(first), await storage.contribution(second)
    assert (merged.status, merged.merged_into) == ("merged", second)
    assert {p for p, _ in await storage.authors(second)} == {ana_id, john_id}
    assert set(survivor.dimensions) == {"economic", "social"}

    card = await mod.next_message()
    assert f"Rec-{second}" in card.text
    await mod.press("✅ Approve", message=card)
    assert "approved" in (await mod.next_message()).text
    await john.wait_for(lambda m: "was approved" in m.text)

    card = await mod.next_message()
    assert f"Rec-{third}" in card.text
    await mod.press("❌ Reject", message=card)
    assert "Why is" in (await mod.next_message()).text
    done = await mod.ask("Outside the table's level & scope <b>")
    assert "rejected" in done.text and "told why" in done.text
    notice = await luis.wait_for(lambda m: "no fue aceptado" in m.text)
    assert "Outside the table's level & scope <b>" in notice.text
    assert (await storage.contribution(third)).status_reason == "Outside the table's level & scope <b>"
    assert "Nothing left to review" in (await mod.next_message()).text

    # The moderator names John rapporteur; John consolidates the approved item.
    await mod.press("🖊 Rapporteur", message=dashboard)
    await mod.press("John Smith", message=await mod.next_message())
    assert "John Smith is now the rapporteur" in (await mod.next_message()).text
    await john.wait_for(lambda m: "named rapporteur" in m.text)
    desk = await john.ask("/rapporteur")
    assert "Recommendations of Group A" in desk.text
    await john.press("➕ From members' items", message=desk)
    pick = await john.next_message()
    await john.press(next(t for t in pick.button_texts if f"Rec-{second}" in t), message=pick)
    ticked = await john.wait_for(lambda m: m.message_id == pick.message_id and m.button_texts[0].startswith("✅"))
    await john.press("Done choosing", message=ticked)  # the tick redrew the same list: one message per tap
    await john.next_message()
    dims = await john.ask("One-stop windows at every arrival point, run with municipalities")
    assert dims.has_button("✅ Economic") and dims.has_button("✅ Social")
    await john.press("💾 Save", message=dims)
    saved = await john.next_message()
    assert "Saved as Rec-" in saved.text
    consolidated = [i for i in await storage.contributions(workshop_id, table_id=a) if i.consolidated]
    assert len(consolidated) == 1 and await storage.links(consolidated[0].id) == [(second, "consolidates")]

    # The agenda moves the table's close to two seconds from now: a reminder, then the close, on time.
    closes = (dt.datetime.now(dt.UTC) + dt.timedelta(seconds=1.5)).isoformat(timespec="milliseconds")
    await storage.set_phase_schedule(workshop_id, "tables", a, closes_at=closes, reminder_minutes=5)
    await phases.reschedule(bot.app)
    assert "se cierra en 1 min" in (await luis.wait_for(lambda m: "se cierra" in m.text)).text
    await luis.wait_for(lambda m: "quedó cerrada" in m.text)
    await john.wait_for(lambda m: "is now closed" in m.text)
    row = next(p for p in await storage.phases(workshop_id) if p.table_id == a and p.code == "tables")
    assert row.state == "closed" and row.reminded_at and row.closed_at

    edit = await john.ask("/rapporteur")
    assert "can no longer change" in edit.text and not any(t.startswith("✏️") for t in edit.button_texts)

    trail = await mod.ask("/audit")
    for action in ("merged", "approved", "rejected", "named the rapporteur", "drafted a table recommendation",
                   "opened the phase", "phase closed on schedule"):
        assert action in trail.text, action


async def test_an_edit_keeps_the_original_in_the_history_and_the_audit(bot, emulator, workshop_id):
    storage = bot.storage
    mod = await moderator_of(emulator, storage, workshop_id)
    ana_id = await seat(storage, workshop_id, 3201, "Ana Pérez", table="A")
    ana = emulator.user(3201)
    found = await item(storage, workshop_id, ana_id, "challenge", table="A", description="Falta de empleo formal")
    await mod.ask("/mod")
    await mod.press("📋 Review (1)")
    card = await mod.next_message()
    await mod.press("✏️ Edit", message=card)
    await mod.next_message()
    assert (await mod.next_message()).text == "Falta de empleo formal"  # the current text, ready to copy
    assert f"C-{found} edited" in (await mod.ask("Falta de empleo formal para personas retornadas")).text
    await ana.wait_for(lambda m: "editó tu aporte" in m.text)
    history = await storage.versions(found)
    assert history[0]["details"]["description"] == "Falta de empleo formal"
    assert (await storage.contribution(found)).details["description"].endswith("personas retornadas")
    entry = (await storage.audit_entries(workshop_id, await table_id(storage, workshop_id)))[0]
    assert entry.action == "edit" and entry.before["details"]["description"] == "Falta de empleo formal"
