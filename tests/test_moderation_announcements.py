"""A moderator messages the whole table: paced in the background, blocked members counted, resumable."""

from bot.storage import Storage
from tests.helpers import seat
from tests.test_moderation_session import table_id


async def test_an_announcement_reaches_who_it_can_and_the_moderator_learns_how_many(bot, emulator, workshop_id):
    storage = bot.storage
    await seat(storage, workshop_id, 4001, "Marta Mod", role="moderator", table="A", language="en")
    mod = emulator.user(4001, "Marta", language_code="en")
    members = []
    for n, (name, language) in enumerate([("Ana Pérez", "es"), ("John Smith", "en"), ("Luis Gómez", "es"),
                                           ("Eva Díaz", "es")]):
        await seat(storage, workshop_id, 4101 + n, name, table="A", language=language)
        members.append(emulator.user(4101 + n))
    members[2].blocked = members[3].blocked = True
    await seat(storage, workshop_id, 4201, "Bea Ruiz", table="B")
    bea = emulator.user(4201)

    assert "Type the message for everyone at Group A" in (await mod.ask("/announce")).text
    queued = await mod.ask("We resume at 11:15 in room <B> & bring the Annex I")
    assert "Sending your message to 4 people at Group A" in queued.text
    report = await mod.wait_for(lambda m: "reached" in m.text)
    assert report.text == ("Your message reached 2 of 4 people. 2 could not receive it because they "
                           "blocked the bot.")
    ana_copy = next(m for m in members[0].messages if "Mensaje de la moderación de Grupo A" in m.text)
    assert "We resume at 11:15 in room <B> & bring the Annex I" in ana_copy.text
    assert any("Message from the moderators of Group A" in m.text for m in members[1].messages)
    assert bea.messages == []
    a = await table_id(storage, workshop_id)
    statuses = await storage.fetch_all("SELECT status, count(*) AS n FROM announcement_deliveries GROUP BY status")
    assert {r["status"]: r["n"] for r in statuses} == {"sent": 2, "blocked": 2}
    blocked = await storage.fetch_value("SELECT count(*) FROM people WHERE blocked_at IS NOT NULL")
    assert blocked == 2
    assert [e.action for e in await storage.audit_entries(workshop_id, a)] == ["announce"]


async def test_an_announcement_left_pending_by_a_stop_goes_out_after_the_restart(bot, emulator, workshop_id,
                                                                                 database):
    storage = bot.storage
    mod_id = await seat(storage, workshop_id, 4301, "Marta Mod", role="moderator", table="A", language="en")
    ana_id = await seat(storage, workshop_id, 4302, "Ana Pérez", table="A")
    john_id = await seat(storage, workshop_id, 4303, "John Smith", table="A", language="en")
    mod, ana = emulator.user(4301, "Marta", language_code="en"), emulator.user(4302)
    a = await table_id(storage, workshop_id)
    await bot.stop()
    async with Storage(database) as down:  # written, not yet sent, when the process stopped
        announcement = await down.queue_announcement(
            workshop_id, a, mod_id, [ana_id, john_id], text="Pausa de 10 minutos", template="ann.delivered",
            params={"table": {"es": "Grupo A", "en": "Group A"}, "text": "Pausa de 10 minutos"})
        await down.record_delivery(announcement, john_id, "sent")  # John had it before the stop
    await bot.start()
    assert "Pausa de 10 minutos" in (await ana.wait_for(lambda m: "Pausa" in m.text)).text
    report = await mod.wait_for(lambda m: "reached" in m.text)
    assert report.text == "Your message reached 2 of 2 people."
    assert emulator.user(4303).messages == []  # not sent twice


async def test_a_notice_waits_for_a_person_to_finish_the_conversation_they_are_in(bot, emulator, workshop_id):
    from tests.helpers import open_phase

    storage = bot.storage
    await open_phase(storage, workshop_id, "mapping")
    await seat(storage, workshop_id, 4401, "Marta Mod", role="moderator", table="A", language="en")
    await seat(storage, workshop_id, 4402, "Ana Pérez", table="A", language="en")
    await seat(storage, workshop_id, 4403, "John Smith", table="A", language="en")
    mod, ana, john = emulator.user(4401, "Marta"), emulator.user(4402, "Ana"), emulator.user(4403, "John")
    question = await ana.ask("/challenge")
    await mod.ask("/announce")
    await mod.ask("Coffee is served in the lobby")
    await john.wait_for(lambda m: "Coffee" in m.text)
    await emulator.wait_idle()
    assert not any("Coffee" in m.text for m in ana.messages)  # her question is not buried
    assert ana.last_message.message_id == question.message_id
    await ana.ask("/cancel")
    await ana.wait_for(lambda m: "Coffee" in m.text)
    report = await mod.wait_for(lambda m: "reached" in m.text)
    assert report.text == "Your message reached 2 of 2 people."
