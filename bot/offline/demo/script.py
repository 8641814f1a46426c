"""The demo workshop, stage by stage, through the real bot: every step is a person tapping and typing.

Each stage prints what it did, so a newcomer running ``make demo`` sees the workshop unfold; a progress bar
follows the whole run when the output is a terminal, and a summary lists the files written.

What people type comes from ``phrases.py`` (delegates of the member states and observer organisations, in
Spanish and English); who they are and where they sit, from ``cast.py``. The script only decides the taps a
person would make: a moderator merges what says the same thing, the rapporteur drafts the table's
recommendation from the members' ones, the plenary supports, objects, comments and places dots, and the joint
reading adopts, amends or sets aside. The editorial work (a translator, the tables' syntheses, every published
recommendation, challenge and good practice in both languages, the secretariat's introduction, conclusions and
next steps) is played by ``editing.py`` with the texts of ``bilingual.py``, against a stand-in machine
translation service.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import random
import re
import time
from pathlib import Path

from jinja2 import UndefinedError

from bot.domain import lifecycle, translating
from bot.domain.briefing import names
from bot.domain.invitations import new_token
from bot.domain.items import known_letters, reference
from bot.domain.workshop_file import EXAMPLE_FILE, Workshop, load_workshop
from bot.i18n import Texts
from bot.offline.demo import bilingual, floor, phrases
from bot.offline.demo.calendar import SimulatedClock, held_today
from bot.offline.demo.cast import MODERATORS, SECRETARIAT, Delegate, cast
from bot.offline.demo.chats import GroupStages
from bot.offline.demo.editing import DemoTranslator, EditorialStages, known_translations
from bot.offline.demo.follow_up import FollowupStages
from bot.offline.demo.phrases import Challenge, Consolidation, Practice, Recommendation
from bot.offline.demo.plenary_floor import FloorStages
from bot.offline.demo.progress import Tracker
from bot.offline.emulator import BotApiEmulator, SimulatedUser
from bot.offline.emulator.messages import BotMessage
from bot.offline.runner import OfflineBot, offline_settings
from bot.storage import Storage

BOT_USERNAME = "crm_workshop_demo_bot"
CONCURRENCY = 8     # people acting at the same time
WINDOW = 5          # recommendations each person takes a stance on in the plenary, besides those they vote for
WAIT = 30           # seconds to wait for any one answer of the bot
# The demo tells its story in English: the joint reading's outcomes in words, not as stored.
OUTCOME_WORDS = {lifecycle.ADOPTED: "adopted", lifecycle.ADOPTED_AMENDED: "adopted as amended",
                 lifecycle.SET_ASIDE: "set aside"}
REF = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, known_letters()), key=len, reverse=True)) + r")-\d+\b", re.I)
TAG = re.compile(r"<[^>]+>")
PDF = b"%PDF-1.4\n%demo supporting document\n%%EOF\n"

Entry = Challenge | Practice | Recommendation | Consolidation


class Demo(FloorStages, GroupStages, FollowupStages, EditorialStages):
    def __init__(self, emulator: BotApiEmulator, bot: OfflineBot, workshop: Workshop, workshop_id: int,
                 people: int | None = None) -> None:
        self.emulator = emulator
        self.bot = bot
        self.workshop = workshop
        self.workshop_id = workshop_id
        self.people = cast([c.id for c in workshop.countries], [o.id for o in workshop.organisations
                                                                   if o.kind != "secretariat"],
                           [t.id for t in workshop.tables])[:people]
        self.by_key = {d.key: d for d in self.people}
        self.users: dict[int, SimulatedUser] = {}
        self.texts = Texts()
        self.names = {lang: names(workshop, lang) for lang in ("es", "en")}
        # Items are known by their number: the bot letters it in each reader's language (Spanish R-12 is
        # English C-12), so what one person saw is lettered anew for another.
        self.sent: dict[int, Entry] = {}            # 12 -> what it was sent as
        self.kinds: dict[int, str] = {}             # 12 -> "challenge" (the bot's kind, to letter it)
        self.refs: dict[tuple[str, str], int] = {}  # ("challenge", "docs") -> 12; ("table", "A") -> 40
        self.merged: dict[int, int] = {}            # an item merged into another -> the one kept
        self.absorbed: dict[int, int] = {}          # a member's recommendation -> the table's one that took it in
        self.rapporteurs: dict[str, Delegate] = {}  # table code -> its rapporteur
        self.typed: list[str] = []                  # every sentence people typed, in order
        self.tracker: Tracker | None = None
        self.challenges = [c for c in phrases.CHALLENGES if c.author in self.by_key]
        self.practices = [p for p in phrases.PRACTICES if p.author in self.by_key]
        self.recommendations = [r for r in phrases.RECOMMENDATIONS if r.author in self.by_key]

    @property
    def storage(self) -> Storage:
        return self.bot.storage

    def budgets(self) -> dict[str, int]:
        """Steps of each stage, for the progress bar."""
        items = len(self.challenges) + len(self.practices)
        sent = {r.key for r in self.recommendations}
        kept = [r for r in self.recommendations if r.same_as not in sent]  # near-duplicates are merged
        plans = [c for c in phrases.CONSOLIDATIONS if sum(1 for k in c.sources if k in sent) >= 2]
        taken_in = {k for c in plans for k in c.sources if k in sent}  # on the table's card in the plenary
        # the joint reading reads each card once: the tables' recommendations and what they did not take in
        read = len(plans) + sum(1 for r in kept if r.key not in taken_in)
        # every published item given in its other language by a person (the ones left to the secretariat's
        # machine drafts are made in the one step of its "fill" and confirmed in one more by the translator):
        # recommendations, then the challenges and good practices (near-duplicates merged, the question rejected)
        published = len(plans) + sum(1 for r in kept if bilingual.GIVEN_BY.get(r.key) != "draft")
        published += sum(1 for c in self.challenges if c.key in bilingual.CHALLENGES_OTHER_LANGUAGE)
        published += sum(1 for p in self.practices if p.key in bilingual.PRACTICES_OTHER_LANGUAGE)
        # and the plenary's words (the reading's reasons, objections, amendments, comments): a step per kind
        published += len(translating.PLENARY)
        tables = len(self.workshop.tables)
        # a synthesis: each part written and translated, submitted, decided; table A's twice submitted and decided
        syntheses = tables * (2 * len(bilingual.SYNTHESES["A"]) + 2) + 2
        steps = len(bilingual.NEXT_STEPS)
        return {"registration": len(self.people), "staff": 2 + len(MODERATORS), "mapping": items,
                "tables": len(self.recommendations) + 1,
                "moderation": items + len(self.recommendations) + 3 + len(self.near_duplicates()),
                "syntheses": syntheses, "plenary": len(self.people), "reading": read,
                "translations": published + 2, "texts": 4 + 3 * steps, "close": 1,
                "documents": 5 + 2 * tables, "groups": tables + 1, "floor": self.floor_steps(),
                "commitments": len(self.committing()), "followup": 4 + bool(self.committing())}

    def step(self, count: int = 1) -> None:
        if self.tracker is not None:
            self.tracker.step(count)

    def stage(self, name: str) -> None:
        if self.tracker is not None:
            self.tracker.stage(name)

    def user(self, delegate: Delegate) -> SimulatedUser:
        found = self.users.get(delegate.telegram_id)
        if found is None:
            found = self.users[delegate.telegram_id] = self.emulator.user(
                delegate.telegram_id, delegate.name.split()[0], language_code="en" if delegate.language == "en"
                else "es-419")
        return found

    async def each(self, action, people) -> None:
        """Run ``action(person)`` for everyone, a few at a time, as people would."""
        gate = asyncio.Semaphore(CONCURRENCY)

        async def one(person):
            async with gate:
                await action(person)

        await asyncio.gather(*(one(p) for p in people))

    # -- small pieces --------------------------------------------------------------------------------------

    def label(self, lang: str, key: str, **params) -> str:
        return self.texts.plain(lang, key, **params)

    def opening(self, lang: str, key: str, **params) -> str:
        """What a message of the bot says before its first ``\\0`` parameter, as people see it (parameters the
        template has and the demo does not care about are left empty)."""
        params = dict(params)
        for _ in range(10):
            try:
                return TAG.sub("", self.texts.plain(lang, key, **params)).split("\0")[0]
            except UndefinedError as exc:
                missing = re.search(r"'(\w+)' is undefined", str(exc))
                if missing is None:
                    raise
                params[missing.group(1)] = ""
        raise LookupError(key)

    async def say(self, user: SimulatedUser, text: str) -> BotMessage:
        """Type a sentence of one's own (kept, so tests can check nobody types the same one twice)."""
        self.typed.append(text)
        return await user.ask(text)

    async def tap(self, user: SimulatedUser, message: BotMessage, button: str) -> BotMessage:
        """Press a button of a card and wait until the card is redrawn."""
        await user.press(button, message=message)
        return await user.wait_for(lambda m: m.message_id == message.message_id, timeout=WAIT)

    @staticmethod
    def ref_in(text: str) -> int | None:
        """The number of the first item reference in ``text``, whatever language's letters it has."""
        found = REF.search(text)
        return int(found.group().rsplit("-", 1)[1]) if found else None

    def ref(self, item_id: int, lang: str) -> str:
        """Item ``item_id`` as a person of ``lang`` sees it quoted (R-12 in Spanish is C-12 in English)."""
        return reference(self.kinds[item_id], item_id, lang)

    def told(self, item_id: int) -> str:
        """Item ``item_id`` as the demo's story names it: in English, as the rest of what it prints."""
        return self.ref(item_id, "en")

    def remember(self, kind: str, entry: Entry, item_id: int | None) -> None:
        if item_id is not None:
            self.sent[item_id] = entry
            self.kinds[item_id] = "good_practice" if kind == "practice" else kind
            self.refs[(kind, entry.key)] = item_id

    def group(self, item_id: int) -> tuple[str, str] | None:
        """Which set of near-duplicates the item belongs to (its kind and first item), if any."""
        entry = self.sent.get(item_id)
        if isinstance(entry, Challenge):
            return "challenge", phrases.root(entry.key, phrases.CHALLENGES)
        if isinstance(entry, Practice):
            return "practice", phrases.root(entry.key, phrases.PRACTICES)
        if isinstance(entry, Recommendation):
            return "recommendation", phrases.root(entry.key, phrases.RECOMMENDATIONS)
        return None

    async def answer_choice(self, user: SimulatedUser, lang: str, labels: list[str], multi: bool) -> BotMessage:
        """Press the buttons named, on the question that shows them; then Done for a multiple choice."""
        question = await user.wait_for(lambda m: all(m.has_button(label) for label in labels), timeout=WAIT)
        for label in labels:
            await user.press(label, message=question)
            if multi:
                await user.wait_for(lambda m, label=label: m.message_id == question.message_id
                                    and f"✓ {label}" in m.button_texts, timeout=WAIT)
        if multi:
            await user.press(self.label(lang, "item.done"), message=question)
        return question

    async def choose_many(self, user: SimulatedUser, lang: str, source: str, ids: tuple[str, ...]) -> None:
        """An optional multiple choice of the briefing's options (groups, cross-cutting issues): some, or none.
        The question is told by its words, since two such questions follow each other in a recommendation."""
        none = self.label(lang, "item.none")
        asked = self.opening(lang, f"item.ask_{source}")[:20]
        question = await user.wait_for(lambda m: m.has_button(none) and m.text.startswith(asked), timeout=WAIT)
        if not ids:
            await user.press(none, message=question)
            return
        await self.answer_choice(user, lang, [self.names[lang].of(source, i)[:60] for i in ids], multi=True)

    async def pick_items(self, user: SimulatedUser, lang: str, message: BotMessage, ids: list[int]) -> None:
        """Tick the challenges or practices a recommendation answers, turning the pages of the list if need be."""
        wanted = [self.ref(item_id, lang) for item_id in ids]
        turn = self.label(lang, "brief.next")
        for _ in range(20):
            for ref in list(wanted):
                button = next((t for t in message.button_texts if t.startswith(f"{ref} ·")), None)
                if button is not None:
                    await user.press(button, message=message)
                    await user.wait_for(lambda m, b=button, shown=message.message_id: m.message_id == shown
                                        and f"✓ {b}" in m.button_texts, timeout=WAIT)
                    wanted.remove(ref)
            if not wanted or not message.has_button(turn):
                break
            message = await self.tap(user, message, turn)
        await user.press(self.label(lang, "item.done"), message=message)

    async def finish_item(self, user: SimulatedUser, lang: str, kind: str, attribution: str) -> int | None:
        """Say how the item may be credited, send it, and read the number the bot gave it."""
        await self.answer_choice(user, lang, [self.label(lang, f"item.attribution_{attribution}")], multi=False)
        summary = await user.wait_for(lambda m: m.has_button(self.label(lang, "item.send")), timeout=WAIT)
        await user.press(self.label(lang, "item.send"), message=summary)
        sent = self.opening(lang, "item.sent", kind=self.label(lang, f"kinds.{kind}"), ref="\0")
        confirmation = await user.wait_for(lambda m: m.text.startswith(sent), timeout=WAIT)
        return self.ref_in(confirmation.text[len(sent):])

    # -- registration and staff ----------------------------------------------------------------------------

    async def register(self, delegate: Delegate, token: str) -> None:
        user, lang = self.user(delegate), delegate.language
        await user.send_text(f"/start {token}")
        await user.press("English" if lang == "en" else "Español",
                         message=await user.wait_for(lambda m: m.has_button("Español")))
        await user.wait_for(lambda m: not m.buttons and "?" in m.text)
        await user.ask(delegate.name)
        if delegate.country:
            label = self.workshop.country(delegate.country).name.get(lang)
        else:
            label = self.workshop.organisation(delegate.organisation).name.get(lang)[:60]
        await user.press(label)
        await user.next_message()
        await user.ask(delegate.institution)
        notice = await user.ask(delegate.position)
        await user.press(notice.buttons[0][0][0], message=notice)
        table_name = self.workshop.table(delegate.table).name.get(lang)
        choose = await user.wait_for(lambda m: any(t.startswith(table_name) for t in m.button_texts))
        await user.press(next(t for t in choose.button_texts if t.startswith(table_name)), message=choose)
        await user.wait_for(lambda m: table_name in m.text and not m.buttons)
        self.step()

    async def stage_registration(self) -> None:
        self.stage("registration")
        token = new_token()
        await self.storage.create_invitation(self.workshop_id, token, "participant")
        started = time.perf_counter()
        await self.each(lambda d: self.register(d, token), self.people)
        seated = await self.storage.registered_per_table(self.workshop_id)
        languages = {lang: sum(1 for p in self.people if p.language == lang) for lang in ("es", "en")}
        countries = len({p.country for p in self.people if p.country})
        organisations = len({p.organisation for p in self.people if p.organisation})
        print(f"registration: {len(self.people)} people registered in {time.perf_counter() - started:.1f} s "
              f"({countries} member countries, {organisations} organisations; {languages['es']} in Spanish, "
              f"{languages['en']} in English); " + ", ".join(f"table {code}: {n}" for code, n in seated))

    async def join_staff(self, telegram_id: int, name: str, role: str, table: str | None, organisation: str,
                         position: str, language: str = "es") -> SimulatedUser:
        """A moderator or the secretariat: their own invitation link, then the same registration."""
        token = new_token()
        table_id = None
        if table is not None:
            table_id = {t.code: t.id for t in await self.storage.working_tables(self.workshop_id)}[table]
        await self.storage.create_invitation(self.workshop_id, token, role, table_id)
        user = self.emulator.user(telegram_id, name.split()[0], language_code=language)
        await user.send_text(f"/start {token}")
        await user.press("English" if language == "en" else "Español",
                         message=await user.wait_for(lambda m: m.has_button("Español")))
        await user.wait_for(lambda m: not m.buttons and "?" in m.text)
        await user.ask(name)
        await user.press(self.workshop.organisation(organisation).name.get(language)[:60])
        await user.next_message()
        await user.ask(self.workshop.organisation(organisation).name.get(language))
        notice = await user.ask(position)
        await user.press(notice.buttons[0][0][0], message=notice)
        await user.wait_for(lambda m: "/help" in m.text or "registro está completo" in m.text
                            or "registration is complete" in m.text)
        self.step()
        return user

    async def credited_by_name(self, user: SimulatedUser, lang: str = "es") -> None:
        """/profile's choice of how the roadmap and the minutes credit one's role: by name (the default is one's
        organisation, as the agenda lists moderators)."""
        shown = await user.ask("/profile")
        await user.press(self.label(lang, "rolecredit.edit"), message=shown)
        asked = await user.wait_for(lambda m: m.has_button(self.label(lang, "rolecredit.choice_named")), timeout=WAIT)
        await user.press(self.label(lang, "rolecredit.choice_named"), message=asked)
        named = self.label(lang, "rolecredit.by_name", name="").split("(")[0].strip()  # "con tu nombre"
        await user.wait_for(lambda m: named in m.text and m.has_button(self.label(lang, "rolecredit.edit")),
                            timeout=WAIT)

    async def stage_staff(self) -> None:
        self.stage("staff")
        name, organisation, position = SECRETARIAT
        self.secretariat = await self.join_staff(900_001, name, "secretariat", None, organisation, position)
        self.moderators = {}
        self.moderator_names = {}
        for index, (table, (name, organisation, position)) in enumerate(MODERATORS.items()):
            self.moderators[table] = await self.join_staff(900_010 + index, name, "moderator", table, organisation,
                                                           position)
            self.moderator_names[table] = name
        # They choose to be named for their role, as the rapporteurs do: the roadmap and the minutes credit each
        # person as they chose, so both documents name them.
        named = [(self.secretariat, SECRETARIAT[0]),
                 *((self.moderators[t], self.moderator_names[t]) for t in self.moderators)]
        for user, _ in named:
            await self.credited_by_name(user)
        print(f"staff: the secretariat ({SECRETARIAT[0]}) and {len(self.moderators)} table moderators ("
              + ", ".join(f"{t}: {n}" for t, n in self.moderator_names.items()) + ") joined with their own links; "
              + ", ".join(n for _, n in named) + " chose in /profile to be named for their role")
        await self.join_translator()

    async def open_workshop_phase(self, code: str, verb: str = "Abrir") -> None:
        """The secretariat opens (or closes) a workshop-wide phase from /agenda, as in the room, unless the
        agenda's scheduler already did at its time."""
        spec = next(p for p in self.workshop.phases if p.id == code)
        label = f"{verb}: {spec.name.get('es')}"[:60]
        shown = await self.secretariat.ask("/agenda")
        if not shown.has_button(label):
            return  # the agenda did it on time by itself (the simulated clock reached the phase's time)
        await self.secretariat.press(label, message=shown)
        await self.secretariat.wait_for(lambda m: m.message_id != shown.message_id and "/phases" in m.text)

    # -- day 1: mapping --------------------------------------------------------------------------------------

    def dimension_names(self, lang: str, ids: tuple[str, ...]) -> list[str]:
        return [self.workshop.dimension(d).name.get(lang) for d in ids]

    async def send_challenge(self, delegate: Delegate, challenge: Challenge) -> None:
        user, lang = self.user(delegate), delegate.language
        await user.send_text("/challenge")
        await user.wait_for(lambda m: "?" in m.text and not m.buttons, timeout=WAIT)
        await self.say(user, challenge.text)
        await self.answer_choice(user, lang, [self.workshop.level(challenge.level).name.get(lang)], multi=False)
        await self.answer_choice(user, lang, self.dimension_names(lang, challenge.dimensions), multi=True)
        await self.choose_many(user, lang, "groups", challenge.groups)
        self.remember("challenge", challenge, await self.finish_item(user, lang, "challenge", challenge.attribution))

    async def send_practice(self, delegate: Delegate, practice: Practice) -> None:
        user, lang = self.user(delegate), delegate.language
        await user.send_text("/practice")
        await user.wait_for(lambda m: "?" in m.text and not m.buttons, timeout=WAIT)
        await self.say(user, practice.name)
        await user.ask(practice.where)
        await user.ask(practice.run_by)
        await self.say(user, practice.achieved)
        skip = self.label(lang, "item.skip")
        link_question = await user.wait_for(lambda m: m.has_button(skip), timeout=WAIT)
        if practice.link:
            await user.ask(practice.link)
        else:
            await user.press(skip, message=link_question)
        document_question = await user.wait_for(lambda m: m.has_button(skip)
                                                and m.message_id != link_question.message_id, timeout=WAIT)
        if practice.document:
            await user.send_document(practice.document, PDF, "application/pdf")
        else:
            await user.press(skip, message=document_question)
        await self.answer_choice(user, lang, [self.workshop.level(practice.level).name.get(lang)], multi=False)
        await self.answer_choice(user, lang, self.dimension_names(lang, practice.dimensions), multi=True)
        await self.choose_many(user, lang, "groups", practice.groups)
        self.remember("practice", practice, await self.finish_item(user, lang, "good_practice", practice.attribution))

    async def send_items(self, round_of) -> int:
        """Each delegate sends the challenges and good practices ``round_of(item, delegate)`` says are theirs now;
        returns how many."""
        sent = 0

        async def person(delegate: Delegate) -> None:
            nonlocal sent
            for challenge in (c for c in self.challenges if c.author == delegate.key and round_of(c, delegate)):
                await self.send_challenge(delegate, challenge)
                sent += 1
                self.step()
            for practice in (p for p in self.practices if p.author == delegate.key and round_of(p, delegate)):
                await self.send_practice(delegate, practice)
                sent += 1
                self.step()

        await self.each(person, self.people)
        return sent

    def repeats(self, item: Challenge | Practice) -> bool:
        """Says what another delegate's item says (the moderator keeps the one that came first)."""
        return item.same_as in {i.key for i in (*self.challenges, *self.practices)}

    def before_the_workshop(self, item: Challenge | Practice, delegate: Delegate) -> bool:
        """Annex I: each member country's delegates send their challenges and good practices in the days before;
        observer organisations and what repeats another's item come in the room, on day 1."""
        return delegate.country is not None and not self.repeats(item)

    async def stage_annex(self) -> None:
        """The days before: the secretariat opens Annex I and the member countries' delegates send theirs."""
        self.stage("mapping")
        await self.open_workshop_phase("annex-i")
        started = time.perf_counter()
        count = await self.send_items(self.before_the_workshop)
        print(f"Annex I, before the workshop: {count} challenges and good practices sent by the member countries' "
              f"delegates in {time.perf_counter() - started:.1f} s")

    async def stage_mapping(self) -> None:
        """Day 1: the observer organisations send theirs, then what repeats another delegate's item, as the
        recommendations do: the moderator keeps the one that came first, and the demo's translations
        (bilingual.py) are of those."""
        started = time.perf_counter()
        await self.send_items(lambda i, d: not self.before_the_workshop(i, d) and not self.repeats(i))
        await self.send_items(lambda i, d: not self.before_the_workshop(i, d) and self.repeats(i))
        groups = sum(1 for c in (*self.challenges, *self.practices) if c.groups)
        documents = sum(1 for p in self.practices if p.document)
        print(f"mapping: {len(self.challenges)} challenges and {len(self.practices)} good practices in all ({groups} "
              f"naming the groups most affected, {documents} with a document), the rest sent on day 1 in "
              f"{time.perf_counter() - started:.1f} s")

    # -- day 2: working tables -------------------------------------------------------------------------------

    async def send_recommendation(self, delegate: Delegate, item: Recommendation) -> None:
        user, lang = self.user(delegate), delegate.language
        done = self.label(lang, "item.done")
        await self.open_recommendation(delegate, user)  # (one of them from their table's group)
        await user.wait_for(lambda m: "?" in m.text and not m.buttons, timeout=WAIT)
        await self.say(user, item.action)
        await self.answer_choice(user, lang, self.dimension_names(lang, item.dimensions), multi=True)
        await self.answer_choice(user, lang, [self.label(lang, f"item.scope_{item.scope}")], multi=False)
        actors = [self.names[lang].of("stakeholders", a)[:60] for a in item.actors]
        question = await self.answer_choice(user, lang, actors, multi=True)
        await self.answer_choice(user, lang, [self.label(lang, f"item.timeframe_{item.timeframe}")], multi=False)
        for kind, keys in (("challenge", item.answers), ("practice", item.builds_on)):
            links = await user.wait_for(lambda m, seen=question.message_id: m.has_button(done)
                                        and m.message_id != seen
                                        and not any(t.startswith("✓") for t in m.button_texts), timeout=WAIT)
            ids = [self.refs[(kind, key)] for key in keys if (kind, key) in self.refs]
            await self.pick_items(user, lang, links, ids)
            question = links
        await self.choose_many(user, lang, "crosscutting", item.crosscutting)
        await self.choose_many(user, lang, "groups", item.groups)
        self.remember("recommendation", item, await self.finish_item(user, lang, "recommendation", item.attribution))

    async def stage_tables(self) -> None:
        """Each moderator opens table work; members send recommendations for their table's level."""
        self.stage("tables")
        tables_phase = next(p for p in self.workshop.phases if p.kind == "tables")
        for moderator in self.moderators.values():
            label = self.texts.plain("es", "ph.btn_open", phase=tables_phase.name.get("es"))
            shown = await moderator.ask("/phases")
            if not shown.has_button(label):
                continue  # the agenda opened it at its time, before the moderator pressed
            await moderator.press(label, message=shown)
            await moderator.wait_for(lambda m: "⏹" in " ".join(m.button_texts), timeout=WAIT)
        started = time.perf_counter()

        async def send(item: Recommendation) -> None:
            await self.send_recommendation(self.by_key[item.author], item)
            self.step()

        # Where two say the same thing, the first written is sent first: the moderator keeps the one that came
        # first, and the demo's translations (bilingual.py) are of those.
        sent = {r.key for r in self.recommendations}
        await self.each(send, [r for r in self.recommendations if r.same_as not in sent])
        await self.each(send, [r for r in self.recommendations if r.same_as in sent])
        linked = sum(1 for r in self.recommendations if r.answers or r.builds_on)
        print(f"tables: table work opened at its time; {len(self.recommendations)} recommendations sent "
              f"({linked} linked to the challenges they answer or the practices they build on) "
              f"in {time.perf_counter() - started:.1f} s; {self.from_group()}")
        moderator = self.moderators["A"]
        await moderator.ask("/announce")
        await self.say(moderator, phrases.ANNOUNCEMENT)
        report = await moderator.wait_for(lambda m: m.text.startswith("Tu mensaje llegó"), timeout=60)
        self.step()
        print(f"announcement to table A: {report.text}")

    # -- moderation and the rapporteurs --------------------------------------------------------------------------

    async def review_table(self, code: str, moderator: SimulatedUser) -> dict[str, int]:
        """The moderator steps through what arrived: merges what says the same thing as an item already approved
        (from the duplicate finder's suggestions, or by picking it), rejects what is not an item, approves the rest."""
        done_text = self.label("es", "mod.review_done")
        approve, reject = self.label("es", "mod.btn_approve"), self.label("es", "mod.btn_reject")
        merge_other = self.label("es", "mod.btn_merge_other")
        await moderator.send_text("/mod")
        dashboard = await moderator.wait_for(lambda m: any(t.startswith("📋") for t in m.button_texts), timeout=WAIT)
        await moderator.press(next(t for t in dashboard.button_texts if t.startswith("📋")), message=dashboard)
        tally = {"merged": 0, "suggested": 0, "approved": 0, "rejected": 0}
        approved: dict[tuple[str, str], int] = {}   # a set of near-duplicates -> the item kept
        while True:
            card = await moderator.wait_for(lambda m: m.has_button(approve) or m.text == done_text, timeout=WAIT)
            if card.text == done_text:
                break
            item_id = self.ref_in(card.text)
            entry = self.sent.get(item_id) if item_id is not None else None
            group = self.group(item_id) if item_id is not None else None
            survivor = approved.get(group) if group else None
            kept = self.ref(survivor, "es") if survivor is not None else None  # as the moderator sees it
            suggested = self.label("es", "mod.btn_merge_into", ref=kept) if kept else None
            if isinstance(entry, Challenge) and entry.reject:
                await moderator.press(reject, message=card)
                await moderator.next_message()
                await self.say(moderator, entry.reject)
                tally["rejected"] += 1
            elif suggested and card.has_button(suggested):
                await moderator.press(suggested, message=card)
                tally["merged"] += 1
                tally["suggested"] += 1
                self.merged[item_id] = survivor
            elif kept:
                await moderator.press(merge_other, message=card)
                asked = self.opening("es", "mod.pick_survivor", ref="\0")
                pick = await moderator.wait_for(lambda m, a=asked: m.text.startswith(a), timeout=WAIT)
                if not any(t.startswith(f"{kept} ·") for t in pick.button_texts):
                    await moderator.send_text(kept)  # not on the first page: the moderator types its reference
                    pick = await moderator.wait_for(lambda m, r=kept: any(t.startswith(f"{r} ·")
                                                                         for t in m.button_texts), timeout=WAIT)
                await moderator.press(next(t for t in pick.button_texts if t.startswith(f"{kept} ·")),
                                      message=pick)
                tally["merged"] += 1
                self.merged[item_id] = survivor
            else:
                await moderator.press(approve, message=card)
                tally["approved"] += 1
                if group and item_id is not None:
                    approved.setdefault(group, item_id)
            self.step()
            await moderator.wait_for(lambda m, c=card: m.message_id != c.message_id and (
                m.has_button(approve) or m.text == done_text), timeout=WAIT)
        return tally

    async def consolidate(self, code: str, moderator: SimulatedUser) -> tuple[str, str | None]:
        """The moderator names the table's rapporteur, who drafts the table's recommendation from members' ones."""
        plan = next((c for c in phrases.CONSOLIDATIONS if c.table == code), None)
        await moderator.send_text("/mod")
        rapporteur_button = self.label("es", "mod.btn_rapporteur")
        dashboard = await moderator.wait_for(lambda m: m.has_button(rapporteur_button), timeout=WAIT)
        await moderator.press(rapporteur_button, message=dashboard)
        pick = await moderator.wait_for(lambda m: "relator/a de" in m.text and m.buttons, timeout=WAIT)
        wanted = self.by_key.get(plan.rapporteur) if plan else None
        button = next((t for t in pick.button_texts if wanted and t.lstrip("★ ").strip() == wanted.name),
                      pick.button_texts[0])
        name = button.lstrip("★ ").strip()
        delegate = next(d for d in self.people if d.table == code and d.name == name)
        self.rapporteurs[code] = delegate
        await moderator.press(button, message=pick)
        user, lang = self.user(delegate), delegate.language
        await user.wait_for(lambda m: "/rapporteur" in m.text, timeout=WAIT)
        await self.credited_by_name(user, lang)  # they write the synthesis: the roadmap names them for it
        sources = [self.refs[("recommendation", key)] for key in (plan.sources if plan else ())
                   if ("recommendation", key) in self.refs]
        sources = [i for i in sources if i not in self.merged]  # (what was merged is on another card)
        self.step()
        if plan is None or len(sources) < 2:
            return delegate.name, None
        desk_button = self.label(lang, "rap.btn_from")
        await user.send_text("/rapporteur")
        desk = await user.wait_for(lambda m: m.has_button(desk_button), timeout=WAIT)
        await user.press(desk_button, message=desk)
        choose = await user.wait_for(lambda m: m.has_button(self.label(lang, "rap.btn_done")), timeout=WAIT)
        for source in sources:
            ref = self.ref(source, lang)  # as the rapporteur sees it
            button = next((t for t in choose.button_texts if t.startswith(f"{ref} ·")), None)
            if button is None:
                continue
            await user.press(button, message=choose)
            choose = await user.wait_for(lambda m, r=ref: any(r in t and not t.startswith(f"{r} ·")
                                                              for t in m.button_texts), timeout=WAIT)
        await user.press(self.label(lang, "rap.btn_done"), message=choose)
        await user.wait_for(lambda m: not m.buttons and ("caracteres" in m.text or "characters" in m.text),
                            timeout=WAIT)
        dims = await self.say(user, plan.text)
        await user.press(self.label(lang, "rap.btn_save"), message=dims)
        saved = await user.wait_for(lambda m: self.ref_in(m.text) is not None and not m.buttons, timeout=WAIT)
        item_id = self.ref_in(saved.text)
        self.sent[item_id] = plan
        self.kinds[item_id] = "recommendation"
        self.absorbed.update((source, item_id) for source in sources)
        self.refs[("table", code)] = item_id
        return delegate.name, self.told(item_id)

    async def stage_moderation(self) -> None:
        """The three moderators review their tables at the same time, then name their rapporteurs."""
        self.stage("moderation")
        early = await self.translate_arrivals()
        print(f"translator: gave {plural(early, 'near-duplicate')} {'its' if early == 1 else 'their'} other "
              f"language as {'it' if early == 1 else 'they'} came in, before the moderators merged them (the "
              f"roadmap's annex quotes every contribution)")

        async def table(code: str) -> str:
            moderator = self.moderators[code]
            tally = await self.review_table(code, moderator)
            rapporteur, drafted = await self.consolidate(code, moderator)
            merged = f"{tally['merged']} merged ({tally['suggested']} as the duplicate finder suggested)"
            draft = (f"rapporteur {rapporteur} drafted the table's recommendation {drafted}" if drafted
                     else f"rapporteur {rapporteur}")
            return (f"table {code}: {merged}, {tally['approved']} approved, {tally['rejected']} rejected; "
                    + draft)

        lines = await asyncio.gather(*(table(code) for code in self.moderators))
        print("moderation: " + "; ".join(lines))

    # -- plenary and joint reading ----------------------------------------------------------------------------

    def position(self, lang: str, text: str) -> tuple[int, int]:
        """(n, total) from a card's "Recommendation n of total"."""
        pattern = re.escape(self.label(lang, "plenary.position", n="\0", total="\1"))
        pattern = pattern.replace(re.escape("\0"), r"(\d+)").replace(re.escape("\1"), r"(\d+)")
        found = re.search(pattern, text)
        return (int(found.group(1)), int(found.group(2))) if found else (1, 1)

    def shown_as(self, item_id: int | None) -> int | None:
        """The card a recommendation is on in the plenary: its own, or the one it was merged into or taken in by."""
        while item_id in self.merged or item_id in self.absorbed:
            item_id = self.merged.get(item_id) or self.absorbed[item_id]
        return item_id

    def target(self, on: str) -> int | None:
        """The card of a comment's recommendation (``@A``: table A's own), if it was sent."""
        return self.shown_as(self.refs.get(("table", on[1:])) if on.startswith("@")
                             else self.refs.get(("recommendation", on)))

    def dot_choices(self, index: int) -> set[int]:
        """The cards a person gives their dots to: a few of those the room most wants (``priority``), a different
        draw for each person, the same every run; 3 to 5 dots each, within the workshop's allowance."""
        cards = {}
        for (kind, _), item_id in self.refs.items():
            shown = self.shown_as(item_id)
            entry = self.sent.get(shown)
            if kind in ("recommendation", "table") and shown and isinstance(entry, Recommendation | Consolidation):
                cards[shown] = entry.priority ** 2
        draw, chosen = random.Random(index), set()
        count = min(3 + index % 3, self.workshop.plenary_votes)
        while len(chosen) < count and any(w for r, w in cards.items() if r not in chosen):
            left = [(r, w) for r, w in cards.items() if r not in chosen and w]
            chosen.add(draw.choices([r for r, _ in left], weights=[w for _, w in left])[0])
        return chosen

    async def comment(self, delegate: Delegate, item_id: int, text: str) -> bool:
        """Walk the cards to one recommendation and comment on it."""
        user, lang = self.user(delegate), delegate.language
        support = self.label(lang, "plenary.support")
        await user.send_text("/plenary")
        card = await user.wait_for(lambda m: m.has_button(support), timeout=WAIT)
        while self.ref_in(card.text) != item_id:
            if not card.has_button("▶"):
                return False
            card = await self.tap(user, card, "▶")
        await user.press(self.label(lang, "plenary.comment"), message=card)
        await user.next_message()
        await self.say(user, text)
        await user.wait_for(lambda m: m.has_button(support), timeout=WAIT)  # the bot goes on at the next card
        return True

    def co_author(self, delegate: Delegate, item_id: int | None) -> bool:
        """Whether the delegate's delegation (country, else organisation) sent the card or an item merged or taken
        into it: the roadmap credits the card to that delegation, so an objection from it would read as a country
        objecting to its own recommendation."""
        ids = {item_id} | {other for other in (*self.merged, *self.absorbed) if self.shown_as(other) == item_id}
        authors = (self.by_key.get(getattr(self.sent.get(other), "author", None)) for other in ids)
        own = delegate.country or delegate.organisation
        return any(author and (author.country or author.organisation) == own for author in authors)

    async def object(self, delegate: Delegate, card: BotMessage, item_id: int | None) -> BotMessage:
        """Object to a card, giving the reason the bot asks for; returns the card it carries on at."""
        user, lang = self.user(delegate), delegate.language
        await user.press(self.label(lang, "plenary.object"), message=card)
        await user.next_message()
        ref = self.ref(item_id, lang) if item_id in self.kinds else None
        entry = self.sent.get(item_id)
        card_key = f"@{entry.table}" if isinstance(entry, Consolidation) else getattr(entry, "key", None)
        await self.say(user, self.objection_reason(delegate, ref, card_key))
        support = self.label(lang, "plenary.support")
        return await user.wait_for(lambda m: m.has_button(support) and m.message_id != card.message_id, timeout=WAIT)

    async def take_part(self, index: int, delegate: Delegate) -> None:
        """One person's plenary: their comments, then a few cards read closely (support or object, dots)."""
        for comment in (c for c in phrases.COMMENTS if c.author == delegate.key):
            item_id = self.target(comment.on)
            if item_id is not None:
                await self.comment(delegate, item_id, comment.text)
        user, lang = self.user(delegate), delegate.language
        support = self.label(lang, "plenary.support")
        await user.send_text("/plenary")
        card = await user.wait_for(lambda m: m.has_button(support), timeout=WAIT)
        _, total = self.position(lang, card.text)
        first = (index * WINDOW) % max(1, total - WINDOW + 1)
        window = set(range(first, min(total, first + WINDOW)))
        dots = self.dot_choices(index)
        pending = set(dots)
        for place in range(total):
            item_id = self.ref_in(card.text)
            moved = False
            if place in window or item_id in dots:
                entry = self.sent.get(item_id)
                contested = isinstance(entry, Recommendation) and entry.contested
                objects = item_id not in dots and not self.co_author(delegate, item_id) and (
                    (contested and index % 3 != 0) or (index + place) % 13 == 0)
                if objects:  # an objection asks for its reason, then the bot shows the next card
                    card, moved = await self.object(delegate, card, item_id), True
                else:
                    card = await self.tap(user, card, self.label(lang, "plenary.support"))
                if item_id in dots and self.label(lang, "plobj.own_item") not in card.text:  # none on one's own
                    card = await self.tap(user, card, self.label(lang, "plenary.vote_up"))
                pending.discard(item_id)
            if (place >= max(window) and not pending) or place == total - 1:
                break
            if not moved:
                card = await self.tap(user, card, "▶")
        self.step()

    async def stage_plenary(self) -> None:
        """Everyone comments where they had something to say and reads a few cards closely; the vote stays open
        for the floor's amendments (``stage_floor`` closes it)."""
        self.stage("plenary")
        await self.open_workshop_phase("plenary")
        started = time.perf_counter()
        await self.each(lambda pair: self.take_part(*pair), list(enumerate(self.people)))
        votes, stances, comments = await self.storage.plenary_totals(self.workshop_id)
        print(f"plenary: {plural(votes, 'dot')}, {plural(stances, 'support or objection', 'supports or objections')}, "
              f"{plural(comments, 'comment')} in {time.perf_counter() - started:.1f} s")

    async def stage_reading(self) -> None:
        """The joint reading, most supported first: one recommendation amended, one set aside, the rest adopted."""
        self.stage("reading")
        await self.open_workshop_phase("joint-reading")
        sara = self.secretariat
        await sara.send_text("/reading")  # the reading's list, then the first card
        card = await sara.wait_for(lambda m: m.has_button("Adoptar"), timeout=WAIT)
        position, amended, set_aside = 0, False, False
        while True:
            entry = self.sent.get(self.ref_in(card.text))
            typed = None
            if isinstance(entry, Recommendation) and entry.amend and not amended:
                typed, amended = ("Adoptar con enmiendas", entry.amend), True
            elif isinstance(entry, Recommendation) and entry.set_aside and not set_aside:
                typed, set_aside = ("Descartar", (entry.set_aside,)), True
            if typed:
                button, answers = typed  # an amendment: its text, then the reason asked next
                await sara.press(button, message=card)
                await sara.next_message()
                for words in answers:
                    await self.say(sara, words)
                card = await sara.wait_for(lambda m, n=position + 2: m.has_button("Adoptar") and (
                    f"Recomendación {n} de" in m.text or not m.has_button("▶")), timeout=WAIT)  # the next card
            else:  # adopted: the same message goes on to the next card (or, the last, shows it adopted)
                await sara.press("Adoptar", message=card)
                card = await sara.wait_for(lambda m, c=card, n=position + 2: m.message_id == c.message_id
                                           and "adoptada" in m.text
                                           and (f"Recomendación {n} de" in m.text or not m.has_button("▶")),
                                           timeout=WAIT)
            self.step()
            if f"Recomendación {position + 2} de" not in card.text:
                break  # that was the last one
            position += 1
        outcomes = await self.storage.recommendations_by_status(self.workshop_id)
        print("joint reading: " + ", ".join(f"{n} {OUTCOME_WORDS.get(status, status.replace('_', ' '))}"
                                            for status, n in outcomes))

    # -- close and documents ------------------------------------------------------------------------------------

    async def stage_close(self, out: Path) -> None:
        """Closing makes the roadmap final and sends it to everyone in their language."""
        self.stage("close")
        sara = self.secretariat
        await sara.ask("/close")
        await sara.press("Sí, cerrar el taller")
        report = await sara.wait_for(lambda m: "Hoja de ruta final enviada" in m.text, timeout=300)
        for delegate in self.people:
            received = self.user(delegate).messages[-1].document
            if received:
                (out / f"roadmap-{delegate.language}.pdf").write_bytes(received["content"])
        self.step()
        print(f"close: {report.text}")

    async def download(self, user: SimulatedUser, command: str, button: str, target: Path) -> Path:
        """Ask the bot for a document as the secretariat would, and keep the file it sends."""
        await user.ask(command)
        await user.press(button)
        received = await user.wait_for(lambda m: m.document is not None, timeout=120)
        target.write_bytes(received.document["content"])
        self.step()
        return target

    async def stage_documents(self, out: Path) -> list[tuple[Path, str]]:
        """The secretariat downloads the final roadmap, each table's minutes and the data: (file, what it is)."""
        self.stage("documents")
        sara = self.secretariat
        written = [
            (await self.download(sara, "/roadmap", "Español", out / "roadmap-es.pdf"), "the roadmap, in Spanish"),
            (await self.download(sara, "/roadmap", "English", out / "roadmap-en.pdf"), "the roadmap, in English"),
        ]
        for table in self.workshop.tables:
            for lang in ("es", "en"):
                button = f"{table.name.get(lang)} · {lang.upper()}"
                path = await self.download(sara, "/minutes", button, out / f"minutes-{table.id}-{lang}.pdf")
                written.append((path, f"minutes of {table.name.get('en')} ({table.level}), "
                                      f"{'in Spanish' if lang == 'es' else 'in English'}"))
        for form, extension in (("CSV", "zip"), ("XLSX", "xlsx"), ("JSON", "json")):
            path = await self.download(sara, "/export", f"{form} · ES", out / f"data.{extension}")
            written.append((path, f"all the data as {form}"))
        return written


def plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else many or one + 's'}"


def summary(written: list[tuple[Path, str]], database: Path, seconds: float, demo: Demo) -> str:
    """The end of the story: what was played, in how long, and where the files are."""
    files = [*written, (database, "the bot's database (SQLite)")]
    width = max(len(str(path)) for path, _ in files)
    repeated = len(demo.typed) - len(set(demo.typed))
    different = "no two alike" if not repeated else f"{repeated} repeated"
    lines = [f"demo finished in {seconds:.0f} s: {len(demo.people)} people, {len(demo.challenges)} challenges, "
             f"{len(demo.practices)} good practices, {len(demo.recommendations)} recommendations, "
             f"{len(demo.typed)} sentences typed ({different})", "written:"]
    for path, what in files:
        size = path.stat().st_size if path.exists() else 0
        lines.append(f"  {path!s:<{width}}  {max(1, round(size / 1024)):>5} KB  {what}")
    return "\n".join(lines)


async def main(out: Path, people: int | None = None) -> int:
    logging.getLogger().setLevel(logging.WARNING)  # the demo prints its own story
    started = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    database = out / "demo.sqlite3"
    for stale in out.glob("demo.sqlite3*"):
        stale.unlink()
    workshop = held_today(load_workshop(EXAMPLE_FILE))
    phase = {p.id: p for p in workshop.phases}
    day = dt.timedelta(days=1)
    clock = SimulatedClock(workshop.zone, phase["annex-i"].opens - 2 * day + dt.timedelta(hours=1))
    storage = Storage(database)
    storage.stamp_with(clock)
    async with storage:
        workshop_id = await storage.save_workshop(workshop)
    print(f"workshop: {workshop.title.get('en')} ({workshop.place.get('en')}), {len(workshop.tables)} tables, "
          f"{workshop.start_date:%d}-{workshop.end_date:%d %B %Y}, played on a simulated clock; store {database}")
    async with BotApiEmulator(token="123456:DEMO-TOKEN", bot_username=BOT_USERNAME) as emulator, \
            DemoTranslator(known_translations() | floor.known_translations()) as service:
        settings = offline_settings(emulator, database, translation_url=service.url)
        async with OfflineBot(settings, clock) as bot:
            demo = Demo(emulator, bot, workshop, workshop_id, people)
            demo.translator_service = service
            with Tracker(demo.budgets()) as tracker:
                demo.tracker = tracker
                # Two days before Annex I opens: invitations, registration, the staff and the tables' groups.
                clock.at(clock.local(), phase["annex-i"].opens, speed=600)
                await demo.stage_registration()
                await demo.stage_staff()
                await demo.stage_groups()
                # Annex I, in the days before the workshop (an hour of the event a second of the run).
                clock.at(phase["annex-i"].opens, phase["annex-i"].closes, speed=3600)
                await demo.stage_annex()
                clock.at(phase["annex-i"].closes)
                await demo.open_workshop_phase("annex-i", "Cerrar")
                # Day 1: the participatory dialogue.
                clock.at(phase["mapping"].opens, phase["mapping"].closes, speed=120)
                await demo.open_workshop_phase("mapping")
                await demo.stage_mapping()
                clock.at(phase["mapping"].closes)
                await demo.open_workshop_phase("mapping", "Cerrar")
                # Day 2: the working tables (the moderators merge and their rapporteurs draft in the session),
                # the syntheses over lunch, the plenary, the joint reading, then next steps and the close.
                clock.at(phase["tables"].opens, phase["tables"].closes, speed=60)
                await demo.stage_tables()
                await demo.stage_moderation()
                clock.at(phase["tables"].closes, phase["plenary"].opens, speed=60)
                await demo.stage_syntheses()
                clock.at(phase["plenary"].opens, phase["plenary"].closes, speed=60)
                await demo.stage_plenary()
                await demo.stage_floor()  # (it closes the plenary's vote)
                clock.at(phase["joint-reading"].opens, phase["joint-reading"].closes, speed=30)
                await demo.stage_reading()
                after = phase["joint-reading"].closes
                clock.at(after, after + dt.timedelta(minutes=15), speed=30)
                await demo.stage_translations()
                await demo.stage_workshop_texts()
                await demo.stage_commitments()
                clock.at(after + dt.timedelta(minutes=15), after + dt.timedelta(minutes=40), speed=30)
                await demo.stage_close(out)
                written = await demo.stage_documents(out)
                await demo.groups_received()
                written += await demo.stage_followup(out)
                tracker.finish()
        sent = len(emulator.calls("sendMessage")) + len(emulator.calls("editMessageText"))
        print(f"bot API: {len(emulator.requests)} requests, {sent} messages shown to people")
    print(summary(written, database, time.perf_counter() - started, demo))
    return 0
