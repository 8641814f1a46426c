"""The one callback-data format every inline button speaks: ``v1:<area>:<verb>:<arg>:...``.

Each button's data and each handler's pattern are built from the same ``Route``, so the two cannot drift
apart, and no two routes can claim the same data: the area and verb are fixed text, arguments never
contain ``:`` (only a route's last, free argument may), and the registry refuses a second route with the
same area and verb. Whichever order handlers are registered in, a press has exactly one handler.

The version prefix is what lets the format change: data from before a change (a button still on
someone's phone, ``mod:ok:12`` of the old dialects) matches no pattern and falls through to the
catch-all in ``handlers.fallback``, which answers it as a stale button rather than guessing.

Telegram carries at most 64 bytes of callback data: a route with bounded arguments is refused at import
when its longest data would not fit, and a free argument is checked when a button is built.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from telegram import InlineKeyboardButton
from telegram.ext import CallbackQueryHandler

import content

VERSION = "v1"
MAX_BYTES = 64   # Telegram's limit on callback data, in UTF-8 bytes
_NAME = re.compile(r"[a-z][a-z0-9_]{0,15}")


@dataclass(frozen=True)
class Arg:
    """One argument of a route: the text it may be in the data, and how it is read back."""

    name: str
    regex: str
    max_bytes: int
    read: Callable[[str], Any] = str
    free: bool = False   # may hold anything but a line break (even ``:``), so only a route's last argument

    def encode(self, value: Any) -> str:
        text = str(value)
        if re.fullmatch(self.regex, text) is None:
            raise ValueError(f"{text!r} is not a valid {self.name} ({self.regex})")
        return text


def integer(name: str, digits: int = 12) -> Arg:
    """An id or a number (a page, a position): never negative, at most ``digits`` ASCII digits (``\\d`` would
    take any script's digits, which ``int`` reads too)."""
    return Arg(name, rf"[0-9]{{1,{digits}}}", digits, int)


def code(name: str) -> Arg:
    """An id from the workshop file: a level, a table, a dimension (``Code`` of ``bot.domain.workshop_file``)."""
    return Arg(name, r"[A-Za-z0-9_-]{1,16}", 16)


def slug(name: str, length: int = 32) -> Arg:
    """A lower-case name of the bot's own: a phase id, a kind of item, a field, a format, a flow or step."""
    return Arg(name, rf"[a-z0-9_-]{{1,{length}}}", length)


def language(name: str = "language") -> Arg:
    """A language's code, exactly as a content folder may be named (``content.LANGUAGE_CODE``: "pt", "es-419")."""
    return Arg(name, content.LANGUAGE_CODE, content.LANGUAGE_CODE_BYTES)


def free(name: str) -> Arg:
    """Whatever a flow's step puts on its buttons; only the 64 bytes of the whole data limit it."""
    return Arg(name, rf"[^\n]{{0,{MAX_BYTES}}}", MAX_BYTES, free=True)


@dataclass(frozen=True)
class Route:
    """A kind of button: where it belongs (``area``), what it does (``verb``) and what it carries."""

    area: str
    verb: str
    args: tuple[Arg, ...] = ()

    def __post_init__(self) -> None:
        for part in (self.area, self.verb):
            if _NAME.fullmatch(part) is None:
                raise ValueError(f"area and verb are short lower-case names, not {part!r}")
        if any(arg.free for arg in self.args[:-1]):
            raise ValueError(f"{self}: only the last argument may be free text")
        if not any(arg.free for arg in self.args) and self.longest > MAX_BYTES:
            raise ValueError(f"{self}: data of up to {self.longest} bytes, over Telegram's {MAX_BYTES}")

    def __str__(self) -> str:
        return self.prefix

    @property
    def prefix(self) -> str:
        return f"{VERSION}:{self.area}:{self.verb}"

    @property
    def longest(self) -> int:
        """The longest data this route can build, in bytes (all the bounded arguments are ASCII)."""
        return len(self.prefix) + sum(1 + arg.max_bytes for arg in self.args)

    @property
    def pattern(self) -> str:
        """The anchored pattern a ``CallbackQueryHandler`` matches this route's data with (and nothing else).

        ``\\Z``, not ``$``: ``$`` also matches before a final line break, which no button of ours ever sends."""
        return "^" + re.escape(self.prefix) + "".join(f":({arg.regex})" for arg in self.args) + r"\Z"

    def data(self, *values: Any) -> str:
        """The callback data of one button; ValueError for a missing, malformed or over-long argument."""
        if len(values) != len(self.args):
            raise ValueError(f"{self} takes {len(self.args)} arguments, not {len(values)}")
        data = ":".join([self.prefix, *(arg.encode(value) for arg, value in zip(self.args, values, strict=True))])
        if len(data.encode()) > MAX_BYTES:
            raise ValueError(f"callback data over {MAX_BYTES} bytes: {data!r}")
        return data

    def button(self, label: str, *values: Any) -> InlineKeyboardButton:
        return InlineKeyboardButton(label, callback_data=self.data(*values))

    def parse(self, data: str | None) -> tuple[Any, ...]:
        """The typed arguments of data built by ``data``; ValueError for anything else."""
        found = re.fullmatch(self.pattern, data or "")
        if found is None:
            raise ValueError(f"{data!r} is not {self} data")
        return tuple(arg.read(text) for arg, text in zip(self.args, found.groups(), strict=True))

    def matches(self, data: str | None) -> bool:
        return re.fullmatch(self.pattern, data or "") is not None

    def handler(self, callback: Callable[..., Any]) -> CallbackQueryHandler:
        """The handler that answers this route's presses, and only those."""
        return CallbackQueryHandler(callback, pattern=self.pattern)


ROUTES: dict[tuple[str, str], Route] = {}


def route(area: str, verb: str, *args: Arg) -> Route:
    """Declare a route once for the whole bot; a second route with the same area and verb is refused."""
    made = Route(area, verb, args)
    if (area, verb) in ROUTES:
        raise ValueError(f"route {made} is declared twice")
    ROUTES[(area, verb)] = made
    return made


def decode(data: str | None) -> tuple[Route, tuple[Any, ...]] | None:
    """The route a press belongs to and its arguments; None for data no route builds (old or forged)."""
    parts = (data or "").split(":", 3)
    if len(parts) < 3 or parts[0] != VERSION:
        return None
    found = ROUTES.get((parts[1], parts[2]))
    if found is None or not found.matches(data):
        return None
    return found, found.parse(data)


TABLE = integer("table")
ITEM = integer("item")
PERSON = integer("person")
PAGE = integer("page", 4)
POSITION = integer("position", 5)   # where a card is in the plenary's or the reading's list

# -- participants ------------------------------------------------------------------------------------------
LANGUAGE = route("lang", "set", language())
WORKSHOP_CHOOSE = route("ws", "choose", integer("workshop"))   # /workshop: move to another of one's workshops
BRIEF_PAGE = route("brief", "page", code("level"), PAGE)
SEND_KIND = route("send", "kind", slug("kind"))
PROFILE_EDIT = route("prof", "edit", slug("field"))
FORGET_YES = route("forget", "yes")
FORGET_NO = route("forget", "no")
MINE_PAGE = route("mine", "page", PAGE)
MINE_VIEW = route("mine", "view", ITEM)
MINE_EDIT = route("mine", "edit", ITEM)
MINE_WITHDRAW = route("mine", "withdraw", ITEM)
MINE_WITHDRAW_YES = route("mine", "withdraw_yes", ITEM)

# -- a moderator's table -----------------------------------------------------------------------------------
MOD_DASHBOARD = route("mod", "dash", TABLE)
MOD_UNSEATED = route("mod", "unseated", TABLE, PAGE)
MOD_SEAT = route("mod", "seat", TABLE, PERSON)
MOD_RESEAT = route("mod", "reseat", TABLE, PAGE)                          # the secretariat moves a member:
MOD_RESEAT_WHO = route("mod", "reseat_who", TABLE, PERSON)                # who, then to which table
MOD_RESEAT_TO = route("mod", "reseat_to", TABLE, PERSON, integer("to"))
MOD_MEMBERS = route("mod", "members", TABLE, PAGE)
MOD_MEMBERS_PAGE = route("mod", "members_page", TABLE, PAGE)   # the same list, turned in its own message
MOD_REVIEW = route("mod", "review", TABLE)
MOD_AUDIT = route("mod", "audit", TABLE)
MOD_APPROVE = route("mod", "ok", ITEM)
MOD_EDIT = route("mod", "edit", ITEM)
MOD_REJECT = route("mod", "reject", ITEM)
MOD_SKIP = route("mod", "next", ITEM)
MOD_PICK_SURVIVOR = route("mod", "pick", ITEM)
MOD_MERGE = route("mod", "merge", ITEM, integer("survivor"))
PHASE_MENU = route("ph", "menu", TABLE)
PHASE_OPEN = route("ph", "open", TABLE, slug("phase"))
PHASE_CLOSE = route("ph", "close", TABLE, slug("phase"))
ANNOUNCE = route("ann", "new", TABLE)
RAP_PICK = route("rap", "pick", TABLE)
RAP_NAME = route("rap", "name", TABLE, PERSON)
RAP_DESK = route("rap", "desk", TABLE)
RAP_NEW = route("rap", "new", TABLE)
RAP_FROM_ITEMS = route("rap", "from", TABLE)
RAP_EDIT = route("rap", "edit", ITEM)
RAP_DOCUMENT = route("rap", "doc", TABLE)
SYN_DESK = route("syn", "desk", TABLE)                  # the table's synthesis: its state and its parts
SYN_WRITE = route("syn", "write", TABLE, slug("part", 16))
SYN_SUBMIT = route("syn", "submit", TABLE)
SYN_RETURN = route("syn", "return", TABLE)
SYN_APPROVE = route("syn", "approve", TABLE)
SYN_READ = route("syn", "read", TABLE)                  # the approved synthesis, as the plenary reads it

# -- the plenary and the joint reading: each card button names the card (item and position) ----------------
PLENARY_SUPPORT = route("pl", "sup", ITEM, POSITION)
PLENARY_OBJECT = route("pl", "obj", ITEM, POSITION)
PLENARY_VOTE_UP = route("pl", "up", ITEM, POSITION)
PLENARY_VOTE_DOWN = route("pl", "down", ITEM, POSITION)
PLENARY_COMMENT = route("pl", "com", ITEM, POSITION)
PLENARY_GO = route("pl", "go", ITEM, POSITION)
PLENARY_OBJECTIONS = route("pl", "objs", TABLE)           # a table's objections, for its rapporteur or moderator
PLENARY_ANSWER = route("pl", "ans", integer("objection"))  # answer one of them
PLENARY_AMEND = route("pl", "amd", ITEM, POSITION)         # propose an amendment (handlers.amendments)
AMENDMENTS = route("amd", "list", TABLE)                   # the proposals on a table's recommendations
AMENDMENT_ACCEPT = route("amd", "ok", integer("amendment"))  # into the text as proposed
AMENDMENT_MERGE = route("amd", "merge", ITEM)              # the waiting proposals on one, in one wording
AMENDMENT_DECLINE = route("amd", "no", integer("amendment"))  # declined, with a reason
READING_ADOPT = route("rd", "adopt", ITEM, POSITION)
READING_AMEND = route("rd", "amend", ITEM, POSITION)
READING_ASIDE = route("rd", "aside", ITEM, POSITION)
READING_GO = route("rd", "go", ITEM, POSITION)
READING_END = route("rd", "end")         # the reading ends: its list frozen
READING_REOPEN = route("rd", "reopen")   # only the secretariat, recorded
READING_FOLLOW = route("rd", "follow")   # a member follows the decisions in private (bot.jobs.reading_follow)
READING_UNFOLLOW = route("rd", "unfollow")

# -- the secretariat ---------------------------------------------------------------------------------------
AGENDA_OPEN = route("agenda", "open", slug("phase"))
AGENDA_CLOSE = route("agenda", "close", slug("phase"))
REPORT_ROADMAP = route("report", "roadmap", language())
REPORT_MINUTES = route("report", "minutes", code("table"), language())
REPORT_EXPORT = route("report", "export", slug("format"), language())
CLOSE_WORKSHOP = route("close", "yes")
REPORT_PROGRESS = route("report", "progress", language())   # the follow-up's progress report (handlers.followup)
INVITE_LIST = route("inv", "list", PAGE)                 # the invitation links, a page at a time
INVITE_NEW = route("inv", "new")
INVITE_SHEET = route("inv", "sheet")                     # the printable PDF of QR codes
INVITE_REVOKE = route("inv", "revoke", integer("invitation"))
INVITE_REVOKE_YES = route("inv", "revoke_yes", integer("invitation"))
DOCUMENT_GET = route("doc", "get", integer("attachment"))  # a stored document, sent again by its file id

# -- the translation desk (``handlers.translation``): a text is its subject, id and part ---------------------
TRANSLATE_PAGE = route("tr", "page", PAGE)
TRANSLATE_PICK = route("tr", "pick", slug("subject", 16), integer("id"), slug("part", 16))
# ...into a language named (a workshop of three or more: the same text is listed once per language it lacks)
# (an id of 11 digits, not 12: a regional code such as "es-419" must fit the 64 bytes too)
TRANSLATE_INTO = route("tr", "into", slug("subject", 16), integer("id", 11), slug("part", 16), language("target"))
TRANSLATE_FILL = route("tr", "fill")

# -- the tables' and the plenary's Telegram groups (``handlers.groups``) -----------------------------------
GROUP_UNLINK = route("grp", "unlink", TABLE)      # a table's group, by its moderator or the secretariat
GROUP_UNLINK_PLENARY = route("grp", "unlinkp")    # the plenary group, by the secretariat
GROUP_INVITE = route("grp", "invite", TABLE)      # its invite link to the members not seen in it
GROUP_INVITE_PLENARY = route("grp", "invitep")    # the plenary group's, to those of the workshop not seen in it

# -- guided conversations (``handlers.flow``): the flow and step a button belongs to, then its value --------
# Kept short: the value is free text, and the longest briefing option (``recommendation``, ``actors``,
# ``t:international_organisations``) leaves two bytes; tests/test_callbacks.py tries every one of them.
FLOW_PRESS = route("flow", "go", slug("flow", 16), slug("step", 24), free("value"))
