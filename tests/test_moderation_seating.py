"""Issue 3, point 3: a participant without a table can be assigned one by a moderator (of that table) or by
the secretariat (any table), within its capacity, from the dashboard; audited, and the participant is told
in their language. Every boundary is tried from the wrong side."""

from handlers import callbacks
from tests.helpers import seat
from tests.test_moderation_permissions import REFUSED
from tests.test_moderation_session import moderator_of, table_id


async def _membership_table(storage, workshop_id, person_id):
    return (await storage.membership(workshop_id, person_id)).table_id


async def test_a_moderator_seats_a_participant_without_a_table(bot, emulator, workshop_id):
    storage = bot.storage
    mod = await moderator_of(emulator, storage, workshop_id, table="A", user_id=5601)
    john_id = await seat(storage, workshop_id, 5602, "John Smith", table=None, language="en", country="BZ")
    luis_id = await seat(storage, workshop_id, 5603, "Luis Gómez", table=None, country="HN")
    await seat(storage, workshop_id, 5604, "Bea Ruiz", table="B")  # seated elsewhere: never offered
    john, luis = emulator.user(5602, "John", language_code="en"), emulator.user(5603, "Luis", language_code="es")
    a = await table_id(storage, workshop_id)

    dashboard = await mod.ask("/mod")
    await mod.press("🪑 Seat participants (2)", message=dashboard)
    offer = await mod.next_message()
    assert "Participants without a table (2)" in offer.text and "Group A" in offer.text
    assert not any("Bea" in label for label in offer.button_texts)
    await mod.press(next(t for t in offer.button_texts if t.startswith("John Smith")), message=offer)
    assert "John Smith is now seated at Group A" in (await mod.next_message()).text
    assert "The moderators seated you at <b>Group A</b>" in (await john.wait_for(lambda m: "seated" in m.text)).html
    assert await _membership_table(storage, workshop_id, john_id) == a
    offer = await mod.next_message()  # the list again, John no longer in it
    assert "(1)" in offer.text and not any(t.startswith("John") for t in offer.button_texts)

    # Pressed again (a double tap, or a redelivered update): nothing changes twice.
    await mod.press_data(callbacks.MOD_SEAT.data(a, john_id), offer.message_id)
    assert "already seated" in (await mod.next_message()).text
    [entry] = [e for e in await storage.audit_entries(workshop_id, a) if e.action == "seat"]
    assert entry.target_id == john_id

    trail = await mod.ask("/audit")
    assert "seated a participant" in trail.text and "John Smith" in trail.text
    await mod.press(next(t for t in offer.button_texts if t.startswith("Luis Gómez")), message=offer)
    await luis.wait_for(lambda m: "te asignó a la mesa" in m.text)
    assert await _membership_table(storage, workshop_id, luis_id) == a


async def test_seating_is_refused_to_others_and_beyond_capacity(bot, emulator, workshop_id):
    storage = bot.storage
    mod = await moderator_of(emulator, storage, workshop_id, table="A", user_id=5611)
    ana_id = await seat(storage, workshop_id, 5612, "Ana Pérez", table="A", language="en")
    bea_id = await seat(storage, workshop_id, 5613, "Bea Ruiz", table="B")
    luis_id = await seat(storage, workshop_id, 5614, "Luis Gómez", table=None)
    emulator.user(5614, "Luis", language_code="es")
    a, b = await table_id(storage, workshop_id), await table_id(storage, workshop_id, "B")

    ana = emulator.user(5612, "Ana", language_code="en")
    probe = await ana.ask("/help")
    for data in (callbacks.MOD_UNSEATED.data(a, 0), callbacks.MOD_SEAT.data(a, luis_id)):  # a participant, forged
        await ana.press_data(data, probe.message_id)
        assert REFUSED in (await ana.next_message()).text, data
    dashboard = await mod.ask("/mod")
    for data in (callbacks.MOD_UNSEATED.data(b, 0), callbacks.MOD_SEAT.data(b, luis_id)):  # A's moderator, into B
        await mod.press_data(data, dashboard.message_id)
        assert REFUSED in (await mod.next_message()).text, data
    await mod.press_data(callbacks.MOD_SEAT.data(a, bea_id), dashboard.message_id)  # someone else's member
    assert "already seated" in (await mod.next_message()).text
    assert await _membership_table(storage, workshop_id, luis_id) is None
    assert await _membership_table(storage, workshop_id, bea_id) == b
    assert await _membership_table(storage, workshop_id, ana_id) == a

    # Group A holds 40: with 40 seated, nobody more.
    for n in range(39):
        await seat(storage, workshop_id, 5700 + n, f"Persona {n}", table="A")
    await mod.press_data(callbacks.MOD_SEAT.data(a, luis_id), dashboard.message_id)
    assert "full" in (await mod.next_message()).text
    assert await _membership_table(storage, workshop_id, luis_id) is None

    # The secretariat seats into any table.
    await seat(storage, workshop_id, 5620, "Sara Secretaría", role="secretariat", country=None, language="en")
    sara = emulator.user(5620, "Sara", language_code="en")
    probe = await sara.ask("/help")
    await sara.press_data(callbacks.MOD_SEAT.data(b, luis_id), probe.message_id)
    assert "Luis Gómez is now seated at Group B" in (await sara.next_message()).text
    assert await _membership_table(storage, workshop_id, luis_id) == b
