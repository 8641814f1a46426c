"""The secretariat writes to everyone, one table or one role: it sees the message exactly as it will arrive, sends
it through the one bulk pacer, learns at the end how many it reached and how many had blocked the bot, and a
restart part-way through sends nobody the same message twice."""

from bot.storage import Storage
from tests.helpers import person_id, seat

BROADCAST = "📣 Message from the workshop secretariat"
DIFUSION = "📣 Mensaje de la secretaría del taller"


async def _room(bot, emulator, workshop_id):
    """A secretariat member (English), and people of every role at tables A and B."""
    storage = bot.storage
    await seat(storage, workshop_id, 6001, "Sara Secretaría", role="secretariat", country=None, language="en")
    people = {
        "ana": await seat(storage, workshop_id, 6101, "Ana Pérez", table="A"),
        "john": await seat(storage, workshop_id, 6102, "John Smith", table="A", language="en"),
        "bea": await seat(storage, workshop_id, 6103, "Bea Ruiz", table="B"),
        "marta": await seat(storage, workshop_id, 6201, "Marta Mod", role="moderator", table="A", language="en"),
        "mario": await seat(storage, workshop_id, 6202, "Mario Mod", role="moderator", table="B"),
        "rita": await seat(storage, workshop_id, 6301, "Rita Relatora", role="rapporteur", table="A"),
        "tom": await seat(storage, workshop_id, 6401, "Tom Translator", role="translator", country=None,
                          language="en"),
    }
    users = {name: emulator.user(tid) for name, tid in
             zip(people, (6101, 6102, 6103, 6201, 6202, 6301, 6401), strict=True)}
    return emulator.user(6001, "Sara", language_code="en"), users


async def _compose(sara, audience: str, text: str):
    """/broadcast, the audience, the text: returns the confirmation under the preview."""
    assert "Who is the message for?" in (await sara.ask("/broadcast")).text
    await sara.press(audience)
    assert "Type the message for" in (await sara.next_message()).text
    await sara.send_text(text)
    return await sara.wait_for(lambda m: "exactly as it will arrive" in m.text)


def _copies(user, marker: str) -> list:
    return [m for m in user.messages if marker in m.text]


async def test_a_broadcast_to_everyone_is_previewed_exactly_and_reaches_every_role(bot, emulator, workshop_id):
    sara, users = await _room(bot, emulator, workshop_id)
    confirm = await _compose(sara, "Everyone", "Lunch at 13:00 in <Hall B> & bring your badge")
    assert "to 7 people (Everyone)" in confirm.text and "in English, in Spanish" in confirm.text
    previews = [m for m in sara.messages if BROADCAST in m.text or DIFUSION in m.text]
    assert len(previews) == 2  # once in each language its readers read
    assert users["ana"].messages == []  # nothing goes out before the secretariat says so

    await sara.press("📤 Send to 7")
    assert "Sending your message to 7 people (Everyone)" in (await sara.next_message()).text
    report = await sara.wait_for(lambda m: "reached" in m.text)
    assert report.text == "Your message reached 7 of 7 people."
    for name, user in users.items():
        marker = BROADCAST if name in ("john", "marta", "tom") else DIFUSION
        (copy,) = _copies(user, marker)
        assert "Lunch at 13:00 in <Hall B> & bring your badge" in copy.text, name
        preview = next(p for p in previews if marker in p.text)
        assert copy.html == preview.html  # the preview is the message, byte for byte
    assert not _copies(sara, "Lunch at 13:00")[2:]  # the writer has only the previews, no copy of her own
    entries = await bot.storage.fetch_all("SELECT action, after FROM audit_log WHERE action = 'broadcast'")
    assert len(entries) == 1 and '"audience": "all"' in entries[0]["after"]


async def test_a_broadcast_to_one_table_reaches_its_members_moderators_and_rapporteur_only(bot, emulator,
                                                                                            workshop_id):
    sara, users = await _room(bot, emulator, workshop_id)
    confirm = await _compose(sara, "Group A", "Table A moves to room 3")
    assert "to 4 people (Group A)" in confirm.text
    await sara.press("📤 Send to 4")
    assert (await sara.wait_for(lambda m: "reached" in m.text)).text == "Your message reached 4 of 4 people."
    for name in ("ana", "john", "marta", "rita"):
        assert len(_copies(users[name], "Table A moves to room 3")) == 1, name
    (john_copy,) = _copies(users["john"], "Table A moves")
    assert john_copy.text.startswith(f"{BROADCAST} · Group A")
    (ana_copy,) = _copies(users["ana"], "Table A moves")
    assert ana_copy.text.startswith(f"{DIFUSION} · Grupo A")
    for name in ("bea", "mario", "tom"):
        assert _copies(users[name], "Table A moves") == [], name


async def test_a_broadcast_to_a_role_counts_who_blocked_the_bot(bot, emulator, workshop_id):
    sara, users = await _room(bot, emulator, workshop_id)
    users["mario"].blocked = True
    confirm = await _compose(sara, "Moderators", "Moderators: briefing at 8:30")
    assert "to 2 people (Moderators)" in confirm.text
    await sara.press("📤 Send to 2")
    report = await sara.wait_for(lambda m: "reached" in m.text)
    assert report.text == ("Your message reached 1 of 2 people. 1 could not receive it because they "
                           "blocked the bot.")
    assert len(_copies(users["marta"], "briefing at 8:30")) == 1
    assert all(_copies(users[n], "briefing at 8:30") == [] for n in ("ana", "john", "bea", "rita", "tom"))
    assert await bot.storage.fetch_value("SELECT blocked_at IS NOT NULL FROM people WHERE telegram_id = 6202")
    statuses = await bot.storage.fetch_all("SELECT status, count(*) AS n FROM announcement_deliveries GROUP BY status")
    assert {r["status"]: r["n"] for r in statuses} == {"sent": 1, "blocked": 1}


async def test_writing_it_again_from_the_preview_sends_only_the_new_text(bot, emulator, workshop_id):
    sara, users = await _room(bot, emulator, workshop_id)
    await _compose(sara, "Translators", "Glosary is ready")
    await sara.press("✏️ Write it again")
    await sara.wait_for(lambda m: "Type the message for" in m.text)
    await sara.send_text("Glossary is ready")
    await sara.wait_for(lambda m: "exactly as it will arrive" in m.text and m.has_button("📤 Send to 1"))
    await sara.press("📤 Send to 1")
    await sara.wait_for(lambda m: "reached" in m.text)
    assert [m.text.split("\n\n")[-1] for m in _copies(users["tom"], "Glos")] == ["Glossary is ready"]


async def test_only_the_secretariat_broadcasts(bot, emulator, workshop_id):
    _, users = await _room(bot, emulator, workshop_id)
    for name in ("marta", "ana"):
        assert "secretariat" in (await users[name].ask("/broadcast")).text.lower() or \
            "secretaría" in users[name].last_message.text.lower()
    assert await bot.storage.fetch_value("SELECT count(*) FROM announcements") == 0


async def test_a_restart_mid_send_resumes_without_sending_anyone_twice(bot, emulator, workshop_id, database):
    sara, users = await _room(bot, emulator, workshop_id)
    await _compose(sara, "Everyone", "The plenary starts at 15:00")
    faults = emulator.faults(rate=1.0, kinds=("slow",), methods=("sendMessage",))  # every message takes a while
    await sara.press("📤 Send to 7")
    first = next(iter(users.values()))
    await first.wait_for(lambda m: "15:00" in m.text, timeout=10)
    await bot.stop()  # part-way through the send-out
    async with Storage(database) as down:
        pending = await down.fetch_value("SELECT count(*) FROM announcement_deliveries WHERE status = 'pending'")
    assert 0 < pending < 7  # really stopped mid-send
    faults.stop()
    await bot.start()
    report = await sara.wait_for(lambda m: "reached" in m.text, timeout=15)
    assert report.text == "Your message reached 7 of 7 people."
    for name, user in users.items():
        assert len(_copies(user, "The plenary starts at 15:00")) == 1, name
    await emulator.wait_idle()
    assert len([m for m in sara.messages if "reached" in m.text]) == 1


async def test_a_message_being_handed_to_telegram_when_the_bot_died_is_not_sent_again(bot, emulator, workshop_id,
                                                                                     database):
    sara, users = await _room(bot, emulator, workshop_id)
    sara_id = await person_id(bot.storage, 6001)
    ana_id, john_id = await person_id(bot.storage, 6101), await person_id(bot.storage, 6102)
    await bot.stop()
    async with Storage(database) as down:  # the process died while sending to Ana: she may have it already
        announcement = await down.queue_announcement(
            workshop_id, None, sara_id, [ana_id, john_id], text="Room change", template="bc.delivered",
            params={"audience": {"es": "Todas las personas", "en": "Everyone"}, "text": "Room change"})
        await down.mark_attempted(announcement, ana_id)
    await bot.start()
    report = await sara.wait_for(lambda m: "reached" in m.text)
    assert len(_copies(users["john"], "Room change")) == 1
    assert report.text == "Your message reached 1 of 2 people. 1 could not be reached for another reason."
    assert _copies(users["ana"], "Room change") == []
    assert await bot.storage.fetch_value(
        "SELECT status FROM announcement_deliveries WHERE person_id = ?", (ana_id,)) == "failed"
