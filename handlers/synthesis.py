"""A working table's synthesis: its rapporteur (or moderator) writes it, its moderator sends it back or
approves it, and the plenary reads it before the table's recommendations.

The synthesis has the 2022 report's three parts (``bot.domain.editorial.SYNTHESIS_PARTS``), written one at a
time, with the table's live items put beside the writer (their references, grouped by kind) so that it is
written from what the table produced. The wording and its state are kept by the editorial store: writing in
one's own language makes the original, and the store keeps the language it was first written in. Every move
(submit, send back, approve) goes through ``move_synthesis``, which refuses a step its state does not allow,
so a second press or a redelivered update changes nothing and nobody is told twice; who must know is told
through the outbox, written in the same transaction as the move.
"""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import Application, CommandHandler

from bot.context import BotContext
from bot.domain import editorial, lifecycle, table_view
from bot.domain.items import reference
from bot.domain.permissions import Action, frozen
from bot.domain.records import Dialogue, Notice, Synthesis
from bot.i18n import called, offered
from bot.jobs import confirmations, groups
from handlers import flow
from handlers.callbacks import SYN_APPROVE, SYN_DESK, SYN_READ, SYN_RETURN, SYN_SUBMIT, SYN_WRITE
from handlers.guard import Args, allowed, guarded_button, member_ready, permitted
from handlers.tables import on_pick, pick_table, table_arg, table_in_workshop, table_name
from handlers.views import say_in_parts

REASON_LIMIT = 1000
write_flow = flow.flow("synthesis", Action.WRITE_SYNTHESIS)
return_flow = flow.flow("synreturn", Action.APPROVE_SYNTHESIS)


# -- what the store holds, as this module reads it --------------------------------------------------------

async def _versions(context: BotContext, table_id: int) -> dict[str, list]:
    """Every version of each part of the table's synthesis, by part."""
    grouped: dict[str, list] = {part: [] for part in editorial.SYNTHESIS_PARTS}
    for text in await context.storage.texts(context.workshop.id, editorial.SYNTHESIS, table_id):
        grouped.setdefault(text.part, []).append(text)
    return grouped


def _originals(versions: dict[str, list]) -> dict[str, str]:
    """Each part's wording as first written (what the moderator approves and the writer edits)."""
    found = {part: editorial.original_of(texts) for part, texts in versions.items()}
    return {part: text.body for part, text in found.items() if text is not None}


def _names(context: BotContext, table) -> dict[str, str]:
    """The table's name in every language, for notices rendered later in their reader's language."""
    spec = context.workshop.definition.table(table.code)
    return {f"table_{lang}": spec.name.get(lang) if spec else table.code
            for lang in offered(context.workshop.definition.languages)}


def _language_name(context: BotContext, language: str) -> str:
    """"inglés", "Spanish": the texts' own word where they have one, else Babel's name of the language (a third
    language of the workshop's content folder)."""
    key = f"synth.language_{language}"
    return context.label(key) if key in context.texts.all_keys else called(language, context.language)


# -- the writer's and the moderator's desk ------------------------------------------------------------------

async def synthesis_command(update: Update, context: BotContext) -> None:
    """/synthesis: the table's synthesis, for its rapporteur and moderators (the secretariat picks a table)."""
    await pick_table(update, context, Action.WRITE_SYNTHESIS, SYN_DESK)


@on_pick(SYN_DESK)
async def desk(update: Update, context: BotContext, table_id: int, args: Args = ()) -> None:
    """The state, each part in full, and what this person may do with it now."""
    storage = context.storage
    table = await storage.working_table(table_id)
    found = await storage.synthesis(table_id)
    status = found.status if found else None
    originals = _originals(await _versions(context, table_id))
    lines = [context.t("synth.desk_head", table=table_name(context, table),
                       state=context.label(f"synth.state_{status or 'none'}"),
                       language=_language_name(context, found.language) if found else "")]
    if found is not None and status in (editorial.RETURNED, editorial.DRAFT) and found.note:
        lines.append(context.t("synth.desk_note", note=found.note))
    for part in editorial.SYNTHESIS_PARTS:
        lines.append(context.t("synth.desk_part", part=context.label(f"synth.part_{part}"),
                               body=originals.get(part, ""), written=bool(originals.get(part))))
    await say_in_parts(update, context, lines, _desk_buttons(context, table_id, status, originals),
                       separator="\n\n")


def _desk_buttons(context: BotContext, table_id: int, status: str | None,
                  originals: dict[str, str]) -> InlineKeyboardMarkup | None:
    """Only the steps this person's role and the synthesis's state allow; none once the workshop is closed."""
    if frozen(context.workshop, Action.WRITE_SYNTHESIS):
        return None
    rows = []
    if permitted(context, Action.WRITE_SYNTHESIS, table_id):
        rows += [[SYN_WRITE.button(context.label(f"synth.btn_write_{part}"), table_id, part)]
                 for part in editorial.SYNTHESIS_PARTS]
        if editorial.synthesis_step(status, "submit") and editorial.complete(originals):
            rows.append([SYN_SUBMIT.button(context.label("synth.btn_submit"), table_id)])
    if permitted(context, Action.APPROVE_SYNTHESIS, table_id) and editorial.synthesis_step(status, "approve"):
        rows.append([SYN_APPROVE.button(context.label("synth.btn_approve"), table_id),
                     SYN_RETURN.button(context.label("synth.btn_return"), table_id)])
    return InlineKeyboardMarkup(rows) if rows else None


desk_button = guarded_button(Action.WRITE_SYNTHESIS, table_arg, reads=True)(desk)


# -- writing one part ----------------------------------------------------------------------------------------

@guarded_button(Action.WRITE_SYNTHESIS, table_arg)
async def write_part(update: Update, context: BotContext, table_id: int, args: Args) -> None:
    part = args[1]
    if part not in editorial.SYNTHESIS_PARTS:
        await context.reply(update, "common.stale_button")
        return
    await flow.begin(update, context, "synthesis", "part", {"table": table_id, "part": part, "digest": True},
                     replaces=("synthesis",))


async def show_digest(update: Update, context: BotContext, table_id: int) -> None:
    """The table's live items, by kind, with their references: what the synthesis is written from."""
    table = await context.storage.working_table(table_id)
    found = await context.storage.contributions(context.workshop.id, table_id=table_id,
                                                statuses=lifecycle.ON_THE_MAP)
    groups = table_view.digest(found)
    lines = [context.t("synth.digest_head", table=table_name(context, table), empty=not groups)]
    for kind, entries in groups:
        lines.append(context.t("synth.digest_kind", kind=context.label(f"synth.kind_{kind}"), count=len(entries)))
        lines += [context.t("synth.digest_line", ref=reference(item.kind, item.id, context.language), text=text)
                  for item, text in entries]
    await say_in_parts(update, context, lines)


async def ask_part(update: Update, context: BotContext, dialogue: Dialogue) -> None:
    """Show the items the first time the question is asked (not when it is asked again after a sticker), then
    ask for the part and hand back its current wording to copy and change."""
    data = dialogue.data
    table_id = int(data["table"])
    if data.get("digest"):
        await show_digest(update, context, table_id)
        await context.storage.save_dialogue(context.person.id, "synthesis", "part", {**data, "digest": False})
    current = _originals(await _versions(context, table_id)).get(data["part"], "")
    await context.reply(update, "synth.ask_part", part=context.label(f"synth.part_{data['part']}"),
                        limit=editorial.PART_LIMIT, rewriting=bool(current))
    if current:
        await flow.hand_back(update, context, current)


async def _read_part(update: Update, context: BotContext, dialogue: Dialogue, text: str) -> None:
    """Store the part as typed (checked once more first: the role may have gone meanwhile)."""
    text = (text or "").strip()
    table_id, part = int(dialogue.data["table"]), dialogue.data["part"]
    if not await allowed(update, context, Action.WRITE_SYNTHESIS, table_id):
        await flow.finish(context)
        return
    if not await flow.acceptable(update, context, dialogue, text, editorial.PART_LIMIT):
        return
    written = await context.storage.write_synthesis(context.workshop.id, table_id, {part: text}, context.language,
                                                    context.person.id)
    await flow.finish(context)
    await context.reply(update, "synth.part_saved", part=context.label(f"synth.part_{part}"),
                        translation=written.language != context.language,
                        language=_language_name(context, written.language))
    await desk(update, context, table_id)


write_flow.step("part", read=_read_part)(ask_part)


# -- submitting, sending back, approving --------------------------------------------------------------------

def _notice(found: Synthesis, event: str, person_id: int, template: str, params: dict) -> tuple[int, Notice]:
    """A notice keyed by the state it leaves (its ``updated_at``), so each move tells each person once."""
    return person_id, Notice(f"synthesis:{found.table_id}:{event}:{found.updated_at}:{person_id}", template, params)


async def _writers(context: BotContext, found: Synthesis) -> set[int]:
    """Who wrote it and the table's rapporteur now: told of the moderator's decision (not the moderator)."""
    rapporteur = await context.storage.rapporteur(context.workshop.id, found.table_id)
    return {p for p in (found.written_by, rapporteur) if p is not None and p != context.person.id}


async def _deliver(context: BotContext, update: Update, notices: list[tuple[int, Notice]]) -> None:
    for _, notice in notices:
        context.stored(update, notice.key)
        await confirmations.deliver(context.application, notice.key)


async def _not_now(update: Update, context: BotContext, table_id: int) -> None:
    """Pressed twice, or the state moved on meanwhile: say where it stands, change nothing."""
    found = await context.storage.synthesis(table_id)
    state = found.status if found else "none"
    await context.reply(update, "synth.not_now", state=context.label(f"synth.state_{state}"))


@guarded_button(Action.WRITE_SYNTHESIS, table_arg)
async def submit(update: Update, context: BotContext, table_id: int, args: Args) -> None:
    storage = context.storage
    found = await storage.synthesis(table_id)
    if found is None or not editorial.synthesis_step(found.status, "submit"):
        await _not_now(update, context, table_id)
        return
    if not editorial.complete(_originals(await _versions(context, table_id))):
        await context.reply(update, "synth.empty")
        return
    table = await storage.working_table(table_id)
    notices = [_notice(found, "submitted", moderator, "synth.notice_submitted", _names(context, table))
               for moderator in await storage.table_moderators(context.workshop.id, table_id)
               if moderator != context.person.id]
    if await storage.move_synthesis(table_id, "submit", context.person.id, notices=notices) is None:
        await _not_now(update, context, table_id)
        return
    await context.reply(update, "synth.submitted", told=len(notices))
    await _deliver(context, update, notices)
    await groups.synthesis_for_comment(context.application, context.workshop.id, table_id,  # the table's group
                                       _originals(await _versions(context, table_id)))


@guarded_button(Action.APPROVE_SYNTHESIS, table_arg)
async def approve(update: Update, context: BotContext, table_id: int, args: Args) -> None:
    storage = context.storage
    found = await storage.synthesis(table_id)
    if found is None or not editorial.synthesis_step(found.status, "approve"):
        await _not_now(update, context, table_id)
        return
    table = await storage.working_table(table_id)
    notices = [_notice(found, "approved", writer, "synth.notice_approved", _names(context, table))
               for writer in sorted(await _writers(context, found))]
    if await storage.move_synthesis(table_id, "approve", context.person.id, notices=notices) is None:
        await _not_now(update, context, table_id)
        return
    await context.reply(update, "synth.approved", table=table_name(context, table))
    await _deliver(context, update, notices)


@guarded_button(Action.APPROVE_SYNTHESIS, table_arg)
async def send_back(update: Update, context: BotContext, table_id: int, args: Args) -> None:
    found = await context.storage.synthesis(table_id)
    if found is None or not editorial.synthesis_step(found.status, "return"):
        await _not_now(update, context, table_id)
        return
    await flow.begin(update, context, "synreturn", "reason", {"table": table_id}, replaces=("synreturn",))


async def ask_reason(update: Update, context: BotContext, dialogue: Dialogue) -> None:
    await context.reply(update, "synth.ask_reason", limit=REASON_LIMIT)


async def _read_reason(update: Update, context: BotContext, dialogue: Dialogue, text: str) -> None:
    """Send it back with the reason as typed; the writers are told, the reason quoted."""
    text = (text or "").strip()
    table_id = int(dialogue.data["table"])
    if not await allowed(update, context, Action.APPROVE_SYNTHESIS, table_id):
        await flow.finish(context)
        return
    if not await flow.acceptable(update, context, dialogue, text, REASON_LIMIT):
        return
    storage = context.storage
    found = await storage.synthesis(table_id)
    await flow.finish(context)
    if found is None or not editorial.synthesis_step(found.status, "return"):
        await _not_now(update, context, table_id)
        return
    table = await storage.working_table(table_id)
    notices = [_notice(found, "returned", writer, "synth.notice_returned", {**_names(context, table), "note": text})
               for writer in sorted(await _writers(context, found))]
    if await storage.move_synthesis(table_id, "return", context.person.id, note=text, notices=notices) is None:
        await _not_now(update, context, table_id)
        return
    await context.reply(update, "synth.returned", told=len(notices))
    await _deliver(context, update, notices)


return_flow.step("reason", read=_read_reason)(ask_reason)


# -- the plenary reads the approved synthesis ---------------------------------------------------------------

@flow.entry("synthesis.read")
async def show_approved(update: Update, context: BotContext, table_id: int) -> bool:
    """The table's approved synthesis, each part in the reader's language where a translation exists, else in
    its original with that language named. False (and nothing said) when none is approved yet."""
    found = await context.storage.synthesis(table_id)
    if found is None or found.status != editorial.APPROVED:
        return False
    table = await context.storage.working_table(table_id)
    lines = [context.t("synth.read_head", table=table_name(context, table))]
    for part, versions in (await _versions(context, table_id)).items():
        original = editorial.original_of(versions)
        if original is None or not original.body.strip():
            continue
        shown = editorial.version_in(context.language, original.body, original.language, versions)
        lines.append(context.t("synth.read_part", part=context.label(f"synth.part_{part}"), body=shown.body,
                               origin=shown.origin, language=_language_name(context, shown.language)))
    await say_in_parts(update, context, lines, separator="\n\n")
    return True


async def read_button(update: Update, context: BotContext) -> None:
    """The plenary's button: any registered member may read an approved synthesis, even once closed."""
    query = update.callback_query
    if not await member_ready(update, context):
        await query.answer()
        return
    try:
        table = await table_in_workshop(context, SYN_READ.parse(query.data)[0])
    except ValueError:
        table = None
    await query.answer()
    if table is None or not await show_approved(update, context, table.id):
        await context.reply(update, "synth.none_approved")


def register(app: Application) -> None:
    app.add_handler(CommandHandler("synthesis", synthesis_command))
    app.add_handler(SYN_DESK.handler(desk_button))
    app.add_handler(SYN_WRITE.handler(write_part))
    app.add_handler(SYN_SUBMIT.handler(submit))
    app.add_handler(SYN_APPROVE.handler(approve))
    app.add_handler(SYN_RETURN.handler(send_back))
    app.add_handler(SYN_READ.handler(read_button))
