"""The roadmap prints the editorial work, each edition in one language: the secretariat's introduction after the
contents, each table's synthesis at the head of its level, the secretariat's conclusions before the facts, the
agreed next steps with who and by when; every item in the edition's language where someone gave it, a machine
translation said to be one, and a text only available in the other language named as such in words."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from pdftext import outline, pages, text
from sample import HOSTILE, sample_roadmap

from bot.domain import editorial
from bot.jobs.roadmap_data import roadmap_data
from bot.storage import Storage
from reports.labels import load_labels
from reports.model import NextStep, Synthesis, Wording
from reports.roadmap import build_roadmap
from tests.helpers import item, seat

LANGUAGES = ("es", "en")
OTHER = {"es": "en", "en": "es"}

INTRO = {"es": "La Presidencia Pro Tempore de México acogió el taller.\n\nEste documento recoge sus acuerdos.",
         "en": "Mexico's Pro Tempore Presidency hosted the workshop.\n\nThis document sets out what it agreed."}
CONCLUSIONS = {"es": "El taller coincidió en la necesidad de un sistema regional de certificación.",
               "en": "The workshop agreed that a regional certification system is needed."}
SYNTHESIS_A = {  # table A, level individual: (part, es, en)
    "challenges": ("Las personas llegan sin documentos y con traumas del viaje.",
                   "People arrive without papers and with the trauma of the journey."),
    "opportunities": ("Existen programas de empleo que pueden abrirse a las personas retornadas.",
                      "Employment programmes exist that could open to returnees."),
    "actions": ("Certificar competencias.\n\nAtención psicosocial en la recepción.",
                "Certify skills.\n\nPsychosocial care on reception."),
}
# Table B (community) wrote its synthesis in Spanish only: the English edition prints it as written, named.
SYNTHESIS_B = "Las comunidades de origen necesitan empleo local y menos estigma."
SYNTHESIS_C = "Falta un registro compartido."  # table C's, never approved


def _w(texts: dict[str, str], language: str, origin: str = "original") -> Wording:
    return Wording(texts[language], language, origin)


def editorial_roadmap(language: str, final: bool = False, **changes) -> object:
    """The sample workshop with the editorial work done, as the mapper would give it for `language`."""
    data = sample_roadmap(language, final=final, hostile=False)
    other = OTHER[language]
    items = []
    for found in data.items:
        if found.id == 43:  # English; a person gave its Spanish ("translation" in the Spanish edition)
            found = replace(found, action="Apoyar planes locales de empleo que incluyan a las personas retornadas.",
                            language="es", text_origin="translation") if language == "es" else found
        elif found.id == 22:  # English; only a machine draft of its Spanish
            found = replace(found, name="Teatro para la salud mental (borrador automático)", language="es",
                            text_origin="machine") if language == "es" else found
        elif found.id == 40 and language == "en":  # Spanish; its English by a person
            found = replace(found, action="Create a regional system to certify skills gained abroad.",
                            language="en", text_origin="translation")
        elif found.language != language:  # nobody translated it
            found = replace(found, text_origin="missing")
        items.append(found)
    synthesis_b = Wording(SYNTHESIS_B, "es", "original" if language == "es" else "missing")
    work = dict(
        introduction=_w(INTRO, language),
        conclusions=Wording(CONCLUSIONS[language], language, "original" if language == "es" else "machine"),
        syntheses=(
            Synthesis("A", "individual", tuple((part, Wording(words[0 if language == "es" else 1], language,
                                                                  "original" if language == "es" else "translation"))
                                               for part, words in SYNTHESIS_A.items()), approved=True),
            Synthesis("B", "community", (("challenges", synthesis_b),), approved=True),
            Synthesis("C", "structural", (("challenges", Wording(SYNTHESIS_C, "es", "original" if language == "es"
                                                                 else "missing")),), approved=False),
        ),
        next_steps=(
            NextStep(Wording({"es": "Difundir la hoja de ruta entre los Estados miembros.",
                              "en": "Share the roadmap with the member states."}[language], language),
                     Wording("SE-CRM", language), dt.date(2023, 3, 1)),
            NextStep(Wording("Crear una red regional de puntos focales.", "es",
                             "original" if language == "es" else "missing"), Wording("PPT", other), None),
        ),
    )
    return replace(data, items=tuple(items), **{**work, **changes})


def _between(full: str, start: str, end: str) -> str:
    at = full.index(start)
    return full[at:full.index(end, at + len(start))]


def _part(pdf: bytes, title: str, end: str | None = None) -> str:
    """The text of a part of the document, from its heading (found through the outline: the contents list the
    same words) to the heading `end`, or to the end of the document."""
    page = next(page for _, found, page in outline(pdf) if found == title)
    body = " ".join(pages(pdf)[page:])
    body = body[body.index(title):]
    return body[:body.index(end, len(title))] if end else body


@pytest.fixture(scope="module")
def editions() -> dict[tuple[str, bool], bytes]:
    return {(language, final): build_roadmap(editorial_roadmap(language, final))
            for language in LANGUAGES for final in (False, True)}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_parts_come_in_order_contents_introduction_then_the_body_conclusions_and_next_steps(editions,
                                                                                               language):
    L = load_labels(language)
    pdf = editions[language, True]
    titles = [title for depth, title, _ in outline(pdf) if depth == 0]
    order = [L("editorial.introduction"), L("sections.summary"), L("sections.mapping"),
             L("sections.recommendations"), L("sections.conclusions"), L("sections.next_steps")]
    assert [titles.index(title) for title in order] == sorted(titles.index(title) for title in order)
    found = pages(pdf)
    contents = next(n for n, page in enumerate(found) if f" {L('document.contents')} " in page)
    intro = next(n for n, (depth, title, _) in enumerate(outline(pdf)) if title == L("editorial.introduction"))
    assert contents < outline(pdf)[intro][2]
    full = text(pdf)
    intro_text = _between(full, INTRO[language].split("\n")[0], L("sections.summary"))
    assert INTRO[language].split("\n\n")[1] in intro_text  # the second paragraph, after the first


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_synthesis_heads_its_level_with_its_three_parts(editions, language):
    L = load_labels(language)
    body = _part(editions[language, False], L("sections.mapping"), L("sections.vulnerable"))
    words = 0 if language == "es" else 1
    levels = (("Individual", "Apoyo ajustado a cada persona", SYNTHESIS_A["challenges"][words]),
              ({"es": "Comunitario", "en": "Community"}[language], "Comunidades que reciben.", SYNTHESIS_B))
    for level, briefing, synthesis in levels:
        at = body.index(f"{level} {briefing}")  # what the level means, straight after its heading
        assert at < body.index(f" {L('editorial.synthesis')} ", at) < body.index(synthesis, at) \
            < body.index(L("kinds.challenge"), at)
    individual = _between(body, L("editorial.synthesis"), L("kinds.challenge"))
    heads = [L("editorial.part_challenges"), L("editorial.part_opportunities"), L("editorial.part_actions")]
    assert [individual.index(h) for h in heads] == sorted(individual.index(h) for h in heads)
    for texts in SYNTHESIS_A.values():
        for paragraph in texts[words].split("\n\n"):
            assert paragraph in individual
    assert L("fields.rapporteur") + ": Ana Pérez (Guatemala)" in individual


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_final_roadmap_prints_only_approved_syntheses_and_a_draft_marks_the_others(editions, language):
    L = load_labels(language)
    draft, final = text(editions[language, False]), text(editions[language, True])
    assert SYNTHESIS_C in draft and L("editorial.awaiting_approval") in draft
    assert SYNTHESIS_C not in final and L("editorial.awaiting_approval") not in final
    assert draft.count(L("editorial.awaiting_approval")) == 1  # the approved ones are not marked


def test_item_texts_are_in_the_editions_language_with_machine_and_original_marked_in_words(editions):
    es = _part(editions["es", True], load_labels("es")("sections.mapping"))
    en = _part(editions["en", True], load_labels("en")("sections.mapping"))
    # A person's Spanish is used, plainly; the English it came from is not in the Spanish edition.
    assert "Rec-43 Apoyar planes locales de empleo" in es and "Support local employment plans" not in es
    rec43 = _between(es, "Rec-43 Apoyar planes", "Rec-")
    assert "original en inglés" not in rec43 and "traducción automática" not in rec43
    # A machine draft is marked as one.
    practice = _between(es, "BP-22 Teatro para la salud mental", "BP-")
    assert "traducción automática" in practice and "Theatre for mental health" not in es
    # Nobody translated C-3: printed as written, its language named in Spanish words, never as a code.
    challenge = _between(es, "R-3 Returnees displaced on arrival", "R-")
    assert "original en inglés" in challenge
    assert "Create a regional system to certify skills gained abroad." in en
    assert "original in Spanish" in _between(en, "C-1 Falta de certificación", "C-")
    for full in (es, en):
        for code in ("· en ·", "· es ·", "· en ", "· es "):
            assert code not in full


@pytest.mark.parametrize("language", LANGUAGES)
def test_conclusions_are_the_secretariats_text_then_the_facts(editions, language):
    L = load_labels(language)
    full = text(editions[language, True])
    section = full[full.rindex(L("sections.conclusions")):]
    section = section[:section.index(L("sections.next_steps"))]
    assert section.index(CONCLUSIONS[language]) < section.index(L("fields.conclusions_adopted"))
    assert (L("editorial.machine") in section) == (language == "en")  # the English was a machine draft
    draft = text(editions[language, False])
    section = draft[draft.rindex(L("sections.conclusions")):]
    assert CONCLUSIONS[language] in section and L("fields.conclusions_draft") not in section
    bare = text(build_roadmap(editorial_roadmap(language, True, conclusions=None)))
    section = bare[bare.rindex(L("sections.conclusions")):]
    assert L("fields.conclusions_adopted") in section and CONCLUSIONS[language] not in section


@pytest.mark.parametrize("language", LANGUAGES)
def test_next_steps_are_a_table_of_step_who_and_by_when_else_the_briefings(editions, language):
    L = load_labels(language)
    full = text(editions[language, True])
    section = full[full.rindex(L("sections.next_steps")):]
    header = f"{L('editorial.step')} {L('editorial.who')} {L('editorial.by_when')}"
    assert header in section
    step = {"es": "Difundir la hoja de ruta entre los Estados miembros. SE-CRM 1 de marzo de 2023",
            "en": "Share the roadmap with the member states. SE-CRM 1 March 2023"}[language]
    assert step in section
    assert L("editorial.no_date") in section
    assert ("original en inglés" in section) == (language == "es")  # who: "PPT" given in English only
    assert "Difundir la hoja de ruta." not in section  # the briefing's generic text gives way
    generic = text(build_roadmap(editorial_roadmap(language, True, next_steps=())))
    assert "Difundir la hoja de ruta." in generic[generic.rindex(L("sections.next_steps")):]


@pytest.mark.parametrize("language", LANGUAGES)
def test_without_the_secretariats_text_the_introduction_says_the_facts(language):
    L = load_labels(language)
    pdf = build_roadmap(editorial_roadmap(language, introduction=None))
    intro = _part(pdf, L("editorial.introduction"), L("sections.summary"))
    expected = {"es": ["se celebró en Puebla, México, 7–8 de septiembre de 2022",
                       "Entidades organizadoras: Conferencia Regional sobre Migración (CRM) y Secretaría Ejecutiva de "
                       "la CRM",
                       "Participaron 24 personas: las delegaciones de 8 Estados miembros (18 personas) y "
                       "4 organismos observadores o invitados (6 personas)",
                       "Condujeron el taller 3 personas, que moderaron las mesas o formaron su secretaría o la "
                       "traducción"],
                "en": ["took place in Puebla, México, 7–8 September 2022",
                       "Organisers: Conferencia Regional sobre Migración (CRM) and Secretaría Ejecutiva",
                       "Taking part were 24 people: the delegations of 8 member countries (18 people) and 4 "
                       "observer or invited organisations (6 people)",
                       "The workshop was run by 3 people, who moderated the tables or served as secretariat or "
                       "translator"]}[language]
    for words in expected:
        assert words in intro


def test_the_spanish_edition_has_no_english_headings_or_labels(editions):
    es, en = load_labels("es"), load_labels("en")
    full = text(editions["es", False]) + " " + text(editions["es", True])
    intro = _part(editions["es", True], es("editorial.introduction"), es("sections.summary"))
    keys = [f"editorial.{key}" for key in ("introduction", "synthesis", "part_challenges", "part_opportunities",
                                           "part_actions", "awaiting_approval", "machine", "step", "who",
                                           "by_when", "no_date")]
    keys += ["sections.next_steps", "sections.conclusions", "sections.mapping", "sections.summary",
             "fields.conclusions_adopted", "fields.rapporteur", "document.contents"]
    for key in keys:
        english = en(key).split("{")[0].strip()
        if english != es(key).split("{")[0].strip():
            assert english not in full, key
    assert "original in" not in full and "machine translation" not in full
    for english_word in (" the ", " and ", " of the ", " by "):
        assert english_word not in intro


def test_editorial_texts_are_escaped_and_split_on_blank_lines():
    data = editorial_roadmap("es", introduction=Wording(HOSTILE + "\n\n\nSegundo párrafo\ncon salto", "es"))
    full = text(build_roadmap(data))
    assert "<b>bold?</b>" in full and "<script>alert(1)</script>" in full and "AT&T" in full
    assert "Segundo párrafo con salto" in full


# -- from the store ------------------------------------------------------------------------------------------

@pytest.fixture
async def storage(database, workshop_id):
    async with Storage(database) as opened:
        yield opened


async def _table(storage, workshop_id, code):
    return next(t.id for t in await storage.working_tables(workshop_id) if t.code == code)


async def test_the_store_s_editorial_work_reaches_both_editions(storage, workshop_id):
    ana = await seat(storage, workshop_id, 8001, "Ana Pérez", table="A")
    john = await seat(storage, workshop_id, 8002, "John Smith", table="B", country="BZ", language="en")
    by_person = await item(storage, workshop_id, john, "recommendation", table="B", language="en",
                           action="Open municipal one-stop shops for returnees.")
    by_machine = await item(storage, workshop_id, john, "recommendation", table="B", language="en",
                            action="Fund psychosocial care in host communities.")
    stale = await item(storage, workshop_id, john, "challenge", language="en", level="community",
                       description="No data on returnees' skills.")
    untouched = await item(storage, workshop_id, john, "good_practice", language="en", name="Skills passport")
    spanish = await item(storage, workshop_id, ana, "challenge", description="Falta de albergues temporales.")
    put = storage.set_translation
    await put(workshop_id, editorial.ITEM, by_person, "action", "es", "Abrir ventanillas únicas municipales.",
              translates="Open municipal one-stop shops for returnees.", person_id=ana)
    await put(workshop_id, editorial.ITEM, by_machine, "action", "es", "Financiar atención psicosocial (máquina).",
              translates="Fund psychosocial care in host communities.", person_id=None, machine=True)
    await put(workshop_id, editorial.ITEM, stale, "description", "es", "Sin datos.", translates="An older wording.",
              person_id=ana)  # made from a wording that changed since: out of date
    await put(workshop_id, editorial.ITEM, spanish, "description", "en", "No temporary shelters.",
              translates="Falta de albergues temporales.", person_id=john)
    table_a, table_b = await _table(storage, workshop_id, "A"), await _table(storage, workshop_id, "B")
    await storage.write_synthesis(workshop_id, table_a, {"challenges": "Falta de datos.",
                                                         "actions": "Registrar competencias.",
                                                         "opportunities": "Programas de empleo."}, "es", ana)
    await storage.write_synthesis(workshop_id, table_a, {"challenges": "Lack of data."}, "en", john)
    await storage.move_synthesis(table_a, "submit", ana)
    await storage.move_synthesis(table_a, "approve", None)
    await storage.write_synthesis(workshop_id, table_b, {"challenges": "Stigma at home."}, "en", john)
    await storage.set_original(workshop_id, editorial.INTRODUCTION, 0, {editorial.WORKSHOP_TEXT_PART:
                                                                        "Bienvenida de la secretaría."}, "es", ana)
    await storage.set_original(workshop_id, editorial.CONCLUSIONS, 0, {editorial.WORKSHOP_TEXT_PART:
                                                                       "Conclusiones acordadas."}, "es", ana)
    await storage.set_translation(workshop_id, editorial.CONCLUSIONS, 0, editorial.WORKSHOP_TEXT_PART, "en",
                                  "Agreed conclusions.", translates="Conclusiones acordadas.", person_id=john)
    await storage.add_next_step(workshop_id, "Compartir la hoja de ruta", "SE-CRM", "2023-03-01", "es", ana)

    es = await roadmap_data(storage, workshop_id, "es")
    items = {i.id: i for i in es.items}
    assert (items[by_person].action, items[by_person].text_origin, items[by_person].language) == (
        "Abrir ventanillas únicas municipales.", "translation", "es")
    assert (items[by_machine].text_origin, items[by_machine].language) == ("machine", "es")
    assert (items[stale].description, items[stale].text_origin, items[stale].language) == (
        "No data on returnees' skills.", "missing", "en")
    assert (items[untouched].text_origin, items[spanish].text_origin) == ("missing", "original")
    assert es.introduction == Wording("Bienvenida de la secretaría.", "es", "original")
    a, b = es.syntheses
    assert (a.table_id, a.level_id, a.approved, [p for p, _ in a.parts]) == (
        "A", "individual", True, ["challenges", "opportunities", "actions"])
    assert (b.table_id, b.level_id, b.approved, b.parts[0][1].origin) == ("B", "community", False, "missing")
    (step,) = es.next_steps
    assert (step.text.text, step.who.text, step.by_when) == ("Compartir la hoja de ruta", "SE-CRM",
                                                              dt.date(2023, 3, 1))
    en = await roadmap_data(storage, workshop_id, "en")
    assert {i.id: i for i in en.items}[spanish].description == "No temporary shelters."
    assert en.conclusions == Wording("Agreed conclusions.", "en", "translation")
    assert en.syntheses[0].parts[0][1] == Wording("Lack of data.", "en", "translation")
    assert en.syntheses[0].parts[1][1].origin == "missing"  # its opportunities were never translated

    full = text(build_roadmap(es))
    assert "Abrir ventanillas únicas municipales." in full and "Open municipal one-stop" not in full
    assert "Financiar atención psicosocial (máquina)." in full and "traducción automática" in full
    assert "No data on returnees' skills." in full and "original en inglés" in full
    assert "Bienvenida de la secretaría." in full and "Síntesis de la mesa de trabajo" in full
    assert "Pendiente de la aprobación de la moderación" in full  # table B's was never approved
    assert "Compartir la hoja de ruta SE-CRM 1 de marzo de 2023" in full
    english = text(build_roadmap(en))
    assert "No temporary shelters." in english and "Agreed conclusions." in english
    assert "original in Spanish" in english and "Lack of data." in english


async def test_a_good_practices_every_field_is_printed_in_the_editions_language(storage, workshop_id):
    """Not only the name: where it runs, who runs it and what it achieved come in the edition's language too;
    a field that is only a machine draft says so beside it, one nobody translated names its language, and a
    place given the same in both languages reads as any other field."""
    john = await seat(storage, workshop_id, 8101, "John Smith", table="B", country="BZ", language="en")
    ana = await seat(storage, workshop_id, 8102, "Ana Pérez", table="A")
    english = {"name": "Skills passport for returnees", "where": "Belize City, Belize",
               "run_by": "Belize Labour Department", "achieved": "Four hundred returnees had their trades certified."}
    spanish = {"name": "Pasaporte de competencias para personas retornadas", "where": "Ciudad de Belice, Belice",
               "run_by": "Departamento de Trabajo de Belice",
               "achieved": "Cuatrocientas personas retornadas certificaron su oficio."}
    practice = await item(storage, workshop_id, john, "good_practice", language="en", level="community", **english)
    other = await item(storage, workshop_id, john, "good_practice", language="en", level="community",
                       name="Returnee help desk", where="Belmopan", run_by="Belmopan city council",
                       achieved="One office for every first visit.")
    for part in ("name", "where", "run_by"):
        await storage.set_translation(workshop_id, editorial.ITEM, practice, part, "es", spanish[part],
                                      translates=english[part], person_id=ana)
    await storage.set_translation(workshop_id, editorial.ITEM, practice, "achieved", "es", spanish["achieved"],
                                  translates=english["achieved"], person_id=None, machine=True)
    await storage.set_translation(workshop_id, editorial.ITEM, other, "name", "es", "Ventanilla de ayuda",
                                  translates="Returnee help desk", person_id=ana)
    await storage.set_translation(workshop_id, editorial.ITEM, other, "where", "es", "Belmopan",
                                  translates="Belmopan", person_id=ana)          # a place's own name, as it is
    await storage.set_translation(workshop_id, editorial.ITEM, other, "achieved", "es",
                                  "Una sola oficina para cada primera visita.",
                                  translates="One office for every first visit.", person_id=ana)

    es = await roadmap_data(storage, workshop_id, "es")
    found = {i.id: i for i in es.items}[practice]
    assert (found.name, found.where, found.run_by, found.achieved, found.text_origin) == (
        spanish["name"], spanish["where"], spanish["run_by"], spanish["achieved"], "translation")
    assert found.field_origin("achieved") == ("machine", "es") and found.field_origin("where") == ("translation",
                                                                                                    "es")
    assert {i.id: i for i in es.items}[other].field_origin("run_by") == ("missing", "en")

    full = text(build_roadmap(es))
    entry = _between(full, spanish["name"], "Ventanilla de ayuda")
    for part in ("where", "run_by"):
        assert f"{spanish[part]} " in entry and english[part] not in full
    assert english["achieved"] not in full and english["name"] not in full
    after = entry[entry.index(spanish["achieved"]) + len(spanish["achieved"]):]
    assert after.lstrip().startswith("(traducción automática)")   # marked beside the field itself
    assert "original en inglés" not in entry                        # the rest is a person's Spanish
    second = full[full.index("Ventanilla de ayuda"):]
    assert "Una sola oficina para cada primera visita." in second and "One office" not in full
    assert "Belmopan " in second and "traducción automática" not in second[:300]
    run_by = second[second.index("Belmopan city council") + len("Belmopan city council"):]
    assert run_by.lstrip().startswith("(original en inglés)")      # nobody translated who runs it

    en = await roadmap_data(storage, workshop_id, "en")
    original = {i.id: i for i in en.items}[practice]
    assert (original.where, original.achieved, original.field_origins) == (
        english["where"], english["achieved"], (("where", "original", "en"), ("run_by", "original", "en"),
                                                ("achieved", "original", "en")))
