"""After the event, through the emulator with an injected clock: the secretariat records commitments at the joint
reading; the workshop closes and the follow-up still works; two check-in rounds go out on the workshop file's
schedule, paced, with one reminder; a focal point answers (a link, a document), hands over to a colleague who
answers the second round; another never answers; the secretariat sees who did and gets the progress report.
Every follow-up action outside a person's role is refused."""

import datetime as dt
import io
import json
import re
import zipfile

from bot.domain.clock import parse
from bot.domain.followup import add_months
from bot.domain.permissions import Action, frozen
from bot.jobs import documents, followup
from bot.storage import followup as store
from handlers.callbacks import REPORT_PROGRESS
from tests.helpers import item, register, seat
from tests.reports.pdftext import text as pdf_text

REPORTER_COMMANDS = {"checkin", "handover", "stopreporting"}


def chat_menu(emulator, telegram_id: int) -> list[str]:
    """The commands of this person's own menu (empty: the one every participant sees)."""
    scope = json.dumps({"type": "chat", "chat_id": telegram_id}, sort_keys=True)
    return [command for command, _ in emulator.commands_by_scope.get((scope, ""), [])]


async def _outbox(storage, person_id):
    return [(r["template"], json.loads(r["params"])) for r in await storage.fetch_all(
        "SELECT template, params FROM outbox WHERE person_id = ? AND template LIKE 'fu.sec_%' ORDER BY id",
        (person_id,))]


async def _adopted(storage, workshop_id, author, action):
    made = await item(storage, workshop_id, author, "recommendation", level="community", table="B", action=action)
    await storage.set_reading_outcome(made, "adopted", None)
    return made


async def _commit(sara, ref, party, reporter):
    await sara.send_text("/commit")
    await sara.wait_for(lambda m: any(t.startswith(ref + " ") for t in m.button_texts))
    await sara.press(next(t for t in sara.last_message.button_texts if t.startswith(ref + " ")))
    await sara.wait_for(lambda m: m.has_button(party))
    await sara.press(party)
    await sara.wait_for(lambda m: m.has_button(reporter))
    await sara.press(reporter)
    return await sara.wait_for(lambda m: m.text.startswith("✅") or "already committed" in m.text)


async def _answer(user, status, note=None, no_note="Sin nota"):
    await user.wait_for(lambda m: m.has_button(status))
    await user.press(status)
    await user.wait_for(lambda m: m.has_button(no_note))
    if note is None:
        await user.press(no_note)
    else:
        await user.send_text(note)
    return await user.wait_for(lambda m: m.has_button("Nada que adjuntar"))


async def test_commitments_two_rounds_a_reminder_a_hand_over_and_the_progress_report(bot, emulator, workshop_id):
    storage, app = bot.storage, bot.app
    sara_id = await seat(storage, workshop_id, 7001, "Sara Secretaría", role="secretariat", country=None,
                         language="en")
    ana_id = await seat(storage, workshop_id, 7002, "Ana Pérez", country="GT")
    await seat(storage, workshop_id, 7003, "Luis Gómez", country="GT")
    await seat(storage, workshop_id, 7004, "Juan Ruiz", country="MX")
    await seat(storage, workshop_id, 7005, "Bruno Díaz", country="HN")
    sara = emulator.user(7001, "Sara", language_code="en")
    ana, luis, juan, bruno = (emulator.user(n, name) for n, name in
                              ((7002, "Ana"), (7003, "Luis"), (7004, "Juan"), (7005, "Bruno")))
    jobs = await _adopted(storage, workshop_id, ana_id, "Crear ventanillas de empleo para personas retornadas")
    health = await _adopted(storage, workshop_id, ana_id, "Atención psicosocial en los municipios de retorno")
    await _adopted(storage, workshop_id, ana_id, "Red regional de albergues")  # nobody commits to it

    # -- at the joint reading (the workshop still open): Guatemala twice, Mexico once ------------------------------
    assert not REPORTER_COMMANDS & set(chat_menu(emulator, 7002))
    assert "punto focal" not in (await ana.ask("/help")).text  # nothing to report on yet
    done = await _commit(sara, f"Rec-{jobs}", "Guatemala", "Ana Pérez")
    assert "Guatemala is committed to" in done.text and "Ana Pérez will report" in done.text
    assert set(chat_menu(emulator, 7002)) >= REPORTER_COMMANDS  # named: the reporter's commands in her menu
    assert "/checkin" in (await ana.ask("/help")).text and "Como punto focal" in ana.last_message.text
    sara_help = await sara.ask("/help")
    assert "/commit records a country's" in sara_help.text and "/followup shows who answered" in sara_help.text
    assert "/checkin" not in sara_help.text  # she reports on nothing
    await _commit(sara, f"Rec-{health}", "Guatemala", "Ana Pérez")
    await _commit(sara, f"Rec-{jobs}", "Mexico", "Juan Ruiz")
    again = await _commit(sara, f"Rec-{jobs}", "Guatemala", "Luis Gómez")
    assert "had already committed" in again.text
    made = await store.commitments(storage, workshop_id)
    assert [(c.item_id, c.country, c.reporter_id, c.at_reading) for c in made] == [
        (jobs, "GT", ana_id, True), (jobs, "MX", made[1].reporter_id, True), (health, "GT", ana_id, True)]

    assert await storage.close_workshop(workshop_id, sara_id)
    closed = await storage.workshop(workshop_id)
    assert not frozen(closed, Action.REPORT_PROGRESS) and not frozen(closed, Action.MANAGE_FOLLOWUP)
    assert frozen(closed, Action.SEND_ITEM)  # closing still freezes everything else
    ended = parse(closed.reading_ended_at)

    # -- outside one's role ------------------------------------------------------------------------------------
    assert not REPORTER_COMMANDS & set(chat_menu(emulator, 7005))
    assert "/checkin" not in (await bruno.ask("/help")).text
    assert (await bruno.ask("/commit")).text == "Esta acción es solo para la secretaría del taller."
    assert "Solo la persona que una delegación designó" in (await bruno.ask("/checkin")).text
    assert "Solo la persona que una delegación designó" in (await bruno.ask("/handover")).text
    assert "Only the person a delegation named" in (await sara.ask("/checkin")).text  # not even the secretariat
    assert (await ana.ask("/followup")).text == "Esta acción es solo para la secretaría del taller."
    await ana.press_data(REPORT_PROGRESS.data("es"), (await ana.ask("/help")).message_id)
    assert (await ana.wait_for_callback_answer())["text"] == "Solo para la secretaría."
    no_round = await ana.ask("/checkin")
    assert "Usted informa sobre 2 compromiso(s)" in no_round.text and "Todavía no hay ninguna ronda" in no_round.text

    # -- round 1, three months after the reading ended --------------------------------------------------------
    now = add_months(ended, 3) + dt.timedelta(hours=1)
    app.bot_data["clock"] = lambda: now
    assert await followup.sweep(app) == {workshop_id: ["round 1 opened"]}
    assert await followup.sweep(app) == {}  # a second sweep asks nobody twice
    asked = await ana.wait_for(lambda m: "ronda 1" in m.text and "/checkin" in m.text, timeout=15)
    assert "Taller sobre Reintegración Sostenible" in asked.text
    await juan.wait_for(lambda m: "ronda 1" in m.text, timeout=15)
    assert not any("ronda 1" in m.text for m in emulator.chat_messages(7005))

    await ana.send_text("/checkin")
    first = await ana.wait_for(lambda m: m.has_button("En curso"))
    assert f"Ronda 1 · Rec-{jobs}" in first.text and "Guatemala" in first.text
    await _answer(ana, "En curso", "Tres ventanillas abiertas en <Quetzaltenango> & Huehuetenango")
    await ana.send_text("El informe está en https://ejemplo.gt/informe-ventanillas")
    await ana.wait_for(lambda m: m.text.startswith("Guardado") and "https://ejemplo.gt/informe-ventanillas" in m.text)
    second = await ana.wait_for(lambda m: m.has_button("No iniciado"))
    assert f"Rec-{health}" in second.text
    await _answer(ana, "No iniciado")
    await ana.send_document("plan-psicosocial.pdf", b"%PDF-1.4\nplan\n%%EOF\n")
    await ana.wait_for(lambda m: "documento plan-psicosocial.pdf" in m.text)
    await ana.wait_for(lambda m: "la ronda 1 está completa" in m.text)
    assert "Ya respondió" in (await ana.ask("/checkin")).text
    assert (await store.checkin_document(storage, (await store.rounds(storage, workshop_id))[0].id, made[2].id)) \
        == ("plan-psicosocial.pdf", b"%PDF-1.4\nplan\n%%EOF\n")

    # -- the reminder, once, only to whoever has not answered ---------------------------------------------------
    now = add_months(ended, 3) + dt.timedelta(days=15)
    assert await followup.sweep(app) == {workshop_id: ["round 1 reminded"]}
    await juan.wait_for(lambda m: m.text.startswith("⏰ Recordatorio: la ronda 1"), timeout=15)
    assert await followup.sweep(app) == {}
    assert not any("Recordatorio" in m.text for m in emulator.chat_messages(7002))

    # -- Ana hands over to Luis, of the same delegation -----------------------------------------------------------
    await ana.send_text("/handover")
    who = await ana.wait_for(lambda m: m.has_button("Luis Gómez"))
    assert "Juan Ruiz" not in who.button_texts  # another delegation's
    await ana.press("Luis Gómez")
    await ana.wait_for(lambda m: m.text.startswith("Hecho: Luis Gómez informa ahora sobre 2"))
    await luis.wait_for(lambda m: "Ana Pérez le traspasó el seguimiento de 2" in m.text, timeout=15)
    told = await sara.wait_for(lambda m: "handed over the reporting" in m.text)
    assert f"Ana Pérez handed over the reporting on 2 commitment(s) (Rec-{jobs}, Rec-{health}; Guatemala) to " \
           "Luis Gómez" in told.text  # in her language, as the outbox stored it with the change
    [(template, params)] = await _outbox(storage, sara_id)
    assert template == "fu.sec_handed" and params["refs"]["es"] == f"Rec-{jobs}, Rec-{health}"
    assert set(chat_menu(emulator, 7003)) >= REPORTER_COMMANDS and chat_menu(emulator, 7002) == []
    assert "Solo la persona" in (await ana.ask("/checkin")).text  # no longer hers

    # -- round 2: Luis answers, Juan never does -------------------------------------------------------------
    now = add_months(ended, 6) + dt.timedelta(hours=1)
    assert await followup.sweep(app) == {workshop_id: ["round 2 opened"]}
    await luis.wait_for(lambda m: "ronda 2" in m.text, timeout=15)
    await juan.wait_for(lambda m: "ronda 2" in m.text, timeout=15)
    await luis.send_text("/checkin")
    await _answer(luis, "Cumplido", "Las tres ventanillas funcionan")
    await luis.press("Nada que adjuntar")
    await _answer(luis, "Detenido")
    await luis.press("Nada que adjuntar")
    await luis.wait_for(lambda m: "la ronda 2 está completa" in m.text)

    view = await sara.ask("/followup")
    assert "3 commitments to 2 of the 3 adopted recommendations; 2 check-in rounds" in view.text
    assert "Round 2" in view.text and "2 of 3 answered" in view.text
    assert f"✅ Rec-{jobs} · Guatemala · Luis Gómez: Done" in view.text
    assert f"⏳ Rec-{jobs} · Mexico · Juan Ruiz: no answer yet" in view.text
    assert "No commitments yet: Rec-" in view.text

    await sara.press("📄 Progress report (English)", message=view)
    sent = await sara.wait_for(lambda m: m.document is not None, timeout=30)
    assert sent.document["file_name"] == "progress-report-crm-puebla-2022.pdf"
    text = " ".join(pdf_text(sent.document["content"]).split())
    assert "Progress report" in text and f"Rec-{jobs}" in text
    # dated by the bot's clock (the round's months after the reading), not by the machine's
    assert f"{now.strftime('%B')} {now.year}" in text.split("Status as of", 1)[1][:40], text[:300]
    assert "Done (round 2)" in text and "Stalled (round 2)" in text and "No answer" in text
    assert "By round: Round 1: Under way; Round 2: Done" in text
    assert "Tres ventanillas abiertas en <Quetzaltenango> & Huehuetenango" not in text  # the latest note is shown
    assert "Las tres ventanillas funcionan (original in Spanish)" in text  # his note, in his language, marked
    # once per level at most, before the list of the level's recommendations nobody committed to
    assert 1 <= text.count("No country or organisation has committed yet to") <= 3

    roadmap = " ".join(pdf_text((await documents.roadmap(storage, workshop_id, "es")).content).split())
    assert "Compromisos asumidos en la lectura conjunta" in roadmap
    assert f"Rec-{jobs}" in roadmap
    # who, when, on what terms, as one sentence for the parties that committed on one day
    assert re.search(r"El \d{1,2} de [a-z]+ de \d{4}, Guatemala y México se comprometieron a llevar a cabo esta "
                     r"acción tal como se adoptó, en el ámbito nacional y a plazo corto\.", roadmap)

    archive = zipfile.ZipFile(io.BytesIO((await documents.export(storage, workshop_id, "csv", "en")).content))
    sheet = archive.read("commitments.csv").decode("utf-8-sig")
    assert f"Rec-{jobs}" in sheet and "under_way,Under way" in sheet and "plan-psicosocial.pdf" in sheet


async def test_a_reporter_invited_after_the_workshop_is_asked_once_they_open_the_link(bot, emulator, workshop_id):
    storage, app = bot.storage, bot.app
    sara_id = await seat(storage, workshop_id, 7101, "Sara Secretaría", role="secretariat", country=None,
                         language="en")
    ana_id = await seat(storage, workshop_id, 7102, "Ana Pérez", country="GT")
    sara = emulator.user(7101, "Sara", language_code="en")
    jobs = await _adopted(storage, workshop_id, ana_id, "Crear ventanillas de empleo")
    assert await storage.close_workshop(workshop_id, sara_id)  # commitments after the reading: not in its annex
    done = await _commit(sara, f"Rec-{jobs}", "International Organization for Migration (IOM)", "✉️ Invite someone")
    assert "Send this invitation" in done.text and "start=" in done.text
    [made] = await store.commitments(storage, workshop_id)
    assert made.reporter_id is None and not made.at_reading

    olga = emulator.user(7103, "Olga", language_code="es")
    token = done.text.split("start=")[1].split()[0]
    await register(olga, token, name="Olga Ortiz", affiliation="Organización Internacional para las "
                   "Migraciones (OIM)", institution="OIM", position="Oficial", table=None)
    welcome = await olga.wait_for(lambda m: m.text.startswith("📋 Usted está aquí para informar"))
    assert f"1 compromiso(s) con la hoja de ruta (Rec-{jobs}; Organización Internacional" in welcome.text
    assert "no tiene que elegir una mesa" in welcome.text and welcome.buttons == []
    assert not any("Elige tu mesa" in m.text or m.has_button("Grupo A") for m in olga.messages)
    olga_id = await storage.fetch_value("SELECT id FROM people WHERE telegram_id = 7103")
    membership = await storage.membership(workshop_id, olga_id)
    assert membership.registered and membership.table_id is None
    [made] = await store.commitments(storage, workshop_id)
    assert made.reporter_id == olga_id  # claimed at once
    assert set(chat_menu(emulator, 7103)) >= REPORTER_COMMANDS
    await olga.send_text("/start")  # never asked later either: welcome back, and the help with her part
    await olga.wait_for(lambda m: "Como punto focal" in m.text and "/checkin" in m.text)
    assert not any("Elige tu mesa" in m.text or m.has_button("Grupo A") for m in olga.messages)
    assert (await olga.ask("/table")).text == "No tienes mesa de trabajo en este taller."

    now = add_months(parse((await storage.workshop(workshop_id)).reading_ended_at), 3) + dt.timedelta(hours=1)
    app.bot_data["clock"] = lambda: now
    assert await followup.sweep(app) == {workshop_id: ["round 1 opened"]}
    await olga.wait_for(lambda m: "ronda 1" in m.text, timeout=15)
    roadmap = pdf_text((await documents.roadmap(storage, workshop_id, "en")).content)
    assert "Commitments made at the joint reading" not in roadmap

    await olga.send_text("/stopreporting")
    await olga.wait_for(lambda m: m.has_button("Dejar de informar"))
    await olga.press("Dejar de informar")
    await olga.wait_for(lambda m: m.text.startswith("Ya no informa sobre 1"))
    told = await sara.wait_for(lambda m: "stopped reporting" in m.text)
    assert told.text.startswith(f"⚠️ Follow-up: Olga Ortiz stopped reporting on 1 commitment(s) (Rec-{jobs}; "
                                "International Organization for Migration (IOM))")
    assert [t for t, _ in await _outbox(storage, sara_id)] == ["fu.sec_stopped"]
    assert chat_menu(emulator, 7103) == []  # her reporter's commands are gone
    await olga.send_text("/stopreporting")  # again: nothing to stop, nobody told twice
    await olga.wait_for(lambda m: "Solo la persona" in m.text)
    assert len(await _outbox(storage, sara_id)) == 1
    view = await sara.ask("/followup")
    assert f"⚠️ Rec-{jobs} · International Organization for Migration (IOM) · stopped reporting" in view.text
