"""Holes found reviewing the flows added in a hurry, each driven as the person would through the emulator.

- A conversation belongs to the workshop it was opened in: when the person's current workshop changes under it
  (an invitation link of another workshop, a role granted from the command line), whatever they answer next
  must not land in the other workshop, nor in the first one judged by the other one's rules.
- A double press of the joint reading's "Adopt" tells the plenary group once.
- A role lost while a conversation is open: the last step re-checks it (the joint reading, the commitments).
"""

from __future__ import annotations

from bot.domain.workshop_file import load_workshop
from tests.helpers import item, open_phase, person_id, seat, table_id_of
from tests.test_groups import PLENARY, link
from tests.test_several_workshops import second_file

MOVED = "belonged to another workshop"   # what the person is told when a conversation of the old workshop ends


async def second_workshop(storage, tmp_path) -> int:
    """Another workshop in the same bot (as ``workshop-bot workshop load`` would store it)."""
    return await storage.save_workshop(load_workshop(second_file(tmp_path)))


async def moved_by_the_command_line(storage, workshop_id: int, telegram_id: int, name: str) -> None:
    """``workshop-bot admin grant``: the secretariat of another workshop, which becomes the person's current one."""
    await seat(storage, workshop_id, telegram_id, name, role="secretariat", country=None, language="en")


async def test_a_broadcast_begun_in_one_workshop_is_not_sent_to_the_workshop_she_was_moved_to(
        bot, emulator, workshop_id, tmp_path):
    storage = bot.storage
    other = await second_workshop(storage, tmp_path)
    await seat(storage, workshop_id, 9101, "Sara Secretaría", role="secretariat", country=None, language="en")
    await seat(storage, workshop_id, 9102, "Ana Pérez")
    await seat(storage, other, 9103, "Luis Gómez")          # a participant of the other workshop only
    sara = emulator.user(9101, "Sara", language_code="en")
    await sara.ask("/broadcast")
    await sara.press("Everyone")
    await sara.next_message()
    await sara.send_text("Mañana empezamos a las 9")
    await sara.wait_for(lambda m: any(t.startswith("📤 Send to 1") for t in m.button_texts))

    await moved_by_the_command_line(storage, other, 9101, "Sara Secretaría")
    await sara.press("📤 Send to 1")
    told = await sara.wait_for(lambda m: MOVED in m.text)
    assert "Mañana" not in told.text
    assert await storage.fetch_value("SELECT count(*) FROM announcements") == 0
    assert await storage.dialogue(await person_id(storage, 9101)) is None


async def test_a_synthesis_typed_after_moving_workshop_is_stored_nowhere(bot, emulator, workshop_id, tmp_path):
    storage = bot.storage
    other = await second_workshop(storage, tmp_path)
    await seat(storage, workshop_id, 9111, "Raúl Relator", role="rapporteur", table="A", language="en")
    raul = emulator.user(9111, "Raúl", language_code="en")
    await raul.ask("/synthesis")
    await raul.wait_for(lambda m: m.has_button("✏️ Main challenges"))
    await raul.press("✏️ Main challenges")
    await raul.wait_for(lambda m: "Write the part" in m.text)

    await moved_by_the_command_line(storage, other, 9111, "Raúl Relator")   # secretariat there: may write any
    await raul.send_text("Falta de empleo y estigma")
    await raul.wait_for(lambda m: MOVED in m.text)
    table_a = await table_id_of(storage, workshop_id, "A")
    assert await storage.synthesis(table_a) is None
    assert await storage.fetch_value("SELECT count(*) FROM texts") == 0


async def test_a_sticker_in_a_conversation_of_the_workshop_left_ends_it_and_says_why(
        bot, emulator, workshop_id, tmp_path):
    storage = bot.storage
    other = await second_workshop(storage, tmp_path)
    await seat(storage, workshop_id, 9121, "Sara Secretaría", role="secretariat", country=None, language="en")
    sara = emulator.user(9121, "Sara", language_code="en")
    await sara.ask("/broadcast")
    await moved_by_the_command_line(storage, other, 9121, "Sara Secretaría")
    await sara.send_sticker()
    told = await sara.next_message()
    assert MOVED in told.text
    assert not told.buttons   # not the old question (with the old workshop's tables) asked again
    assert await storage.dialogue(await person_id(storage, 9121)) is None
    await sara.ask("/broadcast")   # a new one opens in the workshop she is in now
    audience = await sara.wait_for(lambda m: m.has_button("Everyone"))
    assert MOVED not in audience.text


async def test_a_double_press_of_adopt_tells_the_plenary_group_once(bot, emulator, workshop_id):
    storage = bot.storage
    sara_id = await seat(storage, workshop_id, 9131, "Sara Secretaría", role="secretariat", country=None,
                         language="en")
    ana_id = await seat(storage, workshop_id, 9132, "Ana Pérez", table="A")
    sara = emulator.user(9131, "Sara", language_code="en")
    plenary = emulator.group(PLENARY, "Plenario")
    await link(sara, plenary, "➕ Add me to the group of the plenary")
    first = await item(storage, workshop_id, ana_id, "recommendation", table="A", action="Primera propuesta")
    await item(storage, workshop_id, ana_id, "recommendation", table="A", action="Segunda propuesta")
    await open_phase(storage, workshop_id, "plenary", state="closed")
    await sara.ask("/reading")
    card = await sara.next_message()
    adopt = card.button_data("Adopt")
    await sara.press_data(adopt, card.message_id)
    await sara.press_data(adopt, card.message_id)   # the second tap before the card turned
    await emulator.wait_idle()
    assert (await storage.contribution(first)).status == "adopted"
    posts = await storage.fetch_value("SELECT count(*) FROM group_posts WHERE chat_id = ? AND kind = 'reading'",
                                      (PLENARY,))
    assert posts == 1
    audited = await storage.fetch_value("SELECT count(*) FROM audit_log WHERE target_id = ? AND action = ?",
                                        (first, "reading_adopted"))
    assert audited == 1
    assert sara_id


async def test_a_secretariat_who_lost_the_role_mid_reading_records_no_outcome(bot, emulator, workshop_id):
    storage = bot.storage
    sara_id = await seat(storage, workshop_id, 9141, "Sara Secretaría", role="secretariat", country=None,
                         language="en")
    ana_id = await seat(storage, workshop_id, 9142, "Ana Pérez", table="A")
    sara = emulator.user(9141, "Sara", language_code="en")
    first = await item(storage, workshop_id, ana_id, "recommendation", table="A", action="Primera propuesta")
    await open_phase(storage, workshop_id, "plenary", state="closed")
    await sara.ask("/reading")
    card = await sara.next_message()
    await sara.press("Set aside", message=card)
    await sara.wait_for(lambda m: "Why is" in m.text)
    await storage.write("DELETE FROM roles WHERE person_id = ? AND role = 'secretariat'", (sara_id,))
    await sara.send_text("Ya está cubierta")
    await sara.wait_for(lambda m: "secretariat only" in m.text)
    assert (await storage.contribution(first)).status != "set_aside"


async def test_a_secretariat_who_lost_the_role_mid_commitment_records_none(bot, emulator, workshop_id):
    storage = bot.storage
    sara_id = await seat(storage, workshop_id, 9151, "Sara Secretaría", role="secretariat", country=None,
                         language="en")
    ana_id = await seat(storage, workshop_id, 9152, "Ana Pérez", country="GT")
    made = await item(storage, workshop_id, ana_id, "recommendation", table="A", action="Crear ventanillas")
    await storage.set_reading_outcome(made, "adopted", None)
    sara = emulator.user(9151, "Sara", language_code="en")
    await sara.send_text("/commit")
    choice = await sara.wait_for(lambda m: any("Crear ventanillas" in t for t in m.button_texts))
    await sara.press(next(t for t in choice.button_texts if "Crear ventanillas" in t))
    await sara.wait_for(lambda m: m.has_button("Guatemala"))
    await sara.press("Guatemala")
    await sara.wait_for(lambda m: m.has_button("✉️ Invite someone"))
    await storage.write("DELETE FROM roles WHERE person_id = ? AND role = 'secretariat'", (sara_id,))
    await sara.press("✉️ Invite someone")
    await sara.wait_for(lambda m: "secretariat only" in m.text)
    assert await storage.fetch_value("SELECT count(*) FROM commitments") == 0
    assert await storage.fetch_value("SELECT count(*) FROM invitations WHERE max_uses = 1") == 0
