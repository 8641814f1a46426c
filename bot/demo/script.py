"""The demo workshop, stage by stage, through the real bot: every step is a person tapping and typing.

Each stage prints what it did, so a newcomer running ``make demo`` sees the workshop unfold.
"""

from __future__ import annotations

import asyncio
import logging
import time
from pathlib import Path

from bot.demo.cast import Delegate, cast
from bot.emulator import BotApiEmulator, SimulatedUser
from bot.invitations import new_token
from bot.offline import OfflineBot, offline_settings
from bot.storage import Storage
from bot.workshop_file import EXAMPLE_FILE, Workshop, load_workshop

BOT_USERNAME = "crm_workshop_demo_bot"
CONCURRENCY = 8  # people acting at the same time


class Demo:
    def __init__(self, emulator: BotApiEmulator, bot: OfflineBot, workshop: Workshop, workshop_id: int) -> None:
        self.emulator = emulator
        self.bot = bot
        self.workshop = workshop
        self.workshop_id = workshop_id
        self.people = cast([c.id for c in workshop.countries], [o.id for o in workshop.organisations
                                                                   if o.kind != "secretariat"],
                           [t.id for t in workshop.tables])
        self.users: dict[int, SimulatedUser] = {}

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
            written.append(await self.download(sara, "/export", form, out / f"data.{extension}"))
        sizes = ", ".join(f"{p.name} {p.stat().st_size // 1024} KB" for p in written)
        print(f"documents ({label}): {sizes}")

    async def stage_registration(self) -> None:
        token = new_token()
        await self.storage.create_invitation(self.workshop_id, token, "participant")
        started = time.perf_counter()
        await self.each(lambda d: self.register(d, token), self.people)
        seated = await self.storage.fetch_all(
            "SELECT t.code, count(*) AS n FROM memberships m JOIN working_tables t ON t.id = m.table_id "
            "WHERE m.registered_at IS NOT NULL GROUP BY t.code ORDER BY t.code"
        )
        languages = {lang: sum(1 for p in self.people if p.language == lang) for lang in ("es", "en")}
        print(f"registration: {len(self.people)} people registered in {time.perf_counter() - started:.1f} s "
              f"({languages['es']} in Spanish, {languages['en']} in English); "
              + ", ".join(f"table {r['code']}: {r['n']}" for r in seated))


async def main(out: Path) -> int:
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
        async with OfflineBot(settings, rate_limit=True) as bot:
            demo = Demo(emulator, bot, workshop, workshop_id)
            await demo.stage_registration()
            await demo.stage_staff()
            await demo.stage_documents(out, "draft")
        sent = len(emulator.calls("sendMessage")) + len(emulator.calls("editMessageText"))
        print(f"bot API: {len(emulator.requests)} requests, {sent} messages shown to people")
    print("demo finished")
    return 0
