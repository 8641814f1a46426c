"""One bot, several workshops: a second file loaded while the bot runs, a person in both moving between them with
/workshop, each roadmap holding only its own items; the first secretariat of a workshop made from the command line
or by a one-time claim code; closing archives a workshop (listed as archived, frozen, still downloadable); and the
scope and timeframe buttons read from the workshop file."""

from __future__ import annotations

import asyncio
import csv
import io
import re
import zipfile

import pytest

from bot import cli
from bot.domain.workshop_file import EXAMPLE_FILE, WorkshopFileError, load_workshop
from bot.i18n import Texts
from bot.jobs import documents
from bot.storage import followup as followup_store
from handlers import callbacks
from tests.helpers import item, open_phase, person_id, seat, tick
from tests.reports.pdftext import text as pdf_text
from tests.test_followup import chat_menu

SECOND = "crm-seguimiento-2026"
SECOND_TITLE_ES = "Taller de Seguimiento 2026"
OTHER_CHOICES = '''scopes = [
  { id = "municipal", name = { es = "Municipal (en cada ciudad)", en = "Municipal (in each city)" } },
  { id = "regional" }]
timeframes = [{ id = "now", name = { es = "Este año", en = "This year" } },
              { id = "later", name = { es = "Antes de 2030", en = "Before 2030" } }]
'''


def second_file(tmp_path, choices: str = OTHER_CHOICES, year: int = 2022):
    """The example workshop under another id and title, with its own scope and timeframe choices (and its dates
    moved to ``year``)."""
    source = EXAMPLE_FILE.read_text(encoding="utf-8").replace("2022-", f"{year}-")
    source = source.replace('id = "crm-puebla-2022"', f'id = "{SECOND}"', 1)
    title = 'title = { es = "Taller sobre Reintegración Sostenible", en = "Workshop on Sustainable Reintegration" }'
    source = source.replace(title, f'title = {{ es = "{SECOND_TITLE_ES}", en = "Follow-up Workshop 2026" }}', 1)
    # The file's two lists, each on one line or spread over several, with any comment lines between them.
    source, replaced = re.subn(r"^scopes = (?:\[[^\]]*\]|.*)\n(?:#.*\n)*timeframes = (?:\[[^\]]*\]|.*)\n",
                               choices, source, count=1, flags=re.M)
    assert replaced == 1, "the example file's scopes and timeframes were not found"
    path = tmp_path / f"{SECOND}.toml"
    path.write_text(source, encoding="utf-8")
    return path


async def workshop_bot(monkeypatch, capsys, database, *argv: str) -> tuple[int, str]:
    """``workshop-bot ...`` as typed on the machine the bot runs on, on the same store, while the bot runs (in a
    thread of its own, with its own event loop and its own connection, as the real command would)."""
    monkeypatch.setenv("DATABASE_PATH", str(database))
    monkeypatch.setattr(cli, "setup_logging", lambda settings: None)  # the test run's logging stays as it is
    capsys.readouterr()
    code = await asyncio.to_thread(cli.main, list(argv))
    return code, capsys.readouterr().out


async def load_second(bot, monkeypatch, capsys, database, tmp_path) -> tuple[int, str]:
    """Load the second file while the bot runs; its id and what the command printed."""
    code, printed = await workshop_bot(monkeypatch, capsys, database, "workshop", "load", str(second_file(tmp_path)))
    assert code == 0, printed
    stored = await bot.storage.workshop_by_slug(SECOND)
    assert stored is not None
    return stored.id, printed


async def send_challenge(user, text: str) -> int:
    """A challenge through the whole conversation, in Spanish; returns the id its confirmed reference names."""
    await user.ask("/challenge")
    await user.ask(text)
    await user.press("Comunitario")
    dims = await user.next_message()
    await tick(user, "Social", "Listo", message=dims)
    groups = await user.wait_for(lambda m: m.has_button("Ninguno de estos"))
    await user.press("Listo", message=groups)
    await user.wait_for(lambda m: m.has_button("Anónimo"))
    await user.press("Anónimo")
    await user.wait_for(lambda m: m.has_button("Enviar"))
    await user.press("Enviar")
    sent = await user.wait_for(lambda m: "quedó guardado" in m.text)
    return int(re.search(r"\b[A-Za-z]{1,3}-(\d+)", sent.text).group(1))


async def roadmap_text(user, workshop_slug: str) -> str:
    await user.ask("/roadmap")
    await user.press("Español")
    document = await user.wait_for(lambda m: m.document is not None and workshop_slug in m.document["file_name"],
                                   timeout=30)
    return pdf_text(document.document["content"])


async def test_a_person_in_two_workshops_chooses_with_workshop_and_each_roadmap_holds_its_own(
        bot, emulator, database, workshop_id, tmp_path, monkeypatch, capsys):
    storage = bot.storage
    second_id, _ = await load_second(bot, monkeypatch, capsys, database, tmp_path)
    assert second_id != workshop_id
    # Ana is registered in both (the second joined last, so she is in it now).
    await seat(storage, workshop_id, 8101, "Ana Pérez", role="secretariat", country="GT")
    await seat(storage, second_id, 8101, "Ana Pérez", role="secretariat", country="GT")
    await open_phase(storage, workshop_id, "mapping")
    await open_phase(storage, second_id, "mapping")
    ana = emulator.user(8101, "Ana", language_code="es")

    listed = await ana.ask("/workshop")
    assert "Tus talleres" in listed.text
    assert f"▶ {SECOND_TITLE_ES}" in listed.text
    assert "Taller sobre Reintegración Sostenible" in listed.text and "(estás aquí)" in listed.text
    assert listed.button_texts == ["↪ Taller sobre Reintegración Sostenible"]
    assert "Programa" in listed.text  # the agenda of the workshop file, read at last

    first_ref = await send_challenge(ana, "Falta de empleo en el taller de seguimiento")
    await ana.ask("/workshop")
    await ana.press("↪ Taller sobre Reintegración Sostenible")
    moved = await ana.wait_for(lambda m: m.text.startswith("Ahora estás en"))
    assert "Taller sobre Reintegración Sostenible" in moved.text
    assert (await storage.person(await person_id(storage, 8101))).current_workshop_id == workshop_id
    second_ref = await send_challenge(ana, "Estigma comunitario en Puebla")

    pid = await person_id(storage, 8101)
    [in_second] = await storage.contributions(second_id, author_id=pid)
    [in_first] = await storage.contributions(workshop_id, author_id=pid)
    assert (in_second.id, in_first.id) == (first_ref, second_ref)
    assert in_second.details["description"] == "Falta de empleo en el taller de seguimiento"

    first_roadmap = await roadmap_text(ana, "crm-puebla-2022")
    assert "Estigma comunitario en Puebla" in first_roadmap
    assert "Falta de empleo en el taller de seguimiento" not in first_roadmap
    await ana.ask("/workshop")
    await ana.press(f"↪ {SECOND_TITLE_ES}")
    await ana.wait_for(lambda m: m.text.startswith("Ahora estás en") and SECOND_TITLE_ES in m.text)
    second_roadmap = await roadmap_text(ana, SECOND)
    assert "Falta de empleo en el taller de seguimiento" in second_roadmap
    assert "Estigma comunitario en Puebla" not in second_roadmap


async def test_a_file_loaded_while_the_bot_runs_has_its_agenda_planned_without_a_restart(
        bot, emulator, database, tmp_path, monkeypatch, capsys):
    def planned_phases():
        return {job.data["phase_id"] for job in bot.app.job_queue.jobs() if (job.name or "").startswith("phase:")}

    before = planned_phases()
    code, _ = await workshop_bot(monkeypatch, capsys, database, "workshop", "load",
                                 str(second_file(tmp_path, year=2099)))
    assert code == 0
    second = await bot.storage.workshop_by_slug(SECOND)
    ids = {p.id for p in await bot.storage.phases(second.id)}
    for _ in range(100):  # the watch looks every few seconds
        if ids <= planned_phases():
            break
        await asyncio.sleep(0.1)
    assert ids <= planned_phases() and not ids & before


async def test_a_forged_workshop_button_moves_nobody(bot, emulator, database, workshop_id, tmp_path, monkeypatch,
                                                     capsys):
    storage = bot.storage
    second_id, _ = await load_second(bot, monkeypatch, capsys, database, tmp_path)
    await seat(storage, workshop_id, 8201, "Beto Ruiz")
    beto = emulator.user(8201, "Beto", language_code="es")
    listed = await beto.ask("/workshop")
    assert listed.button_texts == []  # one workshop: nothing to choose
    await beto.press_data(callbacks.WORKSHOP_CHOOSE.data(second_id), listed.message_id)
    assert (await beto.wait_for_callback_answer())["text"] == "Ya no eres parte de ese taller."
    assert (await storage.person(await person_id(storage, 8201))).current_workshop_id == workshop_id
    assert await storage.membership(second_id, await person_id(storage, 8201)) is None


async def test_admin_grant_makes_the_first_secretariat(bot, emulator, database, tmp_path, monkeypatch, capsys):
    storage = bot.storage
    second_id, _ = await load_second(bot, monkeypatch, capsys, database, tmp_path)
    code, printed = await workshop_bot(monkeypatch, capsys, database, "admin", "grant", "8301", "--workshop", SECOND)
    assert code == 0 and "is now secretariat" in printed
    code, printed = await workshop_bot(monkeypatch, capsys, database, "admin", "grant", "8301", "--workshop", SECOND)
    assert code == 0 and "already was secretariat" in printed
    code, printed = await workshop_bot(monkeypatch, capsys, database, "admin", "grant", "8301", "--workshop", "nope")
    assert code == 1 and "no workshop 'nope'" in printed

    pid = await person_id(storage, 8301)
    assert [r.role for r in await storage.roles(second_id, pid)] == ["secretariat"]
    sofia = emulator.user(8301, "Sofía", language_code="es")
    await sofia.ask("/start")
    await sofia.press("Español")
    await sofia.wait_for(lambda m: "?" in m.text and not m.buttons)  # registration's first question
    assert (await storage.person(pid)).current_workshop_id == second_id


async def test_a_claim_code_makes_its_first_user_the_secretariat_once(bot, emulator, database, tmp_path,
                                                                       monkeypatch, capsys):
    storage = bot.storage
    second_id, printed = await load_second(bot, monkeypatch, capsys, database, tmp_path)
    claim = re.search(r"/start (\S+)", printed).group(1)
    again_code, again = await workshop_bot(monkeypatch, capsys, database, "workshop", "load",
                                           str(second_file(tmp_path)))
    fresh = re.search(r"/start (\S+)", again).group(1)  # still no secretariat: a new code, the old one cancelled
    assert again_code == 0 and fresh != claim

    wrong = emulator.user(8401, "Wendy", language_code="en")
    assert (await wrong.ask(f"/start {claim}")).text == emulator_text("en", "invite.revoked")
    assert (await wrong.ask(f"/start {fresh[:-2]}xx")).text == emulator_text("en", "invite.unknown")

    first = emulator.user(8402, "Fer", language_code="en")
    await first.send_text(f"/start {fresh}")
    joined = await first.wait_for(lambda m: m.text.startswith("Welcome to"))
    assert "Follow-up Workshop 2026" in joined.text and "secretariat" in joined.text.lower()
    assert [r.role for r in await storage.roles(second_id, await person_id(storage, 8402))] == ["secretariat"]

    late = emulator.user(8403, "Lalo", language_code="en")
    assert (await late.ask(f"/start {fresh}")).text == emulator_text("en", "invite.used_up")
    assert await storage.membership(second_id, await person_id(storage, 8403)) is None
    # Now that it has a secretariat, loading the file again prints no code.
    _, third = await workshop_bot(monkeypatch, capsys, database, "workshop", "load", str(second_file(tmp_path)))
    assert "claim code" not in third


def emulator_text(language: str, key: str) -> str:
    """An interface text as the person reads it (these have no markup)."""
    return Texts().html(language, key)


async def test_closing_archives_the_workshop_frozen_and_still_downloadable(
        bot, emulator, database, workshop_id, tmp_path, monkeypatch, capsys):
    storage = bot.storage
    second_id, _ = await load_second(bot, monkeypatch, capsys, database, tmp_path)
    await seat(storage, workshop_id, 8501, "Sara Secretaría", role="secretariat", country=None, language="en")
    await seat(storage, second_id, 8501, "Sara Secretaría", role="secretariat", country=None, language="en")
    await storage.choose_workshop(await person_id(storage, 8501), workshop_id)
    sara = emulator.user(8501, "Sara", language_code="en")
    await sara.ask("/close")
    await sara.press("Yes, close the workshop")
    await sara.wait_for(lambda m: m.text.startswith("Final roadmap sent"), timeout=60)
    assert (await storage.workshop(workshop_id)).archived and not (await storage.workshop(second_id)).archived

    listed = await sara.ask("/workshop")
    assert "Workshop on Sustainable Reintegration" in listed.text and "· archived (you are here)" in listed.text
    assert listed.button_texts == ["↪ Follow-up Workshop 2026"]
    assert (await sara.ask("/challenge")).text.startswith("The workshop is closed")   # frozen
    assert (await sara.ask("/roadmap")).button_texts == ["Español", "English"]         # still downloadable
    await sara.press("English")
    final = await sara.wait_for(lambda m: m.document is not None, timeout=30)
    assert final.document["file_name"] == "roadmap-crm-puebla-2022.pdf"

    await sara.press("↪ Follow-up Workshop 2026", message=listed)
    await sara.wait_for(lambda m: m.text.startswith("You are now in") and "Follow-up Workshop 2026" in m.text)
    listed = await sara.ask("/workshop")
    assert listed.button_texts == ["🗄 Workshop on Sustainable Reintegration (archived)"]
    await sara.press(listed.button_texts[0])
    back = await sara.wait_for(lambda m: m.text.startswith("You are now in"))
    assert "an archived workshop" in back.text
    # The store's own start-up check sees a workshop and loads no example file over the archive.
    assert len(await storage.all_workshops()) == 2


async def test_scope_and_timeframe_buttons_come_from_the_workshop_file(
        bot, emulator, database, tmp_path, monkeypatch, capsys):
    storage = bot.storage
    second_id, _ = await load_second(bot, monkeypatch, capsys, database, tmp_path)
    await seat(storage, second_id, 8601, "Ana Pérez", table="A")
    await open_phase(storage, second_id, "tables", table="A")
    ana = emulator.user(8601, "Ana", language_code="es")
    await ana.ask("/recommend")
    dims = await ana.ask("Ventanillas municipales de reintegración")
    await tick(ana, "Económica", "Listo", message=dims)
    scope = await ana.wait_for(lambda m: m.has_button("Municipal (en cada ciudad)"))
    assert scope.button_texts == ["Municipal (en cada ciudad)", "Regional (entre países)"]
    await ana.press("Municipal (en cada ciudad)")
    actors = await ana.wait_for(lambda m: m.has_button("Listo") and len(m.buttons) > 5)
    await tick(ana, actors.button_texts[0], "Listo", message=actors)
    timeframe = await ana.wait_for(lambda m: m.has_button("Este año"))
    assert timeframe.button_texts == ["Este año", "Antes de 2030"]
    await ana.press("Antes de 2030")
    for _ in range(4):  # the optional links, cross-cutting issues and groups most affected, left empty
        skip = await ana.wait_for(lambda m: m.has_button("Listo") or m.has_button("Anónimo"))
        if skip.has_button("Anónimo"):
            break
        await ana.press("Listo", message=skip)
    summary = await ana.wait_for(lambda m: m.has_button("Enviar") or m.has_button("Anónimo"))
    if summary.has_button("Anónimo"):
        await ana.press("Anónimo")
        summary = await ana.wait_for(lambda m: m.has_button("Enviar"))
    assert "Ámbito: Municipal (en cada ciudad)" in summary.text and "Plazo: Antes de 2030" in summary.text
    await ana.press("Enviar")
    await ana.wait_for(lambda m: "quedó guardado" in m.text)
    [sent] = await storage.contributions(second_id, kind="recommendation")
    assert (sent.details["scope"], sent.details["timeframe"]) == ("municipal", "later")

    # The documents name the file's choices in each edition's language, never by their ids.
    await storage.set_reading_outcome(sent.id, "adopted", None)
    for language, scope_name, timeframe_name in (("es", "Municipal (en cada ciudad)", "Antes de 2030"),
                                                 ("en", "Municipal (in each city)", "Before 2030")):
        roadmap = " ".join(pdf_text((await documents.roadmap(storage, second_id, language)).content).split())
        assert scope_name in roadmap and timeframe_name in roadmap
        archive = zipfile.ZipFile(io.BytesIO((await documents.export(storage, second_id, "csv", language)).content))
        [row] = csv.DictReader(io.StringIO(archive.read("recommendations.csv").decode("utf-8-sig")))
        assert (row["scope"], row["scope_label"], row["timeframe"], row["timeframe_label"]) == \
            ("municipal", scope_name, "later", timeframe_name)
        book = {(r["field"], r["code"]): (r["label_es"], r["label_en"]) for r in
                csv.DictReader(io.StringIO(archive.read("codebook.csv").decode("utf-8-sig")))}
        assert book["scope", "municipal"] == ("Municipal (en cada ciudad)", "Municipal (in each city)")
        assert book["timeframe", "later"] == ("Antes de 2030", "Before 2030")
        assert ("timeframe", "short") not in book  # the file's own set, not the built-in one


def test_a_choice_the_bot_has_no_words_for_must_be_named(tmp_path):
    with pytest.raises(WorkshopFileError) as refused:
        load_workshop(second_file(tmp_path, 'scopes = [{ id = "municipal" }, { id = "national" }]\n'
                                            'timeframes = [{ id = "short" }, { id = "short" }]\n'))
    errors = "\n".join(refused.value.errors)
    assert "scopes[0].name: needed for 'municipal'" in errors
    assert "timeframes: duplicate id(s) ['short']" in errors
    defaults = load_workshop(EXAMPLE_FILE)
    assert [c.id for c in defaults.scopes] == ["national", "regional"]
    assert [c.id for c in defaults.timeframes] == ["short", "medium", "long"]


async def test_a_focal_points_menu_follows_the_workshop_they_report_in(
        bot, emulator, database, workshop_id, tmp_path, monkeypatch, capsys):
    storage = bot.storage
    second_id, _ = await load_second(bot, monkeypatch, capsys, database, tmp_path)
    ana_id = await seat(storage, workshop_id, 8701, "Ana Pérez", country="GT")
    await seat(storage, second_id, 8701, "Ana Pérez", country="GT")  # she is in the second one now
    made = await item(storage, workshop_id, ana_id, "recommendation", level="community", table="B",
                      action="Ventanillas")
    await storage.set_reading_outcome(made, "adopted", None)
    assert await followup_store.add_commitment(storage, workshop_id, made, "GT", None, ana_id, None, made_by=None,
                                               at_reading=True, at="2022-09-08T20:00:00Z")
    ana = emulator.user(8701, "Ana", language_code="es")
    await ana.ask("/workshop")
    await ana.press("↪ Taller sobre Reintegración Sostenible")
    await ana.wait_for(lambda m: m.text.startswith("Ahora estás en"))
    assert {"checkin", "handover", "stopreporting"} <= set(chat_menu(emulator, 8701))
    await ana.ask("/workshop")
    await ana.press(f"↪ {SECOND_TITLE_ES}")
    await ana.wait_for(lambda m: m.text.startswith("Ahora estás en") and SECOND_TITLE_ES in m.text)
    assert "checkin" not in chat_menu(emulator, 8701)  # she reports on nothing there
