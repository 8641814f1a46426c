"""/translate: the texts that still need their other language and that this person may give it to.

Everything the roadmap prints exists in each of the workshop's languages (Spanish and English, or as many as its
file lists: a text is listed once for each language it still lacks), the plenary's words on an item too (the joint
reading's reason, comments, objections and the table's answers, amendments before and after and why: the table's
rapporteur and moderators, a translator or the secretariat give those), and the wording a recommendation had
before the joint reading amended it (the documents print it as "Before:"; whoever may translate the item may).
The author of an item, the rapporteur and moderators of its table, a translator (invited as such) or the
secretariat give the other version here; which of them may translate what is ``permissions.may_translate``,
asked through ``translating.Candidate.may`` for the list and again when a text is picked and when its
translation is stored (buttons can be forged, roles change).

Browsing the list is stateless (each button names its page or its text); translating one text is a dialogue
(``translate``): the original is shown and its other version asked for. An item is listed once however many of
its fields wait (a good practice's name, where, who runs it, what it achieved): picking it walks the person
through each of them in turn, the original shown each time, a field skipped left on the list, and a short
field (a place's or a programme's own name) given as it is with one press. Where a machine translation service is
configured, a button fetches its draft, which the person confirms as it is or corrects; the secretariat may also
fill every missing translation with machine drafts at once, stored as such (origin 'machine', nobody's) and
marked in the documents until a person confirms them.
"""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import Application, CommandHandler

from bot.context import BotContext
from bot.domain import editorial, items, table_view, translating
from bot.domain.permissions import Action
from bot.domain.records import Dialogue, Text
from bot.domain.translating import Candidate
from bot.i18n import LANGUAGE_NAMES
from handlers import flow
from handlers.callbacks import TRANSLATE_FILL, TRANSLATE_INTO, TRANSLATE_PAGE, TRANSLATE_PICK
from handlers.flow import button, go, keyboard
from handlers.guard import allowed, member_ready, refuse
from handlers.views import answer_query, page_buttons, turn_page

PER_PAGE = 8
FLOW = "translate"
translate_flow = flow.flow(FLOW, Action.TRANSLATE)


# -- what there is to translate ------------------------------------------------------------------------------

async def _candidates(context: BotContext) -> tuple[list[Candidate], list[Text]]:
    """Every text of the workshop in its original language (items credited to this person carry them as
    their author, an amended recommendation's earlier wording too), and every version stored so far."""
    storage, workshop, me = context.storage, context.workshop, context.person.id
    languages = workshop.definition.languages
    mine = {i.id: (me,) for i in await storage.contributions(workshop.id, author_id=me)}
    printed = await storage.contributions(workshop.id, statuses=translating.TRANSLATED_STATUSES)
    found = [c for i in printed for c in translating.item_candidates(i, mine.get(i.id, ()), languages=languages)]
    texts = await storage.texts(workshop.id)
    said = await storage.plenary_texts(workshop.id)
    earlier = translating.earlier_candidates(printed, await storage.first_wordings(workshop.id), said, mine,
                                             languages=languages)
    plenary = translating.plenary_candidates(said, languages)
    return found + earlier + translating.text_candidates(texts, languages) + plenary, texts


async def _find(context: BotContext, subject: str, subject_id: int, part: str,
                target: str | None = None) -> Candidate | None:
    """The text, into ``target``; without one (a button or a dialogue from before a third language), into the
    first language it must also exist in (for Spanish and English, the other one)."""
    candidates, _ = await _candidates(context)
    return next((c for c in candidates if c.key == (subject, subject_id, part)
                 and c.target == (target or _first_target(context, c))), None)


def _first_target(context: BotContext, candidate: Candidate) -> str:
    """The first language of the workshop's a text must also exist in (for Spanish and English, the other one)."""
    return translating.targets(candidate.language, context.workshop.definition.languages)[0]


def _pick_button(context: BotContext, candidate: Candidate, label: str):
    """The list's button for one text: into its first other language with the data buttons have always had
    (so those already on people's phones keep working), into any further one (a third language) naming it."""
    if candidate.target == _first_target(context, candidate):
        return TRANSLATE_PICK.button(label, candidate.subject, candidate.subject_id, candidate.part)
    return TRANSLATE_INTO.button(label, candidate.subject, candidate.subject_id, candidate.part, candidate.target)


async def _label(context: BotContext, candidate: Candidate, field: bool = True) -> str:
    """How the list and the question name a text: C-3, "G-7 · where" (an item's field other than its main
    text, unless ``field`` is False: the item itself), "Synthesis · Group A · challenges", "Next step 2"."""
    if candidate.kind is not None:
        if field and not candidate.main:
            return f"{candidate.ref(context.language)} · {context.label(f'tr.field_{candidate.part}')}"
        return candidate.ref(context.language)
    if candidate.subject == editorial.SYNTHESIS:
        table = await context.storage.working_table(candidate.subject_id)
        spec = context.workshop.definition.table(table.code) if table else None
        return context.label("tr.ref_synthesis", table=spec.name.get(context.language) if spec else "?",
                             part=context.label(f"tr.part_{candidate.part}"))
    if candidate.subject == editorial.NEXT_STEP:
        return context.label("tr.ref_next_step", number=candidate.subject_id,
                             part=context.label(f"tr.part_{candidate.part}"))
    if candidate.subject in translating.PLENARY:  # "Rec-3 · objection 1 · answer": the item it is about first
        return context.label(f"tr.ref_{candidate.subject}", number=candidate.number,
                             ref=items.reference(candidate.item_kind, candidate.item_id, context.language),
                             part=context.label(f"tr.part_{candidate.part}"))
    return context.label(f"tr.ref_{candidate.subject}")


def _state(candidate: Candidate, versions: list[Text]) -> str:
    """Why it is listed: only a machine draft, a translation of an earlier wording, or nothing yet."""
    shown = editorial.version_in(candidate.target, candidate.body, candidate.language, versions)
    if shown.origin == editorial.MACHINE:
        return "machine"
    return "stale" if any(v.language == candidate.target and v.body for v in versions) else "missing"


def _may_fill(context: BotContext) -> bool:
    return context.services.translator is not None and any(r.role == "secretariat" for r in context.roles)


async def _list_view(context: BotContext, page: int) -> tuple[str, InlineKeyboardMarkup | None]:
    candidates, texts = await _candidates(context)
    todo = translating.to_translate(candidates, texts, context.roles, context.person.id)
    fill = [TRANSLATE_FILL.button(context.label("tr.btn_fill"))] if _may_fill(context) \
        and translating.missing(candidates, texts) else []
    if not todo:
        return context.t("tr.nothing"), InlineKeyboardMarkup([fill]) if fill else None
    subjects = translating.by_subject(todo)  # an item's fields together: picked once, given one after another
    pages = -(-len(subjects) // PER_PAGE)
    page = max(0, min(page, pages - 1))
    shown = subjects[page * PER_PAGE:(page + 1) * PER_PAGE]
    versions = editorial.by_key(texts)
    lines, buttons = [context.t("tr.title", count=len(subjects))], []
    for fields in shown:
        candidate = fields[0]
        label = await _label(context, candidate, field=False)
        named = [] if len(fields) == 1 and candidate.main else [context.label(f"tr.field_{c.part}") for c in fields]
        lines.append(context.t("tr.line", ref=label, target=LANGUAGE_NAMES[candidate.target],
                               state=_state(candidate, candidate.versions(versions)), fields=named,
                               text=table_view.short(candidate.body if candidate.subject in translating.PLENARY
                                                     else candidate.about or candidate.body, 90)))
        if len(context.workshop.definition.languages) > 2:  # the same text may be listed into two languages
            label = f"{label} → {LANGUAGE_NAMES[candidate.target]}"
        buttons.append(_pick_button(context, candidate, label[:40]))
    if pages > 1:
        lines.append(context.t("brief.footer", page=page + 1, pages=pages))
    rows = [buttons[n:n + 2] for n in range(0, len(buttons), 2)]
    nav = page_buttons(context, TRANSLATE_PAGE.data, page, pages)
    rows += [row for row in (nav, fill) if row]
    return "\n\n".join(lines), InlineKeyboardMarkup(rows)


async def translate_command(update: Update, context: BotContext) -> None:
    """/translate: the list, first page."""
    if not await member_ready(update, context):
        return
    await context.say(update, *await _list_view(context, 0))


async def turn(update: Update, context: BotContext) -> None:
    """◀ ▶ of the list, in the same message."""
    if context.workshop is None or context.membership is None or not context.membership.registered:
        await answer_query(update, context, "common.stale_button")
        return
    (page,) = TRANSLATE_PAGE.parse(update.callback_query.data)
    await answer_query(update, context)
    await turn_page(update, *await _list_view(context, page))


async def pick(update: Update, context: BotContext) -> None:
    """A text of the list: checked again (it may be gone, or not this person's to translate), then asked for."""
    if context.workshop is None or context.membership is None or not context.membership.registered:
        await answer_query(update, context, "common.stale_button")
        return
    data = update.callback_query.data
    subject, subject_id, part, target = TRANSLATE_INTO.parse(data) if TRANSLATE_INTO.matches(data) \
        else (*TRANSLATE_PICK.parse(data), None)
    candidate = await _find(context, subject, subject_id, part, target)
    if candidate is None:
        await answer_query(update, context, "common.stale_button")
        return
    if not candidate.may(context.roles, context.person.id):
        await refuse(update, context, Action.TRANSLATE)
        return
    await answer_query(update, context)
    await flow.begin(update, context, FLOW, "text", {"item": "/".join(map(str, candidate.key)), "subject": subject,
                                                     "id": subject_id, "part": part, "target": candidate.target},
                     replaces=(FLOW,))


# -- translating one text --------------------------------------------------------------------------------------

async def _current(update: Update, context: BotContext, dialogue: Dialogue) -> Candidate | None:
    """The dialogue's text as it is now, if this person may still translate it; else the dialogue ends, said."""
    data = dialogue.data
    candidate = await _find(context, data["subject"], int(data["id"]), data["part"], data.get("target"))
    if candidate is None:
        await flow.finish(context)
        await context.reply(update, "tr.gone")
        return None
    if not candidate.may(context.roles, context.person.id):
        await flow.finish(context)
        await refuse(update, context, Action.TRANSLATE)
        return None
    return candidate


async def _store(update: Update, context: BotContext, dialogue: Dialogue, text: str) -> None:
    """Store the person's version (typed, corrected or a draft confirmed), made from the wording they saw."""
    candidate = await _current(update, context, dialogue)
    if candidate is None:
        return
    text = text.strip()
    if not await flow.acceptable(update, context, dialogue, text, translating.limit(
            candidate, context.services.settings.max_text_length)):
        return
    if dialogue.data.get("original") != candidate.body:  # changed while they were translating it
        await context.reply(update, "tr.changed")
        await flow.hand_back(update, context, text)
        await go(update, context, FLOW, "text", {**dialogue.data, "original": None})
        return
    await context.storage.set_translation(
        context.workshop.id, candidate.subject, candidate.subject_id, candidate.part, candidate.target, text,
        translates=candidate.body, person_id=context.person.id)
    await _next(update, context, candidate, saved=True)


async def _waiting(context: BotContext, candidate: Candidate) -> list[Candidate]:
    """The fields of ``candidate``'s item after it that this person still has to give, in order."""
    if candidate.kind is None:
        return []
    candidates, texts = await _candidates(context)
    todo = translating.to_translate(candidates, texts, context.roles, context.person.id)
    found, after = [], candidate
    while (after := translating.next_field(todo, after)) is not None:
        found.append(after)
    return found


async def _next(update: Update, context: BotContext, candidate: Candidate, saved: bool) -> None:
    """On to the item's next field still waiting; after its last, thanks and the list again."""
    waiting = await _waiting(context, candidate)
    if waiting:
        following = waiting[0]
        await go(update, context, FLOW, "text", {"item": "/".join(map(str, following.key)),
                                                 "subject": following.subject, "id": following.subject_id,
                                                 "part": following.part, "target": following.target,
                                                 "saved": saved})
        return
    await flow.finish(context)
    if saved:
        await context.reply(update, "tr.saved", ref=await _label(context, candidate, field=False),
                            language=LANGUAGE_NAMES[candidate.target])
    await context.say(update, *await _list_view(context, 0))


async def _read_text(update: Update, context: BotContext, dialogue: Dialogue, text: str) -> None:
    await _store(update, context, dialogue, text)


def _short(candidate: Candidate) -> bool:
    """A field of a few words (a name, a place, who runs it), which may well read the same in both languages."""
    return candidate.kind is not None and candidate.part != editorial.EARLIER \
        and translating.limit(candidate, 0) == items.SHORT_LIMIT


async def _press(update: Update, context: BotContext, dialogue: Dialogue, value: str) -> None:
    """The question's buttons: the machine draft, the same words in the other language (a short field), or on
    to the item's next field, this one left on the list."""
    if value == "draft":
        await _ask_machine(update, context, dialogue)
        return
    if value not in ("same", "skip"):
        await flow.ask_again(update, context, dialogue)
        return
    candidate = await _current(update, context, dialogue)
    if candidate is None:
        return
    if value == "same" and _short(candidate):
        await _store(update, context, dialogue, candidate.body)
    elif value == "skip":
        await _next(update, context, candidate, saved=False)
    else:
        await flow.ask_again(update, context, dialogue)


async def _ask_machine(update: Update, context: BotContext, dialogue: Dialogue) -> None:
    """The machine draft, shown to be confirmed or corrected; none (service off, down or silent): type it."""
    translator = context.services.translator
    if translator is None:
        await flow.ask_again(update, context, dialogue)
        return
    candidate = await _current(update, context, dialogue)
    if candidate is None:
        return
    draft = await translator.draft(candidate.body, candidate.language, candidate.target)
    if draft is None:
        await context.reply(update, "tr.no_draft", language=LANGUAGE_NAMES[candidate.target])
        return
    await go(update, context, FLOW, "draft", {**dialogue.data, "draft": draft, "target": candidate.target})


@translate_flow.step("text", read=_read_text, press=_press)
async def ask_text(update: Update, context: BotContext, dialogue: Dialogue) -> None:
    """The field's original (an item's other fields with its main text beside, to know which one), and its
    version asked for; the buttons that spare typing."""
    candidate = await _current(update, context, dialogue)
    if candidate is None:
        return
    dialogue.data["original"] = candidate.body  # what the translation is made from, checked when it is stored
    saved = bool(dialogue.data.pop("saved", False))  # said once, with the question that follows a stored field
    await context.storage.save_dialogue(context.person.id, FLOW, "text", dialogue.data)
    limit = translating.limit(candidate, context.services.settings.max_text_length)
    left = len(await _waiting(context, candidate))
    target = LANGUAGE_NAMES[candidate.target]
    buttons = [button(context.label("tr.btn_machine"), FLOW, "text", "draft")] \
        if context.services.translator is not None else []
    if _short(candidate):
        buttons.append(button(context.label("tr.btn_same", target=target), FLOW, "text", "same"))
    if left:
        buttons.append(button(context.label("tr.btn_skip"), FLOW, "text", "skip"))
    await context.reply(update, "tr.ask", keyboard(buttons) if buttons else None, ref=await _label(context, candidate),
                        original=candidate.body, source=LANGUAGE_NAMES[candidate.language], target=target,
                        limit=limit, saved=saved, left=left, about=table_view.short(candidate.about, 60))


async def _confirm(update: Update, context: BotContext, dialogue: Dialogue, value: str) -> None:
    if value != "ok":
        await flow.ask_again(update, context, dialogue)
        return
    await _store(update, context, dialogue, dialogue.data["draft"])


@translate_flow.step("draft", read=_read_text, press=_confirm)
async def show_draft(update: Update, context: BotContext, dialogue: Dialogue) -> None:
    """The draft, and the draft again on its own to copy and correct."""
    await context.reply(update, "tr.draft", keyboard([button(context.label("tr.btn_confirm"), FLOW, "draft", "ok")]),
                        draft=dialogue.data["draft"], target=LANGUAGE_NAMES[dialogue.data["target"]])
    await flow.hand_back(update, context, dialogue.data["draft"])


# -- the secretariat: machine drafts for every missing translation ------------------------------------------

async def fill(update: Update, context: BotContext) -> None:
    """Every text with nothing in its other language gets a machine draft, stored as such (nobody's): it is
    marked as a machine translation until a person confirms or replaces it."""
    if not await allowed(update, context, Action.MANAGE_WORKSHOP, None):
        return
    translator = context.services.translator
    if translator is None:
        await answer_query(update, context, "common.stale_button")
        return
    await answer_query(update, context)
    candidates, texts = await _candidates(context)
    todo = translating.missing(candidates, texts)
    await context.reply(update, "tr.filling", count=len(todo))
    drafts = await translator.drafts([(c.body, c.language, c.target) for c in todo])
    made = 0
    for candidate, draft in zip(todo, drafts, strict=True):
        if draft is not None and await context.storage.set_translation(
                context.workshop.id, candidate.subject, candidate.subject_id, candidate.part, candidate.target,
                draft, translates=candidate.body, person_id=None, machine=True):
            made += 1
    await context.reply(update, "tr.filled", made=made, failed=len(todo) - made)


def register(app: Application) -> None:
    app.add_handler(CommandHandler("translate", translate_command))
    app.add_handler(TRANSLATE_PAGE.handler(turn))
    app.add_handler(TRANSLATE_PICK.handler(pick))
    app.add_handler(TRANSLATE_INTO.handler(pick))
    app.add_handler(TRANSLATE_FILL.handler(fill))

