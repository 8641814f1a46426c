"""Fixtures: a fresh emulator, a fresh database holding the example workshop, and the real bot polling it."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("PTB_TIMEDELTA", "1")

from bot.domain.workshop_file import EXAMPLE_FILE, load_workshop
from bot.offline.emulator import BotApiEmulator
from bot.offline.runner import OfflineBot, offline_settings
from bot.storage import Storage

BOT_USERNAME = "workshop_test_bot"


@pytest.fixture
async def emulator():
    async with BotApiEmulator(token="123456:TEST-TOKEN", bot_username=BOT_USERNAME) as emu:
        yield emu


@pytest.fixture
def database(tmp_path):
    return tmp_path / "workshop.sqlite3"


@pytest.fixture
def example_workshop():
    return load_workshop(EXAMPLE_FILE)


@pytest.fixture
async def workshop_id(database, example_workshop):
    """The example workshop stored before the bot starts, as ``workshop-bot workshop load`` would."""
    async with Storage(database) as storage:
        return await storage.save_workshop(example_workshop)


@pytest.fixture
async def bot(emulator, database, workshop_id):
    async with OfflineBot(offline_settings(emulator, database)) as running:
        yield running


@pytest.fixture
async def bare_bot(emulator, database):
    """The bot with an empty store: no workshop loaded."""
    async with OfflineBot(offline_settings(emulator, database)) as running:
        yield running
