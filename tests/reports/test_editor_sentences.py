"""The bot's own sentences in the roadmap as an editor writes them (brief H1 of session 7, from the two
secretariat readings): the staff named for what they did, translation included; no "apart" for "aparte" in the
English edition and no calques in the Spanish one; whole sentences, not notes or a specification; the sources
summarised by the secretariat, not "in our own words"; no database words ("its fields")."""

from __future__ import annotations

import re
import tomllib
from dataclasses import replace
from pathlib import Path

import pytest
from pdftext import text
from sample import T0, sample_roadmap

from reports.labels import load_labels
from reports.model import Commitment, Participant, ReadingEvent
from reports.progress_labels import progress_labels
from reports.roadmap import build_roadmap

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ("es", "en")
STAFF = {"es": "Moderación, secretaría y traducción del taller",
         "en": "Workshop moderators, secretariat and translator"}  # one translator: the singular
STAFF_NO_TRANSLATION = {"es": "Moderación y secretaría del taller", "en": "Moderators and the workshop secretariat"}


def _staffed(language: str, translator: bool = True):
    data = sample_roadmap(language, final=True, hostile=False)
    staff = [Participant(id=900, staff=True, roles=(("moderator", "A"),), credit="Mónica Rivas (OIM)"),
             Participant(id=901, staff=True, roles=(("moderator", "B"),), credit="Jorge Castro"),
             Participant(id=903, staff=True, roles=(("secretariat", None),), credit="SE-CRM")]
    if translator:
        staff.append(Participant(id=904, staff=True, roles=(("translator", None),)))  # asked not to be named
    counts = replace(data.participation, participants=27 + len(staff), staff=len(staff))
    return replace(data, participants=(*data.participants, *staff), participation=counts, introduction=None)


def _full(data) -> str:
    return " ".join(text(build_roadmap(data)).split())


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_staff_label_names_translation_when_someone_translated(language):
    """ES 4, EN 3: "Moderación y secretaría del taller (5)" counted a translator too."""
    full = _full(_staffed(language))
    assert f"{STAFF[language]} (4):" in full  # Annex A's heading
    assert f"{STAFF[language]} – 4" in full  # the summary's row
    assert STAFF_NO_TRANSLATION[language] not in full
    note = {"es": "Quienes moderaron el taller, formaron su secretaría o tradujeron se cuentan por separado, no "
                  "como parte de ninguna delegación u organización.",
            "en": "The workshop's moderators, secretariat and translator are counted separately, not as part of "
                  "any delegation or organisation."}[language]
    assert note in full
    annex = {"es": "y, por separado, a quienes moderaron el taller, formaron su secretaría o tradujeron.",
             "en": "and, separately, the workshop's moderators, secretariat and translator."}[language]
    assert annex in full


def test_two_translators_are_translators_and_one_is_a_translator():
    """"Workshop moderators, secretariat and translators" over one person (session 10's reading)."""
    one = _full(_staffed("en"))
    data = _staffed("en")
    second = Participant(id=905, staff=True, roles=(("translator", None),), credit="Laura Méndez")
    two = _full(replace(data, participants=(*data.participants, second),
                        participation=replace(data.participation, staff=data.participation.staff + 1)))
    assert "Workshop moderators, secretariat and translator (4):" in one and "translators" not in one
    assert "Workshop moderators, secretariat and translators (5):" in two


@pytest.mark.parametrize("language", LANGUAGES)
def test_without_a_translator_the_label_is_as_before(language):
    full = _full(_staffed(language, translator=False))
    assert f"{STAFF_NO_TRANSLATION[language]} (3):" in full
    assert STAFF[language] not in full
    note = {"es": "Quienes moderaron el taller o formaron su secretaría se cuentan por separado, no como parte de "
                  "ninguna delegación u organización.",
            "en": "The moderators and the workshop secretariat are counted separately, not as part of any "
                  "delegation or organisation."}[language]
    assert note in full
    assert "tradujeron" not in full and "translators" not in full


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_uncredited_translator_is_one_person_as_a_publication_says_it(language):
    full = _full(_staffed(language))
    said = {"es": "Traducción: una persona", "en": "Translation: one person"}[language]
    assert said in full
    assert "sin atribución pública" not in full and "not credited publicly" not in full


def test_the_english_edition_says_separately_not_apart():
    """EN 14: "counted apart", "listed apart", "…apart, as examples", "…secretariat, apart."."""
    full = _full(_staffed("en"))
    assert not re.search(r"\bapart\b", full)
    L = load_labels("en")
    for key in ("summary.participation_note", "summary.apart_set_aside", "summary.apart_undecided",
                "summary.apart_both", "fields.under_way_note", "fields.annex_participants_note"):
        assert not re.search(r"\bapart\b", L(key)), key


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_spanish_calques_are_gone(language):
    """ES 9: "se cuentan aparte, en ninguna delegación", "como los cuenta el resumen", "Su avance se sigue en el
    informe de avance", "Plazos: corto, en el plazo de un año"."""
    data = _staffed(language)
    data = replace(data, commitments=(Commitment(1, 41, "GT", "country", "Guatemala", at_reading=True),))
    full = _full(data)
    for gone in ("en ninguna delegación", "como los cuenta el resumen", "cuyas personas participaron",
                 "Su avance se sigue", "en el plazo de un año", "in no delegation", "as the summary counts",
                 "is followed in the progress report"):
        assert gone not in full
    P = progress_labels(language)
    follow = {"es": "La secretaría informará de su avance durante el seguimiento, en informes que usan la misma "
                    "numeración que esta hoja de ruta.",
              "en": "The secretariat will report on their progress during the follow-up, in progress reports that use "
                    "the same numbers as this roadmap."}[language]
    assert follow in P.plural("annex.intro", 1, adopted=3) and follow in P.plural("annex.intro_all", 2)
    assert follow in full


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_templates_are_whole_sentences(language):
    """EN 15, 16; ES 8: notes, a specification, database words, the first person."""
    L = load_labels(language)
    gone = {"es": ("Lo organizaron:", "Solo cifras:", "Versión final: por nivel", "Cuándo se abrió la lectura",
                   "sus campos", "palabras propias", "(con un apoyo o un voto)",
                   "si se reabrió, quién la reabrió"),  # a reading nobody reopened (session 12)
            "en": ("It was organised by:", "Counts only", "Final version: by level", "When the joint reading opened",
                   "fields say", "our own words", "our translation", "with a support or a vote",
                   "highest priority first", "joined to another one, the same or similar",
                   "if it was reopened, who reopened it")}[language]
    data = replace(_staffed(language), reading_history=(ReadingEvent("opened", T0), ReadingEvent("closed", T0)))
    draft = replace(data, final=False, adopted_at=None)
    texts = _full(data) + " " + _full(draft)
    for words in gone:
        assert words not in texts, words
    said = {"es": ("Entidades organizadoras: ",
                   # the detailed entries' note since they quote the roadmap table's rows (session 8)
                   "Para cada recomendación que la lectura conjunta adoptó, tal cual o con enmiendas, por nivel: el "
                   "comienzo de su texto y la página de la tabla de la hoja de ruta donde figura completa",
                   "Esta sección registra cuándo se abrió y cuándo terminó la lectura conjunta"),
            "en": ("Organisers: ",
                   "For each recommendation the joint reading adopted, as read or amended, by level: the start "
                   "of its text and the page of the roadmap table where it is set out in full",
                   "This section records when the joint reading opened and when it ended",
                   "grouped by level and, within each level, in order "
                   "of priority")}[language]
    for words in said:
        assert words in texts, words
    assert L("editorial.organised", organisers="X").endswith("X.")
    # printed where the plenary took a stand
    constituency = L("constituency.note", countries=3, objecting=2, section="X")
    # Numbers only, and where the words with their authors are instead (session 8's fifth reading).
    assert constituency.endswith({"es": "Esta tabla solo da cifras: los comentarios y las objeciones, con quién "
                                        "los hizo, figuran en «X».",
                                  "en": "This table gives numbers only: the comments and objections, with who "
                                        "made them, are under “X”."}[language])
    assert {"es": "con su apoyo o con su voto", "en": "by supporting it or voting for it"}[language] in constituency



@pytest.mark.parametrize("language", LANGUAGES)
def test_the_sources_are_summarised_by_the_secretariat_not_in_our_own_words(language):
    """EN 16: "in our own words … in our translation" (the roadmap prints the briefing's note as written)."""
    briefing = tomllib.loads((ROOT / "content" / language / "briefings" / "reintegration.toml").read_text("utf-8"))
    note = briefing["roadmap"]["sources_note"]
    for gone in ("our own words", "our translation", "palabras propias"):
        assert gone not in note
    L = load_labels(language)
    note = note.format_map({key: L(f"sections.{key}") for key in ("context", "framework", "frameworks")})
    said = {"es": ("Las secciones «Contexto y objetivos», «Marco conceptual» y «Marcos globales y regionales», y "
                   "las introducciones de cada nivel, resumen los documentos siguientes, sin citarlos literalmente",),
            "en": ("The sections “Context and objectives”, “Conceptual framework” and “Global and regional "
                   "frameworks”, and the introductions to each level, summarise the documents below without "
                   "quoting them",
                   "the concept note, written in Spanish, was translated by the secretariat")}[language]
    for words in said:
        assert words in note


def test_the_timeframes_key_reads_without_a_calque():
    """ES 9: "Plazos: corto, en el plazo de un año" said "plazo" twice over; the example workshop's own words."""
    workshop = tomllib.loads((ROOT / "content" / "workshops" / "crm-puebla-2022.toml").read_text(encoding="utf-8"))
    meanings = {t["id"]: t["meaning"] for t in workshop["timeframes"]}
    assert meanings["short"] == {"es": "hasta un año", "en": "within a year"}
