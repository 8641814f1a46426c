"""A person has one guided conversation at a time: a button that would open another one (a moderator's
rejection or edit, a rapporteur's draft or document, an announcement, a plenary comment, an amendment in the
joint reading) first asks them to finish what they were writing or /cancel it, and nothing is lost."""

import pytest

from tests.helpers import item, open_phase, seat

BUSY = "You are in the middle of something else"
DRAFT = {"key": "k", "values": {"description": "Half a challenge, typed with care"}, "reviewed": False,
         "table_id": None}


async def _staff_with_a_draft(bot, emulator, workshop_id):
    """Sara (secretariat: allowed everything) is writing a challenge when she presses another button."""
    storage = bot.storage
    sara_id = await seat(storage, workshop_id, 5101, "Sara Secretaría", role="secretariat", country=None,
                         language="en")
    ana_id = await seat(storage, workshop_id, 5102, "Ana Pérez", table="A")
    target = await item(storage, workshop_id, ana_id, "recommendation", table="A")
    await open_phase(storage, workshop_id, "tables", table="A")
    await open_phase(storage, workshop_id, "plenary")
    await storage.save_dialogue(sara_id, "challenge", "level", DRAFT)
    return sara_id, target


@pytest.mark.parametrize("data", ["mod:no:{item}", "mod:ed:{item}", "rap:n:{table}", "rap:f:{table}",
                                  "rap:d:{table}", "ann:n:{table}", "pl|com|{item}.0", "rd|amend|{item}.0",
                                  "rd|aside|{item}.0"])
async def test_a_new_conversation_never_replaces_a_draft(bot, emulator, workshop_id, data):
    storage = bot.storage
    sara_id, target = await _staff_with_a_draft(bot, emulator, workshop_id)
    a = {t.code: t.id for t in await storage.working_tables(workshop_id)}["A"]
    sara = emulator.user(5101, "Sara", language_code="en")
    probe = await sara.ask("/help")
    await sara.press_data(data.format(item=target, table=a), probe.message_id)
    assert BUSY in (await sara.next_message()).text
    assert "level" in (await sara.next_message()).text.lower()  # the draft's own question, asked again
    dialogue = await storage.dialogue(sara_id)
    assert (dialogue.flow, dialogue.step, dialogue.data) == ("challenge", "level", DRAFT)
    assert (await storage.contribution(target)).status == "submitted"


async def test_a_moderator_finishes_one_rejection_before_editing_another_item(bot, emulator, workshop_id):
    storage = bot.storage
    sara_id, first = await _staff_with_a_draft(bot, emulator, workshop_id)
    await storage.end_dialogue(sara_id)
    second = await item(storage, workshop_id, await seat(storage, workshop_id, 5103, "Luis Gómez", table="A"),
                        "recommendation", table="A", action="Otra cosa")
    emulator.user(5102, "Ana", language_code="es")  # told of the rejection
    sara = emulator.user(5101, "Sara", language_code="en")
    probe = await sara.ask("/help")
    await sara.press_data(f"mod:no:{first}", probe.message_id)
    assert f"Why is R-{first}" in (await sara.next_message()).text
    await sara.press_data(f"mod:no:{first}", probe.message_id)  # the same question again: simply asked again
    assert f"Why is R-{first}" in (await sara.next_message()).text
    await sara.press_data(f"mod:ed:{second}", probe.message_id)
    assert BUSY in (await sara.next_message()).text
    assert f"Why is R-{first}" in (await sara.next_message()).text
    assert "rejected" in (await sara.ask("Out of scope")).text
    assert (await storage.contribution(first)).status_reason == "Out of scope"
    assert (await storage.contribution(second)).status == "submitted"
