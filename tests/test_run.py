"""The production entry point, `workshop-bot run`, as a separate process polling the emulator."""

import asyncio
import os
import signal
import sys


async def test_run_polls_answers_and_stops_cleanly(emulator, tmp_path):
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": emulator.token, "TELEGRAM_API_URL": emulator.base_url,
           "TELEGRAM_FILE_URL": emulator.base_file_url, "DATABASE_PATH": str(tmp_path / "run.sqlite3"),
           "PYTHONPATH": os.getcwd(), "LOG_LEVEL": "WARNING"}
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", "run", env=env, cwd=tmp_path,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    try:
        ana = emulator.user(5001, "Ana", language_code="en")
        await ana.send_text("/help")
        shown = await ana.next_message(timeout=30)
        assert "invitation link from the secretariat" in shown.text
        assert ("all_private_chats", "es") in emulator.commands
    finally:
        process.send_signal(signal.SIGINT)
        _, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
    assert process.returncode == 0, stderr.decode()[-2000:]
    assert (tmp_path / "run.sqlite3").exists()
