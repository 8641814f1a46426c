"""/profile, /forget and /table through the emulator."""

from tests.helpers import participant, person_id


async def test_a_participant_sees_and_corrects_their_profile(bot, emulator, workshop_id):
    ana = await participant(emulator, bot.storage, workshop_id, 3001)
    shown = await ana.ask("/profile")
    assert "Nombre: Ana Pérez" in shown.text and "País u organización: Guatemala" in shown.text
    assert "Mesa de trabajo: Grupo A" in shown.text
    await ana.press("Cambiar cargo")
    assert "Escribe tu cargo" in (await ana.next_message()).text
    refused = await ana.ask("x" * 201)
    assert "201 caracteres y el límite es 200" in refused.text
    await ana.ask("Viceministra")
    again = await ana.wait_for(lambda m: "Tu perfil" in m.text)
    assert "Cargo: Viceministra" in again.text
    await ana.press("Cambiar país u organización", message=again)
    await ana.next_message()
    await ana.press("Honduras")
    shown = await ana.wait_for(lambda m: "Tu perfil" in m.text)
    assert "País u organización: Honduras" in shown.text
    row = await bot.storage.membership(workshop_id, await person_id(bot.storage, 3001))
    assert (row.position, row.country) == ("Viceministra", "HN")


async def test_forget_erases_personal_data_and_keeps_items_anonymous(bot, emulator, workshop_id):
    john = await participant(emulator, bot.storage, workshop_id, 3002, english=True)
    pid = await person_id(bot.storage, 3002)
    item, _ = await bot.storage.submit_contribution(
        workshop_id=workshop_id, author_id=pid, kind="challenge", level="individual", dimensions=["social"],
        details={"description": "No shelters"}, attribution="named", language="en")
    confirm = await john.ask("/forget")
    assert "Erase your data?" in confirm.text
    await john.press("No, keep it")
    assert (await john.next_message()).text == "Nothing was erased."
    await john.press("Yes, erase my data", message=confirm)
    assert "was erased" in (await john.next_message()).text
    row = await bot.storage.membership(workshop_id, pid)
    assert row.full_name is None and row.institution is None and row.forgotten_at
    kept = await bot.storage.contribution(item.id)
    assert kept.details == {"description": "No shelters"} and kept.attribution == "anonymous"
    assert "finish your registration" in (await john.ask("/profile")).text


async def test_table_shows_moderators_and_rapporteur(bot, emulator, workshop_id):
    ana = await participant(emulator, bot.storage, workshop_id, 3003, table="B")
    mod = await participant(emulator, bot.storage, workshop_id, 3004, table=None, name="Mónica Moderadora")
    table_b = {t.code: t.id for t in await bot.storage.working_tables(workshop_id)}["B"]
    await bot.storage.join_workshop(workshop_id, await person_id(bot.storage, 3004), "moderator", table_b)
    shown = await ana.ask("/table")
    assert "Grupo B · nivel Comunitario" in shown.text
    assert "Moderación: Mónica Moderadora, OIM" in shown.text
    assert "Relatoría: sin designar todavía" in shown.text
    assert mod is not None


async def test_a_participant_without_a_table_is_offered_the_choice(bot, emulator, workshop_id):
    john = await participant(emulator, bot.storage, workshop_id, 3005, english=True, table=None)
    offered = await john.ask("/table")
    assert offered.text.startswith("Choose your working table")
    await john.press(next(t for t in offered.button_texts if t.startswith("Group C")))
    assert "You are in Group C" in (await john.next_message()).text
    assert "Group C · Structural level" in (await john.ask("/table")).text
