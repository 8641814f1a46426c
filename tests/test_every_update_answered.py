"""Every update is safe to receive and answered in context, through the emulator: a press that carries no message,
what answers no question (a sticker, an unknown command, an edit), strangers, and the kinds of update the bot
has nothing to say to."""

import html
import logging
import re

from bot.i18n import Texts
from bot.offline.emulator.state import wait_until
from handlers import callbacks
from tests.helpers import choose_language, invitation, seat

TEXTS = Texts()


def text(language, key, /, **params):
    """What a person sees for a catalogue text (tags stripped, entities unescaped, as the emulator shows it)."""
    return html.unescape(re.sub(r"<[^>]+>", "", TEXTS.html(language, key, **params)))


def inline_press(emulator, user, data: str):
    """A press on an inline message (or one from long ago): the callback query carries no message, so no chat."""
    record = emulator.new_query(user)
    emulator.queue.push("callback_query", {"id": record.query_id, "from": user.as_dict(), "chat_instance": "ci",
                                           "inline_message_id": f"inline-{record.query_id}", "data": data})
    return record


def errors_logged(caplog) -> list[str]:
    return [f"{r.name}: {r.getMessage()}" for r in caplog.records if r.levelno >= logging.ERROR]


async def test_a_press_without_a_message_is_answered_in_the_private_chat(bot, emulator, caplog):
    john = emulator.user(1401, "John", language_code="en")
    record = inline_press(emulator, john, callbacks.LANGUAGE.data("en"))
    await wait_until(lambda: record.answer, emulator.changed, 5)
    confirmed = await john.next_message()
    assert confirmed.text == text("en", "start.language_set", language="English")
    assert confirmed.chat_id == john.id
    assert (await john.next_message()).text == text("en", "start.no_workshop", name="John")
    assert errors_logged(caplog) == []


async def test_a_members_press_without_a_message_shows_the_page_in_a_new_message(bot, emulator, workshop_id, caplog):
    await seat(bot.storage, workshop_id, 1402, "Ana Pérez", table="A", language="en")
    ana = emulator.user(1402, "Ana", language_code="en")
    record = inline_press(emulator, ana, callbacks.BRIEF_PAGE.data("individual", 1))
    await wait_until(lambda: record.answer, emulator.changed, 5)
    page = await ana.next_message()
    assert page.buttons  # the briefing's page, with its ◀ ▶
    await ana.press_data(callbacks.MINE_PAGE.data(0), 987654)  # a message that is not there (any more)
    await ana.wait_for_callback_answer()
    assert (await ana.next_message()).text.startswith(text("en", "mine.none")[:20])
    assert errors_logged(caplog) == []


async def test_what_answers_no_question_is_said_so_and_the_question_comes_again(bot, emulator, workshop_id):
    ana = emulator.user(1403, "Ana", language_code="en")
    await choose_language(ana, await invitation(bot.storage, workshop_id))
    question = await ana.wait_for(lambda m: "?" in m.text and not m.buttons)  # the name question
    sent = await ana.send_text("hello")
    await ana.next_message()  # "hello" is taken as the name; the next question follows
    affiliation = await ana.wait_for(lambda m: m.has_button("Guatemala"))
    for send, key in ((ana.send_sticker, "common.not_an_answer"), (ana.send_photo, "common.not_an_answer"),
                      (ana.send_voice, "common.not_an_answer"), (ana.send_location, "common.not_an_answer"),
                      (ana.send_document, "common.not_an_answer"),
                      (lambda: ana.send_text("/frobnicate"), "common.unknown_command"),
                      (lambda: ana.edit_text(sent["message_id"], "Ana Pérez"), "common.edits_ignored")):
        await send()
        assert (await ana.next_message()).text == text("en", key)
        again = await ana.next_message()
        assert again.text == affiliation.text and again.button_texts == affiliation.button_texts
    assert question.text != affiliation.text


async def test_a_stranger_is_told_to_open_the_invitation_link_whatever_they_send(bot, emulator, caplog):
    nina = emulator.user(1404, "Nina", language_code="en")
    join = text("en", "start.no_workshop", name="Nina")
    for command in ("/mod", "/roadmap", "/progress", "/phases", "/plenary", "/send", "/frobnicate", "hello"):
        assert (await nina.ask(command)).text == join, command
    for send in (nina.send_sticker, nina.send_photo, nina.send_document, nina.send_voice):
        await send()
        assert (await nina.next_message()).text == join
    await nina.press_data(callbacks.MOD_DASHBOARD.data(1), 987654)  # a forged button
    answer = await nina.wait_for_callback_answer()
    assert answer["text"] == text("en", "part.no_workshop") and answer["show_alert"]
    assert (await nina.next_message()).text == join
    refusals = {text("en", key) for key in TEXTS.keys("en") if key.startswith(("guard.refused", "sec.refused"))}
    assert not refusals & {m.text for m in nina.messages}
    assert errors_logged(caplog) == []


async def test_a_strangers_first_start_says_how_to_join_before_asking_anything(bot, emulator):
    pedro = emulator.user(1405, "Pedro", language_code="es")
    shown = await pedro.ask("/start")
    told, asked = shown.text.index(text("es", "start.stranger")), shown.text.index(text("es", "start.choose_language"))
    assert told < asked and text("en", "start.stranger") in shown.text
    assert shown.button_texts == ["Español", "English"]


async def test_updates_with_nothing_to_answer_are_ignored_cleanly(bot, emulator, workshop_id, caplog):
    await seat(bot.storage, workshop_id, 1406, "Ana Pérez", table="A", language="en")
    ana = emulator.user(1406, "Ana", language_code="en")
    me, sender, now = emulator.bot_user, ana.as_dict(), emulator.now()
    channel = {"id": -1001406, "type": "channel", "title": "News"}
    group = emulator.group(-1001407, "Mesa A").state.chat
    post = {"message_id": 1, "date": now, "chat": channel, "sender_chat": channel, "text": "/start"}
    for kind, payload in (
            ("channel_post", post), ("edited_channel_post", {**post, "edit_date": now}),
            ("my_chat_member", {"chat": emulator.chats[ana.id].chat, "from": sender, "date": now,
                                "old_chat_member": {"status": "member", "user": me},
                                "new_chat_member": {"status": "kicked", "user": me, "until_date": 0}}),
            ("my_chat_member", {"chat": group, "from": sender, "date": now,
                                "old_chat_member": {"status": "left", "user": me},
                                "new_chat_member": {"status": "member", "user": me}}),
            ("inline_query", {"id": "iq1", "from": sender, "query": "reto", "offset": ""}),
            ("chat_join_request", {"chat": group, "from": sender, "user_chat_id": ana.id, "date": now}),
            ("a_kind_from_the_future", {"id": 7, "from": sender})):
        emulator.queue.push(kind, payload)
    await emulator.wait_idle()
    assert ana.messages == [] and emulator.chat_messages(group["id"]) == []
    assert (await ana.ask("/help")).text.startswith(text("en", "help.participant")[:20])  # still answering
    assert errors_logged(caplog) == []
