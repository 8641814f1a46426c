"""A crash (SIGKILL, no shutdown at all) in the middle of a registration loses nothing and repeats nothing."""

import asyncio
import os
import signal
import sys

from bot.domain.invitations import new_token
from bot.storage import Storage


async def start_bot(emulator, database, tmp_path):
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": emulator.token, "TELEGRAM_API_URL": emulator.base_url,
           "TELEGRAM_FILE_URL": emulator.base_file_url, "DATABASE_PATH": str(database),
           "PYTHONPATH": os.getcwd(), "LOG_LEVEL": "WARNING"}
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", "run", env=env, cwd=tmp_path,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL)


async def test_a_killed_bot_resumes_the_conversation_without_duplicates(emulator, database, workshop_id, tmp_path):
    token = new_token()
    async with Storage(database) as storage:
        await storage.create_invitation(workshop_id, token, "participant")
    process = await start_bot(emulator, database, tmp_path)
    try:
        ana = emulator.user(9001, "Ana", language_code="es")
        await ana.send_text(f"/start {token}")
        await ana.press("Español", message=await ana.wait_for(lambda m: m.has_button("Español"), timeout=30))
        await ana.wait_for(lambda m: "nombre completo" in m.text, timeout=30)
        await ana.ask("Ana Crash", timeout=30)
        await ana.press("Honduras")
        await ana.wait_for(lambda m: "institución" in m.text, timeout=30)
    finally:
        process.send_signal(signal.SIGKILL)
        await process.wait()
    # The last batch may not have been confirmed to the Bot API: it comes again, and must change nothing.
    emulator.redeliver_last()

    process = await start_bot(emulator, database, tmp_path)
    try:
        assert "cargo" in (await ana.ask("Secretaría de Relaciones Exteriores", timeout=30)).text
        await ana.send_text("Oficial de reintegración")
        notice = await ana.wait_for(lambda m: m.has_button("Acepto"), timeout=30)
        await ana.press("Acepto", message=notice)
        await ana.wait_for(lambda m: "registro está completo" in m.text, timeout=30)
    finally:
        process.send_signal(signal.SIGINT)
        await process.wait()

    async with Storage(database) as storage:
        row = await storage.fetch_one(
            "SELECT m.full_name, m.country, m.institution, m.registered_at FROM memberships m "
            "JOIN people p ON p.id = m.person_id WHERE p.telegram_id = 9001")
        uses = await storage.fetch_value("SELECT uses FROM invitations WHERE token = ?", (token,))
    assert (row["full_name"], row["country"], row["institution"]) == (
        "Ana Crash", "HN", "Secretaría de Relaciones Exteriores")
    assert row["registered_at"] and uses == 1
    asked_for_institution = [m for m in ana.messages if m.text.startswith("¿En qué institución")]
    assert len(asked_for_institution) == 1  # the redelivered press was not handled twice
