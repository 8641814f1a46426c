"""The secretariat looks after its invitation links: the list (who each admits, uses, expiry, what no longer
works), a new link per role and table with an expiry and a use limit, cancelling one from the list, and one
printable sheet of labelled QR codes."""

import datetime as dt

from bot.domain import clock
from handlers import callbacks
from tests.helpers import choose_language, invitation, seat
from tests.reports.pdftext import text as pdf_text


async def _secretariat(bot, emulator, workshop_id):
    await seat(bot.storage, workshop_id, 7001, "Sara Secretaría", role="secretariat", country=None, language="en")
    return emulator.user(7001, "Sara", language_code="en")


async def _links(bot, workshop_id):
    return {i.label: i for i in await bot.storage.invitations(workshop_id)}


async def test_the_list_shows_each_active_link_with_its_uses_and_expiry_and_counts_the_others(bot, emulator,
                                                                                            workshop_id):
    storage = bot.storage
    sara = await _secretariat(bot, emulator, workshop_id)
    soon = dt.datetime.now(dt.UTC) + dt.timedelta(days=2)
    await invitation(storage, workshop_id, label="Delegations <day 1>")
    await invitation(storage, workshop_id, "moderator", table="B", max_uses=2, expires_at=soon)
    gone = await invitation(storage, workshop_id, label="Old link")
    await storage.revoke_invitation(gone)
    await invitation(storage, workshop_id, label="Past", expires_at=dt.datetime.now(dt.UTC) - dt.timedelta(hours=1))

    shown = await sara.ask("/links")
    assert "Active invitation links (2)" in shown.text
    assert "Delegations <day 1>\nParticipants · used 0 · no expiry\nhttps://t.me/" in shown.text
    assert "Moderators · Group B\nModerators · Group B · used 0 of 2 · until" in shown.text
    assert "Old link" not in shown.text and "Past" not in shown.text
    assert "No longer working: 1 expired, 0 used up, 1 cancelled." in shown.text
    assert shown.button_texts == ["✖ Cancel: Delegations <day 1>", "✖ Cancel: Moderators · Group B",
                                  "➕ New link", "🖨 QR sheet (PDF)"]


async def test_a_new_link_for_a_table_s_moderators_with_an_expiry_and_a_use_limit(bot, emulator, workshop_id):
    storage = bot.storage
    sara = await _secretariat(bot, emulator, workshop_id)
    await sara.ask("/links")
    await sara.press("➕ New link")
    assert "Who is the new link for?" in (await sara.next_message()).text
    await sara.press("Moderators · Group A")
    assert "Until when" in (await sara.next_message()).text
    await sara.press("3 days")
    assert "How many people" in (await sara.next_message()).text
    assert "whole number" in (await sara.ask("two")).text  # typed, but not a number: asked again
    await sara.next_message()
    await sara.send_text("2")
    asked = await sara.wait_for(lambda m: "What should the link be called" in m.text)
    assert asked.button_texts == ["Keep: Moderators · Group A"]
    await sara.send_text("Mesa A – moderación")
    created = await sara.wait_for(lambda m: m.text.startswith("New link"))
    assert "Mesa A – moderación\nModerators · Group A · used 0 of 2 · until" in created.text

    link = (await _links(bot, workshop_id))["Mesa A – moderación"]
    table_a = {t.code: t.id for t in await storage.working_tables(workshop_id)}["A"]
    assert (link.role, link.table_id, link.max_uses) == ("moderator", table_a, 2)
    expires = clock.parse(link.expires_at) - dt.datetime.now(dt.UTC)
    assert dt.timedelta(days=3) - dt.timedelta(minutes=5) < expires <= dt.timedelta(days=3)

    # Someone opens it: they join as the table's moderator, and the list counts the use.
    newcomer = emulator.user(7101, "Marta", language_code="en")
    await choose_language(newcomer, link.token)
    await newcomer.next_message()
    roles = await storage.fetch_all("SELECT r.role, r.table_id FROM roles r JOIN people p ON p.id = r.person_id "
                                    "WHERE p.telegram_id = 7101")
    assert [(r["role"], r["table_id"]) for r in roles] == [("moderator", table_a)]
    assert "Mesa A – moderación\nModerators · Group A · used 1 of 2" in (await sara.ask("/links")).text


async def test_a_link_cancelled_from_the_list_stops_working(bot, emulator, workshop_id):
    storage = bot.storage
    sara = await _secretariat(bot, emulator, workshop_id)
    token = await invitation(storage, workshop_id, label="Door QR")
    await invitation(storage, workshop_id, label="Keep me")
    await sara.ask("/links")
    await sara.press("✖ Cancel: Door QR")
    assert "Cancel the link Door QR?" in (await sara.next_message()).text
    await sara.press("Yes, cancel it")
    assert (await sara.next_message()).text == "Link cancelled: Door QR."
    relisted = await sara.next_message()
    assert "Active invitation links (1)" in relisted.text and "Door QR" not in relisted.text
    assert (await _links(bot, workshop_id))["Door QR"].revoked_at is not None
    assert (await _links(bot, workshop_id))["Keep me"].revoked_at is None
    late = emulator.user(7102, "Luis", language_code="en")
    assert "cancelled" in (await late.ask(f"/start {token}")).text


async def test_the_qr_sheet_names_every_active_link(bot, emulator, workshop_id):
    storage = bot.storage
    sara = await _secretariat(bot, emulator, workshop_id)
    await invitation(storage, workshop_id, label="Delegaciones · día 1")
    await invitation(storage, workshop_id, "moderator", table="C", max_uses=2)
    await invitation(storage, workshop_id, "translator", label="Intérpretes & <traductores>")
    gone = await invitation(storage, workshop_id, label="Retired code")
    await storage.revoke_invitation(gone)
    await sara.ask("/links")
    await sara.press("🖨 QR sheet (PDF)")
    sheet = await sara.wait_for(lambda m: m.document is not None)
    assert sheet.document["file_name"] == "invitations-crm-puebla-2022.pdf"
    assert "3 invitation link(s)" in sheet.text
    content = pdf_text(sheet.document["content"])
    for label in ("Delegaciones · día 1", "Moderators · Group C", "Intérpretes & <traductores>"):
        assert label in content
    assert "Retired code" not in content
    for link in await storage.invitations(workshop_id):
        assert (f"start={link.token}" in content) == (link.revoked_at is None)


async def test_only_the_secretariat_manages_links_even_with_forged_buttons(bot, emulator, workshop_id):
    storage = bot.storage
    await seat(storage, workshop_id, 7201, "Marta Mod", role="moderator", table="A", language="en")
    mod = emulator.user(7201, "Marta", language_code="en")
    token = await invitation(storage, workshop_id, label="Target")
    target = (await _links(bot, workshop_id))["Target"]
    assert "secretariat" in (await mod.ask("/links")).text
    probe = await mod.ask("/help")
    for data in (callbacks.INVITE_REVOKE_YES.data(target.id), callbacks.INVITE_NEW.data(),
                 callbacks.INVITE_SHEET.data()):
        await mod.press_data(data, probe.message_id)
        assert (await mod.wait_for_callback_answer())["show_alert"], data
    assert (await _links(bot, workshop_id))["Target"].revoked_at is None
    assert not [m for m in mod.messages if m.document is not None]
    assert token
