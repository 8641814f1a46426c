"""The plain rules behind moderation: duplicate suggestions, the agenda's plan, the pacer, the table map."""

import datetime as dt
from types import SimpleNamespace

from bot.domain import agenda, duplicates, table_view
from bot.domain.records import PhaseRow
from bot.jobs.pacing import Pacer

NOW = dt.datetime(2022, 9, 8, 17, 0, tzinfo=dt.UTC)


def test_accents_case_and_word_order_do_not_hide_a_duplicate():
    text = "Acceso a vivienda temporal para personas retornadas sin red familiar"
    shuffled = "PERSONAS RETORNADAS SIN RED FAMILIAR: ACCESO A VIVIENDA TEMPORAL"
    stripped = "acceso a vivienda temporal para personas retornadas sin red familiar".replace("ó", "o")
    english = "Temporary housing for returnees with no family network"
    unrelated = "Fortalecer la seguridad en las fronteras terrestres"
    found = duplicates.suggest(text, [(1, shuffled), (2, stripped), (3, english), (4, unrelated)],
                               glossary=duplicates.load_glossary("reintegration"))  # the workshop's, for English
    assert {i for i, _ in found} == {1, 2, 3}
    assert 4 not in {i for i, _ in found}


def test_normalising_strips_accents_and_punctuation():
    assert duplicates.normalise("Reintegración «SOSTENIBLE», niñas") == "reintegracion sostenible ninas"


def test_at_most_three_suggestions_best_first():
    others = [(i, "Capital semilla para emprendimientos de retornados") for i in range(1, 6)]
    found = duplicates.suggest("Programas de capital semilla para emprendimientos de personas retornadas", others)
    assert len(found) == 3 and [s for _, s in found] == sorted((s for _, s in found), reverse=True)


def phase(**overrides):
    values = dict(id=1, workshop_id=1, code="tables", kind="tables", table_id=None,
                  opens_at="2022-09-08T15:30:00+00:00", closes_at="2022-09-08T17:30:00+00:00",
                  reminder_minutes=10, state="scheduled", opened_at=None, closed_at=None, reminded_at=None)
    return PhaseRow(**{**values, **overrides})


def test_the_plan_opens_reminds_and_closes_in_order():
    events = agenda.plan([phase()], NOW)
    assert [(e.kind, e.at.strftime("%H:%M")) for e in events] == [("open", "15:30"), ("remind", "17:20"),
                                                                   ("close", "17:30")]


def test_the_plan_leaves_history_and_the_moderators_decisions_alone():
    last_year = phase(opens_at="2021-09-08T15:30:00+00:00", closes_at="2021-09-08T17:30:00+00:00")
    closed_by_hand = phase(state="closed", closed_at="2022-09-08T16:00:00+00:00")
    reopened_late = phase(state="open", opened_at="2022-09-08T17:45:00+00:00")
    assert agenda.plan([last_year, closed_by_hand], NOW) == []
    assert agenda.plan([reopened_late], NOW + dt.timedelta(hours=1)) == []
    overdue = agenda.plan([phase(state="open", opened_at="2022-09-08T15:00:00+00:00")], NOW + dt.timedelta(hours=1))
    assert [e.kind for e in overdue] == ["close"]  # a restart after the close time still closes it


def test_the_pacer_keeps_one_second_per_chat_and_a_gap_overall():
    clock = [0.0]
    pacer = Pacer(per_second=25, per_chat=1.0, clock=lambda: clock[0])
    pacer.sent(1)
    assert abs(pacer.delay(2) - 0.04) < 1e-9 and pacer.delay(1) == 1.0
    clock[0] = 0.5
    assert pacer.delay(2) == 0 and pacer.delay(1) == 0.5


def test_the_table_map_names_the_empty_cells_of_its_level():
    items = [SimpleNamespace(status="submitted", level="individual", dimensions=("economic", "social")),
             SimpleNamespace(status="rejected", level="individual", dimensions=("psychosocial",))]
    counts = table_view.cell_counts(items)
    assert table_view.empty_cells(counts, "individual", ["economic", "social", "psychosocial"]) == ["psychosocial"]
    grid = table_view.render_grid(counts, [("individual", "Individual")], [("economic", "Económica"),
                                                                           ("social", "Social")])
    assert grid.splitlines()[1].split() == ["Individual", "1", "1"]
