"""A table recommendation drafted from members' recommendations keeps what they said about scope, actors,
timeframe and cross-cutting issues, stays linked to them, and is stored without a person's name."""

from tests.helpers import item, open_phase, seat
from tests.test_moderation_session import table_id


async def test_a_draft_from_members_items_takes_over_their_details(bot, emulator, workshop_id):
    storage = bot.storage
    john_id = await seat(storage, workshop_id, 6201, "John Smith", table="A", language="en")
    ana_id = await seat(storage, workshop_id, 6202, "Ana Pérez", table="A")
    a = await table_id(storage, workshop_id)
    await open_phase(storage, workshop_id, "tables", table="A")
    await storage.set_rapporteur(workshop_id, a, john_id, None)
    first = await item(storage, workshop_id, ana_id, "recommendation", table="A", scope="regional",
                       timeframe="medium", actors=["national_authorities"], crosscutting=["gender"])
    second = await item(storage, workshop_id, john_id, "recommendation", table="A", scope="regional",
                        timeframe="short", actors=["civil_society", "national_authorities"], language="en")
    third = await item(storage, workshop_id, ana_id, "recommendation", table="A", scope="national",
                       timeframe="short", actors=["local_governments"], dimensions=("social",))

    john = emulator.user(6201, "John", language_code="en")
    desk = await john.ask("/rapporteur")
    await john.press("➕ From members' items", message=desk)
    pick = await john.next_message()
    for source in (first, second, third):
        await john.press(next(t for t in pick.button_texts if f"Rec-{source} " in t))
        pick = await john.wait_for(lambda m, s=source: any(t.startswith(f"✅ Rec-{s} ") for t in m.button_texts))
    await john.press("Done choosing", message=pick)
    await john.next_message()
    dims = await john.ask("One regional reception protocol, agreed by every authority")
    assert "Which dimensions" in dims.text  # scope and timeframe came from the sources: not asked
    await john.press("💾 Save", message=dims)
    assert "linked to 3 members' items" in (await john.next_message()).text

    [drafted] = [i for i in await storage.contributions(workshop_id, table_id=a) if i.consolidated]
    assert drafted.details == {
        "action": "One regional reception protocol, agreed by every authority",
        "scope": "regional", "timeframe": "short",
        "actors": ["national_authorities", "civil_society", "local_governments"], "crosscutting": ["gender"]}
    assert drafted.dimensions == ("economic", "social") and drafted.attribution == "anonymous"
    assert sorted(to for to, rel in await storage.links(drafted.id) if rel == "consolidates") == [first, second, third]


async def test_a_new_draft_asks_scope_and_timeframe_with_the_participants_labels(bot, emulator, workshop_id):
    storage = bot.storage
    luis_id = await seat(storage, workshop_id, 6301, "Luis Gómez", table="A")
    a = await table_id(storage, workshop_id)
    await open_phase(storage, workshop_id, "tables", table="A")
    await storage.set_rapporteur(workshop_id, a, luis_id, None)
    luis = emulator.user(6301, "Luis", language_code="es")
    await luis.press("➕ Nueva recomendación", message=await luis.ask("/rapporteur"))
    await luis.next_message()
    scope = await luis.ask("Ventanillas únicas en cada punto de llegada")
    assert scope.button_texts == ["Nacional (en cada país)", "Regional (entre países)"]
    await luis.press("Nacional (en cada país)", message=scope)
    timeframe = await luis.next_message()
    assert timeframe.button_texts == ["Corto plazo", "Mediano plazo", "Largo plazo"]
    await luis.press("Largo plazo", message=timeframe)
    dims = await luis.next_message()
    await luis.press("Social", message=dims)
    ticked = await luis.wait_for(lambda m: m.message_id == dims.message_id and "✅ Social" in m.button_texts)
    await luis.press("💾 Guardar", message=ticked)
    await luis.wait_for(lambda m: m.text.startswith("Guardada como Rec-"))
    [drafted] = [i for i in await storage.contributions(workshop_id, table_id=a) if i.consolidated]
    assert drafted.details == {"action": "Ventanillas únicas en cada punto de llegada", "scope": "national",
                               "timeframe": "long"}
