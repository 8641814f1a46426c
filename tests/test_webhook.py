"""Webhook mode: `workshop-bot run --webhook URL` as a separate process, updates posted to it as Telegram would.

The emulator records ``setWebhook`` (URL and secret) but does not post; ``deliver`` below does what Telegram
does with a webhook: each queued update is POSTed as JSON with the secret in X-Telegram-Bot-Api-Secret-Token.
"""

import asyncio
import contextlib

import aiohttp
import pytest

from bot.config import ConfigError, load_settings
from tests.process import free_port, get_json, workshop_bot

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


async def _webhook_set(emulator, timeout: float = 20) -> dict:
    deadline = asyncio.get_running_loop().time() + timeout
    while not emulator.webhook:
        assert asyncio.get_running_loop().time() < deadline, "the bot never called setWebhook"
        await asyncio.sleep(0.05)
    return emulator.webhook


async def deliver(emulator, url: str, secret: str) -> None:
    """Telegram's side of a webhook: post every queued update, in order, and confirm it once answered 200; an
    update not answered 200 (the server not listening yet on a loaded machine, say) is posted again, as Telegram
    does, rather than the pump dying and the test waiting for an answer that can never come."""
    async with aiohttp.ClientSession() as session:
        while True:
            batch = emulator.queue.take(100)
            for update in batch:
                while not await _posted(session, url, update, secret):  # noqa: ASYNC110 (a retry, as Telegram)
                    await asyncio.sleep(0.2)
                emulator.queue.confirm(update["update_id"] + 1)
            emulator.updates_fetched(len(batch))
            if not batch:
                await emulator.queue.arrived.wait(1)


async def _posted(session: aiohttp.ClientSession, url: str, update: dict, secret: str) -> bool:
    try:
        async with session.post(url, json=update, headers={SECRET_HEADER: secret}) as response:
            return response.status == 200
    except aiohttp.ClientConnectionError:
        return False


def _stranger_update(update_id: int, user_id: int, text: str) -> dict:
    person = {"id": user_id, "is_bot": False, "first_name": "Eve"}
    return {"update_id": update_id, "message": {
        "message_id": 1, "date": 1_700_000_000, "chat": {"id": user_id, "type": "private", "first_name": "Eve"},
        "from": person, "text": text}}


async def test_updates_arrive_by_webhook_and_a_request_without_the_secret_is_refused(emulator, tmp_path):
    port, health_port = free_port(), free_port()
    url = f"http://127.0.0.1:{port}/telegram-updates"
    async with workshop_bot(emulator, tmp_path / "hook.sqlite3", "--webhook", url, WEBHOOK_PORT=str(port),
                            HEALTH_PORT=str(health_port), LOG_FORMAT="json", LOG_LEVEL="INFO") as bot:
        hook = await _webhook_set(emulator)
        assert hook["url"] == url
        secret = hook["secret_token"]  # none was configured: a random one, sent to Telegram at start
        assert len(secret) >= 32
        pump = asyncio.create_task(deliver(emulator, url, secret))
        try:
            ana = emulator.user(5001, "Ana", language_code="en")
            await ana.send_text("/help")
            assert "invitation link from the secretariat" in (await ana.next_message(timeout=30)).text
            await ana.send_text("My name is Zacarías Quispe and I work in Tegucigalpa")
            await ana.next_message(timeout=30)  # a stranger is answered (told to open their link)

            # Someone who found the URL but not the secret: refused by PTB before anything is read.
            emulator.user(6001, "Eve", language_code="en")
            async with aiohttp.ClientSession() as session:
                for headers in ({}, {SECRET_HEADER: "guessed-secret"}):
                    async with session.post(url, json=_stranger_update(900_001, 6001, "/help"),
                                            headers=headers) as response:
                        assert response.status == 403
            await ana.send_text("/help")
            await ana.next_message(timeout=30)
            assert emulator.chat_messages(6001) == []  # the refused /help was never handled

            status, health = await get_json(f"http://127.0.0.1:{health_port}/healthz")
            assert status == 200 and health["ok"] is True
            assert health["store"] == {"ok": True}
            assert health["telegram"]["webhook_set"] is True and health["telegram"]["getMe"]["answered"] is True
            assert health["queued"]["bulk"] == 0
        finally:
            pump.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await pump
    assert bot.returncode == 0, bot.stderr[-2000:]
    events = bot.events()  # every line is one JSON event
    refusals = [e for e in events if e["level"] == "WARNING" and "webhook request refused" in e["event"]]
    assert len(refusals) == 2, events
    assert "guessed-secret" not in bot.stderr
    for secret_text in (emulator.token, emulator.token.split(":")[1], secret, "Zacarías", "Tegucigalpa"):
        assert secret_text not in bot.stderr


def test_webhook_settings_are_checked_and_the_secret_is_never_shown():
    settings = load_settings(telegram_bot_token="123:abc", webhook_secret="Kept_Secret-1", webhook_port=8443)
    hook = settings.webhook("https://bot.example.org/telegram")
    assert (hook.listen, hook.port, hook.path) == ("127.0.0.1", 8443, "telegram")
    assert hook.secret.get_secret_value() == "Kept_Secret-1" and "Kept_Secret-1" not in repr(hook)
    assert load_settings().webhook() is None  # no URL: polling
    for bad in ({"webhook_secret": "has spaces"}, {"webhook_secret": "x" * 257}, {"webhook_path": "no-slash"},
                {"webhook_url": "ftp://bot.example.org"}):
        with pytest.raises(ConfigError):
            load_settings(**bad)
    with pytest.raises(ValueError):
        settings.webhook("bot.example.org/telegram")
