"""Challenges, good practices and recommendations as the workshop defines them, with no Telegram in sight.

What each kind asks for, in which order, how long a typed answer may be, which files are accepted, what
may be sent in the phase that is open, and how a draft turns into what the store keeps. The handlers ask
these functions and only add the talking; the demo and the reports can rely on the same rules.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import PurePath
from typing import Any

from bot.domain import clock, lifecycle, table_view
from bot.domain import phases as phase_rules
from bot.domain.records import PhaseRow
from bot.domain.workshop_file import DEFAULT_SCOPES, DEFAULT_TIMEFRAMES
from bot.i18n import SUPPORTED_LANGUAGES, load_toml

SHORT_LIMIT = 200          # names, places, who runs a practice
LINK_LIMIT = 500           # a web address
COMMANDS = {"challenge": "challenge", "good_practice": "practice", "recommendation": "recommend"}
ATTRIBUTIONS = ("named", "country", "anonymous")
# The scope and timeframe choices are the workshop file's (``Workshop.choices``); these are its defaults, the
# ids the interface texts have words for.
SCOPES = tuple(choice.id for choice in DEFAULT_SCOPES)
TIMEFRAMES = tuple(choice.id for choice in DEFAULT_TIMEFRAMES)
LINKS = {"challenges": ("challenge", "answers"), "practices": ("good_practice", "builds_on")}


@dataclass(frozen=True)
class Field:
    """One question of an item's conversation.

    ``type``: ``long`` / ``short`` / ``link`` (typed), ``document`` (a file), ``level``, ``choice`` (one
    button), ``multi`` (toggle buttons), ``items`` (toggle buttons over items already sent).
    ``options`` names where the choices come from (a part of the briefing, the workshop, or a fixed list).
    """

    name: str
    type: str
    options: str | None = None
    optional: bool = False
    minimum: int = 0


_LEVEL = Field("level", "level")
_DIMENSIONS = Field("dimensions", "multi", "dimensions", minimum=1)
_ATTRIBUTION = Field("attribution", "choice", "attribution")
# The groups the concept note asks to protect, asked of every kind: a practice that serves them and an action
# that targets them answer the roadmap's vulnerable-groups section as much as a challenge that names them.
_GROUPS = Field("groups", "multi", "groups", optional=True)

FIELDS: dict[str, tuple[Field, ...]] = {
    "challenge": (
        Field("description", "long"), _LEVEL, _DIMENSIONS, _GROUPS, _ATTRIBUTION,
    ),
    "good_practice": (
        Field("name", "short"), Field("where", "short"), Field("run_by", "short"), Field("achieved", "long"),
        Field("link", "link", optional=True), Field("document", "document", optional=True), _LEVEL, _DIMENSIONS,
        _GROUPS, _ATTRIBUTION,
    ),
    "recommendation": (
        Field("action", "long"), _LEVEL, _DIMENSIONS, Field("scope", "choice", "scope"),
        Field("actors", "multi", "stakeholders", minimum=1), Field("timeframe", "choice", "timeframe"),
        Field("challenges", "items", "challenge", optional=True),
        Field("practices", "items", "good_practice", optional=True),
        Field("crosscutting", "multi", "crosscutting", optional=True), _GROUPS, _ATTRIBUTION,
    ),
}
# The fields kept in the item's ``details`` (the others are columns or links of their own).
_COLUMNS = {"level", "dimensions", "attribution", "document", "challenges", "practices"}


def field(kind: str, name: str) -> Field:
    return next(f for f in FIELDS[kind] if f.name == name)


@cache
def letters(language: str) -> dict[str, str]:
    """Each kind's letters in ``language``, read from the roadmap's own table (``[ref]`` in
    ``content/<lang>/report.toml``), the one place they are spelled: so the bot quotes an item exactly as the
    roadmap of the person's language prints it (Spanish R-12 *reto*, English C-12 challenge; Rec-3 in both)."""
    if language not in SUPPORTED_LANGUAGES:
        raise ValueError(f"no item letters for language {language!r}; expected one of {SUPPORTED_LANGUAGES}")
    table = load_toml(language, "report.toml")["ref"]
    return {kind: table[kind] for kind in FIELDS}


def reference(kind: str, item_id: int, language: str) -> str:
    """The short name people quote, in their language: R-12, BP-7, Rec-3 in Spanish; C-12, G-7, Rec-3 in English."""
    return f"{letters(language)[kind]}-{item_id}"


def known_letters() -> dict[str, frozenset[str]]:
    """Every language's letters, folded to lower case, with the kinds each may name: what a typed reference may
    start with. The content keeps one kind per letter across languages (tests/test_references.py), but a letter
    is kept with every kind it names, so that a language added later with a clashing letter is still read."""
    named: dict[str, set[str]] = {}
    for language in SUPPORTED_LANGUAGES:
        for kind, letter in letters(language).items():
            named.setdefault(letter.casefold(), set()).add(kind)
    return {letter: frozenset(kinds) for letter, kinds in named.items()}


def quoted(kind: str, item_id: int) -> dict[str, Any]:
    """A reference kept as kind and number (in a stored notice), lettered only when it is shown: the person who
    reads it may read another language than the one who caused it."""
    return {"kind": kind, "id": item_id}


def lettered(params: dict[str, Any], language: str) -> dict[str, Any]:
    """``params`` with every ``quoted`` reference written in ``language``'s letters, and every text given in
    each language (``{"es": ..., "en": ...}``, as bulk sends take them) in ``language``'s; anything else as it is."""
    return {name: reference(value["kind"], value["id"], language) if _is_quoted(value)
            else value[language] if isinstance(value, dict) and language in value else value
            for name, value in params.items()}


def _is_quoted(value: Any) -> bool:
    return isinstance(value, dict) and set(value) == {"kind", "id"} and value["kind"] in FIELDS


def limit(kind: str, name: str, long_limit: int) -> int:
    """The most characters a typed answer may have."""
    return {"long": long_limit, "short": SHORT_LIMIT, "link": LINK_LIMIT}[field(kind, name).type]


def level_is_fixed(kind: str) -> bool:
    """Recommendations belong to the level of the table that writes them: the level is not asked."""
    return kind == "recommendation"


def steps(kind: str) -> list[str]:
    """The questions asked, in order, when composing an item of this kind."""
    return [f.name for f in FIELDS[kind] if not (f.name == "level" and level_is_fixed(kind))]


def next_step(kind: str, current: str, reviewed: bool) -> str:
    """After answering ``current``: the next question, or the summary once the person has seen it."""
    order = steps(kind)
    if reviewed or current == order[-1]:
        return "summary"
    return order[order.index(current) + 1]


def missing(kind: str, values: dict[str, Any]) -> list[str]:
    """Required answers not given yet (a draft restored from an old version may lack some)."""
    gaps = []
    for f in FIELDS[kind]:
        value = values.get(f.name)
        if f.optional:
            continue
        if value in (None, "", []) or (f.type == "multi" and len(value) < f.minimum):
            gaps.append(f.name)
    return gaps


def looks_like_link(text: str) -> bool:
    return text.startswith(("http://", "https://")) and " " not in text and "." in text


# -- documents -------------------------------------------------------------------------------

DOCUMENT_TYPES = {
    ".pdf": ("application/pdf",),
    ".ppt": ("application/vnd.ms-powerpoint",),
    ".pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation",),
    ".doc": ("application/msword",),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",),
    ".odt": ("application/vnd.oasis.opendocument.text",),
    ".odp": ("application/vnd.oasis.opendocument.presentation",),
}
# What the first bytes of each kind of file look like: a renamed photo or program is not a report.
_SIGNATURES = {".pdf": (b"%PDF",), ".ppt": (b"\xd0\xcf\x11\xe0",), ".doc": (b"\xd0\xcf\x11\xe0",),
               ".pptx": (b"PK",), ".docx": (b"PK",), ".odt": (b"PK",), ".odp": (b"PK",)}
_GENERIC_MIME = (None, "", "application/octet-stream")


def accepted_extensions() -> str:
    return ", ".join(ext.lstrip(".").upper() for ext in DOCUMENT_TYPES)


def document_problem(file_name: str | None, mime_type: str | None, size: int | None, max_mb: int) -> str | None:
    """Why a file announced by Telegram cannot be kept (``too_large`` / ``refused_type``), or None."""
    if size is not None and size > max_mb * 1024 * 1024:
        return "too_large"
    extension = PurePath(file_name or "").suffix.lower()
    if extension not in DOCUMENT_TYPES:
        return "refused_type"
    if mime_type not in _GENERIC_MIME and mime_type not in DOCUMENT_TYPES[extension]:
        return "refused_type"
    return None


def content_problem(file_name: str, content: bytes, max_mb: int) -> str | None:
    """The same question once the bytes are here: the size Telegram announced may be missing or wrong."""
    if len(content) > max_mb * 1024 * 1024:
        return "too_large"
    extension = PurePath(file_name).suffix.lower()
    if not content or not content.startswith(_SIGNATURES.get(extension, (b"\0\0\0\0\0",))):
        return "refused_type"
    return None


# -- what may be sent now ----------------------------------------------------------------------


@dataclass(frozen=True)
class Opening:
    """What the agenda allows one person to send right now, and when something opens next."""

    allowed: dict[str, str]            # item kind -> kind of the open phase that allows it
    next_phase: PhaseRow | None

    def allows(self, kind: str) -> bool:
        return kind in self.allowed


def opening(rows: Iterable[PhaseRow], table_id: int | None, now: dt.datetime | None = None) -> Opening:
    rows = list(rows)
    now = now or clock.utc_now()
    allowed = phase_rules.sendable_kinds(rows, table_id, now)
    if table_id is None:
        # Recommendations are written at a table: without one there is nothing to send them to.
        allowed.pop("recommendation", None)
    return Opening(allowed, phase_rules.next_opening(rows, table_id, now))


def refusal(kind: str, opening_now: Opening, table_id: int | None, country: str | None) -> str | None:
    """Why this person cannot send this kind now (``no_table`` / ``no_country`` / ``closed``), or None.

    Annex I is the challenges and good practices of each member country: while it is what allows this kind,
    only a member who represents a country (``country``, from their registration) sends.
    """
    if opening_now.allows(kind):
        if opening_now.allowed[kind] == "annex_i" and not country:
            return "no_country"
        return None
    if kind == "recommendation" and table_id is None:
        return "no_table"
    return "closed"


# -- drafts and stored items --------------------------------------------------------------------


@dataclass(frozen=True)
class Prepared:
    """A finished draft, shaped the way the store keeps it."""

    level: str
    dimensions: list[str]
    details: dict[str, Any]
    attribution: str
    links: list[tuple[int, str]]


def prepare(kind: str, values: dict[str, Any]) -> Prepared:
    details = {f.name: values.get(f.name) for f in FIELDS[kind] if f.name not in _COLUMNS}
    details = {k: v for k, v in details.items() if v not in (None, "")}
    links = [(item_id, LINKS[name][1]) for name in LINKS for item_id in values.get(name) or []]
    return Prepared(values["level"], list(values.get("dimensions") or []), details, values["attribution"], links)


def draft_from(item, links: Iterable[tuple[int, str]]) -> dict[str, Any]:
    """The answers of a stored item, to edit it with the same conversation that created it."""
    values: dict[str, Any] = {**item.details, "level": item.level, "dimensions": list(item.dimensions),
                              "attribution": item.attribution}
    for name, (_, relation) in LINKS.items():
        values[name] = [to_id for to_id, rel in links if rel == relation]
    return values


def consolidated_details(sources: Iterable) -> dict[str, Any]:
    """What a table's recommendation takes over from the members' recommendations it brings together: the
    scope and timeframe most of them chose (the first one chosen, on a tie), and every actor, cross-cutting
    issue and group most affected any of them named, in the order first named (an action drawn from one that
    targets a group still targets it). Challenges and good practices carry none of these."""
    chosen = [item.details for item in sources if item is not None and item.kind == "recommendation"]
    details: dict[str, Any] = {}
    for name in ("scope", "timeframe"):
        values = [d[name] for d in chosen if d.get(name)]
        if values:
            details[name] = max(dict.fromkeys(values), key=values.count)
    for name in ("actors", "crosscutting", "groups"):
        union = list(dict.fromkeys(value for d in chosen for value in d.get(name) or []))
        if union:
            details[name] = union
    return details


def headline(item, width: int = 60) -> str:
    """The item's main text, shortened for a list line or a button."""
    text = item.details.get({"challenge": "description", "good_practice": "name"}.get(item.kind, "action"), "")
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def credit(attribution: str, full_name: str | None, affiliation: str | None) -> str | None:
    """How an author is shown in public, as they chose; None means anonymous."""
    if attribution == "named" and full_name:
        return f"{full_name} ({affiliation})" if affiliation else full_name
    if attribution in ("named", "country") and affiliation:
        return affiliation
    return None


def own(item, person_id: int) -> bool:
    """Written by this person. Co-authors credited on an item by a merge may read it, never change it."""
    return item.author_id is not None and item.author_id == person_id


def changeable(item, opening_now: Opening, table_id: int | None, person_id: int) -> bool:
    """Its own author may edit or withdraw an item while it is live and its kind can still be sent."""
    if not own(item, person_id) or item.status not in lifecycle.CHANGEABLE or not opening_now.allows(item.kind):
        return False
    return item.kind != "recommendation" or item.table_id == table_id


def visible_in_briefing(item, table_id: int | None, table_work: bool) -> bool:
    """Table work is private to the table: a recommendation is shown only to its own table's members."""
    if item.status not in lifecycle.SHARED:
        return False
    if item.kind == "recommendation":
        return table_work and table_id is not None and item.table_id == table_id
    return True


def reviewing_table(kind: str, level: str, member_table_id: int | None,
                    tables: Iterable[tuple[int, str]]) -> int | None:
    """The working table an item belongs to, and so whose moderators review it.

    A recommendation belongs to the table it was written at. A challenge or good practice is mapped by level,
    so it goes to the table that works on that level: the author's own table if it does, else the first such
    table; None when no table works on that level (then only the secretariat reviews it).
    """
    if kind == "recommendation":
        return member_table_id
    same_level = [table_id for table_id, table_level in tables if table_level == level]
    if member_table_id in same_level:
        return member_table_id
    return same_level[0] if same_level else None


RESEND_WINDOW = dt.timedelta(hours=12)   # how long a second send of the same text is taken for a mistake


def normalized(text: str) -> str:
    """The text as a comparison sees it: case, spaces and punctuation ignored (accents and words kept)."""
    kept = "".join(ch if not unicodedata.category(ch).startswith(("P", "S", "Z", "C")) else " "
                   for ch in unicodedata.normalize("NFC", text.casefold()))
    return " ".join(kept.split())


def earlier_copy(kind: str, details: dict[str, Any], earlier: Iterable, now: dt.datetime):
    """The person's own item of this kind with the same text, sent within ``RESEND_WINDOW``: a second send
    after a confirmation that seemed lost. None when this is new (or the earlier one was withdrawn)."""
    field_name = table_view.main_field(kind)
    text = normalized(str(details.get(field_name, "") or ""))
    if not text:
        return None
    for item in sorted(earlier, key=lambda i: i.id, reverse=True):
        if item.kind != kind or item.status == lifecycle.WITHDRAWN:
            continue
        if now - clock.parse(item.created_at) > RESEND_WINDOW:
            continue
        if normalized(str(item.details.get(field_name, "") or "")) == text:
            return item
    return None
