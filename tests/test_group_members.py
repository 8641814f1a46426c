"""Issue 16, point 4: a table's group kept in step with the table. The bot learns who is in a group from what
Telegram shows a bot in privacy mode (people joining or leaving, chat_member updates while it is an admin, the
commands people send there); the moderator sees who of the table it has not seen there and sends them, in
private, an invite link of their own (only once the bot is an admin of the group: Telegram's rule); someone
re-seated at another table is told they can leave the old group and given the new one; linking and unlinking
are in the audit trail; a link the bot refuses leaves it out of the group."""

from bot.jobs import groups as group_jobs
from tests.helpers import seat, table_id_of
from tests.test_groups import GROUP_A, GROUP_B, link, text, url_of


async def cast(bot, emulator, workshop_id):
    """Table A: Marta moderates it, Ana, Carmen and Pedro sit at it; Luis sits at table B."""
    storage = bot.storage
    await seat(storage, workshop_id, 1701, "Marta Mod", role="moderator", table="A", language="en")
    await seat(storage, workshop_id, 1702, "Ana Pérez", table="A")
    await seat(storage, workshop_id, 1703, "Carmen Ruiz", table="A", language="en")
    await seat(storage, workshop_id, 1704, "Pedro Gómez", table="A")
    await seat(storage, workshop_id, 1705, "Luis Díaz", table="B")
    return (emulator.user(1701, "Marta", language_code="en"), emulator.user(1702, "Ana"),
            emulator.user(1703, "Carmen", language_code="en"), emulator.user(1704, "Pedro"),
            emulator.user(1705, "Luis"))


async def test_the_moderator_sees_who_is_missing_and_sends_them_the_invite_link(bot, emulator, workshop_id):
    marta, ana, carmen, pedro, luis = await cast(bot, emulator, workshop_id)
    storage = bot.storage
    group_a = emulator.group(GROUP_A, "Mesa A")
    await link(marta, group_a, "➕")  # Marta is in it: she sent the link's /start there
    await ana.join(group_a)  # Ana joins: Telegram shows the bot a service message
    stranger = emulator.user(1799, "Nadie")
    people = await storage.fetch_value("SELECT count(*) FROM people")
    await stranger.join(group_a)  # someone the bot does not know: never recorded, never created
    await emulator.wait_idle()
    assert await storage.fetch_value("SELECT count(*) FROM people") == people
    assert await storage.fetch_value("SELECT count(*) FROM group_members") == 2

    menu = await marta.ask("/group")
    assert "2 of 4 seen in the group" in menu.text
    assert "Not seen there yet: Carmen Ruiz, Pedro Gómez." in menu.text and "Luis" not in menu.text
    invite = "📨 Send the invite link to the 2 not in it"
    assert menu.has_button(invite)

    # The bot is not an admin of the group yet: Telegram makes no invite link, and the moderator is told why.
    await marta.press(invite, message=menu)
    assert (await marta.next_message()).text == text("en", "groups.invite_no_rights", title="Mesa A")
    assert carmen.messages == [] and pedro.messages == []

    group_a.promote_bot(marta)  # made an admin of the group, with the right to invite users
    await marta.press(invite, message=menu)
    sent = await marta.wait_for(lambda m: m.text.startswith("📨"))
    assert "Sent 2 a link of their own" in sent.text and "Carmen Ruiz, Pedro Gómez" in sent.text
    to_carmen = await carmen.wait_for(lambda m: "👥 Join the group" in m.button_texts)
    to_pedro = await pedro.wait_for(lambda m: "👥 Unirme al grupo" in m.button_texts)
    assert "“Mesa A”" in to_carmen.text and "«Mesa A»" in to_pedro.text  # each in their own language
    assert ana.messages == [] and luis.messages == []  # only the two missing, of this table
    carmen_url, pedro_url = url_of(to_carmen, "👥"), url_of(to_pedro, "👥")
    assert carmen_url != pedro_url  # one link each, good for one person
    made = emulator.calls("createChatInviteLink")
    assert all(call["member_limit"] == 1 for call in made[-2:])

    await carmen.open_link(carmen_url)
    await pedro.open_link(pedro_url)
    assert {carmen.id, pedro.id} <= group_a.member_ids
    try:  # the link Pedro used, forwarded to someone else, lets nobody else in
        await stranger.open_link(pedro_url)
        raise AssertionError("a used-up invite link let a second person in")
    except LookupError:
        pass
    await emulator.wait_idle()
    assert any("chat_member" in (c.get("allowed_updates") or "") for c in emulator.calls("getUpdates"))
    menu = await marta.ask("/group")
    assert "4 of 4 seen in the group" in menu.text and not menu.has_button(invite)

    await carmen.leave(group_a)  # she leaves: the moderator sees her missing again
    await emulator.wait_idle()
    menu = await marta.ask("/group")
    assert "3 of 4 seen" in menu.text and "Not seen there yet: Carmen Ruiz." in menu.text

    # The button from the wrong side: a participant of the table, pressing forged data, sends nothing.
    before = len(emulator.calls("createChatInviteLink"))
    await ana.press_data(menu.button_data("📨 Send the invite link to the 1 not in it"), menu.message_id)
    await ana.wait_for_callback_answer()
    await emulator.wait_idle()
    assert len(emulator.calls("createChatInviteLink")) == before and carmen.messages[-1].message_id == \
        to_carmen.message_id


async def test_a_member_learnt_from_a_command_in_the_group(bot, emulator, workshop_id):
    marta, ana, _, _, _ = await cast(bot, emulator, workshop_id)
    group_a = emulator.group(GROUP_A, "Mesa A")
    await link(marta, group_a, "➕")
    group_a.add(ana)  # in the group since before the bot came: Telegram said nothing of her
    assert "Ana Pérez" in (await marta.ask("/group")).text
    await ana.ask("/mine", chat=group_a)
    assert "Ana Pérez" not in (await marta.ask("/group")).text


async def test_a_re_seated_member_is_told_to_leave_the_old_group_and_given_the_new_one(bot, emulator,
                                                                                     workshop_id):
    """The notice a move between tables sends (``bot.jobs.groups.reseated``), called here directly as the
    table choice and the secretariat's re-seating call it (that action, through the bot: tests/test_reseat.py)."""
    marta, _, _, _, _ = await cast(bot, emulator, workshop_id)
    storage = bot.storage
    await seat(storage, workshop_id, 1706, "Beto Mod", role="moderator", table="B")
    beto = emulator.user(1706, "Beto")
    nora_id = await seat(storage, workshop_id, 1707, "Nora Paz", table="A", language="en")
    nora = emulator.user(1707, "Nora", language_code="en")
    group_a, group_b = emulator.group(GROUP_A, "Mesa A"), emulator.group(GROUP_B, "Mesa B")
    await link(marta, group_a, "➕")
    await link(beto, group_b, "➕")
    group_b.promote_bot(beto)
    await nora.join(group_a)
    a, b = await table_id_of(storage, workshop_id, "A"), await table_id_of(storage, workshop_id, "B")

    assert await storage.set_table(workshop_id, nora_id, b)
    assert await group_jobs.reseated(bot.app, workshop_id, nora_id, a, b)
    told = await nora.wait_for(lambda m: "You can leave the group" in m.text, chat=nora.id)
    assert "“Mesa A” of Group A" in told.text and "The group of Group B is “Mesa B”" in told.text
    await nora.open_link(url_of(told, "👥"))
    assert nora.id in group_b.member_ids
    await emulator.wait_idle()
    menu = await beto.ask("/group")
    assert "Nora Paz" not in menu.text  # seen joining B's group
    assert "Nora Paz" not in (await marta.ask("/group")).text  # and no longer one of table A

    # Moved back to A, whose group the bot cannot make links for (not an admin there): told to ask for it.
    assert await storage.set_table(workshop_id, nora_id, a)
    assert await group_jobs.reseated(bot.app, workshop_id, nora_id, b, a)
    told = await nora.wait_for(lambda m: "“Mesa B” of Group B" in m.text, chat=nora.id)
    assert "ask its moderator for the link" in told.text and not told.buttons
    assert not await group_jobs.reseated(bot.app, workshop_id, nora_id, a, a)  # no move, nothing said


async def test_linking_and_unlinking_are_in_the_audit_trail(bot, emulator, workshop_id):
    marta, ana, _, _, _ = await cast(bot, emulator, workshop_id)
    storage = bot.storage
    group_a = emulator.group(GROUP_A, "Mesa A")
    await link(marta, group_a, "➕")
    menu = await marta.ask("/group")
    await marta.press("✖️ Unlink the group of Group A", message=menu)
    await marta.next_message()
    await link(marta, group_a, "➕")
    await ana.remove_bot(group_a)
    await marta.wait_for(lambda m: "removed" in m.text, chat=marta.id)
    a = await table_id_of(storage, workshop_id, "A")
    actions = [e.action for e in await storage.audit_entries(workshop_id, a)]
    assert actions[:4] == ["group_removed", "group_link", "group_unlink", "group_link"]
    trail = (await marta.ask("/audit")).text
    lines = trail.splitlines()
    assert sum("· linked a Telegram group" in line and "by Marta Mod" in line for line in lines) == 2
    assert any("unlinked the Telegram group" in line and "by Marta Mod" in line for line in lines)
    assert any("the bot was removed from the Telegram group" in line and "by Ana Pérez" in line for line in lines)


async def test_a_refused_link_makes_the_bot_leave_the_group(bot, emulator, workshop_id):
    marta, ana, _, _, _ = await cast(bot, emulator, workshop_id)
    menu = await marta.ask("/group")
    stray = emulator.group(-1001777, "Grupo de Ana")
    await ana.open_link(url_of(menu, "➕"), stray)  # a participant opens the moderator's link in her group
    said = await ana.next_message(chat=stray)
    assert said.text.endswith(text("es", "groups.leaving"))
    await emulator.wait_idle()
    assert [int(call["chat_id"]) for call in emulator.calls("leaveChat")] == [stray.chat_id]
    assert stray.state.bot_status == "left" and await bot.storage.group_chat(stray.chat_id) is None
    await ana.send_text("/mine", chat=stray)  # the bot is gone: nothing reaches it there any more
    await emulator.wait_idle()
    assert len(stray.messages) == 1
