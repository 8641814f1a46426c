"""GET /healthz in polling mode, and the JSON logs of a run: no token, no personal text."""

import asyncio

from bot.jobs import bulk
from bot.offline.runner import OfflineBot, offline_settings
from bot.storage import Storage
from tests.helpers import invitation, register, seat
from tests.process import free_port, get_json, workshop_bot


async def _until(check, timeout: float = 15):
    """Poll ``check`` (an async callable) until it returns something truthy."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not (found := await check()):
        assert asyncio.get_running_loop().time() < deadline, "never happened"
        await asyncio.sleep(0.02)
    return found


async def test_health_says_the_store_and_telegram_answer_and_counts_the_queued_bulk_sends(
        emulator, database, workshop_id):
    port = free_port()
    url = f"http://127.0.0.1:{port}/healthz"
    async with OfflineBot(offline_settings(emulator, database, health_port=port)) as bot:
        status, health = await get_json(url)
        assert status == 200 and health["ok"] is True and health["store"] == {"ok": True}
        assert health["telegram"]["ok"] is True and health["telegram"]["getMe"]["answered"] is True
        await _until(lambda: _has_polled(url))
        assert health["queued"] == {"bulk": 0, "announcements": 0, "roadmap": 0, "confirmations": 0}

        people = [await seat(bot.storage, workshop_id, 7000 + n, f"Persona {n}") for n in range(3)]
        for n in range(3):
            emulator.user(7000 + n, f"Persona {n}")
        await bot.storage.queue_announcement(workshop_id, None, None, people, text="Mañana empezamos a las 9")
        _, health = await get_json(url)
        assert health["queued"]["bulk"] == 3 and health["queued"]["announcements"] == 3

        bulk.kick(bot.app)
        await _until(lambda: _queued(url, 0))
        assert all(emulator.chat_messages(7000 + n)[-1].text == "Mañana empezamos a las 9" for n in range(3))


async def _has_polled(url: str) -> bool:
    _, health = await get_json(url)
    return health["telegram"].get("getUpdates", {}).get("answered", False)


async def _queued(url: str, count: int) -> bool:
    _, health = await get_json(url)
    return health["queued"]["bulk"] == count


async def test_health_answers_503_while_telegram_fails_and_when_the_store_is_gone(emulator, database, workshop_id):
    port = free_port()
    url = f"http://127.0.0.1:{port}/healthz"
    async with OfflineBot(offline_settings(emulator, database, health_port=port)) as bot:
        await _until(lambda: _has_polled(url))
        faults = emulator.faults(rate=1.0, kinds=("5xx",), updates_rate=1.0, methods=("getUpdates",))

        async def failing():
            status, health = await get_json(url)
            return status == 503 and health

        health = await _until(failing)
        assert health["telegram"]["ok"] is False and health["telegram"]["getUpdates"]["answered"] is False
        assert health["store"] == {"ok": True}
        faults.stop()

        async def recovered():
            status, _ = await get_json(url)
            return status == 200

        await _until(recovered)
        await bot.storage.close()  # as if the database had gone away under the bot
        status, health = await get_json(url)
        assert status == 503 and health["store"] == {"ok": False} and health["queued"] == {}


async def test_json_logs_of_a_run_carry_neither_the_token_nor_what_a_participant_typed(
        emulator, database, workshop_id):
    async with Storage(database) as storage:
        token = await invitation(storage, workshop_id)
    async with workshop_bot(emulator, database, LOG_FORMAT="json", LOG_LEVEL="DEBUG") as bot:
        ana = emulator.user(5001, "Ana", language_code="es")
        await register(ana, token, name="Zacarías Quispe Huamán", affiliation="Guatemala",
                       institution="Casa del Migrante Xelajú", position="Coordinadora de albergue", table=None)
        async with Storage(database) as storage:  # what she typed was stored, as typed
            assert await storage.fetch_value("SELECT count(*) FROM memberships WHERE full_name = ?",
                                             ("Zacarías Quispe Huamán",)) == 1
    assert bot.returncode == 0, bot.stderr[-2000:]
    events = bot.events()  # every line is one JSON event
    assert any(e["level"] == "DEBUG" for e in events)  # DEBUG was on, so the test could have caught a leak
    for secret in (emulator.token, emulator.token.split(":")[1], token, "Zacarías", "Quispe", "Xelajú",
                   "Coordinadora"):
        assert secret not in bot.stderr, secret
