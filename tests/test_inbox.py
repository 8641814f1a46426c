"""The inbox: an update the bot was handling when its process was killed is handled after the restart, once.

python-telegram-bot tells Telegram a polled batch arrived with its next poll, long before the batch is handled
(a webhook is answered 200 once the update is queued): without the inbox, a press confirmed to Telegram and in
flight at a SIGKILL never came again, and the person who pressed never heard of it. Here the real
``workshop-bot run`` (a process of its own, polling the emulator or fed by its webhook) is held inside the
item's INSERT by a SQLite trigger that never ends, killed there once the press is confirmed, and started again.
"""

import asyncio
import contextlib
import json
import logging
import signal
import sqlite3

import aiohttp
import pytest

from bot.storage import Storage
from bot.storage.inbox import LONGEST_UPDATE, REPLAYS
from tests.helpers import open_phase, seat
from tests.process import free_port, workshop_bot
from tests.test_webhook import deliver

VALUES = {"description": "Sin albergues temporales en la frontera", "level": "community",
          "dimensions": ["social"], "groups": [], "attribution": "named"}
SENT = "Enviado. Tu aporte"
# The item's INSERT never ends: a cross join of 10^12 rows, counted inside the item's transaction.
_STALL = ("CREATE TABLE stall (n INTEGER);"
          "INSERT INTO stall WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 10000) "
          "SELECT n FROM c;"
          "CREATE TRIGGER stall_the_item BEFORE INSERT ON contributions BEGIN "
          "SELECT count(*) FROM stall a, stall b, stall c; END;")


def _sql(database, script: str) -> None:
    with contextlib.closing(sqlite3.connect(database)) as db:
        db.executescript(script)


def _rows(database, query: str, params=()) -> list[tuple]:
    with contextlib.closing(sqlite3.connect(database)) as db:
        return db.execute(query, params).fetchall()


async def eventually(condition, timeout: float = 30) -> None:
    """Wait for an effect another process brings about."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, "never happened"
        await asyncio.sleep(0.05)


async def _ana_at_the_summary(emulator, database, workshop_id, telegram_id: int):
    """Ana, seated at table A with the mapping open, one press away from sending her challenge."""
    async with Storage(database) as storage:
        person = await seat(storage, workshop_id, telegram_id, "Ana Pérez", table="A")
        await open_phase(storage, workshop_id, "mapping")
        await storage.save_dialogue(person, "challenge", "summary",
                                    {"key": f"draft-{telegram_id}", "values": VALUES, "reviewed": True})
    return emulator.user(telegram_id, "Ana", language_code="es")


async def _press_send_and_die_handling_it(ana, emulator, database, process) -> int:
    """Ana presses "Enviar"; once Telegram was told the press arrived and the bot is handling it (the press
    answered, the item's INSERT held by the trigger), the process is SIGKILLed. The press's update id."""
    await ana.send_text("hola")  # the summary is shown again, with its buttons
    summary = await ana.wait_for(lambda m: m.has_button("Enviar"), timeout=30)
    _sql(database, _STALL)
    await ana.press("Enviar", message=summary)
    press = emulator.queue.last_update["update_id"]
    await ana.wait_for_callback_answer(timeout=30)  # the bot is handling the press ...
    await eventually(lambda: emulator.confirmed_offset >= press)  # ... and Telegram will not send it again
    process.send_signal(signal.SIGKILL)
    await process.wait()
    return press


def _lost_with_the_process(ana, database, press: int) -> None:
    """What the kill left: no item, no word to Ana, and the press in the inbox, not handled."""
    assert _rows(database, "SELECT count(*) FROM contributions") == [(0,)]
    assert not any(SENT in m.text for m in ana.messages)
    [(raw,)] = _rows(database, "SELECT raw FROM inbox WHERE update_id = ?", (press,))
    assert json.loads(raw)["callback_query"]["data"].endswith("send")  # stored as it arrived
    assert _rows(database, "SELECT 1 FROM processed_updates WHERE update_id = ?", (press,)) == []
    _sql(database, "DROP TRIGGER stall_the_item; DROP TABLE stall;")


async def _answered_once(ana, emulator, database, press: int) -> None:
    """After the restart: the press handled, one item stored, one confirmation naming it, no apology."""
    confirmed = await ana.wait_for(lambda m: SENT in m.text, timeout=30)
    await emulator.wait_idle(timeout=10)
    [(item_id, description)] = _rows(database, "SELECT id, json_extract(details, '$.description') FROM contributions")
    assert description == VALUES["description"] and f"R-{item_id}" in confirmed.text
    assert sum(SENT in m.text for m in ana.messages) == 1
    assert not any("Algo salió mal" in m.text for m in ana.messages)
    assert _rows(database, "SELECT 1 FROM processed_updates WHERE update_id = ?", (press,)) == [(1,)]


async def test_a_press_confirmed_to_telegram_and_killed_mid_handling_is_handled_after_the_restart(
        emulator, database, workshop_id):
    ana = await _ana_at_the_summary(emulator, database, workshop_id, 9301)
    async with workshop_bot(emulator, database) as first:
        press = await _press_send_and_die_handling_it(ana, emulator, database, first.process)
    _lost_with_the_process(ana, database, press)
    assert emulator.queue.unfetched == 0  # Telegram has nothing more to send: only the inbox has the press

    async with workshop_bot(emulator, database) as second:
        await _answered_once(ana, emulator, database, press)
        await ana.send_text("/mine")  # and the bot goes on as before, the item in her list once
        listed = await ana.wait_for(lambda m: "Sin albergues temporales" in m.text and SENT not in m.text,
                                    timeout=30)
        assert listed.text.count("Sin albergues temporales") == 1
    assert second.returncode == 0, second.stderr[-2000:]


async def _webhook_url(emulator, timeout: float = 30) -> str:
    deadline = asyncio.get_running_loop().time() + timeout
    while not emulator.webhook:
        assert asyncio.get_running_loop().time() < deadline, "the bot never called setWebhook"
        await asyncio.sleep(0.05)
    return emulator.webhook["url"]


@contextlib.asynccontextmanager
async def _by_webhook(emulator, database):
    """``workshop-bot run --webhook``, with Telegram's side posting every update to it (``deliver``)."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/hook"
    async with workshop_bot(emulator, database, "--webhook", url, WEBHOOK_PORT=str(port),
                            WEBHOOK_SECRET="inbox-test-secret") as running:
        await _webhook_url(emulator)
        pump = asyncio.create_task(deliver(emulator, url, "inbox-test-secret"))
        try:
            yield running
        finally:
            pump.cancel()
            with contextlib.suppress(asyncio.CancelledError, aiohttp.ClientError):
                await pump
            emulator.webhook = None


async def test_an_update_that_came_by_webhook_goes_through_the_same_inbox(emulator, database, workshop_id):
    ana = await _ana_at_the_summary(emulator, database, workshop_id, 9302)
    async with _by_webhook(emulator, database) as first:
        press = await _press_send_and_die_handling_it(ana, emulator, database, first.process)
    _lost_with_the_process(ana, database, press)

    async with _by_webhook(emulator, database) as second:
        await _answered_once(ana, emulator, database, press)
    assert second.returncode == 0, second.stderr[-2000:]


# -- in the bot's own process: what is kept, in what order it comes back, and when it is given up ----------------

def _message(update_id: int, user_id: int, text: str, chat: dict | None = None) -> dict:
    person = {"id": user_id, "is_bot": False, "first_name": "Ana", "language_code": "es"}
    entities = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}] if text[0] == "/" else []
    return {"update_id": update_id, "message": {
        "message_id": update_id, "date": 1_700_000_000, "from": person, "text": text, "entities": entities,
        "chat": chat or {"id": user_id, "type": "private", "first_name": "Ana"}}}


async def test_the_inbox_keeps_what_the_bot_reads_only_until_it_is_handled(bot, emulator, database, workshop_id):
    storage = bot.storage
    await seat(storage, workshop_id, 9303, "Ana Pérez", table="A")
    ana = emulator.user(9303, "Ana", language_code="es")
    group = emulator.group(-100_9303, "Mesa A")
    group.add(ana)
    # What the inbox was given, seen by a trigger of the test's own (its rows go once handled).
    await storage.write("CREATE TABLE seen_inbox (update_id INTEGER, raw TEXT)")
    await storage.write("CREATE TRIGGER log_inbox AFTER INSERT ON inbox "
                        "BEGIN INSERT INTO seen_inbox VALUES (new.update_id, new.raw); END")
    await ana.ask("/help", timeout=10)
    await ana.send_text("hoy hablamos de empleo", chat=group)  # a group's own talk: not for the bot
    await emulator.wait_idle()
    given = await storage.fetch_all("SELECT update_id, raw FROM seen_inbox")
    assert [json.loads(raw)["message"]["text"] for _, raw in given] == ["/help"]
    assert await storage.update_seen(given[0][0])
    assert await storage.fetch_all("SELECT update_id FROM inbox") == []  # handled: what she typed is not kept
    # Pruning processed_updates (every 1,000th update) also drops any inbox row older than what Telegram could
    # still send; an update not handled yet stays.
    for update_id in (4_000, 5_000):
        await storage.receive_update(update_id, json.dumps(_message(update_id, 9303, "/help")))
    await storage.write("UPDATE inbox SET received_at = '2000-01-01T00:00:00.000Z' WHERE update_id = 4000")
    await storage.mark_update_done(1_000)
    assert [row["update_id"] for row in await storage.fetch_all("SELECT update_id FROM inbox")] == [5_000]


async def test_updates_never_handled_come_back_in_order_before_new_ones_and_are_given_up_after_three_tries(
        bot, emulator, database, workshop_id):
    storage = bot.storage
    await seat(storage, workshop_id, 9304, "Ana Pérez", table="A")
    ana = emulator.user(9304, "Ana", language_code="es")
    await bot.stop()
    async with Storage(database) as store:
        # Two updates a killed process took in and never finished (ids above what the emulator will number) ...
        for update_id, text in ((700_001, "/help"), (700_002, "/mine")):
            await store.receive_update(update_id, json.dumps(_message(update_id, 9304, text)))
        # ... and one that was handed again at three start-ups already and never finished.
        await store.receive_update(700_000, json.dumps(_message(700_000, 9304, "/language")))
        await store.write("UPDATE inbox SET replays = ? WHERE update_id = 700000", (REPLAYS,))
    await ana.send_text("/briefing")  # new, waiting at Telegram while the bot is down
    await bot.start()
    await ana.wait_for(lambda m: "Página 1 de" in m.text, timeout=10)  # the briefing, the new update's answer
    await emulator.wait_idle()
    answers = [m.text for m in ana.messages]
    assert len(answers) == 3, answers  # the one given up (/language) was not handled
    assert answers[0].startswith("Como participante:"), answers  # /help
    assert answers[1].startswith("Todavía no has enviado nada"), answers  # /mine
    assert "Página 1 de" in answers[2], answers  # /briefing, sent while the bot was down, after both
    assert await bot.storage.update_seen(700_001) and await bot.storage.update_seen(700_002)
    assert not await bot.storage.update_seen(700_000)
    await bot.restart()  # handled once: nothing comes back a second time, and nothing handled is kept
    await emulator.wait_idle()
    assert len(ana.messages) == 3
    assert [row["update_id"] for row in await bot.storage.fetch_all("SELECT update_id FROM inbox")] == [700_000]


# -- when the inbox cannot keep an update: handled all the same, said once, the polling loop never stalled -------

def _inbox_lines(caplog, level: int) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "bot.inbox" and r.levelno == level]


async def _seen_by_the_inbox(storage) -> None:
    """A trigger of the test's own records what the inbox wrote (its rows go once handled)."""
    await storage.write("CREATE TABLE seen_inbox (update_id INTEGER, raw TEXT)")
    await storage.write("CREATE TRIGGER log_inbox AFTER INSERT ON inbox "
                        "BEGIN INSERT INTO seen_inbox VALUES (new.update_id, new.raw); END")


@pytest.mark.parametrize("refusal", ["database or disk is full", "database is locked"])
async def test_a_store_that_refuses_the_inbox_still_answers_everyone_and_says_so_once(
        bot, emulator, database, workshop_id, caplog, monkeypatch, refusal):
    storage = bot.storage
    await seat(storage, workshop_id, 9305, "Ana Pérez", table="A")
    ana = emulator.user(9305, "Ana", language_code="es")
    await _seen_by_the_inbox(storage)
    caplog.set_level(logging.INFO)
    await ana.ask("/help", timeout=10)

    async def refuse(updates):
        raise sqlite3.OperationalError(refusal)

    monkeypatch.setattr(storage, "receive_updates", refuse)  # the fault: every write of the inbox refused
    # Each answered while the store refuses: the batch is confirmed all the same, and the next one fetched.
    assert (await ana.ask("/mine", timeout=10)).text.startswith("Todavía no has enviado nada")
    assert (await ana.ask("/help", timeout=10)).text.startswith("Como participante:")
    last = emulator.queue.last_update["update_id"]
    await eventually(lambda: emulator.confirmed_offset >= last, timeout=10)  # its flush was tried and refused
    [said] = _inbox_lines(caplog, logging.ERROR)  # once for the whole outage, not once a batch
    assert refusal in said and "handled but not kept" in said
    assert not any("polling" in r.getMessage().lower() for r in caplog.records)  # no retry loop, no traceback
    assert await storage.update_seen(last)

    monkeypatch.undo()  # the store accepts again: kept again, and said so, once
    await ana.ask("/briefing", timeout=10)
    briefing = emulator.queue.last_update["update_id"]
    await ana.ask("/help", timeout=10)
    await emulator.wait_idle()
    kept = [row[0] for row in await storage.fetch_all("SELECT update_id FROM seen_inbox ORDER BY update_id")]
    assert briefing in kept and last not in kept and len(kept) == 3  # the first /help, /briefing, the last /help
    assert _inbox_lines(caplog, logging.WARNING) == ["the inbox keeps updates again; 2 were handled without "
                                                     "being kept"]
    assert len(_inbox_lines(caplog, logging.ERROR)) == 1
    assert await storage.fetch_all("SELECT update_id FROM inbox") == []


async def test_an_update_too_large_to_keep_is_handled_and_not_kept(bot, emulator, database, workshop_id, caplog):
    storage = bot.storage
    await seat(storage, workshop_id, 9306, "Ana Pérez", table="A")
    ana = emulator.user(9306, "Ana", language_code="es")
    await _seen_by_the_inbox(storage)
    caplog.set_level(logging.INFO)
    # A /help carrying a field past what the inbox keeps (none of Telegram's own comes near: a malformed one).
    large = _message(0, 9306, "/help")["message"]
    large["padding"] = "x" * LONGEST_UPDATE
    update_id = emulator.queue.push("message", large)["update_id"]
    answer = await ana.wait_for(lambda m: m.text.startswith("Como participante:"), timeout=10)
    assert answer.text.startswith("Como participante:")
    await ana.ask("/mine", timeout=10)  # and the next one is kept as any other
    await emulator.wait_idle()
    kept = [row[0] for row in await storage.fetch_all("SELECT update_id FROM seen_inbox")]
    assert kept == [update_id + 1]
    assert await storage.update_seen(update_id)
    [said] = _inbox_lines(caplog, logging.WARNING)
    assert said.startswith(f"update {update_id} is ") and "handled, not kept" in said


async def test_a_webhook_update_the_store_refuses_is_answered_all_the_same(emulator, database, workshop_id):
    async with Storage(database) as storage:
        await seat(storage, workshop_id, 9307, "Ana Pérez", table="A")
    ana = emulator.user(9307, "Ana", language_code="es")
    _sql(database, "CREATE TRIGGER refuse_inbox BEFORE INSERT ON inbox "
                   "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;")
    async with _by_webhook(emulator, database) as running:
        await ana.send_text("/help")
        await ana.wait_for(lambda m: m.text.startswith("Como participante:"), timeout=30)
        await ana.send_text("/mine")
        await ana.wait_for(lambda m: m.text.startswith("Todavía no has enviado nada"), timeout=30)
    assert running.returncode == 0, running.stderr[-2000:]
    assert running.stderr.count("refuses the inbox's writes") == 1, running.stderr[-2000:]
    [(handled,)] = _rows(database, "SELECT count(*) FROM processed_updates")
    assert handled >= 2  # both, though neither was kept
