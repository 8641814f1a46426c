"""The rapporteur's choices: the items start unchosen, the dimensions taken over from the chosen items are
said to be pre-selected (and which), and pressing Done or Save with nothing chosen says why instead of
silently asking again; the help tells a moderator where naming the rapporteur is."""

from tests.helpers import item, open_phase, seat
from tests.test_moderation_session import table_id


async def test_nothing_chosen_says_why_and_preselected_dimensions_are_named(bot, emulator, workshop_id):
    storage = bot.storage
    john_id = await seat(storage, workshop_id, 6401, "John Smith", table="A", language="en")
    a = await table_id(storage, workshop_id)
    await open_phase(storage, workshop_id, "tables", table="A")
    await storage.set_rapporteur(workshop_id, a, john_id, None)
    source = await item(storage, workshop_id, john_id, "recommendation", table="A", dimensions=("social",),
                        language="en")

    john = emulator.user(6401, "John", language_code="en")
    await john.press("➕ From members' items", message=await john.ask("/rapporteur"))
    pick = await john.next_message()
    assert not any(t.startswith("✅") for t in pick.button_texts)  # nothing chosen for them
    await john.press("Done choosing", message=pick)
    why = await john.wait_for(lambda m: "Choose at least one of the members' items first" in m.text)
    assert why.message_id != pick.message_id
    pick = await john.wait_for(lambda m: m.message_id > why.message_id and m.has_button("Done choosing"))
    await john.press(next(t for t in pick.button_texts if f"Rec-{source} " in t), message=pick)
    pick = await john.wait_for(lambda m: any(t.startswith(f"✅ Rec-{source} ") for t in m.button_texts))
    await john.press("Done choosing", message=pick)
    await john.next_message()
    dims = await john.ask("One protocol for every authority")
    assert "Pre-selected (✅) from the items you chose: Social" in dims.text
    await john.press("✅ Social", message=dims)  # unselect it: nothing chosen now
    dims = await john.wait_for(lambda m: m.message_id == dims.message_id and "✅ Social" not in m.button_texts)
    await john.press("💾 Save", message=dims)
    await john.wait_for(lambda m: "Nothing was saved: choose at least one dimension" in m.text)
    assert not [i for i in await storage.contributions(workshop_id, table_id=a) if i.consolidated]


async def test_the_moderators_help_says_the_dashboard_names_the_rapporteur(bot, emulator, workshop_id):
    await seat(bot.storage, workshop_id, 6402, "Marta Mod", role="moderator", table="A", language="en")
    marta = emulator.user(6402, "Marta", language_code="en")
    help_text = (await marta.ask("/help")).text
    assert "its 🖊 Rapporteur button names the rapporteur" in help_text
    assert "/rapporteur names" not in help_text
