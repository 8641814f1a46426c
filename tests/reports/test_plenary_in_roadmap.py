"""What the plenary did to a recommendation is printed with it, in both editions: the amendments its table
accepted from the floor (the wording before and after, who proposed it as they chose to be credited), and the
objections with their reasons and the table's answers (objectors as they chose, or anonymous). Once through
the reports' model alone, once from the store through the mapper, as the bot builds the roadmap."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from pdftext import text
from sample import sample_roadmap

from bot.domain.records import Notice
from bot.jobs.roadmap_data import roadmap_data
from bot.storage import Storage
from reports.model import Amendment, Feedback, Objection
from reports.roadmap import build_roadmap
from tests.helpers import item, seat

BEFORE = "Garantizar atención psicosocial en los centros de recepción."
AFTER = "Garantizar atención psicosocial inmediata en los centros de recepción."
REASON = "Sin presupuesto <asignado> & sin plazos"
ANSWER = "El fondo regional lo cubre"


def with_plenary(language: str):
    data = sample_roadmap(language, final=True, hostile=False)
    items = tuple(
        replace(i, amendments=(Amendment(BEFORE, AFTER, ("John Smith (Belice)" if language == "es"
                                                          else "John Smith (Belize)",), language="es"),),
                objections=(Objection(REASON, None, ANSWER),
                            Objection("Duplica otro programa", "Honduras", language="es")),
                feedback=Feedback(support=5, object=2))
        if i.id == 41 else i for i in data.items)
    return replace(data, items=items)


@pytest.mark.parametrize(("language", "words"), [
    # Adopted as amended on it, its outcome names the amendment and who proposed it (session 8's reading).
    ("es", ("según la enmienda de la sala", "propuesta por John Smith (Belice)", "Texto presentado", "Después",
            "Objeción", "Respuesta de la mesa", "Anónimo")),
    ("en", ("on an amendment from the floor", "proposed by John Smith (Belize)", "Wording as tabled", "After",
            "Objection", "The table's answer", "Anonymous")),
])
def test_the_amendment_and_the_objections_are_printed_with_the_recommendation(language, words):
    full = text(build_roadmap(with_plenary(language)))
    amendment, proposed, before, _, objection, answer, anonymous = words
    assert amendment in full and proposed in full
    assert f"{before}: " in full and BEFORE.split()[0] in full and AFTER in full
    assert f"{objection}: {REASON}" in full  # escaped, printed as typed
    assert f"{answer}: {ANSWER}" in full
    assert f"— {anonymous}" in full and "— Honduras" in full  # objectors as they chose
    if language == "en":
        assert "original in Spanish" in full  # the amendment's words stay as typed, their language named
        # an objection typed in the other language says so, like a comment
        assert re.search(r"Duplica otro programa \(original in Spanish\) — Honduras", full), full
    else:
        assert not re.search(r"Duplica otro programa\W+original", full)


def test_a_recommendation_without_plenary_changes_prints_none():
    full = text(build_roadmap(sample_roadmap("en", final=True, hostile=False)))
    assert "Amendment from the floor" not in full and "Objection:" not in full


async def test_from_the_store_the_mapper_credits_as_chosen(database, workshop_id):
    async with Storage(database) as storage:
        ana = await seat(storage, workshop_id, 8101, "Ana Pérez", table="A")
        john = await seat(storage, workshop_id, 8102, "John Smith", table="B", country="BZ", language="en")
        luis = await seat(storage, workshop_id, 8103, "Luis Gómez", table="B", country="HN")
        rita = await seat(storage, workshop_id, 8104, "Rita Relatora", role="rapporteur", table="A")
        ref = await item(storage, workshop_id, ana, "recommendation", table="A", action=BEFORE)
        await item(storage, workshop_id, luis, "challenge", table="B", attribution="country")  # Luis: by country
        named = await storage.propose_amendment(ref, john, AFTER, "Urgencia", "named")
        hidden = await storage.propose_amendment(ref, luis, "Otra redacción", "Más corto", "anonymous")

        def notice(a):
            return Notice(f"t:{a.id}", "plamend.told_accepted", {})

        assert (await storage.take_in_amendments([named.id], rita, None, notice))[0] is None
        assert (await storage.decline_amendment(hidden.id, rita, "No aporta", notice))[0] is None
        await storage.object_with_reason(ref, luis, REASON)
        objection = (await storage.objections(await storage.fetch_value(
            "SELECT table_id FROM contributions WHERE id = ?", (ref,))))[0]
        await storage.answer_objection(objection.id, rita, ANSWER, Notice("o:1", "plobj.answered", {}))

        for language, proposer in (("es", "John Smith (Belice)"), ("en", "John Smith (Belize)")):
            data = await roadmap_data(storage, workshop_id, language)
            printed = next(i for i in data.items if i.id == ref)
            assert printed.action == AFTER and [(a.before, a.after, a.credits) for a in printed.amendments] == [
                (BEFORE, AFTER, (proposer,))]  # the declined one is not a change
            assert [(o.reason, o.credit, o.answer) for o in printed.objections] == [
                (REASON, "Honduras", ANSWER)]
            full = text(build_roadmap(data))
            assert proposer in full and REASON in full and ANSWER in full
            assert "Otra redacción" in full  # the declined one, under its recommendation (issue 12, finding 34)
        assert printed.versions and printed.versions[0].text == BEFORE  # the history, as an edit keeps it
