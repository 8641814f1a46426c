"""The Bot API emulator, driven by a bare PTB Application over real HTTP.

If these pass, a test of the workshop bot that fails is about the bot, not about the double.
"""

import os

os.environ.setdefault("PTB_TIMEDELTA", "1")

import asyncio
import datetime as dtm
import html
import time

import aiohttp
import pytest
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeAllPrivateChats,
    ForceReply,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest, Conflict, Forbidden, NetworkError, RetryAfter
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.offline.emulator import BotApiEmulator, BotMessage

TOKEN = "123456:TEST-TOKEN"
MENU = InlineKeyboardMarkup(
    [[InlineKeyboardButton("Sí", callback_data="menu:yes"), InlineKeyboardButton("No", callback_data="menu:no")]]
)


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await update.message.reply_text(f"welcome, payload={' '.join(context.args) or 'none'}")


async def menu(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await update.message.reply_text("¿Seguro?", reply_markup=MENU)


async def choose(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    await query.answer(f"chose {query.data}")
    await query.edit_message_text(f"you chose {query.data}")


async def send_pdf(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await update.message.reply_document(
        document=b"%PDF-1.4 from the bot", filename="roadmap.pdf", caption="<b>Roadmap</b>", parse_mode=ParseMode.HTML
    )


async def read_document(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    document = update.message.document
    content = await (await document.get_file()).download_as_bytearray()
    await update.message.reply_text(f"got {document.file_name}: {bytes(content).decode()}")


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    context.bot_data.setdefault("seen", []).append(update.update_id)
    await update.message.reply_text(update.message.text)


async def echo_edit(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await update.edited_message.reply_text(f"edited: {update.edited_message.text}")


@pytest.fixture
async def emu():
    async with BotApiEmulator(token=TOKEN, bot_username="workshop_test_bot") as emulator:
        yield emulator


@pytest.fixture
async def app(emu: BotApiEmulator):
    application = ApplicationBuilder().token(emu.token).base_url(emu.base_url).base_file_url(emu.base_file_url).build()
    application.add_handlers(
        [
            CommandHandler("start", start),
            CommandHandler("menu", menu),
            CommandHandler("pdf", send_pdf),
            CallbackQueryHandler(choose, pattern=r"^menu:"),
            MessageHandler(filters.Document.ALL, read_document),
            MessageHandler(filters.UpdateType.EDITED_MESSAGE & filters.TEXT, echo_edit),
            MessageHandler(filters.UpdateType.MESSAGE & filters.TEXT & ~filters.COMMAND, echo),
        ]
    )
    async with application:
        await application.start()
        await application.updater.start_polling(poll_interval=0, timeout=1)
        yield application
        await application.updater.stop()
        await application.stop()


@pytest.fixture
async def bare_bot(emu: BotApiEmulator):
    """A Bot nobody polls for: updates stay queued, calls are made by the test itself."""
    async with Bot(TOKEN, base_url=emu.base_url, base_file_url=emu.base_file_url) as bot:
        yield bot


# -- people talking to the bot -------------------------------------------------------------


async def test_commands_carry_entities_and_deep_link_payload(emu: BotApiEmulator, app: Application) -> None:
    ana = emu.user(1001, "Ana", language_code="es")
    sent = await ana.send_text("/start abc_TOKEN")
    assert sent["entities"] == [{"type": "bot_command", "offset": 0, "length": 6}]
    assert (await ana.next_message()).text == "welcome, payload=abc_TOKEN"
    assert (await ana.ask("/start@workshop_test_bot")).text == "welcome, payload=none"


async def test_echo_and_getupdates_offsets_are_confirmed(emu: BotApiEmulator, app: Application) -> None:
    ana = emu.user(1001, "Ana")
    assert (await ana.ask("hola")).text == "hola"
    last = await ana.send_text("¿qué tal? 😀")
    assert (await ana.next_message()).text == "¿qué tal? 😀"
    await emu.wait_idle()
    assert last["text"] and emu.confirmed_offset == emu.queue.last_update["update_id"]
    assert [m.text for m in ana.messages] == ["hola", "¿qué tal? 😀"]
    assert ana.last_message.chat_id == ana.id


async def test_next_message_walks_forward_then_times_out_with_context(emu: BotApiEmulator, app: Application) -> None:
    ana = emu.user(1001, "Ana")
    await ana.send_text("uno")
    await ana.send_text("dos")
    assert [(await ana.next_message()).text, (await ana.next_message()).text] == ["uno", "dos"]
    with pytest.raises(TimeoutError, match="'dos'"):
        await ana.next_message(timeout=0.3)


async def test_button_press_is_answered_and_the_edit_drops_the_keyboard(emu: BotApiEmulator, app: Application) -> None:
    ana = emu.user(1001, "Ana")
    question = await ana.ask("/menu")
    assert question.buttons == [[("Sí", "menu:yes"), ("No", "menu:no")]]
    assert question.has_button("No") and question.button_texts == ["Sí", "No"]
    query = await ana.press("Sí")
    assert query["data"] == "menu:yes" and query["message"]["message_id"] == question.message_id
    assert (await ana.wait_for_callback_answer())["text"] == "chose menu:yes"
    edited = await ana.wait_for(lambda m: m.edits == 1)
    assert edited is question and edited.text == "you chose menu:yes" and edited.buttons == []
    with pytest.raises(LookupError, match="menu:no"):
        await ana.press("menu:no")
    with pytest.raises(BadRequest, match=r"(?i)query is too old"):
        await app.bot.answer_callback_query(query["id"])  # already answered


async def test_forged_press_and_expired_query(emu: BotApiEmulator, bare_bot: Bot) -> None:
    ana = emu.user(1001, "Ana")
    query = await ana.press_data("mod:v1:approve:999", message_id=77)
    assert query["message"]["date"] == 0  # InaccessibleMessage, as for a message the bot never sent
    emu.advance_time(16 * 60)
    with pytest.raises(BadRequest, match=r"(?i)query is too old"):
        await bare_bot.answer_callback_query(query["id"])
    with pytest.raises(BadRequest, match=r"(?i)query is too old"):
        await bare_bot.answer_callback_query("no-such-query")


async def test_user_edit_reaches_the_bot(emu: BotApiEmulator, app: Application) -> None:
    ana = emu.user(1001, "Ana")
    sent = await ana.send_text("primera versión")
    await ana.next_message()
    await ana.edit_text(sent["message_id"], "segunda versión")
    assert (await ana.next_message()).text == "edited: segunda versión"


async def test_group_messages_go_to_the_group(emu: BotApiEmulator, app: Application) -> None:
    ana = emu.user(1001, "Ana")
    table = emu.group(-100123, "Mesa A")
    reply = await ana.ask("/menu", chat=table)
    assert reply.chat_id == -100123 and table.last_message is reply and ana.messages == []
    await ana.press("No", message=reply)
    assert (await ana.wait_for(lambda m: "menu:no" in m.text)).chat_id == -100123


# -- Telegram's checks ---------------------------------------------------------------------


async def test_editing_with_the_same_content_is_not_modified(emu: BotApiEmulator, app: Application) -> None:
    ana = emu.user(1001, "Ana")
    msg = await ana.ask("hola")
    with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
        await app.bot.edit_message_text("hola", chat_id=ana.id, message_id=msg.message_id)
    await app.bot.edit_message_text("<b>hola</b>", chat_id=ana.id, message_id=msg.message_id, parse_mode="HTML")
    assert (msg.text, msg.html, msg.edits) == ("hola", "<b>hola</b>", 1)
    with pytest.raises(BadRequest, match=r"(?i)message is not modified"):  # same text and entities
        await app.bot.edit_message_text(
            "<strong>hola</strong>", chat_id=ana.id, message_id=msg.message_id, parse_mode="HTML"
        )
    with pytest.raises(BadRequest, match=r"(?i)message to edit not found"):
        await app.bot.edit_message_text("x", chat_id=ana.id, message_id=999)
    await app.bot.edit_message_reply_markup(chat_id=ana.id, message_id=msg.message_id, reply_markup=MENU)
    assert msg.button_texts == ["Sí", "No"]
    assert await app.bot.delete_message(ana.id, msg.message_id)
    assert msg.deleted and msg not in ana.messages
    with pytest.raises(BadRequest, match=r"(?i)message to delete not found"):
        await app.bot.delete_message(ana.id, msg.message_id)


@pytest.mark.parametrize(
    "markup",
    ["a < b", "AT&T", "<b>unclosed", "<br>", "<b><i>x</b></i>", "</b>", "<span>x</span>", "&nbsp;", "<p>x</p>"],
)
async def test_html_rejects_what_telegram_rejects(emu: BotApiEmulator, bare_bot: Bot, markup: str) -> None:
    emu.user(1001, "Ana")
    with pytest.raises(BadRequest, match=r"(?i)can't parse entities"):
        await bare_bot.send_message(1001, markup, parse_mode=ParseMode.HTML)


async def test_html_accepts_escaped_text_and_telegram_tags(emu: BotApiEmulator, bare_bot: Bot) -> None:
    ana = emu.user(1001, "Ana")
    escaped = html.escape('Ti amo <3 AT&T "ok"')
    raw = (
        f'<b>{escaped}</b> <a href="https://x.org/?a=1&amp;b=2">link</a> '
        '<tg-spoiler>s</tg-spoiler> <span class="tg-spoiler">s</span> <pre><code class="language-py">x</code></pre>'
        " <blockquote expandable>q</blockquote> &#65;&#x42; <u>u</u><s>s</s><code>c</code>"
    )
    sent = await bare_bot.send_message(ana.id, raw, parse_mode=ParseMode.HTML)
    msg = ana.last_message
    assert msg.text == 'Ti amo <3 AT&T "ok" link s s x q AB usc' and msg.html == raw
    assert sent.text_html.startswith("<b>Ti amo &lt;3 AT&amp;T")  # entities round-trip through PTB


async def test_text_and_caption_limits(emu: BotApiEmulator, bare_bot: Bot) -> None:
    ana = emu.user(1001, "Ana")
    await bare_bot.send_message(ana.id, "x" * 4096)
    with pytest.raises(BadRequest, match=r"(?i)message is too long"):
        await bare_bot.send_message(ana.id, "x" * 4097)
    await bare_bot.send_message(ana.id, f"<b>{'x' * 4096}</b>", parse_mode="HTML")  # counted after parsing
    for empty in ("", "   ", "<b></b>"):
        with pytest.raises(BadRequest, match=r"(?i)message text is empty"):
            await bare_bot.send_message(ana.id, empty, parse_mode="HTML")
    with pytest.raises(BadRequest, match=r"(?i)caption is too long"):
        await bare_bot.send_document(ana.id, b"data", filename="a.txt", caption="c" * 1025)


async def test_callback_data_is_limited_to_64_bytes(emu: BotApiEmulator, bare_bot: Bot) -> None:
    ana = emu.user(1001, "Ana")
    fits = InlineKeyboardMarkup([[InlineKeyboardButton("ok", callback_data="ñ" * 32)]])
    await bare_bot.send_message(ana.id, "fits", reply_markup=fits)
    too_long = InlineKeyboardMarkup([[InlineKeyboardButton("no", callback_data="ñ" * 32 + "a")]])
    with pytest.raises(BadRequest, match=r"(?i)BUTTON_DATA_INVALID"):
        await bare_bot.send_message(ana.id, "65 bytes", reply_markup=too_long)
    assert [m.text for m in ana.messages] == ["fits"]


async def test_reply_keyboards_and_force_reply_are_recorded(emu: BotApiEmulator, app: Application) -> None:
    ana = emu.user(1001, "Ana")
    await app.bot.send_message(ana.id, "¿Mesa?", reply_markup=ReplyKeyboardMarkup([["A", "B"], ["C"]]))
    assert ana.reply_keyboard == [["A", "B"], ["C"]]
    assert ana.last_message.buttons == [[("A", None), ("B", None)], [("C", None)]]
    assert ana.last_message.keyboard == "reply"
    await ana.press("B")  # a reply keyboard button sends its text
    assert (await ana.next_message()).text == "B"
    await app.bot.send_message(ana.id, "ok", reply_markup=ReplyKeyboardRemove())
    await app.bot.send_message(ana.id, "¿Nombre?", reply_markup=ForceReply())
    assert ana.reply_keyboard is None and ana.last_message.keyboard == "force_reply"


# -- files -----------------------------------------------------------------------------------


async def test_document_round_trip_both_ways(emu: BotApiEmulator, app: Application) -> None:
    ana = emu.user(1001, "Ana")
    await ana.send_document(filename="plan.pdf", content=b"%PDF-1.4 plan", mime_type="application/pdf")
    assert (await ana.next_message()).text == "got plan.pdf: %PDF-1.4 plan"
    received = await ana.ask("/pdf")
    assert received.document["file_name"] == "roadmap.pdf"
    assert received.document["content"] == b"%PDF-1.4 from the bot"
    assert received.text == "Roadmap" and received.html == "<b>Roadmap</b>"
    assert emu.sent_documents == [received]
    again = await app.bot.send_document(ana.id, received.document["file_id"])  # resend by file_id
    assert again.document.file_name == "roadmap.pdf"
    photo = await app.bot.send_photo(ana.id, b"\x89PNG fake", caption="foto")
    assert ana.last_message.photo == b"\x89PNG fake" and photo.photo[-1].file_id


async def test_uploads_over_the_limit_are_too_big(emu: BotApiEmulator, bare_bot: Bot) -> None:
    emu.max_upload_bytes = 1000  # the rule is 50 MB; a small limit keeps the test fast
    emu.user(1001, "Ana")
    with pytest.raises(BadRequest, match=r"(?i)file is too big"):
        await bare_bot.send_document(1001, b"x" * 1001, filename="big.bin")
    with pytest.raises(BadRequest, match=r"(?i)wrong file identifier"):
        await bare_bot.send_document(1001, "NO-SUCH-FILE-ID")


# -- failures and delivery -------------------------------------------------------------------


async def test_blocked_user_and_unknown_chat(emu: BotApiEmulator, app: Application) -> None:
    ana = emu.user(1001, "Ana")
    ana.blocked = True
    with pytest.raises(Forbidden, match=r"(?i)bot was blocked by the user"):
        await app.bot.send_message(ana.id, "hola")
    with pytest.raises(BadRequest, match=r"(?i)chat not found"):
        await app.bot.send_message(424242, "hola")


async def test_injected_faults_map_to_ptb_exceptions(emu: BotApiEmulator, bare_bot: Bot) -> None:
    ana = emu.user(1001, "Ana")
    emu.fail_next("sendMessage", 429, retry_after=3)
    with pytest.raises(RetryAfter) as caught:
        await bare_bot.send_message(ana.id, "hola")
    assert caught.value.retry_after == dtm.timedelta(seconds=3)
    emu.fail_next("sendMessage", 500, times=2)
    for _ in range(2):
        with pytest.raises(NetworkError):
            await bare_bot.send_message(ana.id, "hola")
    emu.fail_next("sendMessage", 403, "Forbidden: bot was kicked from the group chat")
    with pytest.raises(Forbidden, match="kicked"):
        await bare_bot.send_message(ana.id, "hola")
    await bare_bot.send_message(ana.id, "hola")
    assert [name for name, _ in emu.requests].count("sendMessage") == 5
    assert [m.text for m in ana.messages] == ["hola"]


async def test_redelivery_repeats_the_same_update_id(emu: BotApiEmulator, app: Application) -> None:
    ana = emu.user(1001, "Ana")
    await ana.ask("uno")
    await emu.wait_idle()
    update = emu.redeliver_last()
    await emu.wait_idle()
    assert app.bot_data["seen"] == [update["update_id"], update["update_id"]]
    assert [m.text for m in ana.messages] == ["uno", "uno"]


async def test_commands_are_recorded_per_scope_and_language(emu: BotApiEmulator, bare_bot: Bot) -> None:
    await bare_bot.set_my_commands([BotCommand("start", "Empezar")], language_code="es")
    await bare_bot.set_my_commands([BotCommand("start", "Start")], language_code="en")
    await bare_bot.set_my_commands([BotCommand("start", "Start"), BotCommand("help", "Help")])
    await bare_bot.set_my_commands([BotCommand("roadmap", "Roadmap")], scope=BotCommandScopeAllPrivateChats())
    assert emu.commands[("default", "es")] == [("start", "Empezar")]
    assert emu.commands[("default", "en")] == [("start", "Start")]
    assert emu.commands[("default", "")] == [("start", "Start"), ("help", "Help")]
    assert emu.commands[("all_private_chats", "")] == [("roadmap", "Roadmap")]
    assert [c.command for c in await bare_bot.get_my_commands(language_code="es")] == ["start"]
    with pytest.raises(BadRequest, match=r"(?i)BOT_COMMAND_INVALID"):
        await bare_bot.set_my_commands([BotCommand("Start", "uppercase is refused")])
    await bare_bot.delete_my_commands(language_code="en")
    assert ("default", "en") not in emu.commands


async def test_long_poll_blocks_until_an_update_arrives(emu: BotApiEmulator, bare_bot: Bot) -> None:
    ana = emu.user(1001, "Ana")
    started = time.monotonic()
    assert await bare_bot.get_updates(timeout=0.3) == ()
    assert time.monotonic() - started >= 0.25
    asyncio.get_running_loop().call_later(0.05, lambda: asyncio.ensure_future(ana.send_text("hola")))
    started = time.monotonic()
    updates = await bare_bot.get_updates(timeout=5)
    assert time.monotonic() - started < 1 and updates[0].message.text == "hola"
    await bare_bot.get_updates(offset=updates[0].update_id + 1, timeout=0)
    assert emu.confirmed_offset == updates[0].update_id and len(emu.queue) == 0


async def test_webhook_blocks_polling_and_is_recorded(emu: BotApiEmulator, bare_bot: Bot) -> None:
    await bare_bot.set_webhook("https://example.org/hook", secret_token="s3cret")
    assert emu.webhook["url"] == "https://example.org/hook" and emu.webhook["secret_token"] == "s3cret"
    assert (await bare_bot.get_webhook_info()).url == "https://example.org/hook"
    with pytest.raises(Conflict):
        await bare_bot.get_updates()
    await bare_bot.delete_webhook()
    assert emu.webhook is None and await bare_bot.get_updates() == ()


async def test_raw_http_unknown_method_wrong_token_and_get(emu: BotApiEmulator) -> None:
    async with aiohttp.ClientSession() as session:
        async with session.post(f"{emu.base_url}{TOKEN}/noSuchMethod") as response:
            assert response.status == 400
            assert (await response.json())["description"] == "Bad Request: method not found"
        async with session.get(f"{emu.base_url}999:WRONG/getMe") as response:
            assert response.status == 401
        async with session.get(f"{emu.base_url}{TOKEN}/getme") as response:
            me = await response.json()
            assert me["ok"] and me["result"]["username"] == "workshop_test_bot" and me["result"]["is_bot"]
        async with session.post(f"{emu.base_url}{TOKEN}/sendChatAction", json={"chat_id": 5, "action": "typing"}) as r:
            assert r.status == 400 and (await r.json())["description"] == "Bad Request: chat not found"


async def test_bot_message_fields(emu: BotApiEmulator, bare_bot: Bot) -> None:
    ana = emu.user(1001, "Ana", language_code="es", username="ana_p")
    await bare_bot.send_message(ana.id, "<i>hola</i>", parse_mode="HTML", reply_markup=MENU)
    msg = ana.last_message
    assert isinstance(msg, BotMessage)
    assert (msg.message_id, msg.chat_id, msg.parse_mode, msg.document, msg.photo, msg.edits) == (
        1,
        1001,
        "HTML",
        None,
        None,
        0,
    )
    assert abs(msg.date - time.time()) < 5
    assert emu.calls("sendMessage")[0]["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "menu:yes"
