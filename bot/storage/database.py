"""One aiosqlite connection, migrated on open, with every write in one serialised transaction.

SQLite allows one writer at a time; serialising writes behind an asyncio lock (rather than relying on
SQLITE_BUSY retries) keeps handlers, jobs and broadcasts from tripping over each other, and
``BEGIN IMMEDIATE`` takes the write lock up front so a transaction never fails half-way on upgrade.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import re
import sqlite3
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any

import aiosqlite

_MIGRATION_NAME = re.compile(r"^(\d{3})_[a-z0-9_]+\.sql$")


def migrations() -> list[tuple[int, str]]:
    """The numbered SQL files shipped in ``bot/storage/migrations``, in order."""
    found = []
    for entry in resources.files("bot.storage.migrations").iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.read_text(encoding="utf-8")))
    return sorted(found)


def placeholders(values: Sequence[Any]) -> str:
    """``(?, ?, ?)`` for an ``IN`` over these values: the values themselves go in as parameters, never as SQL."""
    if not values:
        raise ValueError("an IN list needs at least one value")
    return "(" + ", ".join("?" * len(values)) + ")"


_SHIFT = re.compile(r"^([+-]?\d+(?:\.\d+)?) (second|minute|hour|day)s?$")
_FORMS = {"%Y": "%Y", "%m": "%m", "%d": "%d", "%H": "%H", "%M": "%M", "%S": "%S"}


def _sqlite_strftime(now: Callable[[], dt.datetime]) -> Callable[..., str | None]:
    """SQLite's ``strftime(format, time, modifiers...)`` with ``'now'`` read from ``now``, for the forms the
    store writes ('%Y-%m-%dT%H:%M:%fZ' and the like, '%f' being seconds with milliseconds) and the shifts it
    asks for ('-2 days')."""

    def strftime(form: str, value: str, *modifiers: str) -> str | None:
        if value == "now":
            moment = now().astimezone(dt.UTC)
        else:
            try:
                moment = dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
            except ValueError:
                return None
        for modifier in modifiers:
            shift = _SHIFT.match(str(modifier).strip())
            if shift is None:
                return None
            moment += dt.timedelta(**{shift.group(2) + "s": float(shift.group(1))})
        out = form.replace("%f", f"{moment.second:02d}.{moment.microsecond // 1000:03d}")
        for token, python in _FORMS.items():
            out = out.replace(token, moment.strftime(python))
        return out

    return strftime


class Database:
    """The project's only door to SQLite: open, migrate, read, and write in transactions."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._conn: aiosqlite.Connection | None = None
        self._write_lock = asyncio.Lock()
        self._now: Callable[[], dt.datetime] | None = None  # None: SQLite's own clock (``stamp_with``)

    async def open(self) -> Database:
        if self.path.parent and not self.path.parent.exists():
            self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = await aiosqlite.connect(self.path, isolation_level=None)
        conn.row_factory = sqlite3.Row
        if self._now is not None:
            strftime = _sqlite_strftime(self._now)
            for arguments in (2, 3):
                await conn.create_function("strftime", arguments, strftime)
        for pragma in ("journal_mode=WAL", "foreign_keys=ON", "synchronous=NORMAL", "busy_timeout=5000"):
            await conn.execute(f"PRAGMA {pragma}")
        self._conn = conn
        await self._migrate()
        return self

    def stamp_with(self, now: Callable[[], dt.datetime]) -> None:
        """Stamp what is written with ``now`` instead of the real time: for a rehearsal played on a simulated
        clock (the demo), whose documents must print the times of the event it plays, not of the minute it ran.

        SQLite writes its own stamps (``strftime(..., 'now')`` in defaults and updates); a function defined on
        the connection under the same name takes the place of the built-in one for that connection only. Set
        before ``open``: a statement prepared earlier would keep the built-in one. The bot itself never calls
        this: it keeps SQLite's real clock."""
        if self._conn is not None:
            raise RuntimeError("stamp_with must be set before the database is opened")
        self._now = now

    async def close(self) -> None:
        if self._conn is not None:
            await self._conn.close()
            self._conn = None

    async def __aenter__(self) -> Database:
        return await self.open()

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    @property
    def conn(self) -> aiosqlite.Connection:
        if self._conn is None:
            raise RuntimeError("the database is not open")
        return self._conn

    async def schema_version(self) -> int:
        row = await self.fetch_one("PRAGMA user_version")
        return int(row[0])

    async def _migrate(self) -> None:
        async with self._write_lock:
            current = await self.schema_version()
            for number, script in migrations():
                if number > current:
                    # Each script holds its own BEGIN IMMEDIATE ... user_version ... COMMIT.
                    await self.conn.executescript(script)

    # Every await on aiosqlite is a round trip to its thread, and the bot handles updates one at a time: reads
    # and single-statement writes below take one trip each (execute_fetchall; no separate fetch or close).

    async def fetch_one(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> sqlite3.Row | None:
        rows = await self.conn.execute_fetchall(sql, params)
        return rows[0] if rows else None

    async def fetch_all(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[sqlite3.Row]:
        return list(await self.conn.execute_fetchall(sql, params))

    async def write(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> int:
        """One statement that stands alone, committed by itself (autocommit); under the write lock so that it
        never lands inside another coroutine's transaction. Returns the row count."""
        async with self._write_lock:
            cursor = await self.conn.execute(sql, params)
            return cursor.rowcount

    async def fetch_value(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Any:
        row = await self.fetch_one(sql, params)
        return None if row is None else row[0]

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Writer]:
        """Everything written inside commits together, or not at all."""
        async with self._write_lock:
            await self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield Writer(self.conn)
            except BaseException:
                await self.conn.execute("ROLLBACK")
                raise
            else:
                await self.conn.execute("COMMIT")


class Writer:
    """The handle a transaction hands out: statements run inside that transaction."""

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    async def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> int:
        """Run one statement; returns the last inserted row id (or the row count for updates)."""
        cursor = await self._conn.execute(sql, params)
        if sql.lstrip().upper().startswith("INSERT"):
            return cursor.lastrowid or 0
        return cursor.rowcount

    async def execute_many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        await self._conn.executemany(sql, rows)

    async def fetch_one(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> sqlite3.Row | None:
        rows = await self._conn.execute_fetchall(sql, params)
        return rows[0] if rows else None

    async def fetch_all(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[sqlite3.Row]:
        return list(await self._conn.execute_fetchall(sql, params))
