"""The store -> report model mapper: what the roadmap is told about each item and each person."""

from __future__ import annotations

import pytest

from bot.jobs.roadmap_data import roadmap_data
from bot.storage import Storage
from tests.helpers import item, seat, table_id_of


@pytest.fixture
async def storage(database, workshop_id):
    async with Storage(database) as opened:
        yield opened


async def consolidate(storage, workshop_id, author_id, sources, *, status="submitted", attribution="named",
                      **details) -> int:
    """The rapporteur's consolidated recommendation of table A, linked to its sources."""
    created, _ = await storage.submit_contribution(
        workshop_id=workshop_id, author_id=author_id, kind="recommendation", level="individual",
        dimensions=["economic"], details={"action": "Recomendación consolidada de la mesa A", **details},
        attribution=attribution, language="es", table_id=await table_id_of(storage, workshop_id, "A"),
        consolidated=True, links=[(s, "consolidates") for s in sources], status=status)
    return created.id


async def test_members_recommendations_a_consolidated_one_absorbed_are_not_live(storage, workshop_id):
    ana = await seat(storage, workshop_id, 7001, "Ana Pérez", table="A")
    first = await item(storage, workshop_id, ana, "recommendation", table="A", action="Primera")
    second = await item(storage, workshop_id, ana, "recommendation", table="A", action="Segunda")
    kept = await item(storage, workshop_id, ana, "recommendation", table="A", action="No consolidada")
    table_rec = await consolidate(storage, workshop_id, ana, [first, second])
    refused = await consolidate(storage, workshop_id, ana, [kept], status="rejected")
    items = {i.id: i for i in (await roadmap_data(storage, workshop_id, "es")).items}
    assert items[table_rec].consolidated and items[table_rec].published
    assert items[first].consolidated_into == table_rec and not items[first].published
    assert items[second].consolidated_into == table_rec
    assert items[kept].consolidated_into is None and items[kept].published  # a rejected draft absorbs nothing
    assert items[refused].consolidated and not items[refused].published


async def test_a_consolidated_recommendation_answers_what_its_sources_did_and_is_credited_to_the_table(
        storage, workshop_id):
    ana = await seat(storage, workshop_id, 7011, "Ana Pérez", table="A")
    challenge = await item(storage, workshop_id, ana, "challenge")
    other = await item(storage, workshop_id, ana, "challenge", description="Estigma")
    practice = await item(storage, workshop_id, ana, "good_practice")
    first = await item(storage, workshop_id, ana, "recommendation", table="A",
                       links=[(challenge, "answers"), (practice, "builds_on")])
    second = await item(storage, workshop_id, ana, "recommendation", table="A",
                        links=[(challenge, "answers"), (other, "answers")])
    table_rec = await consolidate(storage, workshop_id, ana, [first, second])
    for language, name in (("es", "Grupo A"), ("en", "Group A")):
        found = next(i for i in (await roadmap_data(storage, workshop_id, language)).items if i.id == table_rec)
        assert sorted(found.challenge_ids) == sorted([challenge, other])
        assert found.good_practice_ids == (practice,)
        assert found.credit == name


async def test_dimensions_come_in_the_workshops_order(storage, workshop_id):
    ana = await seat(storage, workshop_id, 7021, "Ana Pérez", table="A")
    challenge = await item(storage, workshop_id, ana, "challenge", dimensions=("psychosocial", "social"))
    found = next(i for i in (await roadmap_data(storage, workshop_id, "es")).items if i.id == challenge)
    assert found.dimension_ids == ("social", "psychosocial")  # as the workshop defines them, not alphabetical


async def test_comments_are_credited_as_the_commenter_chose_for_their_items_in_their_language(storage, workshop_id):
    ana = await seat(storage, workshop_id, 7031, "Ana Pérez", table="A", country="GT")
    john = await seat(storage, workshop_id, 7032, "John Smith", table="B", country="BZ", language="en")
    rosa = await seat(storage, workshop_id, 7033, "Rosa Cruz", table="C", country="HN")
    lena = await seat(storage, workshop_id, 7034, "Lena Díaz", table="C", country="MX")
    rec = await item(storage, workshop_id, ana, "recommendation", table="A")
    await item(storage, workshop_id, john, "challenge", attribution="named", language="en")
    await item(storage, workshop_id, rosa, "challenge", attribution="named")
    await item(storage, workshop_id, rosa, "good_practice", attribution="country")  # the most restrictive wins
    for person, words in ((john, "Good idea"), (rosa, "Sí"), (lena, "Falta presupuesto")):
        await storage.add_comment(rec, person, words)
    found = next(i for i in (await roadmap_data(storage, workshop_id, "es")).items if i.id == rec)
    comments = {c.text: (c.credit, c.language) for c in found.feedback.comments}
    assert comments["Good idea"] == ("John Smith (Belice)", "en")
    assert comments["Sí"] == ("Honduras", "es")
    assert comments["Falta presupuesto"] == (None, "es")  # no items: never asked, so anonymous


async def test_rapporteurs_are_named_only_if_they_chose_it_for_their_own_items_else_by_affiliation(
        storage, workshop_id):
    tables = {code: await table_id_of(storage, workshop_id, code) for code in "ABC"}
    named = await seat(storage, workshop_id, 7041, "Ana Pérez", table="A", country="GT")
    cautious = await seat(storage, workshop_id, 7042, "Rosa Cruz", table="B", country="HN")
    silent = await seat(storage, workshop_id, 7043, "Lena Díaz", table="C", country="MX")
    await item(storage, workshop_id, named, "challenge", attribution="named")
    await item(storage, workshop_id, cautious, "challenge", attribution="named")
    await item(storage, workshop_id, cautious, "challenge", attribution="anonymous")
    await consolidate(storage, workshop_id, named, [], attribution="anonymous")  # the table's, not her choice
    for code, person in (("A", named), ("B", cautious), ("C", silent)):
        await storage.set_rapporteur(workshop_id, tables[code], person, None)
    data = await roadmap_data(storage, workshop_id, "es")
    rapporteur = {t.id: t.rapporteur for t in data.workshop.tables}
    # The role is public (she presented the table's work in plenary): whom she spoke for, never her name
    # unless she chose to be named.
    assert rapporteur == {"A": "Ana Pérez (Guatemala)", "B": "Honduras", "C": "México"}
    await storage.forget_member(workshop_id, silent)
    data = await roadmap_data(storage, workshop_id, "es")
    assert {t.id: t.rapporteur for t in data.workshop.tables}["C"] is None  # erased: not even her country


async def test_moderators_are_the_people_given_the_role_named_as_they_chose_else_by_organisation(
        storage, workshop_id):
    marcela = await seat(storage, workshop_id, 7044, "Marcela Rivas", role="moderator", table="A", country=None)
    await storage.complete_registration(workshop_id, marcela, {"full_name": "Marcela Rivas", "organisation": "iom"})
    await seat(storage, workshop_id, 7045, "Jorge Castro", role="moderator", table="A", country="GT")  # never chose
    await item(storage, workshop_id, marcela, "challenge", attribution="named")
    for language, iom in (("es", "OIM"), ("en", "IOM")):
        tables = {t.id: t for t in (await roadmap_data(storage, workshop_id, language)).workshop.tables}
        assert tables["A"].moderators == (f"Marcela Rivas ({iom})", "Guatemala")
        assert tables["B"].moderators == ("OIM",)  # nobody given the role: the workshop file's, as the agenda


async def test_an_amended_recommendation_keeps_its_first_wording(storage, workshop_id):
    ana = await seat(storage, workshop_id, 7051, "Ana Pérez", table="A")
    rec = await item(storage, workshop_id, ana, "recommendation", table="A", action="Certificar <competencias>")
    await storage.edit_contribution(rec, None, details={"action": "Certificar competencias laborales"})
    await storage.set_reading_outcome(rec, "adopted_amended", None, amended_action="Certificar y reconocer")
    found = next(i for i in (await roadmap_data(storage, workshop_id, "es")).items if i.id == rec)
    assert found.status == "adopted_amended" and found.action == "Certificar y reconocer"
    assert [v.text for v in found.versions] == ["Certificar <competencias>", "Certificar competencias laborales"]
    assert found.original_text == "Certificar <competencias>"


async def test_the_final_roadmap_agrees_with_the_joint_reading(storage, workshop_id):
    """Through the store: the consolidated recommendation the reading adopted stands for its sources, and a
    recommendation the reading never took up is not printed as approved."""
    from reports.roadmap import build_roadmap
    from tests.reports.pdftext import text

    ana = await seat(storage, workshop_id, 7061, "Ana Pérez", table="A")
    rosa = await seat(storage, workshop_id, 7062, "Rosa Cruz", table="C", country="HN")
    first = await item(storage, workshop_id, ana, "recommendation", table="A", action="Fuente uno absorbida")
    second = await item(storage, workshop_id, ana, "recommendation", table="A", action="Fuente dos absorbida")
    table_rec = await consolidate(storage, workshop_id, ana, [first, second], action="Propuesta de la mesa A")
    left = await item(storage, workshop_id, rosa, "recommendation", table="C", level="structural",
                      action="Registro regional pendiente")
    for source in (first, second):
        await storage.set_contribution_status(source, "approved")
    await storage.set_contribution_status(left, "approved")
    await storage.set_reading_outcome(table_rec, "adopted", None)
    await storage.close_workshop(workshop_id, None)
    data = await roadmap_data(storage, workshop_id, "es")
    assert data.final
    full = text(build_roadmap(data))
    start = full.rindex("Anexo B. Todos los aportes")
    body, annex = full[:start], full[start:]
    assert f"Rec-{table_rec} Propuesta de la mesa A" in body and "Recomendación de la mesa del Grupo A" in body
    assert "Aporte de: Grupo A" not in body
    assert "absorbida" not in body and f"; consolidada en Rec-{table_rec}." in annex
    record = "La plenaria y la lectura conjunta, recomendación por recomendación"
    section = body[body.rindex(record):body.rindex("Conclusiones")]
    undecided = section[section.index("Recomendaciones no decididas en la lectura conjunta"):]
    assert f"Rec-{left} Registro regional pendiente" in undecided
    assert "aprobado" not in section


async def test_a_country_is_named_as_a_sentence_says_it_and_as_a_list_gives_it(storage, workshop_id):
    """"Sent by Dominican Republic" read as a slip in the English edition: inside a sentence a country is named
    in the workshop file's `in_sentence` form ("the Dominican Republic", "la República Dominicana"), in the body,
    Annex B and the commitments alike; Annex A's list keeps the bare name."""
    from reports.labels import load_labels
    from reports.roadmap import build_roadmap
    from tests.reports.pdftext import text

    rosa = await seat(storage, workshop_id, 7071, "Rosa Méndez", table="C", country="DO")
    challenge = await item(storage, workshop_id, rosa, "challenge", attribution="country", table="C",
                           level="structural", description="Falta un registro común de personas retornadas")
    await storage.set_contribution_status(challenge, "approved")
    await storage.close_workshop(workshop_id, None)
    said = {"en": ("Sent by the Dominican Republic.", "sent by the Dominican Republic on", "Dominican Republic"),
            "es": ("Aporte de la República Dominicana.", "aporte de la República Dominicana del",
                   "República Dominicana")}
    for language, (body_line, annex_line, bare) in said.items():
        full = " ".join(text(build_roadmap(await roadmap_data(storage, workshop_id, language))).split())
        assert body_line in full and annex_line in full
        L = load_labels(language)
        annex_a = full[full.rindex(L("sections.annex_participants")):full.rindex(L("sections.annex_items"))]
        assert bare in annex_a and "the Dominican" not in annex_a and "la República" not in annex_a


async def test_a_reporters_note_is_in_the_language_the_workshop_speaks_to_them(storage, workshop_id):
    """A reporter who never chose a language, whose app says "es-419": the note is Spanish (marked in the English
    report, not in the Spanish one), not "original in Spanish (Latin America)" nor marked in the Spanish one
    (the raw tag compared with the edition's language; session 10's review)."""
    from bot.jobs.progress_data import progress_data
    from bot.storage import followup as followup_store
    from reports.progress import build_progress
    from tests.reports.pdftext import text

    lucia = await seat(storage, workshop_id, 7081, "Lucía Ramos", table="B", country="GT")
    await storage.write("UPDATE people SET language = NULL, telegram_language = 'es-419' WHERE id = ?", (lucia,))
    made = await item(storage, workshop_id, lucia, "recommendation", level="community", table="B",
                      action="Ventanillas únicas en los municipios")
    await storage.set_reading_outcome(made, "adopted", None)
    commitment = await followup_store.add_commitment(storage, workshop_id, made, "GT", None, lucia, None,
                                                     made_by=None, at_reading=True, at="2022-09-08T20:00:00Z")
    await followup_store.open_round(storage, workshop_id, 1, "2023-03-08T00:00:00Z", "2023-03-01T00:00:00Z",
                                    "followup.round_opened", {})
    round_id = (await followup_store.rounds(storage, workshop_id))[0].id
    note = "Tres ventanillas abiertas"
    assert await followup_store.record_checkin(storage, round_id, commitment, lucia, "under_way", note, "",
                                               "2023-03-02T00:00:00Z")
    english = " ".join(text(build_progress(await progress_data(storage, workshop_id, "en"))).split())
    spanish = " ".join(text(build_progress(await progress_data(storage, workshop_id, "es"))).split())
    assert f"{note} (original in Spanish)" in english
    assert note in spanish and f"{note} (original" not in spanish
