"""What the roadmap says about itself reads well in print (secretariat reading, session 8): a supporting document
is named and said to be had from the secretariat, not from a ZIP file a printed page does not come with; the
map's caption uses the prefix its cells print; the good practices' heading says what it lists; and text that
carries content (captions, introductions, the source list) is black and near body size, grey small type being
kept for provenance."""

from __future__ import annotations

import tomllib
from dataclasses import replace
from pathlib import Path

import pytest
from pdftext import text
from sample import sample_roadmap

from reports.labels import load_labels
from reports.roadmap import build_roadmap
from reports.styles import INK, MUTED, report_styles

LANGUAGES = ("es", "en")
CONTENT = Path(__file__).resolve().parents[2] / "content"


def _data(language: str):
    data = sample_roadmap(language, final=True, hostile=False)
    items = tuple(replace(i, document_name="Informe de resultados 2025.pdf") if i.id == 21 else i
                  for i in data.items)
    return replace(data, items=items)


@pytest.fixture(scope="module")
def built() -> dict[str, bytes]:
    return {language: build_roadmap(_data(language)) for language in LANGUAGES}


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_supporting_document_is_named_and_had_from_the_secretariat(built, language):
    L = load_labels(language)
    full = " ".join(text(built[language]).split())
    entry = full[full.index(f"{L('ref.good_practice')}-21 "):]
    entry = entry[:entry.index(L("fields.dimensions"))]
    assert "Informe de resultados 2025.pdf" in entry
    assert {"es": "secretaría del taller", "en": "workshop secretariat"}[language] in entry
    assert "ZIP" not in full and "documents" not in full.replace("Supporting document", "")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_map_caption_names_the_prefix_its_cells_print_and_explains_the_shading(built, language):
    L = load_labels(language)
    note = L("summary.map_note")
    assert f"({L('ref.recommendation')})" in note
    assert {"es": "oscura", "en": "darker"}[language] in note
    assert {"es": "Aportes publicados", "en": "Published contributions"}[language] not in L("summary.chart_title")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_good_practices_heading_and_the_groups_lists_say_what_they_hold(built, language):
    L = load_labels(language)
    full = text(built[language])
    assert {"es": "Buenas prácticas ya en marcha", "en": "Good practices already under way"}[language] in full
    assert {"es": "Acciones ya en marcha", "en": "Actions already under way"}[language] not in full
    assert L("fields.vulnerable_actions") == {"es": "Recomendaciones adoptadas",
                                              "en": "Adopted recommendations"}[language]


def test_content_styles_are_black_and_readable_and_grey_is_for_provenance_only():
    S = report_styles()
    for style in (S.intro, S.note, S.small):
        assert style.textColor == INK and style.fontSize >= 9, style.name
    assert S.provenance.textColor == MUTED


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_sources_lead_sentence_names_the_sections_it_speaks_of(language):
    L = load_labels(language)
    briefing = tomllib.loads((CONTENT / language / "briefings" / "reintegration.toml").read_text("utf-8"))
    lead = briefing["roadmap"]["sources_note"]
    # Named by the edition's own headings, filled in where it is printed (one spelling per concept).
    assert "{framework}" in lead and "{context}" in lead
    assert L("sections.framework") not in lead
    assert not lead.startswith(("These texts", "Estos textos"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_sections_note_under_its_heading_is_kept_with_what_it_introduces(language):
    """"Good practices already under way" and its note alone at the foot of a page, the lists on the next
    (session 10's readings, EN p. 16, ES p. 23): a note right under a section's heading keeps with what
    follows it, as the heading keeps with the note."""
    from reportlab.platypus import Paragraph
    from sample import sample_roadmap

    from reports.context import ReportContext
    from reports.sections import body, briefing

    data = sample_roadmap(language, final=True, hostile=False)
    for section in (body.under_way, body.recommendations, body.vulnerable_groups, briefing.sources):
        story = section(ReportContext(data))
        heading = next(n for n, f in enumerate(story) if getattr(f, "outline_level", None) == 0)
        note = story[heading + 1]
        assert isinstance(note, Paragraph) and note.getKeepWithNext(), section.__name__
