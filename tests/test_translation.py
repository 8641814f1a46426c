"""Every text in both languages, through the emulator: a recommendation written in English gets its Spanish
version from its author, from a translator invited by link, from a machine draft a person confirms, or stays a
machine draft the secretariat had filled in, marked as such; and nobody translates what is not theirs."""

import pytest

from bot.domain import editorial
from bot.offline.runner import OfflineBot, offline_settings
from bot.offline.translator import FakeTranslator
from handlers.callbacks import TRANSLATE_FILL, TRANSLATE_PICK
from tests.helpers import item, person_id, seat

ORIGINAL = "Create one-stop <b>reception</b> desks for returnees & their families"
SPANISH = "Crear ventanillas únicas de <b>recepción</b> para personas retornadas y sus familias"


@pytest.fixture
async def fake():
    async with FakeTranslator({ORIGINAL: SPANISH}) as service:
        yield service


@pytest.fixture
async def machine_bot(emulator, database, workshop_id, fake):
    """The bot with machine pre-translation on, through the fake service."""
    async with OfflineBot(offline_settings(emulator, database, translation_url=fake.url)) as running:
        yield running


async def _author(storage, workshop_id, telegram_id=4101, table="B"):
    """John, of table B, writes in English; returns his id and his recommendation's."""
    john = await seat(storage, workshop_id, telegram_id, "John Smith", table=table, country="BZ", language="en")
    rec = await item(storage, workshop_id, john, "recommendation", language="en", table=table, action=ORIGINAL)
    return john, rec


async def _versions(storage, workshop_id, item_id):
    return await storage.texts(workshop_id, editorial.ITEM, item_id)


async def _open(user, ref):
    """/translate, then the text ``ref``: the question showing its original."""
    await user.send_text("/translate")
    # (waited for by its button: a reply still on its way from the step before may arrive first)
    listed = await user.wait_for(lambda m: ref in m.button_texts)
    await user.press(ref, message=listed)
    return await user.wait_for(lambda m: "original in" in m.text or "original en" in m.text)


async def test_an_author_gives_the_spanish_version_of_their_own_recommendation(bot, emulator, workshop_id):
    storage = bot.storage
    john_id, rec = await _author(storage, workshop_id)
    ana = await seat(storage, workshop_id, 4102, "Ana Pérez", table="A")
    other = await item(storage, workshop_id, ana, "recommendation", table="A", action="Crear una mesa")
    john = emulator.user(4101, "John", language_code="en")

    listed = await john.ask("/translate")
    assert f"Rec-{rec}" in listed.button_texts and f"Rec-{other}" not in listed.button_texts  # only his own
    await john.press(f"Rec-{rec}")
    asked = await john.wait_for(lambda m: "original in English" in m.text)
    assert ORIGINAL in asked.text                      # shown as typed, never interpreted
    assert "Español" in asked.text
    assert "Machine draft" not in asked.button_texts   # no translation service configured
    saved = await john.ask(SPANISH)
    assert saved.text.startswith(f"Thank you: Rec-{rec} now has its version in Español")
    assert "Nothing is waiting" in (await john.next_message()).text

    [stored] = await _versions(storage, workshop_id, rec)
    assert (stored.language, stored.body, stored.origin, stored.written_by, stored.translates) == (
        "es", SPANISH, editorial.TRANSLATION, john_id, ORIGINAL)

    # Someone else's item, by a forged button: refused, and nothing stored.
    await john.press_data(TRANSLATE_PICK.data("item", other, "action"), john.last_message.message_id)
    refused = await john.wait_for(lambda m: "not yours to translate" in m.text)
    assert refused.text.startswith("You can translate your own contributions")
    assert await _versions(storage, workshop_id, other) == []
    assert await storage.dialogue(john_id) is None


async def test_a_rapporteur_translates_their_tables_items_and_not_another_tables(bot, emulator, workshop_id):
    storage = bot.storage
    _, rec_b = await _author(storage, workshop_id, table="B")
    ana = await seat(storage, workshop_id, 4202, "Ana Pérez", table="A")
    challenge_a = await item(storage, workshop_id, ana, "challenge", table="A", description="Falta de empleo formal")
    rapporteur_id = await seat(storage, workshop_id, 4201, "Rita Relatora", role="rapporteur", table="A")
    rita = emulator.user(4201, "Rita", language_code="es")

    listed = await rita.ask("/translate")
    assert f"R-{challenge_a}" in listed.button_texts and f"Rec-{rec_b}" not in listed.button_texts
    await rita.press(f"R-{challenge_a}")
    await rita.wait_for(lambda m: "original en Español" in m.text)
    assert (await rita.ask("Lack of formal jobs")).text.startswith(f"Gracias: R-{challenge_a} ya tiene su versión")
    [stored] = await _versions(storage, workshop_id, challenge_a)
    assert (stored.language, stored.origin, stored.written_by) == ("en", editorial.TRANSLATION, rapporteur_id)

    await rita.press_data(TRANSLATE_PICK.data("item", rec_b, "action"), rita.last_message.message_id)
    await rita.wait_for(lambda m: "no le corresponde" in m.text)
    assert await _versions(storage, workshop_id, rec_b) == []


async def test_a_translator_invited_by_link_translates_anyones_item(bot, emulator, workshop_id):
    storage = bot.storage
    _, rec = await _author(storage, workshop_id)
    await seat(storage, workshop_id, 4301, "Sara Secretaría", role="secretariat", country=None, language="en")
    sara = emulator.user(4301, "Sara", language_code="en")
    links = await sara.ask("/invite")
    link = links.text.split("Translators")[1].split("\n")[1].split()[0]
    token = link.rsplit("start=", 1)[1]

    tina = emulator.user(4302, "Tina", language_code="es")
    await tina.send_text(f"/start {token}")
    await tina.wait_for(lambda m: m.has_button("Español"))
    await tina.press("Español")
    await tina.wait_for(lambda m: "nombre" in m.text.lower() and not m.buttons)
    notice = await tina.ask("Tina Traductora")          # straight from the name to the data notice
    assert len(notice.buttons[0]) == 2 and not any("Guatemala" in t for t in notice.button_texts)
    await tina.press(notice.buttons[0][0][0])
    await tina.wait_for(lambda m: "Tina Traductora" in m.text)
    tina_id = await person_id(storage, 4302)
    assert {r.role for r in await storage.roles(workshop_id, tina_id)} == {"translator"}
    membership = await storage.membership(workshop_id, tina_id)
    assert membership.registered and membership.table_id is None
    own_menu = emulator.commands_by_scope[('{"chat_id": 4302, "type": "chat"}', "")]
    assert "translate" in [name for name, _ in own_menu]

    asked = await _open(tina, f"Rec-{rec}")
    assert "original en English" in asked.text
    await tina.ask("Crear ventanillas únicas de recepción")
    [stored] = await _versions(storage, workshop_id, rec)
    assert (stored.language, stored.origin, stored.written_by) == ("es", editorial.TRANSLATION, tina_id)


async def test_a_machine_draft_is_confirmed_as_it_is_or_corrected(machine_bot, emulator, workshop_id, fake):
    storage = machine_bot.storage
    john_id, rec = await _author(storage, workshop_id)
    second = await item(storage, workshop_id, john_id, "recommendation", language="en", table="B",
                        action="Fund community projects")
    john = emulator.user(4101, "John", language_code="en")

    asked = await _open(john, f"Rec-{rec}")
    await john.press("Machine draft", message=asked)
    draft = await john.wait_for(lambda m: m.has_button("Confirm as it is"))
    assert SPANISH in draft.text
    assert fake.asked[-1] == {"q": ORIGINAL, "source": "en", "target": "es", "format": "text"}
    await john.press("Confirm as it is", message=draft)
    await john.wait_for(lambda m: m.text.startswith(f"Thank you: Rec-{rec}"))
    [stored] = await _versions(storage, workshop_id, rec)
    assert (stored.body, stored.origin, stored.written_by, stored.translates) == (
        SPANISH, editorial.TRANSLATION, john_id, ORIGINAL)   # confirmed: a person's translation

    asked = await _open(john, f"Rec-{second}")
    await john.press("Machine draft", message=asked)
    draft = await john.wait_for(lambda m: m.has_button("Confirm as it is"))
    assert "[en→es] Fund community projects" in draft.text
    await john.send_text("Financiar proyectos comunitarios")       # the corrected words
    await john.wait_for(lambda m: m.text.startswith(f"Thank you: Rec-{second}"))
    [stored] = await _versions(storage, workshop_id, second)
    assert (stored.body, stored.origin, stored.written_by) == (
        "Financiar proyectos comunitarios", editorial.TRANSLATION, john_id)


async def test_the_secretariat_fills_every_missing_translation_with_marked_machine_drafts(
        machine_bot, emulator, workshop_id):
    storage = machine_bot.storage
    john_id, done = await _author(storage, workshop_id)
    left = await item(storage, workshop_id, john_id, "recommendation", language="en", table="B",
                      action="Fund community projects")
    await storage.set_translation(workshop_id, editorial.ITEM, done, "action", "es", SPANISH, translates=ORIGINAL,
                                  person_id=john_id)
    await seat(storage, workshop_id, 4301, "Sara Secretaría", role="secretariat", country=None, language="en")
    sara = emulator.user(4301, "Sara", language_code="en")
    john = emulator.user(4101, "John", language_code="en")

    # Not a participant's to press, even forged.
    await john.press_data(TRANSLATE_FILL.data(), 1)
    assert (await john.wait_for_callback_answer())["show_alert"]
    assert await _versions(storage, workshop_id, left) == []

    listed = await sara.ask("/translate")
    await sara.press("Machine drafts for all missing", message=listed)
    filled = await sara.wait_for(lambda m: m.text.startswith("Machine drafts stored"))
    assert "stored: 1" in filled.text
    [machine] = await _versions(storage, workshop_id, left)
    assert (machine.body, machine.origin, machine.written_by, machine.translates) == (
        "[en→es] Fund community projects", editorial.MACHINE, None, "Fund community projects")
    [person] = await _versions(storage, workshop_id, done)
    assert (person.origin, person.body) == (editorial.TRANSLATION, SPANISH)    # a person's stays as it was
    shown = editorial.version_in("es", "Fund community projects", "en", [machine])
    assert shown.needs_mark and shown.origin == editorial.MACHINE       # what the roadmap marks

    listed = await john.ask("/translate")                                # still to be confirmed by a person
    assert f"Rec-{left}" in listed.button_texts and f"Rec-{done}" not in listed.button_texts
    assert "machine draft to confirm" in listed.text


PRACTICE = {"name": "Skills passport for returnees", "where": "Belmopan", "run_by": "Belize Labour Department",
            "achieved": "Four hundred returnees had their trades certified."}


def _button(message, item_id):
    """The list's button for an item, whatever letters the person's language quotes it by."""
    return next(t for t in message.button_texts if t.endswith(f"-{item_id}"))


async def test_a_good_practices_fields_are_given_one_after_another(machine_bot, emulator, workshop_id, fake):
    """Picked once, the good practice walks its author through its name, where, who runs it and what it
    achieved, each original shown: typed, given the same (a place's own name), and from the machine's draft."""
    storage = machine_bot.storage
    john_id = await seat(storage, workshop_id, 4101, "John Smith", table="B", country="BZ", language="en")
    practice = await item(storage, workshop_id, john_id, "good_practice", language="en", table="B", **PRACTICE)
    fake.known[PRACTICE["achieved"]] = "Cuatrocientas personas retornadas certificaron su oficio."
    john = emulator.user(4101, "John", language_code="en")

    listed = await john.ask("/translate")
    ref = _button(listed, practice)
    assert [t for t in listed.button_texts if t.endswith(f"-{practice}")] == [ref]   # listed once
    assert "name, where, run by, what it achieved" in listed.text
    await john.press(ref, message=listed)
    asked = await john.wait_for(lambda m: "original in English" in m.text)
    assert PRACTICE["name"] in asked.text and "3 more fields follow" in asked.text
    assert {"Machine draft", "The same in Español", "Skip this field"} <= set(asked.button_texts)

    where = await john.ask("Pasaporte de competencias para personas retornadas")
    assert where.text.startswith(f"Saved. {ref} · where, original in English (of «{PRACTICE['name']}»)")
    assert "Belmopan" in where.text and "2 more fields follow" in where.text
    await john.press("The same in Español", message=where)
    run_by = await john.wait_for(lambda m: f"{ref} · run by" in m.text)
    assert PRACTICE["run_by"] in run_by.text
    achieved = await john.ask("Departamento de Trabajo de Belice")
    assert f"{ref} · what it achieved" in achieved.text and PRACTICE["achieved"] in achieved.text
    assert "Skip this field" not in achieved.button_texts and "The same in Español" not in achieved.button_texts
    await john.press("Machine draft", message=achieved)
    draft = await john.wait_for(lambda m: m.has_button("Confirm as it is"))
    await john.press("Confirm as it is", message=draft)
    done = await john.wait_for(lambda m: m.text.startswith("Thank you:"))
    assert done.text.startswith(f"Thank you: {ref} now has its version in Español")
    await john.wait_for(lambda m: "Nothing is waiting" in m.text)

    stored = {t.part: t for t in await _versions(storage, workshop_id, practice)}
    assert {part: (t.language, t.body, t.origin, t.written_by, t.translates) for part, t in stored.items()} == {
        "name": ("es", "Pasaporte de competencias para personas retornadas", editorial.TRANSLATION, john_id,
                 PRACTICE["name"]),
        "where": ("es", "Belmopan", editorial.TRANSLATION, john_id, "Belmopan"),
        "run_by": ("es", "Departamento de Trabajo de Belice", editorial.TRANSLATION, john_id, PRACTICE["run_by"]),
        "achieved": ("es", "Cuatrocientas personas retornadas certificaron su oficio.", editorial.TRANSLATION,
                     john_id, PRACTICE["achieved"]),
    }


async def test_a_skipped_field_stays_on_the_list_and_a_field_left_empty_is_not_asked(bot, emulator, workshop_id):
    storage = bot.storage
    john_id = await seat(storage, workshop_id, 4101, "John Smith", table="B", country="BZ", language="en")
    practice = await item(storage, workshop_id, john_id, "good_practice", language="en", table="B", **PRACTICE)
    challenge = await item(storage, workshop_id, john_id, "challenge", language="en", table="B",
                           description="Returnees cannot prove their trades", groups_other="")
    john = emulator.user(4101, "John", language_code="en")

    listed = await john.ask("/translate")
    await john.press(_button(listed, challenge), message=listed)
    asked = await john.wait_for(lambda m: "original in English" in m.text)
    assert "more field" not in asked.text and "Skip this field" not in asked.button_texts  # nothing else to give
    await john.ask("Las personas retornadas no pueden demostrar su oficio")
    listed = await john.wait_for(lambda m: m.text.startswith("Texts waiting"))

    await john.press(_button(listed, practice), message=listed)
    asked = await john.wait_for(lambda m: "original in English" in m.text)
    await john.press("Skip this field", message=asked)                          # the name: later
    where = await john.wait_for(lambda m: "· where" in m.text)
    assert not where.text.startswith("Saved")
    await john.send_text("/cancel")
    await john.wait_for(lambda m: m.text.startswith("Done, we left that step"))
    assert await _versions(storage, workshop_id, practice) == []
    assert [t.part for t in await _versions(storage, workshop_id, challenge)] == ["description"]
    await john.send_text("/translate")
    listed = await john.wait_for(lambda m: m.text.startswith("Texts waiting"))
    assert _button(listed, practice) and not [t for t in listed.button_texts if t.endswith(f"-{challenge}")]


async def test_the_machine_fill_covers_every_field_of_a_good_practice(machine_bot, emulator, workshop_id):
    storage = machine_bot.storage
    john_id = await seat(storage, workshop_id, 4101, "John Smith", table="B", country="BZ", language="en")
    practice = await item(storage, workshop_id, john_id, "good_practice", language="en", table="B", **PRACTICE)
    await storage.set_translation(workshop_id, editorial.ITEM, practice, "where", "es", "Belmopan",
                                  translates="Belmopan", person_id=john_id)
    await seat(storage, workshop_id, 4301, "Sara Secretaría", role="secretariat", country=None, language="en")
    sara = emulator.user(4301, "Sara", language_code="en")

    listed = await sara.ask("/translate")
    await sara.press("Machine drafts for all missing", message=listed)
    filled = await sara.wait_for(lambda m: m.text.startswith("Machine drafts stored"))
    assert "stored: 3" in filled.text                                   # name, run_by, achieved; not where
    stored = {t.part: t for t in await _versions(storage, workshop_id, practice)}
    assert {part: (t.origin, t.body) for part, t in stored.items()} == {
        "name": (editorial.MACHINE, f"[en→es] {PRACTICE['name']}"),
        "where": (editorial.TRANSLATION, "Belmopan"),                   # a person's stays as it was
        "run_by": (editorial.MACHINE, f"[en→es] {PRACTICE['run_by']}"),
        "achieved": (editorial.MACHINE, f"[en→es] {PRACTICE['achieved']}"),
    }
    listed = await sara.ask("/translate")                               # still to be confirmed by a person
    assert "(machine draft to confirm) · name, run by, what it achieved" in listed.text


async def test_with_the_service_down_the_person_is_told_and_types_it(machine_bot, emulator, workshop_id, fake):
    storage = machine_bot.storage
    john_id, rec = await _author(storage, workshop_id)
    fake.down = True
    john = emulator.user(4101, "John", language_code="en")
    asked = await _open(john, f"Rec-{rec}")
    await john.press("Machine draft", message=asked)
    told = await john.wait_for(lambda m: "no machine draft" in m.text)
    assert "type the version in Español yourself" in told.text
    assert (await john.ask(SPANISH)).text.startswith(f"Thank you: Rec-{rec}")
    [stored] = await _versions(storage, workshop_id, rec)
    assert (stored.body, stored.origin, stored.written_by) == (SPANISH, editorial.TRANSLATION, john_id)


async def test_syntheses_and_the_workshops_texts_go_to_whom_they_belong_adopted_first(bot, emulator, workshop_id):
    storage = bot.storage
    tables = {t.code: t.id for t in await storage.working_tables(workshop_id)}
    ana = await seat(storage, workshop_id, 4402, "Ana Pérez", table="A")
    challenge = await item(storage, workshop_id, ana, "challenge", table="A", description="Falta de empleo formal")
    pending = await item(storage, workshop_id, ana, "recommendation", table="A", action="Crear una mesa")
    adopted = await item(storage, workshop_id, ana, "recommendation", table="A", action="Abrir ventanillas")
    await storage.set_contribution_status(adopted, "adopted")
    await storage.write_synthesis(workshop_id, tables["A"], {"challenges": "Faltan documentos"}, "es", ana)
    await storage.write_synthesis(workshop_id, tables["B"], {"challenges": "Falta empleo"}, "es", ana)
    await storage.set_original(workshop_id, editorial.INTRODUCTION, 0, {"text": "El taller reunió a 11 países"},
                               "es", None)
    await seat(storage, workshop_id, 4401, "Rita Relatora", role="rapporteur", table="A")
    rita = emulator.user(4401, "Rita", language_code="es")

    listed = await rita.ask("/translate")
    assert listed.button_texts == [f"Rec-{adopted}", f"Rec-{pending}", "Síntesis · Grupo A · retos", f"R-{challenge}"]

    await seat(storage, workshop_id, 4403, "Sara Secretaría", role="secretariat", country=None, language="en")
    sara = emulator.user(4403, "Sara", language_code="en")
    listed = await sara.ask("/translate")
    assert {"Synthesis · Group B · challenges", "Introduction"} <= set(listed.button_texts)
    await sara.press("Introduction", message=listed)
    await sara.wait_for(lambda m: "El taller reunió a 11 países" in m.text)
    await sara.ask("The workshop brought together 11 countries")
    [english] = [t for t in await storage.texts(workshop_id, editorial.INTRODUCTION) if t.language == "en"]
    assert (english.body, english.origin, english.translates) == (
        "The workshop brought together 11 countries", editorial.TRANSLATION, "El taller reunió a 11 países")


async def test_the_client_sends_its_key_and_takes_any_failure_as_no_draft():
    from bot.jobs.translation import MachineTranslator

    async with FakeTranslator(api_key="secret-key") as service:
        assert await MachineTranslator(service.url, "secret-key").draft("Hola", "es", "en") == "[es→en] Hola"
        assert await MachineTranslator(service.url, "wrong").draft("Hola", "es", "en") is None    # 403
        url = service.url
    assert await MachineTranslator(url, "secret-key", timeout=1).draft("Hola", "es", "en") is None  # refused
    assert await MachineTranslator(url, timeout=1).drafts([("a", "es", "en"), ("b", "es", "en")]) == [None, None]
