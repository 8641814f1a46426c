"""Each working table's own Telegram group, and the plenary group: the moderator links the table's group through
the link /group gives (refused to a participant, to the moderator of another table, to a second group); the bot
posts there each kind of event of that table only, paced at the group limit; a command in the group opens the
same conversation in private; a member of another table is told the group is not theirs; the group's own talk is
never stored; when the bot is removed the moderator is told; the plenary group follows the joint reading."""

import html
import itertools
import re
import time

from bot.domain.items import reference
from bot.i18n import Texts
from bot.jobs.pacing import Pacer
from bot.offline.emulator.flood import FloodLimits
from tests.helpers import item, open_phase, person_id, seat, table_id_of

TEXTS = Texts()
GROUP_A, GROUP_B, GROUP_A2, PLENARY = -1001601, -1001602, -1001603, -1001609


def text(language, key, /, **params):
    """What a person sees for a catalogue text (tags stripped, entities unescaped, as the emulator shows it)."""
    return html.unescape(re.sub(r"<[^>]+>", "", TEXTS.html(language, key, **params)))


def ref(item_id: int) -> str:
    """A recommendation's reference as a Spanish-speaking group reads it."""
    return reference("recommendation", item_id, "es")


def refusal(key: str, table: str, *, leaving: bool) -> str:
    """A refused link as the group reads it: why, and (when the group is nobody's) that the bot leaves it."""
    said = text("es", f"groups.refused_{key}", table=table)
    return f"{said}\n\n{text('es', 'groups.leaving')}" if leaving else said


def url_of(message, label_start: str) -> str:
    return next(button["url"] for row in message.reply_markup["inline_keyboard"] for button in row
                if button["text"].startswith(label_start) and "url" in button)


async def cast(bot, emulator, workshop_id):
    """Two moderators (tables A and B), a participant of each, the secretariat."""
    storage = bot.storage
    await seat(storage, workshop_id, 1601, "Marta Mod", role="moderator", table="A", language="en")
    await seat(storage, workshop_id, 1602, "Beto Mod", role="moderator", table="B")
    await seat(storage, workshop_id, 1603, "Ana Pérez", table="A")
    await seat(storage, workshop_id, 1604, "Luis Gómez", table="B", country="HN")
    await seat(storage, workshop_id, 1605, "Sara Secretaría", role="secretariat", country=None, language="en")
    return (emulator.user(1601, "Marta", language_code="en"), emulator.user(1602, "Beto"),
            emulator.user(1603, "Ana"), emulator.user(1604, "Luis"), emulator.user(1605, "Sara", language_code="en"))


async def link(user, group, button: str):
    """The person asks /group for the link and opens it for ``group``; the bot's answer in the group."""
    menu = await user.ask("/group")
    await user.open_link(url_of(menu, button), group)
    return await user.next_message(chat=group)


async def test_only_the_tables_moderator_links_its_group_and_only_one(bot, emulator, workshop_id):
    marta, beto, ana, _, _ = await cast(bot, emulator, workshop_id)
    storage = bot.storage
    a = await table_id_of(storage, workshop_id, "A")
    menu = await marta.ask("/group")
    assert "Group A: no group yet" in menu.text and "Group B" not in menu.text  # only the table she moderates
    link_a = url_of(menu, "➕ Add me to the group of Group A")
    assert f"?startgroup=gt-{a}" in link_a

    group = emulator.group(GROUP_A, "Mesa A – chat")
    await ana.open_link(link_a, group)  # a participant of the table
    assert (await ana.next_message(chat=group)).text == refusal("not_yours", "Grupo A", leaving=True)
    await emulator.wait_idle()
    assert group.state.bot_status == "left" and len(emulator.calls("leaveChat")) == 1  # said why, then left
    await beto.open_link(link_a, group)  # the moderator of another table
    assert (await beto.next_message(chat=group)).text == refusal("not_yours", "Grupo A", leaving=True)
    assert await storage.group_chat(GROUP_A) is None
    refused = await ana.ask("/group")  # and /group gives a participant no link at all
    assert refused.text == text("es", "guard.refused_moderate_table") and not refused.buttons

    await marta.open_link(link_a, group)
    said = await marta.next_message(chat=group)
    assert said.text.startswith("👋") and "Grupo A" in said.text and "/challenge" in said.text  # the group's language
    linked = await storage.group_of(workshop_id, a)
    assert (linked.chat_id, linked.title, linked.language) == (GROUP_A, "Mesa A – chat", "es")

    second = emulator.group(GROUP_A2, "Otra mesa A")
    await marta.open_link(link_a, second)  # a second group for the same table
    assert (await marta.next_message(chat=second)).text == refusal("target_taken", "Grupo A", leaving=True)
    menu_b = await beto.ask("/group")
    await beto.open_link(url_of(menu_b, "➕"), group)  # table B's link, in A's group: A's group keeps the bot
    assert (await beto.next_message(chat=group)).text == refusal("group_taken", "Grupo B", leaving=False)
    await emulator.wait_idle()
    assert group.state.bot_status == "member" and second.state.bot_status == "left"
    assert [g.chat_id for g in await storage.group_chats(workshop_id)] == [GROUP_A]

    menu = await marta.ask("/group")
    assert "linked to the group “Mesa A – chat”" in menu.text
    await marta.press("✖️ Unlink the group of Group A", message=menu)
    assert "no longer linked" in (await marta.next_message()).text
    assert await storage.group_chat(GROUP_A) is None
    assert any("Ya no estoy vinculado" in m.text for m in group.messages)


async def test_each_event_is_posted_in_its_tables_group_only(bot, emulator, workshop_id):
    marta, beto, ana, _, sara = await cast(bot, emulator, workshop_id)
    storage = bot.storage
    group_a, group_b = emulator.group(GROUP_A, "Mesa A"), emulator.group(GROUP_B, "Mesa B")
    plenary = emulator.group(PLENARY, "Plenario")
    await link(marta, group_a, "➕")
    await link(beto, group_b, "➕")
    await link(sara, plenary, "➕ Add me to the group of the plenary")
    assert {g.chat_id for g in await storage.group_chats(workshop_id)} == {GROUP_A, GROUP_B, PLENARY}

    # A phase opened for table A: its group hears it, B's and the plenary do not.
    menu = await marta.ask("/phases")
    await marta.press(menu.button_texts[0])
    notice = await ana.wait_for(lambda m: m.text.startswith("🟢"), chat=group_a)
    assert "Mesas de trabajo" in notice.text and "/recommend" in notice.text

    # An item of table A approved, written in English and translated by a person: original and translation.
    john = await seat(storage, workshop_id, 1606, "John Smith", table="A", language="en", country="MX")
    first = await item(storage, workshop_id, john, "recommendation", table="A", language="en",
                       action="Open a one-stop <service> window")
    marta_id = await person_id(storage, 1601)
    await storage.set_translation(workshop_id, "item", first, "action", "es",
                                  "Abrir una ventanilla única <de atención>",
                                  translates="Open a one-stop <service> window", person_id=marta_id)
    review = await marta.ask("/mod")
    await marta.press(next(b for b in review.button_texts if b.startswith("📋")))
    card = await marta.next_message()
    await marta.press("✅ Approve", message=card)
    posted = await ana.wait_for(lambda m: ref(first) in m.text, chat=group_a)
    assert "Open a one-stop <service> window" in posted.text  # as typed, escaped on the way
    assert "Abrir una ventanilla única <de atención>" in posted.text
    assert "John Smith (México)" in posted.text  # credited as he chose (named)

    # The moderator's announcement, in the table's group too.
    await marta.ask("/announce")
    await marta.ask("We resume at 11:15 in room 4")
    await ana.wait_for(lambda m: "11:15" in m.text, chat=group_a)

    await emulator.wait_idle()
    assert not any(ref(first) in m.text or "11:15" in m.text or m.text.startswith("🟢")
                   for m in group_b.messages + plenary.messages)  # nothing of table A elsewhere


async def test_a_burst_of_approvals_is_paced_at_the_group_limit_and_batched(bot, emulator, workshop_id):
    marta, _, ana, _, _ = await cast(bot, emulator, workshop_id)
    storage = bot.storage
    group_a = emulator.group(GROUP_A, "Mesa A")
    await link(marta, group_a, "➕")
    ana_id = await person_id(storage, 1603)
    refs = [await item(storage, workshop_id, ana_id, "recommendation", table="A", action=f"Propuesta número {n}")
            for n in range(5)]
    flood = emulator.flood_limits(chat_burst=40)
    times: list[float] = []
    emulator.observers.append(lambda method, params, result: times.append(time.monotonic())
                              if method == "sendMessage" and str(params.get("chat_id")) == str(GROUP_A) else None)
    review = await marta.ask("/mod")
    await marta.press(next(b for b in review.button_texts if b.startswith("📋")))
    for _ in refs:
        card = await marta.wait_for(lambda m: "✅ Approve" in m.button_texts)
        await marta.press("✅ Approve", message=card)
        await marta.wait_for(lambda m: "approved" in m.text)
    await ana.wait_for(lambda m: ref(refs[-1]) in m.text, chat=group_a, timeout=15)
    posts = [m for m in group_a.messages if "✅" in m.text]
    assert all(any(ref(r) in m.text for m in posts) for r in refs)
    assert len(posts) < len(refs)  # what came while the group waited went out together
    assert all(later - earlier >= 3.0 for earlier, later in itertools.pairwise(times))
    assert [r for r in flood.refusals if r[0] == "group"] == []  # (the moderator's own replies may burst)


def test_the_pacer_keeps_a_group_within_twenty_messages_a_minute():
    now = [0.0]
    pacer, limits = Pacer(clock=lambda: now[0]), FloodLimits()
    for _ in range(45):
        now[0] += pacer.delay(-100123)
        assert limits.check("sendMessage", -100123, group=True, now=now[0]) is None
        pacer.sent(-100123)
    assert now[0] >= 44 * 3.0 and limits.refusals == []
    assert pacer.delay(4242) < 0.1  # a person's chat is not held by the group


async def test_group_commands_open_the_same_conversation_in_private(bot, emulator, workshop_id):
    marta, _, ana, luis, _ = await cast(bot, emulator, workshop_id)
    storage = bot.storage
    group_a = emulator.group(GROUP_A, "Mesa A")
    await link(marta, group_a, "➕")
    await open_phase(storage, workshop_id, "tables", "A")
    group_a.add(ana, luis)

    answer = await ana.ask("/recommend", chat=group_a)
    assert answer.chat_id == GROUP_A and answer.text == text("es", "groups.open_recommend")
    assert ana.messages == []  # nothing is written in private until she opens it
    await ana.open_link(url_of(answer, "✍️"))
    opened = await ana.next_message()
    await ana.ask("/cancel")
    assert opened.text == (await ana.ask("/recommend")).text  # the same conversation /recommend opens
    await ana.ask("/cancel")
    mine = await ana.ask("/mine@workshop_test_bot", chat=group_a)
    await ana.open_link(url_of(mine, "✍️"))
    assert (await ana.next_message()).text == (await ana.ask("/mine")).text

    # A member of another table, and a stranger, in A's group.
    refused = await luis.ask("/challenge", chat=group_a)
    assert refused.text == text("es", "groups.not_yours", table="Grupo A", own="")
    assert luis.messages == []
    stranger = emulator.user(1699, "Pedro")
    group_a.add(stranger)
    assert (await stranger.ask("/briefing", chat=group_a)).text == text("es", "groups.not_member", table="Grupo A")

    # The group's own talk: never answered, never stored.
    people = await storage.fetch_value("SELECT count(*) FROM people")
    handled = await storage.fetch_value("SELECT count(*) FROM processed_updates")
    before = len(group_a.messages)
    for line in ("hola a todos", "¿alguien tiene el anexo?", "/otrobot@another_bot hola"):
        await emulator.user(1698, "Carla").send_text(line, chat=group_a)
    await emulator.wait_idle()
    assert len(group_a.messages) == before
    assert await storage.fetch_value("SELECT count(*) FROM people") == people
    assert await storage.fetch_value("SELECT count(*) FROM processed_updates") == handled

    emulator.privacy_mode = True  # as Telegram delivers it with privacy mode on: the talk never even arrives
    fetched = emulator.confirmed_offset
    await ana.send_text("nos vemos a las 11", chat=group_a)
    await emulator.wait_idle()
    assert emulator.confirmed_offset == fetched and len(group_a.messages) == before


async def test_the_bot_removed_from_a_group_tells_the_moderator(bot, emulator, workshop_id):
    marta, _, ana, _, _ = await cast(bot, emulator, workshop_id)
    storage = bot.storage
    group_a = emulator.group(GROUP_A, "Mesa A")
    await link(marta, group_a, "➕")
    await ana.remove_bot(group_a)
    told = await marta.wait_for(lambda m: "removed" in m.text, chat=marta.id)
    assert told.text == text("en", "groups.removed", title="Mesa A", table="Group A")
    assert await storage.group_of(workshop_id, await table_id_of(storage, workshop_id, "A")) is None
    assert (await marta.ask("/group")).text.count("no group yet") == 1
    before = len(group_a.messages)
    await item(storage, workshop_id, await person_id(storage, 1603), "recommendation", table="A")
    review = await marta.ask("/mod")
    await marta.press(next(b for b in review.button_texts if b.startswith("📋")))
    await marta.press("✅ Approve", message=await marta.next_message())
    await emulator.wait_idle()
    assert len(group_a.messages) == before and not emulator.errors  # nothing tried there any more


async def test_the_plenary_group_follows_the_joint_reading(bot, emulator, workshop_id):
    marta, _, ana, _, sara = await cast(bot, emulator, workshop_id)
    storage = bot.storage
    group_a, plenary = emulator.group(GROUP_A, "Mesa A"), emulator.group(PLENARY, "Plenario")
    assert "plenary" not in (await marta.ask("/group")).text  # the plenary group is the secretariat's to link
    await link(sara, plenary, "➕ Add me to the group of the plenary")
    assert (await storage.group_of(workshop_id, None)).chat_id == PLENARY
    await link(marta, group_a, "➕")
    ana_id, luis_id = await person_id(storage, 1603), await person_id(storage, 1604)
    first = await item(storage, workshop_id, ana_id, "recommendation", table="A", action="Primera propuesta")
    second = await item(storage, workshop_id, luis_id, "recommendation", table="B", action="Segunda propuesta")
    await storage.change_vote(workshop_id, first, luis_id, 2, 5)
    await open_phase(storage, workshop_id, "plenary", state="closed")
    await sara.ask("/reading")
    card = await sara.next_message()
    assert reference("recommendation", first, "en") in card.text  # the secretariat reads English
    await sara.press("Adopt", message=card)
    adopted = await ana.wait_for(lambda m: f"{ref(first)} adoptada" in m.text, chat=plenary)
    assert "Primera propuesta" in adopted.text
    card = await sara.wait_for(lambda m: reference("recommendation", second, "en") in m.text
                               and m.has_button("Set aside"))
    await sara.press("Set aside", message=card)
    await sara.ask("Ya está cubierta por la primera")
    aside = await ana.wait_for(lambda m: f"{ref(second)} descartada" in m.text, chat=plenary)
    assert "Ya está cubierta por la primera" in aside.text
    await emulator.wait_idle()
    assert not any("adoptada" in m.text or "descartada" in m.text for m in group_a.messages)


async def test_the_final_roadmap_is_posted_in_the_plenary_group_once(bot, emulator, workshop_id):
    _, _, ana, _, sara = await cast(bot, emulator, workshop_id)
    plenary = emulator.group(PLENARY, "Plenario")
    await link(sara, plenary, "➕ Add me to the group of the plenary")
    await sara.ask("/close")
    await sara.press("Yes, close the workshop")
    posted = await ana.wait_for(lambda m: m.document is not None, chat=plenary, timeout=30)
    assert posted.text == text("es", "groups.post_roadmap")  # the caption, in the group's language
    name = posted.document["file_name"]
    assert name.endswith(".pdf") and "borrador" not in name  # the final one, in Spanish
    await emulator.wait_idle(timeout=30)
    assert sum(m.document is not None for m in plenary.messages) == 1
