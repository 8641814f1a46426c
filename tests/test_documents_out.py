"""Documents come back out: a table's moderator (and the secretariat) gets an item's document from the item's
view, nobody else does, the data export carries every attachment, and a table's minutes list its documents."""

import csv
import io
import zipfile

from handlers import callbacks
from tests.helpers import item, person_id, seat
from tests.reports.pdftext import text as pdf_text

REPORT = b"%PDF-1.4 informe de la ventanilla unica"
MINUTES = b"PK\x03\x04 acta de la mesa A"


async def _practice_with_document(emulator, storage, workshop_id, file_id: str | None = None):
    """Ana's good practice at table A with a PDF she attached, kept as the bot keeps one (bytes and file id)."""
    ana = await seat(storage, workshop_id, 8101, "Ana Pérez", table="A")
    practice = await item(storage, workshop_id, ana, "good_practice", table="A", name="Ventanilla única")
    uploaded = emulator.files.add("document", REPORT, "informe <final>.pdf", "application/pdf")
    attachment = await storage.add_attachment(
        telegram_file_id=file_id or uploaded.file_id, file_name="informe <final>.pdf", mime_type="application/pdf",
        content=REPORT, uploader_id=ana, contribution_id=practice)
    return practice, attachment, uploaded.file_id


async def _card(user, *presses: str):
    await user.ask("/mod")
    for label in presses:
        await user.wait_for(lambda m, label=label: m.has_button(label))
        await user.press(label)
    return await user.wait_for(lambda m: m.has_button("📎 Get informe <final>.pdf"))


async def test_a_moderator_gets_the_document_of_an_item_of_their_table(bot, emulator, workshop_id):
    storage = bot.storage
    practice, _, file_id = await _practice_with_document(emulator, storage, workshop_id)
    await seat(storage, workshop_id, 8201, "Marta Mod", role="moderator", table="A", language="en")
    mod = emulator.user(8201, "Marta", language_code="en")
    card = await _card(mod, "📋 Review (1)")
    assert "📎 Document: informe <final>.pdf" in card.text
    await mod.press("📎 Get informe <final>.pdf")
    sent = await mod.wait_for(lambda m: m.document is not None)
    assert sent.document["file_id"] == file_id  # forwarded by Telegram's own copy, not uploaded again
    assert sent.document["content"] == REPORT
    assert sent.text == f"Document of G-{practice}: informe <final>.pdf"
    assert emulator.calls("sendDocument")[-1]["document"] == file_id


async def test_the_secretariat_gets_it_too_and_a_lost_file_id_falls_back_to_the_kept_copy(bot, emulator,
                                                                                        workshop_id):
    storage = bot.storage
    await _practice_with_document(emulator, storage, workshop_id, file_id="no-longer-known-to-telegram")
    await seat(storage, workshop_id, 8301, "Sara Secretaría", role="secretariat", country=None, language="en")
    sara = emulator.user(8301, "Sara", language_code="en")
    await _card(sara, "Group A", "📋 Review (1)")
    await sara.press("📎 Get informe <final>.pdf")
    sent = await sara.wait_for(lambda m: m.document is not None)
    assert sent.document["content"] == REPORT and sent.document["file_name"] == "informe <final>.pdf"


async def test_another_table_s_moderator_and_a_participant_are_refused(bot, emulator, workshop_id):
    storage = bot.storage
    _, attachment, _ = await _practice_with_document(emulator, storage, workshop_id)
    await seat(storage, workshop_id, 8202, "Mario Mod", role="moderator", table="B", language="en")
    await seat(storage, workshop_id, 8102, "John Smith", table="A", language="en")
    for telegram_id in (8202, 8102, 8101):  # table B's moderator, a member of table A, the author herself
        user = emulator.user(telegram_id, language_code="en")
        probe = await user.ask("/help")
        await user.press_data(callbacks.DOCUMENT_GET.data(attachment), probe.message_id)
        assert (await user.wait_for_callback_answer())["show_alert"], telegram_id
        refusal = await user.wait_for(lambda m: "documents" in m.text or "documentos" in m.text)
        assert "moderators" in refusal.text or "moderación" in refusal.text
        await emulator.wait_idle()
        assert not [m for m in user.messages if m.document is not None], telegram_id
    assert emulator.calls("sendDocument") == []


async def test_the_export_zip_carries_every_attachment_and_the_minutes_list_the_table_s_document(bot, emulator,
                                                                                               workshop_id):
    storage = bot.storage
    practice, _, _ = await _practice_with_document(emulator, storage, workshop_id)
    rita = await seat(storage, workshop_id, 8401, "Rita Relatora", role="rapporteur", table="A")
    table_a = {t.code: t.id for t in await storage.working_tables(workshop_id)}["A"]
    await storage.add_attachment(telegram_file_id="tbl", file_name="acta mesa A.docx", mime_type=None,
                                 content=MINUTES, uploader_id=rita, table_id=table_a)
    await seat(storage, workshop_id, 8301, "Sara Secretaría", role="secretariat", country=None, language="en")
    sara = emulator.user(8301, "Sara", language_code="en")
    assert await person_id(storage, 8301)

    await sara.ask("/export")
    await sara.press("CSV · EN")
    exported = await sara.wait_for(lambda m: m.document is not None and m.document["file_name"].endswith(".zip"))
    archive = zipfile.ZipFile(io.BytesIO(exported.document["content"]))
    assert archive.read(f"documents/G-{practice}-informe _final_.pdf") == REPORT
    assert archive.read("documents/table-A-acta mesa A.docx") == MINUTES
    listed = list(csv.DictReader(io.StringIO(archive.read("documents.csv").decode("utf-8-sig"))))
    assert [(r["belongs_to"], r["file_name"]) for r in listed] == [
        (f"G-{practice}", "informe <final>.pdf"), ("table-A", "acta mesa A.docx")]
    assert "good_practices.csv" in archive.namelist()

    await sara.ask("/minutes")
    await sara.press("Group A · EN")
    minutes = await sara.wait_for(lambda m: m.document is not None and m.document["file_name"].endswith(".pdf"))
    text = pdf_text(minutes.document["content"])
    assert "Table documents acta mesa A.docx" in text
    await sara.press("Group B · EN")
    other = await sara.wait_for(lambda m: m.document is not None and "-B-" in m.document["file_name"])
    assert "acta mesa A.docx" not in pdf_text(other.document["content"])
