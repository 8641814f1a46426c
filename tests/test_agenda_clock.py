"""One clock for every agenda rule: inject it, and sending, the plenary and the briefing all follow it."""

import datetime as dt
from zoneinfo import ZoneInfo

from tests.helpers import participant, seat

PUEBLA = ZoneInfo("America/Mexico_City")


def at(year, month, day, hour, minute):
    return dt.datetime(year, month, day, hour, minute, tzinfo=PUEBLA).astimezone(dt.UTC)


async def test_the_scheduled_windows_open_and_close_sending(bot, emulator, workshop_id):
    ana = await participant(emulator, bot.storage, workshop_id, 8301, table="A", english=True)
    bot.app.bot_data["clock"] = lambda: at(2022, 9, 7, 15, 0)   # day 1, during the mapping window
    assert "New challenge" in (await ana.ask("/challenge")).text
    await ana.ask("/cancel")
    bot.app.bot_data["clock"] = lambda: at(2022, 9, 7, 16, 30)  # after it closed
    refused = await ana.ask("/challenge")
    assert "cannot be sent right now" in refused.text and "Working tables" in refused.text


async def test_the_plenary_follows_its_window(bot, emulator, workshop_id):
    await seat(bot.storage, workshop_id, 8302, "Ana Pérez", table="A")
    ana = emulator.user(8302, "Ana", language_code="es")
    bot.app.bot_data["clock"] = lambda: at(2022, 9, 8, 15, 0)   # day 2, plenary 14:30-16:00
    assert (await ana.ask("/plenary")).text == "Todavía no hay recomendaciones que presentar."
    bot.app.bot_data["clock"] = lambda: at(2022, 9, 8, 16, 10)
    assert (await ana.ask("/plenary")).text.startswith("La plenaria no está abierta ahora.")
