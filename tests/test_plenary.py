"""Plenary feedback and dot votes, and the joint reading, through the emulator."""

from handlers import callbacks
from tests.helpers import item, seat


async def open_phase(storage, workshop_id, code):
    await storage.set_phase_state(workshop_id, code, "open", None, "2022-09-08T14:30:00+00:00")


async def setup(storage, workshop_id):
    ana = await seat(storage, workshop_id, 4001, "Ana Pérez", table="A", country="GT")
    john = await seat(storage, workshop_id, 4002, "John Smith", table="B", country="BZ", language="en")
    first = await item(storage, workshop_id, ana, "recommendation", table="A",
                       action="Certificar competencias <laborales>")
    second = await item(storage, workshop_id, john, "recommendation", table="B", level="community", language="en",
                        action="Fund community reception networks", scope="regional", timeframe="medium")
    return ana, john, first, second


async def consolidate(storage, workshop_id, rapporteur, *sources):
    """Table A's rapporteur drafts the table's recommendation, taking in ``sources``."""
    table_a = {t.code: t.id for t in await storage.working_tables(workshop_id)}["A"]
    consolidated, _ = await storage.submit_contribution(
        workshop_id=workshop_id, author_id=rapporteur, kind="recommendation", level="individual",
        dimensions=["economic"], details={"action": "Recomendación consolidada de la mesa A"},
        attribution="anonymous", language="es", table_id=table_a, consolidated=True,
        links=[(source, "consolidates") for source in sources])
    return consolidated


async def test_the_plenary_is_closed_until_it_opens(bot, emulator, workshop_id):
    await setup(bot.storage, workshop_id)
    ana = emulator.user(4001, "Ana", language_code="es")
    assert (await ana.ask("/plenary")).text.startswith("La plenaria no está abierta ahora.")
    stranger = emulator.user(4009, "Stranger", language_code="en")
    assert (await stranger.ask("/plenary")).text.startswith("Hello Stranger. To take part you need the invitation link")


async def test_support_votes_and_comments_on_cards(bot, emulator, workshop_id):
    storage = bot.storage
    _, _, first, second = await setup(storage, workshop_id)
    await open_phase(storage, workshop_id, "plenary")
    john = emulator.user(4002, "John", language_code="en")
    shown = await john.ask("/plenary")
    assert f"Rec-{first}" in shown.text and "Certificar competencias <laborales>" in shown.text
    assert "Your stance: no stance · Your votes here: 0 · 5 left" in shown.text
    assert "Recommendation 1 of 2" in shown.text
    await john.press("👍 Support")
    await john.wait_for(lambda m: "you support it" in m.text)
    for _ in range(3):  # at most 2 dots on one recommendation (the workshop file's plenary_votes_per_item)
        await john.press("＋ One vote")
        answer = await john.wait_for_callback_answer()
    assert answer["text"].startswith("You already have 2 votes on this recommendation") and answer["show_alert"]
    await john.wait_for(lambda m: "Your votes here: 2 · 3 left" in m.text)
    await john.press("▶")
    card = await john.wait_for(lambda m: "Fund community reception networks" in m.text)
    assert "Scope: regional · Timeframe: medium term" in card.text
    await john.press("＋ One vote")  # his own recommendation
    answer = await john.wait_for_callback_answer()
    assert answer["text"].startswith("You cannot put votes on your own recommendation") and answer["show_alert"]
    await john.press("💬 Comment")
    assert "Type your comment on Rec-" in (await john.next_message()).text
    assert (await john.ask("Needs <funding> & a timeline")).text.startswith(f"Comment on Rec-{second} saved")
    assert "Recommendation 2 of 2" in (await john.next_message()).text  # the last card: he stays on it
    tallies = await storage.tallies(workshop_id)
    assert (tallies[first].support, tallies[first].votes, tallies[second].votes) == (1, 2, 0)
    comment = await storage.fetch_value("SELECT text FROM feedback WHERE kind = 'comment'")
    assert comment == "Needs <funding> & a timeline"


async def test_totals_stay_hidden_during_the_plenary(bot, emulator, workshop_id):
    storage = bot.storage
    _, _, first, _ = await setup(storage, workshop_id)
    await open_phase(storage, workshop_id, "plenary")
    for telegram_id in (4001, 4002):
        person_id = await storage.fetch_value("SELECT id FROM people WHERE telegram_id = ?", (telegram_id,))
        await storage.change_vote(workshop_id, first, person_id, 1, 5)
    ana = emulator.user(4001, "Ana", language_code="es")
    shown = await ana.ask("/plenary")
    assert "Tus votos aquí: 1 · Te quedan 4" in shown.text
    assert "2" not in shown.text.split("Te quedan")[0].split("Tus votos")[1]


async def test_a_consolidated_recommendation_stands_for_its_table(bot, emulator, workshop_id):
    storage = bot.storage
    ana, _, first, _ = await setup(storage, workshop_id)
    consolidated = await consolidate(storage, workshop_id, ana, first)
    await open_phase(storage, workshop_id, "plenary")
    ana_user = emulator.user(4001, "Ana", language_code="es")
    shown = await ana_user.ask("/plenary")
    assert f"Rec-{consolidated.id} · recomendación de la mesa" in shown.text
    assert "Recomendación 1 de 2" in shown.text  # A's consolidated one, then B's


async def test_the_joint_reading_adopts_amends_and_sets_aside(bot, emulator, workshop_id):
    storage = bot.storage
    _, _, first, second = await setup(storage, workshop_id)
    third = await item(storage, workshop_id, await seat(storage, workshop_id, 4003, "Rosa Cruz", table="C"),
                       "recommendation", table="C", level="structural", action="Crear un registro regional")
    person = await storage.fetch_value("SELECT id FROM people WHERE telegram_id = 4001")
    await storage.change_vote(workshop_id, second, person, 3, 5)
    await seat(storage, workshop_id, 4100, "Sara Secretaría", role="secretariat", country=None, language="en")
    sara = emulator.user(4100, "Sara", language_code="en")
    listing = await sara.ask("/reading")  # the list everyone sees, then her first card
    assert "Fund community reception networks" in listing.text.splitlines()[2]  # most votes first
    shown = await sara.next_message()
    assert "Fund community reception networks" in shown.text
    assert "Votes: 3 · Support: 0 · Objections: 0 · Comments: 0" in shown.text
    assert "Outcome: pending" in shown.text
    await sara.press("Adopt")  # recorded, and she goes on at the next card
    card = await sara.wait_for(lambda m: m.message_id == shown.message_id and "Certificar competencias" in m.text)
    assert card.text.endswith(f"✓ Rec-{second} adopted; this is the next recommendation.")
    assert card.text.startswith(f"Rec-{first}") and "Recommendation 2 of 3" in card.text
    await sara.press("Adopt as amended", message=card)
    assert "Type the amended text" in (await sara.next_message()).text
    assert "Why was" in (await sara.ask("Certificar competencias laborales de personas retornadas")).text
    await sara.press("Skip")  # the reason of an amendment is optional
    assert "adopted as amended" in (await sara.next_message()).text
    following = await sara.next_message()  # she carries on at the next card
    assert "Crear un registro regional" in following.text and "Recommendation 3 of 3" in following.text
    await sara.press("Set aside", message=following)
    await sara.next_message()
    assert "set aside" in (await sara.ask("Ya existe un registro <SICA>")).text
    statuses = {i.id: (i.status, i.status_reason, i.details["action"])
                for i in await storage.contributions(workshop_id, kind="recommendation")}
    assert statuses[second][0] == "adopted"
    assert statuses[first] == ("adopted_amended", None, "Certificar competencias laborales de personas retornadas")
    assert statuses[third] == ("set_aside", "Ya existe un registro <SICA>", "Crear un registro regional")
    history = await storage.versions(first)
    assert history[0]["details"]["action"] == "Certificar competencias <laborales>"
    audit = await storage.fetch_all("SELECT action FROM audit_log WHERE action LIKE 'reading_%' ORDER BY id")
    assert [r[0] for r in audit] == ["reading_opened", "reading_adopted", "reading_adopted_amended",
                                     "reading_set_aside"]


async def test_participants_cannot_run_the_joint_reading(bot, emulator, workshop_id):
    _, _, first, _ = await setup(bot.storage, workshop_id)
    ana = emulator.user(4001, "Ana", language_code="es")
    assert (await ana.ask("/reading")).text.startswith("La lectura conjunta todavía no empezó: la abre la secretaría.")
    await ana.press_data(callbacks.READING_ADOPT.data(first, 0), ana.last_message.message_id)
    assert (await ana.wait_for_callback_answer())["text"] == "Solo para la secretaría."
    assert (await bot.storage.contribution(first)).status == "submitted"


async def test_a_members_recommendation_the_rapporteur_did_not_take_in_still_stands(bot, emulator, workshop_id):
    storage = bot.storage
    ana, _, first, second = await setup(storage, workshop_id)
    other = await item(storage, workshop_id, ana, "recommendation", table="A", action="Otra recomendación propia")
    consolidated = await consolidate(storage, workshop_id, ana, first)
    await open_phase(storage, workshop_id, "plenary")
    ana_user = emulator.user(4001, "Ana", language_code="es")
    shown = await ana_user.ask("/plenary")
    assert f"Rec-{consolidated.id}" in shown.text and "Recomendación 1 de 3" in shown.text
    await ana_user.press("▶")
    assert f"Rec-{other}" in (await ana_user.wait_for(lambda m: "Recomendación 2 de 3" in m.text)).text
    await ana_user.press("▶")
    assert f"Rec-{second}" in (await ana_user.wait_for(lambda m: "Recomendación 3 de 3" in m.text)).text


async def test_a_reasons_language_is_the_one_it_is_written_in(bot, emulator, workshop_id):
    """An English-speaking secretariat sets a Spanish recommendation aside with a reason typed in Spanish: the
    reason is known as Spanish (its English version is what the translation desk asks for, and the English
    roadmap names its original language), while a reason too short to tell is taken as its writer's."""
    from bot.jobs.roadmap_data import roadmap_data
    from reports.roadmap import build_roadmap
    from tests.reports.pdftext import text as pdf_text

    storage = bot.storage
    await setup(storage, workshop_id)
    await seat(storage, workshop_id, 4100, "Sara Secretaría", role="secretariat", country=None, language="en")
    sara = emulator.user(4100, "Sara", language_code="en")
    await sara.ask("/reading")
    card = await sara.next_message()
    for reason in ("Ya existe una red de recepción que los países de la región financian con sus presupuestos",
                   "SICA"):
        await sara.press("Set aside", message=card)
        await sara.next_message()
        done = await sara.ask(reason)
        assert "set aside" in done.text
        card = await sara.next_message()
    spanish, short = (await storage.fetch_all(
        "SELECT status_reason_language FROM contributions WHERE status = 'set_aside' ORDER BY updated_at"))
    assert (spanish[0], short[0]) == ("es", "en")
    english = " ".join(pdf_text(build_roadmap(await roadmap_data(storage, workshop_id, "en"))).split())
    said = english[english.index("Ya existe una red"):][:300]
    assert "original in Spanish" in said, said
