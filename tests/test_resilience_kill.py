"""Killed and restarted again and again while people send challenges: nothing confirmed is lost, nothing is
stored twice, and every conversation can be finished after the last restart.

``test_crash`` shows one SIGKILL at one chosen moment; this kills the real bot (a subprocess, as in
production) at random moments, mid-update, mid-send, even mid-start-up, and starts it again on the same
database. A kill is the fault that defeats every in-memory safeguard: an update being handled is lost with
the process (python-telegram-bot confirms a batch to Telegram as soon as it fetched the next one), a
confirmation may be stored but never sent, a draft may be stored with its item. What must hold is what is
in the database: the dialogue (the person resumes where they were), the item's client key and "you already
sent this" (a second send stores nothing), and the outbox (a confirmation stored is sent after the
restart). The people are impatient (``tests.impatient``): they repeat what got no answer, as people do.

Default run: 5 cycles; ``SOAK=1`` (``make soak``): 25 cycles, more people, a fresh seed each time
(``RESILIENCE_SEED`` repeats one).
"""

import asyncio
import os
import random
import signal
import sys
import time

from bot.storage import Storage
from tests.helpers import open_phase, seat
from tests.impatient import Audit, ImpatientPerson, stored_by_text

SOAK = os.environ.get("SOAK") == "1"
CYCLES = 25 if SOAK else 5
PEOPLE = 24 if SOAK else 12
IN_START_UP = 0.2  # the share of kills that come while the bot is still starting (before its first poll)
UP = (0.3, 2.5)  # seconds a started bot works, polling and answering, before it is killed
# For the whole run: a person still waiting then counts as unanswered. A safety net, not a target (a loaded
# machine starts the bot slowly); the default run takes 15-20 s.
BUDGET = 400.0 if SOAK else 120.0
SEED = int(os.environ.get("RESILIENCE_SEED") or (random.randrange(10**6) if SOAK else 7))


async def _start(emulator, database, tmp_path, life: int) -> asyncio.subprocess.Process:
    """The bot as production runs it (``workshop-bot run``), its warnings and errors kept per life."""
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": emulator.token, "TELEGRAM_API_URL": emulator.base_url,
           "TELEGRAM_FILE_URL": emulator.base_file_url, "DATABASE_PATH": str(database),
           "PYTHONPATH": os.getcwd(), "LOG_LEVEL": "WARNING"}
    with (tmp_path / f"bot-{life}.log").open("wb") as log:
        return await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot.cli", "run", env=env, cwd=tmp_path,
            stdout=asyncio.subprocess.DEVNULL, stderr=log)


async def _polled_since(emulator, polls: int, process, timeout: float = 60.0) -> None:
    """Until the bot (started after ``polls`` polls) asks for updates: it is up and working."""
    deadline = time.monotonic() + timeout
    while emulator.poll_generation == polls:
        assert process.returncode is None, f"the bot exited with {process.returncode} while starting"
        assert time.monotonic() < deadline, f"the bot did not start polling within {timeout} s"
        await asyncio.sleep(0.05)


def _errors_logged(tmp_path) -> list[str]:
    lines = []
    for path in sorted(tmp_path.glob("bot-*.log")):
        lines += [f"{path.name}: {line}" for line in path.read_text(errors="replace").splitlines()
                  if " ERROR " in line or " CRITICAL " in line]
    return lines


async def test_kill_and_restart_cycles_lose_nothing_confirmed_and_store_nothing_twice(
        emulator, database, workshop_id, tmp_path):
    people: list[tuple[int, ImpatientPerson]] = []
    async with Storage(database) as storage:
        await open_phase(storage, workshop_id, "mapping")
        for i in range(PEOPLE):
            telegram_id = 7400 + i
            person_id = await seat(storage, workshop_id, telegram_id, f"Persona{i} Prueba", table="ABC"[i % 3])
            user = emulator.user(telegram_id, f"Persona{i}", language_code="es")
            texts = lambda n, i=i: f"Reto {i}.{n}: documentos de identidad para personas retornadas"  # noqa: E731
            people.append((person_id, ImpatientPerson(user, texts)))

    rng = random.Random(SEED)
    stop = asyncio.Event()
    started = time.monotonic()
    deadline = started + BUDGET
    sending = [asyncio.create_task(person.send_until(stop, deadline)) for _, person in people]
    lives_answering = kills_at_work = cycles = 0
    process = await _start(emulator, database, tmp_path, 0)
    try:
        for cycle in range(1, CYCLES + 1):
            mark, polls = emulator.tick(), emulator.poll_generation
            if rng.random() < IN_START_UP:
                await asyncio.sleep(rng.uniform(0, 0.8))
            else:  # a working bot: it has begun to poll, however long a loaded machine took to start it
                await _polled_since(emulator, polls, process)
                await asyncio.sleep(rng.uniform(*UP))
                kills_at_work += 1
            process.send_signal(signal.SIGKILL)
            await process.wait()
            lives_answering += any(m.seq > mark for m in emulator.bot_messages)
            cycles = cycle
            if emulator.queue.last_update is not None:
                emulator.redeliver_last()  # as if the kill came before the last batch was confirmed
            process = await _start(emulator, database, tmp_path, cycle)
        stop.set()  # after the last restart: everybody finishes what they began
        await asyncio.gather(*sending)
        took = time.monotonic() - started
    finally:
        stop.set()
        for task in sending:
            task.cancel()
        if process.returncode is None:
            process.send_signal(signal.SIGINT)
            await process.wait()

    audit = Audit()
    async with Storage(database) as storage:
        for person_id, person in people:
            audit.add(person, await stored_by_text(storage, workshop_id, person_id))
    tallies = [person.tally for _, person in people]
    errors = _errors_logged(tmp_path)
    print(f"\nkill cycles: {cycles} cycles survived in {took:.1f} s ({kills_at_work} kills of a working bot, "
          f"{cycles - kills_at_work} in start-up; it answered in {lives_answering} of its killed lives), seed {SEED}; "
          f"{audit.people} people sent {audit.begun} challenges, {audit.stored} stored, "
          f"{len(audit.lost)} lost, {len(audit.doubled)} doubled, {len(audit.unanswered)} unanswered; "
          f"{sum(t.silences for t in tallies)} actions met silence, {sum(t.restarts for t in tallies)} restarts "
          f"with /challenge, {sum(t.already for t in tallies)} confirmed as 'already sent', "
          f"{sum(person.apologies for _, person in people)} apologies; {len(errors)} errors logged")

    audit.check()  # every begun challenge stored once and its reference seen: resumable after the last restart
    assert cycles == CYCLES and audit.begun >= PEOPLE
    assert audit.stored == audit.begun
    assert lives_answering >= 1 and kills_at_work >= CYCLES // 2, "kills should land on a working bot"
    assert not errors, "\n".join(errors[:20])
