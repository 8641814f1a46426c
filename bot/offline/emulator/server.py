"""BotApiEmulator: an aiohttp server on 127.0.0.1 that PTB talks to as if it were Telegram.

It runs on the test's own event loop, so tests and the server share state without locks, and
every wait is an asyncio event, never a sleep loop.
"""

import asyncio
import contextlib
import itertools
import time
from collections import defaultdict, deque
from typing import Any

from aiohttp import web

from . import admin, send  # noqa: F401  (registers the Bot API methods)
from .api import METHODS, canonical
from .chaos import KINDS, RandomFaults
from .errors import METHOD_NOT_FOUND, ApiError
from .flood import FloodLimits
from .messages import BotMessage
from .state import ChatState, FileStore, Signal, UpdateQueue, member_wire, wait_until
from .users import CallbackRecord, SimulatedGroup, SimulatedUser, command_entities
from .wire import Call, read_call

_QUIET = 0.2  # seconds without Bot API requests that count as "the bot is idle"


class BotApiEmulator:
    """A local Bot API: queue what simulated people do, record and check what the bot sends."""

    def __init__(
        self,
        token: str = "123456:TEST-TOKEN",
        bot_username: str = "workshop_test_bot",
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        bot_first_name: str = "Workshop Bot",
        max_upload_bytes: int = 50 * 1024 * 1024,
    ) -> None:
        self.token = token
        self.host = host
        self.port = port
        self.max_upload_bytes = max_upload_bytes
        self.bot_user = {
            "id": int(token.split(":")[0]),
            "is_bot": True,
            "first_name": bot_first_name,
            "username": bot_username,
        }
        self.queue = UpdateQueue()
        self.files = FileStore()
        self.chats: dict[int, ChatState] = {}
        self.users: dict[int, SimulatedUser] = {}
        self.groups: dict[int, SimulatedGroup] = {}
        self.queries: dict[str, CallbackRecord] = {}
        self.requests: list[tuple[str, dict[str, Any]]] = []
        self.errors: list[tuple[str, dict[str, Any], str]] = []
        self.commands: dict[tuple[str, str], list[tuple[str, str]]] = {}
        self.commands_by_scope: dict[tuple[str, str], list[tuple[str, str]]] = {}
        self.menu_buttons: dict[int | None, dict] = {}
        self.profile: dict[tuple[str, str], str] = {}
        self.webhook: dict | None = None
        self.sent_documents: list[BotMessage] = []
        self.changed = Signal()  # fired on every change people can observe
        self.poll_generation = 0
        self.closing = False
        self._faults: dict[str, deque[ApiError]] = defaultdict(deque)
        self.chaos: RandomFaults | None = None  # random faults, once ``faults`` turns them on
        self.flood: FloodLimits | None = None  # Telegram's flood limits, once ``flood_limits`` turns them on
        # Privacy mode as Telegram applies it in groups: only commands and replies to the bot reach it. Off by
        # default, so a test also sees what the bot does with everything a group says.
        self.privacy_mode = False
        # Called as observer(method, params, result) after every call carried out: how a bench times replies
        # without every waiting person re-checking every chat on each change.
        self.observers: list[Any] = []
        self._seq = 0
        self._query_ids = itertools.count(1)
        self._time_offset = 0.0
        self._in_flight = 0
        self._last_request = time.monotonic()
        self._runner: web.AppRunner | None = None

    # -- life cycle ----------------------------------------------------------------------

    async def start(self) -> "BotApiEmulator":
        app = web.Application(client_max_size=self.max_upload_bytes + 16 * 1024 * 1024)
        app.router.add_route("*", "/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.5)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        self.port = self._runner.addresses[0][1]
        self.closing = False
        return self

    async def stop(self) -> None:
        """Answer pending long polls at once, then close the server."""
        self.closing = True
        self.queue.arrived.fire()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> "BotApiEmulator":
        return await self.start()

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        return f"http://{self.host}:{self.port}/file/bot"

    # -- the world -----------------------------------------------------------------------

    def user(
        self,
        user_id: int,
        first_name: str = "Test",
        language_code: str | None = "es",
        last_name: str | None = None,
        username: str | None = None,
    ) -> SimulatedUser:
        """A person with a private chat whose id is the user id; the same id gives the same object."""
        if user_id not in self.users:
            person = SimulatedUser(self, user_id, first_name, language_code, last_name, username)
            self.users[user_id] = person
            chat = {
                "id": user_id,
                "type": "private",
                "first_name": first_name,
                "last_name": last_name,
                "username": username,
            }
            self.chats[user_id] = ChatState({k: v for k, v in chat.items() if v is not None})
        return self.users[user_id]

    def group(self, chat_id: int, title: str = "Group") -> SimulatedGroup:
        """A group chat (a supergroup when the id starts with -100, as on Telegram)."""
        if chat_id not in self.groups:
            kind = "supergroup" if str(chat_id).startswith("-100") else "group"
            self.chats[chat_id] = ChatState({"id": chat_id, "type": kind, "title": title})
            self.groups[chat_id] = SimulatedGroup(self, self.chats[chat_id])
        return self.groups[chat_id]

    def bot_membership(self, group: SimulatedGroup, by: SimulatedUser | None, status: str) -> dict:
        """The bot's status in a group changes (added, made an admin, left, kicked): a my_chat_member update, as
        Telegram's; ``by`` None is the bot itself (``leaveChat``)."""
        state = group.state
        old, state.bot_status = state.bot_status, status
        if old == status == "member":
            old = "left"  # added to a group it was (by default) in already: Telegram says it joined
        payload = {"chat": state.chat, "from": by.as_dict() if by else self.bot_user, "date": self.now(),
                   "old_chat_member": member_wire(old, self.bot_user),
                   "new_chat_member": member_wire(status, self.bot_user)}
        if by is not None:
            by._act(state)
        return self.queue.push("my_chat_member", payload)

    def person_membership(self, group: SimulatedGroup, user: SimulatedUser, joined: bool,
                          invite_link: dict | None = None) -> None:
        """Someone joins or leaves a group, as Telegram tells a bot that is in it: a service message
        (``new_chat_members`` / ``left_chat_member``, delivered whatever the privacy mode), and, only while the
        bot is an admin there (and asked for them in ``allowed_updates``), a ``chat_member`` update."""
        state = group.state
        old, new = ("left", "member") if joined else ("member", "left")
        if joined:
            state.members.add(user.id)
        else:
            state.members.discard(user.id)
            state.admins.discard(user.id)
        user._act(state)
        if state.bot_status in ("left", "kicked"):
            return  # the bot is not there to see it
        service = {"message_id": state.next_message_id(), "date": self.now(), "chat": state.chat,
                   "from": user.as_dict(),
                   **({"new_chat_members": [user.as_dict()]} if joined else {"left_chat_member": user.as_dict()})}
        state.user_messages[service["message_id"]] = service
        self.queue.push("message", service)
        if state.bot_status == "administrator":
            change = {"chat": state.chat, "from": user.as_dict(), "date": self.now(),
                      "old_chat_member": member_wire(old, user.as_dict()),
                      "new_chat_member": member_wire(new, user.as_dict()),
                      **({"invite_link": invite_link} if invite_link else {})}
            self.queue.push("chat_member", change)

    def delivers_in_group(self, message: dict) -> bool:
        """With privacy mode on, what of a group's messages reaches the bot: commands and replies to it."""
        if not self.privacy_mode:
            return True
        reply = message.get("reply_to_message") or {}
        return bool(command_entities(message.get("text") or "")) or \
            (reply.get("from") or {}).get("id") == self.bot_user["id"]

    def chat_messages(self, chat_id: int) -> list[BotMessage]:
        return self.chats[chat_id].visible()

    @property
    def bot_messages(self) -> list[BotMessage]:
        """Every message the bot sent, in order, deleted ones included."""
        return sorted((m for c in self.chats.values() for m in c.bot_messages.values()), key=lambda m: m.seq)

    def tick(self) -> int:
        """Number the next observable change and wake whoever waits for one."""
        self._seq += 1
        self.changed.fire()
        return self._seq

    def clock(self) -> float:
        return time.time() + self._time_offset

    def now(self) -> int:
        return int(self.clock())

    def advance_time(self, seconds: float) -> None:
        """Move the emulator's clock (message dates, callback query expiry) forward."""
        self._time_offset += seconds

    def new_query(self, user: SimulatedUser) -> CallbackRecord:
        record = CallbackRecord(f"{next(self._query_ids)}{self.bot_user['id'] % 1000:03d}", user, self.clock())
        self.queries[record.query_id] = record
        return record

    # -- test controls -------------------------------------------------------------------

    def fail_next(
        self,
        method: str,
        error_code: int = 429,
        description: str | None = None,
        retry_after: int | None = 1,
        times: int = 1,
    ) -> None:
        """The next `times` calls of method fail this way (description defaults per code)."""
        for _ in range(times):
            self._faults[method.lower()].append(ApiError.injected(error_code, description, retry_after))

    def faults(self, rate: float = 0.1, seed: int | None = None, kinds: tuple[str, ...] = KINDS, *,
               updates_rate: float | None = None, methods: tuple[str, ...] | None = None) -> RandomFaults:
        """From now on a fraction ``rate`` of calls fails in one of ``kinds`` (see ``chaos``): 429, 5xx,
        a slow answer, a connection dropped before or after the call was carried out. getUpdates fails at
        ``updates_rate`` (a quarter of ``rate`` unless given); ``methods`` limits the faults to those.
        Returns the tally; ``rate=0`` or ``.stop()`` on it ends them."""
        self.chaos = RandomFaults(rate, seed, kinds, updates_rate, methods)
        return self.chaos

    def flood_limits(self, **limits: float) -> FloodLimits:
        """Answer 429 past Telegram's flood limits from now on (see ``flood.FloodLimits``); returns the
        tally of refusals."""
        self.flood = FloodLimits(**limits)
        return self.flood

    def person_wrote(self, chat_id: int) -> None:
        """A person wrote or pressed: what the bot sends them for a while is a reply, not a bulk send."""
        if self.flood is not None:
            self.flood.person_wrote(chat_id)

    def redeliver_last(self) -> dict:
        """Queue the last update again with the same update_id, as after a crash before confirming."""
        update = self.queue.redeliver_last()
        self.tick()
        return update

    @property
    def confirmed_offset(self) -> int:
        """The highest update_id confirmed by a later getUpdates offset."""
        return self.queue.confirmed_offset

    def calls(self, method: str) -> list[dict[str, Any]]:
        """Parameters of every call of one method, in order."""
        return [params for name, params in self.requests if name.lower() == method.lower()]

    def recent_errors(self) -> str:
        """The last refusals, for timeout messages: often why the bot said nothing."""
        if not self.errors:
            return ""
        lines = "\n  ".join(f"{method}: {description}" for method, _, description in self.errors[-3:])
        return f"\nLast Bot API errors:\n  {lines}"

    async def wait_idle(self, timeout: float = 5.0) -> None:
        """Until every queued update was fetched and no request arrived or ran for ~0.2 s."""

        def idle() -> bool:
            quiet = time.monotonic() - self._last_request >= _QUIET
            return self.queue.unfetched == 0 and self._in_flight == 0 and quiet

        deadline = time.monotonic() + timeout
        while not idle():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(
                    f"bot not idle after {timeout}s: {self.queue.unfetched} updates unfetched, "
                    f"{self._in_flight} requests running{self.recent_errors()}"
                )
            quiet_left = _QUIET - (time.monotonic() - self._last_request)
            with contextlib.suppress(TimeoutError):
                await wait_until(idle, self.changed, min(remaining, max(quiet_left, 0.01)))

    def updates_fetched(self, count: int) -> None:
        """Fetching a batch counts as activity: the bot is about to handle it."""
        if count:
            self._last_request = time.monotonic()
            self.tick()

    # -- HTTP ----------------------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        path = request.path
        if path.startswith("/file/bot"):
            return self._serve_file(path.removeprefix("/file/bot"))
        token, _, name = path.removeprefix("/bot").partition("/")
        if not path.startswith("/bot") or not name:
            return _reply(ApiError(404, "Not Found"))
        if token != self.token:
            return _reply(ApiError(401, "Unauthorized"))
        name = canonical(name)
        polling = name == "getUpdates"
        if not polling:
            self._in_flight += 1
        try:
            return await self._dispatch(request, name)
        finally:
            if not polling:
                self._in_flight -= 1
                self._last_request = time.monotonic()
                self.tick()

    async def _dispatch(self, request: web.Request, name: str) -> web.Response:
        params: dict[str, Any] = {}
        try:
            try:
                params, files = await read_call(request)
            except ConnectionResetError:  # the client went away mid-request (a cancelled poll)
                return web.Response(status=499)
            call = Call(name, params, files)
            self.requests.append((name, call.logged()))
            self._last_request = time.monotonic()
            faults = self._faults.get(name.lower())
            if faults:
                raise faults.popleft()
            fault = self.chaos.pick(name) if self.chaos is not None else None
            if fault is not None:
                await self._inject(request, fault)
            if name.lower() not in METHODS:
                raise ApiError(400, METHOD_NOT_FOUND)
            if self.flood is not None:
                self._check_flood(name, params)
            result = METHODS[name.lower()][1](self, call)
            if asyncio.iscoroutine(result):
                result = await result
            for observe in self.observers:
                observe(name, params, result)
            if fault == "drop_after":  # carried out, but the bot never hears so
                _drop(request)
                return web.Response(status=499)
        except ApiError as exc:
            self.errors.append((name, params, exc.description))
            return _reply(exc)
        except _Dropped:
            return web.Response(status=499)  # never written: the connection is gone
        return web.json_response({"ok": True, "result": result})

    async def _inject(self, request: web.Request, fault: str) -> None:
        """Before the call: refuse it, delay it, or drop the connection (``_Dropped``); "drop_after" acts later."""
        if fault == "429":
            raise ApiError.injected(429, None, 1)
        if fault == "5xx":
            raise ApiError.injected(self.chaos.error_code(), None, None)
        if fault == "slow":
            await asyncio.sleep(self.chaos.delay())
        elif fault == "drop_before":
            _drop(request)
            raise _Dropped

    def _check_flood(self, name: str, params: dict[str, Any]) -> None:
        try:
            chat_id = int(params.get("chat_id"))
        except (TypeError, ValueError):
            return
        state = self.chats.get(chat_id)
        group = state is not None and state.chat.get("type") != "private"
        wait = self.flood.check(name, chat_id, group)
        if wait is not None:
            raise ApiError.injected(429, None, int(wait))

    def _serve_file(self, rest: str) -> web.StreamResponse:
        token, _, file_path = rest.partition("/")
        stored = self.files.by_path.get(file_path)
        if token != self.token or stored is None:
            return _reply(ApiError(404, "Not Found"))
        return web.Response(body=stored.content, content_type=stored.mime_type or "application/octet-stream")


def _drop(request: web.Request) -> None:
    """Close the connection under the request: the client reads "server disconnected without sending a
    response" (httpx's RemoteProtocolError, PTB's NetworkError), as when a line drops."""
    if request.transport is not None:
        request.transport.close()


class _Dropped(Exception):
    """The connection was dropped before the call was carried out."""


def _reply(error: ApiError) -> web.Response:
    return web.json_response(error.payload(), status=error.error_code)
