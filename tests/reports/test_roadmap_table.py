"""The roadmap proper read back from the PDF: per level a table of the actions the joint reading adopted, with
its columns, and every quoted challenge or good practice pointing to the page its entry is on."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

import pytest
from pdftext import pages, text
from sample import _at, sample_roadmap

from reports import roadmap
from reports.labels import load_labels
from reports.model import Item
from reports.roadmap import build_roadmap
from reports.sections import actions, body, front

LANGUAGES = ("es", "en")
PARTS = {"es": ("R", "BP", "Rec", "«", "»", r"\(pág\. (\d+)\)"), "en": ("C", "G", "Rec", "“", "”", r"\(p\. (\d+)\)")}
# The responsible actors are a line under each action, not a column (see `actions.PREFERRED`).
COLUMNS = {"es": "Ref. Acción Dimensiones Alcance Plazo Puesto Lectura conjunta",
           "en": "Ref. Action Dimensions Scope Timeframe Rank Joint reading"}
LEVELS = {"es": ("Individual", "Comunitario", "Estructural"), "en": ("Individual", "Community", "Structural")}


@pytest.fixture(scope="module")
def built() -> dict[tuple[str, bool], bytes]:
    return {(lang, final): build_roadmap(sample_roadmap(lang, final=final)) for lang in LANGUAGES
            for final in (False, True)}


def large(language: str) -> tuple:
    """The sample with 90 more challenges (so the mapping runs over many pages) and 40 more adopted actions at
    the individual level, each answering challenges from all over the mapping (so its table runs onto a next
    page)."""
    data = sample_roadmap(language, final=True)
    levels = ("individual", "community", "structural")
    extra: list[Item] = []
    for n in range(90):
        extra.append(Item(id=100 + n, kind="challenge", status="approved", language=language, created_at=_at(400 + n),
                          level_id=levels[n % 3], dimension_ids=(("economic", "social", "psychosocial")[n // 30],),
                          credit="Honduras", description=f"Reto número {n} de prueba: " + "la comunidad necesita "
                          "empleo, vivienda, salud mental y escuela para quienes regresan. " * 3))
    for n in range(40):
        extra.append(Item(id=300 + n, kind="recommendation", status="adopted", language=language,
                          created_at=_at(600 + n), level_id="individual", dimension_ids=("social",), table_id="A",
                          credit="Guatemala", action=f"Acción adoptada número {n}: " + "coordinar a las "
                          "instituciones nacionales y locales para la atención de las personas retornadas. " * 2,
                          scope="national", actor_ids=("local_governments",), timeframe="long",
                          challenge_ids=(100 + n, 100 + (n * 7) % 90), votes=0))
    return replace(data, items=(*data.items, *extra))


@cache
def large_pdf(language: str) -> bytes:
    return build_roadmap(large(language))


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_roadmap_part_has_a_table_per_level_of_the_adopted_actions(built, language):
    L = load_labels(language)
    _, _, rec, *_ = PARTS[language]
    found = pages(built[language, True])
    title = L("roadmap.title")
    assert L("document.contents") in found[1] and title in found[1]  # listed in the contents
    body_text = " ".join(found[2:])
    start = body_text.index(title)
    note = L("roadmap.note", section=L("sections.recommendations"))  # which names the detailed entries' section
    detail = body_text.index(L("sections.recommendations"), start + len(title) + len(note))  # the detailed entries
    assert body_text.index(L("sections.by_organisation")) < start < detail < body_text.index(L("sections.conclusions"))
    part = body_text[start:detail]
    individual, community, structural = LEVELS[language]
    assert part.count(COLUMNS[language]) == 2  # a table for each level that adopted actions
    tables = {level: part[part.index(f"{level} {COLUMNS[language]}"):] for level in (individual, community)}
    assert tables[individual].index(f"{rec}-40 ") < tables[individual].index(f"{rec}-41 ")  # most votes first
    assert f"{rec}-43 " in tables[community] and f"{rec}-43 " not in tables[individual][:tables[individual].index(
        community)]
    assert f"{structural} {L('roadmap.none')}" in part  # no adopted action there: said, not an empty table
    for absent in (42, 44, 47, 48):  # set aside, and not decided in the reading: not in the roadmap proper
        assert f"{rec}-{absent} " not in part
    row = tables[individual][:tables[individual].index(f"{rec}-41 ")]
    for cell in ({"es": "Económica", "en": "Economic"}[language], L("scope.regional"), L("timeframe.medium"),
                 L("fields.rank_cell", rank=1, ranked=3), L.plural("fields.votes", 14),
                 L("status.recommendation.adopted")):
        assert cell in row, cell
    assert L("fields.rank", rank=1, ranked=3) not in row  # "puesto 1 de 3" wrapped in the narrow column
    assert "Crear un sistema regional de certificación de competencias adquiridas en el exterior." in row
    assert f"{L('fields.actors')}: Autoridades nacionales; Sector privado" in row  # under the action
    amended = tables[individual][tables[individual].index(f"{rec}-41 "):]
    assert L("status.recommendation.adopted_amended") in amended[:600]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_draft_shows_the_actions_proposed_so_far_with_their_status(built, language):
    L = load_labels(language)
    _, _, rec, *_ = PARTS[language]
    full = " ".join(pages(built[language, False])[2:])
    assert L("roadmap.title") not in full
    part = full[full.index(L("roadmap.title_draft")):]
    part = part[:part.index(L("sections.recommendations_draft"), 500)]
    assert COLUMNS[language].replace(L("fields.outcome"), L("fields.status")) in part
    assert f"{rec}-44 " in part and L("status.recommendation.approved") in part  # not read yet: its status
    assert f"{rec}-48 " in part and L("fields.unranked") in part  # no dots: not ranked


def test_each_edition_labels_its_table_in_its_own_language(built):
    spanish, english = text(built["es", True]), text(built["en", True])
    assert COLUMNS["en"] not in spanish and "Responsible actors" not in spanish
    assert COLUMNS["es"] not in english and "Lectura conjunta" not in english


def _quotes(pdf: bytes, language: str) -> list[tuple[int, str, str, int]]:
    """(page where quoted, reference, quoted title, page it says) for every quote with a page."""
    challenge, practice, _, left, right, page = PARTS[language]
    pattern = re.compile(rf"\b((?:{challenge}|{practice})-\d+) {left}([^{right}]+){right} {page}")
    return [(n, m.group(1), m.group(2), int(m.group(3)))
            for n, content in enumerate(pages(pdf), start=1) for m in pattern.finditer(content)]


def _entry_page(found: list[str], ref: str, title: str) -> int:
    """The first page where the item's own entry (its reference, then its text) is: the mapping comes before
    any list that repeats it."""
    opening = f"{ref} {title.removesuffix('…').strip()}"
    return next(n for n, content in enumerate(found, start=1) if opening in content)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_quoted_item_points_to_the_page_its_entry_is_on(language):
    pdf = large_pdf(language)
    quotes = _quotes(pdf, language)
    found = pages(pdf)
    said = {(ref, page) for _, ref, _, page in quotes}
    assert len({ref for ref, _ in said}) > 60  # the sample's and the added challenges, quoted in table and entries
    assert len({page for _, page in said}) > 5  # from many pages of the mapping
    for where, ref, title, page in quotes:
        assert _entry_page(found, ref, title) == page, (ref, where)
    # Both the table and the detailed entries quote them.
    L = load_labels(language)
    table_pages = {n for n, content in enumerate(found, start=1) if COLUMNS[language] in content}
    assert table_pages & {where for where, *_ in quotes}
    assert {where for where, *_ in quotes} - table_pages
    assert any(L.plural("fields.answers", n) in found[min(table_pages) - 1] for n in (1, 2))  # "Challenge(s) addressed"


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_long_table_runs_onto_the_next_pages_with_its_header_repeated(language):
    _, _, rec, *_ = PARTS[language]
    found = pages(large_pdf(language))
    header = COLUMNS[language]
    table_pages = [n for n, content in enumerate(found) if header in content]
    assert len(table_pages) >= 3  # the individual level's table spans pages (the community's is on the last)
    assert table_pages == list(range(table_pages[0], table_pages[-1] + 1))
    for n in table_pages[1:]:  # each page it runs onto starts with the header row, then the rows
        assert found[n].index(header) < found[n].index(f"{rec}-")
    table = " ".join(found[n] for n in table_pages)
    for n in range(40):  # every added action is there, its text whole (never cut)
        row = re.search(rf"\b{rec}-{300 + n} Acción adoptada número {n}: (coordinar [^.]+\.) (coordinar [^.]+\.)",
                        table)
        assert row and row.group(1) == row.group(2) == ("coordinar a las instituciones nacionales y locales para "
                                                        "la atención de las personas retornadas."), n


def test_a_quote_printed_before_its_entry_gets_its_page_from_a_second_build(monkeypatch):
    """Were the roadmap proper printed before the mapping, the pages would be known only after a build: the
    document is built again, and each quote still names the page its entry is on."""
    builds = []
    build = roadmap._build

    def counting(ctx):
        builds.append(ctx)
        return build(ctx)

    def early(ctx):
        return [*front.cover(ctx, "Hoja de ruta"), *actions.actions(ctx), *body.mapping(ctx),
                *body.recommendations(ctx)]

    monkeypatch.setattr(roadmap, "_build", counting)
    monkeypatch.setattr(roadmap, "sections", early)
    pdf = build_roadmap(large("es"))
    assert len(builds) >= 2
    found = pages(pdf)
    quotes = _quotes(pdf, "es")
    assert quotes and min(where for where, *_ in quotes) < min(page for *_, page in quotes)  # quoted before
    for where, ref, title, page in quotes:
        assert _entry_page(found, ref, title) == page, (ref, where)


def test_in_the_roadmap_order_one_build_is_enough(monkeypatch):
    builds = []
    build = roadmap._build
    monkeypatch.setattr(roadmap, "_build", lambda ctx: builds.append(ctx) or build(ctx))
    build_roadmap(large("en"))
    assert len(builds) == 1
