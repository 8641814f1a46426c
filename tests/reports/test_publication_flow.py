"""The roadmap's page flow and quotes as a secretariat reads them (issue 12's reading of the demo, findings 21,
22, 29, 30, 31 and 32), read back from the PDF's text in both editions."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from pdftext import pages, text
from reportlab.platypus import Spacer
from sample import sample_roadmap
from test_progress_report import followed

from reports import roadmap
from reports.context import ReportContext
from reports.document import FRAME_HEIGHT
from reports.labels import load_labels
from reports.model import Synthesis, Wording
from reports.roadmap import build_roadmap
from reports.sections import annexes
from reports.text import short_title

LANGUAGES = ("es", "en")
LONG = ("Quienes sufrieron violencia, abuso o explotación en la ruta regresan con heridas que nadie atiende y "
        "sin documentos que prueben lo que vivieron.")


def _with(data, item_id: int, **changes):
    return replace(data, items=tuple(replace(i, **changes) if i.id == item_id else i for i in data.items))


@pytest.mark.parametrize("language,expected", [
    ("es", "«Centros “Quédate” (“Stay”) para jóvenes»"),
    ("en", "“Centros ‘Quédate’ (‘Stay’) para jóvenes”"),
])
def test_a_quoted_title_with_quotes_inside_uses_the_other_kind(language, expected):
    """Finding 21: "G-14 “Quédate (“Stay”) training centres”" nested curly quotes in curly quotes."""
    data = _with(sample_roadmap(language, final=True, hostile=False), 24,
                 name="Centros «Quédate» (\"Stay\") para jóvenes")
    full = text(build_roadmap(data))
    assert expected in full
    assert "«Centros «" not in full and "“Centros “" not in full


def test_a_title_is_cut_at_a_word_never_on_a_small_word_nor_inside_a_parenthesis():
    assert short_title(LONG) == "Quienes sufrieron violencia, abuso o explotación en la ruta regresan con heridas…"
    assert short_title("Guate te incluye (“Guatemala includes you, a programme for every returnee”) más allá de "
                       "la capital") \
        == "Guate te incluye…"
    assert short_title("Reto breve.") == "Reto breve."


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_challenge_is_quoted_by_the_same_title_everywhere(language):
    """Finding 22: R-6 was «Quienes sufrieron violencia, abuso o…» in the table, «…abuso o explotación…» in
    the detail and «…en la ruta regresan con…» among the vulnerable groups."""
    data = sample_roadmap(language, final=True, hostile=False)
    data = _with(data, 1, description=LONG, group_ids=("women",))
    L = load_labels(language)
    full = text(build_roadmap(data))
    ref = f"{L('ref.challenge')}-1"
    title = short_title(LONG)
    quoted = L("fields.quote", text=title)
    table = full[full.rindex(L("roadmap.title")):full.rindex(L("sections.recommendations"))]
    assert f"{ref} {quoted}" in table
    # Since session 8 the entries by level leave what a recommendation answers to its row in the table (the
    # detail's quote was that repetition): the title is checked wherever the challenge is still quoted or named.
    groups = full[full.rindex(L("sections.vulnerable")):full.rindex(L("sections.under_way"))]
    assert f"{ref} {title}" in groups
    quotes = set(re.findall(rf"{ref} [«“]([^»”]*)[»”]", full))
    assert quotes == {title}, quotes
    # a draft still sets each entry out in full, the quote included: the same title there too
    draft = text(build_roadmap(replace(data, final=False, adopted_at=None)))
    assert f"{ref} {quoted}" in draft[draft.rindex(L("sections.recommendations_draft")):]
    assert set(re.findall(rf"{ref} [«“]([^»”]*)[»”]", draft)) == {title}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_level_s_definition_comes_before_its_tables_synthesis(language):
    """Finding 31: the grey "what this level means" came after the conclusions of its tables."""
    synthesis = Wording("Las mesas coincidieron en que la recepción decide el resto del proceso." if language == "es"
                        else "The tables agreed that reception decides the rest of the process.", language)
    data = replace(sample_roadmap(language, final=True, hostile=False),
                   syntheses=(Synthesis("A", "individual", (("challenges", synthesis),), approved=True),))
    full = text(build_roadmap(data))
    mapping = full[full.index(load_labels(language)("sections.mapping"), 2000):]
    assert 0 <= mapping.index("Apoyo ajustado a cada persona retornada.") < mapping.index(synthesis.text)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_commitments_follow_the_roadmap_table_not_the_register(language):
    """Finding 30: "Compromisos asumidos en la lectura conjunta" sat under the annexes, with no letter, after the
    list of every item."""
    L = load_labels(language)
    title = {"es": "Compromisos asumidos en la lectura conjunta", "en": "Commitments made at the joint reading"}
    full = text(build_roadmap(followed(language)))
    at = full.rindex(title[language])
    table = full.rindex(L("roadmap.title"))
    assert table < at < full.rindex(L("sections.recommendations")) < full.rindex(L("sections.annex_items"))
    contents = pages(build_roadmap(followed(language)))[1]
    assert contents.index(L("roadmap.title")) < contents.index(title[language]) \
        < contents.index(L("sections.recommendations"))


@pytest.mark.parametrize("language,line", [
    ("es", "Referencias de los aportes: R- reto, BP- buena práctica y Rec- recomendación (en la edición en "
           "inglés, con el mismo número: C-, G- y Rec-), numerados en una sola serie para todos los tipos (un "
           "número que falta en un tipo puede ser de otro)."),
    ("en", "Item references: C- challenge, G- good practice and Rec- recommendation (in the Spanish edition, "
           "with the same number: R-, BP- and Rec-), numbered in one series across the kinds (a number missing "
           "from one kind may be another's)."),
])
def test_the_contents_page_says_what_the_item_letters_mean(language, line):
    """Finding 32: each edition's letters differ (a challenge is R-59 in Spanish, C-59 in English), so the
    contents page says which letters the other edition uses for the same number; and why numbers skip (C-6,
    then G-7: "no C-7, C-8 or C-13" unexplained, session 12's reading)."""
    contents = pages(build_roadmap(sample_roadmap(language, final=True, hostile=False)))[1]
    assert load_labels(language)("document.contents") in contents
    assert line in " ".join(contents.split())


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_part_follows_on_the_page_when_its_start_fits_and_its_heading_is_never_alone(language, monkeypatch):
    """Finding 29: sources and acronyms, conclusions and next steps each began a new page and left the one
    before half empty. A part begins on the page where its heading and first lines fit; otherwise on the next,
    its heading with them."""
    L = load_labels(language)
    data = sample_roadmap(language, final=True, hostile=False)
    first = _first_acronym(data)
    for room in (100, 140, 160, 200, 260, 320):
        monkeypatch.setattr(roadmap, "sections", lambda ctx, room=room: [
            Spacer(1, FRAME_HEIGHT - room), *annexes.acronyms(ctx)])
        found = pages(build_roadmap(data))
        heading = next(n for n, content in enumerate(found) if L("sections.acronyms") in content)
        assert first in found[heading].split(L("sections.acronyms"), 1)[1], room
        if room >= 160:
            assert heading == 0, room  # it needed no new page


def _first_acronym(data) -> str:
    table = annexes.acronyms(ReportContext(data))[-1]
    return re.sub(r"<[^>]+>", "", table._cellvalues[0][0].text)
