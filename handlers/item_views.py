"""How an item's answers read in a chat: the summary a person confirms, in their language.

Shared by the conversation that writes an item and by /mine, which shows the same summary of a sent one.
"""

from __future__ import annotations

from typing import Any

from bot.context import BotContext
from bot.domain import briefing as content
from bot.domain import items

SUMMARY_WIDTH = 1200       # characters of a long answer shown in the summary (the full text is kept)


def names(context: BotContext) -> content.Names:
    return content.names(context.workshop.definition, context.language)




CHOICE_QUESTIONS = ("scope", "timeframe")   # their answers are the workshop file's (``Workshop.choices``)


def choice_ids(context: BotContext, question: str) -> list[str]:
    """The answers a recommendation's scope or timeframe question offers in this workshop, in order."""
    return [choice.id for choice in context.workshop.definition.choices(question)]


def option_label(context: BotContext, source: str, ident: str) -> str:
    if source in CHOICE_QUESTIONS:
        named = context.workshop.definition.choice_name(source, ident, context.language)
        if named is not None:
            return named
        if f"item.{source}_{ident}" not in context.texts.sources[context.language]:
            return ident  # an answer the file no longer lists, with no words of the bot's own: shown as stored
    if source in (*CHOICE_QUESTIONS, "attribution"):
        return context.label(f"item.{source}_{ident}")
    return names(context).of(source, ident)




def shown(context: BotContext, kind: str, name: str, value: Any) -> str:
    """One answer as the summary shows it."""
    spec = items.field(kind, name)
    if value in (None, "", []):
        return context.label("item.empty")
    if spec.type in ("long", "short", "link"):
        text = str(value)
        return text if len(text) <= SUMMARY_WIDTH else text[:SUMMARY_WIDTH - 1] + "…"
    if spec.type == "document":
        return value.get("file_name", "")
    if spec.type == "level":
        return names(context).of("levels", value)
    if spec.type == "choice":
        return option_label(context, spec.options, value)
    if spec.type == "items":
        return ", ".join(items.reference(spec.options, i, context.language) for i in value)
    return ", ".join(option_label(context, spec.options, v) for v in value)




def summary_text(context: BotContext, kind: str, values: dict[str, Any], editing: int | None = None) -> str:
    lines = [context.t("item.summary_title", kind=context.label(f"kinds.{kind}"),
                       ref=items.reference(kind, editing, context.language) if editing else "")]
    for spec in items.FIELDS[kind]:
        lines.append(context.t("item.summary_row", label=context.label(f"item.f_{spec.name}"),
                               value=shown(context, kind, spec.name, values.get(spec.name))))
    return "\n".join(lines)
