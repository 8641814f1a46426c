"""Retention: RETENTION_DAYS after closing, a workshop's personal data is erased, the secretariat having been
warned RETENTION_WARNING_DAYS before; the items stay, anonymous, and the roadmap still builds."""

import datetime as dt

import pytest

from bot.domain.clock import parse
from bot.domain.retention import Step, next_step
from bot.jobs import documents, retention
from bot.offline.runner import OfflineBot, offline_settings
from tests.helpers import item, seat
from tests.reports.pdftext import text as pdf_text


@pytest.fixture
async def kept_30_days(emulator, database, workshop_id):
    settings = offline_settings(emulator, database, retention_days=30, retention_warning_days=7)
    async with OfflineBot(settings) as running:
        yield running


async def test_the_secretariat_is_warned_once_then_the_personal_data_goes_and_the_roadmap_stays(
        kept_30_days, emulator, workshop_id):
    bot, storage = kept_30_days, kept_30_days.storage
    ana = await seat(storage, workshop_id, 6001, "Ana Pérez Quintanilla", table="A")
    sara = await seat(storage, workshop_id, 6003, "Sara Secretaría", role="secretariat", country=None, language="en")
    await seat(storage, workshop_id, 6004, "Samuel Secretaría", role="secretariat", country=None, language="es")
    emulator.user(6001, "Ana")
    sara_chat, samuel_chat = emulator.user(6003, "Sara", language_code="en"), emulator.user(6004, "Samuel")
    challenge = await item(storage, workshop_id, ana, "challenge", description="Falta de albergues temporales")
    await storage.conn.execute(
        "INSERT INTO attachments (contribution_id, uploader_id, telegram_file_id, file_name, size, content) "
        "VALUES (?, ?, 'f1', 'practica.pdf', 3, x'255044')", (challenge, ana))
    assert await storage.close_workshop(workshop_id, sara)
    closed_at = parse((await storage.workshop(workshop_id)).reading_ended_at)
    before = pdf_text((await documents.roadmap(storage, workshop_id, "es")).content)
    assert "Falta de albergues temporales" in before
    assert "Ana Pérez Quintanilla" in before  # credited by name while the workshop keeps its data

    now = closed_at + dt.timedelta(days=22)
    bot.app.bot_data["clock"] = lambda: now  # the one clock every rule asks (bot.context.clock)
    assert await retention.sweep(bot.app) == {workshop_id: Step.KEEP}

    now = closed_at + dt.timedelta(days=23, hours=1)  # 7 days before the 30th: the warning, once, to both
    assert await retention.sweep(bot.app) == {workshop_id: Step.WARN}
    warned_en = await sara_chat.wait_for(lambda m: "Data retention notice" in m.text, timeout=15)
    warned_es = await samuel_chat.wait_for(lambda m: "Aviso de conservación de datos" in m.text, timeout=15)
    assert "30 days" in warned_en.text and "/export" in warned_en.text
    assert "30 días" in warned_es.text
    assert await retention.sweep(bot.app) == {workshop_id: Step.KEEP}
    assert sum("retention" in m.text for m in emulator.chat_messages(6003)) == 1
    assert not any("conservación" in m.text for m in emulator.chat_messages(6001))  # a participant is not warned
    assert await storage.fetch_value("SELECT full_name FROM memberships WHERE person_id = ?", (ana,)) \
        == "Ana Pérez Quintanilla"  # nothing erased before the day

    now = closed_at + dt.timedelta(days=30, hours=2)
    assert await retention.sweep(bot.app) == {workshop_id: Step.ERASE}
    assert await retention.sweep(bot.app) == {}  # erased once; nothing left to do
    members = await storage.fetch_all("SELECT full_name, institution, position, other_affiliation, forgotten_at "
                                      "FROM memberships WHERE workshop_id = ?", (workshop_id,))
    assert len(members) == 3 and all(tuple(m)[:4] == (None, None, None, None) and m[4] for m in members)
    people = await storage.fetch_all("SELECT telegram_id, first_name FROM people")
    assert all(p["telegram_id"] < 0 and p["first_name"] is None for p in people)
    assert await storage.fetch_value("SELECT uploader_id FROM attachments") is None
    [kept] = await storage.contributions(workshop_id)
    assert kept.details["description"] == "Falta de albergues temporales" and kept.attribution == "anonymous"
    assert await storage.fetch_value("SELECT count(*) FROM roadmap_deliveries WHERE status = 'pending'") == 0

    after = pdf_text((await documents.roadmap(storage, workshop_id, "es")).content)
    assert "Falta de albergues temporales" in after
    for personal in ("Ana Pérez", "Quintanilla", "Institución", "Cargo", "Sara Secretaría"):
        assert personal not in after


def test_a_bot_that_was_off_during_the_warning_window_warns_first_and_erases_a_full_period_later():
    closed = dt.datetime(2026, 1, 10, tzinfo=dt.UTC)
    late = closed + dt.timedelta(days=45)
    assert next_step(closed, None, late, days=30, warning_days=7) is Step.WARN
    assert next_step(closed, late, late + dt.timedelta(days=6), days=30, warning_days=7) is Step.KEEP
    assert next_step(closed, late, late + dt.timedelta(days=7), days=30, warning_days=7) is Step.ERASE
    assert next_step(closed, None, closed + dt.timedelta(days=22), days=30, warning_days=7) is Step.KEEP
