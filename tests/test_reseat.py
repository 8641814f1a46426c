"""Issue 16, point 4, the last of it: the secretariat re-seats a participant at another table (within its
capacity, audited at both tables, the person told in their language and told they can leave the old table's
group, given the new one's); someone leaving the workshop with /forget is told they can leave the groups they
may still be in; the secretariat sees who of the workshop is not in the plenary group and sends them the invite
link. Each tried from the wrong side."""

from handlers import callbacks
from tests.helpers import person_id, seat, table_id_of
from tests.test_groups import GROUP_A, GROUP_B, PLENARY, link, url_of


async def cast(bot, emulator, workshop_id):
    """Marta moderates table A, Beto table B; Nora (English) and Ana sit at A; Sara is the secretariat."""
    storage = bot.storage
    await seat(storage, workshop_id, 1801, "Marta Mod", role="moderator", table="A", language="en")
    await seat(storage, workshop_id, 1802, "Beto Mod", role="moderator", table="B")
    await seat(storage, workshop_id, 1803, "Nora Paz", table="A", language="en")
    await seat(storage, workshop_id, 1804, "Ana Pérez", table="A")
    await seat(storage, workshop_id, 1805, "Sara Secretaría", role="secretariat", country=None, language="en")
    return [emulator.user(n, name, language_code=lang) for n, name, lang in (
        (1801, "Marta", "en"), (1802, "Beto", "es"), (1803, "Nora", "en"), (1804, "Ana", "es"), (1805, "Sara", "en"))]


async def table_of(storage, workshop_id, telegram_id):
    return (await storage.membership(workshop_id, await person_id(storage, telegram_id))).table_id


async def test_the_secretariat_re_seats_a_participant_who_is_told_to_leave_the_old_group(bot, emulator,
                                                                                        workshop_id):
    marta, beto, nora, _, sara = await cast(bot, emulator, workshop_id)
    storage = bot.storage
    a, b = await table_id_of(storage, workshop_id, "A"), await table_id_of(storage, workshop_id, "B")
    group_a, group_b = emulator.group(GROUP_A, "Mesa A"), emulator.group(GROUP_B, "Mesa B")
    await link(marta, group_a, "➕")
    await link(beto, group_b, "➕")
    group_b.promote_bot(beto)  # the bot may make invite links in B's group
    await nora.join(group_a)

    assert not (await marta.ask("/mod")).has_button("🔀 Move a member to another table")  # not a moderator's
    picked = await sara.ask("/mod")
    await sara.press("Group A", message=picked)
    dashboard = await sara.wait_for(lambda m: m.has_button("🔀 Move a member to another table"))
    await sara.press("🔀 Move a member to another table", message=dashboard)
    who = await sara.next_message()
    assert "Move a member of Group A (2)" in who.text
    assert who.has_button("Nora Paz") and who.has_button("Ana Pérez") and not who.has_button("Marta Mod")
    await sara.press("Nora Paz", message=who)
    where = await sara.next_message()
    assert "Move Nora Paz to which table?" in where.text
    offered = [t for t in where.button_texts if "free" in t]
    assert offered and not any(t.startswith("Group A") for t in offered)
    await sara.press(next(t for t in offered if t.startswith("Group B")), message=where)

    notice = await nora.wait_for(lambda m: "The secretariat moved you" in m.text, chat=nora.id)
    assert "from <b>Group A</b> to <b>Group B</b>" in notice.html  # in her language
    told = await nora.wait_for(lambda m: "You can leave the group" in m.text, chat=nora.id)
    assert "“Mesa A” of Group A" in told.text and "The group of Group B is “Mesa B”" in told.text
    done = await sara.wait_for(lambda m: "moved from Group A to Group B" in m.text)
    assert "Nora Paz" in done.text
    assert await table_of(storage, workshop_id, 1803) == b
    await nora.open_link(url_of(told, "👥"))  # her own link into B's group
    assert nora.id in group_b.member_ids

    nora_id = await person_id(storage, 1803)
    out = [e for e in await storage.audit_entries(workshop_id, a) if e.action == "reseat_out"]
    into = [e for e in await storage.audit_entries(workshop_id, b) if e.action == "reseat_in"]
    assert [e.target_id for e in out] == [nora_id] == [e.target_id for e in into]
    assert out[0].actor_id == await person_id(storage, 1805)
    trail = (await marta.ask("/audit")).text
    assert "moved a participant to another table" in trail and "Nora Paz" in trail

    # The same press again (a double tap): nothing moves twice, nothing more is said to Nora.
    said = len(nora.messages)
    await sara.press_data(callbacks.MOD_RESEAT_TO.data(a, nora_id, b), where.message_id)
    assert "already seated at Group B" in (await sara.next_message()).text
    await emulator.wait_idle()
    assert len(nora.messages) == said
    assert len([e for e in await storage.audit_entries(workshop_id, b) if e.action == "reseat_in"]) == 1


async def test_re_seating_is_refused_to_others_and_beyond_capacity(bot, emulator, workshop_id):
    marta, beto, nora, ana, sara = await cast(bot, emulator, workshop_id)
    storage = bot.storage
    a, b = await table_id_of(storage, workshop_id, "A"), await table_id_of(storage, workshop_id, "B")
    nora_id = await person_id(storage, 1803)
    for user in (ana, marta, beto):  # a participant, A's moderator, B's moderator: forged buttons
        probe = await user.ask("/help")
        for data in (callbacks.MOD_RESEAT.data(a, 0), callbacks.MOD_RESEAT_WHO.data(a, nora_id),
                     callbacks.MOD_RESEAT_TO.data(a, nora_id, b)):
            await user.press_data(data, probe.message_id)
            answer = await user.wait_for_callback_answer()
            assert answer["show_alert"], data
    await emulator.wait_idle()
    assert await table_of(storage, workshop_id, 1803) == a
    assert not [e for e in await storage.audit_entries(workshop_id, b) if e.action.startswith("reseat")]
    assert not any("moved you" in m.text for m in nora.messages)

    # Group B holds 40: full, it is not offered, and a forged press into it moves nobody.
    for n in range(40):
        await seat(storage, workshop_id, 1900 + n, f"Persona {n}", table="B")
    probe = await sara.ask("/help")
    await sara.press_data(callbacks.MOD_RESEAT_WHO.data(a, nora_id), probe.message_id)
    where = await sara.next_message()
    assert not any(t.startswith("Group B") for t in where.button_texts)
    await sara.press_data(callbacks.MOD_RESEAT_TO.data(a, nora_id, b), probe.message_id)
    assert "Group B is full: Nora Paz was not moved." in (await sara.next_message()).text
    assert await table_of(storage, workshop_id, 1803) == a
    # A table of no workshop of hers, and a moderator (not a participant): nothing changes.
    await sara.press_data(callbacks.MOD_RESEAT_TO.data(a, nora_id, 999999), probe.message_id)
    assert "nothing changed" in (await sara.next_message()).text
    assert await table_of(storage, workshop_id, 1803) == a


async def test_forget_tells_the_person_which_groups_they_can_leave(bot, emulator, workshop_id):
    marta, beto, nora, ana, sara = await cast(bot, emulator, workshop_id)
    storage = bot.storage
    group_a, plenary = emulator.group(GROUP_A, "Mesa A"), emulator.group(PLENARY, "Plenario")
    await link(marta, group_a, "➕")
    await link(sara, plenary, "➕ Add me to the group of the plenary")
    await nora.join(group_a)
    await nora.join(plenary)
    await ana.join(group_a)
    await ana.join(plenary)
    await ana.leave(group_a)  # seen leaving A's group: not named to her
    await emulator.wait_idle()

    await nora.press("Yes, erase my data", message=await nora.ask("/forget"))
    told = await nora.wait_for(lambda m: "You may still be in" in m.text)
    assert "these Telegram groups" in told.text and "“Mesa A”, “Plenario”" in told.text and "Leave group" in told.text

    await ana.press("Sí, borrar mis datos", message=await ana.ask("/forget"))
    told = await ana.wait_for(lambda m: "Puede que sigas en" in m.text)
    assert "este grupo de Telegram del taller: «Plenario»" in told.text and "Mesa A" not in told.text
    assert (await storage.membership(workshop_id, await person_id(storage, 1804))).forgotten_at

    # Someone the bot never saw in a group of the workshop is told nothing about groups.
    await beto.press("Sí, borrar mis datos", message=await beto.ask("/forget"))
    await beto.wait_for(lambda m: m.text and not m.buttons and "/forget" not in m.text)
    await emulator.wait_idle()
    assert not any("Puede que sigas" in m.text for m in beto.messages)


async def test_the_secretariat_sees_who_is_not_in_the_plenary_group_and_sends_them_the_link(bot, emulator,
                                                                                             workshop_id):
    marta, beto, nora, ana, sara = await cast(bot, emulator, workshop_id)
    plenary = emulator.group(PLENARY, "Plenario")
    await link(sara, plenary, "➕ Add me to the group of the plenary")
    await nora.join(plenary)
    await emulator.wait_idle()

    menu = await sara.ask("/group")
    assert "2 of 5 seen in the group" in menu.text  # Sara (who linked it) and Nora, of the five in the workshop
    assert "Not seen there yet: Ana Pérez, Beto Mod, Marta Mod." in menu.text
    invite = "📨 Send the invite link to the 3 not in it"
    assert menu.has_button(invite)

    # The wrong side: a moderator and a participant pressing it (forged) send nothing.
    for user in (marta, ana):
        await user.press_data(menu.button_data(invite), (await user.ask("/help")).message_id)
        assert (await user.wait_for_callback_answer())["show_alert"]
    await emulator.wait_idle()
    assert not emulator.calls("createChatInviteLink")

    await sara.press(invite, message=menu)  # not an admin of the group yet: told why, nobody invited
    assert "admin" in (await sara.next_message()).text
    plenary.promote_bot(sara)
    await sara.press(invite, message=menu)
    sent = await sara.wait_for(lambda m: m.text.startswith("📨"))
    assert "Sent 3 a link of their own" in sent.text
    to_ana = await ana.wait_for(lambda m: "👥 Unirme al grupo" in m.button_texts)
    await marta.wait_for(lambda m: "👥 Join the group" in m.button_texts)
    await beto.wait_for(lambda m: "👥 Unirme al grupo" in m.button_texts)
    assert "«Plenario»" in to_ana.text
    assert not any("👥" in " ".join(m.button_texts) for m in nora.messages)  # already in it
    await ana.open_link(url_of(to_ana, "👥"))
    await emulator.wait_idle()
    assert "3 of 5 seen in the group" in (await sara.ask("/group")).text
