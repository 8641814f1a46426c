"""The secretariat's own texts: the introduction, the conclusions and the agreed next steps, written in the bot
before closing, so the roadmap prints what the workshop said rather than counts.

/introduction starts from the facts the bot knows (who hosted, when, where, who took part), so the secretariat
only has to add what a person knows; /conclusions starts from a hint of what conclusions hold; /nextsteps lists
the steps agreed, each with who carries it out and by when. Each text keeps the language it was first written
in: the same text written in the other language becomes its translation (``EditorialStore.set_original``), and
the answer says which of the two happened.

Only the secretariat (``Action.WRITE_WORKSHOP_TEXTS``), asked again at every step that stores something, since
a role can be lost while a conversation is open; nothing changes once the workshop is closed (the flows name
their action, so ``handlers.flow`` refuses them).
"""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import Application, CommandHandler

from bot.context import BotContext
from bot.domain import editorial, workshop_texts
from bot.domain.editorial import Version
from bot.domain.permissions import Action
from bot.domain.records import Dialogue, NextStep, Text
from handlers import flow
from handlers.flow import button, go
from handlers.guard import allowed
from handlers.views import say_in_parts

ACTION = Action.WRITE_WORKSHOP_TEXTS
TEXT, STEPS = "wtext", "nextsteps"
OURS = (TEXT, STEPS)  # each of these conversations may simply be started over by another of them
SHOWN_STEPS = 30      # edit and remove buttons for at most this many steps (a workshop agrees a handful)

text_flow = flow.flow(TEXT, ACTION)
steps_flow = flow.flow(STEPS, ACTION)


# -- reading what is stored ------------------------------------------------------------------------------------

def _language_name(context: BotContext, code: str) -> str:
    """"Spanish", "inglés": a supported language as this person's language names it."""
    return context.label(f"wtext.language_{code}")


def _shown(context: BotContext, versions: list[Text]) -> Version | None:
    """What this person reads of a text: the version in their language, or the original (origin 'missing')."""
    original = editorial.original_of(versions)
    if original is None:
        return None
    return editorial.version_in(context.language, original.body, original.language, versions)


def _origin_line(context: BotContext, shown: Version, original_language: str) -> str:
    return context.t(f"wtext.origin_{shown.origin}", language=_language_name(context, context.language),
                     original=_language_name(context, original_language))


async def _workshop_text(context: BotContext, subject: str) -> tuple[str, list[Text]]:
    """The part the text is kept under and its versions: the one part the roadmap prints
    (``WORKSHOP_TEXT_PART``), or the one it was first written under if someone used another."""
    versions = await context.storage.texts(context.workshop.id, subject, 0)
    parts = sorted({t.part for t in versions}, key=lambda part: part != editorial.WORKSHOP_TEXT_PART)
    part = parts[0] if parts else editorial.WORKSHOP_TEXT_PART
    return part, [t for t in versions if t.part == part]


async def _saved_note(context: BotContext, subject: str, subject_id: int, part: str, written: str) -> str:
    """After writing: in which language the text was kept, as its original or as its translation, and whether
    a translation made from the earlier wording now needs giving again."""
    versions = [t for t in await context.storage.texts(context.workshop.id, subject, subject_id) if t.part == part]
    original = editorial.original_of(versions)
    language = _language_name(context, context.language)
    if original is None or original.language == context.language:
        stale = [t for t in versions if t.origin != editorial.ORIGINAL and not editorial.current(t, written)]
        note = context.t("wtext.saved_original", language=language)
        for text in stale:
            note += "\n" + context.t("wtext.translation_stale", language=_language_name(context, text.language))
        return note
    return context.t("wtext.saved_translation", language=language,
                     original=_language_name(context, original.language))


# -- the introduction and the conclusions ----------------------------------------------------------------------

async def introduction_command(update: Update, context: BotContext) -> None:
    """/introduction: the current introduction, or a draft made of the workshop's facts."""
    await _open_text(update, context, editorial.INTRODUCTION)


async def conclusions_command(update: Update, context: BotContext) -> None:
    """/conclusions: the current conclusions, or what they usually hold."""
    await _open_text(update, context, editorial.CONCLUSIONS)


async def _open_text(update: Update, context: BotContext, subject: str) -> None:
    if not await allowed(update, context, ACTION, None):
        return
    _, versions = await _workshop_text(context, subject)
    data = {"subject": subject, flow.SETTLED: True}
    if editorial.original_of(versions) is None:
        if subject != editorial.INTRODUCTION:
            await flow.begin(update, context, TEXT, "text", {"subject": subject}, replaces=OURS)
            return
        # The draft shown is the draft kept: "use it as is" stores what the person read, even if someone
        # registers in between.
        data["draft"] = await _introduction_draft(context)
    await flow.begin(update, context, TEXT, "choose", data, replaces=OURS)


async def _introduction_draft(context: BotContext) -> str:
    """The facts the introduction starts from, in this person's language (plain text, stored as it is)."""
    members, staff = await context.storage.attendance_rows(context.workshop.id)
    definition = context.workshop.definition
    came = workshop_texts.attendance(definition, members, staff)
    facts = workshop_texts.introduction_facts(definition, came, context.language, context.label)
    return context.label("wtext.intro_draft", **facts)


async def _choose(update: Update, context: BotContext, dialogue: Dialogue, value: str) -> None:
    data = dialogue.data
    if value == "use" and data.get("draft"):
        await _store_text(update, context, data["subject"], data["draft"])
    elif value == "keep":
        await flow.finish(context)
        await context.reply(update, "wtext.kept", subject=context.label(f"wtext.subject_{data['subject']}"),
                            which=data["subject"])
    elif value == "new":
        await go(update, context, TEXT, "text", {"subject": data["subject"], "draft": data.get("draft")})
    else:
        await flow.ask_again(update, context, dialogue)


@text_flow.step("choose", press=_choose)
async def show_text(update: Update, context: BotContext, dialogue: Dialogue) -> None:
    """The text as it stands (or the draft), with the choice of keeping it or sending another."""
    subject, draft = dialogue.data["subject"], dialogue.data.get("draft")
    name = context.label(f"wtext.subject_{subject}")
    _, versions = await _workshop_text(context, subject)
    shown = _shown(context, versions)
    if shown is None and draft:
        lines = [context.t("wtext.draft_head", subject=name), context.t("wtext.body", body=draft)]
        buttons = [button(context.label("wtext.btn_use"), TEXT, "choose", "use")]
    elif shown is not None:
        original = editorial.original_of(versions)
        lines = [context.t("wtext.current_head", subject=name, which=subject) + "\n"
                 + _origin_line(context, shown, original.language), context.t("wtext.body", body=shown.body)]
        buttons = [button(context.label("wtext.btn_keep"), TEXT, "choose", "keep")]
    else:  # the text was removed meanwhile and there is no draft to offer: ask for it
        await go(update, context, TEXT, "text", {"subject": subject})
        return
    buttons.append(button(context.label("wtext.btn_new"), TEXT, "choose", "new"))
    await say_in_parts(update, context, lines, flow.keyboard(buttons), separator="\n\n")


async def _read_text(update: Update, context: BotContext, dialogue: Dialogue, text: str) -> None:
    text = text.strip()
    if not await flow.acceptable(update, context, dialogue, text, editorial.WORKSHOP_TEXT_LIMIT):
        return
    await _store_text(update, context, dialogue.data["subject"], text)


async def _store_text(update: Update, context: BotContext, subject: str, text: str) -> None:
    """Checked once more (a role can go while the conversation is open), stored, and said where it went."""
    if not await allowed(update, context, ACTION, None):
        await flow.finish(context)
        return
    part, _ = await _workshop_text(context, subject)
    await context.storage.set_original(context.workshop.id, subject, 0, {part: text}, context.language,
                                       context.person.id)
    await flow.finish(context)
    note = await _saved_note(context, subject, 0, part, text)
    saved = context.t("wtext.saved", subject=context.label(f"wtext.subject_{subject}"), which=subject)
    await context.say(update, saved + "\n" + note)


@text_flow.step("text", read=_read_text)
async def ask_text(update: Update, context: BotContext, dialogue: Dialogue) -> None:
    """Ask for the whole text; hand back the current one (or the draft) to copy and change."""
    subject, draft = dialogue.data["subject"], dialogue.data.get("draft")
    _, versions = await _workshop_text(context, subject)
    shown = _shown(context, versions)
    original = editorial.original_of(versions)
    becomes = "translation" if original is not None and original.language != context.language else "original"
    await context.reply(update, f"wtext.ask_{subject}", limit=editorial.WORKSHOP_TEXT_LIMIT, fresh=shown is None,
                        becomes=becomes, language=_language_name(context, context.language))
    current = shown.body if shown is not None else draft
    if current:
        await flow.hand_back(update, context, current)


# -- the next steps ----------------------------------------------------------------------------------------------

async def next_steps_command(update: Update, context: BotContext) -> None:
    """/nextsteps: the steps agreed, and adding, editing or removing one."""
    if not await allowed(update, context, ACTION, None):
        return
    await flow.begin(update, context, STEPS, "list", {flow.SETTLED: True}, replaces=OURS)


async def _steps(context: BotContext) -> list[tuple[NextStep, dict[str, Version | None]]]:
    """Each next step with what this person reads of its wording and of who carries it out."""
    texts = editorial.by_key(await context.storage.texts(context.workshop.id, editorial.NEXT_STEP))
    return [(step, {part: _shown(context, texts.get((editorial.NEXT_STEP, step.id, part), []))
                    for part in editorial.NEXT_STEP_PARTS})
            for step in await context.storage.next_steps(context.workshop.id)]


def _step_line(context: BotContext, number: int, step: NextStep, parts: dict[str, Version | None]) -> str:
    def wording(part: str) -> tuple[str, str]:
        shown = parts.get(part)
        if shown is None:
            return "", ""
        mark = _language_name(context, shown.language) if shown.origin == editorial.MISSING else ""
        return shown.body, mark

    what, what_in = wording(editorial.STEP)
    who, who_in = wording(editorial.WHO)
    day = workshop_texts.read_day(step.by_when or "")
    return context.t("wtext.step_line", n=number, step=what, step_in=what_in, who=who, who_in=who_in,
                     when=workshop_texts.long_date(day, context.language) if day else "")


async def _find(context: BotContext, value: str, prefix: str) -> tuple[int, NextStep, dict] | None:
    """The step a button names (``edit:12``), with its number in the list; None when it is gone."""
    if not value.startswith(prefix) or not value[len(prefix):].isdigit():
        return None
    wanted = int(value[len(prefix):])
    found = [(n, step, parts) for n, (step, parts) in enumerate(await _steps(context), start=1) if step.id == wanted]
    return found[0] if found else None


async def _list_press(update: Update, context: BotContext, dialogue: Dialogue, value: str) -> None:
    if value == "add":
        await go(update, context, STEPS, "step", {})
    elif value == "done":
        await flow.finish(context)
        await context.reply(update, "wtext.steps_done")
    elif (found := await _find(context, value, "edit:")) is not None:
        await go(update, context, STEPS, "field", {"edit": found[1].id})
    elif (found := await _find(context, value, "del:")) is not None:
        await go(update, context, STEPS, "remove", {"edit": found[1].id})
    else:
        await flow.ask_again(update, context, dialogue)


@steps_flow.step("list", press=_list_press)
async def show_steps(update: Update, context: BotContext, dialogue: Dialogue) -> None:
    """The steps agreed, numbered, each with who and by when, and what can be done with them."""
    steps = await _steps(context)
    lines = [context.t("wtext.steps_head", count=len(steps))]
    lines += [_step_line(context, n, step, parts) for n, (step, parts) in enumerate(steps, start=1)]
    rows = [[button(context.label("wtext.btn_edit", n=n), STEPS, "list", f"edit:{step.id}"),
             button(context.label("wtext.btn_remove", n=n), STEPS, "list", f"del:{step.id}")]
            for n, (step, _) in enumerate(steps[:SHOWN_STEPS], start=1)]
    rows.append([button(context.label("wtext.btn_add"), STEPS, "list", "add"),
                 button(context.label("wtext.btn_done"), STEPS, "list", "done")])
    await say_in_parts(update, context, lines, InlineKeyboardMarkup(rows), separator="\n")


async def _back_to_list(update: Update, context: BotContext) -> None:
    await go(update, context, STEPS, "list", {flow.SETTLED: True})


async def _editing(update: Update, context: BotContext, dialogue: Dialogue) -> tuple[int, NextStep, dict] | None:
    """The step being edited, still there; when it was removed meanwhile, said so and back to the list."""
    found = await _find(context, f"edit:{dialogue.data['edit']}", "edit:")
    if found is None:
        await context.reply(update, "wtext.step_gone")
        await _back_to_list(update, context)
    return found


async def _still_secretariat(update: Update, context: BotContext) -> bool:
    if await allowed(update, context, ACTION, None):
        return True
    await flow.finish(context)
    return False


def _read_part(part: str, limit: int):
    async def read(update: Update, context: BotContext, dialogue: Dialogue, text: str) -> None:
        text = text.strip()
        if not await flow.acceptable(update, context, dialogue, text, limit):
            return
        data = dialogue.data
        if "edit" not in data:  # adding: the step, then who, then by when
            await go(update, context, STEPS, "who" if part == editorial.STEP else "when", {**data, part: text})
            return
        if not await _still_secretariat(update, context) or await _editing(update, context, dialogue) is None:
            return
        await context.storage.update_next_step(context.workshop.id, int(data["edit"]), {part: text},
                                               context.language, context.person.id)
        note = await _saved_note(context, editorial.NEXT_STEP, int(data["edit"]), part, text)
        await context.say(update, context.t("wtext.step_changed") + "\n" + note)
        await _back_to_list(update, context)

    return read


def _ask_part(part: str, limit: int):
    async def ask(update: Update, context: BotContext, dialogue: Dialogue) -> None:
        """In an edit, the current wording is handed back to copy and change."""
        found = await _editing(update, context, dialogue) if "edit" in dialogue.data else None
        if "edit" in dialogue.data and found is None:
            return
        await context.reply(update, f"wtext.ask_{part}", limit=limit)
        shown = found[2].get(part) if found else None
        if shown is not None:
            await flow.hand_back(update, context, shown.body)

    return ask


steps_flow.step(editorial.STEP, read=_read_part(editorial.STEP, editorial.STEP_LIMIT))(
    _ask_part(editorial.STEP, editorial.STEP_LIMIT))
steps_flow.step(editorial.WHO, read=_read_part(editorial.WHO, editorial.WHO_LIMIT))(
    _ask_part(editorial.WHO, editorial.WHO_LIMIT))


async def _read_when(update: Update, context: BotContext, dialogue: Dialogue, text: str) -> None:
    day = workshop_texts.read_day(text)
    if day is None:
        await context.reply(update, "wtext.when_unreadable", typed=text.strip()[:40])
        await flow.ask_again(update, context, dialogue)
        return
    await _store_when(update, context, dialogue, day.isoformat())


async def _press_when(update: Update, context: BotContext, dialogue: Dialogue, value: str) -> None:
    if value != "none":
        await flow.ask_again(update, context, dialogue)
        return
    await _store_when(update, context, dialogue, None)


async def _store_when(update: Update, context: BotContext, dialogue: Dialogue, by_when: str | None) -> None:
    """The last answer of a new step stores it whole; in an edit, only the date changes."""
    data, storage, workshop = dialogue.data, context.storage, context.workshop
    if not await _still_secretariat(update, context):
        return
    if "edit" in data:
        if await _editing(update, context, dialogue) is None:
            return
        await storage.set_next_step_date(workshop.id, int(data["edit"]), by_when, context.person.id)
        await context.reply(update, "wtext.step_changed")
    else:
        await storage.add_next_step(workshop.id, data[editorial.STEP], data[editorial.WHO], by_when,
                                    context.language, context.person.id)
        await context.reply(update, "wtext.step_added", count=len(await storage.next_steps(workshop.id)))
    await _back_to_list(update, context)


@steps_flow.step("when", read=_read_when, press=_press_when)
async def ask_when(update: Update, context: BotContext, dialogue: Dialogue) -> None:
    await context.reply(update, "wtext.ask_when", flow.keyboard([button(context.label("wtext.btn_no_date"), STEPS,
                                                                        "when", "none")]))


async def _pick_field(update: Update, context: BotContext, dialogue: Dialogue, value: str) -> None:
    if value == "back":
        await _back_to_list(update, context)
    elif value in (editorial.STEP, editorial.WHO, "when"):
        await go(update, context, STEPS, value, dialogue.data)
    else:
        await flow.ask_again(update, context, dialogue)


@steps_flow.step("field", press=_pick_field)
async def ask_field(update: Update, context: BotContext, dialogue: Dialogue) -> None:
    """Which part of the step to change: its wording, who carries it out, or by when."""
    found = await _editing(update, context, dialogue)
    if found is None:
        return
    buttons = [button(context.label(f"wtext.btn_field_{field}"), STEPS, "field", field)
               for field in (editorial.STEP, editorial.WHO, "when", "back")]
    await context.say(update, _step_line(context, *found) + "\n\n" + context.t("wtext.ask_field"),
                      flow.keyboard(buttons, columns=2))


async def _confirm_remove(update: Update, context: BotContext, dialogue: Dialogue, value: str) -> None:
    if value == "yes":
        if not await _still_secretariat(update, context):
            return
        removed = await context.storage.remove_next_step(context.workshop.id, int(dialogue.data["edit"]),
                                                         context.person.id)
        await context.reply(update, "wtext.step_removed" if removed else "wtext.step_gone")
        await _back_to_list(update, context)
    elif value == "no":
        await _back_to_list(update, context)
    else:
        await flow.ask_again(update, context, dialogue)


@steps_flow.step("remove", press=_confirm_remove)
async def ask_remove(update: Update, context: BotContext, dialogue: Dialogue) -> None:
    found = await _editing(update, context, dialogue)
    if found is None:
        return
    buttons = [button(context.label("wtext.btn_remove_yes"), STEPS, "remove", "yes"),
               button(context.label("wtext.btn_remove_no"), STEPS, "remove", "no")]
    await context.say(update, _step_line(context, *found) + "\n\n" + context.t("wtext.ask_remove"),
                      flow.keyboard(buttons, columns=2))


def register(app: Application) -> None:
    app.add_handler(CommandHandler("introduction", introduction_command))
    app.add_handler(CommandHandler("conclusions", conclusions_command))
    app.add_handler(CommandHandler("nextsteps", next_steps_command))
