"""Session 8's readings (EN 8, 9, 11, 12, 15; ES 6, 17, 18, 19), read in the roadmap's text as a reader would:
Annex B's entries are sentences that give the page where each item is printed; the grey line under an entry says
who sent it and what it merges in a sentence, lists joined as the language joins them; the actions under way
are introduced by a description, and their lines say where and by whom in brackets, not as a "·" chain ending in
"Level: …"; a commitment made at the joint reading is a sentence; a cross-reference and an empty dimension are
sentences too."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta

import pytest
from pdftext import text
from sample import T0, sample_roadmap

from reports.labels import load_labels
from reports.model import Commitment
from reports.roadmap import build_roadmap

LANGUAGES = ("es", "en")


def _data(language: str):
    data = sample_roadmap(language, final=True, hostile=False)
    adopted = next(i for i in data.items if i.kind == "recommendation" and i.adopted)
    made = Commitment(1, adopted.id, "GT", "country", "Guatemala", at_reading=True, made_at=T0 + timedelta(days=1))
    return replace(data, commitments=(made,)), adopted


@pytest.fixture(scope="module")
def built() -> dict[str, tuple[str, object]]:
    out = {}
    for language in LANGUAGES:
        data, adopted = _data(language)
        out[language] = (text(build_roadmap(data)), data, adopted)
    return out


def _annex_b(full: str, L) -> str:
    start = full.rindex(L("sections.annex_items"))
    return full[start:full.index(L("sections.acronyms"), start)] if L("sections.acronyms") in full[start:] \
        else full[start:]


@pytest.mark.parametrize("language", LANGUAGES)
def test_annex_b_gives_each_contribution_as_a_sentence_with_its_page(built, language):
    full, data, _ = built[language]
    L = load_labels(language)
    annex = _annex_b(full, L)
    c = L("ref.challenge")
    # "C-3 (individual level, social dimension), sent anonymously on …; published (p. 6)."
    on_page = {"es": r"\(pág\. \d+\)", "en": r"\(p\. \d+\)"}[language]
    level = {"es": r"nivel comunitario, dimensión económica", "en": r"community level, economic dimension"}[language]
    assert re.search(rf"{c}-4 \((?:[^;()]+; )?{level}\), [^;]+; \w+ {on_page}\.", annex), annex[:1500]
    for label in ("Level:", "Nivel:", "Dimension:", "Dimensión:", "Table:", "Mesa:"):
        assert label not in annex
    # the rejected ones said in a sentence, not "…, not published: 2."
    rejected = sum(1 for item in data.items if item.status == "rejected")
    assert L.plural("register.rejected", rejected) in annex
    assert not re.search(r"not published: \d|no publicados: \d", annex)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_line_under_an_entry_says_who_sent_it_and_what_it_merges_in_a_sentence(built, language):
    full, _, _ = built[language]
    said = {"es": "Aportes de Ana Pérez (Guatemala) y Guatemala; reúne BP-25 (anexo B).",
            "en": "Sent by Ana Pérez (Guatemala) and Guatemala; merges G-25 (Annex B)."}[language]
    assert said in full
    for gone in ("Contributed by:", "Aporte de:", "Aportes de:", "Brings together:", "Reúne:", "Anonymous.",
                 "Anónimo."):
        assert gone not in full
    # dimensions as words of the sentence: "Social dimension." / "Dimensión social."
    assert {"es": "Dimensión social.", "en": "Social dimension."}[language] in full


@pytest.mark.parametrize("language", LANGUAGES)
def test_actions_under_way_are_described_and_their_lines_read_as_phrases(built, language):
    full, _, _ = built[language]
    L = load_labels(language)
    start = full.rindex(L("sections.under_way"))
    section = full[start:full.index(L("roadmap.title"), start)]
    assert L("fields.under_way_note") in section
    for rule in ("listed under the delegation that presented it", "figura bajo la delegación que la presentó",
                 "as stated when it was presented", "tal como se indicó al presentarla"):
        assert rule not in section
    # the organisations' lists say they are the region's; examples abroad are set apart
    assert {"es": "En la región", "en": "In the region"}[language] in L("sections.by_organisation")
    lines = [re.split(r" (?:Roadmap|Hoja de ruta) · ", line)[0].strip() for line in section.split("•")[1:]]
    assert lines
    level = {"es": r"; nivel \w+\)|\(nivel \w+\)", "en": r"; \w+ level\)|\(\w+ level\)"}[language]
    for line in lines:
        assert "Level:" not in line and "Nivel:" not in line and " · " not in line, line
        assert re.search(level, line), line


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_commitment_at_the_joint_reading_is_a_sentence(built, language):
    full, _, _ = built[language]
    opening = {"es": r"El \d+ de \w+ de \d{4}, Guatemala se comprometió a llevar a cabo esta acción tal como se "
                     r"adoptó",
               "en": r"On \d+ \w+ \d{4} Guatemala committed to carry out this action as adopted"}[language]
    assert re.search(opening, full)
    assert "Guatemala (on " not in full and "Guatemala (el " not in full


@pytest.mark.parametrize("language", LANGUAGES)
def test_cross_references_and_empty_dimensions_are_sentences(built, language):
    full, _, _ = built[language]
    L = load_labels(language)
    assert "→" not in full[full.index(L("sections.mapping")):full.rindex(L("sections.vulnerable"))]
    see = {"es": r"(R|BP)-\d+ también corresponde a esta dimensión; figura en \w+ \(pág\. \d+\)\.",
           "en": r"(C|G)-\d+ also concerns this dimension; it is set out under \w+ \(p\. \d+\)\."}[language]
    assert re.search(see, full)
    assert L("fields.no_items") not in full[full.index(L("sections.mapping")):full.rindex(L("sections.vulnerable"))]
