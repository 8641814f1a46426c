"""A secretariat's second reading of a table's minutes in both editions (session 8, EN 22-24, ES 14-16): the
"Times" cell names the time zone once and writes dates in full, as the roadmap does; a merged or consolidated
item says what became of it and who sent it in sentences; the line on what the table reviewed from others says
who those others are (people seated at other tables, even where their country sits at this one) and where the
roadmap prints them; a member's recommendation the reading amended is printed as the member sent it, the
adopted text being the reading's; and one recommendation's plenary feedback is not split from its heading."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from pdftext import pages, text
from reportlab.platypus import KeepTogether
from sample import sample_roadmap

from bot.domain.items import reference
from bot.jobs.roadmap_data import roadmap_data
from bot.storage import Storage
from reports import minutes as minutes_module
from reports.labels import load_labels, time_zone
from reports.minutes import build_minutes
from reports.model import Comment, Feedback, Item, Session, Version, Wording
from reports.roadmap import build_roadmap
from tests.helpers import item, seat

LANGUAGES = ("es", "en")
TABLE_REC = 90
SUBMITTED = "Asignar a cada persona retornada una gestora de casos en la recepción."
ADOPTED = "Asignar a cada persona retornada una gestora de casos en la recepción, con un año de seguimiento."


@pytest.fixture
async def storage(database, workshop_id):
    async with Storage(database) as opened:
        yield opened


def _at(day: int, hour: int, minute: int) -> datetime:
    return datetime(2022, 9, day, hour, minute, tzinfo=UTC)


def _between(minutes: str, start: str, end: str) -> str:
    first = minutes.index(start)
    return minutes[first:minutes.index(end, first)]


def _long_date(language: str, moment: datetime, zone: str = "America/Mexico_City") -> str:
    return load_labels(language).long_date(moment.astimezone(time_zone(zone)).date())


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_times_name_the_zone_once_and_write_dates_in_full(language):
    L = load_labels(language)
    sessions = (Session("A", "tables", "tables", "Tables", _at(8, 15, 30), _at(8, 17, 30), _at(8, 15, 31),
                        _at(8, 17, 29)),
                Session("A", "plenary", "plenary", "Plenary", _at(8, 19, 30), _at(8, 21, 0), _at(8, 19, 30),
                        _at(8, 21, 0)),
                Session("A", "reading", "joint-reading", "Reading", _at(8, 21, 30), _at(8, 21, 40),
                        _at(8, 21, 30), _at(8, 21, 55)))
    data = replace(sample_roadmap(language, final=True), sessions=sessions)
    times = _between(text(build_minutes(data, "A")), L("minutes.sessions"), L("sections.members"))
    zone = L.zone_name(time_zone(data.workshop.timezone))
    assert times.count(zone) == 1 and L("minutes.zone_note", zone=zone) in times
    day = _long_date(language, _at(8, 15, 30), data.workshop.timezone)
    assert f"Tables: {day}, 10:30–12:30, {L('minutes.as_scheduled')}" in times
    # The reading ran over: when it ran, the programme's times beside them, in one parenthesis.
    assert "Reading: " + L("minutes.programme", actual=f"{day}, 16:30–16:55", times="16:30–16:40") in times
    assert "Sept 2022" not in times and "sept 2022" not in times


@pytest.mark.parametrize("language", LANGUAGES)
def test_what_became_of_a_merged_item_and_who_sent_it_read_as_sentences_with_the_date_in_full(language):
    data = sample_roadmap(language)
    L = load_labels(language)
    merged = next(i for i in data.items if i.id == 45)
    minutes = text(build_minutes(data, "C"))
    fate = L("status.recommendation.merged_into", ref=reference("recommendation", 44, language))
    sent = L("register.sent", credit=merged.credit, date=_long_date(language, merged.created_at,
                                                                    data.workshop.timezone))
    assert f"{fate[:1].upper()}{fate[1:]}. {sent}" in minutes
    assert f" · {merged.credit} · " not in minutes
    # the verb the roadmap's provenance uses ("Sent by Honduras"), not a second one ("Contributed by")
    assert sent.startswith({"es": "Aporte de ", "en": "Sent by "}[language]) and "Contributed" not in minutes


async def test_the_note_on_what_others_sent_says_who_they_are_and_where_the_roadmap_has_them(storage, workshop_id):
    """Luis sits at table B, from Guatemala as Ana of table A is: his challenge of table A's level is reviewed
    there, and the note must not read as if Guatemala had no seat at table A."""
    ana = await seat(storage, workshop_id, 7301, "Ana Pérez", table="A", country="GT")
    luis = await seat(storage, workshop_id, 7302, "Luis Gómez", table="B", country="GT")
    await item(storage, workshop_id, ana, table="A", description="Falta de certificados de estudios")
    sent_elsewhere = await item(storage, workshop_id, luis, table="A", description="Llegan sin información")
    for language in LANGUAGES:
        L = load_labels(language)
        data = await roadmap_data(storage, workshop_id, language)
        minutes = text(build_minutes(data, "A"))
        ref = reference("challenge", sent_elsewhere, language)
        assert L("minutes.reviewed_from_others", refs=ref) in minutes
        level = next(t for t in data.workshop.tables if t.id == "A").level_id
        where = L("minutes.reviewed_where", section=L("fields.quote", text=L("sections.mapping")),
                  level={lv.id: lv.name for lv in data.workshop.levels}[level],
                  annex=L("fields.quote", text=L("sections.annex_items")))
        assert where in minutes
        assert "do not sit at it" not in minutes and "no la integran" not in minutes


def _amended_member_recommendation(language: str) -> tuple:
    """Table A consolidated Rec-40 into its own recommendation; Ana's Rec-41 stayed hers, and the joint reading
    adopted it as amended. The store keeps the wording she sent with the amendment (`original_wording`)."""
    data = sample_roadmap(language, final=True, hostile=False)
    first = next(i for i in data.items if i.id == 40)
    table_rec = Item(id=TABLE_REC, kind="recommendation", status="adopted", language="es",
                     created_at=first.created_at, level_id="individual", dimension_ids=("economic",), table_id="A",
                     credit="Grupo A", consolidated=True, votes=20, action="Recomendación consolidada de la mesa A.")
    items = []
    for i in data.items:
        if i.id == 40:
            i = replace(i, consolidated_into=TABLE_REC)
        elif i.id == 41:
            i = replace(i, status="adopted_amended", action=ADOPTED, language="es", text_origin="original",
                        reading_reason="la plenaria lo pidió",
                        versions=(Version(SUBMITTED, first.created_at),),
                        original_wording=Wording(SUBMITTED, "es"))
        items.append(i)
    return replace(data, items=(*items, table_rec)), next(i for i in items if i.id == 41)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_members_recommendation_the_reading_amended_is_listed_as_sent(language):
    data, amended = _amended_member_recommendation(language)
    L = load_labels(language)
    minutes = text(build_minutes(data, "A"))
    ref = reference("recommendation", 41, language)
    members = _between(minutes, L("minutes.member_recommendations"), L("sections.consolidated"))
    assert f"{ref} {SUBMITTED}" in members and ADOPTED not in members
    status = L("status.recommendation.adopted_amended")
    assert L("minutes.amended_later", status=status[:1].upper() + status[1:],
             reading=L("fields.quote", text=L("minutes.reading"))) in members
    reading = minutes[minutes.rindex(L("minutes.reading")):]
    assert f"{L('minutes.adopted_text')}: {ADOPTED}" in reading  # the table's outcome, with the reading
    assert SUBMITTED in reading  # and the wording before it
    assert amended.credit in members


def _loose(block):
    """A KeepTogether that never moves its block to the next page (its height limit is never met): the layout
    as it was, to check that the test sees a split."""
    return KeepTogether(block, maxHeight=10**9)


def _talkative(language: str):
    """Every recommendation of table A heard at length in plenary, so some block meets a page's foot."""
    data = sample_roadmap(language, final=True, hostile=False)
    said = tuple(Comment(f"Comentario {n}: " + "la propuesta debería cubrir también a las familias. " * 3,
                         "Luis Gómez (México)", "es", _at(8, 20, n)) for n in range(4))
    items = tuple(replace(i, votes=3, feedback=Feedback(support=2, object=0, comments=said))
                  if i.kind == "recommendation" and i.table_id == "A" else i for i in data.items)
    extra = tuple(replace(next(i for i in items if i.id == 40), id=200 + n, votes=1, created_at=_at(8, 15, n))
                  for n in range(8))
    return replace(data, items=(*items, *extra))


def _split_blocks(pdf: bytes) -> list[str]:
    """The pages whose body opens on a comment: one recommendation's feedback carried over from the page before,
    away from the line that names the recommendation."""
    bodies = [re.split(r"(?:Página|Page) \d+ (?:de|of) \d+ ", page, maxsplit=1)[-1] for page in pages(pdf)]
    return [body[:60] for body in bodies if body.lstrip().startswith("•")]


def test_one_recommendations_plenary_feedback_is_kept_with_its_heading(monkeypatch):
    data = _talkative("es")
    assert _split_blocks(build_minutes(data, "A")) == []
    monkeypatch.setattr(minutes_module, "KeepTogether", _loose)
    assert _split_blocks(build_minutes(data, "A"))  # the check would see the old split


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_minutes_say_what_a_support_mark_means(language):
    """"Rec-94 [Broad support]" in the minutes, which have no support table to explain it (session 10's
    reading): one note under the table's recommendations says what each mark means."""
    from reports.model import Constituency

    L = load_labels(language)
    data = sample_roadmap(language, final=True, hostile=False)
    backed = Constituency(by_kind=(("government", 5, 0, 3),), countries=5, broad=True, contested=False)
    items = tuple(replace(i, constituency=backed) if i.id == 43 else i for i in data.items)
    minutes = text(build_minutes(replace(data, items=items), "B"))
    assert f"[{L('constituency.broad')}]" in minutes
    note = L("constituency.marks_note", countries=data.broad_support_countries, broad=L("constituency.broad"),
             contested=L("constituency.contested"), objecting=data.contested_countries)
    assert note in minutes
    assert note not in text(build_minutes(data, "B"))  # nothing to explain where nothing is marked


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_minutes_point_to_no_annex_they_do_not_have(language):
    """"merges C-51 (Annex B)" in a table's minutes, which have no Annex B (session 10's reading): they say
    what an entry merges, and list those items themselves."""
    L = load_labels(language)
    data = sample_roadmap(language, final=True, hostile=False)
    minutes = " ".join(text(build_minutes(data, "C")).split())
    annex = {"es": "(anexo B)", "en": "(Annex B)"}[language]
    assert annex not in minutes
    assert f"{L('fields.gathers', refs='Rec-45')}." in minutes  # Rec-44 merges Rec-45, listed here
    roadmap = " ".join(text(build_roadmap(data)).split())
    assert L("fields.provenance_merges", refs="Rec-45") in roadmap
