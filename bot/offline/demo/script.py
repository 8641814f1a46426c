"""The demo workshop, stage by stage, through the real bot: every step is a person tapping and typing.

Each stage prints what it did, so a newcomer running ``make demo`` sees the workshop unfold.
"""

from __future__ import annotations

import asyncio
import logging
import time
from pathlib import Path

from bot.domain import lifecycle
from bot.domain.invitations import new_token
from bot.domain.workshop_file import EXAMPLE_FILE, Workshop, load_workshop
from bot.i18n import Texts
from bot.offline.demo.cast import Delegate, cast
from bot.offline.demo.phrases import CHALLENGES, PRACTICES, RECOMMENDATIONS
from bot.offline.emulator import BotApiEmulator, SimulatedUser
from bot.offline.runner import OfflineBot, offline_settings
from bot.storage import Storage

BOT_USERNAME = "crm_workshop_demo_bot"
CONCURRENCY = 8  # people acting at the same time
# The demo tells its story in English: the joint reading's outcomes in words, not as stored.
OUTCOME_WORDS = {lifecycle.ADOPTED: "adopted", lifecycle.ADOPTED_AMENDED: "adopted as amended",
                 lifecycle.SET_ASIDE: "set aside"}


class Demo:
    def __init__(self, emulator: BotApiEmulator, bot: OfflineBot, workshop: Workshop, workshop_id: int,
                 people: int | None = None) -> None:
        self.emulator = emulator
        self.bot = bot
        self.workshop = workshop
        self.workshop_id = workshop_id
        self.people = cast([c.id for c in workshop.countries], [o.id for o in workshop.organisations
                                                                   if o.kind != "secretariat"],
                           [t.id for t in workshop.tables])[:people]
        self.users: dict[int, SimulatedUser] = {}
        self.texts = Texts()

    @property
    def storage(self) -> Storage:
        return self.bot.storage

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

    async def join_staff(self, telegram_id: int, name: str, role: str, table: str | None, organisation: str,
                         language: str = "es") -> SimulatedUser:
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
        notice = await user.ask("Moderación" if role == "moderator" else "Secretaría técnica")
        await user.press(notice.buttons[0][0][0], message=notice)
        await user.wait_for(lambda m: "/help" in m.text or "registro está completo" in m.text
                            or "registration is complete" in m.text)
        return user

    async def stage_staff(self) -> None:
        self.secretariat = await self.join_staff(900_001, "Paula Secretaría", "secretariat", None, "se-crm")
        moderators = {"A": ("Marta Moderadora", "se-crm"), "B": ("Olga Moderadora", "iom"),
                      "C": ("Iván Moderador", "ilo")}
        self.moderators = {}
        for index, (table, (name, organisation)) in enumerate(moderators.items()):
            self.moderators[table] = await self.join_staff(900_010 + index, name, "moderator", table, organisation)
        print(f"staff: the secretariat and {len(self.moderators)} table moderators joined with their own links")

    def label(self, lang: str, key: str) -> str:
        return self.texts.plain(lang, key)

    async def answer_choice(self, user: SimulatedUser, lang: str, labels: list[str], multi: bool) -> None:
        """Press the buttons named, on the question that shows them; then Done for a multiple choice."""
        question = await user.wait_for(lambda m: all(m.has_button(label) for label in labels), timeout=30)
        for label in labels:
            await user.press(label, message=question)
            if multi:
                await user.wait_for(lambda m, label=label: m.message_id == question.message_id
                                    and f"✓ {label}" in m.button_texts, timeout=30)
        if multi:
            await user.press(self.label(lang, "item.done"), message=question)

    async def finish_item(self, user: SimulatedUser, lang: str, attribution: str) -> None:
        await self.answer_choice(user, lang, [self.label(lang, f"item.attribution_{attribution}")], multi=False)
        summary = await user.wait_for(lambda m: m.has_button(self.label(lang, "item.send")), timeout=30)
        await user.press(self.label(lang, "item.send"), message=summary)
        await user.wait_for(lambda m: "C-" in m.text or "G-" in m.text or "R-" in m.text, timeout=30)

    def dims(self, lang: str, index: int) -> list[str]:
        names = [d.name.get(lang) for d in self.workshop.dimensions]
        return [names[index % len(names)]] + ([names[(index + 1) % len(names)]] if index % 2 else [])

    async def send_challenge(self, delegate: Delegate, index: int, level: str, text: str) -> None:
        user, lang = self.user(delegate), delegate.language
        await user.send_text("/challenge")
        await user.wait_for(lambda m: "?" in m.text and not m.buttons, timeout=30)
        await user.ask(text)
        await self.answer_choice(user, lang, [self.workshop.level(level).name.get(lang)], multi=False)
        await self.answer_choice(user, lang, self.dims(lang, index), multi=True)
        none = self.label(lang, "item.none")
        question = await user.wait_for(lambda m: m.has_button(none), timeout=30)
        await user.press(none, message=question)
        await self.finish_item(user, lang, ("named", "country", "anonymous")[index % 3])

    async def send_practice(self, delegate: Delegate, index: int, practice: tuple[str, str, str, str]) -> None:
        user, lang = self.user(delegate), delegate.language
        await user.send_text("/practice")
        await user.wait_for(lambda m: "?" in m.text and not m.buttons, timeout=30)
        for answer in practice:
            await user.ask(answer)
        skip = self.label(lang, "item.skip")
        await user.wait_for(lambda m: m.has_button(skip), timeout=30)
        await user.ask(f"https://example.org/practice/{index}")
        await user.wait_for(lambda m: m.has_button(skip), timeout=30)
        await user.send_document(f"practice-{index}.pdf", b"%PDF-1.4\n%demo document\n%%EOF\n", "application/pdf")
        level = self.workshop.levels[index % len(self.workshop.levels)]
        await self.answer_choice(user, lang, [level.name.get(lang)], multi=False)
        await self.answer_choice(user, lang, self.dims(lang, index), multi=True)
        await self.finish_item(user, lang, ("country", "named", "anonymous")[index % 3])

    async def stage_mapping(self) -> None:
        challenges = practices = 0
        jobs = []
        for index, delegate in enumerate(self.people):
            level = self.workshop.levels[index % len(self.workshop.levels)].id
            options = CHALLENGES[level][delegate.language]
            jobs.append((delegate, index, "challenge", level, options[index % len(options)]))
            jobs.append((delegate, index, "practice", level, None))

        async def run(job) -> None:
            nonlocal challenges, practices
            delegate, index, kind, level, text = job
            if kind == "challenge":
                await self.send_challenge(delegate, index, level, text)
                challenges += 1
            else:
                options = PRACTICES[delegate.language]
                await self.send_practice(delegate, index, options[index % len(options)])
                practices += 1

        started = time.perf_counter()
        by_person: dict[int, list] = {}
        for job in jobs:
            by_person.setdefault(job[0].telegram_id, []).append(job)

        async def person_jobs(person_jobs_list) -> None:
            for job in person_jobs_list:
                await run(job)

        await self.each(person_jobs, list(by_person.values()))
        print(f"mapping: {challenges} challenges and {practices} good practices (each with a document) sent "
              f"through the bot in {time.perf_counter() - started:.1f} s")

    async def open_workshop_phase(self, code: str, verb: str = "Abrir") -> None:
        """The secretariat opens (or closes) a workshop-wide phase from /agenda, as in the room."""
        spec = next(p for p in self.workshop.phases if p.id == code)
        label = f"{verb}: {spec.name.es}"[:60]
        shown = await self.secretariat.ask("/agenda")
        await self.secretariat.press(label, message=shown)
        await self.secretariat.wait_for(lambda m: m.message_id != shown.message_id and "/phases" in m.text)

    async def send_recommendation(self, delegate: Delegate, index: int, text: str) -> None:
        user, lang = self.user(delegate), delegate.language
        done = self.label(lang, "item.done")
        await user.send_text("/recommend")
        await user.wait_for(lambda m: "?" in m.text and not m.buttons, timeout=30)
        await user.ask(text)
        await self.answer_choice(user, lang, self.dims(lang, index), multi=True)
        scope = "national" if index % 2 else "regional"
        await self.answer_choice(user, lang, [self.label(lang, f"item.scope_{scope}")], multi=False)
        actors = await user.wait_for(lambda m: m.has_button(done) and len(m.buttons) > 5, timeout=30)
        await self.answer_choice(user, lang, actors.button_texts[index % 3: index % 3 + 2], multi=True)
        timeframe = ("short", "medium", "long")[index % 3]
        await self.answer_choice(user, lang, [self.label(lang, f"item.timeframe_{timeframe}")], multi=False)
        for _ in ("challenges", "practices"):
            links = await user.wait_for(lambda m, seen=actors.message_id: m.has_button(done) and m.message_id != seen
                                        and not any(t.startswith("✓") for t in m.button_texts), timeout=30)
            refs = [t for t in links.button_texts if t[:2] in ("C-", "G-")]
            await self.answer_choice(user, lang, refs[:1], multi=True)
            actors = links
        none = self.label(lang, "item.none")
        cross = await user.wait_for(lambda m: m.has_button(none), timeout=30)
        await user.press(cross.button_texts[index % 4], message=cross)
        await user.wait_for(lambda m: m.message_id == cross.message_id and any(
            t.startswith("✓") for t in m.button_texts), timeout=30)
        await user.press(done, message=cross)
        await self.finish_item(user, lang, ("named", "country", "anonymous")[index % 3])

    async def stage_tables(self) -> None:
        """Each moderator opens table work; members send recommendations for their table's level."""
        tables_phase = next(p for p in self.workshop.phases if p.kind == "tables")
        for moderator in self.moderators.values():
            label = self.texts.plain("es", "ph.btn_open", phase=tables_phase.name.es)
            shown = await moderator.ask("/phases")
            await moderator.press(label, message=shown)
            await moderator.wait_for(lambda m: "⏹" in " ".join(m.button_texts), timeout=30)
        started = time.perf_counter()
        senders = list(enumerate(self.people))

        async def send(pair) -> None:
            index, delegate = pair
            level = self.workshop.table(delegate.table).level
            await self.send_recommendation(delegate, index, RECOMMENDATIONS[level][delegate.language])

        await self.each(send, senders)
        print(f"tables: the 3 moderators opened table work; {len(senders)} recommendations sent "
              f"in {time.perf_counter() - started:.1f} s")
        moderator = self.moderators["A"]
        await moderator.ask("/announce")
        await moderator.ask("Quedan 15 minutos: revisen sus recomendaciones antes de la plenaria.")
        report = await moderator.wait_for(lambda m: m.text.startswith("Tu mensaje llegó"), timeout=60)
        print(f"announcement to table A: {report.text}")

    async def review_table(self, code: str, moderator: SimulatedUser) -> dict[str, int]:
        """The moderator steps through what arrived: merges duplicates, rejects one, approves the rest."""
        done_text = self.label("es", "mod.review_done")
        approve, reject = self.label("es", "mod.btn_approve"), self.label("es", "mod.btn_reject")
        await moderator.send_text("/mod")
        dashboard = await moderator.wait_for(lambda m: any(t.startswith("📋") for t in m.button_texts), timeout=30)
        await moderator.press(next(t for t in dashboard.button_texts if t.startswith("📋")), message=dashboard)
        tally = {"merged": 0, "approved": 0, "rejected": 0}
        while True:
            card = await moderator.wait_for(lambda m: m.has_button(approve) or m.text == done_text, timeout=30)
            if card.text == done_text:
                break
            merge = next((t for t in card.button_texts if t.startswith("🔗") and "R-" in t), None)
            if merge and tally["merged"] < 3:
                await moderator.press(merge, message=card)
                tally["merged"] += 1
            elif tally["rejected"] == 0 and tally["approved"] >= 1:
                await moderator.press(reject, message=card)
                await moderator.next_message()
                await moderator.ask("Fuera del nivel de la mesa")
                tally["rejected"] += 1
            else:
                await moderator.press(approve, message=card)
                tally["approved"] += 1
            await moderator.wait_for(lambda m, c=card: m.message_id != c.message_id and (
                m.has_button(approve) or m.text == done_text), timeout=30)
        return tally

    async def consolidate(self, code: str, moderator: SimulatedUser) -> str:
        """The moderator names a rapporteur, who drafts the table's recommendation from members' items."""
        await moderator.send_text("/mod")
        rapporteur_button = self.label("es", "mod.btn_rapporteur")
        dashboard = await moderator.wait_for(lambda m: m.has_button(rapporteur_button), timeout=30)
        await moderator.press(rapporteur_button, message=dashboard)
        pick = await moderator.wait_for(lambda m: "relator/a de" in m.text and m.buttons, timeout=30)
        name = pick.button_texts[0].lstrip("★ ").strip()
        delegate = next(d for d in self.people if d.table == code and d.name == name)
        await moderator.press(pick.button_texts[0], message=pick)
        user, lang = self.user(delegate), delegate.language
        await user.wait_for(lambda m: "/rapporteur" in m.text, timeout=30)
        desk_button = self.label(lang, "rap.btn_from")
        await user.send_text("/rapporteur")
        desk = await user.wait_for(lambda m: m.has_button(desk_button), timeout=30)
        await user.press(desk_button, message=desk)
        choose = await user.wait_for(lambda m: m.has_button(self.label(lang, "rap.btn_done")), timeout=30)
        for ref in [t for t in choose.button_texts if "R-" in t][:2]:
            await user.press(ref, message=choose)
            choose = await user.wait_for(lambda m, r=ref: any(r in t and t != r for t in m.button_texts), timeout=30)
        await user.press(self.label(lang, "rap.btn_done"), message=choose)
        await user.wait_for(lambda m: not m.buttons and ("caracteres" in m.text or "characters" in m.text),
                            timeout=30)
        level = self.workshop.table(code).level
        suffix = " (recomendación de la mesa)" if lang == "es" else " (table recommendation)"
        text = RECOMMENDATIONS[level][lang] + suffix
        dims = await user.ask(text)
        await user.press(self.label(lang, "rap.btn_save"), message=dims)
        await user.wait_for(lambda m: "R-" in m.text and not m.buttons, timeout=30)
        return delegate.name

    async def stage_moderation(self) -> None:
        lines = []
        for code, moderator in self.moderators.items():
            tally = await self.review_table(code, moderator)
            rapporteur = await self.consolidate(code, moderator)
            lines.append(f"table {code}: {tally['merged']} merged, {tally['approved']} approved, "
                         f"{tally['rejected']} rejected; rapporteur {rapporteur} drafted the table's recommendation")
        print("moderation: " + "; ".join(lines))

    async def stage_plenary(self) -> None:
        """Everyone walks the cards: supports some, objects to a few, places dots, comments now and then."""
        await self.open_workshop_phase("plenary")

        async def take_part(pair) -> None:
            index, delegate = pair
            user, lang = self.user(delegate), delegate.language
            support = self.label(lang, "plenary.support")
            await user.send_text("/plenary")
            card = await user.wait_for(lambda m: m.has_button(support), timeout=30)
            for step in range(5):
                stance = "plenary.object" if (index + step) % 5 == 0 else "plenary.support"
                await user.press(self.label(lang, stance), message=card)
                await user.wait_for_callback_answer()
                if (index + step) % 2 == 0:
                    await user.press(self.label(lang, "plenary.vote_up"), message=card)
                    await user.wait_for_callback_answer()
                if index % 7 == 0 and step == 0:
                    await user.press(self.label(lang, "plenary.comment"), message=card)
                    await user.next_message()
                    await user.ask("Incluir a los gobiernos locales" if lang == "es" else "Involve local government")
                    await user.send_text("/plenary")
                    card = await user.wait_for(lambda m: m.has_button(support), timeout=30)
                if not card.has_button("▶"):
                    break
                await user.press("▶", message=card)
                await user.wait_for_callback_answer()

        await self.each(take_part, list(enumerate(self.people)))
        votes, stances, comments = await self.storage.plenary_totals(self.workshop_id)
        await self.open_workshop_phase("plenary", "Cerrar")
        print(f"plenary: {votes} dots, {stances} supports or objections, {comments} comments")

    async def stage_reading(self) -> None:
        """The joint reading: most supported first; one amended, one set aside, the rest adopted."""
        await self.open_workshop_phase("joint-reading")
        sara = self.secretariat
        card = await sara.ask("/reading")
        position = 0
        typed = {1: ("Adoptar con enmiendas", ("Texto enmendado en la lectura conjunta: metas medibles y plazos",
                                               "La plenaria pidió metas que se puedan medir")),
                 2: ("Descartar", ("Se solapa con una recomendación ya adoptada",))}
        while True:
            if position in typed:
                button, answers = typed[position]  # an amendment: its text, then the reason asked next
                await sara.press(button, message=card)
                await sara.next_message()
                for words in answers:
                    await sara.ask(words)
                card = await sara.ask("/reading")  # back to the card we were at
                for _ in range(position):
                    await sara.press("▶", message=card)
                    card = await sara.wait_for(lambda m, c=card: m.message_id == c.message_id)
            else:
                await sara.press("Adoptar", message=card)
                card = await sara.wait_for(lambda m, c=card: m.message_id == c.message_id and "adoptada" in m.text)
            if not card.has_button("▶"):
                break
            await sara.press("▶", message=card)
            card = await sara.wait_for(lambda m, n=position + 2, c=card.message_id: m.message_id == c
                                       and f"Recomendación {n} de" in m.text)
            position += 1
        outcomes = await self.storage.recommendations_by_status(self.workshop_id)
        print("joint reading: " + ", ".join(f"{n} {OUTCOME_WORDS.get(status, status.replace('_', ' '))}"
                                            for status, n in outcomes))

    async def stage_close(self, out: Path) -> None:
        """Closing makes the roadmap final and sends it to everyone in their language."""
        sara = self.secretariat
        await sara.ask("/close")
        await sara.press("Sí, cerrar el taller")
        report = await sara.wait_for(lambda m: "Hoja de ruta final enviada" in m.text, timeout=300)
        for delegate in self.people:
            received = self.user(delegate).messages[-1].document
            if received:
                (out / f"roadmap-{delegate.language}.pdf").write_bytes(received["content"])
        print(f"close: {report.text}")

    async def download(self, user: SimulatedUser, command: str, button: str, target: Path) -> Path:
        """Ask the bot for a document as the secretariat would, and keep the file it sends."""
        await user.ask(command)
        await user.press(button)
        received = await user.wait_for(lambda m: m.document is not None, timeout=120)
        target.write_bytes(received.document["content"])
        return target

    async def stage_documents(self, out: Path, label: str) -> None:
        sara = self.secretariat
        written = [
            await self.download(sara, "/roadmap", "Español", out / "roadmap-es.pdf"),
            await self.download(sara, "/roadmap", "English", out / "roadmap-en.pdf"),
        ]
        for table in self.workshop.tables:
            for lang in ("es", "en"):
                button = f"{table.name.get(lang)} · {lang.upper()}"
                written.append(await self.download(sara, "/minutes", button, out / f"minutes-{table.id}-{lang}.pdf"))
        for form, extension in (("CSV", "zip"), ("XLSX", "xlsx"), ("JSON", "json")):
            written.append(await self.download(sara, "/export", f"{form} · ES", out / f"data.{extension}"))
        sizes = ", ".join(f"{p.name} {p.stat().st_size // 1024} KB" for p in written)
        print(f"documents ({label}): {sizes}")

    async def stage_registration(self) -> None:
        token = new_token()
        await self.storage.create_invitation(self.workshop_id, token, "participant")
        started = time.perf_counter()
        await self.each(lambda d: self.register(d, token), self.people)
        seated = await self.storage.registered_per_table(self.workshop_id)
        languages = {lang: sum(1 for p in self.people if p.language == lang) for lang in ("es", "en")}
        print(f"registration: {len(self.people)} people registered in {time.perf_counter() - started:.1f} s "
              f"({languages['es']} in Spanish, {languages['en']} in English); "
              + ", ".join(f"table {code}: {n}" for code, n in seated))


async def main(out: Path, people: int | None = None) -> int:
    logging.getLogger().setLevel(logging.WARNING)  # the demo prints its own story
    out.mkdir(parents=True, exist_ok=True)
    database = out / "demo.sqlite3"
    for stale in out.glob("demo.sqlite3*"):
        stale.unlink()
    workshop = load_workshop(EXAMPLE_FILE)
    async with Storage(database) as storage:
        workshop_id = await storage.save_workshop(workshop)
    print(f"workshop: {workshop.title.en} ({workshop.place.en}), {len(workshop.tables)} tables; "
          f"store {database}")
    async with BotApiEmulator(token="123456:DEMO-TOKEN", bot_username=BOT_USERNAME) as emulator:
        settings = offline_settings(emulator, database)
        async with OfflineBot(settings) as bot:
            demo = Demo(emulator, bot, workshop, workshop_id, people)
            await demo.stage_registration()
            await demo.stage_staff()
            await demo.open_workshop_phase("mapping")
            await demo.stage_mapping()
            await demo.open_workshop_phase("mapping", "Cerrar")
            await demo.stage_tables()
            await demo.stage_moderation()
            await demo.stage_plenary()
            await demo.stage_reading()
            await demo.stage_close(out)
            await demo.stage_documents(out, "final")
        sent = len(emulator.calls("sendMessage")) + len(emulator.calls("editMessageText"))
        print(f"bot API: {len(emulator.requests)} requests, {sent} messages shown to people")
    print("demo finished")
    return 0
