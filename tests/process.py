"""The real ``workshop-bot run`` as a separate process against the emulator, as production starts it."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import sys
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp


def free_port() -> int:
    """A local port nobody listens on right now (the bot is told to listen there)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Process:
    process: asyncio.subprocess.Process
    stderr: str = ""
    returncode: int | None = None
    lines: list[str] = field(default_factory=list)

    def events(self) -> list[dict]:
        """The log lines as JSON objects (every line must be one)."""
        return [json.loads(line) for line in self.lines]


@asynccontextmanager
async def workshop_bot(emulator, database: Path, *args: str, **settings: str):
    """``workshop-bot run *args`` with ``settings`` as environment variables; stopped with SIGINT (Ctrl+C), its
    log lines (stderr) kept for the test."""
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": emulator.token, "TELEGRAM_API_URL": emulator.base_url,
           "TELEGRAM_FILE_URL": emulator.base_file_url, "DATABASE_PATH": str(database),
           "PYTHONPATH": os.getcwd(), "LOG_LEVEL": "WARNING", **settings}
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", "run", *args, env=env, cwd=database.parent,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    running = Process(process)
    try:
        yield running
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGINT)
        _, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
        running.stderr = stderr.decode()
        running.lines = [line for line in running.stderr.splitlines() if line.strip()]
        running.returncode = process.returncode


async def get_json(url: str, *, timeout: float = 15) -> tuple[int, dict]:
    """GET a JSON answer, waiting for the server to come up (the bot starts it once the store is open)."""
    deadline = asyncio.get_running_loop().time() + timeout
    async with aiohttp.ClientSession() as session:
        while True:
            try:
                async with session.get(url) as response:
                    return response.status, await response.json()
            except aiohttp.ClientConnectionError:
                if asyncio.get_running_loop().time() > deadline:
                    raise
                await asyncio.sleep(0.05)
