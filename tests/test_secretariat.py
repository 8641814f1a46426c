"""The secretariat's side, through the emulator: documents on demand, invitations, progress, closing."""

import io
import json
import zipfile

from pypdf import PdfReader

from handlers import callbacks
from tests.helpers import item, seat


def pdf_text(content: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages)


async def secretariat_user(bot, emulator, workshop_id, telegram_id=3001, language="es"):
    await seat(bot.storage, workshop_id, telegram_id, "Sara Secretaría", role="secretariat", country=None,
               language=language)
    return emulator.user(telegram_id, "Sara", language_code=language)


async def sample_items(storage, workshop_id):
    ana = await seat(storage, workshop_id, 3101, "Ana <b>Pérez</b>", table="A", country="GT")
    john = await seat(storage, workshop_id, 3102, "John Smith", table="B", country="BZ", language="en")
    challenge = await item(storage, workshop_id, ana, "challenge", description="Estigma & <rechazo> comunitario",
                           dimensions=("social", "psychosocial"), level="community")
    practice = await item(storage, workshop_id, john, "good_practice", attribution="country", language="en",
                          name="Returnee <i>welcome</i> desk", level="community")
    await item(storage, workshop_id, ana, "recommendation", attribution="anonymous", level="community", table="B",
               action="Fortalecer redes comunitarias de acogida",
               links=[(challenge, "answers"), (practice, "builds_on")])
    return ana, john


async def test_the_secretariat_downloads_the_draft_roadmap_in_spanish(bot, emulator, workshop_id):
    await sample_items(bot.storage, workshop_id)
    sara = await secretariat_user(bot, emulator, workshop_id)
    asked = await sara.ask("/roadmap")
    assert asked.button_texts == ["Español", "English"]
    await sara.press("Español")
    document = await sara.wait_for(lambda m: m.document is not None, timeout=30)
    assert document.document["file_name"] == "hoja-de-ruta-crm-puebla-2022-borrador.pdf"
    text = pdf_text(document.document["content"])
    assert "Taller sobre Reintegración Sostenible" in text
    assert "BORRADOR" in text
    assert "Estigma & <rechazo> comunitario" in text          # shown as typed, never interpreted
    assert "Ana <b>Pérez</b> (Guatemala)" in text              # named, as the author chose
    assert "Returnee <i>welcome</i> desk" in text
    assert "Ana <b>Pérez</b>" not in text.split("Fortalecer redes comunitarias")[1][:200]  # anonymous


async def test_minutes_and_exports(bot, emulator, workshop_id):
    await sample_items(bot.storage, workshop_id)
    sara = await secretariat_user(bot, emulator, workshop_id, language="en")
    shown = await sara.ask("/minutes")
    assert "Group B · EN" in shown.button_texts
    await sara.press("Group B · EN")
    minutes = await sara.wait_for(lambda m: m.document is not None, timeout=30)
    assert minutes.document["file_name"] == "minutes-table-B-crm-puebla-2022.pdf"
    assert "Fortalecer redes comunitarias de acogida" in pdf_text(minutes.document["content"])

    shown = await sara.ask("/export")
    assert shown.button_texts == ["CSV · ES", "CSV · EN", "XLSX · ES", "XLSX · EN", "JSON · ES", "JSON · EN"]
    await sara.press("JSON · ES")
    exported = await sara.wait_for(lambda m: m.document is not None and m.document["file_name"].endswith(".json"))
    data = json.loads(exported.document["content"])
    assert data["final"] is False and data["language"] == "es"
    assert "Estigma & <rechazo> comunitario" in json.dumps(data, ensure_ascii=False)

    await sara.ask("/export")
    await sara.press("CSV · EN")
    archive = await sara.wait_for(lambda m: m.document is not None and m.document["file_name"].endswith(".zip"))
    names = zipfile.ZipFile(io.BytesIO(archive.document["content"])).namelist()
    assert any("challenge" in n for n in names) and any("recommendation" in n for n in names)


async def test_participants_and_moderators_cannot_get_the_documents(bot, emulator, workshop_id):
    await seat(bot.storage, workshop_id, 3201, "Pablo Participante", table="A")
    await seat(bot.storage, workshop_id, 3202, "Mora Moderadora", role="moderator", table="A")
    for telegram_id in (3201, 3202):
        user = emulator.user(telegram_id, "X", language_code="es")
        for command in ("/roadmap", "/minutes", "/export", "/invite", "/close", "/progress", "/revoke abc"):
            refused = await user.ask(command)
            assert refused.text == "Esta acción es solo para la secretaría del taller.", command
        await user.press_data(callbacks.REPORT_ROADMAP.data("es"), user.last_message.message_id)
        answer = await user.wait_for_callback_answer()
        assert answer["text"] == "Solo para la secretaría." and answer["show_alert"]
        await user.press_data(callbacks.CLOSE_WORKSHOP.data(), user.last_message.message_id)
        await user.wait_for_callback_answer()
    await emulator.wait_idle()
    assert emulator.sent_documents == []
    assert await bot.storage.fetch_value("SELECT reading_ended_at FROM workshops") is None


async def test_invite_links_work_and_can_be_revoked(bot, emulator, workshop_id):
    sara = await secretariat_user(bot, emulator, workshop_id, language="en")
    links = await sara.ask("/invite")
    assert "Link for participants" in links.text and "Moderators of Group C" in links.text
    qr = await sara.next_message()
    assert qr.photo is not None or qr.media is not None
    participant_link = links.text.split("Link for participants (can be shared):\n")[1].split()[0]
    token = participant_link.rsplit("start=", 1)[1]
    newcomer = emulator.user(3301, "Nina", language_code="en")
    await newcomer.send_text(f"/start {token}")
    assert "Welcome to" in (await newcomer.next_message()).text
    assert (await sara.ask(f"/revoke {participant_link}")).text.startswith("Link cancelled")
    late = emulator.user(3302, "Late", language_code="en")
    assert (await late.ask(f"/start {token}")).text.startswith("That invitation link was cancelled")


async def test_progress_shows_the_level_by_dimension_map(bot, emulator, workshop_id):
    await sample_items(bot.storage, workshop_id)
    sara = await secretariat_user(bot, emulator, workshop_id, language="en")
    shown = await sara.ask("/progress")
    assert "Challenges: 1 · Good practices: 1 · Recommendations: 1" in shown.text
    assert "Community: Economic 1 · Social 1 · Psychosocial 1" in shown.text


async def test_closing_sends_the_final_roadmap_to_everyone_in_their_language(bot, emulator, workshop_id):
    await sample_items(bot.storage, workshop_id)
    blocked_id = await seat(bot.storage, workshop_id, 3103, "Bea Blocked", table="C", country="MX")
    assert blocked_id
    emulator.user(3101, "Ana", language_code="es")
    emulator.user(3102, "John", language_code="en")
    emulator.user(3103, "Bea", language_code="es").blocked = True
    sara = await secretariat_user(bot, emulator, workshop_id, language="en")
    await sara.ask("/close")
    await sara.press("Yes, close the workshop")
    report = await sara.wait_for(lambda m: m.text.startswith("Final roadmap sent"), timeout=60)
    assert report.text == "Final roadmap sent to 3 participants; 1 could not be reached."  # Sara, Ana, John
    ana, john = emulator.user(3101), emulator.user(3102)
    spanish = ana.messages[-1].document
    english = john.messages[-1].document
    assert spanish["file_name"] == "hoja-de-ruta-crm-puebla-2022.pdf"
    assert english["file_name"] == "roadmap-crm-puebla-2022.pdf"
    text = pdf_text(english["content"])
    assert "Workshop on Sustainable Reintegration" in text and "DRAFT" not in text
    assert await bot.storage.fetch_value("SELECT blocked_at IS NOT NULL FROM people WHERE telegram_id = 3103")
    await sara.ask("/close")
    await sara.press("Yes, close the workshop")
    assert (await sara.next_message()).text == "The workshop was already closed; nothing changed."


async def test_the_agenda_opens_and_closes_workshop_wide_phases(bot, emulator, workshop_id):
    sara = await secretariat_user(bot, emulator, workshop_id, language="en")
    shown = await sara.ask("/agenda")
    assert shown.text.startswith("Workshop-wide phases")
    assert "⚪ Plenary: presenting and discussing recommendations: closed" in shown.text
    assert "Open: Plenary: presenting and discussing recommendations"[:60] in shown.button_texts
    assert not any("Working tables" in t for t in shown.button_texts)  # the moderators' business
    await sara.press(next(t for t in shown.button_texts if t.startswith("Open: Plenary")))
    reopened = await sara.wait_for(lambda m: any(t.startswith("Close: Plenary") for t in m.button_texts))
    assert "🟢 Plenary: presenting and discussing recommendations: open" in reopened.text
    rows = {p.code: p.state for p in await bot.storage.phases(workshop_id) if p.table_id is None}
    assert rows["plenary"] == "open"
    await seat(bot.storage, workshop_id, 3101, "Ana Pérez", table="A")
    ana = emulator.user(3101, "Ana", language_code="es")
    assert (await ana.ask("/plenary")).text == "Todavía no hay recomendaciones que presentar."
    assert (await ana.ask("/agenda")).text == "Esta acción es solo para la secretaría del taller."
    await ana.press_data(callbacks.AGENDA_CLOSE.data("plenary"), ana.last_message.message_id)
    assert (await ana.wait_for_callback_answer())["text"] == "Solo para la secretaría."
    rows = {p.code: p.state for p in await bot.storage.phases(workshop_id) if p.table_id is None}
    assert rows["plenary"] == "open"


async def test_a_send_out_interrupted_by_a_restart_resumes_without_repeats(bot, emulator, workshop_id):
    storage = bot.storage
    await sample_items(storage, workshop_id)
    emulator.user(3101, "Ana", language_code="es")
    emulator.user(3102, "John", language_code="en")
    sara_id = await seat(storage, workshop_id, 3001, "Sara Secretaría", role="secretariat", country=None,
                         language="en")
    sara = emulator.user(3001, "Sara", language_code="en")
    # The workshop was closed and Ana already got her copy when the bot went down.
    assert await storage.close_workshop(workshop_id, sara_id)
    ana_id = await storage.fetch_value("SELECT id FROM people WHERE telegram_id = 3101")
    await storage.record_roadmap_delivery(workshop_id, ana_id, "sent")

    await bot.restart()

    report = await sara.wait_for(lambda m: m.text.startswith("Final roadmap sent"), timeout=60)
    assert report.text == "Final roadmap sent to 3 participants; 0 could not be reached."
    john = emulator.user(3102)
    assert john.messages[-1].document["file_name"] == "roadmap-crm-puebla-2022.pdf"
    assert not any(m.document for m in emulator.user(3101).messages)  # no second copy for Ana
    assert await bot.storage.fetch_value(
        "SELECT count(*) FROM roadmap_deliveries WHERE status = 'pending'") == 0
    await bot.restart()
    await emulator.wait_idle()
    assert sum(1 for m in sara.messages if m.text.startswith("Final roadmap sent")) == 1
