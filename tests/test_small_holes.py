"""Small holes of issues 14 and 15, each as people meet it: a secretariat granted from the command line finds
their menu at once; a broadcast "sent" again after a crash between queueing it and ending the conversation goes
out once; retention takes the erased people's names out of the items' texts too; a commitment whose reporter
stopped gets a new one; a focal point named rapporteur keeps the reporter's commands."""

from __future__ import annotations

import asyncio
import datetime as dt
import re
import signal
import sqlite3

from bot.domain.clock import parse
from bot.domain.editorial import current
from bot.domain.retention import Step, names_to_scrub, scrub_names
from bot.i18n import Texts
from bot.jobs import documents, retention
from bot.storage import Storage
from bot.storage import followup as followup_store
from handlers import callbacks
from tests.helpers import item, person_id, seat
from tests.reports.pdftext import text as pdf_text
from tests.test_crash import start_bot
from tests.test_followup import REPORTER_COMMANDS, _adopted, _commit, chat_menu
from tests.test_moderation_session import table_id
from tests.test_retention import kept_30_days  # noqa: F401  (the fixture: a bot keeping data 30 days)
from tests.test_several_workshops import load_second, workshop_bot

EXAMPLE = "crm-puebla-2022"
SECRETARIAT_TOOLS = {"broadcast", "progress", "commit", "close"}


async def eventually(condition, timeout: float = 15) -> None:
    """Wait for an effect another process or a background job brings about."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, "never happened"
        await asyncio.sleep(0.05)


# -- issue 14: the granted secretariat's menu ---------------------------------------------------------------------

async def test_a_secretariat_granted_from_the_command_line_finds_their_menu_before_writing(
        bot, emulator, database, workshop_id, monkeypatch, capsys):
    await seat(bot.storage, workshop_id, 8302, "Pia Participante")
    code, printed = await workshop_bot(monkeypatch, capsys, database, "admin", "grant", "8301", "--workshop", EXAMPLE)
    assert code == 0 and "is now secretariat" in printed
    # The bot runs in its own process in production: it learns of the grant from the store, by itself.
    await eventually(lambda: set(chat_menu(emulator, 8301)) >= SECRETARIAT_TOOLS)
    assert chat_menu(emulator, 8302) == []  # nobody else's menu changed
    sofia = emulator.user(8301, "Sofía", language_code="es")
    await sofia.ask("/start")  # and their first message keeps it
    assert set(chat_menu(emulator, 8301)) >= SECRETARIAT_TOOLS


async def test_a_claim_code_gives_its_secretariat_the_menu_with_the_welcome(bot, emulator, database, tmp_path,
                                                                          monkeypatch, capsys):
    _, printed = await load_second(bot, monkeypatch, capsys, database, tmp_path)
    claim = re.search(r"/start (\S+)", printed).group(1)
    fer = emulator.user(8402, "Fer", language_code="en")
    await fer.send_text(f"/start {claim}")
    await fer.wait_for(lambda m: m.text.startswith("Welcome to"))
    assert set(chat_menu(emulator, 8402)) >= SECRETARIAT_TOOLS


# -- issue 14: a broadcast queued once, whatever the crash --------------------------------------------------------

_DIES_BEFORE_THE_CONVERSATION_ENDS = (
    "CREATE TRIGGER crash_after_queueing BEFORE DELETE ON dialogues WHEN EXISTS (SELECT 1 FROM announcements "
    "WHERE template = 'bc.delivered') BEGIN SELECT RAISE(ABORT, 'the process died here'); END")


def _sql(database, statement: str) -> None:
    with sqlite3.connect(database) as db:
        db.execute(statement)


async def test_a_broadcast_sent_again_after_a_crash_between_queueing_and_ending_goes_out_once(
        emulator, database, workshop_id, tmp_path):
    async with Storage(database) as storage:
        await seat(storage, workshop_id, 9101, "Sara Secretaría", role="secretariat", country=None, language="en")
        await seat(storage, workshop_id, 9102, "Ana Pérez", table="A")
        await seat(storage, workshop_id, 9103, "John Smith", table="B", language="en")
    sara, ana, john = (emulator.user(9101, "Sara", language_code="en"), emulator.user(9102, "Ana"),
                       emulator.user(9103, "John", language_code="en"))
    process = await start_bot(emulator, database, tmp_path)
    try:
        await sara.send_text("/broadcast")
        await sara.press("Everyone", message=await sara.wait_for(lambda m: m.has_button("Everyone"), timeout=30))
        await sara.wait_for(lambda m: "Type the message for" in m.text, timeout=30)
        await sara.send_text("The bus leaves at 18:00 from the main entrance")
        preview = await sara.wait_for(lambda m: m.has_button("📤 Send to 2"), timeout=30)
        # The process dies after the message is queued and before the conversation ends: the end never happens.
        _sql(database, _DIES_BEFORE_THE_CONVERSATION_ENDS)
        await sara.press("📤 Send to 2", message=preview)
        await sara.wait_for(lambda m: m.text == Texts().html("en", "common.error"), timeout=30)
    finally:
        process.send_signal(signal.SIGKILL)
        await process.wait()
    _sql(database, "DROP TRIGGER crash_after_queueing")
    emulator.redeliver_last()  # the press may come again (the batch was not confirmed) ...

    process = await start_bot(emulator, database, tmp_path)
    try:
        await sara.press("📤 Send to 2", message=preview)  # ... and Sara, never told it went, presses again
        await sara.wait_for(lambda m: "already sent to 2 people" in m.text, timeout=30)
        await eventually(lambda: any(m.text == "Your message reached 2 of 2 people." for m in sara.messages), 30)
        for user in (ana, john):
            await user.wait_for(lambda m: "The bus leaves at 18:00" in m.text, timeout=30)
    finally:
        process.send_signal(signal.SIGINT)
        await process.wait()
    async with Storage(database) as storage:
        assert await storage.fetch_value("SELECT count(*) FROM announcements WHERE template = 'bc.delivered'") == 1
        assert await storage.dialogue(await person_id(storage, 9101)) is None  # the conversation did end
    for user in (ana, john):
        assert sum("The bus leaves at 18:00" in m.text for m in user.messages) == 1


# -- issue 14: retention scrubs the names typed inside texts -----------------------------------------------------

async def test_retention_takes_the_members_names_out_of_the_items_and_their_translations(
        kept_30_days, emulator, workshop_id):  # noqa: F811  (the fixture imported above)
    bot, storage = kept_30_days, kept_30_days.storage
    ana = await seat(storage, workshop_id, 6501, "Ana Pérez Quintanilla", table="A")
    luis = await seat(storage, workshop_id, 6502, "Luis de la Cruz", table="A", language="en")
    sara = await seat(storage, workshop_id, 6503, "Sara Secretaría", role="secretariat", country=None,
                      language="en")
    original = "Como explicó Ana Pérez Quintanilla en Tapachula, y Pérez repitió: sin la Cruz Roja no hay albergue"
    challenge = await item(storage, workshop_id, ana, "challenge", description=original)
    translation = "As Ana Pérez Quintanilla explained in Tapachula, and Pérez repeated: without the Red Cross"
    await storage.set_translation(workshop_id, "item", challenge, "description", "en", translation,
                                  translates=original, person_id=luis)
    practice = await item(storage, workshop_id, luis, "good_practice", language="en", name="Cruz's one-stop desk",
                          where="San Luis Potosí", run_by="the team of luis de la cruz",
                          achieved="5,000 people served, as Sara Secretaría counted")
    assert await storage.close_workshop(workshop_id, sara)
    closed_at = parse((await storage.workshop(workshop_id)).reading_ended_at)
    bot.app.bot_data["clock"] = lambda: closed_at + dt.timedelta(days=23, hours=1)
    assert await retention.sweep(bot.app) == {workshop_id: Step.WARN}
    bot.app.bot_data["clock"] = lambda: closed_at + dt.timedelta(days=30, hours=2)
    assert await retention.sweep(bot.app) == {workshop_id: Step.ERASE}

    items = {i.id: i for i in await storage.contributions(workshop_id)}
    assert items[challenge].details["description"] == (
        "Como explicó [nombre suprimido] en Tapachula, y [nombre suprimido] repitió: sin la Cruz Roja no hay "
        "albergue")  # the whole name as one, the family name alone, and the Red Cross kept
    assert items[practice].details["where"] == "San Luis Potosí"  # a place, not Luis
    assert items[practice].details["run_by"] == "the team of [name removed]"  # in the item's language
    assert items[practice].details["achieved"] == "5,000 people served, as [name removed] counted"
    [english] = [t for t in await storage.texts(workshop_id, "item", challenge) if t.language == "en"]
    assert english.body == ("As [name removed] explained in Tapachula, and [name removed] repeated: without the "
                            "Red Cross")
    assert current(english, items[challenge].details["description"])  # still the translation of what is there

    for language in ("es", "en"):
        roadmap = " ".join(pdf_text((await documents.roadmap(storage, workshop_id, language)).content).split())
        assert "Tapachula" in roadmap
        for personal in ("Pérez", "Quintanilla", "de la Cruz", "Sara Secretaría"):
            assert personal not in roadmap, (language, personal)
    assert "[nombre suprimido] en Tapachula" in " ".join(pdf_text(
        (await documents.roadmap(storage, workshop_id, "es")).content).split())


# -- issue 15: a stopped reporter's commitment, and a focal point made rapporteur --------------------------------

async def test_the_secretariat_gives_a_stopped_commitment_a_new_reporter(bot, emulator, workshop_id):
    storage = bot.storage
    await seat(storage, workshop_id, 7201, "Sara Secretaría", role="secretariat", country=None, language="en")
    ana_id = await seat(storage, workshop_id, 7202, "Ana Pérez", country="GT")
    luis_id = await seat(storage, workshop_id, 7203, "Luis Gómez", country="GT")
    await seat(storage, workshop_id, 7204, "Bruno Díaz", country="HN")
    sara, ana, luis, bruno = (emulator.user(7201, "Sara", language_code="en"), emulator.user(7202, "Ana"),
                              emulator.user(7203, "Luis"), emulator.user(7204, "Bruno"))
    jobs = await _adopted(storage, workshop_id, ana_id, "Crear ventanillas de empleo para personas retornadas")
    await _commit(sara, f"Rec-{jobs}", "Guatemala", "Ana Pérez")
    [made] = await followup_store.commitments(storage, workshop_id)

    await ana.send_text("/stopreporting")
    await ana.press("Dejar de informar", message=await ana.wait_for(lambda m: m.has_button("Dejar de informar")))
    await ana.wait_for(lambda m: m.text.startswith("Ya no informa sobre 1"))
    assert (await sara.wait_for(lambda m: "stopped reporting" in m.text)).text

    again = await _commit(sara, f"Rec-{jobs}", "Guatemala", "Luis Gómez")
    assert "nobody reported on any more" in again.text and "Luis Gómez reports on it now" in again.text
    [kept] = await followup_store.commitments(storage, workshop_id)
    assert (kept.id, kept.reporter_id, kept.stopped_at) == (made.id, luis_id, None)  # the same commitment
    assert set(chat_menu(emulator, 7203)) >= REPORTER_COMMANDS
    assert "Usted informa sobre 1 compromiso(s)" in (await luis.ask("/checkin")).text
    # Someone reports on it now: it is not taken from them.
    assert "had already committed" in (await _commit(sara, f"Rec-{jobs}", "Guatemala", "Ana Pérez")).text
    assert (await followup_store.commitments(storage, workshop_id))[0].reporter_id == luis_id
    # From the wrong side: neither a participant nor the stopped reporter can reassign it.
    assert (await bruno.ask("/commit")).text == "Esta acción es solo para la secretaría del taller."
    assert (await ana.ask("/commit")).text == "Esta acción es solo para la secretaría del taller."


async def test_a_focal_point_named_rapporteur_keeps_the_reporters_commands(bot, emulator, workshop_id):
    storage = bot.storage
    await seat(storage, workshop_id, 7301, "Sara Secretaría", role="secretariat", country=None, language="en")
    ana_id = await seat(storage, workshop_id, 7302, "Ana Pérez", table="A")
    luis_id = await seat(storage, workshop_id, 7303, "Luis Gómez", table="A")
    await seat(storage, workshop_id, 7304, "Mora Moderadora", role="moderator", table="A")
    sara, mora = emulator.user(7301, "Sara", language_code="en"), emulator.user(7304, "Mora")
    emulator.user(7302, "Ana")
    emulator.user(7303, "Luis")
    jobs = await _adopted(storage, workshop_id, ana_id, "Crear ventanillas de empleo")
    await _commit(sara, f"Rec-{jobs}", "Guatemala", "Ana Pérez")
    assert set(chat_menu(emulator, 7302)) >= REPORTER_COMMANDS

    a = await table_id(storage, workshop_id)
    await mora.press_data(callbacks.RAP_NAME.data(a, ana_id), (await mora.ask("/help")).message_id)
    await mora.wait_for(lambda m: "Ana Pérez" in m.text)
    assert set(chat_menu(emulator, 7302)) >= REPORTER_COMMANDS | {"rapporteur", "synthesis"}  # both parts at once

    await mora.press_data(callbacks.RAP_NAME.data(a, luis_id), mora.last_message.message_id)
    await mora.wait_for(lambda m: "Luis Gómez" in m.text)
    menu = set(chat_menu(emulator, 7302))
    assert menu >= REPORTER_COMMANDS and "rapporteur" not in menu  # replaced: still a focal point


def test_names_go_whole_or_as_a_name_written_with_a_capital_and_places_stay():
    names = names_to_scrub(["Ana Pérez Quintanilla", "Luis de la Cruz", "Paz Gómez", None])
    assert "de" not in names and "la" not in names  # particles are never a name by themselves
    cases = {
        "como dijo ana perez quintanilla": "como dijo [x]",  # whole, in any case, without accents
        "Gómez, Paz y Pérez": "[x], [x] y [x]",
        "una cultura de paz": "una cultura de paz",  # a word, not the name
        "La Cruz Roja en San Luis Potosí y La Paz": "La Cruz Roja en San Luis Potosí y La Paz",
        "Anaís y Luisa": "Anaís y Luisa",  # whole words only
        "Dijo Luis.": "Dijo [x].",
    }
    assert {text: scrub_names(text, names, "[x]") for text in cases} == cases
