"""What running the bot needs from the store besides the workshop itself: a health answer and backups.

The backup uses SQLite's online backup API on a connection of its own, copying every page in one step: in WAL
mode that step is a read transaction, which the bot's writer never waits for, and a one-step copy cannot be
restarted by those writes (a copy in small steps starts over whenever another connection writes, and under a
steady stream of submissions might never finish). The result is one self-contained file, a snapshot of one
moment, written beside the target and renamed into place, so a half-written backup never has the final name.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from bot.storage.database import Database


@dataclass(frozen=True)
class Queued:
    """Work waiting to go out: bulk deliveries (announcements, phase notices, the final roadmap) and the
    confirmations still owed to authors (the outbox)."""

    announcements: int
    roadmap: int
    confirmations: int

    @property
    def bulk(self) -> int:
        return self.announcements + self.roadmap


async def store_answers(db: Database) -> bool:
    """The store can be read now (a health probe must not wait on the write lock, so this only reads)."""
    return await db.fetch_value("SELECT 1") == 1


async def queued(db: Database) -> Queued:
    row = await db.fetch_one(
        "SELECT (SELECT count(*) FROM announcement_deliveries WHERE status = 'pending') AS announcements, "
        "(SELECT count(*) FROM roadmap_deliveries WHERE status = 'pending') AS roadmap, "
        "(SELECT count(*) FROM outbox WHERE status IN ('pending', 'sending')) AS confirmations")
    return Queued(row["announcements"], row["roadmap"], row["confirmations"])


@dataclass(frozen=True)
class Backup:
    path: Path
    schema_version: int
    bytes: int
    integrity: str


def backup(source: Path, target: Path) -> Backup:
    """A consistent copy of the store at ``source`` in ``target`` (replaced if it exists), checked before it
    is given the final name. Blocking: call it in a thread when the event loop must keep going."""
    source, target = Path(source), Path(target)
    if not source.exists():
        raise FileNotFoundError(f"no database at {source}")
    if target.resolve() == source.resolve():
        raise ValueError("the backup must not overwrite the database itself")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    reader = sqlite3.connect(source, timeout=5.0)
    copy = sqlite3.connect(partial)
    try:
        reader.execute("PRAGMA busy_timeout = 5000")
        reader.backup(copy, pages=-1)  # every page in one step: one snapshot, never restarted by a writer
        copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file, nothing in a -wal beside it
        integrity = copy.execute("PRAGMA integrity_check").fetchone()[0]
        version = copy.execute("PRAGMA user_version").fetchone()[0]
    finally:
        copy.close()
        reader.close()
    if integrity != "ok":
        partial.unlink(missing_ok=True)
        raise RuntimeError(f"the copy failed its integrity check: {integrity}")
    os.replace(partial, target)
    return Backup(target, version, target.stat().st_size, integrity)
