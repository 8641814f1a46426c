"""The roadmap as a publication, read back from the PDF in both editions: near-duplicates shown once, the plenary's
words with each recommendation, a priority table that ranks only what got votes, the vulnerable groups drawn
together, acronyms, no word cut in half, right-to-left names in their place, no heading left at the foot of a
page and no page left nearly empty, a colour-blind-safe chart with its values, and only embedded fonts."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

import pytest
from pdftext import pages, reader, text
from pypdf import mult
from sample import T0, sample_roadmap

from reports.context import ReportContext
from reports.labels import load_labels
from reports.model import Comment, Feedback, Item
from reports.roadmap import build_roadmap
from reports.sections.front import SAFE_COLOURS, chart
from reports.text import get_display, para, shorten

LANGUAGES = ("es", "en")
REF = {"es": {"challenge": "R", "good_practice": "BP", "recommendation": "Rec"},
       "en": {"challenge": "C", "good_practice": "G", "recommendation": "Rec"}}


@pytest.fixture(scope="module")
def finals() -> dict[str, bytes]:
    return {language: build_roadmap(sample_roadmap(language, final=True, hostile=False)) for language in LANGUAGES}


def _section(full: str, language: str, start_key: str, end_key: str) -> str:
    L = load_labels(language)
    start = full.rindex(L(f"sections.{start_key}"))
    return full[start:full.index(L(f"sections.{end_key}"), start)]


def _with(data, *extra: Item, **changes) -> object:
    """`data` with some items changed (id -> dict of fields) and more items added."""
    items = tuple(replace(i, **changes[f"i{i.id}"]) if f"i{i.id}" in changes else i for i in data.items)
    return replace(data, items=(*items, *extra))


# -- point 1: what needs no editorial data ----------------------------------------------------------------

@pytest.mark.parametrize("language", LANGUAGES)
def test_the_same_text_sent_by_two_delegations_is_shown_once_with_both(language):
    data = sample_roadmap(language, hostile=False)
    twin = Item(id=16, kind="challenge", status="approved", language="es", created_at=T0, level_id="community",
                dimension_ids=("economic",), credit="Honduras", country_id="HN",
                description="Las comunidades de origen tienen  pocas oportunidades de empleo")  # spacing, no stop
    full = text(build_roadmap(_with(data, twin)))
    r = REF[language]["challenge"]
    mapping = _section(full, language, "mapping", "vulnerable")
    assert mapping.count("pocas oportunidades de empleo") == 1
    # one sentence: who sent it and what it brings together, said to be in Annex B
    said = {"es": f"Aportes de El Salvador y Honduras; reúne {r}-16 (anexo B).",
            "en": f"Sent by El Salvador and Honduras; merges {r}-16 (Annex B)."}[language]
    assert said in mapping
    annex = full[full.rindex(load_labels(language)("sections.annex_items")):]
    assert re.search(rf"• {r}-16\b", annex) and re.search(rf"• {r}-4\b", annex)  # every one


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_plenarys_comments_and_objections_are_shown_with_each_recommendation(finals, language):
    full = text(finals[language])
    section = _section(full, language, "recommendations", "conclusions")
    rec40 = section[section.index(f"{REF[language]['recommendation']}-40 "):]
    rec40 = rec40[:rec40.index(f"{REF[language]['recommendation']}-41 ")]
    plenary = {"es": "Plenaria: 9 apoyos, 1 objeción, 3 comentarios",
               "en": "Plenary: 9 in support, 1 objection, 3 comments"}[language]
    assert plenary in rec40
    original = {"es": "original en inglés", "en": "original in English"}[language]
    spanish = "" if language == "es" else " (original in Spanish)"  # marked on the words, before the credit
    assert f"• Muy necesaria para la región.{spanish} — Costa Rica" in rec40
    anonymous = {"es": "Anónimo", "en": "Anonymous"}[language]
    assert "• Add municipal budgets." + ("" if language == "en" else f" ({original})") + f" — {anonymous}" in rec40


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_priority_table_ranks_only_what_got_votes(language):
    L = load_labels(language)
    rec = REF[language]["recommendation"]
    data = sample_roadmap(language, final=True, hostile=False)
    tied = _with(data, i41={"votes": 0}, i43={"votes": 14})  # Rec-40 and Rec-43 tie, Rec-41 got none
    full = text(build_roadmap(tied))
    top = _section(full, language, "top_recommendations", "context")
    header = f"{L('summary.rank')} {L('roadmap.ref')} {L('kind.recommendation')} {L('fields.level')} " \
             f"{L('summary.votes')} " \
             f"{L('fields.outcome')}"
    assert header in top
    assert f"1 {rec}-40 Crear un sistema regional" in top and f"1 {rec}-43 Support local employment" in top
    assert f"{rec}-41" not in top  # no votes: not ranked, not in the table
    # said unranked in its row of the roadmap table, whose priority column its entry by level no longer repeats
    # (session 8: the entry says only what the table does not)
    table = full[full.rindex(L("roadmap.title")):full.rindex(L("sections.recommendations"))]
    row = table[table.index(f"{rec}-41 "):]
    row = " ".join(row[:re.search(rf"\b{rec}-\d", row[1:]).start() + 1].split())
    assert {"es": "sin votos", "en": "no votes"}[language] == L("fields.unranked") and L("fields.unranked") in row
    assert L("fields.rank_cell", rank=1, ranked=2) not in row
    nobody = text(build_roadmap(replace(data, items=tuple(replace(i, votes=0) for i in data.items))))
    assert L("summary.no_votes") in _section(nobody, language, "top_recommendations", "context")


@pytest.mark.parametrize("language", LANGUAGES)
def test_vulnerable_groups_are_drawn_together(finals, language):
    L = load_labels(language)
    r = REF[language]["challenge"]
    section = _section(text(finals[language]), language, "vulnerable", "under_way")
    challenges = L("kinds.challenge")  # under each group, its challenges first (then practices, actions)
    children = section.index(f"Niñez no acompañada o separada {challenges} •")
    women = section.index(f"Mujeres {challenges} •")
    assert children < women  # in the briefing's order
    gathers = L("fields.gathers", refs=f"{r}-11")  # the merged one too, said as what R-2 brings together
    assert f"• {r}-2 ({gathers}) Las personas retornadas llegan" in section[children:women]
    assert f"{r}-2, {r}-11" not in section
    assert f"• {r}-3 Returnees displaced on arrival" in section[children:women]
    assert f"• {r}-1 Falta de certificación" in section[women:]
    assert L("fields.vulnerable_unnamed", groups="Personas desplazadas al retornar") in section
    other = section[section.index(L("fields.vulnerable_other")):]
    assert f"{r}-2 Las personas retornadas" in other and "— Personas con necesidades de salud" in other
    data = sample_roadmap(language, hostile=False)
    unnamed = replace(data, items=tuple(replace(i, group_ids=(), groups_other="") for i in data.items))
    assert L("fields.vulnerable_none") in text(build_roadmap(unnamed))


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_acronyms_used_are_listed_with_their_meaning(finals, language):
    full = text(finals[language])
    start = full.rindex(load_labels(language)("sections.acronyms"))
    acronyms = full[start:full.index(load_labels(language)("sections.annexes"), start)]  # sources come before
    # The sample's organisations are named by their acronyms; the organisers spell out CRM.
    assert "CRM Conferencia Regional sobre Migración" in acronyms
    assert ("ODS Objetivos de Desarrollo Sostenible" in acronyms) == (language == "es")  # in the Spanish briefing
    assert "ONU" not in acronyms and "LGBTI" not in acronyms  # in the glossary, not in this document


# -- point 2: right words ---------------------------------------------------------------------------------

@pytest.mark.parametrize("language", LANGUAGES)
def test_one_edition_one_language_for_its_own_words(finals, language):
    """Our labels are in the edition's language: the other language's labels never appear."""
    full = text(finals[language])
    other = load_labels("en" if language == "es" else "es")
    own = load_labels(language)
    for key in ("fields.answers", "fields.links", "fields.actors", "fields.timeframe", "fields.outcome",
                "fields.plenary", "sections.vulnerable", "sections.acronyms", "summary.staff",
                "document.adopted"):
        foreign = other(key).split("{")[0].strip()
        if foreign != own(key).split("{")[0].strip():
            assert foreign not in full, key
    for code in ("· en ·", "· es ·", "· en\n"):
        assert code not in full


def test_plural_forms_follow_the_language():
    es, en = load_labels("es"), load_labels("en")
    assert [es.plural("fields.votes", n) for n in (0, 1, 2)] == ["0 votos", "1 voto", "2 votos"]
    assert es.plural("fields.objections", 1) == "1 objeción" and en.plural("fields.objections", 1) == "1 objection"
    assert en.plural("fields.comments", 1) == "1 comment" and en.plural("fields.comments", 21) == "21 comments"
    assert es.plural("fields.votes", 1_000_000) == "1000000 votos"  # CLDR "many": no table of its own here


# -- point 3: a publishable page --------------------------------------------------------------------------

def test_a_shortened_text_is_cut_at_a_word():
    sentence = "Fortalecer la coordinación interinstitucional entre autoridades nacionales y locales"
    for limit in range(20, len(sentence)):
        cut = shorten(sentence, limit)
        assert cut.endswith("…") and len(cut) <= limit + 1
        assert sentence.startswith(cut[:-1]) and sentence[len(cut) - 1] == " ", cut


@pytest.mark.parametrize("language", LANGUAGES)
def test_long_recommendations_are_whole_in_the_roadmap_table_and_quoted_by_their_start_elsewhere(language):
    """Session 8: printed whole once, in the roadmap table; the priority table and the entry by level quote its
    start, cut at a word and marked "…", the entry with the page where it is whole."""
    L = load_labels(language)
    rec = REF[language]["recommendation"]
    words = " ".join(f"acción{n}" for n in range(120))  # about 1,000 characters
    data = _with(sample_roadmap(language, final=True, hostile=False), i40={"action": words + " FIN."})
    full = text(build_roadmap(data))
    table = full[full.rindex(L("roadmap.title")):full.rindex(L("sections.recommendations"))]
    assert words + " FIN." in " ".join(table.split())
    assert " ".join(full.split()).count(words) == 1  # nowhere else in full
    for start, end in (("top_recommendations", "context"), ("recommendations", "conclusions")):
        section = " ".join(_section(full, language, start, end).split())
        quote = re.search(rf"{rec}-40 ((?:acción\d+ )*acción\d+)…", section)
        assert quote and (words + " ").startswith(quote.group(1) + " "), start  # its start, cut at a word
        assert "FIN." not in section, start
    entry = " ".join(_section(full, language, "recommendations", "conclusions").split())
    assert re.search(rf"{rec}-40 [^…]*… {re.escape(L('roadmap.on_page', page=0)).replace('0', '[0-9]+')}", entry)
    conclusions = _section(full, language, "conclusions", "next_steps")
    assert REF[language]["recommendation"] + "-40" in conclusions and "acción0" not in conclusions  # once is enough


def test_a_right_to_left_name_keeps_its_place_inside_our_line():
    if get_display is None:
        pytest.skip("python-bidi is not installed")
    credit = "ليلى حداد (Alto Comisionado de las Naciones Unidas para los Refugiados (ACNUR))"
    shown = para(credit, inline=True)
    assert shown.endswith("(Alto Comisionado de las Naciones Unidas para los Refugiados (ACNUR))")
    assert ")Alto" not in shown and "(ACNUR(" not in shown  # not mirrored as a right-to-left paragraph
    data = _with(sample_roadmap("es", hostile=False), i1={"credit": credit})
    pdf = build_roadmap(data)
    found: list[tuple[float, str]] = []

    def visit(fragment, cm, tm, font, size):
        if fragment.strip():
            found.append((round(mult(tm, cm)[5], 1), fragment))

    page = next(p for p in reader(pdf).pages if "Alto Comisionado" in p.extract_text())
    page.extract_text(visitor_text=visit)
    # Runs are drawn left to right in the order they are set: the sentence's "Aporte de", the name, then the
    # parenthesis.
    label = next(n for n, (_, s) in enumerate(found) if s.endswith("Aporte de "))
    arabic = next(n for n, (_, s) in enumerate(found) if re.search("[\u0600-\u06ff\ufe70-\ufeff]", s))
    latin = next(n for n, (_, s) in enumerate(found) if s.startswith("Alto Comisionado"))
    assert label < arabic < latin and found[label][0] == found[arabic][0] == found[latin][0]


def _lines(pdf: bytes) -> list[list[tuple[float, float, str]]]:
    """Per page: (y, font size, text) of every fragment of the body (not the running header or footer)."""
    result = []
    for page in reader(pdf).pages:
        found: list[tuple[float, float, str]] = []

        def visit(fragment, cm, tm, font, size, found=found):
            if fragment.strip():
                m = mult(tm, cm)
                if 45 < m[5] < 790:
                    found.append((m[5], size, fragment.strip()))

        page.extract_text(visitor_text=visit)
        result.append(found)
    return result


def _busy(language: str):
    """A roadmap with enough items that headings fall everywhere on the page."""
    data = sample_roadmap(language, final=True, hostile=False)
    extra = []
    for n in range(60):
        extra.append(Item(id=100 + n, kind=("challenge", "good_practice")[n % 2], status="approved",
                          language=language, created_at=T0, level_id=("individual", "community", "structural")[n % 3],
                          dimension_ids=(("economic", "social", "psychosocial")[n % 3],), credit="Honduras",
                          description=f"Reto número {n} " + "con un texto de varias palabras " * (n % 7),
                          name=f"Práctica número {n}", where="Tegucigalpa, Honduras", run_by="Gobierno",
                          achieved="Resultados " * (n % 9)))
        extra.append(Item(id=300 + n, kind="recommendation", status="adopted", language=language, created_at=T0,
                          level_id=("individual", "community", "structural")[n % 3], dimension_ids=("social",),
                          table_id="ABC"[n % 3], action=f"Recomendación número {n} " + "texto " * (n % 11),
                          scope="national", timeframe="short", votes=n % 5, challenge_ids=(100 + n - n % 2,),
                          feedback=Feedback(n % 3, n % 2, (Comment("Un comentario.", None, "es", T0),) * (n % 2))))
    return replace(data, items=(*data.items, *extra))


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_heading_ends_a_page_and_no_page_is_left_nearly_empty(language):
    for data in (sample_roadmap(language, final=True, hostile=False), _busy(language)):
        pdf = build_roadmap(data)
        lines = _lines(pdf)
        for number, found in enumerate(lines, start=1):
            if not found or number == 1:  # the cover is a composition of its own
                continue
            lowest = min(y for y, _, _ in found)
            for y, size, fragment in found:
                if size >= 11:  # headings (17, 13, 11 pt); body text is at most 9.5 pt
                    assert any(other < y - 5 and s < 11 for other, s, _ in found), (number, fragment)
            # Every page but the cover, the contents and the last one is filled at least to its middle (a part
            # starts on a new page only when less than about a third of a page is left).
            if 3 <= number < len(lines) and number != 2:
                assert lowest < 842 / 2, (number, found[-1][2])


def test_the_chart_is_level_by_dimension_in_colour_blind_safe_colours_with_values():
    data = sample_roadmap("es", hostile=False)
    drawing = chart(ReportContext(data))
    bars = next(c for c in drawing.contents if hasattr(c, "data"))
    assert len(bars.data) == len(data.workshop.dimensions)  # a series per dimension...
    assert all(len(series) == len(data.workshop.levels) for series in bars.data)  # ...over the levels
    assert [bars.bars[n].fillColor for n in range(len(bars.data))] == list(SAFE_COLOURS[:len(bars.data)])
    assert bars.barLabelFormat == "%d"  # each bar says its value


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_font_is_embedded(finals, language):
    for page in reader(finals[language]).pages:
        fonts = page["/Resources"].get("/Font", {})
        for name, ref in fonts.items():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            assert descriptor is not None, (name, font.get("/BaseFont"))
            descriptor = descriptor.get_object()
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font.get("/BaseFont")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_cover_says_when_the_roadmap_was_adopted_and_each_page_what_it_is(finals, language):
    found = pages(finals[language])
    L = load_labels(language)
    adopted = L("document.adopted", date={"es": "8 de septiembre de 2022", "en": "8 September 2022"}[language])
    assert adopted in found[0]
    title = f"{L('document.roadmap')} · {sample_roadmap(language).workshop.title}"
    assert all(unicodedata.normalize("NFC", page).startswith(title) for page in found)
