"""The wording a recommendation had before the joint reading amended it, in both languages (issue 12, r12 second
reading, point 4), through the emulator: the Spanish roadmap and minutes printed it in English ("Antes: Assign
every returnee a case worker… (original en inglés)") because nobody could translate it. Now it is at /translate
after the amendment, for the translator and the author, not for anyone else; a machine draft fills it like any
text, marked until a person confirms it; a translation given before the amendment is kept for it; and each
edition's roadmap and minutes print it in their own language."""

import pytest

from bot.domain import editorial
from bot.jobs.roadmap_data import roadmap_data
from bot.offline.runner import OfflineBot, offline_settings
from bot.offline.translator import FakeTranslator
from handlers.callbacks import TRANSLATE_PICK
from reports.minutes import build_minutes
from reports.roadmap import build_roadmap
from tests.helpers import item, seat
from tests.reports.pdftext import text as pdf_text

ORIGINAL = "Assign every returnee a case worker at reception."
ORIGINAL_ES = "Asignar a cada persona retornada una persona gestora de casos en la recepción."
AMENDED = "Assign every returnee a case worker at reception, with follow-up for a year."
AMENDED_ES = "Asignar a cada persona retornada una persona gestora de casos en la recepción, con seguimiento un año."
EARLIER_EN = "wording before the amendment"


@pytest.fixture
async def fake():
    async with FakeTranslator({ORIGINAL: ORIGINAL_ES, AMENDED: AMENDED_ES}) as service:
        yield service


@pytest.fixture
async def machine_bot(emulator, database, workshop_id, fake):
    async with OfflineBot(offline_settings(emulator, database, translation_url=fake.url)) as running:
        yield running


async def _recommendation(storage, workshop_id):
    """John, of table B, writes a recommendation in English; the secretariat is Spanish-speaking. Returns
    (John's id, the recommendation's, the secretariat's)."""
    john = await seat(storage, workshop_id, 9101, "John Smith", table="B", country="BZ", language="en")
    sara = await seat(storage, workshop_id, 9102, "Sara Secretaría", role="secretariat", country=None)
    rec = await item(storage, workshop_id, john, "recommendation", language="en", table="B", action=ORIGINAL)
    return john, rec, sara


async def _amend_at_the_reading(emulator):
    """The secretariat adopts it as amended at the joint reading, as a person does it."""
    sara = emulator.user(9102, "Sara", language_code="es")
    await sara.ask("/reading")
    await sara.press("Adoptar con enmiendas", message=await sara.next_message())
    await sara.next_message()
    await sara.ask(AMENDED)
    done = await sara.ask("La plenaria pidió seguimiento.")
    assert "adoptada con enmiendas" in done.text
    await sara.wait_for(lambda m: m.message_id > done.message_id and m.has_button("Adoptar"))  # the card again


async def _earlier(storage, workshop_id, rec):
    return {t.language: t for t in await storage.texts(workshop_id, editorial.ITEM, rec)
            if t.part == editorial.EARLIER}


async def _documents(storage, workshop_id, language):
    data = await roadmap_data(storage, workshop_id, language)
    return pdf_text(build_roadmap(data)), pdf_text(build_minutes(data, "B"))


async def test_the_translator_gives_the_earlier_wording_and_each_edition_prints_its_own(bot, emulator,
                                                                                       workshop_id):
    storage = bot.storage
    _, rec, _ = await _recommendation(storage, workshop_id)
    tina_id = await seat(storage, workshop_id, 9103, "Tina Translator", role="translator", country=None,
                         language="en")
    tina = emulator.user(9103, "Tina", language_code="en")
    assert EARLIER_EN not in (await tina.ask("/translate")).text   # nothing earlier before the reading
    await _amend_at_the_reading(emulator)

    listed = await tina.ask("/translate")
    assert f"Rec-{rec}" in listed.button_texts
    assert f"action, {EARLIER_EN}" in listed.text                    # the item once, both of its texts named
    await tina.press(f"Rec-{rec}", message=listed)
    asked = await tina.wait_for(lambda m: "original in English" in m.text)
    assert AMENDED in asked.text                                     # its text now first
    await tina.send_text(AMENDED_ES)
    asked = await tina.wait_for(lambda m: m.text.startswith(f"Saved. Rec-{rec} · {EARLIER_EN}, original in English"))
    assert ORIGINAL in asked.text
    assert "The same in" not in " ".join(asked.button_texts)          # a sentence, not a place's own name
    await tina.send_text(ORIGINAL_ES)
    await tina.wait_for(lambda m: m.text.startswith(f"Thank you: Rec-{rec} now has its version in Español"))
    left = await tina.wait_for(lambda m: m.text.startswith("Texts waiting for their other language (1)"))
    assert left.button_texts == [f"Rec-{rec} · joint reading's reason"]   # (the reading's reason is apart)

    given = (await _earlier(storage, workshop_id, rec))["es"]
    assert (given.body, given.origin, given.written_by, given.translates) == (
        ORIGINAL_ES, editorial.TRANSLATION, tina_id, ORIGINAL)
    [main] = [t for t in await storage.texts(workshop_id, editorial.ITEM, rec) if t.part == "action"]
    assert (main.body, main.translates) == (AMENDED_ES, AMENDED)     # the amended text's, apart

    roadmap, minutes = await _documents(storage, workshop_id, "es")
    for printed in (roadmap, minutes):
        assert f"Texto presentado: «{ORIGINAL_ES}»" in printed and AMENDED_ES in printed
        assert ORIGINAL not in printed and "original en inglés" not in printed
    roadmap, minutes = await _documents(storage, workshop_id, "en")
    for printed in (roadmap, minutes):
        assert f"Wording as tabled: “{ORIGINAL}”" in printed and AMENDED in printed
        assert ORIGINAL_ES not in printed and AMENDED_ES not in printed


async def test_only_the_author_and_translators_may_give_the_earlier_wording(bot, emulator, workshop_id):
    storage = bot.storage
    _, rec, _ = await _recommendation(storage, workshop_id)
    await seat(storage, workshop_id, 9104, "Ana Pérez", table="A", language="en")
    await seat(storage, workshop_id, 9105, "Bruno Mod", role="moderator", table="A", language="en")
    await _amend_at_the_reading(emulator)
    pick = TRANSLATE_PICK.data(editorial.ITEM, rec, editorial.EARLIER)

    for telegram_id, name in ((9104, "Ana"), (9105, "Bruno")):      # another table's participant and moderator
        user = emulator.user(telegram_id, name, language_code="en")
        listed = await user.ask("/translate")
        assert f"Rec-{rec}" not in listed.button_texts and EARLIER_EN not in listed.text
        await user.press_data(pick, listed.message_id)
        await user.wait_for(lambda m: "not yours to translate" in m.text)
        assert await storage.dialogue(await storage.fetch_value(
            "SELECT id FROM people WHERE telegram_id = ?", (telegram_id,))) is None
    assert await _earlier(storage, workshop_id, rec) == {}

    john = emulator.user(9101, "John", language_code="en")             # the author: his own
    listed = await john.ask("/translate")
    assert EARLIER_EN in listed.text
    await john.press_data(pick, listed.message_id)
    asked = await john.wait_for(lambda m: m.text.startswith(f"Rec-{rec} · {EARLIER_EN}, original in English"))
    assert ORIGINAL in asked.text and f"(of «{AMENDED[:40]}" in asked.text  # beside the text it is now
    await john.send_text(ORIGINAL_ES)
    await john.wait_for(lambda m: m.text.startswith(f"Thank you: Rec-{rec}"))
    assert (await _earlier(storage, workshop_id, rec))["es"].body == ORIGINAL_ES


async def test_the_secretariats_machine_drafts_fill_it_marked_until_a_person_confirms(machine_bot, emulator,
                                                                                     workshop_id):
    storage = machine_bot.storage
    _, rec, _ = await _recommendation(storage, workshop_id)
    await _amend_at_the_reading(emulator)
    sara = emulator.user(9102, "Sara", language_code="es")
    listed = await sara.ask("/translate")
    await sara.press("Borradores automáticos para todo lo que falta", message=listed)
    await sara.wait_for(lambda m: m.text.startswith("Borradores automáticos guardados: 3"))  # both texts, the reason
    drafted = (await _earlier(storage, workshop_id, rec))["es"]
    assert (drafted.body, drafted.origin, drafted.written_by, drafted.translates) == (
        ORIGINAL_ES, editorial.MACHINE, None, ORIGINAL)
    roadmap, _ = await _documents(storage, workshop_id, "es")
    assert f"Texto presentado: «{ORIGINAL_ES}» (traducción automática" in roadmap and ORIGINAL not in roadmap

    listed = await sara.ask("/translate")                               # still to be confirmed by a person
    assert f"Rec-{rec}" in listed.button_texts and "borrador automático" in listed.text
    await sara.press_data(TRANSLATE_PICK.data(editorial.ITEM, rec, editorial.EARLIER), listed.message_id)
    asked = await sara.wait_for(lambda m: m.text.startswith(f"Rec-{rec} · redacción anterior a la enmienda"))
    await sara.press("Borrador automático", message=asked)
    draft = await sara.wait_for(lambda m: m.has_button("Confirmar tal cual"))
    await sara.press("Confirmar tal cual", message=draft)
    await sara.wait_for(lambda m: m.text.startswith("Gracias"))
    assert (await _earlier(storage, workshop_id, rec))["es"].origin == editorial.TRANSLATION
    roadmap, minutes = await _documents(storage, workshop_id, "es")
    for printed in (roadmap, minutes):
        assert f"Texto presentado: «{ORIGINAL_ES}»" in printed
        assert f"{ORIGINAL_ES}» (traducción automática" not in printed


async def test_a_translation_given_before_the_amendment_is_kept_for_the_earlier_wording(bot, emulator,
                                                                                       workshop_id):
    """Translating the amended text used to replace the only translation of the earlier one."""
    storage = bot.storage
    _, rec, _ = await _recommendation(storage, workshop_id)
    john = emulator.user(9101, "John", language_code="en")
    await john.ask("/translate")
    await john.press(f"Rec-{rec}")
    await john.wait_for(lambda m: "original in English" in m.text and ORIGINAL in m.text)
    await john.send_text(ORIGINAL_ES)
    await john.wait_for(lambda m: m.text.startswith(f"Thank you: Rec-{rec}"))
    await _amend_at_the_reading(emulator)

    listed = await john.ask("/translate")                               # only the amended text waits
    assert f"Rec-{rec}" in listed.button_texts and EARLIER_EN not in listed.text
    await john.press(f"Rec-{rec}", message=listed)
    await john.wait_for(lambda m: "original in English" in m.text and AMENDED in m.text)
    await john.send_text(AMENDED_ES)
    await john.wait_for(lambda m: m.text.startswith(f"Thank you: Rec-{rec}"))
    await john.wait_for(lambda m: "Nothing is waiting" in m.text)

    kept = (await _earlier(storage, workshop_id, rec))["es"]
    assert (kept.body, kept.origin, kept.translates) == (ORIGINAL_ES, editorial.TRANSLATION, ORIGINAL)
    roadmap, minutes = await _documents(storage, workshop_id, "es")
    for printed in (roadmap, minutes):
        assert f"Texto presentado: «{ORIGINAL_ES}»" in printed and AMENDED_ES in printed and ORIGINAL not in printed
