"""The plenary floor, played through the bot as its people would: while the plenary is open two delegates propose
amendments to other tables' recommendations from their cards (one credited by country, one anonymous), the table's
rapporteur accepts one into the text and declines the other with a reason, and answers an objection from the
desk; once the vote closes the secretariat reads /support, the backing by constituency, before the reading.

The words come from ``floor.py``; this module only decides the taps. Like ``editing.py`` it is a part of
``script.Demo`` (a mixin): ``self`` is the running demo. Items are known by their number (``self.ref_in`` reads
it from a message), since the bot letters them in each reader's language.
"""

from __future__ import annotations

import asyncio
import re
import time

from bot.offline.demo import floor, phrases
from bot.offline.demo.cast import Delegate
from bot.offline.emulator import SimulatedUser
from bot.offline.emulator.messages import BotMessage

WAIT = 30
AMENDMENT = re.compile(r"\bA-\d+\b")


async def settled(user: SimulatedUser, quiet: float = 0.6, timeout: float = 15) -> None:
    """Until no new message has reached ``user`` for ``quiet`` seconds."""
    deadline = time.monotonic() + timeout
    seen, since = len(user.messages), time.monotonic()
    while time.monotonic() - since < quiet and time.monotonic() < deadline:
        await asyncio.sleep(0.1)
        if len(user.messages) != seen:
            seen, since = len(user.messages), time.monotonic()


class FloorStages:
    """Amendments, an objection answered and the constituency view; ``self`` is the running ``script.Demo``."""

    def floor_steps(self) -> int:
        """Steps of the floor stage: each amendment proposed and decided, an answer, /support."""
        return 2 * len(self.floor_amendments()) + 2

    def floor_amendments(self) -> list[floor.Amendment]:
        """The amendments the cast can play: proposer and recommendation present, its table's rapporteur named
        (a recommendation merged or taken into another has no card of its own to amend)."""
        sent = {r.key: r for r in self.recommendations}
        return [a for a in floor.AMENDMENTS if a.author in self.by_key and a.on in sent
                and sent[a.on].same_as not in sent and not any(a.on in c.sources for c in self.consolidated())]

    def consolidated(self):
        """The tables' recommendations the rapporteurs will draft (two or more sources sent)."""
        sent = {r.key for r in self.recommendations}
        return [c for c in phrases.CONSOLIDATIONS if sum(1 for k in c.sources if k in sent) >= 2]

    @property
    def amended_from_floor(self) -> dict[int, floor.Amendment]:
        """A recommendation's id -> the floor's amendment to it that was proposed."""
        return self.__dict__.setdefault("_amended_from_floor", {})

    def translation_of(self, item) -> tuple[str, str | None, Delegate | None, bool]:
        """As the editorial stage gives it, but a recommendation whose wording is now an accepted amendment's
        gets that wording's other language, not the one of the words it replaced."""
        how, text, giver, amended = super().translation_of(item)
        taken = self.amended_from_floor.get(item.id)
        if item.kind == "recommendation" and taken and taken.accept and item.details.get("action") == taken.wording:
            return how, taken.other_language, giver, amended
        return how, text, giver, amended

    def rapporteur_of(self, key: str) -> Delegate | None:
        author = next(r.author for r in self.recommendations if r.key == key)
        return self.rapporteurs.get(self.by_key[author].table)

    async def walk_to(self, user: SimulatedUser, lang: str, item_id: int) -> BotMessage | None:
        """/plenary, then ▶ until the card of ``item_id`` shows (None if it is not among the cards)."""
        support = self.label(lang, "plenary.support")
        await user.send_text("/plenary")
        card = await user.wait_for(lambda m: m.has_button(support), timeout=WAIT)
        while self.ref_in(card.text) != item_id:
            if not card.has_button("▶"):
                return None
            card = await self.tap(user, card, "▶")
        return card

    async def propose(self, amendment: floor.Amendment) -> tuple[str, int] | None:
        """From the recommendation's card: ✏️, the new wording, why, how to be credited; (A-n, the item's id)."""
        delegate = self.by_key[amendment.author]
        user, lang = self.user(delegate), delegate.language
        item_id = self.refs.get(("recommendation", amendment.on))
        card = await self.walk_to(user, lang, item_id) if item_id is not None else None
        if card is None:
            return None
        await user.press(self.label(lang, "plamend.propose"), message=card)
        await user.wait_for(lambda m: m.text.startswith(self.opening(lang, "plamend.ask_wording", ref="\0")),
                            timeout=WAIT)
        await self.say(user, amendment.wording)
        await user.wait_for(lambda m: m.text.startswith(self.opening(lang, "plamend.ask_reason", ref="\0")),
                            timeout=WAIT)
        await self.say(user, amendment.reason)
        credit = self.label(lang, f"item.attribution_{amendment.attribution}")
        question = await user.wait_for(lambda m: m.has_button(credit), timeout=WAIT)
        await user.press(credit, message=question)
        sent = await user.wait_for(lambda m: m.text.startswith(self.opening(lang, "plamend.sent", n="\0")),
                                   timeout=WAIT)
        self.step()
        return AMENDMENT.search(sent.text).group(), item_id

    async def desk_list(self, user: SimulatedUser, lang: str, button: str, wanted: str) -> BotMessage:
        """The rapporteur's desk, then one of its lists: the message that shows the button ``wanted``."""
        await user.send_text("/rapporteur")
        desk = await user.wait_for(lambda m: m.has_button(button), timeout=WAIT)
        await user.press(button, message=desk)
        return await user.wait_for(lambda m: any(t.startswith(wanted) for t in m.button_texts), timeout=WAIT)

    async def decide(self, amendment: floor.Amendment, n: str) -> str:
        """The table's rapporteur, from the desk's list of amendments: accept, or decline with the reason."""
        rapporteur = self.rapporteur_of(amendment.on)
        user, lang = self.user(rapporteur), rapporteur.language
        key = "plamend.btn_accept" if amendment.accept else "plamend.btn_decline"
        pressed = self.label(lang, key, n=n)
        listing = await self.desk_list(user, lang, self.label(lang, "plamend.btn_list"), pressed)
        await user.press(pressed, message=listing)
        if amendment.accept:
            await user.wait_for(lambda m: m.text.startswith(self.opening(lang, "plamend.accepted", n=n, ref="\0")),
                                timeout=WAIT)
        else:
            asked = self.opening(lang, "plamend.ask_decline", n=n, wording="\0")
            await user.wait_for(lambda m: m.text.startswith(asked), timeout=WAIT)
            await self.say(user, amendment.declined_because)
            await user.wait_for(lambda m: m.text.startswith(self.opening(lang, "plamend.declined", n=n, ref="\0")),
                                timeout=WAIT)
        self.step()
        return f"{n} {'accepted' if amendment.accept else 'declined'} by the rapporteur {rapporteur.name}"

    async def object_on_floor(self, objection: floor.Objection) -> int | None:
        """A delegate objects to a recommendation from its card, with the reason; the recommendation's id."""
        delegate = self.by_key[objection.author]
        user, lang = self.user(delegate), delegate.language
        item_id = self.shown_as(self.refs.get(("recommendation", objection.on)))
        card = await self.walk_to(user, lang, item_id) if item_id is not None else None
        if card is None:
            return None
        asked = self.opening(lang, "plobj.ask_reason", ref="\0")
        for _ in range(2):  # (pressed on an objection of theirs, it is taken back first)
            await user.press(self.label(lang, "plenary.object"), message=card)
            shown = await user.wait_for(lambda m, c=card: m.text.startswith(asked) or m.message_id == c.message_id,
                                        timeout=WAIT)
            if shown.text.startswith(asked):
                break
            card = shown
        await self.say(user, objection.reason)
        await user.wait_for(lambda m: m.text.startswith(self.opening(lang, "plobj.recorded", ref="\0")),
                            timeout=WAIT)
        return item_id

    async def answer_objection(self, objection: floor.Objection) -> str | None:
        """The recommendation's table's rapporteur opens the plenary's objections from the desk and answers it."""
        if objection.author not in self.by_key or objection.on not in {r.key for r in self.recommendations}:
            self.step()
            return None
        item_id = await self.object_on_floor(objection)
        rapporteur = self.rapporteur_of(objection.on)
        if item_id is None or rapporteur is None:
            self.step()
            return None
        user, lang = self.user(rapporteur), rapporteur.language
        answer_prefix = self.opening(lang, "plobj.btn_answer", n="\0")
        first = await self.desk_list(user, lang, self.label(lang, "plobj.btn_objections"), answer_prefix)
        head = self.opening(lang, "plobj.list_head", table="\0")
        start = max(m.message_id for m in user.messages if m.text.startswith(head))
        listed = "\n".join(m.text for m in user.messages if start <= m.message_id <= first.message_id)
        n = next(found.group(1) for found in (re.match(r"\s*(\d+)\. [«“](.+?)[»”]", line)  # (either quotes)
                                              for line in listed.splitlines())
                 if found and found.group(2) == objection.reason)
        await user.press(next(t for t in first.button_texts if t.startswith(f"{answer_prefix}{n} (")), message=first)
        await user.wait_for(lambda m: m.text.startswith(self.opening(lang, "plobj.ask_answer", ref="\0")),
                            timeout=WAIT)
        await self.say(user, objection.answer[0 if lang == "es" else 1])
        await user.wait_for(lambda m: m.text.startswith(self.opening(lang, "plobj.answer_sent", ref="\0")),
                            timeout=WAIT)
        self.step()
        return (f"{self.by_key[objection.author].name} objected to {self.told(item_id)} with a reason, which table "
                f"{self.by_key[next(r.author for r in self.recommendations if r.key == objection.on)].table}'s "
                f"rapporteur {rapporteur.name} answered")

    def credited(self, amendment: floor.Amendment) -> str:
        """Who the summary says proposed an amendment, as the roadmap credits it."""
        delegate = self.by_key[amendment.author]
        if amendment.attribution == "named":
            return delegate.name
        if amendment.attribution == "country":
            return f"{delegate.name}'s delegation ({delegate.country})"
        return "an anonymous delegate"

    def objection_reason(self, delegate: Delegate, ref: str | None, card: str | None = None) -> str:
        """The reason an objection to ``card`` (a recommendation's key, "@A" for a table's own) carries: the
        next of that card's own reasons in the delegate's language, so that it fits the text it is printed
        under, whoever objects first; past them, the next delegation's stance (fair on any text); never one
        typed before (past the stances too, a stance again with who objected to what)."""
        own = [r.text for r in floor.OBJECTIONS.get(card or "", ()) if r.lang == delegate.language]
        counter = self.__dict__.setdefault("_objections_typed", {})
        index = counter[(delegate.language, card)] = counter.get((delegate.language, card), -1) + 1
        if index < len(own):
            return own[index]
        stances = [r.text for r in floor.STANCES if r.lang == delegate.language]
        taken = counter[(delegate.language, None, "stances")] = counter.get((delegate.language, None, "stances"),
                                                                            -1) + 1
        if taken < len(stances):
            return stances[taken]
        return f"{stances[taken % len(stances)]} ({delegate.key}, {ref})"

    async def stage_floor(self) -> None:
        """While the plenary is open: amendments proposed and decided, an objection answered; then the vote
        closes and the secretariat looks at the backing by constituency."""
        self.stage("floor")
        played = self.floor_amendments()
        proposed = []
        for amendment in played:  # one after the other: the proposers walk the same cards
            made = await self.propose(amendment)
            if made is not None:
                proposed.append((amendment, made[0]))
                self.amended_from_floor[made[1]] = amendment
        decisions = [await self.decide(amendment, n) for amendment, n in proposed]
        answered = await self.answer_objection(floor.OBJECTION)
        await self.open_workshop_phase("plenary", "Cerrar")
        credits = ", ".join(f"{n} to {self.told(self.refs[('recommendation', a.on)])} by "
                            f"{self.credited(a)}"
                            for a, n in proposed)
        print(f"floor: {len(proposed)} amendments proposed from the cards ({credits}); " + "; ".join(decisions)
              + f"; {answered or 'no objection answered'}")
        sara = self.secretariat
        await sara.send_text("/support")
        head = self.opening("es", "cons.head", count="\0")
        shown = await sara.wait_for(lambda m: m.text.startswith(head), timeout=WAIT)
        await settled(sara)  # a long view comes in several messages: all of them, before the next command
        self.step()
        flags = [line for line in shown.text.splitlines()[1:3]]
        print("support by constituency, before the reading: " + "; ".join(flags))
