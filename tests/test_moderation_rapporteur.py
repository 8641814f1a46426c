"""The rapporteur drafts a new table recommendation, edits it while the table is open, uploads the document."""

from tests.helpers import open_phase, seat
from tests.test_moderation_session import table_id


async def test_the_rapporteur_drafts_edits_and_uploads_the_tables_document(bot, emulator, workshop_id):
    storage = bot.storage
    john_id = await seat(storage, workshop_id, 4401, "John Smith", table="A", language="en")
    a = await table_id(storage, workshop_id)
    await storage.set_rapporteur(workshop_id, a, john_id, None)
    john = emulator.user(4401, "John", language_code="en")
    closed = await john.ask("/rapporteur")
    assert "can no longer change" in closed.text and not closed.has_button("➕ New recommendation")
    await open_phase(storage, workshop_id, "tables", table="A")

    desk = await john.ask("/rapporteur")
    await john.press("➕ New recommendation", message=desk)
    await john.next_message()
    scope = await john.ask("Regional protocol for dignified reception")
    await john.press("Regional (across countries)", message=scope)
    await john.press("Medium term", message=await john.next_message())
    dims = await john.next_message()
    await john.press("Psychosocial", message=dims)
    ticked = await john.wait_for(lambda m: m.message_id == dims.message_id and "✅ Psychosocial" in m.button_texts)
    await john.press("💾 Save", message=ticked)  # the tick redrew the same question: one message per tap
    assert "Saved as Rec-" in (await john.next_message()).text
    [drafted] = [i for i in await storage.contributions(workshop_id, table_id=a) if i.consolidated]
    assert drafted.dimensions == ("psychosocial",) and drafted.author_id == john_id
    assert drafted.details == {"action": "Regional protocol for dignified reception", "scope": "regional",
                               "timeframe": "medium"}
    assert drafted.attribution == "anonymous"

    desk = await john.next_message()
    await john.press(f"✏️ Edit Rec-{drafted.id}", message=desk)
    await john.next_message()
    await john.next_message()
    assert "updated" in (await john.ask("Regional protocol for dignified and safe reception")).text
    assert (await storage.contribution(drafted.id)).details["action"].endswith("safe reception")
    assert (await storage.versions(drafted.id))[0]["details"]["action"] == "Regional protocol for dignified reception"

    await john.press("📎 Upload the table's document", message=desk)
    assert "Send the table's document" in (await john.next_message()).text
    await john.send_document("mesa-a.pdf", b"%PDF-1.4\nconclusions\n%%EOF\n")
    assert "saved as the table's document" in (await john.next_message()).text
    [document] = await storage.attachments(table_id=a)
    assert document.file_name == "mesa-a.pdf" and document.contribution_id is None
    actions = [e.action for e in await storage.audit_entries(workshop_id, a)]
    assert {"consolidate", "consolidated_edit", "table_document"} <= set(actions)
