"""What a publications officer found reading the demo's roadmaps page by page, read back from the PDF in both
editions: no page left nearly empty under a heading followed by a long table, the regional frameworks the
heading promises, the reader's apparatus (sources, acronyms) before the annexes, no "0" delegations for people who
came on their own, and no header word cut in the support-by-constituency table."""

from __future__ import annotations

import tomllib
from dataclasses import replace
from importlib import resources

import pytest
from pdftext import outline, pages, text
from sample import sample_roadmap

from reports.labels import load_labels
from reports.model import Item, Participation
from reports.roadmap import build_roadmap

LANGUAGES = ("es", "en")


def _briefing(language: str) -> dict:
    """The theme's real briefing, as the bot loads it for the roadmap."""
    path = resources.files("content") / language / "briefings" / "reintegration.toml"
    return tomllib.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_heading_over_a_long_table_starts_it_on_the_same_page(language):
    """Twelve voted recommendations make a priority table longer than a page: it starts under its heading, right
    after the chart, instead of leaving the chart alone on a page."""
    data = sample_roadmap(language, final=True, hostile=False)
    template = next(i for i in data.items if i.kind == "recommendation" and i.status == "adopted")
    long_action = " ".join(["Fortalecer los servicios municipales de atención a personas retornadas"] * 4)
    extra = tuple(replace(template, id=200 + n, votes=30 - n, action=f"{long_action} ({n})") for n in range(12))
    pdf = build_roadmap(replace(data, items=(*data.items, *extra)))
    L = load_labels(language)
    heading = L("sections.top_recommendations")
    page = next(p for depth, title, p in outline(pdf) if title == heading)
    on_page = pages(pdf)[page]
    assert L("summary.chart_title") in on_page  # the chart shares the page with the heading...
    assert "R-200" in on_page or "Rec-200" in on_page  # ...and the table's first row is under it
    # and no page of the body is left with only a few lines
    for n, found in enumerate(pages(pdf)[2:-1], start=3):
        assert len(found) > 300, f"page {n} is nearly empty: {found[:200]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_frameworks_are_global_and_regional_as_the_heading_says(language):
    data = replace(sample_roadmap(language, final=True, hostile=False), briefing=_briefing(language))
    full = text(build_roadmap(data))
    L = load_labels(language)
    # the heading in the body: the contents list it first, and the sources' note names it after
    end = full.rindex(L("sections.mapping"))
    start = full.rindex(L("sections.frameworks"), 0, end)
    section = full[start:end]
    world, regional = section.index(L("sections.frameworks_global")), section.index(L("sections.frameworks_regional"))
    assert world < regional
    names = {"es": ("Pacto Mundial para la Migración", "Proceso de Puebla", "Principios orientadores de la CRM",
                    "Fondo de reserva de la CRM"),
             "en": ("Global Compact for Safe", "Puebla Process", "RCM guiding principles", "RCM reserve fund")}
    gcm, *ours = names[language]
    assert world < section.index(gcm) < regional
    for name in ours:
        assert section.index(name) > regional
    # cited to the IOM handbook's case study, numbered as in Sources, by the section's name in the edition's language
    assert {"es": "[1] Estudio de caso 16", "en": "[1] Case study 16"}[language] in section


@pytest.mark.parametrize("language", LANGUAGES)
def test_sources_and_acronyms_are_parts_of_their_own_before_the_annexes(language):
    pdf = build_roadmap(sample_roadmap(language, final=True, hostile=False))
    L = load_labels(language)
    top = [title for depth, title, _ in outline(pdf) if depth == 0]
    wanted = [L("sections.next_steps"), L("sections.sources"), L("sections.acronyms"), L("sections.annexes")]
    assert [t for t in top if t in wanted] == wanted


@pytest.mark.parametrize("language", LANGUAGES)
def test_people_who_came_on_their_own_are_counted_without_a_zero_group(language):
    data = sample_roadmap(language, final=True, hostile=False)
    counts = Participation(participants=28, countries=8, organisations=4, institutions=19,
                           by_kind=(("government", 18), ("observer", 6), ("other", 1)),
                           delegations=(("government", 8, 18), ("observer", 4, 6), ("other", 0, 1)), staff=3)
    full = text(build_roadmap(replace(data, participation=counts)))
    other = load_labels(language)("participant_kind.other")
    assert f"{other} – 1" in full
    assert f"{other} 0 1" not in full


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_support_table_headers_are_whole_words(language):
    from reports.model import Constituency

    data = sample_roadmap(language, final=True, hostile=False)
    backed = Constituency(by_kind=(("government", 5, 0, 3), ("observer", 2, 1, 1)), countries=5, broad=True,
                          contested=False)
    items: list[Item] = [replace(i, constituency=backed) if i.kind == "recommendation" else i for i in data.items]
    full = text(build_roadmap(replace(data, items=tuple(items))))
    L = load_labels(language)
    section = full[full.rindex(L("constituency.title")):]
    head = " ".join((L("constituency.recommendation"),
                     *(f'{L(f"participant_kind.{k}")} {L("constituency.cell_format")}'
                       for k in ("government", "observer", "civil_society")),  # the summary's order
                     L("constituency.countries"), L("constituency.flags")))
    assert head in section  # each header on its own lines, none cut inside a word
