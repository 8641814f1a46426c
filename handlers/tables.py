"""Which working table an update is about, and what staff handlers share to pick one.

``pick_table`` is how /mod, /audit, /phases, /announce and /rapporteur start: one table goes straight to it,
several (the secretariat) are offered as buttons of the route the table leads to; ``table_arg`` and
``item_arg`` give ``guarded_button`` the table a pressed button is about, looked up again on every press.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from telegram import InlineKeyboardMarkup, Update

from bot.context import BotContext
from bot.domain.membership import needs_table
from bot.domain.permissions import Action, moderated_tables
from bot.domain.records import WorkingTable
from bot.storage import followup as followup_store
from handlers.callbacks import Route
from handlers.guard import Args, permitted


async def asked_for_table(context: BotContext) -> bool:
    """A participant without a table is asked to choose one (``membership.needs_table``), except someone who came
    to report on commitments (invited by /commit or /handover): like a translator, they take no part in the
    tables' work. The store is asked only when the rule alone would seat them."""
    if not needs_table(context.roles, context.membership, context.workshop.definition):
        return False
    return not await followup_store.invited_to_report(context.storage, context.workshop.id, context.person.id)


def table_name(context: BotContext, table: WorkingTable) -> str:
    spec = context.workshop.definition.table(table.code)
    return spec.name.get(context.language) if spec else table.code


def level_name(context: BotContext, level_id: str) -> str:
    level = context.workshop.definition.level(level_id)
    return level.name.get(context.language) if level else level_id


async def table_in_workshop(context: BotContext, table_id: int) -> WorkingTable | None:
    table = await context.storage.working_table(table_id)
    return table if table is not None and context.workshop and table.workshop_id == context.workshop.id else None


async def table_arg(context: BotContext, args: Args) -> int | None:
    """For ``guarded_button``: the table named by the first argument, if it is one of this workshop."""
    table = await table_in_workshop(context, int(args[0]))
    return table.id if table else None


async def item_arg(context: BotContext, args: Args) -> int | None:
    """For ``guarded_button``: the table of the item named by the first argument."""
    item = await context.storage.contribution(int(args[0]))
    if item is None or context.workshop is None or item.workshop_id != context.workshop.id:
        return None
    return item.table_id


async def tables_for(context: BotContext, action: Action) -> list[WorkingTable]:
    """The tables this person may act on: the secretariat all of them, a moderator their own."""
    if context.workshop is None:
        return []
    tables = await context.storage.working_tables(context.workshop.id)
    if any(role.role == "secretariat" for role in context.roles):
        return tables
    mine = set(moderated_tables(context.roles)) | {r.table_id for r in context.roles if r.table_id is not None}
    return [t for t in tables if t.id in mine and permitted(context, action, t.id)]


async def pick_table(update: Update, context: BotContext, action: Action, route: Route) -> None:
    """One table: go straight to it; several (secretariat): ask which, as buttons of ``route``; none: refuse."""
    tables = await tables_for(context, action)
    if not tables:
        await context.reply(update, "guard.not_staff")
        return
    if len(tables) == 1:
        await _PICKED[route](update, context, tables[0].id, (tables[0].id,))
        return
    buttons = [[route.button(table_name(context, t), t.id)] for t in tables]
    await context.reply(update, "mod.pick_table", InlineKeyboardMarkup(buttons))


_PICKED: dict[Route, Callable[..., Awaitable[None]]] = {}


def on_pick(route: Route):
    """Register what choosing a table leads to, so /mod, /audit, /phases... share ``pick_table``; ``route``
    (whose one argument is the table) must have a guarded handler doing the same for a pressed choice."""

    def register(handler):
        _PICKED[route] = handler
        return handler

    return register
