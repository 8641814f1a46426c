"""Day-1 items are mapped by level, so the table working on that level reviews them."""

from bot.domain.items import reviewing_table
from tests.helpers import choose, open_phase, participant, person_id, tick
from tests.test_moderation_session import moderator_of


def test_the_table_of_the_items_level_reviews_it():
    tables = [(1, "individual"), (2, "community"), (3, "structural"), (4, "community")]
    assert reviewing_table("challenge", "community", None, tables) == 2
    assert reviewing_table("challenge", "community", 4, tables) == 4       # the author's own table works on it
    assert reviewing_table("good_practice", "individual", 2, tables) == 1  # not the author's table
    assert reviewing_table("challenge", "galactic", 2, tables) is None
    assert reviewing_table("recommendation", "individual", 3, tables) == 3


async def test_a_challenge_sent_on_day_one_reaches_the_moderator_of_its_level(bot, emulator, workshop_id):
    storage = bot.storage
    ana = await participant(emulator, storage, workshop_id, 8101, table="B")
    await open_phase(storage, workshop_id, "mapping")
    await ana.ask("/challenge")
    await ana.ask("Falta de documentos de identidad al llegar")
    await ana.press("Individual")
    dims = await ana.next_message()
    await tick(ana, "Social", "Listo", message=dims)
    groups = await ana.next_message()
    await ana.press("Ninguno de estos", message=groups)
    await choose(ana, "Anónimo", "Enviar")
    await ana.press("Enviar")
    await ana.wait_for(lambda m: "R-" in m.text)
    [sent] = await storage.contributions(workshop_id, author_id=await person_id(storage, 8101))
    tables = {t.code: t.id for t in await storage.working_tables(workshop_id)}
    assert sent.table_id == tables["A"]  # table A works on the individual level; Ana sits at B

    mod_a = await moderator_of(emulator, storage, workshop_id, table="A", user_id=8201, name="Marta Mod")
    mod_b = await moderator_of(emulator, storage, workshop_id, table="B", user_id=8202, name="Olga Mod")
    assert "📋 Review (1)" in (await mod_a.ask("/mod")).button_texts
    assert not any(t.startswith("📋 Review (") and t != "📋 Review (0)" for t in (await mod_b.ask("/mod")).button_texts)
