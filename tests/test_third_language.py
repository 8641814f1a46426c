"""A third language is a content folder and a line in the workshop file (issue 14, point 5).

The operator writes ``<folder>/pt/`` (here: Spanish's files copied and a few texts put into Portuguese, one left
out), points ``CONTENT_PATH`` at the folder and lists ``pt`` in the workshop's ``languages``: no Python file
changes. A participant then chooses Portuguese at /start and reads it (a text the folder lacks comes in the
workshop's default language, Spanish), and the secretariat downloads the roadmap in Portuguese. What else a person
meets in the workshop's languages follows them too: the translation desk asks for a Spanish recommendation's
Portuguese version besides its English one, the room screen gives one link per language of the workshop (and no
other), the duplicate finder reads a Portuguese item with Portugal's stemmer, and dates read as Portuguese writes
them.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tomllib

import aiohttp
import pytest

import content
from bot.domain import duplicates, editorial, workshop_texts
from bot.domain.duplicates import GlossaryError
from bot.domain.workshop_file import EXAMPLE_FILE, WorkshopFileError, parse_workshop
from bot.offline.runner import OfflineBot, offline_settings
from bot.storage import Storage
from handlers import callbacks
from handlers.callbacks import TRANSLATE_INTO
from tests.helpers import invitation, item, person_id, seat
from tests.process import free_port
from tests.test_secretariat import pdf_text

PT_TITLE = "Oficina sobre Reintegração Sustentável"


def _replace(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def portuguese(root):
    """``root/pt``: Spanish's folder copied, with the words this test looks for in Portuguese and the name
    question left out (so it must come in the workshop's default language)."""
    folder = root / "pt"
    shutil.copytree(content.BUILT_IN / "es", folder)
    _replace(folder / "messages_language.toml", 'name = "Español"', 'name = "Português"')
    _replace(folder / "messages.toml", 'choose_language = "¿En qué idioma prefieres usar el bot?"',
             'choose_language = "Em que língua prefere usar o bot?"')
    _replace(folder / "messages.toml", 'language_set = "Idioma: {{ language }}."',
             'language_set = "Língua escolhida: {{ language }}."')
    _replace(folder / "messages.toml", 'ask_name = "¿Cuál es tu nombre completo? (hasta {{ limit }} caracteres)"\n', "")
    _replace(folder / "messages_thirdlanguage.toml", 'in_language = "En español"', 'in_language = "Em português"')
    report = folder / "report.toml"
    _replace(report, 'draft = "BORRADOR"', 'draft = "RASCUNHO"')
    _replace(report, 'draft_notice = "BORRADOR – no es la hoja de ruta final',
             'draft_notice = "RASCUNHO – não é o roteiro final')
    _replace(report, 'roadmap = "hoja-de-ruta"', 'roadmap = "roteiro"')
    _replace(report, 'draft = "borrador"', 'draft = "rascunho"')
    _replace(report, 'invitations = "invitaciones"', 'invitations = "convites"')
    _replace(folder / "messages_broadcasts.toml", "Mensaje de la secretaría del taller",
             "Mensagem da secretaria da oficina")
    return folder


def with_portuguese(raw: dict) -> dict:
    """The CRM's file offering es, en and pt: every text given in pt too (Spanish's words, the title in pt)."""
    def walk(node):
        if isinstance(node, dict):
            if set(node) == {"es", "en"}:
                node["pt"] = node["es"]
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
    walk(raw)
    raw["languages"] = ["es", "en", "pt"]
    raw["title"]["pt"] = PT_TITLE
    return raw


@pytest.fixture
def content_root(tmp_path):
    root = tmp_path / "my-content"
    portuguese(root)
    yield root
    content.use(None)  # the next test's bot reads the built-in content only


@pytest.fixture
def screen_port():
    return free_port()


@pytest.fixture
async def trilingual(emulator, database, content_root, screen_port):
    raw = with_portuguese(tomllib.loads(EXAMPLE_FILE.read_text(encoding="utf-8")))
    async with OfflineBot(offline_settings(emulator, database, content_path=str(content_root),
                                           screen_port=screen_port)) as running:
        workshop_id = await running.storage.save_workshop(parse_workshop(raw))
        yield running, workshop_id


def test_the_language_is_only_content(content_root):
    assert not list(content_root.rglob("*.py"))
    assert "pt" not in content.languages("")            # not in the bot's own content: only in the operator's
    assert content.languages(str(content_root)) == ("en", "es", "pt")


def test_a_workshop_offering_a_language_needs_its_texts_in_it(content_root):
    content.use(str(content_root))
    raw = with_portuguese(tomllib.loads(EXAMPLE_FILE.read_text(encoding="utf-8")))
    del raw["countries"][0]["name"]["pt"]
    raw["place"]["fr"] = "Puebla"
    with pytest.raises(WorkshopFileError) as caught:
        parse_workshop(raw)
    text = "\n".join(caught.value.errors)
    assert "countries[0].name.pt: no text in pt" in text
    assert "place: fr is not one of the workshop's languages" in text
    content.use(None)
    with pytest.raises(WorkshopFileError) as caught:  # without the folder, the bot cannot offer pt at all
        parse_workshop(with_portuguese(tomllib.loads(EXAMPLE_FILE.read_text(encoding="utf-8"))))
    assert "unsupported language(s) ['pt']" in "\n".join(caught.value.errors)


async def test_a_participant_chooses_portuguese_and_reads_it(trilingual, emulator):
    running, workshop_id = trilingual
    user = emulator.user(4101, "Joana", language_code="fr")  # a Telegram app in a language nobody offers
    token = await invitation(running.storage, workshop_id)
    await user.send_text(f"/start {token}")
    asked = await user.wait_for(lambda m: m.has_button("Português"))
    assert asked.button_texts == ["Español", "English", "Português"]  # the workshop file's order
    assert "Em que língua prefere usar o bot?" in asked.text
    await user.press("Português")
    chosen = await user.wait_for(lambda m: "Língua escolhida" in m.text)
    assert chosen.text == "Língua escolhida: Português."
    # the pt folder has no name question: it comes in the workshop's default language, nothing breaks
    question = await user.wait_for(lambda m: "nombre completo" in m.text)
    assert question.text.startswith("¿Cuál es tu nombre completo?")
    stored = await running.storage.fetch_value("SELECT language FROM people WHERE telegram_id = ?", (4101,))
    assert stored == "pt"


async def test_the_secretariat_downloads_the_roadmap_in_portuguese(trilingual, emulator):
    running, workshop_id = trilingual
    await seat(running.storage, workshop_id, 4201, "Sara Secretaria", role="secretariat", country=None,
               language="pt")
    sara = emulator.user(4201, "Sara", language_code="pt")
    asked = await sara.ask("/roadmap")
    assert asked.button_texts == ["Español", "English", "Português"]
    await sara.press("Português")
    document = await sara.wait_for(lambda m: m.document is not None, timeout=30)
    assert document.document["file_name"] == "roteiro-crm-puebla-2022-rascunho.pdf"
    text = pdf_text(document.document["content"])
    assert PT_TITLE in text
    assert "RASCUNHO" in text and "BORRADOR" not in text


async def test_a_two_language_workshop_does_not_offer_the_third(emulator, database, content_root):
    """The folder makes pt possible; only a workshop whose file lists it offers it."""
    async with Storage(database) as storage:
        workshop_id = await storage.save_workshop(parse_workshop(tomllib.loads(EXAMPLE_FILE.read_text("utf-8"))))
    async with OfflineBot(offline_settings(emulator, database, content_path=str(content_root))) as running:
        user = emulator.user(4301, "Joana", language_code="pt")
        token = await invitation(running.storage, workshop_id)
        await user.send_text(f"/start {token}")
        asked = await user.wait_for(lambda m: m.has_button("English"))
        assert asked.button_texts == ["Español", "English"]
        assert "Em que língua" not in asked.text


PORTUGUESE = "Criar uma mesa interinstitucional de reintegração em cada país"


async def test_a_translator_gives_the_portuguese_version_of_a_spanish_recommendation(trilingual, emulator):
    """A Spanish recommendation needs English and Portuguese: listed once for each, each asked for on its own."""
    running, workshop_id = trilingual
    storage = running.storage
    ana = await seat(storage, workshop_id, 4401, "Ana Pérez", table="A")
    rec = await item(storage, workshop_id, ana, "recommendation", table="A",
                     action="Crear una mesa interinstitucional de reintegración en cada país")
    await seat(storage, workshop_id, 4402, "Sara Secretaría", role="secretariat", country=None, language="es")
    sara = emulator.user(4402, "Sara", language_code="es")

    listed = await sara.ask("/translate")
    assert f"Rec-{rec} → English" in listed.button_texts and f"Rec-{rec} → Português" in listed.button_texts
    assert "→ Español" not in " ".join(listed.button_texts)      # it is written in Spanish
    await sara.press(f"Rec-{rec} → Português")
    asked = await sara.wait_for(lambda m: "original en Español" in m.text)
    assert "<b>Português</b>" in asked.html or "Português" in asked.text
    saved = await sara.ask(PORTUGUESE)
    assert saved.text.startswith(f"Gracias: Rec-{rec} ya tiene su versión en Português")
    [stored] = await storage.texts(workshop_id, editorial.ITEM, rec)
    assert (stored.language, stored.body, stored.origin, stored.translates) == (
        "pt", PORTUGUESE, editorial.TRANSLATION, "Crear una mesa interinstitucional de reintegración en cada país")

    again = await sara.wait_for(lambda m: m.has_button(f"Rec-{rec} → English"))
    assert f"Rec-{rec} → Português" not in again.button_texts  # given: only English still waits
    # A forged button asking for it in its own language finds nothing to translate: answered as stale.
    await sara.press_data(TRANSLATE_INTO.data("item", rec, "action", "es"), again.message_id)
    answer = await sara.wait_for_callback_answer()
    assert "botón" in answer.get("text", "").lower(), answer
    assert len(await storage.texts(workshop_id, editorial.ITEM, rec)) == 1
    assert await storage.dialogue(await person_id(storage, 4402)) is None


async def test_the_room_screen_offers_exactly_the_workshops_languages(trilingual, emulator, screen_port):
    running, workshop_id = trilingual
    await seat(running.storage, workshop_id, 4501, "Sara Secretaria", role="secretariat", country=None,
               language="pt")
    sara = emulator.user(4501, "Sara", language_code="pt")
    given = await sara.ask("/screen")
    links = re.findall(r"^(.+): (http://\S+)$", given.text, re.MULTILINE)
    assert [(name, url.rsplit("?lang=", 1)[1]) for name, url in links] == [
        ("En español", "es"), ("In English", "en"), ("Em português", "pt")], given.text
    portuguese_page = links[2][1]
    async with aiohttp.ClientSession() as session:
        async with session.get(portuguese_page) as response:
            page = await response.text()
        assert response.status == 200 and '<html lang="pt">' in page and PT_TITLE in page
        # a language the workshop does not offer is not shown, however the address is edited: its default instead
        async with session.get(portuguese_page.replace("?lang=pt", "?lang=fr")) as response:
            assert '<html lang="es">' in await response.text()


async def test_a_two_language_workshop_screen_gives_two_links(emulator, database, content_root, screen_port):
    async with Storage(database) as storage:
        workshop_id = await storage.save_workshop(parse_workshop(tomllib.loads(EXAMPLE_FILE.read_text("utf-8"))))
    async with OfflineBot(offline_settings(emulator, database, content_path=str(content_root),
                                           screen_port=screen_port)) as running:
        await seat(running.storage, workshop_id, 4601, "Sara Secretaria", role="secretariat", country=None)
        given = await emulator.user(4601, "Sara", language_code="pt").ask("/screen")
        assert re.findall(r"^(.+): http://\S+\?lang=(\w+)$", given.text, re.MULTILINE) == [
            ("En español", "es"), ("In English", "en")], given.text


def test_dates_read_as_portuguese_writes_them():
    start, end = dt.date(2022, 9, 7), dt.date(2022, 9, 8)
    span = "\u2009–\u2009"  # CLDR's thin spaces around the dash
    assert workshop_texts.when_held(start, end, "pt") == f"7{span}8 de setembro de 2022"
    assert workshop_texts.when_held(dt.date(2026, 11, 30), dt.date(2026, 12, 1), "pt") == \
        f"30 de novembro{span}1 de dezembro de 2026"
    assert workshop_texts.long_date(end, "pt") == "8 de setembro de 2022"
    # Spanish and English as they always were; a code Babel does not know: Spanish's words, never a crash
    assert workshop_texts.when_held(start, end, "es") == "los días 7 y 8 de septiembre de 2022"
    assert workshop_texts.when_held(start, dt.date(2022, 9, 9), "es") == "del 7 al 9 de septiembre de 2022"
    assert workshop_texts.when_held(dt.date(2026, 11, 30), dt.date(2026, 12, 1), "es") == \
        "del 30 de noviembre al 1 de diciembre de 2026"
    assert workshop_texts.when_held(start, end, "en") == "on 7–8 September 2022"
    assert workshop_texts.when_held(start, end, "xx") == "los días 7 y 8 de septiembre de 2022"


def test_the_duplicate_finder_reads_portuguese_as_portuguese():
    text = "Criar balcões únicos de atendimento para as pessoas retornadas"
    spanish_reading = duplicates.terms(text)  # told from its words, it would be read as Spanish
    portuguese = duplicates.terms(text, language="pt")
    assert portuguese != spanish_reading
    assert "balco" in portuguese and "pesso" in portuguese      # Portuguese Snowball stems ("balcões", "pessoas")
    assert "as" in portuguese            # nothing dropped: the stop word lists are Spanish and English
    # a language Snowball has no stemmer for: the words as typed, never the Spanish stemmer, never a crash
    assert duplicates.terms("Abantu ababuyayo", language="zu") == ["abantu", "ababuyayo"]
    assert duplicates.terms("Les personnes retournées", language="fr") == ["le", "person", "retourne"]
    same = "Balcão único de atendimento para pessoas retornadas"
    other = "Formação profissional para jovens nas escolas"
    found = duplicates.suggest(text, [(1, same), (2, other)], language="pt", languages={1: "pt", 2: "pt"})
    assert [i for i, _ in found] == [1]
    # Spanish and English are read exactly as before, whatever language is said
    assert duplicates.terms("Crear ventanillas únicas", language="es") == duplicates.terms("Crear ventanillas únicas")


# -- what a person with no stored language meets: the workshop's languages, never just any the bot has ---------

async def _broadcast_to_joana(running, emulator, workshop_id):
    """Sara (secretariat, English) writes to everyone; Joana, seated, never chose a language and her Telegram
    app is in Portuguese. Returns what reached Joana."""
    storage = running.storage
    await seat(storage, workshop_id, 4701, "Sara Secretaria", role="secretariat", country=None, language="en")
    await seat(storage, workshop_id, 4702, "Joana Silva", table="A")
    await storage.write("UPDATE people SET language = NULL, telegram_language = 'pt' WHERE telegram_id = 4702")
    sara, joana = emulator.user(4701, "Sara", language_code="en"), emulator.user(4702, "Joana", language_code="pt")
    await sara.ask("/broadcast")
    await sara.press("Everyone")
    await sara.next_message()
    await sara.send_text("Almoço às 13:00 <sala B>")
    await sara.wait_for(lambda m: m.has_button("📤 Send to 1"))
    await sara.press("📤 Send to 1")
    await sara.wait_for(lambda m: "reached" in m.text)
    return await joana.wait_for(lambda m: "Almoço às 13:00 <sala B>" in m.text)


async def test_a_bulk_notice_reaches_someone_with_no_stored_language_in_their_apps_language(trilingual, emulator):
    running, workshop_id = trilingual
    copy = await _broadcast_to_joana(running, emulator, workshop_id)
    assert "Mensagem da secretaria da oficina" in copy.text, copy.text


async def test_a_two_language_workshop_writes_to_a_portuguese_app_in_its_default(emulator, database, content_root):
    """The bot has Portuguese, the workshop does not: the notice comes in Spanish, not in a language the
    workshop never offered (what every bulk send, digest, notice and menu did before it was told the workshop)."""
    async with Storage(database) as storage:
        workshop_id = await storage.save_workshop(parse_workshop(tomllib.loads(EXAMPLE_FILE.read_text("utf-8"))))
    async with OfflineBot(offline_settings(emulator, database, content_path=str(content_root))) as running:
        copy = await _broadcast_to_joana(running, emulator, workshop_id)
        assert "Mensaje de la secretaría del taller" in copy.text and "Mensagem" not in copy.text, copy.text


async def test_the_qr_sheet_is_named_in_portuguese(trilingual, emulator):
    running, workshop_id = trilingual
    await seat(running.storage, workshop_id, 4801, "Sara Secretaria", role="secretariat", country=None,
               language="pt")
    await invitation(running.storage, workshop_id, label="Delegações")
    sara = emulator.user(4801, "Sara", language_code="pt")
    await sara.ask("/links")
    await sara.press("🖨 Hoja de QR (PDF)")   # the pt folder keeps Spanish's label: only the file word is pt
    sheet = await sara.wait_for(lambda m: m.document is not None)
    assert sheet.document["file_name"] == "convites-crm-puebla-2022.pdf"


# -- what a language's code may be, decided once ----------------------------------------------------------

CODES = {"pt": True, "fil": True, "pt-BR": True, "es-419": True,
         "PT": False, "pt-br": False, "pt_BR": False, "portuguese": False, "p": False, "zh-Hant": False,
         "../es": False, "pt-BR-x": False, "glossaries": False, "": False}


@pytest.mark.parametrize(("code", "valid"), CODES.items())
def test_a_language_code_is_what_a_folder_may_be_called_and_what_a_button_carries(code, valid):
    assert content.is_code(code) is valid
    arg = callbacks.language()
    assert (re.fullmatch(arg.regex, code) is not None) is valid
    assert (len(code.encode()) <= arg.max_bytes) or not valid
    if valid:   # every route with a language, at its longest, still fits Telegram's 64 bytes
        assert TRANSLATE_INTO.data("introduction", 99_999_999_999, "opportunities", code)


def test_only_folders_named_by_a_code_are_languages(tmp_path, content_root):
    for name in ("pt-BR", "Portuguese", "pt_BR"):
        shutil.copytree(content_root / "pt", tmp_path / name)
    assert content.languages(str(tmp_path)) == ("en", "es", "pt-BR")
    assert content.language_dir("../es") is None


# -- the glossary in any language of the bot ------------------------------------------------------------

ONE_STOP = {"one_stop_shop": {"es": ["ventanilla única"], "en": ["one-stop shop"],
                              "pt": ["balcão único", "guichê único"]}}


def test_a_portuguese_glossary_term_joins_a_portuguese_and_a_spanish_item(content_root):
    content.use(str(content_root))
    glossary = duplicates.build_glossary({"terms": ONE_STOP}, "one-stop")
    without_pt = duplicates.build_glossary({"terms": {"one_stop_shop": {"es": ["ventanilla única"],
                                                                        "en": ["one-stop shop"]}}}, "one-stop")
    spanish = "Una ventanilla única en cada municipio"
    portuguese_items = [(1, "Um guichê único em cada município"),
                        (2, "Formação profissional para jovens retornados"),
                        (3, "Bolsas de estudo para filhos de retornados"),
                        (4, "Apoio jurídico gratuito nas fronteiras")]
    languages = {item_id: "pt" for item_id, _ in portuguese_items}
    assert "§one_stop_shop" in duplicates.terms(portuguese_items[0][1], glossary, "pt")
    found = duplicates.suggest(spanish, portuguese_items, glossary=glossary, language="es", languages=languages)
    assert [item_id for item_id, _ in found] == [1]
    # without its Portuguese terms the glossary does not see it (the words share nothing but a cognate)
    assert duplicates.suggest(spanish, portuguese_items, glossary=without_pt, language="es",
                              languages=languages) == []
    # and the reverse way round: the Portuguese item reviewed finds the Spanish one
    back = duplicates.suggest(portuguese_items[0][1], [(9, spanish), *portuguese_items[1:]], glossary=glossary,
                              language="pt", languages={**languages, 9: "es"})
    assert [item_id for item_id, _ in back] == [9]


def test_a_glossary_takes_the_bots_languages_and_refuses_others(content_root):
    with pytest.raises(GlossaryError, match="not one of the bot's languages"):   # no pt folder: no pt term
        duplicates.build_glossary({"terms": ONE_STOP}, "one-stop", languages=("en", "es"))
    content.use(str(content_root))
    (content_root / "glossaries").mkdir()
    (content_root / "glossaries" / "one-stop.toml").write_text(
        '[terms]\none_stop_shop = { es = ["ventanilla única"], pt = ["balcão único"] }\n', encoding="utf-8")
    loaded = duplicates.load_glossary("one-stop")     # the operator's glossary, beside their language
    assert loaded.phrases["pt"] and duplicates.terms("Balcão único", loaded, "pt") == ["§one_stop_shop"]


def test_the_exports_never_guess_the_workshops_languages():
    """The codebook has a label column per language of the workshop; data naming none is refused, not read
    as Spanish and English (the bot always names them: ``bot.jobs.roadmap_data``)."""
    from dataclasses import replace

    from reports.exports import export_json
    from tests.reports.sample import sample_roadmap

    data = sample_roadmap("es")
    assert "label_es" in str(export_json(data))
    with pytest.raises(ValueError, match="languages are not given"):
        export_json(replace(data, workshop=replace(data.workshop, languages=())))
