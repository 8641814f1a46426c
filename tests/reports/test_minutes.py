"""A working table's minutes: its members' countries (never their names), its items, its recommendations and
what the plenary said."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from pdftext import outline, pages, reader, text
from reportlab.platypus import KeepTogether, Paragraph, Spacer
from sample import HOSTILE, sample_roadmap

from reports.document import FRAME_HEIGHT, Heading, PageDecor
from reports.document import render as render_pdf
from reports.labels import load_labels
from reports.minutes import build_minutes
from reports.model import Comment, Feedback, Session, Synthesis, Version, Wording
from reports.roadmap import build_roadmap
from reports.styles import report_styles


@pytest.fixture(scope="module")
def minutes_a() -> str:
    return text(build_minutes(sample_roadmap("es"), "A"))


def test_minutes_list_the_members_countries_and_organisations_not_their_names(minutes_a):
    data = sample_roadmap("es")
    members = [p for p in data.participants if p.table_id == "A"]
    countries = {c.id: c.name for c in data.workshop.countries}
    for person in members:
        if person.country_id:
            assert countries[person.country_id] in minutes_a
        if person.name:
            assert person.name not in minutes_a
    assert f"{len(members)} participantes" in minutes_a


def test_minutes_show_the_tables_items_and_consolidated_recommendations(minutes_a):
    assert "Acta · Grupo A" in minutes_a
    assert "Relatoría Ana Pérez (Guatemala)" in minutes_a
    assert "Rec-40 Crear un sistema regional de certificación" in minutes_a
    assert "Reto que atiende: R-1 «Falta de certificación" in minutes_a
    assert "Buenas prácticas en que se basa: BP-20 «Guate te incluye»; BP-21" in minutes_a
    assert "Rec-41" in minutes_a
    assert "Rec-44" not in minutes_a and "Rec-45" not in minutes_a  # table C's


def test_minutes_show_plenary_feedback_with_credits_as_chosen(minutes_a):
    assert "Muy necesaria para la región." in minutes_a
    assert "Add municipal budgets. (original en inglés) — Anónimo" in minutes_a
    assert ("Rec-40 «Crear un sistema regional de certificación de competencias adquiridas…» Puesto: 1 de las 6 "
            "votadas (14 votos) · Plenaria: 9 apoyos, 1 objeción, 3 comentarios") in minutes_a
    assert HOSTILE in minutes_a
    assert "<script>alert(1)</script>" in minutes_a


def test_minutes_of_another_table_point_merged_items_to_their_survivor():
    minutes_c = text(build_minutes(sample_roadmap("en"), "C"))
    assert "Minutes · Group C" in minutes_c
    assert "Rec-45" in minutes_c and "Merged into Rec-44." in minutes_c
    assert "QQZ" not in minutes_c
    assert "The moderators rejected one contribution, which is not published and not listed here." in minutes_c
    assert "Rapporteur Honduras" in minutes_c


def test_minutes_are_marked_as_draft_and_have_an_outline():
    pdf = build_minutes(sample_roadmap("en"), "B")
    assert all("DRAFT" in page for page in pages(pdf))
    assert [title for _, title, _ in outline(pdf)] == [
        "Working session", "Members", "Synthesis of the table", "Contributions of the table",
        "Recommendations of the table", "Feedback received in plenary", "Outcomes of the joint reading"]
    assert reader(pdf).metadata.title == "Minutes · Group B: Workshop on Sustainable Reintegration (DRAFT)"
    final = build_minutes(sample_roadmap("en", final=True), "B")
    assert not any("DRAFT" in page for page in pages(final))
    # the roadmap was adopted at the joint reading; a table's minutes were not, and do not say so on every page
    assert not any("Adopted at the joint reading" in page for page in pages(final))
    roadmap = build_roadmap(sample_roadmap("en", final=True))
    assert all("Adopted at the joint reading" in page for page in pages(roadmap))


def test_unknown_table_is_a_key_error():
    with pytest.raises(KeyError):
        build_minutes(sample_roadmap("es"), "Z")


def _at(hour: int, minute: int) -> datetime:
    return datetime(2022, 9, 8, hour, minute, tzinfo=UTC)


def _table_a(language: str, final: bool = False):
    """Table A as the mapper gives it: its sessions, its synthesis, a challenge sent at the table, a comment on
    a second recommendation and an amendment in the joint reading."""
    data = sample_roadmap(language, final=final)
    sessions = (
        Session("A", "tables", "tables", "Mesas de trabajo (día 2)", _at(15, 30), _at(17, 30), _at(15, 34),
                _at(17, 41)),
        Session("A", "plenary", "plenary", "Plenaria", _at(19, 30), _at(21, 0)),
        Session("B", "tables", "tables", "Mesas de trabajo (día 2)", _at(15, 30), _at(17, 30), _at(14, 2),
                _at(14, 3)),
    )
    synthesis = Synthesis("A", "individual", parts=(
        ("actions", Wording("Certificar competencias y atender el trauma desde la llegada.", language)),
        ("challenges", Wording("Las personas retornadas no ven reconocidas sus habilidades.", language)),
        ("opportunities", Wording("Programs already run in Guatemala.", "en", "missing")),
    ), approved=False)
    items = []
    for item in data.items:
        if item.id == 1:
            item = replace(item, table_id="A")
        if item.id == 41:
            item = replace(item, feedback=Feedback(support=5, object=2, comments=(
                Comment("Incluir a la niñez no acompañada.", "Luis Gómez (México)", "es", _at(21, 5)),)),
                versions=(Version("Atención psicosocial en los centros de recepción.", _at(22, 30)),))
        items.append(item)
    return replace(data, items=tuple(items), sessions=sessions, syntheses=(synthesis,))


def test_minutes_give_the_session_times_in_the_workshops_time_zone_and_who_ran_it():
    minutes = text(build_minutes(_table_a("es"), "A"))
    assert "Moderación SE-CRM" in minutes and "Relatoría Ana Pérez (Guatemala)" in minutes
    # 15:34-17:41 UTC is 10:34-12:41 in Puebla (summer time, UTC-5): when the table actually opened and closed.
    assert "Mesas de trabajo (día 2): 8 de septiembre de 2022, 10:34–12:41" in minutes
    assert "Plenaria: 8 de septiembre de 2022, 14:30–16:00, según el programa" in minutes
    assert minutes[minutes.index("Horario"):minutes.index("Integrantes")].count("hora de Ciudad de México") == 1
    assert "09:02" not in minutes  # table B's own session is not table A's
    english = text(build_minutes(_table_a("en"), "A"))
    assert "Moderator SE-CRM" in english  # one person: singular
    assert "Moderators" not in english.split("Rapporteur")[0]
    assert True and "Rapporteur Ana Pérez (Guatemala)" in english
    assert "8 September 2022, 10:34–12:41" in english
    assert "Rapporteur not stated" in text(build_minutes(sample_roadmap("en"), "B"))


def test_minutes_print_the_tables_synthesis_part_by_part_marked_as_a_draft():
    minutes = text(build_minutes(_table_a("es"), "A"))
    challenges = minutes.index("Principales retos Las personas retornadas no ven reconocidas sus habilidades.")
    opportunities = minutes.index("Oportunidades Programs already run in Guatemala. (original en inglés)")
    actions = minutes.index("Acciones propuestas Certificar competencias y atender el trauma desde la llegada.")
    assert challenges < opportunities < actions
    assert "Borrador de la relatoría, todavía no aprobado por la moderación." in minutes
    approved = replace(_table_a("es"), syntheses=(replace(_table_a("es").syntheses[0], approved=True),))
    assert "todavía no aprobado" not in text(build_minutes(approved, "A"))
    assert "La relatoría no redactó una síntesis de la mesa." in text(build_minutes(_table_a("es"), "C"))


def test_minutes_carry_the_items_texts_not_only_their_facts():
    minutes = text(build_minutes(_table_a("es"), "A"))
    assert "R-1 Falta de certificación de las habilidades adquiridas en el exterior." in minutes
    assert "Rec-40 Crear un sistema regional de certificación de competencias adquiridas en el exterior." in minutes
    minutes_c = text(build_minutes(sample_roadmap("es"), "C"))
    assert "Rec-45 Registro único de retornados. Fusionada en Rec-44." in minutes_c  # merged: its text and its fate


def test_minutes_give_all_the_plenarys_feedback_on_every_recommendation_with_each_credit():
    minutes = text(build_minutes(_table_a("es"), "A"))
    feedback = minutes[minutes.index("Retroalimentación recibida en plenaria"):]
    assert ("Rec-40 «Crear un sistema regional de certificación de competencias adquiridas…» Puesto: 1 de las 6 "
            "votadas (14 votos) · Plenaria: 9 apoyos, 1 objeción, 3 comentarios") in feedback
    assert ("Rec-41 «Garantizar atención psicosocial inmediata en los centros de recepción.» Puesto: 2 de las 6 "
            "votadas (11 votos) · Plenaria: 5 apoyos, 2 objeciones, 1 comentario") in feedback
    assert "Incluir a la niñez no acompañada. — Luis Gómez (México)" in feedback
    for comment in ("Muy necesaria para la región. — Costa Rica",
                    "Add municipal budgets. (original en inglés) — Anónimo", f"{HOSTILE} — Panamá"):
        assert comment in feedback
    assert "Puesto: sin votos Sin apoyos, objeciones ni comentarios. Resultados" in feedback  # Rec-48's: no zeros


def test_minutes_end_with_the_joint_readings_outcomes():
    minutes = text(build_minutes(_table_a("es", final=True), "A"))
    reading = minutes[minutes.index("Resultados de la lectura conjunta"):]
    assert "Rec-40 «Crear un sistema regional de certificación de competencias adquiridas…» · adoptada" in reading
    assert ("Rec-41 «Garantizar atención psicosocial inmediata en los centros de recepción.» · adoptada con "
            "enmiendas (motivo: se agregó la perspectiva de género)") in reading
    assert ("Texto adoptado: Garantizar atención psicosocial inmediata en los centros de recepción. "
            "Texto presentado: «Atención psicosocial en los centros de recepción.»") in reading
    assert "Rec-48" in reading and "no decidida en la lectura conjunta" in reading
    draft_c = text(build_minutes(sample_roadmap("en"), "C"))
    assert "The joint reading has not yet decided on the table's recommendations." in draft_c


@pytest.mark.parametrize("language", ("es", "en"))
def test_a_rank_two_recommendations_share_is_marked_as_a_tie_wherever_it_is_given(language):
    """Rec-41 given as many votes as Rec-40: both are rank 1, and the minutes, the detailed entries and the
    roadmap table say it is shared ("puesto 1" twice, unmarked, read as a typo); Rec-43, alone at its rank,
    is not marked."""
    L = load_labels(language)
    base = sample_roadmap(language)
    data = replace(base, items=tuple(replace(i, votes=14) if i.id == 41 else i for i in base.items))
    tied = L.plural("fields.votes", 14) + L("fields.tied")
    alone = L.plural("fields.votes", 9)
    minutes = text(build_minutes(data, "A"))
    feedback = minutes[minutes.rindex(L("sections.plenary_feedback")):]
    assert feedback.count(f"({tied})") == 2, feedback
    roadmap = text(build_roadmap(data))
    assert roadmap.count(f"({tied})") >= 4  # each of the two in the roadmap table and in its detailed entry
    assert f"({alone})" in roadmap and f"({alone}{L('fields.tied')})" not in roadmap
    assert L("fields.tied") not in text(build_minutes(base, "A")) + text(build_roadmap(base))


def test_a_heading_is_never_left_alone_at_a_pages_foot_over_a_block_kept_together():
    """A heading over a block kept on one page (a recommendation's plenary feedback) that does not fit in the
    room left moves to the next page with it: the block's "split" (a frame break, then itself) taken as the
    start of what follows left "Plenary feedback" alone at the foot of page 4 of a demo's minutes."""
    styles = report_styles()
    filler = Spacer(1, FRAME_HEIGHT - 120)  # about 120 pt left on the first page
    block = KeepTogether([Paragraph(f"Line {n} of one recommendation's feedback, kept on one page.", styles.item)
                          for n in range(12)])
    pdf = render_pdf([filler, Heading("Plenary feedback", styles.h1, key="h1", level=0), block],
                     PageDecor(footer="", page_label="Page {page} of", notice="", watermark=None), [])
    first, second = pages(pdf)[:2]
    assert "Plenary feedback" not in first
    assert "Plenary feedback Line 0" in second and "Line 11" in second


@pytest.mark.parametrize("language", ("es", "en"))
def test_each_recommendations_feedback_is_set_off_from_the_one_before(language):
    """In the demo's minutes "Rec-77" followed the comments on Rec-93 with no space, while its own comments sat
    a gap below it (session 12's reading): the space before a recommendation's head is wider than the space
    between its facts and its first comment."""
    L = load_labels(language)
    pdf = build_minutes(sample_roadmap(language, final=True, hostile=False), "A")
    pieces: list[tuple[int, float, str]] = []  # (page, baseline, text) of every piece, top to bottom
    for number, page in enumerate(reader(pdf).pages):
        page.extract_text(visitor_text=lambda piece, cm, tm, font, size, n=number:
                          piece.strip() and pieces.append((n, tm[5] * cm[3] + cm[5], piece.strip())))
    first = next(k for k, p in enumerate(pieces) if p[2] == L("sections.plenary_feedback"))
    end = next(k for k, p in enumerate(pieces) if k > first and p[2] == L("minutes.reading"))
    section = pieces[first + 1:end]
    heads = [k for k, p in enumerate(section) if re.fullmatch(r"Rec-\d+", p[2])]
    before = [section[k - 1][1] - section[k][1] for k in heads if k and section[k - 1][0] == section[k][0]]
    after = []
    for k in heads:
        facts = next(j for j in range(k + 1, len(section)) if section[j][2] == f"{L('fields.priority')}:")
        bullet = next((j for j in range(facts, len(section)) if section[j][2].startswith("•")), None)
        if bullet is not None and section[bullet][0] == section[facts][0] and not any(j in heads for j in
                                                                                      range(k + 1, bullet)):
            after.append(section[facts][1] - section[bullet][1])
    assert before and after, (before, after)
    assert min(before) > max(after) + 2, (before, after)
