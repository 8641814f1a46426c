"""Actions under way keep their own rule (session 7's readings): the note says what each list holds and the lists
hold just that, so a practice a government runs is its country's and under no organisation; a line never says
again what its heading says, and its level is labelled; the document a participant attached is said to be
available from the secretariat; the mapping's "see" lines stand in line with the entries above them."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from pdftext import reader, text
from sample import T0, sample_roadmap

from reports.labels import load_labels
from reports.model import Item
from reports.roadmap import build_roadmap

LANGUAGES = ("es", "en")
SALVADOR_GOVERNMENT = Item(
    id=96, kind="good_practice", status="approved", language="es", created_at=T0, level_id="individual",
    dimension_ids=("social",), credit="El Salvador", country_id="SV", country_name="El Salvador",
    name="Programa Integral de Inserción", where="El Salvador", run_by="Gobierno de El Salvador")


def _data(language: str):
    data = sample_roadmap(language, final=True, hostile=False)
    return replace(data, items=(*data.items, SALVADOR_GOVERNMENT))


@pytest.fixture(scope="module")
def built() -> dict[str, bytes]:
    return {language: build_roadmap(_data(language)) for language in LANGUAGES}


def _section(full: str, L) -> tuple[str, str]:
    """The section's list by country and its list by organisation."""
    start = full.rindex(L("sections.under_way"))
    by_org = full.index(L("sections.by_organisation"), start)
    return full[start:by_org], full[by_org:full.index(L("sections.recommendations"), by_org)]


def _lines(part: str) -> list[str]:
    return [line.strip() for line in part.split("•")[1:]]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_governments_practice_is_its_countrys_once_and_under_no_organisation(built, language):
    L = load_labels(language)
    bp = L("ref.good_practice")
    by_country, by_org = _section(text(built[language]), L)
    salvador = by_country[by_country.index("El Salvador •"):by_country.index("Guatemala •")]
    ours = [line for line in _lines(salvador) if line.startswith(f"{bp}-96 ")]
    assert len(ours) == 1
    # who runs it stays; where it runs is the heading, not said again; its level says it is one
    line = ours[0]
    assert "Gobierno de El Salvador" in line and " · El Salvador ·" not in line
    assert line.endswith(f"; {L('register.level', level='individual')})")
    assert f"{bp}-96" not in by_org
    # the note and the heading say the organisations' list holds the workshop's observers and guests, and the
    # governments' practices are under their countries
    note = L("fields.under_way_note")
    assert {"es": "organismos observadores o invitados", "en": "observer or invited organisations"}[language] in note
    assert {"es": "gobiernos", "en": "governments"}[language] in note
    assert {"es": "observador o invitado", "en": "observer or invited"}[language] in L("sections.by_organisation")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_practice_in_both_lists_is_once_in_each_and_neither_line_repeats_its_heading(built, language):
    L = load_labels(language)
    bp = L("ref.good_practice")
    by_country, by_org = _section(text(built[language]), L)
    # G-22 runs in Honduras, run by the IOM: under Honduras without "Honduras", under the IOM without "IOM"
    honduras = [line for line in _lines(by_country[by_country.index("Honduras •"):]) if line.startswith(f"{bp}-22 ")]
    iom = {"es": "OIM", "en": "IOM"}[language]
    under_iom = [line for line in _lines(by_org[by_org.index(f"{iom} •"):]) if line.startswith(f"{bp}-22 ")]
    assert len(honduras) == 1 and len(under_iom) == 1
    assert "Honduras" not in honduras[0] and "IOM" in honduras[0]
    assert "IOM" not in under_iom[0] and "Honduras" in under_iom[0]
    assert honduras[0] != under_iom[0]
    # a field saying more than the heading stays: San Salvador is not El Salvador
    assert f"{bp}-21 Formación para la empleabilidad de mujeres migrantes (San Salvador; " in by_country
    for line in _lines(by_country) + _lines(by_org):
        assert re.search(r"(?: · |\()(Individual|Comunitario|Community|Estructural|Structural)\)?$", line) is None, line


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_attached_document_is_said_to_be_available_from_the_secretariat(built, language):
    L = load_labels(language)
    full = text(built[language])
    said = L("fields.document")  # the sample's document has no file name: the line says there is one
    entry = full[full.index(f"{L('ref.good_practice')}-21 "):]
    assert said in entry[:entry.index(L("fields.dimensions"))]  # under G-21, which has one
    assert full.count(said) == 1  # and under no practice without one
    assert {"es": "secretaría", "en": "secretariat"}[language] in said
    assert "ZIP" not in said and "adjunto" not in said and "attached" not in said  # a printed page has no package


def _starts(pdf: bytes, page_no: int) -> list[tuple[float, str]]:
    """(x, text) of each piece of text drawn on a page."""
    found: list[tuple[float, str]] = []

    def visit(piece, cm, tm, font, size):
        if piece.strip():
            found.append((round(cm[4] + tm[4] * cm[0], 1), piece.strip()))

    reader(pdf).pages[page_no].extract_text(visitor_text=visit)
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_see_lines_stand_in_line_with_the_entries_above_them(built, language):
    """The mapping's sentence for an item set out under another dimension ("R-2 también corresponde a esta
    dimensión; figura en Social (pág. 6).") starts where the entries' references start, not further in."""
    pdf = built[language]
    said = {"es": "también corresponde", "en": "also concerns"}[language]
    page_no = next(n for n, page in enumerate(reader(pdf).pages) if said in " ".join(page.extract_text().split()))
    drawn = _starts(pdf, page_no)
    see = [x for x, piece in drawn if said in piece]
    # the entries' references in bold at their left edge ("R-2 Las personas…")
    entries = [x for x, piece in drawn if re.fullmatch(r"(R|C|Rec)-\d+", piece)]
    assert see and entries
    assert all(abs(x - min(entries)) <= 0.5 for x in see), (see, min(entries))
