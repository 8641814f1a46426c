"""Sending challenges, good practices and recommendations: guided conversations.

One flow per kind (``challenge``, ``good_practice``, ``recommendation``), its steps generated from the
fields ``bot.domain.items`` lists, so the questions, their order and their limits live in one place. Every answer
is written to the dialogue before the next question, so a restart loses nothing; the draft carries a
random key that becomes the item's ``client_key``, so "send" pressed twice, or an update delivered again
after a crash, stores one item. The same conversation edits an item from /mine (``item_id`` in the draft).
"""

from __future__ import annotations

import secrets
from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.error import BadRequest
from telegram.ext import Application, CommandHandler, MessageHandler, filters

from bot.context import BotContext
from bot.domain import items, lifecycle
from bot.domain.clock import date_and_time
from bot.domain.permissions import Action, can
from bot.domain.records import Dialogue, Notice
from bot.jobs import confirmations
from handlers import flow
from handlers.callbacks import MINE_VIEW, SEND_KIND
from handlers.flow import CHECK, button, go, keyboard
from handlers.guard import member_ready, still_open
from handlers.item_views import CHOICE_QUESTIONS, choice_ids, names, option_label, summary_text
from handlers.views import answer_query, cannot_edit

ITEMS_PER_PAGE = 6



# -- what is open ------------------------------------------------------------------------------------------


def closed_text(context: BotContext, kind: str | None, opening: items.Opening, reason: str = "closed") -> str:
    """Why this cannot be sent now, what can, and when the next phase opens (in the workshop's time zone)."""
    definition, lang = context.workshop.definition, context.language
    parts = []
    if kind is not None:
        key = {"no_table": "item.no_table", "no_country": "item.no_country"}.get(reason, "item.closed")
        parts.append(context.t(key, kind=context.label(f"kinds.{kind}")))
    if opening.allowed:
        parts.append(context.t("item.open_now", kinds=", ".join(context.label(f"kinds.{k}") for k in opening.allowed)))
    else:
        parts.append(context.t("item.nothing_open"))
    upcoming = opening.next_phase
    if upcoming is not None:
        spec = next((p for p in definition.phases if p.id == upcoming.code), None)
        parts.append(context.t("item.next_phase", phase=spec.name.get(lang) if spec else upcoming.code,
                               at=date_and_time(upcoming.opens_at, definition.zone), zone=definition.timezone))
    else:
        parts.append(context.t("item.no_next_phase"))
    return "\n".join(parts)


# -- starting ----------------------------------------------------------------------------------------------


async def start_item(update: Update, context: BotContext, kind: str) -> None:
    """Check who and when, then open the conversation for ``kind`` at its first question."""
    if not await member_ready(update, context):
        return
    if not can(context.roles, Action.SEND_ITEM):
        await context.reply(update, "item.not_allowed")
        return
    if not await still_open(update, context, Action.SEND_ITEM):
        return
    opening = await context.opening()
    table_id = context.membership.table_id
    reason = items.refusal(kind, opening, table_id, context.membership.country)
    if reason is not None:
        await context.say(update, closed_text(context, kind, opening, reason))
        return
    values: dict[str, Any] = {}
    table = await context.storage.working_table(table_id) if table_id is not None else None
    table_work = "recommendation" in opening.allowed
    if table is not None and (items.level_is_fixed(kind) or table_work):
        values["level"] = table.level
    intro = "item.intro_annex" if opening.allowed[kind] == "annex_i" else f"item.intro_{kind}"
    data = {"key": secrets.token_urlsafe(12), "values": values, "reviewed": False, "table_id": table_id,
            "intro": intro}
    await flow.begin(update, context, kind, items.steps(kind)[0], data)


@flow.entry("edit_item")
async def edit_item(update: Update, context: BotContext, item, links) -> None:
    """/mine's "edit": the same conversation, filled with the item's answers, opened at its summary."""
    values = items.draft_from(item, links)
    attachments = await context.storage.attachments(contribution_id=item.id)
    if attachments:  # already kept with the item: shown, never attached twice or discarded
        values["document"] = {"file_name": attachments[-1].file_name, "attached": True}
    data = {"key": secrets.token_urlsafe(12), "values": values, "reviewed": True,
            "table_id": item.table_id, "item_id": item.id}
    await flow.begin(update, context, item.kind, "summary", data)


def _command(kind: str):
    async def command(update: Update, context: BotContext) -> None:
        await start_item(update, context, kind)

    command.__doc__ = f"/{items.COMMANDS[kind]}: starts writing a {kind.replace('_', ' ')}."
    return command


async def send_menu(update: Update, context: BotContext) -> None:
    """/send: a button for each kind that may be sent now, or what opens next."""
    if not await member_ready(update, context) or not await still_open(update, context, Action.SEND_ITEM):
        return
    opening = await context.opening()
    if not opening.allowed:
        await context.say(update, closed_text(context, None, opening))
        return
    buttons = [[SEND_KIND.button(context.label(f"kinds.{kind}"), kind)] for kind in items.FIELDS
               if kind in opening.allowed]
    await context.reply(update, "item.menu", InlineKeyboardMarkup(buttons))


async def send_chosen(update: Update, context: BotContext) -> None:
    (kind,) = SEND_KIND.parse(update.callback_query.data)
    if kind not in items.FIELDS:
        await answer_query(update, context, "common.stale_button")
        return
    await answer_query(update, context)
    await start_item(update, context, kind)


# -- moving between steps ------------------------------------------------------------------------------


async def answered(update: Update, context: BotContext, dialogue: Dialogue, name: str, value: Any) -> None:
    """Store one answer and ask the next question (or show the summary again when editing)."""
    data = {**dialogue.data, "values": {**dialogue.data["values"], name: value}}
    await go(update, context, dialogue.flow, items.next_step(dialogue.flow, name, data.get("reviewed", False)),
             data)


def _options(context: BotContext, source: str) -> list[str]:
    if source in CHOICE_QUESTIONS:
        return choice_ids(context, source)
    return list(items.ATTRIBUTIONS) if source == "attribution" else names(context).options(source)


def _skip_markup(context: BotContext, dialogue: Dialogue, name: str) -> InlineKeyboardMarkup | None:
    if not items.field(dialogue.flow, name).optional:
        return None
    return keyboard([button(context.label("item.skip"), dialogue.flow, name, "skip")])


# -- typed answers ---------------------------------------------------------------------------------------


def _ask_typed(name: str):
    async def ask(update: Update, context: BotContext, dialogue: Dialogue) -> None:
        limit = items.limit(dialogue.flow, name, context.services.settings.max_text_length)
        text = context.t(f"item.ask_{name}", limit=limit)
        if dialogue.data.get("intro") and name == items.steps(dialogue.flow)[0] and not dialogue.data["reviewed"]:
            # The first question comes with the introduction: one message, not two, on a slow line.
            text = context.t(dialogue.data["intro"], kind=context.label(f"kinds.{dialogue.flow}")) + "\n\n" + text
        await context.say(update, text, _skip_markup(context, dialogue, name))

    return ask


def _read_typed(name: str):
    async def read(update: Update, context: BotContext, dialogue: Dialogue, text: str) -> None:
        text = text.strip()
        limit = items.limit(dialogue.flow, name, context.services.settings.max_text_length)
        if not await flow.acceptable(update, context, dialogue, text, limit):
            return
        if items.field(dialogue.flow, name).type == "link" and not items.looks_like_link(text):
            await context.reply(update, "item.bad_link", _skip_markup(context, dialogue, name))
            return
        await answered(update, context, dialogue, name, text)

    return read


def _skip(name: str):
    async def press(update: Update, context: BotContext, dialogue: Dialogue, value: str) -> None:
        if value != "skip":
            await flow.ask_again(update, context, dialogue)
            return
        await _drop_draft_document(context, dialogue, name)
        await answered(update, context, dialogue, name, None)

    return press


# -- the document ------------------------------------------------------------------------------------------


async def ask_document(update: Update, context: BotContext, dialogue: Dialogue) -> None:
    current = (dialogue.data["values"].get("document") or {}).get("file_name")
    await context.reply(update, "item.ask_document", _skip_markup(context, dialogue, "document"),
                        types=items.accepted_extensions(), mb=context.services.settings.max_document_mb,
                        current=current or "")


async def read_document_text(update: Update, context: BotContext, dialogue: Dialogue, text: str) -> None:
    """Typed text at the document step: say what is expected instead of losing it silently."""
    await context.reply(update, "item.document_expected", _skip_markup(context, dialogue, "document"))


async def receive_document(update: Update, context: BotContext, dialogue: Dialogue) -> None:
    """Check the announced size and type, download, check the bytes, keep it with the draft."""
    document = update.effective_message.document
    max_mb = context.services.settings.max_document_mb
    content_bytes, problem = await flow.fetch_document(context, document, max_mb)
    if problem is not None:
        await context.reply(update, f"item.document_{problem}", _skip_markup(context, dialogue, "document"),
                            mb=max_mb, types=items.accepted_extensions(), name=document.file_name or "")
        return
    attachment_id = await context.storage.add_attachment(
        telegram_file_id=document.file_id, file_name=document.file_name, mime_type=document.mime_type,
        content=content_bytes, uploader_id=context.person.id,
    )
    await _drop_draft_document(context, dialogue, "document")
    await context.reply(update, "item.document_received", name=document.file_name)
    await answered(update, context, dialogue, "document",
                   {"attachment_id": attachment_id, "file_name": document.file_name})


async def _drop_draft_document(context: BotContext, dialogue: Dialogue, name: str) -> None:
    """A document replaced or skipped before the item was sent is not kept."""
    previous = dialogue.data["values"].get(name) if name == "document" else None
    if previous and previous.get("attachment_id") and not previous.get("attached"):
        await context.storage.discard_draft_attachment(previous["attachment_id"], context.person.id)


# -- one-button answers ----------------------------------------------------------------------------------


def _ask_choice(name: str, source: str):
    async def ask(update: Update, context: BotContext, dialogue: Dialogue) -> None:
        current = dialogue.data["values"].get(name)
        params = {}
        if name == "attribution":
            m = context.membership
            params = {"name": m.full_name or "",
                      "affiliation": context.affiliation(m.country, m.organisation, m.other_affiliation) or ""}
        buttons = [button((CHECK if ident == current else "") + option_label(context, source, ident)[:60],
                          dialogue.flow, name, ident) for ident in _options(context, source)]
        await context.reply(update, f"item.ask_{name}", keyboard(buttons), **params)

    return ask


def _press_choice(name: str, source: str):
    async def press(update: Update, context: BotContext, dialogue: Dialogue, value: str) -> None:
        if value not in _options(context, source):
            await flow.ask_again(update, context, dialogue)
            return
        await answered(update, context, dialogue, name, value)

    return press


# -- toggle buttons: several answers ---------------------------------------------------------------------


def _multi_markup(context: BotContext, dialogue: Dialogue, name: str, choices: list[tuple[str, str]],
                  page: int | None = None, pages: int = 1) -> InlineKeyboardMarkup:
    chosen = {str(c) for c in dialogue.data["values"].get(name) or []}
    spec = items.field(dialogue.flow, name)
    rows = [[button((CHECK if ident in chosen else "") + label, dialogue.flow, name, f"t:{ident}")]
            for ident, label in choices]
    if page is not None and pages > 1:
        nav = []
        if page > 0:
            nav.append(button(context.label("brief.previous"), dialogue.flow, name, f"p:{page - 1}"))
        if page < pages - 1:
            nav.append(button(context.label("brief.next"), dialogue.flow, name, f"p:{page + 1}"))
        rows.append(nav)
    last = [button(context.label("item.done"), dialogue.flow, name, "done")]
    if spec.optional and spec.type == "multi":
        last.append(button(context.label("item.none"), dialogue.flow, name, "none"))
    rows.append(last)
    return InlineKeyboardMarkup(rows)


async def _linkable(context: BotContext, dialogue: Dialogue, name: str) -> list:
    """Items of the draft's level that a recommendation can answer or build on."""
    kind = items.field(dialogue.flow, name).options
    level = dialogue.data["values"].get("level")
    return await context.storage.contributions(context.workshop.id, kind=kind, level=level, statuses=lifecycle.SHARED)


async def _choices(context: BotContext, dialogue: Dialogue, name: str) -> tuple[list[tuple[str, str]], int, int]:
    """(id, label) of the buttons on the current page, the page, and how many pages there are."""
    spec = items.field(dialogue.flow, name)
    if spec.type == "items":
        found = await _linkable(context, dialogue, name)
        pages = max(1, -(-len(found) // ITEMS_PER_PAGE))
        page = min(dialogue.data.get("page", {}).get(name, 0), pages - 1)
        shown = found[page * ITEMS_PER_PAGE:(page + 1) * ITEMS_PER_PAGE]
        labels = [(str(i.id),
                   f"{items.reference(i.kind, i.id, context.language)} · {items.headline(i, 40)}") for i in shown]
        return labels, page, pages
    labels = [(ident, option_label(context, spec.options, ident)[:60]) for ident in _options(context, spec.options)]
    return labels, 0, 1


def _ask_multi(name: str):
    async def ask(update: Update, context: BotContext, dialogue: Dialogue) -> None:
        choices, page, pages = await _choices(context, dialogue, name)
        key = f"item.ask_{name}" if choices or items.field(dialogue.flow, name).type != "items" \
            else f"item.none_yet_{name}"
        markup = _multi_markup(context, dialogue, name, choices, page, pages)
        await context.reply(update, key, markup)

    return ask


def _press_multi(name: str):
    async def press(update: Update, context: BotContext, dialogue: Dialogue, value: str) -> None:
        spec = items.field(dialogue.flow, name)
        chosen = list(dialogue.data["values"].get(name) or [])
        if value == "done":
            if len(chosen) < spec.minimum:
                await context.reply(update, "item.choose_at_least_one")
                return
            await answered(update, context, dialogue, name, chosen)
            return
        if value == "none" and spec.optional:
            await answered(update, context, dialogue, name, [])
            return
        action, _, ident = value.partition(":")
        data = dict(dialogue.data)
        if action == "p" and ident.isdigit():
            data["page"] = {**data.get("page", {}), name: int(ident)}
        elif action == "t":
            choices, _, _ = await _choices(context, dialogue, name)
            if ident not in {c for c, _ in choices}:
                await flow.ask_again(update, context, dialogue)
                return
            if spec.type == "items":
                ident = int(ident)
            chosen = [c for c in chosen if c != ident] if ident in chosen else [*chosen, ident]
            data["values"] = {**data["values"], name: chosen}
        else:
            await flow.ask_again(update, context, dialogue)
            return
        await context.storage.save_dialogue(context.person.id, dialogue.flow, dialogue.step, data)
        updated = Dialogue(dialogue.flow, dialogue.step, data)
        choices, page, pages = await _choices(context, updated, name)
        try:  # the same message, its ticks redrawn: no new message per tap
            await update.callback_query.edit_message_reply_markup(
                _multi_markup(context, updated, name, choices, page, pages))
        except BadRequest as exc:
            if not cannot_edit(exc) and "not modified" not in str(exc).lower():
                raise
            if cannot_edit(exc):  # the pressed message is gone (or inline): the question again, ticks and all
                await flow.ask_again(update, context, updated)

    return press


# -- summary, edit, send -------------------------------------------------------------------------------


async def ask_summary(update: Update, context: BotContext, dialogue: Dialogue) -> None:
    kind, editing = dialogue.flow, dialogue.data.get("item_id")
    markup = keyboard([
        button(context.label("item.save" if editing else "item.send"), kind, "summary", "send"),
        button(context.label("item.edit"), kind, "summary", "edit"),
        button(context.label("item.cancel"), kind, "summary", "cancel"),
    ], columns=3)
    await context.say(update, summary_text(context, kind, dialogue.data["values"], editing), markup)


async def summary_pressed(update: Update, context: BotContext, dialogue: Dialogue, value: str) -> None:
    if value == "send":
        await send(update, context, dialogue)
    elif value == "anyway":  # the person saw "you already sent this" and wants a second item all the same
        await send(update, context, Dialogue(dialogue.flow, dialogue.step, {**dialogue.data, "anyway": True}))
    elif value == "edit":
        await go(update, context, dialogue.flow, "edit", {**dialogue.data, "reviewed": True})
    elif value == "cancel":
        await _drop_draft_document(context, dialogue, "document")
        await flow.finish(context)
        await context.reply(update, "item.cancelled")
    else:
        await flow.ask_again(update, context, dialogue)


async def ask_edit(update: Update, context: BotContext, dialogue: Dialogue) -> None:
    kind = dialogue.flow
    buttons = [button(context.label(f"item.f_{name}"), kind, "edit", name) for name in items.steps(kind)]
    buttons.append(button(context.label("item.back"), kind, "edit", "back"))
    await context.reply(update, "item.which_field", keyboard(buttons, columns=2))


async def edit_pressed(update: Update, context: BotContext, dialogue: Dialogue, value: str) -> None:
    if value == "back":
        await go(update, context, dialogue.flow, "summary", dialogue.data)
    elif value in items.steps(dialogue.flow):
        await go(update, context, dialogue.flow, value, dialogue.data)
    else:
        await flow.ask_again(update, context, dialogue)


async def send(update: Update, context: BotContext, dialogue: Dialogue) -> None:
    """Write first, confirm after: the person sees a reference only for an item that is stored."""
    kind, data = dialogue.flow, dialogue.data
    values = data["values"]
    opening = await context.opening()
    reason = items.refusal(kind, opening, context.membership.table_id, context.membership.country)
    if reason is not None:
        # The phase closed while they were writing: the draft stays, in case it opens again.
        await context.say(update, closed_text(context, kind, opening, reason) + "\n" + context.t("item.draft_kept"))
        return
    gaps = items.missing(kind, values)
    if gaps:
        await go(update, context, kind, gaps[0], {**data, "reviewed": True})
        return
    prepared = items.prepare(kind, values)
    if data.get("item_id"):
        await _save_edit(update, context, dialogue, prepared, opening)
        return
    if not data.get("anyway"):
        mine = await context.storage.contributions(context.workshop.id, kind=kind, author_id=context.person.id)
        copy = items.earlier_copy(kind, prepared.details, mine, context.now())
        if copy is not None:
            await _already_sent(update, context, dialogue, copy)
            return
    tables = [(t.id, t.level) for t in await context.storage.working_tables(context.workshop.id)]
    table_id = items.reviewing_table(kind, prepared.level, context.membership.table_id, tables)
    key = f"sent:{data['key']}"
    item, _ = await context.storage.submit_contribution(
        workshop_id=context.workshop.id, author_id=context.person.id, kind=kind, level=prepared.level,
        dimensions=prepared.dimensions, details=prepared.details, attribution=prepared.attribution,
        language=context.language, table_id=table_id, phase_kind=opening.allowed[kind], client_key=data["key"],
        links=prepared.links,
        notice=lambda stored: Notice(key, "item.sent", {"kind": context.label(f"kinds.{kind}"),
                                                        "ref": items.quoted(kind, stored.id)}),
    )
    context.stored(update, key)
    await _attach(context, values, item.id)
    await flow.finish(context)
    await confirmations.deliver(context.application, key)


async def _already_sent(update: Update, context: BotContext, dialogue: Dialogue, copy) -> None:
    """The same text was sent a moment ago (its confirmation may have seemed lost): say where it is, and let
    the person look at it or send a second one all the same."""
    ref = items.reference(copy.kind, copy.id, context.language)
    markup = InlineKeyboardMarkup([
        [MINE_VIEW.button(context.label("item.view_earlier", ref=ref), copy.id)],
        [button(context.label("item.send_anyway"), dialogue.flow, "summary", "anyway"),
         button(context.label("item.cancel"), dialogue.flow, "summary", "cancel")],
    ])
    # Left open for "send anyway", but nothing to finish: whatever the person starts next simply replaces it.
    await context.storage.save_dialogue(context.person.id, dialogue.flow, dialogue.step,
                                        {**dialogue.data, flow.SETTLED: True})
    await context.reply(update, "item.already_sent", markup, ref=ref, kind=context.label(f"kinds.{copy.kind}"))


async def _save_edit(update: Update, context: BotContext, dialogue: Dialogue, prepared: items.Prepared,
                     opening: items.Opening) -> None:
    """Change an item the person wrote; the version it replaces stays in its history."""
    storage, item_id = context.storage, dialogue.data["item_id"]
    item = await storage.contribution(item_id)
    if item is None or not items.changeable(item, opening, context.membership.table_id, context.person.id):
        await flow.finish(context)
        await context.reply(update, "mine.not_changeable")
        return
    unchanged = (item.details == prepared.details and sorted(item.dimensions) == sorted(prepared.dimensions)
                 and item.level == prepared.level and item.attribution == prepared.attribution)
    notice = Notice(f"saved:{dialogue.data['key']}", "item.saved", {"ref": items.quoted(item.kind, item_id)})
    if unchanged:  # pressed again after a crash: the first press already saved this version
        await storage.confirm_later(context.person.id, notice)
    else:
        await storage.edit_contribution(item_id, context.person.id, details=prepared.details,
                                        dimensions=prepared.dimensions, level=prepared.level,
                                        attribution=prepared.attribution, notice=notice)
    context.stored(update, notice.key)
    if item.kind == "recommendation":
        await storage.replace_links(item_id, prepared.links)
    await _attach(context, dialogue.data["values"], item_id)
    await flow.finish(context)
    await confirmations.deliver(context.application, notice.key)


async def _attach(context: BotContext, values: dict[str, Any], item_id: int) -> None:
    document = values.get("document")
    if document and document.get("attachment_id"):
        await context.storage.attach_to_item(document["attachment_id"], item_id, context.person.id)


# -- the flows, built from the fields ----------------------------------------------------------------------


async def _discard_draft(context: BotContext, dialogue: Dialogue) -> None:
    if "values" in dialogue.data:
        await _drop_draft_document(context, dialogue, "document")


def _build(kind: str) -> None:
    steps = flow.flow(kind, Action.SEND_ITEM)
    steps.on_cancel = _discard_draft  # /cancel: a document uploaded for this draft is not kept
    for spec in items.FIELDS[kind]:
        name = spec.name
        if spec.type in ("long", "short", "link"):
            steps.step(name, read=_read_typed(name), press=_skip(name))(_ask_typed(name))
        elif spec.type == "document":
            steps.step(name, read=read_document_text, press=_skip(name), document=receive_document)(ask_document)
        elif spec.type == "level":
            steps.step(name, press=_press_choice(name, "levels"))(_ask_choice(name, "levels"))
        elif spec.type == "choice":
            steps.step(name, press=_press_choice(name, spec.options))(_ask_choice(name, spec.options))
        else:
            steps.step(name, press=_press_multi(name))(_ask_multi(name))
    steps.step("summary", press=summary_pressed)(ask_summary)
    steps.step("edit", press=edit_pressed)(ask_edit)


for _kind in items.FIELDS:
    _build(_kind)


async def document_sent(update: Update, context: BotContext) -> None:
    """A file: taken by the step waiting for one, otherwise explained (files are read only when asked)."""
    if not await flow.read_document(update, context) and not await flow.not_an_answer(update, context):
        await context.reply(update, "item.document_not_now")


def register(app: Application) -> None:
    for kind, command in items.COMMANDS.items():
        app.add_handler(CommandHandler(command, _command(kind)))
    app.add_handler(CommandHandler("send", send_menu))
    app.add_handler(SEND_KIND.handler(send_chosen))
    # Before the fallbacks, which would call any document "unsupported".
    app.add_handler(MessageHandler(filters.Document.ALL & ~filters.UpdateType.EDITED, document_sent))
