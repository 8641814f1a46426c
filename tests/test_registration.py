"""Invitation links and registration, through the emulator, including a restart in the middle."""

import datetime as dt

from tests.helpers import answer_questions, choose_language, invitation, register


async def member(storage, telegram_id):
    return await storage.fetch_one(
        "SELECT m.*, p.language FROM memberships m JOIN people p ON p.id = m.person_id WHERE p.telegram_id = ?",
        (telegram_id,),
    )


async def test_a_spanish_participant_registers_and_joins_table_a(bot, emulator, workshop_id):
    token = await invitation(bot.storage, workshop_id)
    ana = emulator.user(2001, "Ana", language_code="es-GT")
    seated = await register(ana, token)
    assert "Estás en Grupo A" in seated.text
    texts = [m.text for m in ana.messages]
    assert any("Te damos la bienvenida a Taller" in t for t in texts)
    assert any("¿Cuál es tu nombre completo?" in t for t in texts)
    row = await member(bot.storage, 2001)
    assert (row["full_name"], row["country"], row["position"], row["language"]) == (
        "Ana Pérez", "GT", "Directora", "es")
    assert row["consent_at"] and row["registered_at"]
    table = await bot.storage.fetch_value("SELECT code FROM working_tables WHERE id = ?", (row["table_id"],))
    assert table == "A"


async def test_an_english_participant_registers_with_another_organisation(bot, emulator, workshop_id):
    token = await invitation(bot.storage, workshop_id)
    john = emulator.user(2002, "John", language_code="en")
    await choose_language(john, token)
    assert "What is your full name?" in (await john.wait_for(lambda m: "full name" in m.text)).text
    await john.ask("John <b>Smith</b> & Co")
    await john.press("Other")
    assert "Type the name" in (await john.next_message()).text
    await john.ask("Returnee Network of the Americas")
    await john.ask("Red <Regional>")
    notice = await john.ask("Coordinator")
    assert "About your data" in notice.text and notice.button_texts == ["I accept", "I do not accept"]
    await john.press("I accept")
    done = await john.next_message()
    assert done.text == "Thank you, John <b>Smith</b> & Co: your registration is complete."
    choose = await john.next_message()
    assert [t.split(" · ")[0] for t in choose.button_texts] == ["Group A", "Group B", "Group C"]
    await john.press(choose.button_texts[2])
    assert "You are in Group C (Structural level)" in (await john.next_message()).text
    row = await member(bot.storage, 2002)
    assert row["full_name"] == "John <b>Smith</b> & Co"  # stored as typed
    assert (row["country"], row["other_affiliation"], row["institution"]) == (
        None, "Returnee Network of the Americas", "Red <Regional>")


async def test_registration_carries_on_after_a_restart(bot, emulator, workshop_id):
    token = await invitation(bot.storage, workshop_id)
    ana = emulator.user(2003, "Ana", language_code="es")
    await choose_language(ana, token, "Español")
    await ana.wait_for(lambda m: "nombre completo" in m.text)
    await ana.ask("Ana Restart")
    await ana.press("Honduras")
    assert "institución" in (await ana.next_message()).text

    await bot.restart()

    assert "cargo" in (await ana.ask("Secretaría de Relaciones Exteriores")).text
    notice = await ana.ask("Oficial de reintegración")
    await ana.press("Acepto", message=notice)
    await ana.wait_for(lambda m: "registro está completo" in m.text)
    row = await member(bot.storage, 2003)
    assert (row["full_name"], row["country"], row["institution"]) == (
        "Ana Restart", "HN", "Secretaría de Relaciones Exteriores")


async def test_start_again_resumes_the_question_the_person_was_at(bot, emulator, workshop_id):
    token = await invitation(bot.storage, workshop_id)
    ana = emulator.user(2004, "Ana", language_code="es")
    await choose_language(ana, token, "Español")
    await ana.wait_for(lambda m: "nombre completo" in m.text)
    await ana.ask("Ana")
    await bot.restart()
    resumed = await ana.ask("/start")
    assert "¿A qué país u organización representas?" in resumed.text and resumed.has_button("México")


async def test_bad_invitations_are_refused_and_change_nothing(bot, emulator, workshop_id):
    storage = bot.storage
    revoked = await invitation(storage, workshop_id)
    await storage.revoke_invitation(revoked)
    expired = await invitation(storage, workshop_id, expires_at=dt.datetime.now(dt.UTC) - dt.timedelta(hours=1))
    single = await invitation(storage, workshop_id, max_uses=1)
    first = emulator.user(2005, "First", language_code="en")
    await first.send_text(f"/start {single}")
    await first.wait_for(lambda m: m.has_button("English"))

    eve = emulator.user(2006, "Eve", language_code="en")
    cases = {
        "/start AAAAAAAAAAAAAAAAAAAAAAAA": "That invitation link is not valid.",
        "/start <script>": "That invitation link is not valid.",
        f"/start {revoked}": "That invitation link was cancelled.",
        f"/start {expired}": "That invitation link has expired.",
        f"/start {single}": "That invitation link has been used as many times as allowed.",
    }
    for command, expected in cases.items():
        assert (await eve.ask(command)).text.startswith(expected), command
    eve_id = await storage.fetch_value("SELECT id FROM people WHERE telegram_id = 2006")
    assert await storage.fetch_value("SELECT count(*) FROM memberships WHERE person_id = ?", (eve_id,)) == 0
    assert await storage.fetch_value("SELECT uses FROM invitations WHERE token = ?", (single,)) == 1


async def test_opening_the_same_link_twice_counts_once(bot, emulator, workshop_id):
    token = await invitation(bot.storage, workshop_id, max_uses=1)
    ana = emulator.user(2007, "Ana", language_code="en")
    await ana.send_text(f"/start {token}")
    await ana.wait_for(lambda m: m.has_button("English"))
    await ana.send_text(f"/start {token}")
    await ana.wait_for(lambda m: m.has_button("English"))
    assert await bot.storage.fetch_value("SELECT uses FROM invitations WHERE token = ?", (token,)) == 1


async def test_an_overlong_name_is_refused_with_the_limit_and_handed_back(bot, emulator, workshop_id):
    token = await invitation(bot.storage, workshop_id)
    ana = emulator.user(2008, "Ana", language_code="en")
    await choose_language(ana, token)
    await ana.wait_for(lambda m: "full name" in m.text)
    long_name = "Ñ" * 121
    refused = await ana.ask(long_name)
    assert "121 characters and the limit is 120" in refused.text
    assert (await ana.next_message()).text == long_name
    assert "Which country" in (await ana.ask("Ana Short")).text


async def test_typing_where_a_button_is_expected_asks_again(bot, emulator, workshop_id):
    token = await invitation(bot.storage, workshop_id)
    ana = emulator.user(2009, "Ana", language_code="en")
    await choose_language(ana, token)
    await ana.wait_for(lambda m: "full name" in m.text)
    await ana.ask("Ana")
    assert "pick one of the options" in (await ana.ask("Guatemala")).text
    assert (await ana.next_message()).has_button("Guatemala")


async def test_declining_the_notice_keeps_no_profile(bot, emulator, workshop_id):
    token = await invitation(bot.storage, workshop_id)
    ana = emulator.user(2010, "Ana", language_code="en")
    await choose_language(ana, token)
    await ana.wait_for(lambda m: "full name" in m.text)
    await answer_questions(ana, "Ana", "Mexico", "INM", "Analyst")
    await ana.press("I do not accept")
    assert "was not kept" in (await ana.next_message()).text
    row = await member(bot.storage, 2010)
    assert row["full_name"] is None and row["registered_at"] is None


async def test_a_full_table_cannot_be_joined(bot, emulator, workshop_id):
    await bot.storage.conn.execute("UPDATE working_tables SET capacity = 1 WHERE code = 'A'")
    token = await invitation(bot.storage, workshop_id)
    await register(emulator.user(2011, "First", language_code="en"), token, language="English",
                   affiliation="Mexico", table="Group A")
    late = emulator.user(2012, "Late", language_code="en")
    await register(late, token, language="English", affiliation="Panama", table=None)
    choose = await late.wait_for(lambda m: any(t.startswith("Group A") for t in m.button_texts))
    full_label = next(t for t in choose.button_texts if t.startswith("Group A"))
    assert full_label.endswith("0 free")
    await late.press(full_label)
    assert (await late.next_message()).text == "That table is full. Please choose another one."
    row = await member(bot.storage, 2012)
    assert row["table_id"] is None
