"""`workshop-bot backup FILE` while the bot runs and people keep sending: the copy is whole and consistent."""

import asyncio
import os
import sqlite3
import sys

from bot.storage import Storage
from bot.storage.database import migrations
from tests.helpers import item, seat


async def _backup_command(database, target) -> asyncio.subprocess.Process:
    env = {**os.environ, "DATABASE_PATH": str(database), "PYTHONPATH": os.getcwd()}
    env.pop("TELEGRAM_BOT_TOKEN", None)  # a backup needs no token
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", "backup", str(target), env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)


async def test_a_backup_taken_during_a_burst_of_submissions_opens_whole_and_consistent(
        bot, emulator, workshop_id, tmp_path):
    storage = bot.storage
    authors = [await seat(storage, workshop_id, 8000 + n, f"Delegada {n}") for n in range(20)]
    target = tmp_path / "copies" / "backup.sqlite3"
    backup = await _backup_command(storage.path, target)
    written_during = 0
    while backup.returncode is None:  # keep the writes coming until the backup is done
        await asyncio.gather(*(item(storage, workshop_id, author, dimensions=("economic", "social"),
                                    description=f"Reto {written_during + n} de la delegación")
                               for n, author in enumerate(authors)))
        written_during += len(authors)  # (the loop noticed the backup's exit while these were written)
    out, err = await backup.communicate()
    assert backup.returncode == 0, err.decode()
    assert f"backup written: {target}" in out.decode()
    assert written_during >= 2 * len(authors)  # the bot's writes went on while the copy was taken

    copy = sqlite3.connect(target)
    try:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert copy.execute("PRAGMA foreign_key_check").fetchall() == []
        assert copy.execute("PRAGMA user_version").fetchone()[0] == migrations()[-1][0]  # the latest schema
        assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one file, nothing beside it
        copied = copy.execute("SELECT count(*) FROM contributions").fetchone()[0]
        # Each item was written with its two dimensions and its author in one transaction: a consistent
        # snapshot holds all three or none of them.
        assert copy.execute("SELECT count(*) FROM contributions c WHERE (SELECT count(*) FROM "
                            "contribution_dimensions d WHERE d.contribution_id = c.id) != 2").fetchone()[0] == 0
        assert copy.execute("SELECT count(*) FROM contribution_dimensions").fetchone()[0] == 2 * copied
        assert copy.execute("SELECT count(*) FROM contributions c WHERE NOT EXISTS (SELECT 1 FROM "
                            "contribution_authors a WHERE a.contribution_id = c.id)").fetchone()[0] == 0
        assert copy.execute("SELECT count(*) FROM memberships WHERE workshop_id = ? AND registered_at "
                            "IS NOT NULL", (workshop_id,)).fetchone()[0] == len(authors)
    finally:
        copy.close()
    assert 0 < copied <= len(await storage.contributions(workshop_id))
    assert not target.with_name(target.name + ".partial").exists()

    # Restoring is copying the file back: the bot's store opens it as it is, nothing to migrate.
    async with Storage(target) as restored:
        assert len(await restored.contributions(workshop_id)) == copied


async def test_a_backup_refuses_to_overwrite_the_store_and_needs_one(tmp_path, database, workshop_id):
    same = await _backup_command(database, database)
    _, err = await same.communicate()
    assert same.returncode == 1 and "must not overwrite the database" in err.decode()
    missing = await _backup_command(tmp_path / "nothing-here.sqlite3", tmp_path / "copy.sqlite3")
    _, err = await missing.communicate()
    assert missing.returncode == 1 and "no database at" in err.decode()
    assert not (tmp_path / "copy.sqlite3").exists()
