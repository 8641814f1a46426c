"""The roadmap's context, frame and sources as a publications officer reads them (issue 12, review r12): each
edition cites its sources in its own language (the English one the English originals, with the sections'
English names), lists only the sources it cites, tells the 2022 concept note's figures as that note's and with
their year, refers to the concept note's annex as the concept note's, defines its timeframes where its table
explains its columns, and spells its acronyms and small words one way."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from pdftext import text
from sample import sample_roadmap

from bot.i18n import load_toml
from bot.jobs.roadmap_data import roadmap_data
from bot.storage import Storage
from reports.labels import load_labels
from reports.model import Choice
from reports.roadmap import build_roadmap

LANGUAGES = ("es", "en")
# The concept note's and the IOM documents' section words in Spanish: none may be cited in the English edition.
SPANISH_SECTIONS = ("Contexto", "Justificación", "Objetivos", "Metodología", "Agenda preliminar", "Participantes",
                    "Resultados esperados", "Cuadro", "Figura", "Estudio de caso", "Recursos útiles",
                    "Resumen ejecutivo", "nota ")


def _edition(language: str) -> tuple[str, dict]:
    """The sample roadmap, final, with the theme's own briefing (its sources and their citations)."""
    briefing = load_toml(language, "briefings/reintegration.toml")
    data = replace(sample_roadmap(language, final=True, hostile=False), briefing=briefing)
    return text(build_roadmap(data)), briefing


def _sources_part(full: str, language: str) -> str:
    L = load_labels(language)
    begin = full.rindex(L("sections.sources"))
    return full[begin:full.index(L("sections.acronyms"), begin)]


@pytest.fixture(scope="module")
def editions() -> dict[str, tuple[str, dict]]:
    return {language: _edition(language) for language in LANGUAGES}


def test_the_english_edition_cites_each_section_by_its_english_name(editions):
    english, _ = editions["en"]
    body = english[:english.rindex(load_labels("en")("sections.sources"))]
    citations = re.findall(r"\((\[\d\][^()]*(?:\([^()]*\)[^()]*)*)\)", body)
    assert len(citations) > 20, citations  # the context, objectives, method, concepts, frameworks, levels...
    for citation in citations:
        assert not any(word in citation for word in SPANISH_SECTIONS), citation
    assert "([4] Context, Rationale)" in body
    assert "([4] Rationale (note 12); [3] §1)" in body
    assert "([1] Case study 16, Useful resources)" in body
    spanish, _ = editions["es"]
    assert "([4] Contexto, Justificación)" in spanish and "([4] Justificación (nota 12); [3] §1)" in spanish


def test_each_edition_cites_the_sources_in_its_own_language(editions):
    english = _sources_part(editions["en"][0], "en")
    assert not re.search(r"Spanish (edition|version)|Manual sobre|Hacia un enfoque", english), english
    assert "Reintegration Handbook" in english and "IOM, Geneva, 2019" in english
    assert "Towards an integrated approach to reintegration in the context of return. IOM" in english
    assert "(in Spanish)" in english  # the concept note exists in Spanish only
    spanish = _sources_part(editions["es"][0], "es")
    assert "Manual sobre reintegración" in spanish and "Hacia un enfoque integrado" in spanish
    assert "Reintegration Handbook" not in spanish


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_source_listed_is_cited_and_every_citation_is_listed(editions, language):
    full, briefing = editions[language]
    sources = _sources_part(full, language)
    body = full[:full.rindex(load_labels(language)("sections.sources"))]
    listed = {int(n) for n in re.findall(r"^\s*\[(\d+)\]", sources.replace(" [", "\n["), re.M)}
    assert listed == set(range(1, len(briefing["sources"]) + 1)), sources
    cited = {int(n) for n in re.findall(r"\[(\d+)\]", body)}
    assert cited == listed, (sorted(listed - cited), sorted(cited - listed))


def test_the_english_acronyms_list_what_the_text_uses_and_no_es(editions):
    english, _ = editions["en"]
    L = load_labels("en")
    acronyms = english[english.rindex(L("sections.acronyms")):]
    body = english[:english.rindex(L("sections.acronyms"))]
    # "SDGs" is not a token the list can hold: the text writes the goals out
    assert "SDGs" not in body and "Sustainable Development Goals" in body
    assert re.search(r"^\s*SDG\s", acronyms, re.M) is None  # nor the singular, which nothing uses


async def test_the_english_edition_writes_out_the_executive_secretariat(database, workshop_id):
    """From the example workshop file: "ES" read as the language code (or Spain) beside the names of people and
    as a table's moderators; written out, it needs no line in the acronyms."""
    async with Storage(database) as storage:
        english = text(build_roadmap(await roadmap_data(storage, workshop_id, "en")))
    L = load_labels("en")
    acronyms = english[english.rindex(L("sections.acronyms")):]
    assert "RCM Executive Secretariat" in english
    assert not re.search(r"\bES\b", english), re.findall(r".{30}\bES\b.{10}", english)
    assert not re.search(r"^\s*ES\s", acronyms, re.M)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_context_gives_the_concept_notes_figures_with_their_year(editions, language):
    full, _ = editions[language]
    L = load_labels(language)
    begin = full.rindex(L("sections.context"), 0, full.rindex(L("sections.sources")))
    context = full[begin:full.index(L("sections.objectives"), begin)]
    words = {"es": ("en 2021 se registraron 125.257", "39 %", "Cuando se escribió esa nota"),
             "en": ("125,257 returns", "recorded in 2021", "When that note was written")}[language]
    for expected in words:
        assert expected in " ".join(context.split()), expected
    # as that note's, not as today's
    assert not re.search(r"se mantiene alto|remains high|unos 125|about 125", context), context


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_context_says_this_workshop_took_the_2022_notes_objectives_and_method(editions, language):
    """Second reading, new point 3: "la nota conceptual del taller de 2022 en Puebla" made the document read as
    if it were about the 2022 workshop, and this workshop's objectives and method were sourced to that note
    with nothing saying why. Each sentence is true of the workshop the document is about: it took them from
    the note the RCM wrote in 2022, and says so before citing it."""
    full, _ = editions[language]
    L = load_labels(language)
    begin = full.rindex(L("sections.context"), 0, full.rindex(L("sections.sources")))
    context = " ".join(full[begin:full.index(L("sections.objectives"), begin)].split())
    took = {"es": "El taller tomó sus objetivos y su metodología de la nota conceptual que la CRM redactó en 2022",
            "en": "The workshop took its objectives and method from the concept note the RCM wrote in 2022"}[language]
    assert took in context, context
    assert not re.search(r"taller de 2022|2022 workshop", context), context
    # Fifth reading: the note's workshop is dated, and the figures' claim is the one they support (returns to
    # northern Central America, not "and Mexico"). The text is the example workshop's own (that 2022 workshop)
    # and the demo's, so it names no other workshop.
    dated = {"es": "en Puebla (7 y 8 de septiembre de 2022)", "en": "in Puebla (7–8 September 2022)"}[language]
    assert dated in context and not re.search(r"Centroamérica y a México|Central America and Mexico", context)
    objectives = full[full.index(L("sections.objectives"), begin):]
    assert {"es": "([4] Objetivos)", "en": "([4] Objectives)"}[language] in " ".join(objectives.split())


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_method_refers_to_the_concept_notes_annex_not_one_of_this_document(editions, language):
    full, _ = editions[language]
    L = load_labels(language)
    begin = full.index(L("sections.method"), full.rindex(L("sections.context"), 0, full.rindex(L("sections.sources"))))
    method = " ".join(full[begin:full.index(L("sections.framework"), begin)].split())
    expected = {"es": "en el formulario del Anexo I de la nota conceptual",
                "en": "on the concept note's Annex I form"}[language]
    assert expected in method
    assert not re.search(r"en el Anexo I sus|in Annex I,", method)
    if language == "es":
        assert "Estados miembros" in method and "Estados Miembros" not in method


def test_the_sources_write_a_span_of_days_with_an_en_dash(editions):
    assert "7–8 September 2022" in " ".join(_sources_part(editions["en"][0], "en").split())


async def test_the_roadmap_table_key_defines_each_timeframe_from_the_workshop_file(database, workshop_id):
    """From the example workshop file: "short term" alone is read differently by each delegation."""
    async with Storage(database) as storage:
        for language in LANGUAGES:
            L = load_labels(language)
            full = " ".join(text(build_roadmap(await roadmap_data(storage, workshop_id, language))).split())
            begin = full.rindex(L("roadmap.title_draft"))  # the workshop has not ended: its draft
            key = {"es": "Plazos: corto, hasta un año; mediano, de uno a tres años; largo, más de tres años.",
                   "en": "Timeframes: short term, within a year; medium term, one to three years; long term, more "
                         "than three years."}[language]
            assert key in full[begin:begin + 1500], full[begin:begin + 1500]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_workshop_file_that_defines_no_timeframe_prints_no_key(language):
    L = load_labels(language)
    data = sample_roadmap(language, final=True, hostile=False)
    plain_file = replace(data, workshop=replace(data.workshop, timeframes=(Choice("short"), Choice("long"))))
    assert L("roadmap.timeframes", list="").split(":")[0] + ":" not in text(build_roadmap(plain_file))
    defined = replace(data, workshop=replace(data.workshop, timeframes=(
        Choice("short", meaning="<6 meses & más>"),)))
    one = L.plural("roadmap.timeframes", 1, list="").split(":")[0]  # one defined: "Plazo:", not "Plazos:"
    assert f"{one}: {L('timeframe.short')}, <6 meses & más>." \
        in " ".join(text(build_roadmap(defined)).split())  # typed data is printed as typed, escaped


@pytest.mark.parametrize("language", ("es", "en"))
def test_the_ntmi_is_spelled_out_where_the_context_first_names_it(language):
    """"According to the NTMI" read as an unexplained code on the roadmap's first page of text (session 10's
    reading): the initiative is named in full, its acronym after it."""
    briefing = load_toml(language, "briefings/reintegration.toml")["roadmap"]
    long = {"es": "Iniciativa de Gestión de Información de Movilidad Humana en el Triángulo Norte (NTMI)",
            "en": "Northern Triangle Migration Information Initiative (NTMI)"}[language]
    for key in ("context", "report_context"):
        said = briefing[key]
        assert said.index(long) + len(long) - len("(NTMI)") == said.index("NTMI") - 1, key


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_general_objective_stands_apart_from_the_specific_ones(editions, language):
    """The general objective was the first bullet of the list, "Objetivo general: …" among the specific ones
    with no label over them (the Spanish edition's reader, session 12): it is a paragraph under its label, then
    the specific ones are listed under theirs, none of them a general one."""
    full, _ = editions[language]
    L = load_labels(language)
    begin = full.index(L("sections.objectives"), full.rindex(L("sections.context"), 0,
                                                             full.rindex(L("sections.sources"))))
    objectives = " ".join(full[begin:full.index(L("sections.method"), begin)].split())
    general, specific = L("fields.general_objective"), L("fields.specific_objectives")
    assert objectives.index(f"{general}: ") < objectives.index(f"{specific}: •"), objectives
    listed = objectives.split(f"{specific}:", 1)[1]
    assert listed.count("•") >= 5 and general not in listed, listed
