"""The secretariat's own texts, through the emulator: the introduction prefilled with the workshop's facts, the
conclusions, the agreed next steps, the other language as a translation, and everyone else refused."""

from bot.domain import editorial
from tests.helpers import seat


async def secretariat(bot, emulator, workshop_id, telegram_id=7001, language="es", name="Sara Secretaría"):
    await seat(bot.storage, workshop_id, telegram_id, name, role="secretariat", country=None, language=language)
    return emulator.user(telegram_id, name.split()[0], language_code=language)


async def the_room(storage, workshop_id):
    """Who took part: delegates of Guatemala (two) and Belize, people of IOM and of a civil-society network,
    and a moderator (who ran the workshop, so belongs to no delegation)."""
    await seat(storage, workshop_id, 7101, "Ana Pérez", table="A", country="GT")
    await seat(storage, workshop_id, 7102, "Luis Gómez", table="A", country="GT")
    await seat(storage, workshop_id, 7103, "John Smith", table="B", country="BZ", language="en")
    for telegram_id, name, organisation in ((7104, "Olga Ruiz", "iom"), (7105, "Rita Cruz", "rrocm")):
        person = await seat(storage, workshop_id, telegram_id, name, table="C", country=None)
        await storage.update_membership(workshop_id, person, organisation=organisation)
    await seat(storage, workshop_id, 7106, "Mora Moderadora", role="moderator", table="A", country="MX")


async def rows(storage, subject):
    return [dict(r) for r in await storage.fetch_all(
        "SELECT part, language, body, origin, translates FROM texts WHERE subject = ? ORDER BY language, part",
        (subject,))]


async def test_the_secretariat_keeps_the_introduction_drafted_from_the_workshops_facts(bot, emulator, workshop_id):
    await the_room(bot.storage, workshop_id)
    sara = await secretariat(bot, emulator, workshop_id)
    shown = await sara.ask("/introduction")
    assert shown.text.startswith("Todavía no hay introducción.")
    assert "El Taller sobre Reintegración Sostenible se celebró en Puebla, México, los días 7 y 8 de septiembre " \
        "de 2022." in shown.text
    assert "Instituto Nacional de Migración (INM), México, institución anfitriona" in shown.text
    # Seven registered people: five of delegations and organisations, and the secretariat and the moderator,
    # counted apart (they ran it); Guatemala counted once, in the workshop file's order; the moderator's Mexico
    # is no delegation.
    assert "Participaron 5 personas, de las delegaciones de 2 Estados miembros (Belice, Guatemala) y de 2 " \
        "organizaciones. Condujeron el taller 2 personas: 1 moderó una mesa y 1 formó la secretaría." in shown.text
    assert "México)" not in shown.text.split("Participaron")[1]
    assert shown.button_texts == ["Usar este borrador tal cual", "Enviar un texto nuevo"]
    draft = shown.text.split("completarlo).\n\n", 1)[1]

    await sara.press("Usar este borrador tal cual")
    saved = await sara.next_message()
    assert saved.text == "Guardado: la introducción de la hoja de ruta.\nQueda como original, en español."
    assert await rows(bot.storage, "introduction") == [
        {"part": editorial.WORKSHOP_TEXT_PART, "language": "es", "body": draft, "origin": "original",
         "translates": None}]

    again = await sara.ask("/introduction")
    assert again.text.startswith("La introducción de la hoja de ruta, tal como está\nEscrita en español.")
    assert draft in again.text
    await sara.press("Dejarlo como está")
    assert (await sara.next_message()).text == "La introducción queda como está."
    assert await bot.storage.dialogue(await bot.storage.fetch_value(
        "SELECT id FROM people WHERE telegram_id = 7001")) is None


async def test_the_english_draft_counts_those_who_took_part_and_those_who_ran_it_apart(bot, emulator, workshop_id):
    await the_room(bot.storage, workshop_id)
    sam = await secretariat(bot, emulator, workshop_id, telegram_id=7003, language="en", name="Sam Secretariat")
    shown = await sam.ask("/introduction")
    assert "Taking part were 5 people, from the delegations of 2 member countries (Belize, Guatemala) and 2 " \
        "organisations. The workshop was run by 2 people: 1 moderated a table and 1 served as secretariat." \
        in shown.text
    assert "7 people" not in shown.text


async def test_the_draft_says_what_those_who_ran_the_workshop_did(bot, emulator, workshop_id):
    """Counted by role as the roadmap counts them, each person once per role: "5 people, who moderated the tables
    or served as secretariat or translator" named every role whoever held it."""
    await the_room(bot.storage, workshop_id)
    await seat(bot.storage, workshop_id, 7107, "Max Moderator", role="moderator", table="B", country=None)
    await seat(bot.storage, workshop_id, 7108, "Tina Translator", role="translator", country=None)
    sam = await secretariat(bot, emulator, workshop_id, telegram_id=7003, language="en", name="Sam Secretariat")
    shown = await sam.ask("/introduction")
    assert "The workshop was run by 4 people: 2 moderated the tables, 1 served as secretariat and 1 translated." \
        in shown.text
    assert "Taking part were 5 people" in shown.text  # the new staff belong to no delegation


async def test_a_new_introduction_replaces_it_and_the_other_language_becomes_its_translation(bot, emulator,
                                                                                            workshop_id):
    sara = await secretariat(bot, emulator, workshop_id)
    await sara.ask("/introduction")
    await sara.press("Enviar un texto nuevo")
    asked = await sara.next_message()
    assert "hasta 6000 caracteres" in asked.text
    assert (await sara.next_message()).text.startswith("El Taller sobre")   # the draft, to copy and change
    hostile = "<b>Bienvenida</b> & <script>alert(1)</script> a Puebla"
    saved = await sara.ask(hostile)
    assert saved.text == "Guardado: la introducción de la hoja de ruta.\nQueda como original, en español."
    shown = await sara.ask("/introduction")
    assert hostile in shown.text                                   # shown as typed, never interpreted
    assert "&lt;script&gt;" in shown.html and "<b>Bienvenida" not in shown.html
    await sara.press("Dejarlo como está")
    await sara.next_message()

    sam = await secretariat(bot, emulator, workshop_id, telegram_id=7002, language="en", name="Sam Secretariat")
    shown = await sam.ask("/introduction")
    assert "Only in its original language, Spanish, for now: what you send in English becomes its translation." \
        in shown.text and hostile in shown.text
    await sam.press("Send a new text")
    asked = await sam.next_message()
    assert "it becomes the English translation; the original stays as it is" in asked.text
    assert (await sam.next_message()).text == hostile              # handed back as it is, to translate
    saved = await sam.ask("Welcome to Puebla")
    assert saved.text == ("Saved: the roadmap's introduction.\n"
                          "Kept as its translation into English: the original, in Spanish, is unchanged.")
    assert await rows(bot.storage, "introduction") == [
        {"part": "text", "language": "en", "body": "Welcome to Puebla", "origin": "translation", "translates": hostile},
        {"part": "text", "language": "es", "body": hostile, "origin": "original", "translates": None}]
    shown = await sam.ask("/introduction")
    assert "Translation into English; the original is in Spanish." in shown.text and "Welcome to Puebla" in shown.text
    await sam.press("Keep it as it is")
    await sam.next_message()

    await sara.ask("/introduction")
    await sara.press("Enviar un texto nuevo")
    await sara.next_message()
    await sara.next_message()
    saved = await sara.ask("Bienvenida a Puebla")
    assert saved.text == ("Guardado: la introducción de la hoja de ruta.\nQueda como original, en español.\n"
                          "La traducción al inglés se hizo de la redacción anterior: hay que darla de nuevo.")
    stored = {r["language"]: r["body"] for r in await rows(bot.storage, "introduction")}
    assert stored == {"es": "Bienvenida a Puebla", "en": "Welcome to Puebla"}


async def test_the_secretariat_writes_the_conclusions(bot, emulator, workshop_id):
    sam = await secretariat(bot, emulator, workshop_id, language="en", name="Sam Secretariat")
    asked = await sam.ask("/conclusions")
    assert "Conclusions usually say what the workshop found across the levels" in asked.text
    too_long = await sam.ask("x" * (editorial.WORKSHOP_TEXT_LIMIT + 1))
    assert too_long.text.startswith(f"Your text has {editorial.WORKSHOP_TEXT_LIMIT + 1} characters")
    await sam.next_message()                                       # the text handed back
    saved = await sam.ask("Reintegration needs <all> three levels & a follow-up")
    assert saved.text == "Saved: the roadmap's conclusions.\nKept as the original, in English."
    assert await rows(bot.storage, "conclusions") == [
        {"part": "text", "language": "en", "body": "Reintegration needs <all> three levels & a follow-up",
         "origin": "original", "translates": None}]
    shown = await sam.ask("/conclusions")
    assert "Reintegration needs <all> three levels & a follow-up" in shown.text
    assert shown.button_texts == ["Keep it as it is", "Send a new text"]
    await sam.press("Keep it as it is")
    await sam.next_message()

    sara = await secretariat(bot, emulator, workshop_id, telegram_id=7002)
    assert "/introduction, /conclusions y /nextsteps" in (await sara.ask("/help")).text
    await sara.ask("/conclusions")
    await sara.press("Enviar un texto nuevo")
    assert "serán la traducción al español" in (await sara.next_message()).text
    await sara.next_message()
    saved = await sara.ask("La reintegración necesita los tres niveles")
    assert saved.text.endswith("Queda como su traducción al español: el original, en inglés, no cambia.")
    assert [(r["language"], r["origin"]) for r in await rows(bot.storage, "conclusions")] == [
        ("en", "original"), ("es", "translation")]


async def test_the_secretariat_adds_edits_and_removes_next_steps(bot, emulator, workshop_id):
    sara = await secretariat(bot, emulator, workshop_id)
    shown = await sara.ask("/nextsteps")
    assert shown.text.startswith("Próximos pasos acordados (0): ninguno todavía.")
    await sara.press("➕ Añadir un paso")
    assert (await sara.next_message()).text.startswith("¿Cuál es el paso?")
    assert (await sara.ask("Publicar la <hoja> de ruta")).text.startswith("¿Quién lo lleva a cabo?")
    assert (await sara.ask("SE-CRM & PPT")).text.startswith("¿Para cuándo?")
    unreadable = await sara.ask("finales de marzo")
    assert unreadable.text == "No puedo leer «finales de marzo» como una fecha. Escríbela como 2023-03-31 o 31/03/2023."
    assert (await sara.next_message()).has_button("Sin fecha")     # asked again
    assert (await sara.ask("31/02/2023")).text.startswith("No puedo leer")   # no such day
    await sara.next_message()
    assert (await sara.ask("31/03/2023")).text == "Próximo paso añadido, el número 1."
    listed = await sara.next_message()
    assert "1. Publicar la <hoja> de ruta\n    Quién: SE-CRM & PPT · Para: el 31 de marzo de 2023" in listed.text

    await sara.press("➕ Añadir un paso")
    await sara.next_message()
    await sara.ask("Informar a la Reunión Viceministerial")
    await sara.ask("Presidencia Pro Tempore")
    await sara.press("Sin fecha")
    assert (await sara.next_message()).text == "Próximo paso añadido, el número 2."
    listed = await sara.next_message()
    assert "2. Informar a la Reunión Viceministerial\n    Quién: Presidencia Pro Tempore · Para: sin fecha" \
        in listed.text
    assert listed.button_texts == ["✏️ Editar 1", "🗑 Quitar 1", "✏️ Editar 2", "🗑 Quitar 2", "➕ Añadir un paso",
                                   "Listo"]

    await sara.press("✏️ Editar 2")
    await sara.next_message()
    await sara.press("Para cuándo")
    await sara.next_message()
    assert (await sara.ask("2023-06-30")).text == "Próximo paso cambiado."
    await sara.next_message()
    await sara.press("✏️ Editar 2")
    await sara.next_message()
    await sara.press("Quién")
    await sara.next_message()
    assert (await sara.next_message()).text == "Presidencia Pro Tempore"   # handed back to change
    assert (await sara.ask("PPT y SE-CRM")).text.startswith("Próximo paso cambiado.")
    listed = await sara.next_message()
    assert "2. Informar a la Reunión Viceministerial\n    Quién: PPT y SE-CRM · Para: el 30 de junio de 2023" \
        in listed.text

    await sara.press("🗑 Quitar 1")
    confirm = await sara.next_message()
    assert confirm.text.endswith("¿Quitar este próximo paso?") and "Publicar la <hoja> de ruta" in confirm.text
    await sara.press("Sí, quitarlo")
    assert (await sara.next_message()).text == "Próximo paso quitado."
    listed = await sara.next_message()
    assert listed.text.startswith("Próximos pasos acordados (1)")
    assert "1. Informar a la Reunión Viceministerial" in listed.text and "Publicar" not in listed.text
    await sara.press("Listo")
    assert (await sara.next_message()).text.startswith("Listo.")

    steps = await bot.storage.next_steps(workshop_id)
    assert [(s.by_when, s.language) for s in steps] == [("2023-06-30", "es")]
    assert {(r["part"], r["body"], r["origin"]) for r in await rows(bot.storage, "next_step")} == {
        ("step", "Informar a la Reunión Viceministerial", "original"), ("who", "PPT y SE-CRM", "original")}


async def test_no_one_else_writes_the_workshops_texts(bot, emulator, workshop_id):
    storage = bot.storage
    await seat(storage, workshop_id, 7201, "Pablo Participante", table="A")
    await seat(storage, workshop_id, 7202, "Mora Moderadora", role="moderator", table="A")
    rapporteur = await seat(storage, workshop_id, 7203, "Rosa Relatora", table="A")
    table_a = {t.code: t.id for t in await storage.working_tables(workshop_id)}["A"]
    await storage.set_rapporteur(workshop_id, table_a, rapporteur, None)
    for telegram_id in (7201, 7202, 7203):
        user = emulator.user(telegram_id, "X", language_code="es")
        for command in ("/introduction", "/conclusions", "/nextsteps"):
            refused = await user.ask(command)
            assert refused.text == ("Solo la secretaría del taller redacta la introducción, las conclusiones y los "
                                    "próximos pasos de la hoja de ruta. No se cambió nada."), (telegram_id, command)
        # Nothing was opened: typing now is no introduction.
        assert (await user.ask("Mi introducción")).text.startswith("No entendí")
    assert await storage.fetch_value("SELECT count(*) FROM texts") == 0
    assert await storage.fetch_value("SELECT count(*) FROM dialogues") == 0


async def test_nothing_changes_once_the_workshop_is_closed(bot, emulator, workshop_id):
    sara = await secretariat(bot, emulator, workshop_id)
    await sara.ask("/conclusions")                                 # a conversation left open at closing
    await bot.storage.close_workshop(workshop_id, None)
    for command in ("/introduction", "/conclusions", "/nextsteps"):
        assert (await sara.ask(command)).text.startswith("El taller está cerrado"), command
    assert (await sara.ask("Conclusiones tardías")).text.startswith("El taller está cerrado")
    assert await bot.storage.fetch_value("SELECT count(*) FROM texts") == 0


async def test_without_the_secretariats_introduction_the_roadmap_says_when_as_the_draft_does(bot, workshop_id):
    """The roadmap's own factual introduction, where the secretariat wrote none, words the dates as the bot's
    draft does: "se celebró en Puebla, México, 7–8 de septiembre de 2022" read as a list of dates (session 12)."""
    from bot.jobs.roadmap_data import roadmap_data
    from reports.roadmap import build_roadmap
    from tests.reports.pdftext import flat, text

    await the_room(bot.storage, workshop_id)
    for language, said in (("es", "se celebró en Puebla, México, los días 7 y 8 de septiembre de 2022."),
                           ("en", "took place in Puebla, Mexico, on 7–8 September 2022.")):
        printed = flat(text(build_roadmap(await roadmap_data(bot.storage, workshop_id, language))))
        assert said in printed, language
