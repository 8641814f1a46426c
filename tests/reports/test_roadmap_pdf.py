"""The roadmap PDF read back as text: what a secretariat member would check before publishing it."""

from __future__ import annotations

import html
import re
import tomllib
from dataclasses import replace
from pathlib import Path

import pytest
import reportlab
from pdftext import flat, outline, pages, reader, text
from reportlab.pdfbase.ttfonts import TTFont
from sample import ADOPTED_AT, EMOJI, GENERATED_AT, HOSTILE, TIMEZONE, sample_roadmap

from reports import fonts
from reports.labels import load_labels, time_zone
from reports.model import Participation, RoadmapData
from reports.roadmap import build_roadmap
from reports.text import TextCleaner, arrow, para

CONTENT = Path(__file__).resolve().parents[2] / "content"
LANGUAGES = ("es", "en")


@pytest.fixture(scope="module")
def built() -> dict[tuple[str, bool], bytes]:
    """Each variant once: building is the slow part of these tests."""
    return {(lang, final): build_roadmap(sample_roadmap(lang, final=final))
            for lang in LANGUAGES for final in (False, True)}


@pytest.fixture(scope="module")
def draft_es(built) -> str:
    """The Spanish draft after its cover and contents pages (so a title is found where its section is)."""
    return " ".join(pages(built["es", False])[2:])


def _body_and_annex(full: str, language: str) -> tuple[str, str]:
    """Split at the register of all contributions (Annex B): body items vs. the annex listing."""
    marker = load_labels(language)("sections.annex_items")
    start = full.rindex(marker)
    return full[:start], full[start:]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_section_of_the_roadmap_is_there_in_both_languages(built, language):
    L = load_labels(language)
    full = text(built[language, True])
    keys = ("summary", "participation", "items_by_type", "map", "top_recommendations", "context",
            "objectives", "method", "framework", "concepts", "frameworks", "mapping", "vulnerable", "under_way",
            "by_country", "by_organisation", "recommendations", "conclusions", "next_steps", "sources", "acronyms",
            "annex_participants", "annex_items")
    found = [full.index(L(f"sections.{key}"), full.index(L("sections.summary"), 200)) for key in keys]
    assert found == sorted(found), "sections out of order"
    for concept in ("Recepción", "Reintegración sostenible", "Enfoque integrado", "objetivo 21", "meta 17.17"):
        assert concept in full
    assert "Puebla, México" in full
    assert {"es": "7–8 de septiembre de 2022", "en": "7–8 September 2022"}[language] in full


def test_items_keep_the_language_they_were_written_in(built):
    spanish_doc = text(built["es", True])
    assert "Stigma against deported people in their home towns." in spanish_doc
    assert "Crear un sistema regional de certificación" in text(built["en", True])


def test_recommendations_show_what_they_build_on_with_merged_links_followed(draft_es):
    # Each linked item by its reference and the start of its text, cut at a word (and the page of its entry,
    # left out here: see test_roadmap_table).
    unpaged = re.sub(r" \(pág\. \d+\)", "", draft_es)
    assert ("Reto que atiende: R-1 «Falta de certificación de las habilidades adquiridas en el exterior.» "
            "Buenas prácticas en que se basa: BP-20 «Guate te incluye»; "
            "BP-21 «Formación para la empleabilidad de mujeres migrantes»") in unpaged
    # C-11 was merged into C-2; C-12 was rejected and is not shown.
    assert ("Reto que atiende: R-2 «Las personas retornadas llegan con traumas del viaje…» "
            "Buena práctica en que se basa: BP-22 «Theatre for mental health»") in unpaged
    # Annex B quotes a merged item's text in its register; the body links it nowhere.
    body = draft_es[:draft_es.rindex("Anexo B. Todos los aportes")]
    assert "R-11 «" not in body and "R-12 «" not in body
    assert f"Rec-40 {arrow()}" not in draft_es and "se basa: Rec-" not in draft_es  # no repeat of its own ref
    assert "adoptada con enmiendas (motivo: se agregó la perspectiva de género)" in draft_es
    assert "descartada (motivo: Already covered by R-43)" in draft_es
    assert "Actores responsables: Autoridades nacionales; Sector privado" in draft_es
    assert "Puesto: 1 de las 6 votadas (14 votos)" in draft_es  # six got votes
    assert "Plenaria: 9 apoyos, 1 objeción, 3 comentarios" in draft_es  # one objection, not "1 objeciones"


def test_recommendations_are_listed_by_level_highest_priority_first(draft_es):
    section = draft_es[draft_es.index("Recomendaciones por nivel Individual"):]
    assert section.index("Rec-40") < section.index("Rec-41") < section.index("Rec-48")
    assert "Rec-48 " in section and "Puesto: sin votos" in section  # no votes: not ranked


def test_attribution_is_exactly_as_each_author_chose(built):
    for language, reto in (("es", "R"), ("en", "C")):
        L = load_labels(language)
        full = " ".join(text(built[language, True]).split())
        # merged authors credited too, one who chose no credit as one more sender, not a person called Anonymous
        credited = {"es": "Aportes de Ana Pérez (Guatemala), Honduras y una persona no nombrada.",
                    "en": "Sent by Ana Pérez (Guatemala), Honduras and a participant not named."}[language]
        assert credited in full and "Anónimo." not in full and "Sent by Anonymous" not in full
        assert f"{reto}-4 Las comunidades de origen" in full
        body, _ = _body_and_annex(full, language)
        line = body[body.index(f"{reto}-3 Returnees displaced"):][:250]
        anonymous = L("fields.provenance_anonymous")
        assert f"{anonymous[:1].upper()}{anonymous[1:]}." in line and "Guatemala" not in line


def test_merged_and_rejected_items_are_not_in_the_body(built):
    full = text(built["es", False])
    assert "ZZQ" not in full and "QQZ" not in full  # rejected: nowhere
    body, annex = _body_and_annex(full, "es")
    assert "(duplicado)" not in body and "Registro único de retornados." not in body
    assert "R-11" in annex and "; fusionado en R-2." in annex and "(duplicado)" in annex
    assert "Rec-45" in annex and "; fusionada en Rec-44." in annex  # agreeing with "recomendación"
    assert "BP-25" in annex and "; fusionada en BP-20." in annex
    # The survivor says which items it brings together, so whoever sent one finds it.
    assert "reúne R-11 (anexo B)" in body and "reúne BP-25 (anexo B)" in body and "reúne Rec-45 (anexo B)" in body
    assert "La moderación rechazó 2 aportes, que no se publican ni figuran aquí." in annex


def test_draft_is_marked_on_every_page_and_final_is_not(built):
    generated = {"es": "8 de septiembre de 2022, 13:30 (hora de Ciudad de México)",
                 "en": "8 September 2022, 13:30 (Mexico City time)"}  # local time, in words
    adopted = {"es": "Adoptada en la lectura conjunta del 8 de septiembre de 2022",
               "en": "Adopted at the joint reading on 8 September 2022"}
    for language, word in (("es", "BORRADOR"), ("en", "DRAFT")):
        L = load_labels(language)
        assert L.moment(GENERATED_AT, time_zone(TIMEZONE)) == generated[language]
        assert L("document.adopted", date=L.long_date(ADOPTED_AT.astimezone(time_zone(TIMEZONE)).date())) \
            == adopted[language]
        title = f"{L('document.roadmap')} · {sample_roadmap(language).workshop.title}"
        draft = pages(built[language, False])
        assert len(draft) > 5
        short = L.moment(GENERATED_AT, time_zone(TIMEZONE), "medium")  # the header's room is one line
        assert short == {"es": "8 sept 2022, 13:30 (hora de Ciudad de México)",
                         "en": "8 Sept 2022, 13:30 (Mexico City time)"}[language]
        notice = L("document.draft_notice", generated=short)
        assert all(notice in page and title in page[:200] for page in draft)  # the running header
        final = pages(built[language, True])
        assert not any(word in page for page in final)
        assert all(page.startswith(title) and adopted[language] in page for page in final)
        assert adopted[language] in final[0]  # the cover says when it was adopted
        for page in draft + final:
            assert not re.search(r"\d{4}-\d{2}-\d{2}|UTC", page), page[:200]  # no ISO stamps, no UTC


def test_pages_are_numbered_n_of_total(built):
    found = pages(built["en", True])
    for n in range(1, len(found) + 1):
        assert f"Page {n} of {len(found)}" in found[n - 1]


def test_hostile_text_is_shown_literally(draft_es):
    assert flat(HOSTILE) in draft_es
    for fragment in ("<b>bold?</b>", "<font size=40>big</font>", "<script>alert(1)</script>", "AT&T", "&amp;"):
        assert fragment in draft_es
    assert "segunda línea" in draft_es


def test_a_long_unbroken_word_wraps_and_nothing_is_lost(built):
    doc = reader(built["es", False])
    lines = [line for p in doc.pages for line in p.extract_text().splitlines()]
    broken = [line for line in lines if set(line.strip()) == {"x"}]
    assert len(broken) > 100, "the word must be broken over many lines"
    assert max(len(line) for line in broken) < 120
    whole = "".join(p.extract_text() for p in doc.pages)
    start = whole.index("Palabra larga:")
    between = re.sub(r"M[ée]xico", "", whole[start:whole.index("Dimensión", start)])  # page headers, footers
    assert between.count("x") == 10_000


def test_characters_no_font_draws_become_a_visible_placeholder(draft_es):
    # Runs a fallback font covers (CJK, emoji with Symbola) print as typed; anything else becomes one "�".
    expected = html.unescape(re.sub(r"<[^>]+>", "", para(EMOJI)))
    assert expected in draft_es


def test_metadata(built):
    info = reader(built["es", False]).metadata
    assert info.title == "Hoja de ruta: Taller sobre Reintegración Sostenible (BORRADOR)"
    assert info.author.startswith("Conferencia Regional sobre Migración (CRM)")
    assert info.subject == load_labels("es")("document.subject")
    assert reader(built["en", True]).metadata.title == "Roadmap: Workshop on Sustainable Reintegration"
    assert reader(built["en", True]).trailer["/Root"]["/Lang"] == "en"


def test_outline_and_contents_point_to_the_right_pages(built):
    pdf = built["es", True]
    entries = outline(pdf)
    titles = [title for _, title, _ in entries]
    record = "La plenaria y la lectura conjunta, recomendación por recomendación"
    for title in ("Resumen", record, "Anexos", "Anexo B. Todos los aportes"):
        assert title in titles
    assert (1, "Estructural", entries[titles.index("Estructural")][2]) in entries  # nested under its section
    found = pages(pdf)
    contents = found[1]
    for depth, title, page in entries:
        if depth == 0:
            assert title in found[page]
            assert re.search(re.escape(title) + rf" \.* ?{page + 1}\b", contents), title


def test_good_practices_are_grouped_by_where_they_run_and_who_runs_them(built):
    for language in LANGUAGES:
        L = load_labels(language)
        full = text(built[language, False])
        start = full.rindex(L("sections.under_way"))
        section = full[start:full.index(L("sections.recommendations_draft"), start)]
        by_org = section.index(L("sections.by_organisation"))
        bp = {"es": "BP", "en": "G"}[language]
        salvador, ilo = section.index("El Salvador •"), section.index({"es": "OIT •", "en": "ILO •"}[language])
        # Where it runs (its "where" or "run by"), not who presented it: G-21 names San Salvador and the ILO.
        assert salvador < by_org < ilo
        assert section[salvador:].startswith(f"El Salvador • {bp}-21 Formación para la empleabilidad")
        assert section[ilo:].split("•")[1].strip().startswith(f"{bp}-21 Formación")
        # The merged copy is one entry with the survivor; an anonymous author's practice run in Guatemala is
        # under Guatemala; one whose fields name no place is with the delegation that presented it (Honduras).
        guatemala = section[section.index("Guatemala •"):by_org]
        gathers = L("fields.gathers", refs=f"{bp}-25")
        assert f"{bp}-20 ({gathers}) Guate te incluye" in guatemala and f"{bp}-24 Centros Quédate" in guatemala
        honduras = section[section.index("Honduras •"):by_org]
        assert f"{bp}-22 Theatre for mental health" in honduras and f"{bp}-23 Ventanillas" in honduras
        assert L("fields.other_origin") not in section


def test_summary_counts_and_the_level_dimension_map(built):
    L = {language: load_labels(language) for language in LANGUAGES}
    for language in LANGUAGES:
        full = text(built[language, False])
        summary = full[full.index({"es": "Resumen Quiénes participaron", "en": "Summary Who took part"}[language]):]
        # Delegations and people apart; the moderators and the secretariat on their own line, not as observers.
        assert {"es": "Delegaciones u organizaciones Personas Delegaciones de los Estados miembros 8 18 "
                      "Organismos observadores e invitados 4 6 Total 12 24 Moderación y secretaría del taller – 3 "
                      + L["es"]("summary.participation_note")
                      + " Las personas participantes venían de 19 instituciones.",
                "en": "Delegations or organisations People Delegations of member countries 8 18 "
                      "Observer and invited organisations 4 6 Total 12 24 Moderators and the workshop secretariat – 3 "
                      + L["en"]("summary.participation_note")
                      + " The participants came from 19 institutions."}[language] \
            in summary
        # Sent, rejected, merged, in the roadmap.
        assert {"es": "Enviados 15 6 9 − Rechazados 1 0 1 − Fusionados 1 1 1 = En la hoja de ruta 13 5 7",
                "en": "Sent 15 6 9 − Rejected 1 0 1 − Merged 1 1 1 = In the roadmap 13 5 7"}[language] in summary
        assert {"es": "Individual R 1 · BP 2 · Rec 1", "en": "Individual C 1 · G 2 · Rec 1"}[language] in summary


def test_a_roadmap_builds_without_briefing_items_or_participants():
    empty = replace(sample_roadmap("en"), items=(), participants=(), briefing={},
                    participation=Participation(0, 0, 0, 0))
    full = text(build_roadmap(empty))
    assert "No recommendations yet." in full and "Summary" in full


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_real_briefing_renders(language):
    path = CONTENT / language / "briefings" / "reintegration.toml"
    if not path.is_file():
        pytest.skip("the briefing is not written yet")
    briefing = tomllib.loads(path.read_text(encoding="utf-8"))
    data: RoadmapData = replace(sample_roadmap(language, hostile=False), briefing=briefing)
    full = text(build_roadmap(data))
    first_concept = next(iter(briefing["concepts"].values()))["term"]
    assert flat(first_concept) in full


def test_text_cleaner_without_the_replacement_glyph_uses_a_question_mark():
    ascii_only = TextCleaner(frozenset(range(32, 127)))
    assert ascii_only.clean("año 🙂\x00\r\nok") == "a?o ?\nok"


def test_para_escapes_markup_and_keeps_line_breaks():
    assert para("<b>a&b</b>\nc") == "&lt;b&gt;a&amp;b&lt;/b&gt;<br/>c"


def test_hostile_names_of_levels_and_long_credits_survive_contents_outline_and_registers():
    data = sample_roadmap("en", hostile=False)
    levels = (replace(data.workshop.levels[0], name="Individual & <familia>"), *data.workshop.levels[1:])
    long_credit = "y" * 290  # wider than three lines of the register, and unbroken
    items = tuple(replace(i, credit=long_credit) if i.id == 3 else i for i in data.items)
    pdf = build_roadmap(replace(data, workshop=replace(data.workshop, levels=levels), items=items))
    found = pages(pdf)
    assert "Individual & <familia>" in found[1]  # the contents page
    assert "Individual & <familia>" in [title for _, title, _ in outline(pdf)]
    annex = "".join(p.extract_text() for p in reader(pdf).pages[-2:])
    register_line = annex[annex.index("C-3"):annex.index("C-4")]
    assert re.sub(r"\bby\s", "", register_line).count("y") == 290 and len(register_line.splitlines()) >= 3


def test_font_falls_back_to_vera_shipped_with_reportlab(monkeypatch):
    monkeypatch.delenv("REPORT_FONT_DIR", raising=False)
    monkeypatch.setattr(fonts, "DEJAVU_DIRS", ())
    source, files = fonts._find_files()
    assert source == "Bitstream Vera" and all(f is not None and f.is_file() for f in files)


def test_dejavu_without_the_extra_package_has_no_oblique_faces(monkeypatch, tmp_path):
    dejavu = next((Path(d) for d in fonts.DEJAVU_DIRS if (Path(d) / "DejaVuSans.ttf").is_file()), None)
    if dejavu is None:
        pytest.skip("DejaVu is not installed here")
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):  # what fonts-dejavu-core ships
        (tmp_path / name).symlink_to(dejavu / name)
    monkeypatch.setenv("REPORT_FONT_DIR", str(tmp_path))
    source, (regular, bold, italic, bold_italic) = fonts._find_files()
    assert bold is not None and bold.parent == tmp_path
    assert source == "DejaVu Sans" and regular.parent == tmp_path and italic is None and bold_italic is None


def test_a_field_past_the_limit_is_shortened_with_a_visible_note():
    data = sample_roadmap("en", hostile=False)
    huge = ("word " * 5000) + "THE-END"
    items = tuple(replace(i, description=huge) if i.id == 1 else i for i in data.items)
    full = text(build_roadmap(replace(data, items=items)))
    assert "[… text shortened in this document; the full text is in the data export]" in full
    assert "THE-END" not in full


def _leaves(node):
    if isinstance(node, dict):
        for value in node.values():
            yield from _leaves(value)
    elif isinstance(node, list):
        for value in node:
            yield from _leaves(value)
    else:
        yield node


@pytest.mark.parametrize("language", LANGUAGES)
def test_report_labels_are_plain_text_every_report_font_can_draw(language):
    """Labels go into paragraph markup unescaped and are drawn in DejaVu or, failing it, Vera: a translator's
    "&" would be mangled and a "→" would print blank with Vera."""
    vera_dir = Path(reportlab.__file__).parent / "fonts"
    files = [f for f in fonts._find_files()[1] if f is not None] + [vera_dir / name for name in fonts.VERA]
    covered = frozenset.intersection(*(frozenset(TTFont(f"check{n}", str(f)).face.charToGlyph)
                                       for n, f in enumerate(files)))
    table = tomllib.loads((CONTENT / language / "report.toml").read_text(encoding="utf-8"))
    for label in _leaves(table):
        assert not set(label) & set("<>&"), label
        assert all(ord(ch) in covered for ch in label), label
