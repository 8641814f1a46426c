"""/briefing: the briefing of the person's table, in short pages, and what was already sent.

One message, edited in place by "previous / next": a phone on a slow line gets a screenful at a time and
the chat does not fill with pages. Pages are rebuilt on every press from the content and the store, so the
last page always lists what has come in up to that moment. The buttons carry no state but the level and
the page, so they keep working after a restart; a page number out of range is answered, not obeyed.
"""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import Application, CommandHandler

from bot.context import BotContext
from bot.domain import briefing as content
from bot.domain import items, lifecycle, phases
from bot.domain.briefing import Entry, Page
from handlers import views
from handlers.callbacks import BRIEF_PAGE
from handlers.guard import member_ready, seat
from handlers.views import answer_query

ITEM_WIDTH = 280   # characters of an item's text on the last pages


async def show_briefing(update: Update, context: BotContext) -> None:
    """/briefing: the first page for the table's level; without a table, the choice of a level."""
    if not await member_ready(update, context):
        return
    level = await _table_level(context)
    if level is None:
        definition, lang = context.workshop.definition, context.language
        buttons = [[BRIEF_PAGE.button(lv.name.get(lang), lv.id, 0)] for lv in definition.levels]
        await context.reply(update, "brief.choose_level", InlineKeyboardMarkup(buttons))
        return
    text, markup = await _page(context, level, 0)
    await context.say(update, text, markup)


async def turn_page(update: Update, context: BotContext) -> None:
    """Previous / next (or a level chosen): the same message now shows that page."""
    level, number = BRIEF_PAGE.parse(update.callback_query.data)
    if context.workshop is None or context.workshop.definition.level(level) is None \
            or context.membership is None or not context.membership.registered:
        await answer_query(update, context, "common.stale_button")
        return
    text, markup = await _page(context, level, number)
    if text is None:
        await answer_query(update, context, "common.stale_button")
        return
    await answer_query(update, context)
    await views.turn_page(update, text, markup)  # a double press shows the same page: nothing to do


async def _table_level(context: BotContext) -> str | None:
    table_id = seat(context)
    if table_id is None:
        return None
    table = await context.storage.working_table(table_id)
    return table.level if table else None


async def pages(context: BotContext, level: str) -> list[Page]:
    """The briefing of ``level`` followed by the items already sent for it."""
    definition, lang = context.workshop.definition, context.language
    level_name = definition.level(level).name.get(lang)
    parts = content.sections(content.load(definition.briefing, lang), level, level_name)
    parts.append(("brief.h_items", await _sent_items(context, level)))
    return content.paginate(parts, heading_params={"level": level_name})


async def _sent_items(context: BotContext, level: str) -> list[Entry]:
    """Challenges and good practices of the level, and (during table work) the own table's recommendations."""
    storage, workshop = context.storage, context.workshop
    table_id = seat(context)
    rows = await storage.phases(workshop.id)
    table_work = any(p.kind == "tables" for p in phases.open_phases(rows, table_id, context.now()))
    found = [item for item in await storage.contributions(workshop.id, level=level, statuses=lifecycle.SHARED)
             if items.visible_in_briefing(item, table_id, table_work)]
    if not found:
        return [Entry("brief.no_items", {}, 40)]
    profiles = await storage.memberships_of(workshop.id, [item.author_id for item in found])
    entries = []
    for item in found:
        author = profiles.get(item.author_id)
        affiliation = context.affiliation(author.country, author.organisation, author.other_affiliation) \
            if author else None
        credit = items.credit(item.attribution, author.full_name if author else None, affiliation)
        text = items.headline(item, ITEM_WIDTH)
        entries.append(Entry("brief.item", {
            "ref": items.reference(item.kind, item.id, context.language), "text": text,
            "credit": credit or context.label("brief.anonymous"),
            "kind": context.label(f"kinds.{item.kind}"),
        }, len(text) + 60))
    return entries


async def _page(context: BotContext, level: str, number: int) -> tuple[str | None, InlineKeyboardMarkup | None]:
    found = await pages(context, level)
    if not 0 <= number < len(found):
        return None, None
    page = found[number]
    body = [context.t(page.heading, **page.heading_params)]
    body += [context.t(entry.key, **entry.params) for entry in page.entries]
    body.append(context.t("brief.footer", page=number + 1, pages=len(found)))
    buttons = []
    if number > 0:
        buttons.append(BRIEF_PAGE.button(context.label("brief.previous"), level, number - 1))
    if number < len(found) - 1:
        buttons.append(BRIEF_PAGE.button(context.label("brief.next"), level, number + 1))
    return "\n\n".join(body), InlineKeyboardMarkup([buttons]) if buttons else None


def register(app: Application) -> None:
    app.add_handler(CommandHandler("briefing", show_briefing))
    app.add_handler(BRIEF_PAGE.handler(turn_page))
