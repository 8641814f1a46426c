"""/support: the secretariat's view, before the joint reading, of who backs each recommendation: supports,
objections and dots by kind of participant and how many countries, with the "broad support" and "contested"
flags (``bot.domain.constituency``).

Counts only, never names. Like every tally it stays hidden while the plenary vote is open
(``bot.domain.plenary.plenary_vote_closed``), from the secretariat too, so nobody can steer the vote with it.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CommandHandler

from bot.context import BotContext
from bot.domain import constituency, table_view
from bot.domain.items import reference
from bot.domain.permissions import Action
from bot.domain.plenary import plenary_vote_closed
from handlers.cards import agenda
from handlers.guard import allowed
from handlers.views import say_in_parts


def _line(context: BotContext, ref: str, text: str, support: constituency.Support) -> str:
    kinds = " · ".join(context.label("cons.kind_counts", kind=context.label(f"cons.kind_{kind}"),
                                 support=counts.support, object=counts.object, dots=counts.dots)
                       for kind, counts in support.by_kind)
    flags = [context.label(f"cons.flag_{flag}") for flag in ("broad", "contested") if getattr(support, flag)]
    return context.t("cons.line", ref=ref, text=text, kinds=kinds, backing=support.backing_countries,
                     objecting=support.objecting_countries, flags=" ".join(flags))


async def show(update: Update, context: BotContext) -> None:
    """/support: every recommendation of the plenary with its breakdown, flagged ones named first."""
    if not await allowed(update, context, Action.MANAGE_WORKSHOP, None, reads=True):
        return
    storage, workshop = context.storage, context.workshop
    if not plenary_vote_closed(await storage.phases(workshop.id), context.now()):
        await context.reply(update, "cons.hidden")
        return
    items = await agenda(context)
    if not items:
        await context.reply(update, "cons.none")
        return
    found = await storage.support_by_constituency(workshop.id, workshop.definition, [i.id for i in items])
    refs = {i.id: reference("recommendation", i.id, context.language) for i in items}
    broad = [refs[i.id] for i in items if found[i.id].broad]
    contested = [refs[i.id] for i in items if found[i.id].contested]
    lines = [context.t("cons.head", count=len(items), countries=workshop.definition.broad_support_countries,
                       contested_countries=constituency.CONTESTED_COUNTRIES,
                       broad=", ".join(broad), contested=", ".join(contested))]
    lines += [_line(context, refs[i.id], table_view.short(i.details.get("action", ""), 70), found[i.id])
              for i in items]
    await say_in_parts(update, context, lines, separator="\n\n")


def register(app: Application) -> None:
    app.add_handler(CommandHandler("support", show))
