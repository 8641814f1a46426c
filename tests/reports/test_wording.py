"""What the roadmap's own words claim must be true of the data under them."""

from __future__ import annotations

import pytest
from pdftext import text
from sample import sample_roadmap

from reports.labels import load_labels
from reports.roadmap import build_roadmap


@pytest.fixture(scope="module")
def built() -> dict[str, str]:
    return {language: text(build_roadmap(sample_roadmap(language, hostile=False))) for language in ("es", "en")}


@pytest.mark.parametrize("language", ["es", "en"])
def test_actions_under_way_say_they_are_grouped_by_who_presented_them(built, language):
    L = load_labels(language)
    word = {"es": "presentó", "en": "presented"}[language]
    for key in ("by_country", "by_organisation"):
        assert word in L(f"sections.{key}"), key
        assert L(f"sections.{key}") in built[language]
    assert L("fields.under_way_note")[:60] in built[language]


def test_the_links_line_says_what_is_answered_and_what_is_built_on(built):
    assert "Answers: C-4, C-5 · Builds on: G-24" in built["en"]
    assert "Answers: C-5" in built["en"] and "Builds on: R-" not in built["en"]  # R-42 answers only


def test_contributions_by_type_say_what_they_count():
    draft = text(build_roadmap(sample_roadmap("es", hostile=True)))
    summary = draft[draft.index("Resumen Quiénes participaron"):]
    assert "Tipo Enviados En la hoja de ruta Retos 14 13" in summary
    assert "Recomendaciones 8 7" in summary  # all but R-46 (rejected); in the body all but R-45 (merged)
    assert load_labels("es")("summary.items_note")[:40] in summary
    final = text(build_roadmap(sample_roadmap("en", final=True, hostile=True)))
    summary = final[final.index("Summary Who took part"):]
    assert "Type Sent In the roadmap" in summary
    assert "Recommendations 8 3" in summary  # only the adopted ones
    assert load_labels("en")("summary.items_note_final")[:40] in summary


def test_consolidated_sources_are_sent_but_not_in_the_roadmap():
    from test_reading_outcomes import consolidated_sample

    draft = text(build_roadmap(consolidated_sample("es", final=False)))
    summary = draft[draft.index("Resumen Quiénes participaron"):]
    # Sent: R-40..R-47 and R-49 but the rejected R-46; in the body: also without R-45 (merged), R-40 and R-41.
    assert "Recomendaciones 8 5" in summary
