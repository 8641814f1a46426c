"""Guided conversations whose state lives in the database, not in memory.

python-telegram-bot's persistent ConversationHandler flushes its state on a timer, so a crash loses the
last steps. Here each step writes the dialogue (flow, step, what was typed) before the bot asks the next
question: after a restart the person simply carries on. A flow is a set of steps; each step knows how to
ask its question and, if it takes typed text, how to read it. Buttons carry the flow, the step and a value
(``handlers.callbacks.FLOW_PRESS``) so a press on a button of an earlier step (or of another flow) is
recognised as stale and answered, not obeyed.

A conversation belongs to the workshop it was opened in (``WORKSHOP`` in its data): once the person's current
workshop is another, it ends at their next message or press instead of acting in either.

A flow that changes the workshop names its ``action``: once the workshop is closed, such a flow neither
opens nor takes another answer (``handlers.guard.still_open``), whatever step it had reached.
"""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from telegram import Document as SentFile
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest

from bot.context import BotContext, chat_id_of
from bot.domain import items
from bot.domain.permissions import Action, frozen
from bot.domain.records import Dialogue
from bot.jobs import bulk
from handlers.callbacks import FLOW_PRESS
from handlers.guard import still_open

Ask = Callable[[Update, BotContext, Dialogue], Awaitable[None]]
Read = Callable[[Update, BotContext, Dialogue, str], Awaitable[None]]
Press = Callable[[Update, BotContext, Dialogue, str], Awaitable[None]]
Document = Callable[[Update, BotContext, Dialogue], Awaitable[None]]


@dataclass
class Step:
    ask: Ask
    read: Read | None = None       # typed text accepted at this step
    press: Press | None = None     # buttons of this step (``button``), given their value
    document: Document | None = None  # a file sent at this step (an attachment)


@dataclass
class Flow:
    name: str
    steps: dict[str, Step] = field(default_factory=dict)
    action: Action | None = None   # what the flow does to the workshop; None: it changes nothing of it
    on_cancel: Callable[[BotContext, Dialogue], Awaitable[None]] | None = None  # tidy up what a draft left

    def step(self, name: str, *, read: Read | None = None, press: Press | None = None,
             document: Document | None = None) -> Callable[[Ask], Ask]:
        """Decorator registering the function that asks the question of step ``name``."""

        def register(ask: Ask) -> Ask:
            self.steps[name] = Step(ask, read, press, document)
            return ask

        return register


FLOWS: dict[str, Flow] = {}
CHECK = "✓ "   # marks a ticked option, and the choice shown in place of a question's buttons
SETTLED = "settled"  # a dialogue left open only for an optional button: the next conversation replaces it
# The workshop a conversation was opened in, written into its data by ``go``: a person has one dialogue whatever
# their workshop, and their current workshop can change under it (an invitation link of another workshop, a role
# granted from the command line). What they answer next must then land in neither workshop.
WORKSHOP = "_workshop"
ENTRIES: dict[str, Callable[..., Awaitable[None]]] = {}


def entry(name: str):
    """Register a flow's named way in, so another flow can hand over to it (``hand_over``) without
    importing it: /start leads into registration, /mine into editing an item."""

    def register(handler):
        ENTRIES[name] = handler
        return handler

    return register


async def hand_over(update: Update, context: BotContext, name: str, *args: Any) -> None:
    """Continue in another flow, through the way in it registered under ``name``."""
    await ENTRIES[name](update, context, *args)


def flow(name: str, action: Action | None = None) -> Flow:
    FLOWS[name] = found = FLOWS.get(name) or Flow(name)
    found.action = action or found.action
    return found


async def _closed_to(update: Update, context: BotContext, flow_name: str | None) -> bool:
    """The workshop closed and this flow would change it: refused out loud (True)."""
    current = FLOWS.get(flow_name or "")
    return current is not None and current.action is not None \
        and not await still_open(update, context, current.action)


async def _closed_while_open(update: Update, context: BotContext, dialogue: Dialogue) -> bool:
    """The workshop closed while this conversation was open: it ends here, nothing of it kept."""
    if not await _closed_to(update, context, dialogue.flow):
        return False
    await finish(context)
    return True


def button(label: str, flow_name: str, step: str, value: str = "") -> InlineKeyboardButton:
    """A button of ``step``; ValueError when the value would take the data past Telegram's 64 bytes."""
    return FLOW_PRESS.button(label, flow_name, step, value)


def keyboard(buttons: list[InlineKeyboardButton], columns: int = 1) -> InlineKeyboardMarkup:
    rows = [buttons[i:i + columns] for i in range(0, len(buttons), columns)]
    return InlineKeyboardMarkup(rows)


async def go(update: Update, context: BotContext, flow_name: str, step: str,
             data: dict[str, Any] | None = None) -> None:
    """Write the dialogue at ``step`` first, then ask that step's question."""
    dialogue = Dialogue(flow_name, step, _opened_here(context, data))
    context.moved = True
    await context.storage.save_dialogue(context.person.id, flow_name, step, dialogue.data)
    await FLOWS[flow_name].steps[step].ask(update, context, dialogue)


async def stay(update: Update, context: BotContext, flow_name: str, step: str, data: dict[str, Any]) -> None:
    """A press that changes the answer of the step the person is at (a tick in a list): the dialogue is
    written first, then the same question is redrawn in the pressed message, one message per tap."""
    data = _opened_here(context, data)
    await context.storage.save_dialogue(context.person.id, flow_name, step, data)
    context.in_place = True
    await FLOWS[flow_name].steps[step].ask(update, context, Dialogue(flow_name, step, data))
    context.in_place = False


async def begin(update: Update, context: BotContext, flow_name: str, step: str,
                data: dict[str, Any] | None = None, *, replaces: tuple[str, ...] = ()) -> bool:
    """Open a conversation at ``step``, unless the person is in the middle of another one.

    Every entry point (a command, a menu button) opens its conversation through here, never with ``go``:
    a person has one dialogue, and overwriting it would throw away what they typed. False when refused.
    """
    if await _closed_to(update, context, flow_name) or await busy(update, context, flow_name, data,
                                                                  replaces=replaces):
        return False
    await go(update, context, flow_name, step, data)
    return True


def _here(context: BotContext) -> int | None:
    return context.workshop.id if context.workshop is not None else None


def _opened_here(context: BotContext, data: dict[str, Any] | None) -> dict[str, Any]:
    return {**(data or {}), WORKSHOP: _here(context)}


def _of_another_workshop(context: BotContext, dialogue: Dialogue) -> bool:
    """Opened in a workshop other than the person's current one (a dialogue from before this mark: never)."""
    return WORKSHOP in dialogue.data and dialogue.data[WORKSHOP] != _here(context)


async def _ended_if_elsewhere(update: Update, context: BotContext, dialogue: Dialogue) -> bool:
    """A conversation of the workshop the person is no longer in ends here, said once, nothing of it kept: its
    ids, its checks and its answers all belonged to that workshop (True)."""
    if not _of_another_workshop(context, dialogue):
        return False
    current = FLOWS.get(dialogue.flow)
    if current is not None and current.on_cancel is not None:
        await current.on_cancel(context, dialogue)
    await finish(context)
    title = context.workshop.definition.title.get(context.language) if context.workshop is not None else ""
    await context.reply(update, "flowguard.moved", title=title)
    return True


def _same(dialogue: Dialogue, flow_name: str | None, data: dict[str, Any] | None) -> bool:
    """The conversation about to open is the one already open: the same flow about the same item."""
    item = (data or {}).get("item")
    return dialogue.flow == flow_name and item is not None and dialogue.data.get("item") == item


async def busy(update: Update, context: BotContext, flow_name: str | None = None,
               data: dict[str, Any] | None = None, *, replaces: tuple[str, ...] = ()) -> bool:
    """Another conversation is open (another flow, or the same one about another item): say so, ask its
    question again, and leave it as it is. The flows in ``replaces`` may simply be started over.
    """
    dialogue = await context.storage.dialogue(context.person.id)
    if dialogue is None or dialogue.flow in replaces or dialogue.data.get(SETTLED) or _same(dialogue, flow_name, data):
        return False
    if await _ended_if_elsewhere(update, context, dialogue):
        return False
    current = FLOWS.get(dialogue.flow)
    if current is not None and current.action is not None and frozen(context.workshop, current.action):
        await finish(context)  # left open when the workshop closed: it can never be finished
        return False
    await context.reply(update, "common.busy")
    if not await ask_again(update, context, dialogue):  # a step that no longer exists: nothing to keep
        await finish(context)
        return False
    return True


async def finish(context: BotContext) -> None:
    context.moved = True
    await context.storage.end_dialogue(context.person.id)
    bulk.conversation_ended(context.application)  # a notice held so as not to bury a question goes now


async def cancel(context: BotContext) -> bool:
    """Leave the current conversation, letting its flow discard what the draft had stored; False if none."""
    dialogue = await context.storage.dialogue(context.person.id)
    if dialogue is None:
        return False
    current = FLOWS.get(dialogue.flow)
    if current is not None and current.on_cancel is not None:
        await current.on_cancel(context, dialogue)
    ended = await context.storage.end_dialogue(context.person.id)
    bulk.conversation_ended(context.application)
    return ended


async def ask_again(update: Update, context: BotContext, dialogue: Dialogue) -> bool:
    """Repeat the question of the person's current step; False when there is none (or it was of another
    workshop, and has just ended)."""
    if await _ended_if_elsewhere(update, context, dialogue):
        return False
    current = FLOWS.get(dialogue.flow)
    step = current.steps.get(dialogue.step) if current else None
    if step is None:
        return False
    await step.ask(update, context, dialogue)
    return True


async def not_an_answer(update: Update, context: BotContext, key: str = "common.not_an_answer") -> bool:
    """Something that answers no question (a sticker, a photo, an unknown command, an edit, a file not asked
    for) came while one is waiting: say so (``key``) and ask the question again, so nobody has to scroll back
    up for it. False when no question is waiting (the caller answers in its own words)."""
    dialogue = await context.storage.dialogue(context.person.id)
    current = FLOWS.get(dialogue.flow) if dialogue else None
    step = current.steps.get(dialogue.step) if current else None
    if step is None:
        return False
    if await _ended_if_elsewhere(update, context, dialogue) or await _closed_while_open(update, context, dialogue):
        return True
    await context.reply(update, key)
    await step.ask(update, context, dialogue)
    return True


async def read_text(update: Update, context: BotContext) -> bool:
    """Give typed text to the current step. False when no dialogue is waiting for it."""
    dialogue = await context.storage.dialogue(context.person.id)
    if dialogue is None:
        return False
    current = FLOWS.get(dialogue.flow)
    step = current.steps.get(dialogue.step) if current else None
    if step is None:
        await finish(context)
        return False
    if await _ended_if_elsewhere(update, context, dialogue) or await _closed_while_open(update, context, dialogue):
        return True
    if step.read is None:
        await context.reply(update, "common.use_buttons")
        await step.ask(update, context, dialogue)
        return True
    await step.read(update, context, dialogue, update.effective_message.text)
    return True


async def read_document(update: Update, context: BotContext) -> bool:
    """Give a sent file to the current step. False when no step is waiting for one (the caller explains)."""
    dialogue = await context.storage.dialogue(context.person.id)
    current = FLOWS.get(dialogue.flow) if dialogue else None
    step = current.steps.get(dialogue.step) if current else None
    if step is None or step.document is None:
        return False
    if await _ended_if_elsewhere(update, context, dialogue) or await _closed_while_open(update, context, dialogue):
        return True
    await step.document(update, context, dialogue)
    return True


async def fetch_document(context: BotContext, document: SentFile, max_mb: int) -> tuple[bytes, str | None]:
    """A sent file's bytes and why it cannot be kept (None when it can). A file refused on what Telegram
    announces is not downloaded; a downloaded one is checked again on its bytes."""
    problem = items.document_problem(document.file_name, document.mime_type, document.file_size, max_mb)
    if problem is not None:
        return b"", problem
    content = bytes(await (await context.bot.get_file(document.file_id)).download_as_bytearray())
    return content, items.content_problem(document.file_name, content, max_mb)


async def press(update: Update, context: BotContext) -> None:
    """A button of some flow: obeyed only if it belongs to the step the person is at now."""
    query = update.callback_query
    flow_name, step_name, value = FLOW_PRESS.parse(query.data)
    dialogue = await context.storage.dialogue(context.person.id)
    current = FLOWS.get(flow_name)
    step = current.steps.get(step_name) if current else None
    if dialogue is None or dialogue.flow != flow_name or dialogue.step != step_name or step is None \
            or step.press is None:
        await query.answer(context.label("common.stale_button"), show_alert=False)
        return
    if _of_another_workshop(context, dialogue):
        await query.answer()
        await _ended_if_elsewhere(update, context, dialogue)
        return
    if await _closed_while_open(update, context, dialogue):
        return
    await query.answer()
    context.moved = False
    await step.press(update, context, dialogue, value)
    if context.moved:
        await show_choice(query)


async def show_choice(query) -> None:
    """The question a press answered keeps its text and shows the choice in place of its buttons, so no dead
    buttons are left behind (a toggle that stays at its step edits its own buttons instead)."""
    message = query.message
    markup = getattr(message, "reply_markup", None)
    if markup is None or not markup.inline_keyboard:
        return
    buttons = [b for row in markup.inline_keyboard for b in row]
    ticked = [b.text.removeprefix(CHECK) for b in buttons if b.text.startswith(CHECK)]
    pressed = next((b.text for b in buttons if b.callback_data == query.data), None)
    chosen = ", ".join(ticked) if ticked and pressed is not None and not pressed.startswith(CHECK) \
        and len(ticked) < len(buttons) - 1 else pressed
    if chosen is None:
        return
    label = CHECK + chosen.removeprefix(CHECK)
    with contextlib.suppress(BadRequest):  # deleted meanwhile, or already showing it
        await query.edit_message_reply_markup(InlineKeyboardMarkup(
            [[InlineKeyboardButton(label[:64], callback_data=query.data)]]))


async def acceptable(update: Update, context: BotContext, dialogue: Dialogue, text: str, limit: int) -> bool:
    """Typed text a step may take: an empty one asks the question again, an over-long one is refused."""
    if not text:
        await ask_again(update, context, dialogue)
        return False
    return not await too_long(update, context, text, limit)


async def too_long(update: Update, context: BotContext, text: str, limit: int) -> bool:
    """Refuse an over-long text, naming the limit and handing the text back so nothing typed is lost."""
    if len(text) <= limit:
        return False
    await context.reply(update, "common.too_long", length=len(text), limit=limit)
    await hand_back(update, context, text)
    return True


async def hand_back(update: Update, context: BotContext, text: str) -> None:
    """The text in a message of its own, unformatted, so it can be copied, changed and sent again ("…" for
    an empty one: Telegram sends no empty message)."""
    await context.bot.send_message(chat_id_of(update), text[:4000] or "…", parse_mode=None)
