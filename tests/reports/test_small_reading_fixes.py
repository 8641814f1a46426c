"""Small defects a secretariat reading of both editions found (session 8): an acronym the body uses missing from
the acronyms list, bare levels in the vulnerable groups' lines, Annex A's bare counts, the history of the joint
reading naming the time zone in every line, and the set-aside list's lower-case "— reason:" label."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from pdftext import reader, text
from sample import TIMEZONE, _at, sample_roadmap

from reports.labels import load_labels, time_zone
from reports.model import Item, ReadingEvent
from reports.roadmap import build_roadmap

LANGUAGES = ("es", "en")
# A good practice whose name spells out its acronym, as Honduras' municipal units did at the workshop, and one
# whose "name" is a sentence: its words are no expansion for an acronym.
NAMED = {"es": "Unidades Municipales de Atención al Migrante Retornado (UMAR)",
         "en": "Municipal Units for Assistance to Returned Migrants (UMAR)"}
SENTENCE = {"es": "Fortalecer la atención que reciben quienes regresan (FAR)",
            "en": "Strengthen the support that people receive when they return (FAR)"}
OPENED = datetime(2022, 9, 8, 21, 0, tzinfo=UTC)
CLOSED = datetime(2022, 9, 8, 21, 45, tzinfo=UTC)


def _data(language: str):
    """The sample's final roadmap in `language`, with the two practices (written in the edition's language)
    and a joint reading that opened and was ended by the workshop's close."""
    data = sample_roadmap(language, final=True, hostile=False)
    practices = tuple(Item(id=90 + n, kind="good_practice", status="approved", language=language,
                           created_at=_at(40 + n), level_id="community", dimension_ids=("social",),
                           credit="Honduras", name=name, where="Honduras", run_by="Gobiernos municipales")
                      for n, name in enumerate((NAMED[language], SENTENCE[language])))
    return replace(data, items=(*data.items, *practices),
                   reading_history=(ReadingEvent("opened", OPENED), ReadingEvent("closed", CLOSED)))


@pytest.fixture(scope="module")
def built() -> dict[str, bytes]:
    return {language: build_roadmap(_data(language)) for language in LANGUAGES}


def _after(full: str, start: str, end: str) -> str:
    """The section from its heading (the last one: the contents name it first) to `end`."""
    begin = full.rindex(start)
    return full[begin:full.index(end, begin + len(start))]


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_acronym_a_good_practice_spells_out_is_in_the_acronyms_list(built, language):
    """"UMAR" was in the body and not in the list: a practice's name that spells it out now defines it there;
    a sentence before "(FAR)" does not."""
    L = load_labels(language)
    full = text(built[language])
    assert "(UMAR)" in full[:full.rindex(L("sections.acronyms"))]
    listed = _after(full, L("sections.acronyms"), L("sections.annexes"))
    assert f"UMAR {NAMED[language].removesuffix(' (UMAR)')}" in listed
    assert "FAR" not in listed


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_vulnerable_groups_lines_label_their_level(built, language):
    """"… · Individual" did not say what "Individual" was: "… (nivel individual)", as the practices' lines
    (session 8's fifth reading: "· Nivel: Individual" read as a field)."""
    L = load_labels(language)
    section = _after(text(built[language]), L("sections.vulnerable"), L("sections.under_way"))
    levels = [level.name for level in _data(language).workshop.levels]
    said = "|".join(re.escape(L("register.level", level=name.lower())) for name in levels)
    assert re.search(rf"\((?:{said})\)", section)
    assert not re.search(rf"· (?:{'|'.join(levels)})\b", section)
    assert f"{L('fields.level')}:" not in section


@pytest.mark.parametrize("language", LANGUAGES)
def test_annex_a_counts_in_words_not_a_bare_count_in_brackets(built, language):
    """"Organizaciones (4):" read as a heading with a bare count: "4 organizaciones:", the language's plural."""
    L = load_labels(language)
    annex = _after(text(built[language]), L("sections.annex_participants"), L("sections.annex_items"))
    data = _data(language)
    countries = {p.country_id for p in data.participants if not p.staff and p.country_id}
    organisations = {p.organisation_id for p in data.participants if not p.staff and p.organisation_id}
    assert f"{L.plural('fields.annex_countries', len(countries))}: " in annex
    assert f"{L.plural('fields.annex_organisations', len(organisations))}: " in annex
    assert f"{L('summary.countries')} (" not in annex and f"{L('summary.organisations')} (" not in annex
    assert L.plural("fields.annex_organisations", 1) != L.plural("fields.annex_organisations", 2)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_history_of_the_reading_names_the_time_zone_once(built, language):
    """"(hora de Ciudad de México)" in every line, under a note about the venue's time: said once, in the note."""
    L = load_labels(language)
    full = text(built[language])
    history = full[full.rindex(L("history.title")):full.rindex(L("history.never_reopened"))]
    zone = L.zone_name(time_zone(TIMEZONE))
    assert history.count(zone) == 1
    assert zone in history.split("•")[0]  # in the note, before the first line
    for moment in (OPENED, CLOSED):  # each line still says its date and time
        assert L.moment(moment, time_zone(TIMEZONE), zoned=False) in history


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_set_aside_reason_has_a_label_like_the_others(built, language):
    """" — motivo: ya la cubre…" after the action: "Motivo: Already covered…", capitalised and in bold."""
    L = load_labels(language)
    pdf = built[language]
    full = text(pdf)
    start = full.rindex(L("sections.set_aside"))
    listed = full[start:start + 600]
    assert f"{L('fields.reason_line')}: Already covered by" in listed
    assert f"— {L('fields.reason')}:" not in listed
    page = next(p for p in reader(pdf).pages if L("sections.set_aside") in p.extract_text()
                and "Already covered by" in p.extract_text())
    fonts: list[str] = []

    def visit(piece, cm, tm, font, size):
        if piece.strip() == f"{L('fields.reason_line')}:":
            fonts.append(str(font.get("/BaseFont", "")) if font else "")

    page.extract_text(visitor_text=visit)
    assert fonts and all("Bold" in name for name in fonts), fonts
