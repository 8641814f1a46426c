"""A working table's minutes: its members' countries (never their names), its items, its recommendations and
what the plenary said."""

from __future__ import annotations

import pytest
from pdftext import outline, pages, reader, text
from sample import HOSTILE, sample_roadmap

from reports.minutes import build_minutes


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
    assert "Relatoría: Ana Pérez (Guatemala)" in minutes_a
    assert "Rec-40 Crear un sistema regional de certificación" in minutes_a
    assert "Retos que atiende: R-1 «Falta de certificación" in minutes_a
    assert "Buenas prácticas en que se basa: BP-20 «Guate te incluye»; BP-21" in minutes_a
    assert "Rec-41" in minutes_a
    assert "Rec-44" not in minutes_a and "Rec-45" not in minutes_a  # table C's


def test_minutes_show_plenary_feedback_with_credits_as_chosen(minutes_a):
    assert "Muy necesaria para la región." in minutes_a
    assert "Add municipal budgets. — Anónimo · original en inglés" in minutes_a
    assert "Rec-40 · puesto 1 de 6 (14 votos) · 9 apoyos, 1 objeción, 3 comentarios" in minutes_a
    assert HOSTILE in minutes_a
    assert "<script>alert(1)</script>" in minutes_a


def test_minutes_of_another_table_point_merged_items_to_their_survivor():
    minutes_c = text(build_minutes(sample_roadmap("en"), "C"))
    assert "Minutes · Group C" in minutes_c
    assert "R-45" in minutes_c and "merged into R-44" in minutes_c
    assert "QQZ" not in minutes_c and "Contributions rejected by the moderators, not published: 1." in minutes_c
    assert "Rapporteur: Honduras" in minutes_c


def test_minutes_are_marked_as_draft_and_have_an_outline():
    pdf = build_minutes(sample_roadmap("en"), "B")
    assert all("DRAFT" in page for page in pages(pdf))
    assert [title for _, title, _ in outline(pdf)] == [
        "Members", "Contributions of the table", "Recommendations of the table", "Feedback received in plenary"]
    assert reader(pdf).metadata.title == "Minutes · Group B: Workshop on Sustainable Reintegration (DRAFT)"
    final = build_minutes(sample_roadmap("en", final=True), "B")
    assert not any("DRAFT" in page for page in pages(final))


def test_unknown_table_is_a_key_error():
    with pytest.raises(KeyError):
        build_minutes(sample_roadmap("es"), "Z")
