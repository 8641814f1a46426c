"""Item references are spelled as the roadmap of the reader's language prints them: a Spanish delegate is told
"R-12" (reto), an English one "C-12" (challenge), and each finds the same letters in their edition of the PDF.
A moderator may type either language's letters into the merge picker; a notice kept in the outbox is lettered
in the recipient's language when it is sent, not in the language of whoever caused it."""

from functools import partial

import pytest

from bot.domain.items import known_letters, reference
from bot.jobs.roadmap_data import roadmap_data
from bot.transport import ATTEMPTS
from handlers import callbacks
from reports.roadmap import build_roadmap
from tests.helpers import open_phase, participant, person_id, seat
from tests.reports.pdftext import text as pdf_text
from tests.test_merge_picker import crowded_table, merge_button, open_picker
from tests.test_moderation_session import moderator_of
from tests.test_plenary_objections import setup as plenary_with_two_recommendations


async def send_challenge(user, description: str, *, english: bool, before_send=None) -> str:
    """Walk through /challenge with the fewest answers; returns the confirmation's text (``before_send`` is
    called just before "Send" is pressed)."""
    done = "Done" if english else "Listo"
    await user.ask("/challenge")
    await user.ask(description)
    await user.press("Community" if english else "Comunitario")
    dims = await user.next_message()
    await user.press("Social", message=dims)
    await user.wait_for(lambda m: m.message_id == dims.message_id and "✓ Social" in m.button_texts)
    await user.press(done, message=dims)
    groups = await user.next_message()
    await user.press("None of these" if english else "Ninguno de estos", message=groups)
    credit = await user.wait_for(lambda m: m.message_id != groups.message_id and len(m.buttons) == 3)
    await user.press(credit.button_texts[0], message=credit)
    summary = await user.wait_for(lambda m: m.has_button("Send" if english else "Enviar"))
    if before_send is not None:
        before_send()
    await user.press("Send" if english else "Enviar", message=summary)
    sent = await user.wait_for(lambda m: m.text.startswith("Sent." if english else "Enviado."))
    return sent.text


async def test_each_participant_is_told_the_reference_their_roadmap_prints(bot, emulator, workshop_id):
    storage = bot.storage
    ana = await participant(emulator, storage, workshop_id, 9101)
    john = await participant(emulator, storage, workshop_id, 9102, english=True)
    await open_phase(storage, workshop_id, "mapping")
    told_ana = await send_challenge(ana, "Faltan albergues temporales en los municipios de retorno", english=False)
    told_john = await send_challenge(john, "Returnees wait months for an identity card", english=True)
    [ana_item] = await storage.contributions(workshop_id, author_id=await person_id(storage, 9101))
    [john_item] = await storage.contributions(workshop_id, author_id=await person_id(storage, 9102))
    assert f"quedó guardado como R-{ana_item.id}" in told_ana        # R = reto
    assert f"stored as C-{john_item.id}" in told_john                 # C = challenge
    assert f"C-{ana_item.id}" not in told_ana and f"R-{john_item.id}" not in told_john

    mine = await ana.ask("/mine")
    assert f"R-{ana_item.id}" in mine.text and f"C-{ana_item.id}" not in mine.text

    spanish = pdf_text(build_roadmap(await roadmap_data(storage, workshop_id, "es")))
    english = pdf_text(build_roadmap(await roadmap_data(storage, workshop_id, "en")))
    # Each finds in their own edition the very reference the bot gave them, for their item and the other's.
    for ref in (f"R-{ana_item.id}", f"R-{john_item.id}"):
        assert ref in spanish
    for ref in (f"C-{ana_item.id}", f"C-{john_item.id}"):
        assert ref in english
    assert f"C-{ana_item.id}" not in spanish and f"R-{john_item.id}" not in english


async def test_the_merge_picker_finds_an_item_typed_in_either_languages_letters(bot, emulator, workshop_id):
    storage = bot.storage
    mod = await moderator_of(emulator, storage, workshop_id)   # reads English: C-, G-, R-
    ids = await crowded_table(storage, workshop_id)
    original, late = ids["documents"], ids["late_documents"]
    dashboard = await mod.ask("/mod")
    picker = await open_picker(mod, late, dashboard.message_id)
    assert f"Merge C-{late} into which item?" in picker.text
    # The Spanish letters (R = reto), the English ones, any case, with or without the dash.
    for typed in (f"R-{original}", f"r{original}", f"C-{original}", f"c {original}"):
        found = await mod.ask(typed)
        assert [t for t in found.button_texts if " · " in t] == [merge_button(found, f"C-{original}")], typed
    # A good practice's or a recommendation's letters in either language name no challenge; unknown ones nothing.
    for typed in (f"BP-{original}", f"G-{original}", f"Rec-{original}", f"X-{original}"):
        refused = await mod.ask(typed)
        assert f"There is no item {typed} at this table" in refused.text, typed
        assert not any(t.startswith(f"C-{original} ·") for t in refused.button_texts), typed
    found = await mod.ask(f"R {original}")
    await mod.press(merge_button(found, f"C-{original}"), message=found)
    merged = await mod.wait_for(lambda m: "merged into" in m.text)
    assert f"C-{late} merged into C-{original}" in merged.text
    assert (await storage.contribution(late)).merged_into == original


async def test_a_spanish_moderator_is_shown_and_can_type_the_spanish_letters(bot, emulator, workshop_id):
    storage = bot.storage
    await seat(storage, workshop_id, 9201, "Marta Mod", role="moderator", table="A")   # reads Spanish
    ids = await crowded_table(storage, workshop_id)
    original, late = ids["shelters"], ids["late_shelters"]
    mod = emulator.user(9201, "Marta", language_code="es")
    dashboard = await mod.ask("/mod")
    await mod.press_data(callbacks.MOD_PICK_SURVIVOR.data(late), dashboard.message_id)
    picker = await mod.wait_for(lambda m: "¿Con qué aporte se fusiona" in m.text)
    assert f"se fusiona R-{late}?" in picker.text and "(como R-3)" in picker.text
    found = await mod.ask(f"c-{original}")   # the English letters, as an English colleague would quote it
    await mod.press(merge_button(found, f"R-{original}"), message=found)
    merged = await mod.wait_for(lambda m: "fusionado con" in m.text)
    assert merged.text.startswith(f"R-{late} fusionado con R-{original}") and "C-" not in merged.text
    assert (await storage.contribution(late)).merged_into == original


async def test_a_notice_from_the_outbox_is_lettered_in_the_recipients_language(bot, emulator, workshop_id):
    storage = bot.storage
    first, _ = await plenary_with_two_recommendations(storage, workshop_id)   # Ana's (table A), then John's
    john = emulator.user(7102, "John", language_code="en")                   # English objector
    card = await john.ask("/plenary")
    await john.press("👎 Object", message=card)
    asked = await john.next_message()
    assert asked.text.startswith(f"Why do you object to Rec-{first}?")        # Rec in both languages
    await john.ask("No budget and no timeline")

    rita = emulator.user(7103, "Rita", language_code="es")                   # Spanish rapporteur answers
    await rita.send_text("/rapporteur")
    desk = await rita.wait_for(lambda m: m.has_button("👎 Objeciones de la plenaria"))
    await rita.press("👎 Objeciones de la plenaria", message=desk)
    listing = await rita.wait_for(lambda m: "Objeciones a las recomendaciones" in m.text)
    assert f"Rec-{first}" in listing.text                                    # Rec = recomendación in Spanish
    await rita.press(f"Responder a la 1 (Rec-{first})", message=listing)
    await rita.next_message()
    sent = await rita.ask("El presupuesto viene del fondo regional")
    assert sent.text.startswith(f"Respuesta a la objeción sobre Rec-{first} guardada")

    told = await john.wait_for(lambda m: m.text.startswith("The table answered your objection"))
    assert f"objection to Rec-{first}." in told.text
    # Kept as kind and number, so it is lettered when it is sent, in the language of whoever reads it.
    params = await storage.fetch_value("SELECT params FROM outbox WHERE template = 'plobj.answered'")
    assert f'"ref": {{"kind": "recommendation", "id": {first}}}' in params
    assert "Rec-" not in params and "R-" not in params


def test_no_letter_names_two_kinds_across_the_editions():
    """A delegate who reads the Spanish edition and one who reads the English quote one item to each other in
    the plenary: a letter that is a challenge in one and a recommendation in the other (as "R-" once was) makes
    them talk of two items. The letters may differ by language, never clash."""
    named = known_letters()
    assert all(len(kinds) == 1 for kinds in named.values()), named
    assert reference("recommendation", 3, "es") == reference("recommendation", 3, "en") == "Rec-3"
    assert reference("challenge", 3, "es") == "R-3" and reference("challenge", 3, "en") == "C-3"


async def test_a_confirmation_sent_late_follows_the_language_chosen_meanwhile(bot, emulator, workshop_id):
    """The confirmation is stored with the item; when it can only go out after a restart, and the person switched
    to English meanwhile, it quotes the item as the English roadmap does."""
    storage = bot.storage
    ana = await participant(emulator, storage, workshop_id, 9301)
    await open_phase(storage, workshop_id, "mapping")
    lose_it = partial(emulator.fail_next, "sendMessage", error_code=502, description="Bad Gateway", times=ATTEMPTS)
    with pytest.raises(TimeoutError):   # every try to confirm fails: no confirmation arrives now
        await send_challenge(ana, "Faltan intérpretes de lenguas indígenas", english=False, before_send=lose_it)
    [stored] = await storage.contributions(workshop_id, author_id=await person_id(storage, 9301))
    params = await storage.fetch_value("SELECT params FROM outbox WHERE template = 'item.sent'")
    assert f'"ref": {{"kind": "challenge", "id": {stored.id}}}' in params
    await storage.set_language(await person_id(storage, 9301), "en")

    await bot.restart()
    confirmed = await ana.wait_for(lambda m: f"-{stored.id}" in m.text, timeout=10)
    assert confirmed.text.startswith("Sent.") and f"<b>C-{stored.id}</b>" in confirmed.html
