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
from bot.domain.workshop_file import EXAMPLE_FILE, WorkshopFileError, parse_workshop
from bot.offline.runner import OfflineBot, offline_settings
from bot.storage import Storage
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
    assert workshop_texts.when_held(start, end, "es") == "del 7 al 8 de septiembre de 2022"
    assert workshop_texts.when_held(start, end, "en") == "on 7–8 September 2022"
    assert workshop_texts.when_held(start, end, "xx") == "del 7 al 8 de septiembre de 2022"


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
