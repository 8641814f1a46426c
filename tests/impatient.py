"""An impatient participant: sends challenges through the real conversation and, like a person, repeats
what seems not to have worked.

The resilience tests need people who behave as people do when the line is bad or the bot restarts: nobody
reads logs, they look at the chat. So this person acts on the newest question on the screen, and when no
answer comes within ``patience`` seconds they do it again (type the text again, press the button again,
press "Send" again), waiting a little longer each time; after two silences in a row they start over with
/challenge and type the same text again, as someone who saw no confirmation would. A draft of an earlier text
left open (after "you already sent this") they /cancel, as the bot's "you are in the middle of something"
suggests. They stop when they see their item's reference: "sent ... R-12", or "you already sent this ...
R-12" for a second send of the same text. That is the behaviour the bot's promises must survive: no item
lost, none stored twice, and nobody left without an answer.
"""

from __future__ import annotations

import asyncio
import re
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bot.offline.emulator import BotMessage, SimulatedUser
from bot.offline.emulator.state import Signal

REFERENCE = re.compile(r"\bR-(\d+)\b")  # a challenge, as the Spanish roadmap letters it
SENT, ALREADY_SENT = "Enviado. Tu aporte", "Ya enviaste"
APOLOGY = "Algo salió mal"


@dataclass
class Tally:
    """What happened to one person, for the figures a test prints and the checks it makes."""

    confirmed: dict[str, int] = field(default_factory=dict)  # text -> the R-id the person saw
    started: list[str] = field(default_factory=list)  # texts the person began to send, in order
    actions: int = 0
    silences: int = 0  # actions that got no answer within the person's patience
    restarts: int = 0  # times they typed /challenge again because nothing seemed to work
    already: int = 0  # confirmations that came as "you already sent this"


class ImpatientPerson:
    """One participant (in Spanish) sending challenges one after another until told to stop."""

    def __init__(self, user: SimulatedUser, texts: Callable[[int], str], *, patience: float = 3.0) -> None:
        self.user = user
        self.texts = texts  # the n-th challenge's text
        self.patience = patience
        self.tally = Tally()
        self.log: list[str] = []  # what they did, for a failure's story
        self._since = 0  # only messages new or changed after this (emulator seq) belong to the current text
        self._text = ""

    def _refs_seen(self) -> set[int]:
        return set(self.tally.confirmed.values())

    def classify(self, message: BotMessage) -> str | None:
        """Which screen of the challenge conversation this message is, None if none (a notice, an error)."""
        text, buttons = message.text, message.button_texts
        found = REFERENCE.search(text)
        if found and (SENT in text or ALREADY_SENT in text) and int(found.group(1)) not in self._refs_seen():
            return "confirmed"
        if "Describe el reto" in text and not buttons:
            return "describe"
        if "Enviar" in buttons and "Editar" in buttons:
            # A draft of an earlier text (left open by "you already sent this") is cancelled, not sent again.
            return "summary" if self._text in text else "other_draft"
        if "Ninguno de estos" in buttons:
            return "groups"
        if "Anónimo" in buttons:
            return "attribution"
        if len(buttons) == 3 and any(b.endswith("Comunitario") for b in buttons):  # not "✓ Comunitario" alone,
            return "level"  # which is the question answered, its buttons replaced by the choice
        if "Listo" in buttons and any(b.endswith("Social") for b in buttons):
            return "dimensions"
        return None

    def screen(self) -> tuple[str | None, BotMessage | None]:
        """The newest recognisable message of the current text's conversation."""
        fresh = [m for m in self.user.messages if m.updated_seq > self._since]
        for message in sorted(fresh, key=lambda m: m.updated_seq, reverse=True):
            kind = self.classify(message)
            if kind is not None:
                return kind, message
        return None, None

    async def _act(self, kind: str | None, message: BotMessage | None, text: str) -> None:
        self.tally.actions += 1
        where = f" #{message.message_id}" if message else ""
        self.log.append(f"{time.monotonic():.1f} {kind or '/challenge'}{where}")
        user = self.user
        if kind is None:
            await user.send_text("/challenge")
        elif kind == "describe":
            await user.send_text(text)
        elif kind == "other_draft":  # as the "busy" notice suggests: leave it, then start the new one
            await user.send_text("/cancel")
            await user.send_text("/challenge")
        else:
            ticked = "✓ Social" in message.button_texts
            level = next((b for b in message.button_texts if b.endswith("Comunitario")), "Comunitario")
            label = {"level": level, "dimensions": "Listo" if ticked else "Social",
                     "groups": "Ninguno de estos", "attribution": "Anónimo", "summary": "Enviar"}[kind]
            await user.press(label, message=message)

    async def send_one(self, text: str, deadline: float) -> bool:
        """Send one challenge until its reference is seen; False if the deadline came first."""
        self.tally.started.append(text)
        self._since, self._text = self.user.emu.tick(), text
        silent = 0  # actions in a row that met silence
        while time.monotonic() < deadline:
            kind, message = self.screen()
            if kind == "confirmed":
                self.tally.confirmed[text] = int(REFERENCE.search(message.text).group(1))
                self.tally.already += ALREADY_SENT in message.text
                return True
            if silent and silent % 2 == 0:  # nothing seems to work: start over and type the same text again
                kind, message = None, None
                self.tally.restarts += 1
            mark = self.user.emu.tick()
            await self._act(kind, message, text)
            # People wait a little longer each time nothing happens (and a slow bot is not buried in repeats).
            patience = self.patience * min(1 + silent / 2, 4)
            if await self._answered(mark, min(patience, max(deadline - time.monotonic(), 0.01))):
                silent = 0
            else:
                self.tally.silences += 1
                silent += 1
        return False

    async def _answered(self, mark: int, timeout: float) -> bool:
        """Whether a recognisable message appears (or changes) after ``mark`` within ``timeout``.

        Woken only by calls about this person's chat (``_watch``), not by every change in the emulator: with a
        hundred people each re-reading their chat on every change, the crowd would use more of the CPU than
        the bot it is testing."""
        chat = self.user.emu.chats[self.user.id]
        signal = _watch(self.user.emu, self.user.id)
        deadline = time.monotonic() + timeout
        while True:
            if any(m.updated_seq > mark and not m.deleted and self.classify(m) is not None
                   for m in chat.bot_messages.values()):
                return True
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            await signal.wait(remaining)

    async def send_until(self, stop: asyncio.Event, deadline: float, *, at_least: int = 1) -> None:
        """Challenges one after another (at least ``at_least``) until ``stop`` is set; the one begun is finished."""
        n = 0
        while n < at_least or not stop.is_set():
            if not await self.send_one(self.texts(n), deadline):
                return
            n += 1

    def story(self) -> str:
        """The person's last actions and the last messages they saw, for a failure message."""
        seen = "\n    ".join(m.describe() for m in self.user.messages[-10:])
        return f"{self.user!r} did: {self.log[-15:]}\n  and saw:\n    {seen}"

    @property
    def apologies(self) -> int:
        return sum(APOLOGY in m.text for m in self.user.messages)

    @property
    def finished(self) -> bool:
        """Every challenge begun was confirmed."""
        return all(text in self.tally.confirmed for text in self.tally.started)


_SIGNALS: weakref.WeakKeyDictionary[Any, dict[int, Signal]] = weakref.WeakKeyDictionary()


def _watch(emu, chat_id: int) -> Signal:
    """A signal fired after every call the bot makes about ``chat_id`` (one emulator observer for everybody)."""
    if emu not in _SIGNALS:
        signals: dict[int, Signal] = {}

        def observe(method: str, params: dict[str, Any], result: Any) -> None:
            try:
                signal = signals.get(int(params.get("chat_id")))
            except (TypeError, ValueError):
                return
            if signal is not None:
                signal.fire()

        emu.observers.append(observe)
        _SIGNALS[emu] = signals
    return _SIGNALS[emu].setdefault(chat_id, Signal())


async def stored_by_text(storage, workshop_id: int, person_id: int) -> dict[str, list[int]]:
    """The person's stored challenges, as their text -> the ids stored with that text."""
    found: dict[str, list[int]] = {}
    for item in await storage.contributions(workshop_id, kind="challenge", author_id=person_id):
        found.setdefault(item.details["description"], []).append(item.id)
    return found


@dataclass
class Audit:
    """Sent against stored, for everybody: what was lost, doubled, unconfirmed or confirmed wrongly."""

    people: int = 0
    begun: int = 0
    stored: int = 0
    lost: list[str] = field(default_factory=list)
    doubled: list[str] = field(default_factory=list)
    unanswered: list[str] = field(default_factory=list)
    wrong_reference: list[str] = field(default_factory=list)
    strays: list[str] = field(default_factory=list)  # stored with a text nobody began (cannot happen)
    stories: list[str] = field(default_factory=list)  # of the people something went wrong for

    def add(self, person: ImpatientPerson, stored: dict[str, list[int]]) -> None:
        who = f"{person.user.id}"
        self.people += 1
        self.begun += len(person.tally.started)
        self.stored += sum(len(ids) for ids in stored.values())
        for text in dict.fromkeys(person.tally.started):
            ids = stored.get(text, [])
            if not ids:
                self.lost.append(f"{who}: {text!r}")
            elif len(ids) > 1:
                self.doubled.append(f"{who}: {text!r} as {[f'R-{i}' for i in ids]}")
            seen = person.tally.confirmed.get(text)
            if seen is None:
                self.unanswered.append(f"{who}: {text!r}")
            elif seen not in ids:
                self.wrong_reference.append(f"{who}: {text!r} confirmed as R-{seen}, stored as {ids}")
        self.strays += [f"{who}: {text!r}" for text in stored if text not in person.tally.started]
        failed = (*self.lost, *self.doubled, *self.unanswered, *self.wrong_reference)
        if any(entry.startswith(f"{who}:") for entry in failed):
            self.stories.append(person.story())

    def check(self) -> None:
        problems = {name: getattr(self, name) for name in ("lost", "doubled", "unanswered", "wrong_reference",
                                                          "strays") if getattr(self, name)}
        stories = "\n".join(self.stories[:3])
        assert not problems, f"the bot broke its promises: {problems}\n{stories}"
