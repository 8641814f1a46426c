"""The running bot fed random updates of every kind, from every kind of person (property-based, with hypothesis).

Each example is a burst of actions: messages with random text, commands (known, unknown, addressed to another
bot, with odd arguments and invitation links), stickers, photos, voice notes, documents, locations, contacts and
dice, edits, presses of the buttons a person is shown, of real-looking data built from every route of
``handlers.callbacks`` and of random data (on messages that exist and on ones that do not, and on inline messages
that carry no chat), channel posts, ``my_chat_member``, inline queries, poll answers, join requests, updates
from groups, from bots and of kinds no version of the bot knows. The actors are a stranger (one of many), people
who open a real invitation link halfway through, participants of two tables, a moderator, a rapporteur and the
secretariat (seated straight into the store). Each person's actions are sent one after the other, as a person
does, and different people's side by side.

Checked for every example: nothing reached the error handler (no "error while handling update", nor any other
record at ERROR, is logged), every private message a person sent got at least one answer, and every press was
answered (no spinner left turning).

One bot, started once for the module in a thread of its own, answers every example (the store grows across
them, as in a real workshop); the one button never pressed is "close the workshop", which would freeze it for
every later example. The default run sends a few hundred updates in well under a minute. ``FUZZ_UPDATES=10000``
(what ``make soak`` sets) sends at least that many.
"""

from __future__ import annotations

import asyncio
import collections
import logging
import os
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from bot.domain.workshop_file import EXAMPLE_FILE, load_workshop
from bot.offline.emulator import BotApiEmulator, SimulatedUser
from bot.offline.emulator.state import wait_until
from bot.offline.runner import OfflineBot, offline_settings
from bot.storage import Storage
from handlers import callbacks, flow
from tests.conftest import BOT_USERNAME
from tests.helpers import invitation, open_phase, seat

FUZZ_UPDATES = int(os.environ.get("FUZZ_UPDATES") or 0)
BURST = 16                                  # actions per example, at most
EXAMPLES = 60                               # examples of the default run
ANSWER_WAIT = 45.0                          # seconds: above the longest pause for a guessed invitation link
NEVER_PRESSED = {callbacks.CLOSE_WORKSHOP.data()}

# The cast: telegram id -> (name, role, table, language). Strangers come from a pool of ids of their own.
CAST = {
    71001: ("Ana Pérez", "participant", "A", "es"),
    71002: ("John Smith", "participant", "A", "en"),
    71003: ("Bea Ruiz", "participant", "B", "es"),
    71004: ("Mora Moderadora", "moderator", "A", "es"),
    71005: ("Rafa Relator", "rapporteur", "A", "en"),
    71006: ("Sara Secretaría", "secretariat", None, "en"),
}
STRANGERS = range(72000, 72200)
GROUP_ID = -1009990001
CHANNEL = {"id": -1009990002, "type": "channel", "title": "Noticias"}
ANONYMOUS_ADMIN = {"id": 1087968824, "is_bot": True, "first_name": "Group", "username": "GroupAnonymousBot"}
OTHER_BOT = {"id": 5550001, "is_bot": True, "first_name": "Other", "username": "other_bot"}

COMMANDS = ["start", "help", "language", "cancel", "send", "challenge", "practice", "recommend", "mine",
            "briefing", "table", "profile", "forget", "plenary", "mod", "audit", "phases", "announce",
            "rapporteur", "reading", "roadmap", "minutes", "export", "invite", "revoke", "progress", "close",
            "agenda", "frobnicate", "START", "menu"]
PLAUSIBLE = ["Ana Pérez", "Guatemala", "México", "OIM", "Instituto Nacional de Migración", "Directora", "1", "2",
             "0", "-1", "99999999999999", "Sí", "Yes", "no", "A", "B", "C", "individual", "economic", "/", "//",
             "<b>negrita</b>", "&amp;", "a & b < c", "🙂", "‏عربي", "中文", " ", "\u200b", "x" * 64]
CODES = ["A", "B", "C", "Z", "individual", "community", "structural", "economic", "social", "psychosocial",
         "GT", "MX", "iom", "es", "en", "0"]
SLUGS = ["mapping", "tables", "plenary", "joint-reading", "annex-i", "challenge", "good_practice",
         "recommendation", "name", "country", "institution", "position", "pdf", "csv", "xlsx", "json", "zip",
         "register", "x", "0"]

texts = st.one_of(
    st.text(min_size=1, max_size=60),
    st.sampled_from(PLAUSIBLE),
    st.builds(lambda piece, times: (piece * times)[:4096], st.text(min_size=1, max_size=4),
              st.integers(min_value=200, max_value=1500)),
)
token_like = st.from_regex(r"[A-Za-z0-9_-]{16,40}", fullmatch=True)


@st.composite
def commands(draw) -> str:
    name = draw(st.sampled_from(COMMANDS))
    suffix = draw(st.sampled_from(["", "", "", f"@{BOT_USERNAME}", "@other_bot"]))
    argument = draw(st.one_of(st.none(), st.none(), token_like, st.text(min_size=1, max_size=30)))
    return f"/{name}{suffix}" + (f" {argument}" if argument else "")


@st.composite
def route_data(draw) -> str:
    """Data a button of ours could carry: a real route, arguments of the right shape (often wrong values)."""
    route = draw(st.sampled_from(sorted(callbacks.ROUTES.values(), key=str)))
    values = []
    for arg in route.args:
        if arg.read is int:
            values.append(str(draw(st.one_of(st.integers(0, 40), st.integers(0, 10 ** min(arg.max_bytes, 12) - 1)))))
        elif arg.free:
            values.append(draw(st.one_of(st.sampled_from(["", "0", "1", "yes", "done", "skip", "es"]),
                                         st.text(max_size=12).filter(lambda t: "\n" not in t))))
        elif arg.max_bytes == 2:
            values.append(draw(st.sampled_from(["es", "en", "fr"])))
        elif route is callbacks.FLOW_PRESS and arg.name == "flow":
            values.append(draw(st.sampled_from(sorted(flow.FLOWS))))
        elif route is callbacks.FLOW_PRESS and arg.name == "step":
            values.append(draw(st.sampled_from(sorted({s for f in flow.FLOWS.values() for s in f.steps}))))
        else:
            values.append(draw(st.sampled_from(CODES if "A-Z" in arg.regex else SLUGS)))
    return ":".join([route.prefix, *values])


press_data = st.one_of(
    route_data(),
    st.text(max_size=40),
    st.sampled_from(["mod:ok:12", "v0:lang:set:en", "v1:lang:set", "v1:flow:go:register:name", "v1::",
                     "v1:lang:set:en\n"]),
).filter(lambda data: 0 < len(data.encode()) <= 64 and data not in NEVER_PRESSED)

actors = st.one_of(st.sampled_from(sorted(CAST)), st.sampled_from(sorted(CAST)), st.sampled_from(STRANGERS))
selector = st.integers(min_value=0, max_value=10**6)

actions = st.one_of(
    st.tuples(st.just("text"), actors, texts),
    st.tuples(st.just("command"), actors, commands()),
    st.tuples(st.just("media"), actors, st.sampled_from(["sticker", "photo", "voice", "location", "contact", "dice",
                                                         "document", "odd document"])),
    # A press: of a button shown to the person or of made-up data; on its message, on one that is gone (or was
    # never there), or on an inline message (no chat at all).
    st.tuples(st.just("press"), actors, st.tuples(st.sampled_from(["shown", "shown", "made"]),
                                                  st.sampled_from(["message", "message", "gone", "inline"]),
                                                  selector, press_data)),
    st.tuples(st.just("press"), actors, st.tuples(st.just("shown"), st.just("message"), selector, press_data)),
    st.tuples(st.just("edit"), actors, texts),
    st.tuples(st.just("invitation"), st.sampled_from(STRANGERS), st.none()),
    st.tuples(st.just("group"), actors, st.one_of(texts, commands(), press_data)),
    st.tuples(st.just("raw"), actors, st.sampled_from(["channel_post", "edited_channel_post", "my_chat_member",
                                                       "group_member", "inline_query", "chosen_inline_result",
                                                       "poll_answer", "chat_join_request", "from a bot",
                                                       "anonymous admin", "unknown kind"])),
)
bursts = st.lists(actions, min_size=2, max_size=BURST)
# Tried first in every run: what once crashed the bot or left a person without an answer.
KNOWN = [
    [("press", 72001, ("made", "inline", 0, callbacks.LANGUAGE.data("en"))),
     ("press", 71001, ("made", "inline", 0, callbacks.LANGUAGE.data("es"))),
     ("press", 71001, ("made", "gone", 0, callbacks.MINE_PAGE.data(0))),
     ("press", 71002, ("made", "inline", 0, callbacks.BRIEF_PAGE.data("individual", 1)))],
    [("invitation", 72002, None), ("media", 72002, "sticker"), ("command", 72002, "/frobnicate"),
     ("edit", 72002, "otra cosa"), ("media", 72002, "document")],
    [("command", 72003, "/mod"), ("command", 72003, "/roadmap"), ("media", 72003, "voice"), ("text", 72003, "hola")],
    [("raw", 71001, kind) for kind in ("channel_post", "my_chat_member", "group_member", "inline_query",
                                        "unknown kind", "from a bot", "anonymous admin")],
]


class ErrorRecords(logging.Handler):
    """Every record at ERROR or above, whoever logs it (the bot's error handler logs every failed update)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def describe(self, since: int) -> str:
        return "\n".join(f"{r.name}: {r.getMessage()}" + (f"\n{self.format(r)}" if r.exc_info else "")
                         for r in self.records[since:])


class Fuzzer:
    """The bot and the emulator on an event loop of their own thread; examples are run on it one at a time."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="fuzzed-bot", daemon=True)
        self.thread.start()
        self.sent: collections.Counter[str] = collections.Counter()
        self.errors = ErrorRecords()
        self.errors.setFormatter(logging.Formatter())
        self.run(self._start())

    def run(self, coroutine, timeout: float = 600.0):
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    @property
    def updates(self) -> int:
        return sum(self.sent.values())

    async def _start(self) -> None:
        self.emulator = await BotApiEmulator(token="123456:FUZZ-TOKEN", bot_username=BOT_USERNAME).start()
        self.database = self.directory / "fuzz.sqlite3"
        async with Storage(self.database) as storage:
            self.workshop_id = await storage.save_workshop(load_workshop(EXAMPLE_FILE))
            self.token = await invitation(storage, self.workshop_id)
            await open_phase(storage, self.workshop_id, "mapping")
            await open_phase(storage, self.workshop_id, "tables", "A")
        self.bot = await OfflineBot(offline_settings(self.emulator, self.database)).start()
        self.group = self.emulator.group(GROUP_ID, "Mesa A")
        for telegram_id, (name, _, _, language) in CAST.items():
            self.emulator.user(telegram_id, name.split()[0], language_code=language)
        await self.seat_cast()

    async def seat_cast(self) -> None:
        """The cast, as registered members (again: a participant may have erased their data with /forget)."""
        for telegram_id, (name, role, table, language) in CAST.items():
            await seat(self.bot.storage, self.workshop_id, telegram_id, name, role=role, table=table,
                       language=language, country=None if role == "secretariat" else "GT")

    async def stop(self) -> None:
        await self.bot.stop()
        await self.emulator.stop()

    def close(self) -> None:
        self.run(self.stop())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)
        self.loop.close()

    def user(self, telegram_id: int) -> SimulatedUser:
        if telegram_id in CAST:
            return self.emulator.user(telegram_id)
        language = ("es", "en", None, "pt-BR")[telegram_id % 4]
        return self.emulator.user(telegram_id, f"Ext{telegram_id}", language_code=language)

    # -- one example -------------------------------------------------------------------------------------------

    async def burst(self, actions: list[tuple]) -> list[str]:
        """Run one example: each person's actions in order, different people side by side. Returns what went
        unanswered."""
        await self.seat_cast()
        lanes: dict[object, list[tuple]] = collections.defaultdict(list)
        for action in actions:
            lanes["raw" if action[0] == "raw" else action[1]].append(action)
        results = await asyncio.gather(*(self._lane(lane) for lane in lanes.values()))
        await self.emulator.wait_idle(timeout=ANSWER_WAIT)
        return [problem for problems in results for problem in problems]

    async def _lane(self, lane: list[tuple]) -> list[str]:
        problems = []
        for action in lane:
            problem = await self.act(*action)
            if problem:
                problems.append(problem)
        return problems

    async def act(self, kind: str, actor: int, detail) -> str | None:
        """Do one action; what should have been answered and was not, or None."""
        if kind != "press":  # a press is counted by what was pressed where
            self.sent[kind] += 1
        user = self.user(actor)
        if kind == "text":
            await user.send_text(detail)
            return await self._answered(user, f"text {detail[:40]!r}")
        if kind == "command":
            await user.send_text(detail)
            return await self._answered(user, f"command {detail[:60]!r}")
        if kind == "invitation":
            await user.send_text(f"/start {self.token}")
            return await self._answered(user, "the invitation link")
        if kind == "media":
            await self._media(user, detail)
            return await self._answered(user, detail)
        if kind == "edit":
            mine = sorted(self.emulator.chats[user.id].user_messages)
            if not mine:
                await user.send_text(detail)
            else:
                await user.edit_text(mine[len(detail) % len(mine)], detail)
            return await self._answered(user, f"edit {detail[:40]!r}")
        if kind == "press":
            return await self._press(user, *detail)
        if kind == "group":
            self.group.add(user)
            if detail.startswith("v1:") or not detail.strip():
                await user.press_data(detail or "x", 10**6, chat=self.group)
            else:
                await user.send_text(detail, chat=self.group)
            return None
        self._raw(user, detail)
        return None

    async def _press(self, user: SimulatedUser, source: str, target: str, choice: int, made: str) -> str | None:
        shown = [(m, data) for m in user.messages[-4:] for row in m.buttons for _, data in row
                 if data and not data.startswith("http") and data not in NEVER_PRESSED]
        messages = user.messages
        if source == "shown" and shown:
            message, data = shown[choice % len(shown)]
        else:
            message, data = (messages[choice % len(messages)] if messages else None), made
        self.sent[f"press {source} {target}"] += 1
        if target == "inline":
            record = self.emulator.new_query(user)
            self.emulator.queue.push("callback_query", {"id": record.query_id, "from": user.as_dict(),
                                                        "inline_message_id": f"inline{record.query_id}",
                                                        "chat_instance": "inline", "data": data})
            try:
                await wait_until(lambda: record.answer, self.emulator.changed, ANSWER_WAIT)
            except TimeoutError:
                return f"{user!r}: press of {data!r} on an inline message not answered"
            return None
        message_id = message.message_id if target == "message" and message else 10**6 + choice % 1000
        await user.press_data(data, message_id)
        return await self._pressed(user, f"{data!r} on message {message_id}")

    async def _answered(self, user: SimulatedUser, what: str) -> str | None:
        try:
            await user.next_message(timeout=ANSWER_WAIT)
        except TimeoutError:
            return f"{user!r}: {what} got no answer"
        return None

    async def _pressed(self, user: SimulatedUser, what: str) -> str | None:
        try:
            await user.wait_for_callback_answer(timeout=ANSWER_WAIT)
        except TimeoutError:
            return f"{user!r}: press of {what} not answered"
        return None

    async def _media(self, user: SimulatedUser, kind: str) -> None:
        if kind == "sticker":
            await user.send_sticker()
        elif kind == "photo":
            await user.send_photo(caption="una foto")
        elif kind == "voice":
            await user.send_voice()
        elif kind == "location":
            await user.send_location()
        elif kind == "contact":
            await user.send_contact()
        elif kind == "document":
            await user.send_document("propuesta.pdf")
        elif kind == "odd document":
            await user.send_document("../../etc/passwd", content=b"\x00" * 10, mime_type=None)
        else:  # a kind of message the bot has no word for
            await user._send({"dice": {"emoji": "🎲", "value": 4}}, None)

    def _raw(self, user: SimulatedUser, kind: str) -> None:
        """Updates no simulated action produces, pushed as Telegram would send them."""
        emu, now, sender = self.emulator, self.emulator.now(), user.as_dict()
        me = {**emu.bot_user}
        post = {"message_id": 1, "date": now, "chat": CHANNEL, "sender_chat": CHANNEL, "text": "Aviso"}
        group_chat = self.group.state.chat
        member = {"status": "member", "user": me}
        payloads = {
            "channel_post": ("channel_post", post),
            "edited_channel_post": ("edited_channel_post", {**post, "edit_date": now}),
            "my_chat_member": ("my_chat_member", {
                "chat": emu.chats[user.id].chat, "from": sender, "date": now, "old_chat_member": member,
                "new_chat_member": {"status": "kicked", "user": me, "until_date": 0}}),
            "group_member": ("my_chat_member", {
                "chat": group_chat, "from": sender, "date": now, "old_chat_member": {"status": "left", "user": me},
                "new_chat_member": member}),
            "inline_query": ("inline_query", {"id": f"iq{now}", "from": sender, "query": "reto", "offset": ""}),
            "chosen_inline_result": ("chosen_inline_result", {"result_id": "1", "from": sender, "query": "reto"}),
            "poll_answer": ("poll_answer", {"poll_id": "p1", "user": sender, "option_ids": [0],
                                             "option_persistent_ids": ["0"]}),
            "chat_join_request": ("chat_join_request", {"chat": group_chat, "from": sender, "user_chat_id": user.id,
                                                        "date": now}),
            "from a bot": ("message", {"message_id": 1, "date": now, "text": "/start",
                                       "chat": {"id": OTHER_BOT["id"], "type": "private", "first_name": "Other"},
                                       "from": OTHER_BOT,
                                       "entities": [{"type": "bot_command", "offset": 0, "length": 6}]}),
            "anonymous admin": ("message", {"message_id": 1, "date": now, "text": "hola", "chat": group_chat,
                                            "from": ANONYMOUS_ADMIN, "sender_chat": group_chat}),
            "unknown kind": ("some_future_update", {"id": 1, "from": sender, "what": "a kind of update from later"}),
        }
        emu.queue.push(*payloads[kind])


@pytest.fixture(scope="module")
def fuzzer(tmp_path_factory):
    running = Fuzzer(tmp_path_factory.mktemp("fuzz"))
    logging.getLogger().addHandler(running.errors)
    try:
        yield running
    finally:
        logging.getLogger().removeHandler(running.errors)
        running.close()


def example_each(bursts_tried: list[list[tuple]]):
    def decorate(test):
        for tried in reversed(bursts_tried):
            test = example(tried)(test)
        return test

    return decorate


def test_every_update_is_answered_or_ignored_cleanly(fuzzer):
    target = FUZZ_UPDATES or 0
    examples = max(EXAMPLES, target // 6) if target else EXAMPLES

    @settings(max_examples=examples, deadline=None, database=None, derandomize=not target,
              phases=[Phase.explicit, Phase.generate, Phase.shrink], report_multiple_bugs=False,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example])
    @given(bursts)
    @example_each(KNOWN)
    def burst_of_updates(actions):
        before = len(fuzzer.errors.records)
        unanswered = fuzzer.run(fuzzer.burst(actions))
        logged = fuzzer.errors.describe(before)
        assert not logged, f"errors logged while handling {actions!r}:\n{logged}"
        assert not unanswered, "\n".join(unanswered)

    burst_of_updates()
    while fuzzer.updates < target:  # hypothesis may stop early; the soak run sends at least what it was asked
        burst_of_updates()
    print(f"\nfuzzed updates: {fuzzer.updates} {dict(fuzzer.sent)}")
    assert fuzzer.updates >= max(target, 100)
