"""Merging into an item the suggestions do not show: at a table with more items than one screen (the old picker
listed the 20 most recent, so a day-1 original could never be chosen), the moderator finds one original by its
reference and another by a few words, pages through the list, and each press merges. Every refusal is said
plainly (itself, another table's item, an item already merged, another kind, nothing of that name), every step
is refused to the wrong role, and the typed search survives a restart."""

from bot.offline.runner import OfflineBot, offline_settings
from handlers import callbacks
from tests.helpers import item, person_id, seat
from tests.test_moderation_session import moderator_of, table_id

# Challenges of a busy table, on other subjects than the two originals below.
FILLER = [
    "Falta de empleo formal en los municipios de retorno",
    "Los bancos no abren cuentas a quienes vuelven",
    "No hay seguimiento a las personas después del primer mes",
    "Escasa coordinación entre el gobierno central y los municipios",
    "Niñas y niños retornados pierden el año escolar",
    "Las comunidades ven a los deportados como delincuentes",
    "Deudas con coyotes que obligan a migrar otra vez",
    "Sin certificación de los oficios aprendidos en Estados Unidos",
    "Falta de atención en salud mental en los puntos de llegada",
    "Pandillas que amenazan a los jóvenes que regresan",
    "Las remesas dejan de llegar y las familias se empobrecen",
    "Los programas de reintegración no tienen presupuesto propio",
    "No hay datos comparables entre países sobre el retorno",
    "Las personas con enfermedades crónicas interrumpen su tratamiento",
    "No se reconocen los estudios hechos en el exterior",
    "Los intérpretes de lenguas indígenas escasean en la recepción",
    "Pocas empresas privadas contratan a personas retornadas",
    "La información sobre servicios llega tarde, ya en el país",
    "Las tierras de cultivo se perdieron durante la ausencia",
    "Los adultos mayores retornados no tienen pensión",
    "Faltan proyectos productivos comunitarios",
    "Las personas LGBTI retornadas sufren discriminación en su comunidad",
]


async def crowded_table(storage, workshop_id):
    """Table A with 26 challenges: two day-1 originals, 22 others, and two late duplicates of the originals."""
    ana = await seat(storage, workshop_id, 4101, "Ana Pérez", table="A")
    john = await seat(storage, workshop_id, 4102, "John Smith", table="A", language="en")
    ids = {
        "documents": await item(storage, workshop_id, ana, "challenge", table="A",
                                description="Las personas retornadas llegan sin documentos de identidad y no pueden "
                                            "acceder a los servicios públicos"),
        "shelters": await item(storage, workshop_id, ana, "challenge", table="A",
                               description="No hay albergues para mujeres retornadas que sufrieron violencia"),
    }
    for text in FILLER:
        await item(storage, workshop_id, ana, "challenge", table="A", description=text)
    ids["late_documents"] = await item(storage, workshop_id, john, "challenge", table="A", language="en",
                                       description="Without an ID card, deportees are shut out of public services")
    ids["late_shelters"] = await item(storage, workshop_id, john, "challenge", table="A", language="en",
                                      description="Women sent back after surviving violence have no shelter to go to")
    return ids


async def open_picker(mod, item_id, message_id):
    """The "🔗 Merge into another item…" button of an item's card."""
    await mod.press_data(callbacks.MOD_PICK_SURVIVOR.data(item_id), message_id)
    return await mod.wait_for(lambda m: "into which item?" in m.text)


def merge_button(message, ref):
    return next(t for t in message.button_texts if t.startswith(f"{ref} ·"))


async def test_a_day_one_original_found_by_reference_and_another_by_words(bot, emulator, workshop_id):
    storage = bot.storage
    mod = await moderator_of(emulator, storage, workshop_id)
    ids = await crowded_table(storage, workshop_id)
    a = await table_id(storage, workshop_id)
    assert len(await storage.contributions(workshop_id, table_id=a)) == 26

    dashboard = await mod.ask("/mod")
    assert "Review (26)" in " ".join(dashboard.button_texts)
    picker = await open_picker(mod, ids["late_documents"], dashboard.message_id)
    assert f"Merge C-{ids['late_documents']} into which item?" in picker.text
    assert "All of them (25), newest first · page 1 of 4" in picker.text
    refs = [t.split(" ·")[0] for t in picker.button_texts if " · " in t]
    assert len(refs) == 8 and f"C-{ids['documents']}" not in refs and f"C-{ids['late_documents']}" not in refs
    # The pages turn in the same message, through to the day-1 items at the end.
    await mod.press("▶", message=picker)
    page = await mod.wait_for(lambda m: m.message_id == picker.message_id and "page 2 of 4" in m.text)
    await mod.press("▶", message=page)
    page = await mod.wait_for(lambda m: m.message_id == picker.message_id and "page 3 of 4" in m.text)
    await mod.press("▶", message=page)
    last = await mod.wait_for(lambda m: m.message_id == picker.message_id and "page 4 of 4" in m.text)
    assert merge_button(last, f"C-{ids['documents']}") and "▶" not in last.button_texts and "◀" in last.button_texts

    # By reference, typed loosely: "c12" for C-12.
    found = await mod.ask(f"c{ids['documents']}")
    assert [t for t in found.button_texts if " · " in t] == [merge_button(found, f"C-{ids['documents']}")]
    await mod.press(merge_button(found, f"C-{ids['documents']}"), message=found)
    assert f"C-{ids['late_documents']} merged into C-{ids['documents']}" in (await mod.next_message()).text
    merged = await storage.contribution(ids["late_documents"])
    assert (merged.status, merged.merged_into) == ("merged", ids["documents"])
    assert await storage.dialogue(await person_id(storage, 3001)) is None  # the picker has done its work

    # By a few words, in Spanish for an English item: the original is the closest.
    picker = await open_picker(mod, ids["late_shelters"], dashboard.message_id)
    found = await mod.ask("albergues mujeres violencia")
    assert "Found for «albergues mujeres violencia»" in found.text
    assert found.button_texts[0] == merge_button(found, f"C-{ids['shelters']}")
    await mod.press(found.button_texts[0], message=found)
    assert f"C-{ids['late_shelters']} merged into C-{ids['shelters']}" in (await mod.next_message()).text
    assert (await storage.contribution(ids["late_shelters"])).merged_into == ids["shelters"]
    survivor = await storage.contribution(ids["shelters"])
    assert survivor.status == "submitted" and len(await storage.authors(ids["shelters"])) == 2
    await mod.send_text("/audit")
    trail = await mod.wait_for(lambda m: "Audit trail" in m.text)
    assert trail.text.count(" merged ") == 2


async def test_every_refusal_says_why_and_changes_nothing(bot, emulator, workshop_id):
    storage = bot.storage
    mod = await moderator_of(emulator, storage, workshop_id)
    ana = await seat(storage, workshop_id, 4201, "Ana Pérez", table="A")
    bea = await seat(storage, workshop_id, 4202, "Bea Ruiz", table="B")
    ours = await item(storage, workshop_id, ana, "challenge", table="A", description="Falta de vivienda temporal")
    other = await item(storage, workshop_id, ana, "challenge", table="A", description="Sin albergue al llegar")
    gone = await item(storage, workshop_id, ana, "challenge", table="A", description="No hay dónde dormir")
    practice = await item(storage, workshop_id, ana, "good_practice", table="A", name="Albergue municipal")
    theirs = await item(storage, workshop_id, bea, "challenge", table="B", description="Secreto de la mesa B")
    rejected = await item(storage, workshop_id, ana, "challenge", table="A", description="Fuera de tema")
    await storage.merge_contributions(gone, other, None)
    await storage.moderate_contribution(rejected, None, "rejected", "off topic")

    dashboard = await mod.ask("/mod")
    picker = await open_picker(mod, ours, dashboard.message_id)
    assert "All of them (1)" in picker.text  # the other challenge only: not the practice, merged or rejected
    assert [t.split(" ·")[0] for t in picker.button_texts if " · " in t] == [f"C-{other}"]

    answer = await mod.ask(f"C-{ours}")
    assert f"C-{ours} cannot be merged into itself" in answer.text and not [t for t in answer.button_texts
                                                                           if " · " in t]
    answer = await mod.ask(f"C-{theirs}")
    assert f"C-{theirs} belongs to another table" in answer.text and "Secreto" not in answer.text
    answer = await mod.ask(f"C-{gone}")
    assert f"C-{gone} was already merged into C-{other}" in answer.text
    assert merge_button(answer, f"C-{other}")  # where it lives on is offered instead
    answer = await mod.ask(f"G-{practice}")
    assert f"G-{practice} is a «Good practice» and C-{ours} a «Challenge»" in answer.text
    answer = await mod.ask(f"C-{practice}")  # that number is a good practice: there is no challenge of that name
    assert f"There is no item C-{practice} at this table" in answer.text
    answer = await mod.ask(f"C-{rejected}")
    assert f"C-{rejected} is no longer open (rejected)" in answer.text
    answer = await mod.ask("remesas colectivas")
    assert "Nothing found for «remesas colectivas»" in answer.text
    await mod.press("📋 All of them (1)", message=answer)
    back = await mod.wait_for(lambda m: m.message_id == answer.message_id and "All of them (1)" in m.text)
    assert merge_button(back, f"C-{other}")

    # Forged or stale presses of the merge button itself.
    for survivor, said in ((gone, f"C-{gone} was already merged into C-{other}"),
                           (practice, "only items of the same kind can be merged"),
                           (ours, "cannot be merged into itself"),
                           (theirs, "Only this table's moderators")):
        await mod.press_data(callbacks.MOD_MERGE.data(ours, survivor), picker.message_id)
        assert said in (await mod.next_message()).text, survivor
    for unchanged in (ours, other, practice, theirs):
        assert (await storage.contribution(unchanged)).status == "submitted"
    # The table's only good practice has nothing of its kind to be merged into.
    await mod.press_data(callbacks.MOD_PICK_SURVIVOR.data(practice), picker.message_id)
    assert "nothing to merge it into: no other «Good practice»" in (await mod.next_message()).text


async def test_each_step_of_the_picker_is_refused_to_the_wrong_role(bot, emulator, workshop_id):
    storage = bot.storage
    mod_a = await moderator_of(emulator, storage, workshop_id, table="A")
    mod_b = await moderator_of(emulator, storage, workshop_id, table="B", user_id=3002, name="Bruno Mod")
    ana_id = await seat(storage, workshop_id, 4301, "Ana Pérez", table="A", language="en")
    ana = emulator.user(4301, "Ana", language_code="en")
    first = await item(storage, workshop_id, ana_id, "challenge", table="A", description="Falta de vivienda")
    second = await item(storage, workshop_id, ana_id, "challenge", table="A", description="Sin vivienda al llegar")

    # A participant: the picker's button, its merge buttons, its page buttons.
    probe = await ana.ask("/help")
    for data in (callbacks.MOD_PICK_SURVIVOR.data(first), callbacks.MOD_MERGE.data(first, second)):
        await ana.press_data(data, probe.message_id)
        assert "Only this table's moderators" in (await ana.next_message()).text, data
        assert (await ana.wait_for_callback_answer())["show_alert"], data
    await ana.press_data(callbacks.FLOW_PRESS.data("modmerge", "search", "1"), probe.message_id)
    assert "button" in (await ana.wait_for_callback_answer())["text"].lower()  # stale: no picker is hers
    # The moderator of another table: the same.
    dashboard = await mod_b.ask("/mod")
    for data in (callbacks.MOD_PICK_SURVIVOR.data(first), callbacks.MOD_MERGE.data(first, second)):
        await mod_b.press_data(data, dashboard.message_id)
        assert "Only this table's moderators" in (await mod_b.next_message()).text, data
    assert await storage.dialogue(await person_id(storage, 3002)) is None

    # A moderator who loses the role with the picker open: the typed search and the page press are refused.
    dashboard = await mod_a.ask("/mod")
    picker = await open_picker(mod_a, first, dashboard.message_id)
    moderator = await person_id(storage, 3001)
    await storage.write("DELETE FROM roles WHERE person_id = ? AND role = 'moderator'", (moderator,))
    refused = await mod_a.ask(f"C-{second}")
    assert "Only this table's moderators" in refused.text
    assert await storage.dialogue(moderator) is None
    await mod_a.press_data(callbacks.MOD_MERGE.data(first, second), picker.message_id)
    assert "Only this table's moderators" in (await mod_a.next_message()).text
    assert (await storage.contribution(first)).status == "submitted"


async def test_the_typed_search_survives_a_restart(emulator, database, workshop_id):
    settings = offline_settings(emulator, database)
    async with OfflineBot(settings) as bot:
        storage = bot.storage
        mod = await moderator_of(emulator, storage, workshop_id)
        ids = await crowded_table(storage, workshop_id)
        dashboard = await mod.ask("/mod")
        await open_picker(mod, ids["late_shelters"], dashboard.message_id)
        found = await mod.ask("mujeres")
        assert merge_button(found, f"C-{ids['shelters']}")
    async with OfflineBot(settings) as bot:  # a restart between the search and the choice
        again = await mod.ask(f"C-{ids['shelters']}")
        await mod.press(merge_button(again, f"C-{ids['shelters']}"), message=again)
        assert f"merged into C-{ids['shelters']}" in (await mod.next_message()).text
        assert (await bot.storage.contribution(ids["late_shelters"])).merged_into == ids["shelters"]
