"""What the bot posts in the tables' groups and the plenary group, and the sender that posts it.

Each event (a phase notice, an approved item, an announcement, a synthesis or consolidated recommendation for
comment, a joint-reading decision, the final roadmap) is rendered in the group's language and queued in the
store before anything is sent; the sender then posts it through the one bulk pacer (``bot.jobs.bulk``), within
Telegram's 20 messages a minute per group. Whatever arrives for a group while it waits for its next slot goes
out together in one message, so a burst of approvals never falls behind the limit. A restart sends what was
still pending.

An item goes only to the group of the table that reviewed it (the caller names the table), never to another.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from markupsafe import Markup
from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, ChatMigrated, Forbidden, RetryAfter, TelegramError
from telegram.ext import Application, CallbackContext

from bot.context import MESSAGE_LIMIT, Services, split_message
from bot.domain import editorial, items, table_view
from bot.domain.groups import GroupChat, RollEntry
from bot.i18n import resolve_language
from bot.jobs import bulk, documents
from bot.jobs.notices import tell

log = logging.getLogger(__name__)
JOB_NAME = "group-posts"
ROADMAP = "roadmap"
SEPARATOR = "\n\n"


def _services(app: Application) -> Services:
    return app.bot_data["services"]


def _localised(params: dict[str, Any], language: str) -> dict[str, Any]:
    """Parameters given in both languages (a phase's or a table's name) read in the group's."""
    return {k: v[language] if isinstance(v, dict) and language in v else v for k, v in params.items()}


async def _queue(app: Application, group: GroupChat, kind: str, key: str, params: dict[str, Any],
                 dedupe: str | None = None) -> None:
    body = _services(app).texts.html(group.language, key, **_localised(params, group.language))
    if await _services(app).storage.queue_group_post(group.chat_id, kind, body, dedupe):
        kick(app)


async def _table_names(app: Application, workshop_id: int, table_id: int) -> dict[str, str]:
    storage = _services(app).storage
    workshop, table = await storage.workshop(workshop_id), await storage.working_table(table_id)
    spec = workshop.definition.table(table.code) if table else None
    return spec.name.model_dump() if spec else {lang: table.code for lang in workshop.definition.languages}


# -- the events -------------------------------------------------------------------------------------------

async def phase_notice(app: Application, workshop_id: int, table_ids: list[int] | None, template: str,
                       params: dict[str, Any]) -> None:
    """A phase opened, closes soon or closed: in the groups of the tables it concerns (``table_ids``), or, for
    a workshop-wide phase (None), in every group of the workshop, the plenary group included."""
    for group in await _services(app).storage.group_chats(workshop_id):
        if table_ids is None or group.table_id in table_ids:
            await _queue(app, group, "phase", template, params)


async def _wording(app: Application, group: GroupChat, item) -> dict[str, str]:
    """The item's text as written, and (when it was written in another language) its translation into the
    group's language, where a person gave one."""
    original = table_view.main_text(item)
    versions = await _services(app).storage.texts(item.workshop_id, editorial.ITEM, item.id)
    version = editorial.version_in(group.language, original, item.language, versions)
    translation = version.body if version.origin == editorial.TRANSLATION and version.body != original else ""
    return {"text": original, "translation": translation}


async def _credit(app: Application, group: GroupChat, item) -> str:
    """The authors as each chose to be credited (named, by country, or anonymous); '' when nobody is named."""
    storage = _services(app).storage
    definition = (await storage.workshop(item.workshop_id)).definition
    names = []
    for c in await storage.credits(item.id):
        shown = items.credit(item.attribution, c.full_name,
                             definition.affiliation(group.language, c.country, c.organisation, c.other_affiliation))
        if shown and shown not in names:
            names.append(shown)
    return ", ".join(names)


async def item_approved(app: Application, table_id: int, item_id: int) -> None:
    """The moderator of ``table_id`` approved an item: it is posted in that table's group, once."""
    storage = _services(app).storage
    item = await storage.contribution(item_id)
    group = await storage.group_of(item.workshop_id, table_id) if item else None
    if group is None:
        return
    await _queue(app, group, "approved", "groups.post_approved", {
        "ref": items.reference(item.kind, item.id, group.language), "kind": _services(app).texts.plain(
            group.language, f"mod.kind.{item.kind}"),
        "credit": await _credit(app, group, item), **await _wording(app, group, item)}, dedupe=f"approved:{item.id}")


async def announcement(app: Application, workshop_id: int, table_id: int, text: str) -> None:
    """The moderator's message to the table, in the table's group as well as to each member."""
    group = await _services(app).storage.group_of(workshop_id, table_id)
    if group is not None:
        await _queue(app, group, "announcement", "groups.post_announcement",
                     {"table": await _table_names(app, workshop_id, table_id), "text": text})


async def for_comment(app: Application, table_id: int, item_id: int) -> None:
    """The rapporteur's consolidated recommendation, in the table's group for the members to comment on."""
    storage = _services(app).storage
    item = await storage.contribution(item_id)
    group = await storage.group_of(item.workshop_id, table_id) if item else None
    if group is not None:
        await _queue(app, group, "consolidated", "groups.post_consolidated",
                     {"ref": items.reference(item.kind, item.id, group.language), **await _wording(app, group, item)},
                     dedupe=f"consolidated:{item.id}:{table_view.main_text(item)[:40]}")


async def synthesis_for_comment(app: Application, workshop_id: int, table_id: int, parts: dict[str, str]) -> None:
    """The table's synthesis as its rapporteur submitted it, in the table's group for comment."""
    group = await _services(app).storage.group_of(workshop_id, table_id)
    if group is not None:
        texts = _services(app).texts
        # Markup.format escapes what was typed; the template takes the parts as they are.
        shown = Markup("\n\n").join(Markup("<b>{}</b>\n{}").format(texts.plain(group.language, f"synth.part_{part}"),
                                                                    body) for part, body in parts.items() if body)
        await _queue(app, group, "synthesis", "groups.post_synthesis",
                     {"table": await _table_names(app, workshop_id, table_id), "parts": shown})


async def reading_decision(app: Application, item_id: int, outcome: str) -> None:
    """The joint reading's decision on a recommendation, in the plenary group as it is taken."""
    storage = _services(app).storage
    item = await storage.contribution(item_id)
    group = await storage.group_of(item.workshop_id, None) if item else None
    if group is not None:
        await _queue(app, group, "reading", f"groups.post_reading_{outcome}",
                     {"ref": items.reference(item.kind, item.id, group.language), "reason": item.status_reason or "",
                      **await _wording(app, group, item)})


async def reading_reopened(app: Application, workshop_id: int, reason: str) -> None:
    """The secretariat reopened the joint reading: the plenary group, which saw it end, is told why."""
    group = await _services(app).storage.group_of(workshop_id, None)
    if group is not None:
        await _queue(app, group, "reading", "reopen.post_group", {"reason": reason})


async def final_roadmap(app: Application, workshop_id: int) -> None:
    """The workshop closed: the final roadmap, in the plenary group's language, once."""
    group = await _services(app).storage.group_of(workshop_id, None)
    if group is not None:
        await _queue(app, group, ROADMAP, "groups.post_roadmap", {}, dedupe=ROADMAP)


# -- membership in step: invite links to the members not in the group, and the re-seated -----------------

async def _invite_link(app: Application, group: GroupChat, person_id: int) -> str | None:
    """A link to the group for one person, good for one join (``member_limit`` 1), so a forwarded link lets no
    stranger into a table's group; None when Telegram refuses it: only a bot that is an admin of the group,
    with the right to invite users, may make invite links."""
    try:
        made = await app.bot.create_chat_invite_link(group.chat_id, name=f"workshop {person_id}"[:32],
                                                     member_limit=1)
    except (BadRequest, Forbidden):
        log.info("group %s: no invite link made (the bot is not an admin with the right to invite)",
                 group.chat_id)
        return None
    return made.invite_link


def _join_button(app: Application, language: str, url: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(_services(app).texts.plain(language, "groups.btn_join"),
                                                       url=url)]])


async def _name_in(app: Application, group: GroupChat, language: str) -> str:
    if group.plenary:
        return _services(app).texts.plain(language, "groups.plenary_name")
    return (await _table_names(app, group.workshop_id, group.table_id)).get(language, "")


async def _language_of(app: Application, person) -> str:
    workshop = await _services(app).storage.workshop(person.current_workshop_id) \
        if person.current_workshop_id else None
    if workshop is not None:
        return workshop.definition.language_for(person.language, person.telegram_language)
    return resolve_language(person.language, person.telegram_language, _services(app).settings.default_language,
                            None)


async def send_invites(app: Application, group: GroupChat, people: list[RollEntry]) -> list[RollEntry] | None:
    """Each of these people gets, in private, a link of their own to the group, paced as a bulk send (a table
    is a few dozen people at most). Who was told; None, and nobody told, when the bot may not make invite
    links there (it must be an admin of the group with the right to invite users)."""
    storage, texts = _services(app).storage, _services(app).texts
    told: list[RollEntry] = []
    for entry in people:
        person = await storage.person(entry.person_id)
        if person is None or entry.blocked:
            continue
        url = await _invite_link(app, group, entry.person_id)
        if url is None:
            return told or None  # the rights were taken away midway: whoever was told so far
        language = await _language_of(app, person)
        await bulk.wait_turn(app, person.telegram_id)
        text = texts.html(language, "groups.invite", table=await _name_in(app, group, language), title=group.title)
        if await tell(app.bot, storage, person, text, _join_button(app, language, url)):
            told.append(entry)
    return told


async def reseated(app: Application, workshop_id: int, person_id: int, old_table_id: int | None,
                   new_table_id: int | None) -> bool:
    """Someone moved to another table: the old table's group is no longer theirs (its posts are that table's
    work), so they are told they can leave it, and given the new table's group, with a link of their own when
    the bot can make one. False when neither table has a group (nothing to say)."""
    storage = _services(app).storage
    old = await storage.group_of(workshop_id, old_table_id) if old_table_id else None
    new = await storage.group_of(workshop_id, new_table_id) if new_table_id else None
    person = await storage.person(person_id)
    if person is None or (old is None and new is None) or old_table_id == new_table_id:
        return False
    language = await _language_of(app, person)
    url = await _invite_link(app, new, person_id) if new is not None else None
    text = _services(app).texts.html(
        language, "groups.reseated", table=await _name_in(app, new, language) if new else "",
        new_title=new.title if new else "", link=bool(url), old_title=old.title if old else "",
        old=await _name_in(app, old, language) if old else "")
    return await tell(app.bot, storage, person, text, _join_button(app, language, url) if url else None)


async def groups_left_behind(app: Application, workshop_id: int, person_id: int,
                             table_id: int | None) -> list[GroupChat]:
    """The groups of the workshop someone leaving it was seen in (their table's, the plenary group) and not
    seen leaving: a bot in privacy mode knows only what Telegram showed it, so they "may" still be there; one
    it never saw them in is not named. Asked before their data is erased, since the roll counts only people
    still in the workshop."""
    storage = _services(app).storage
    found = []
    for group in (await storage.group_of(workshop_id, table_id) if table_id else None,
                  await storage.group_of(workshop_id, None)):
        if group is None:
            continue
        entry = next((e for e in await storage.group_roll(group) if e.person_id == person_id), None)
        if entry is not None and entry.present:
            found.append(group)
    return found


# -- the sender -------------------------------------------------------------------------------------------

def kick(app: Application, delay: float = 0) -> None:
    if app.job_queue is not None:
        app.job_queue.run_once(_drain_job, delay, name=JOB_NAME)


def batch(posts: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """The posts that go out in the group's next message: the roadmap alone; else as many waiting texts, oldest
    first, as fit in one message (at least one: a text too long for one is sent in parts)."""
    if posts[0][2] == ROADMAP:
        return posts[:1]
    taken, size = [], 0
    for post in posts:
        if post[2] == ROADMAP or (taken and size + len(SEPARATOR) + len(post[3]) > MESSAGE_LIMIT):
            break
        taken.append(post)
        size += len(post[3]) + (len(SEPARATOR) if len(taken) > 1 else 0)
    return taken


async def _send(app: Application, chat_id: int, posts: list[tuple[int, int, str, str]]) -> str:
    storage = _services(app).storage
    if posts[0][2] == ROADMAP:
        group = await storage.group_chat(chat_id)
        document = await documents.roadmap(storage, group.workshop_id, group.language)
        await app.bot.send_document(chat_id, document.content, filename=document.file_name, caption=posts[0][3])
        return "sent"
    chunks = split_message(SEPARATOR.join(post[3] for post in posts))
    for number, chunk in enumerate(chunks):
        if number:
            await bulk.wait_turn(app, chat_id)  # a single post longer than a message: rare, so simply waited for
        await app.bot.send_message(chat_id, chunk)
    return "sent"


async def drain(app: Application) -> None:
    """Post everything pending, each group at its own pace; come back when a group's next slot is free."""
    storage = _services(app).storage
    async with app.bot_data.setdefault("group_sender", asyncio.Lock()):
        while app.running:
            waiting: dict[int, list] = {}
            for post in await storage.pending_group_posts():
                waiting.setdefault(post[1], []).append(post)
            if not waiting:
                return
            later, progress = None, False
            for chat_id, posts in waiting.items():
                wait = bulk.claim_turn(app, chat_id)
                if wait == 0:
                    wait = await _post(app, chat_id, batch(posts))
                    progress = progress or wait == 0
                if wait:
                    later = wait if later is None else min(later, wait)
            if not progress:
                kick(app, later or 1.0)
                return


async def _post(app: Application, chat_id: int, posts: list) -> float:
    """Send one message of posts; 0 when done with them (sent or given up), else seconds before trying again."""
    storage = _services(app).storage
    try:
        status = await _send(app, chat_id, posts)
    except RetryAfter as exc:
        wait = exc.retry_after.total_seconds() if hasattr(exc.retry_after, "total_seconds") else exc.retry_after
        log.info("group %s: flood control, waiting %.1fs", chat_id, float(wait))
        return max(float(wait), 0.1)
    except ChatMigrated as exc:
        log.info("group %s became supergroup %s", chat_id, exc.new_chat_id)
        await storage.move_group(chat_id, exc.new_chat_id)
        return 0.1
    except (Forbidden, BadRequest):
        # Removed from the group, or the group is gone: the my_chat_member update unlinks it and tells the
        # moderator; these posts are dropped rather than retried for ever.
        log.warning("group %s: post not deliverable", chat_id, exc_info=True)
        status = "failed"
    except TelegramError:
        log.warning("group %s: post not sent yet", chat_id, exc_info=True)
        return 1.0
    await storage.mark_group_posts([post[0] for post in posts], status)
    return 0.0


async def _drain_job(context: CallbackContext) -> None:
    await drain(context.application)


async def resume(app: Application) -> None:
    """At start-up: what was queued before a restart is posted now."""
    kick(app)
