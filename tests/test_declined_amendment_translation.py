"""A declined floor amendment in both languages (issue 12, r12 finding 8), through the emulator: its wording, why
it was proposed and the table's reason for declining it are at /translate like an accepted amendment's words,
the table's rapporteur gives their other language, and each edition of the table's minutes then prints them in
its own language; a proposer who chose no credit reads "proposer not recorded", not as a person called
Anonymous."""

from bot.domain import editorial
from bot.domain.records import Notice
from bot.jobs.roadmap_data import roadmap_data
from handlers.callbacks import TRANSLATE_PICK
from reports.minutes import build_minutes
from tests.helpers import item, open_phase, seat
from tests.reports.pdftext import text as pdf_text

WORDING = "Financiar proyectos comunitarios solo donde ya exista un plan local de reintegración."
WORDING_EN = "Fund community projects only where a local reintegration plan already exists."
WHY = "Sin un plan local el dinero se dispersa."
WHY_EN = "Without a local plan the money is spread thin."
DECLINED = "La mesa prefiere no condicionar los fondos a un plan."
DECLINED_EN = "The table would rather not tie the funds to a plan."


async def _declined(storage, workshop_id):
    """Table A's Spanish recommendation, a Spanish amendment proposed anonymously from table B, declined by
    table A's rapporteur with a Spanish reason. Returns (the recommendation, the amendment)."""
    ana = await seat(storage, workshop_id, 8401, "Ana Pérez", table="A")
    pedro = await seat(storage, workshop_id, 8402, "Pedro Gómez", table="B", country="HN")
    rita = await seat(storage, workshop_id, 8403, "Rita Relatora", role="rapporteur", table="A")
    recommendation = await item(storage, workshop_id, ana, "recommendation", table="A",
                                action="Financiar proyectos comunitarios de reintegración")
    await open_phase(storage, workshop_id, "plenary")
    amendment = await storage.propose_amendment(recommendation, pedro, WORDING, WHY, "anonymous")
    refusal, _ = await storage.decline_amendment(amendment.id, rita, DECLINED,
                                                 lambda a: Notice("t", "plamend.declined", {}))
    assert refusal is None
    return recommendation, amendment.id


async def test_a_declined_amendments_words_are_translated_and_each_minutes_print_their_own(bot, emulator,
                                                                                           workshop_id):
    storage = bot.storage
    recommendation, amendment = await _declined(storage, workshop_id)
    before = pdf_text(build_minutes(await roadmap_data(storage, workshop_id, "en"), "A"))
    untranslated = before[before.index(WORDING):]                 # as typed, its language named
    assert "original in Spanish" in untranslated[:len(WORDING) + 30]

    rita = emulator.user(8403, "Rita", language_code="es")
    listed = await rita.ask("/translate")
    labels = {part: f"Rec-{recommendation} · enmienda 1 · {name}" for part, name in (
        ("wording", "redacción propuesta"), ("reason", "motivo"), ("decision", "motivo de la mesa para no aceptarla"))}
    for label in labels.values():
        assert any(t.startswith(label[:40]) for t in listed.button_texts), listed.describe()
    for part, english in (("wording", WORDING_EN), ("reason", WHY_EN), ("decision", DECLINED_EN)):
        listed = await rita.ask("/translate")
        await rita.press_data(TRANSLATE_PICK.data(editorial.AMENDMENT, amendment, part), listed.message_id)
        asked = await rita.wait_for(lambda m: "original en Español" in m.text)
        assert {"wording": WORDING, "reason": WHY, "decision": DECLINED}[part] in asked.text
        await rita.ask(english)
    stored = {(t.part, t.language): t for t in await storage.texts(workshop_id, editorial.AMENDMENT, amendment)}
    assert {part: t.body for (part, language), t in stored.items() if language == "en"} == {
        "wording": WORDING_EN, "reason": WHY_EN, "decision": DECLINED_EN}
    assert all(t.origin == editorial.TRANSLATION for t in stored.values())

    english = pdf_text(build_minutes(await roadmap_data(storage, workshop_id, "en"), "A"))
    declined = english[english.index("Amendment from the floor declined by the table"):]
    assert declined.startswith("Amendment from the floor declined by the table (proposer not recorded)")
    for words in (WORDING_EN, WHY_EN, DECLINED_EN):
        assert words in declined
    for words in (WORDING, WHY, DECLINED, "original in Spanish", "Anonymous"):
        assert words not in declined[:600]
    spanish = pdf_text(build_minutes(await roadmap_data(storage, workshop_id, "es"), "A"))
    declined = spanish[spanish.index("Enmienda de la sala que la mesa no aceptó"):]
    assert declined.startswith("Enmienda de la sala que la mesa no aceptó (no consta quién la propuso)")
    for words in (WORDING, WHY, DECLINED):
        assert words in declined
    assert WORDING_EN not in spanish and "Anónimo" not in declined[:600]


async def test_a_declined_amendment_is_not_for_a_participant_of_another_table_to_translate(bot, emulator,
                                                                                           workshop_id):
    storage = bot.storage
    _, amendment = await _declined(storage, workshop_id)
    pedro = emulator.user(8402, "Pedro", language_code="es")    # its proposer, of table B: not his to translate
    listed = await pedro.ask("/translate")
    assert not any("enmienda" in t for t in listed.button_texts)
    await pedro.press_data(TRANSLATE_PICK.data(editorial.AMENDMENT, amendment, "decision"), listed.message_id)
    await pedro.wait_for(lambda m: "no le corresponde" in m.text or "not yours" in m.text)
    assert await storage.texts(workshop_id, editorial.AMENDMENT) == []
