"""Support by constituency: delegates of four countries, a civil-society network and an international
organisation support, object and place dots; the secretariat sees, once the vote has closed, each
recommendation's counts by kind of participant and country with its flags (broad support, contested), never a
name; moderators and participants never see it, and nobody while the vote is open; the roadmap prints the table
and a mark beside each flagged recommendation."""

from __future__ import annotations

from bot.domain import constituency
from bot.jobs.roadmap_data import roadmap_data
from reports.roadmap import build_roadmap
from tests.helpers import item, open_phase, person_id, seat, table_id_of
from tests.reports.pdftext import flat, text


async def delegate(storage, workshop_id: int, telegram_id: int, name: str, *, country: str | None = None,
                   organisation: str | None = None, table: str = "A", language: str = "en") -> int:
    """A registered participant speaking for a country or for an organisation of the workshop file."""
    person = await storage.touch_person(telegram_id, name.split()[0], language)
    await storage.set_language(person.id, language)
    await storage.join_workshop(workshop_id, person.id, "participant", None)
    await storage.complete_registration(workshop_id, person.id, {
        "full_name": name, "country": country, "organisation": organisation, "institution": "Inst",
        "position": "Cargo"})
    await storage.set_table(workshop_id, person.id, await table_id_of(storage, workshop_id, table))
    return person.id


async def setup(storage, workshop_id):
    ana = await seat(storage, workshop_id, 8301, "Ana Pérez", table="A", country="GT")
    luis = await delegate(storage, workshop_id, 8302, "Luis Gómez", country="HN", table="B")
    rosa = await delegate(storage, workshop_id, 8303, "Rosa Cruz", country="SV", table="C")
    pedro = await delegate(storage, workshop_id, 8304, "Pedro Ruiz", country="MX")
    carla = await delegate(storage, workshop_id, 8305, "Carla Díaz", organisation="rrocm")
    olga = await delegate(storage, workshop_id, 8306, "Olga Ivanova", organisation="iom")
    await seat(storage, workshop_id, 8307, "Marta Mod", role="moderator", table="B", language="en")
    await seat(storage, workshop_id, 8308, "Sara Secretaría", role="secretariat", country=None, language="en")
    broad = await item(storage, workshop_id, ana, "recommendation", table="A", action="Certificar competencias")
    contested = await item(storage, workshop_id, luis, "recommendation", table="B", level="community",
                           action="Redes comunitarias de acogida")
    narrow = await item(storage, workshop_id, rosa, "recommendation", table="C", level="structural",
                        action="Registro regional de retornos")
    await open_phase(storage, workshop_id, "plenary")
    for who in (rosa, pedro, carla):
        await storage.set_stance(broad, who, "support")
    assert await storage.move_dot(workshop_id, broad, olga, 1, limit=5, cap=2) is None  # a dot backs it too
    await storage.object_with_reason(contested, ana, "Duplica la red existente")
    await storage.object_with_reason(contested, rosa, "Sin presupuesto")
    await storage.set_stance(contested, pedro, "support")
    for who in (ana, luis, pedro):
        await storage.set_stance(narrow, who, "support")
    return broad, contested, narrow


async def test_the_breakdown_is_hidden_until_the_vote_closes_then_shown_to_the_secretariat_only(
        bot, emulator, workshop_id):
    storage = bot.storage
    broad, contested, narrow = await setup(storage, workshop_id)
    luis = emulator.user(8302, "Luis", language_code="en")  # Luis supports the first from his phone
    card = await luis.ask("/plenary")
    assert f"Rec-{broad}" in card.text
    await luis.press("👍 Support", message=card)
    await luis.wait_for_callback_answer()
    assert await storage.stance(broad, await person_id(storage, 8302)) == "support"

    sara = emulator.user(8308, "Sara", language_code="en")
    marta = emulator.user(8307, "Marta", language_code="en")
    ana = emulator.user(8301, "Ana", language_code="es")
    assert "hidden while the plenary vote is open" in (await sara.ask("/support")).text
    for user in (marta, ana):  # not theirs, open or closed
        answer = (await user.ask("/support")).text
        assert f"Rec-{broad}" not in answer
        assert "hidden" not in answer and "oculto" not in answer
        assert "secretar" in answer.lower()

    await open_phase(storage, workshop_id, "plenary", state="closed")
    listing = (await sara.ask("/support")).text
    assert f"Broad support (backed by participants from at least 3 countries and from every kind of participant " \
           f"present): Rec-{broad}\n" in listing
    assert f"(objections from 2 countries or more): Rec-{contested}" in listing
    first = listing.split(f"\n\nRec-{broad} ")[1].split("\n\nRec-")[0]
    # Luis (HN), Rosa (SV), Pedro (MX) support; the civil-society network supports; IOM put a dot.
    assert "Governments 3/0/0 · International organisations and observers 0/0/1 · Civil society 1/0/0" in first
    assert "Countries backing it: 3 · objecting: 0" in first and "✅ Broad support" in first
    second = listing.split(f"\n\nRec-{contested} ")[1].split("\n\nRec-")[0]
    assert "Governments 1/2/0" in second and "objecting: 2" in second and "⚠️ Contested" in second
    third = listing.split(f"\n\nRec-{narrow} ")[1]
    assert "Countries backing it: 3" in third and "Broad support" not in third  # no civil society, no observer
    for name in ("Luis", "Rosa", "Pedro", "Carla", "Olga", "Ana", "RROCM", "RNCOM", "IOM"):
        assert name not in listing
    answer = (await marta.ask("/support")).text  # closed now, and still not a moderator's
    assert f"Rec-{broad}" not in answer


async def test_the_rule_broad_needs_every_kind_present_and_contested_two_countries(bot, workshop_id):
    storage = bot.storage
    broad, contested, narrow = await setup(storage, workshop_id)
    found = await storage.support_by_constituency(workshop_id, (await storage.workshop(workshop_id)).definition,
                                                  [broad, contested, narrow])
    assert (found[broad].broad, found[broad].contested, found[broad].backing_countries) == (False, False, 2)
    assert dict(found[broad].by_kind)["observer"] == constituency.Counts(0, 0, 1)
    assert found[contested].contested and not found[contested].broad
    assert found[narrow].backing_countries == 3 and not found[narrow].broad
    # With only governments at a workshop, three countries are enough.
    only = constituency.breakdown([(1, "support", c, None, 1) for c in ("GT", "HN", "SV")], [1], {},
                                  ("government",), 3)
    assert only[1].broad
    assert not constituency.breakdown([(1, "object", "GT", None, 2)], [1], {}, ("government",))[1].contested


async def test_the_roadmap_prints_the_table_and_marks_the_flagged_recommendations(bot, workshop_id):
    storage = bot.storage
    broad, contested, narrow = await setup(storage, workshop_id)
    await storage.set_stance(broad, await person_id(storage, 8302), "support")
    draft = await roadmap_data(storage, workshop_id, "en")
    assert all(i.constituency is None for i in draft.items)  # the vote is still open: nothing to print
    assert "Support by constituency" not in flat(text(build_roadmap(draft)))

    await open_phase(storage, workshop_id, "plenary", state="closed")
    data = await roadmap_data(storage, workshop_id, "en")
    by_id = {i.id: i for i in data.items}
    assert by_id[broad].constituency.broad and by_id[contested].constituency.contested
    assert by_id[broad].constituency.by_kind[0] == ("government", 3, 0, 0)
    printed = flat(text(build_roadmap(data)))
    assert "Support by constituency" in printed
    assert "Broad support: backed by participants from at least 3 countries" in printed
    # the threshold the bot flags by, not a number written into the sentence
    assert f"Contested: objections from at least {constituency.CONTESTED_COUNTRIES} countries;" in printed
    assert f"Rec-{broad} Governments" not in printed  # a table, not a sentence: check the row's cells
    assert f"Rec-{broad} 3 / 0 / 0 0 / 0 / 1 1 / 0 / 0 3 Broad support" in printed
    assert f"Rec-{contested} 1 / 2 / 0 0 / 0 / 0 0 / 0 / 0 1 Contested: objected to by 2 countries" in printed
    assert f"Rec-{broad} [Broad support] Certificar competencias" in printed  # the mark beside it
    assert f"Rec-{contested} [Contested: objected to by 2 countries] Redes comunitarias de acogida" in printed
    assert f"Rec-{narrow} Registro regional de retornos" in printed  # no flag, no mark
    table = printed.split("with who made them, are under “Recommendations by level”.")[1][:400]  # after its note
    assert f"Rec-{narrow} 3 / 0 / 0" in table
    for name in ("Luis", "Rosa", "Pedro", "Carla", "Olga", "RROCM", "RNCOM", "IOM"):
        assert name not in table

    spanish = flat(text(build_roadmap(await roadmap_data(storage, workshop_id, "es"))))
    assert "Apoyo por sector" in spanish and f"Rec-{broad} [Apoyo amplio] Certificar competencias" in spanish


def test_the_support_tables_columns_follow_the_summarys_order_of_who_took_part():
    """The support table's columns were states, civil society, observers under a summary listing states,
    observers, civil society (session 12's reading): one order, the bot's breakdown's, which the report's
    columns and the summary's rows both follow."""
    from reports.sections import constituency as columns

    assert columns.KINDS == constituency.KINDS
    assert constituency.KINDS == ("government", "observer", "civil_society")
