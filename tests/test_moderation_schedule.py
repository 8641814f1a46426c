"""The agenda closes tables on time by itself, through restarts, exactly once; its clock can be injected."""

import datetime as dt
import zoneinfo

from bot.jobs import scheduler as phases
from bot.storage import Storage
from tests.helpers import open_phase, seat
from tests.test_moderation_session import table_id

CLOSED = "quedó cerrada"


def closed_notices(user):
    return [m for m in user.messages if CLOSED in m.text]


async def closes(storage, workshop_id):
    a = await table_id(storage, workshop_id)
    return [e for e in await storage.audit_entries(workshop_id, a) if e.action == "agenda_close"]


async def test_a_close_due_while_the_bot_was_down_happens_once_at_start(bot, emulator, workshop_id, database):
    await seat(bot.storage, workshop_id, 3701, "Ana Pérez", table="A")
    ana = emulator.user(3701)
    a = await table_id(bot.storage, workshop_id)
    opened = (dt.datetime.now(dt.UTC) - dt.timedelta(minutes=10)).isoformat(timespec="seconds")
    await bot.storage.set_phase_state(workshop_id, "tables", "open", a, opened)  # opened by hand 10 min ago
    await bot.stop()
    async with Storage(database) as storage:  # the agenda said: close a moment ago, while the bot was down
        past = (dt.datetime.now(dt.UTC) - dt.timedelta(seconds=2)).isoformat(timespec="seconds")
        await storage.set_phase_schedule(workshop_id, "tables", a, closes_at=past, reminder_minutes=0)
    await bot.start()
    await ana.wait_for(lambda m: CLOSED in m.text)
    await bot.restart()
    await ana.ask("/help")  # a round trip after the second start: anything it planned has had its turn
    assert len(closed_notices(ana)) == 1
    assert len(await closes(bot.storage, workshop_id)) == 1


async def test_a_close_pending_across_a_restart_still_happens_once(bot, emulator, workshop_id):
    storage = bot.storage
    await seat(storage, workshop_id, 3801, "Ana Pérez", table="A")
    ana = emulator.user(3801)
    await open_phase(storage, workshop_id, "tables", table="A")
    a = await table_id(storage, workshop_id)
    soon = (dt.datetime.now(dt.UTC) + dt.timedelta(seconds=1)).isoformat(timespec="milliseconds")
    await storage.set_phase_schedule(workshop_id, "tables", a, closes_at=soon, reminder_minutes=0)
    await phases.reschedule(bot.app)
    await bot.restart()  # the job planned before is gone with the old process; the new one re-plans it
    await ana.wait_for(lambda m: CLOSED in m.text)
    await bot.restart()
    await ana.ask("/help")
    assert len(closed_notices(ana)) == 1
    assert len(await closes(bot.storage, workshop_id)) == 1
    row = next(p for p in await bot.storage.phases(workshop_id) if p.table_id == a)
    assert row.state == "closed"


async def test_with_an_injected_clock_the_real_agenda_reminds_and_closes_the_tables(bot, emulator, workshop_id):
    """The example workshop's tables close at 12:30 in Puebla on 8 September 2022: run the clock as if it
    were a second and a half before that."""
    storage = bot.storage
    await seat(storage, workshop_id, 3901, "Ana Pérez", table="A")
    await seat(storage, workshop_id, 3902, "John Smith", table="C", language="en")
    ana, john = emulator.user(3901), emulator.user(3902)
    close = dt.datetime(2022, 9, 8, 12, 30, tzinfo=zoneinfo.ZoneInfo("America/Mexico_City"))
    offset = close - dt.timedelta(seconds=1.5) - dt.datetime.now(dt.UTC)
    bot.app.bot_data["clock"] = lambda: dt.datetime.now(dt.UTC) + offset
    await phases.reschedule(bot.app)
    reminder = await ana.wait_for(lambda m: "se cierra en" in m.text)
    assert "12:30" in reminder.text and "America/Mexico_City" in reminder.text
    await john.wait_for(lambda m: "closes in" in m.text)
    await ana.wait_for(lambda m: CLOSED in m.text)
    await john.wait_for(lambda m: "is now closed" in m.text)
    row = next(p for p in await storage.phases(workshop_id) if p.code == "tables" and p.table_id is None)
    assert row.state == "closed" and row.opened_at and row.reminded_at
    assert not any("abierta" in m.text for m in ana.messages)  # opened two hours late: applied, not announced
