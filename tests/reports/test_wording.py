"""What the roadmap's own words claim must be true of the data under them."""

from __future__ import annotations

import re

import pytest
from pdftext import text
from sample import sample_roadmap

from reports.labels import load_labels
from reports.roadmap import build_roadmap


@pytest.fixture(scope="module")
def built() -> dict[str, str]:
    return {language: text(build_roadmap(sample_roadmap(language, hostile=False))) for language in ("es", "en")}


@pytest.mark.parametrize("language", ["es", "en"])
def test_actions_under_way_say_they_are_grouped_by_where_they_run_and_who_runs_them(built, language):
    L = load_labels(language)
    words = {"es": ("donde se aplican", "que las lleva a cabo"), "en": ("where they run", "that runs them")}
    for key, word in zip(("by_country", "by_organisation"), words[language], strict=True):
        assert word in L(f"sections.{key}"), key
        assert L(f"sections.{key}") in built[language]
    assert L("fields.under_way_note")[:60] in built[language]


def test_the_links_line_says_what_is_answered_and_what_is_built_on(built):
    assert re.search(r"Challenges addressed: C-4 “Las comunidades de origen tienen pocas oportunidades de empleo\.” "
                     r"\(p\. \d+\); C-5 “Stigma against deported people in their home towns\.” \(p\. \d+\) "
                     r"Builds on the good practice: G-24 “Centros Quédate” \(p\. \d+\)", built["en"])
    assert "Challenge addressed: C-5 “Stigma" in built["en"] and "good practice: R-" not in built["en"]


@pytest.mark.parametrize("language", ["es", "en"])
def test_labels_agree_and_count_in_the_editions_language(built, language):
    full = built[language]
    if language == "es":
        # Spanish letters (R reto, BP buena práctica, Rec recomendación); a practice is "publicada".
        assert re.search(r"BP-20 Guate te incluye \(nivel individual, dimensión económica\), aporte de [^;]+; "
                         r"publicada \(pág", full)
        assert re.search(r"R-1 \(nivel individual, dimensión económica\), aporte de [^;]+; publicado \(pág", full)
        assert "Rec-47 (nivel estructural" in full and "C-1 " not in full and "G-20" not in full
        assert "1 objeción," in full and not re.search(r"\b1 (objeciones|votos|apoyos|comentarios)\b", full)
        assert "Plazo: mediano ·" in full and "Plazo: mediano plazo" not in full  # not "Plazo: … plazo"
        assert "original en inglés" in full and " · en " not in full
    else:
        assert "1 objection," in full and "objections 1" not in full and "object 1" not in full
        assert not re.search(r"\b1 (objections|votes|comments)\b", full)
        assert "original in Spanish" in full and " · es " not in full
        assert "Moderator: IOM" in full and "Moderator: ILO" in full  # English names in English, one person each
        # Participants' texts stay as typed ("Run by: OIT y Gobierno de El Salvador"); our words do not.
        assert "Jane Doe (IOM)" in full and "(OIM)" not in full and "Moderators: OIT" not in full
    for note in ("cuentan solo en esta", "count only in that one", "se sustituyen por", "are replaced by"):
        assert note not in full  # no internal notes


def test_contributions_by_type_say_what_they_count():
    draft = text(build_roadmap(sample_roadmap("es", hostile=True)))
    summary = draft[draft.index("Resumen Quiénes participaron"):]
    # Sent (R-40..R-48), rejected, merged, in the roadmap (the rest).
    assert ("Retos Buenas prácticas Recomendaciones Enviados 15 6 9 − Rechazados 1 0 1 − Fusionados 1 1 1 "
            "= En la hoja de ruta 13 5 7") in summary
    assert load_labels("es")("summary.items_note")[:40] in summary
    final = text(build_roadmap(sample_roadmap("en", final=True, hostile=True)))
    summary = final[final.index("Summary Who took part"):]
    # only the adopted ones in the roadmap; R-42 set aside, R-44, R-47, R-48 undecided
    assert ("− Set aside in the joint reading – – 1 − Not decided in the joint reading – – 3 "
            "= In the roadmap 13 5 3") in summary
    assert load_labels("en")("summary.items_note_final")[:40] in summary


def test_consolidated_sources_are_sent_but_not_in_the_roadmap():
    from test_reading_outcomes import consolidated_sample

    draft = text(build_roadmap(consolidated_sample("es", final=False)))
    summary = draft[draft.index("Resumen Quiénes participaron"):]
    # Sent by participants: R-40..R-47 (the table's R-49 was drafted by its rapporteur, not sent); rejected:
    # R-46; merged: R-45; consolidated into R-49 (counted apart); in the body: R-42, 43, 44, 47, 49.
    assert ("Enviados 12 6 8 − Rechazados 1 0 1 − Fusionados 1 1 1 − Consolidadas por las mesas – – 2 "
            "+ Redactadas por las mesas – – 1 = En la hoja de ruta 10 5 5") in summary
    assert "reunió en 1 recomendación de mesa, que la hoja de ruta cuenta en su lugar" in summary
