"""A person has one guided conversation at a time: a button that would open another one (a moderator's
rejection or edit, a rapporteur's draft or document, an announcement, a plenary comment, an amendment in the
joint reading) first asks them to finish what they were writing or /cancel it, and nothing is lost."""

import pytest

from bot.domain.records import Tally
from handlers import callbacks
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


# Each button that opens a conversation, as data made from the item and the table (a card also names its place).
OPENERS = {
    "mod-reject": lambda item, table: callbacks.MOD_REJECT.data(item),
    "mod-edit": lambda item, table: callbacks.MOD_EDIT.data(item),
    "rap-new": lambda item, table: callbacks.RAP_NEW.data(table),
    "rap-from": lambda item, table: callbacks.RAP_FROM_ITEMS.data(table),
    "rap-doc": lambda item, table: callbacks.RAP_DOCUMENT.data(table),
    "announce": lambda item, table: callbacks.ANNOUNCE.data(table),
    "plenary-comment": lambda item, table: callbacks.PLENARY_COMMENT.data(item, 0),
    "plenary-objection": lambda item, table: callbacks.PLENARY_OBJECT.data(item, 0),  # asks its reason
    "reading-amend": lambda item, table: callbacks.READING_AMEND.data(item, 0),
    "reading-aside": lambda item, table: callbacks.READING_ASIDE.data(item, 0),
}


@pytest.mark.parametrize("opener", OPENERS)
async def test_a_new_conversation_never_replaces_a_draft(bot, emulator, workshop_id, opener):
    storage = bot.storage
    sara_id, target = await _staff_with_a_draft(bot, emulator, workshop_id)
    a = {t.code: t.id for t in await storage.working_tables(workshop_id)}["A"]
    sara = emulator.user(5101, "Sara", language_code="en")
    if opener.startswith("reading"):  # its buttons act only in an open reading (its list fixed when it opened)
        await storage.open_reading(workshop_id, sara_id, [(target, Tally(0, 0, 0, 0))])
    probe = await sara.ask("/help")
    await sara.press_data(OPENERS[opener](target, a), probe.message_id)
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
    await sara.press_data(callbacks.MOD_REJECT.data(first), probe.message_id)
    assert f"Why is Rec-{first}" in (await sara.next_message()).text
    await sara.press_data(callbacks.MOD_REJECT.data(first), probe.message_id)  # the same question: simply asked again
    assert f"Why is Rec-{first}" in (await sara.next_message()).text
    await sara.press_data(callbacks.MOD_EDIT.data(second), probe.message_id)
    assert BUSY in (await sara.next_message()).text
    assert f"Why is Rec-{first}" in (await sara.next_message()).text
    assert "rejected" in (await sara.ask("Out of scope")).text
    assert (await storage.contribution(first)).status_reason == "Out of scope"
    assert (await storage.contribution(second)).status == "submitted"
