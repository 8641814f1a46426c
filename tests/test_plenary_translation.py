"""The plenary's words in both languages (issues 11/12), through the emulator: a translator gives the English of a
Spanish objection and of a joint reading's set-aside reason, the secretariat's machine drafts fill a comment and
the table's answer, and the English roadmap then prints the English wording (the machine's marked as such), not
the Spanish; the table's rapporteur may translate them, a participant or another table's moderator may not."""

import pytest

from bot.domain import editorial
from bot.domain.records import Notice
from bot.jobs.roadmap_data import roadmap_data
from bot.offline.runner import OfflineBot, offline_settings
from bot.offline.translator import FakeTranslator
from handlers.callbacks import TRANSLATE_PICK
from reports.roadmap import build_roadmap
from tests.helpers import item, open_phase, seat
from tests.reports.pdftext import text as pdf_text

OBJECTION = "No dice quién la financia ni en qué plazo."
OBJECTION_EN = "It does not say who pays for it or by when."
ANSWER = "Cada país la financia con su propio presupuesto de empleo."
ANSWER_EN = "Each country pays for it from its own employment budget."
COMMENT = "Que incluya también a las personas deportadas."
COMMENT_EN = "It should also cover people who were deported."
REASON = "Se superpone con una recomendación que ya se adoptó."
REASON_EN = "It overlaps a recommendation that was already adopted."


@pytest.fixture
async def fake():
    async with FakeTranslator({COMMENT: COMMENT_EN, ANSWER: ANSWER_EN}) as service:
        yield service


@pytest.fixture
async def machine_bot(emulator, database, workshop_id, fake):
    async with OfflineBot(offline_settings(emulator, database, translation_url=fake.url)) as running:
        yield running


async def _plenary(storage, workshop_id):
    """Table A's two Spanish recommendations after the plenary: one adopted with a Spanish objection (answered
    by the table's rapporteur) and a Spanish comment, the other set aside by the secretariat with a Spanish
    reason. Returns (adopted, set aside, the objection's id, the comment's id)."""
    ana = await seat(storage, workshop_id, 8101, "Ana Pérez", table="A")
    pedro = await seat(storage, workshop_id, 8102, "Pedro Gómez", table="B", country="HN")
    rita = await seat(storage, workshop_id, 8103, "Rita Relatora", role="rapporteur", table="A")
    sara = await seat(storage, workshop_id, 8104, "Sara Secretaría", role="secretariat", country=None)
    adopted = await item(storage, workshop_id, ana, "recommendation", table="A",
                         action="Certificar las competencias laborales de las personas retornadas")
    set_aside = await item(storage, workshop_id, ana, "recommendation", table="A",
                           action="Crear un fondo regional de reintegración")
    await open_phase(storage, workshop_id, "plenary")
    assert await storage.object_with_reason(adopted, pedro, OBJECTION)
    assert await storage.add_comment(adopted, pedro, COMMENT)
    [objection] = await storage.objections(await storage.fetch_value(
        "SELECT table_id FROM contributions WHERE id = ?", (adopted,)))
    assert await storage.answer_objection(objection.id, rita, ANSWER, Notice("t", "plobj.answered", {}))
    comment = await storage.fetch_value("SELECT id FROM feedback WHERE kind = 'comment'")
    assert await storage.set_reading_outcome(adopted, "adopted", sara)
    assert await storage.set_reading_outcome(set_aside, "set_aside", sara, reason=REASON)
    return adopted, set_aside, objection.id, comment


async def _versions(storage, workshop_id, subject, subject_id):
    return {(t.part, t.language): t for t in await storage.texts(workshop_id, subject, subject_id)}


async def test_the_plenarys_words_are_translated_and_the_english_roadmap_prints_them(machine_bot, emulator,
                                                                                    workshop_id):
    storage = machine_bot.storage
    adopted, set_aside, objection, comment = await _plenary(storage, workshop_id)
    tina_id = await seat(storage, workshop_id, 8201, "Tina Translator", role="translator", country=None,
                         language="en")
    tina = emulator.user(8201, "Tina", language_code="en")

    listed = await tina.ask("/translate")
    for label in (f"Rec-{adopted} · objection 1 · reason", f"Rec-{adopted} · objection 1 · answer",
                  f"Rec-{adopted} · comment 1", f"Rec-{set_aside} · joint reading's reason"):
        assert label in listed.button_texts, listed.describe()
    assert OBJECTION in listed.text and REASON in listed.text   # each listed by its own words

    await tina.press(f"Rec-{adopted} · objection 1 · reason", message=listed)
    asked = await tina.wait_for(lambda m: "original in Español" in m.text)
    assert OBJECTION in asked.text and "Certificar las competencias" in asked.text  # with the item it is about
    saved = await tina.ask(OBJECTION_EN)
    assert saved.text.startswith(f"Thank you: Rec-{adopted} · objection 1 · reason now has its version in English")
    listed = await tina.next_message()
    await tina.press(f"Rec-{set_aside} · joint reading's reason", message=listed)
    await tina.wait_for(lambda m: "original in Español" in m.text and REASON in m.text)
    await tina.ask(REASON_EN)

    stored = await _versions(storage, workshop_id, editorial.OBJECTION, objection)
    given = stored[("reason", "en")]
    assert (given.body, given.origin, given.written_by, given.translates) == (
        OBJECTION_EN, editorial.TRANSLATION, tina_id, OBJECTION)
    reading = (await _versions(storage, workshop_id, editorial.READING, set_aside))[("reason", "en")]
    assert (reading.body, reading.origin, reading.written_by) == (REASON_EN, editorial.TRANSLATION, tina_id)

    # The secretariat's machine drafts fill what nobody gave: the comment and the table's answer.
    sara = emulator.user(8104, "Sara", language_code="es")
    listed = await sara.ask("/translate")
    await sara.press("Borradores automáticos para todo lo que falta", message=listed)
    await sara.wait_for(lambda m: m.text.startswith("Borradores automáticos guardados"))
    machine = (await _versions(storage, workshop_id, editorial.COMMENT, comment))[("text", "en")]
    assert (machine.body, machine.origin, machine.written_by) == (COMMENT_EN, editorial.MACHINE, None)
    answer = (await _versions(storage, workshop_id, editorial.OBJECTION, objection))[("answer", "en")]
    assert (answer.body, answer.origin) == (ANSWER_EN, editorial.MACHINE)
    assert (await _versions(storage, workshop_id, editorial.OBJECTION, objection))[("reason", "en")].origin \
        == editorial.TRANSLATION                                       # a person's stays as it was

    english = pdf_text(build_roadmap(await roadmap_data(storage, workshop_id, "en")))
    for words in (OBJECTION_EN, REASON_EN[1:-1], COMMENT_EN, ANSWER_EN):  # (quoted: lower case first, no ".)")
        assert words in english
    for words in (OBJECTION, REASON, COMMENT, ANSWER):
        assert words not in english
    assert f"{COMMENT_EN} (machine translation) — Anonymous" in english  # the machine's, marked on the words
    assert f"Objection: {OBJECTION_EN} — Anonymous The table's answer: {ANSWER_EN} (machine translation)" in english
    # a person's translation carries no mark; quoted after "reason:", its first word in lower case and its
    # final full stop dropped before the closing bracket
    assert f"(reason: {REASON_EN[0].lower()}{REASON_EN[1:-1]})" in english

    spanish = pdf_text(build_roadmap(await roadmap_data(storage, workshop_id, "es")))
    for words in (OBJECTION, REASON[1:-1], COMMENT, ANSWER):
        assert words in spanish
    assert OBJECTION_EN not in spanish and REASON_EN not in spanish


async def test_only_the_tables_people_translators_and_the_secretariat_translate_the_plenarys_words(
        bot, emulator, workshop_id):
    storage = bot.storage
    adopted, set_aside, objection, _ = await _plenary(storage, workshop_id)
    await seat(storage, workshop_id, 8301, "John Smith", table="B", country="BZ", language="en")
    await seat(storage, workshop_id, 8302, "Bruno Mod", role="moderator", table="B", language="en")

    rita = emulator.user(8103, "Rita", language_code="es")                  # table A's rapporteur: hers
    listed = await rita.ask("/translate")
    assert f"Rec-{adopted} · objeción 1 · motivo" in listed.button_texts
    assert f"Rec-{set_aside} · motivo de la lectura" in listed.button_texts

    pedro = emulator.user(8102, "Pedro", language_code="es")                # the objector: not his to translate
    listed = await pedro.ask("/translate")
    assert not any("objeción" in t or "lectura" in t for t in listed.button_texts)
    for telegram_id, name in ((8102, "Pedro"), (8301, "John"), (8302, "Bruno")):
        user = emulator.user(telegram_id, name, language_code="en")
        for data in (TRANSLATE_PICK.data(editorial.OBJECTION, objection, "reason"),
                     TRANSLATE_PICK.data(editorial.READING, set_aside, "reason")):
            await user.press_data(data, (await user.ask("/translate")).message_id)
            await user.wait_for(lambda m: "not yours to translate" in m.text or "no le corresponde" in m.text)
    assert await storage.texts(workshop_id, editorial.OBJECTION) == []
    assert await storage.texts(workshop_id, editorial.READING) == []


async def test_an_amendments_wording_before_and_its_reason_print_in_the_editions_language(bot, emulator,
                                                                                         workshop_id):
    """The wording an amendment replaced and why it was proposed are the desk's to translate; the wording it
    put in is the recommendation's own text now, translated as the recommendation (listed once)."""
    storage = bot.storage
    adopted, _, _, _ = await _plenary(storage, workshop_id)
    pedro = await storage.fetch_value("SELECT id FROM people WHERE telegram_id = 8102")
    rita = await storage.fetch_value("SELECT id FROM people WHERE telegram_id = 8103")
    new = "Certificar y reconocer las competencias laborales de las personas retornadas"
    why = "Reconocer también lo aprendido en el extranjero."
    proposal = await storage.propose_amendment(adopted, pedro, new, why, "named")
    refusal, _ = await storage.take_in_amendments([proposal.id], rita, None, lambda a: Notice(f"a{a.id}", "t", {}))
    assert refusal is None
    await seat(storage, workshop_id, 8201, "Tina Translator", role="translator", country=None, language="en")
    tina = emulator.user(8201, "Tina", language_code="en")

    listed = await tina.ask("/translate")
    assert f"Rec-{adopted} · amendment 1 · before" in listed.button_texts
    assert f"Rec-{adopted} · amendment 1 · reason" in listed.button_texts
    assert f"Rec-{adopted} · amendment 1 · after" not in listed.button_texts   # the recommendation's own text
    for label, words in ((f"Rec-{adopted} · amendment 1 · before", "Certify returnees' work skills"),
                         (f"Rec-{adopted} · amendment 1 · reason", "Recognise what was learnt abroad too."),
                         (f"Rec-{adopted}", "Certify and recognise returnees' work skills")):
        await tina.press(label, message=listed)
        await tina.wait_for(lambda m: "original in Español" in m.text)
        await tina.ask(words)
        listed = await tina.next_message()

    english = pdf_text(build_roadmap(await roadmap_data(storage, workshop_id, "en")))
    # the wording it put in opens the entry, so no "After:" repeats it (issue 12, 24)
    assert f"Rec-{adopted} Certify and recognise returnees' work skills Scope:" in english
    assert ("Reason: Recognise what was learnt abroad too. "
            "Wording as tabled: “Certify returnees' work skills” ") in english   # each a person's: no mark
    assert "After:" not in english
    assert "Que incluya también a las personas deportadas. (original in Spanish) — Anonymous" in english
    for words in (new, why, "Certificar las competencias laborales"):
        assert words not in english                      # (nobody gave the comment: its language is named)
