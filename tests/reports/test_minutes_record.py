"""A table's minutes as the record a secretariat files (issue 12, r12 findings 5, 10, 12; second reading, new point
2): who ran the session, credited as each chose for the roadmap (a name not released is named in no published
document), the sessions at the programme's day and times with the times they ran
only where those differ and a session was really held, and the outcome of every recommendation of the table the
joint reading read, not only its consolidated one."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from pdftext import text
from sample import sample_roadmap

from reports.minutes import build_minutes
from reports.model import Session
from reports.roadmap import build_roadmap


def _at(day: int, hour: int, minute: int, second: int = 0) -> datetime:
    return datetime(2022, 9, day, hour, minute, second, tzinfo=UTC)


def _with_sessions(language: str, *sessions: Session, final: bool = False):
    return replace(sample_roadmap(language, final=final), sessions=sessions)


def _schedule(minutes: str) -> str:
    """The session table's times, up to the members' section."""
    spanish = "Integrantes" in minutes
    start = minutes.index("Horario" if spanish else "Times")
    return minutes[start:minutes.index("Integrantes" if spanish else "Members", start)]


def test_sessions_pressed_through_in_a_minute_print_the_programme_not_the_minute_they_ran():
    # A rehearsal: day 1's mapping (14:40-16:00 in Puebla, UTC-5) and day 2's tables opened and closed by hand in
    # the same minute of day 2.
    data = _with_sessions(
        "es",
        Session("A", "mapping", "mapping", "Diálogo participativo (día 1)", _at(7, 19, 40), _at(7, 21, 0),
                _at(8, 15, 25, 2), _at(8, 15, 25, 40)),
        Session("A", "tables", "tables", "Mesas de trabajo (día 2)", _at(8, 15, 30), _at(8, 17, 30),
                _at(8, 15, 25, 41), _at(8, 15, 26, 30)))
    schedule = _schedule(text(build_minutes(data, "A")))
    assert "Diálogo participativo" not in schedule  # held in plenary on day 1, before the tables were formed
    assert "Mesas de trabajo (día 2): 8 de septiembre de 2022, 10:30–12:30, según el programa" \
        in schedule
    assert "10:25" not in schedule and "10:26" not in schedule


def test_a_session_that_ran_late_prints_when_it_ran_beside_the_programme_in_both_languages():
    overran = Session("A", "tables", "tables", "Mesas de trabajo (día 2)", _at(8, 15, 30), _at(8, 17, 30),
                      _at(8, 15, 32), _at(8, 18, 5))
    on_time = Session("A", "plenary", "plenary", "Plenaria", _at(8, 19, 30), _at(8, 21, 0), _at(8, 19, 33),
                      _at(8, 20, 58))
    schedule = _schedule(text(build_minutes(_with_sessions("es", overran, on_time), "A")))
    assert "Mesas de trabajo (día 2): 8 de septiembre de 2022, 10:32–13:05 (el programa preveía 10:30–12:30)" \
        in schedule
    assert "Plenaria: 8 de septiembre de 2022, 14:30–16:00, según el programa" in schedule
    english = _schedule(text(build_minutes(_with_sessions("en", overran, on_time), "A")))
    assert "8 September 2022, 10:32–13:05 (scheduled for 10:30–12:30)" in english
    assert "Plenaria: 8 September 2022, 14:30–16:00, as scheduled" in english


def _table_a(data, moderators: tuple[str, ...], rapporteur: str):
    tables = tuple(replace(t, moderators=moderators, rapporteur=rapporteur) if t.id == "A" else t
                   for t in data.workshop.tables)
    return replace(data, workshop=replace(data.workshop, tables=tables))


def test_staff_credited_by_name_are_named_alike_in_the_minutes_and_the_roadmap_in_both_languages():
    for language, moderation, rapporteur in (("es", "Moderación", "Relatoría"), ("en", "Moderator", "Rapporteur")):
        data = _table_a(sample_roadmap(language, final=True), ("Marcela Rivas (SE-CRM)",),
                        "Karla Menjívar (El Salvador)")
        minutes = text(build_minutes(data, "A"))
        assert "Marcela Rivas (SE-CRM)" in minutes and moderation in minutes
        assert "Karla Menjívar (El Salvador)" in minutes and rapporteur in minutes
        roadmap = text(build_roadmap(data))
        assert "Marcela Rivas" in roadmap and "Karla Menjívar" in roadmap


def test_the_joint_readings_outcomes_list_every_recommendation_of_the_table_it_read():
    # Table A brought a consolidated recommendation; the reading also read its members' Rec-40 and Rec-41.
    data = sample_roadmap("es", final=True)
    table = max(i.id for i in data.items) + 1
    own = next(i for i in data.items if i.id == 40)
    consolidated = replace(own, id=table, consolidated=True, credit="Grupo A", status="adopted",
                           action="Una recomendación de la mesa que reúne las de sus integrantes.")
    data = replace(data, items=(*data.items, consolidated))
    minutes = text(build_minutes(data, "A"))
    reading = minutes[minutes.index("Resultados de la lectura conjunta"):]
    refs = [f"Rec-{n}" for n in (table, 40, 41)]
    assert all(ref in reading for ref in refs)
    assert [reading.index(ref) for ref in refs] == sorted(reading.index(ref) for ref in refs)  # the table's first
    assert "Rec-44" not in reading                                                                 # table C's
    after = reading[reading.index("Rec-41"):]
    assert "adoptada con enmiendas" in after[:300]
