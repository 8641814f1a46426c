"""A recommendation the floor amended is adopted as amended (issue 12, finding 2): the secretariat presses
"Adopt" at the joint reading on a recommendation whose table took an amendment from the floor into its text;
what is recorded, what the secretariat is told, and what the roadmap prints and counts agree that it was
adopted as amended, while one nobody amended is simply adopted."""

from dataclasses import replace

from bot.jobs.roadmap_data import roadmap_data
from reports.labels import load_labels
from reports.roadmap import build_roadmap
from tests.helpers import open_phase, person_id
from tests.reports.pdftext import text
from tests.test_plenary_amendments import NEW, setup


async def test_adopting_a_recommendation_the_floor_amended_records_it_as_amended(bot, emulator, workshop_id):
    storage = bot.storage
    first, second = await setup(storage, workshop_id)
    john = await person_id(storage, 7202)
    await storage.propose_amendment(first, john, NEW, "Ser más precisa", "named")
    rita = emulator.user(7204, "Rita", language_code="es")  # table A's rapporteur takes it into the text
    await rita.send_text("/rapporteur")
    desk = await rita.wait_for(lambda m: m.has_button("📝 Enmiendas de la sala"))
    await rita.press("📝 Enmiendas de la sala", message=desk)
    listing = await rita.wait_for(lambda m: "Enmiendas propuestas" in m.text)
    await rita.press("✓ Aceptar A-1", message=listing)
    await rita.wait_for(lambda m: m.text.startswith("A-1 aceptada"))
    await open_phase(storage, workshop_id, "plenary", state="closed")

    sara = emulator.user(7207, "Sara", language_code="en")
    await sara.ask("/reading")
    card = await sara.next_message()
    assert f"Rec-{first}" in card.text and "Recommendation 1 of 2" in card.text
    await sara.press("Adopt", message=card)
    turned = await sara.wait_for(lambda m: m.message_id == card.message_id and "Recommendation 2 of" in m.text)
    assert f"✓ Rec-{first} adopted as amended from the floor" in turned.text
    assert (await storage.contribution(first)).status == "adopted_amended"
    await sara.press("Adopt", message=turned)  # the other one: nobody amended it
    await sara.wait_for(lambda m: m.message_id == card.message_id and "Recommendation 2 of" in m.text
                        and "adopted" in m.text and "✓" not in m.text)
    assert (await storage.contribution(second)).status == "adopted"
    audit = await storage.fetch_all("SELECT action FROM audit_log WHERE action LIKE 'reading_adopted%' ORDER BY id")
    assert [r[0] for r in audit] == ["reading_adopted_amended", "reading_adopted"]

    for language in ("es", "en"):
        L = load_labels(language)
        data = await roadmap_data(storage, workshop_id, language)
        full = text(build_roadmap(replace(data, final=True)))  # as the final roadmap, once the workshop closes
        conclusions = full[full.rindex(L("sections.conclusions")):]
        assert L.plural("fields.conclusions_amended_n", 1) in conclusions
        assert L.plural("fields.conclusions_adopted_n", 1) in conclusions  # the other one only
        assert f"{L('fields.before')}:" in full and f"{L('fields.after')}:" not in full  # "after" is its text now


async def test_a_reading_that_changes_the_floors_wording_is_not_credited_to_the_floor(bot, emulator, workshop_id):
    """The table took John's amendment into the text, then the joint reading amended that text itself: the
    roadmap says the reading adopted it as amended, names John with his amendment (its heading, its wording
    before and after), and does not credit him with the text adopted (session 10's review)."""
    storage = bot.storage
    first, _ = await setup(storage, workshop_id)
    john = await person_id(storage, 7202)
    await storage.propose_amendment(first, john, NEW, "Ser más precisa", "named")
    rita = emulator.user(7204, "Rita", language_code="es")
    await rita.send_text("/rapporteur")
    desk = await rita.wait_for(lambda m: m.has_button("📝 Enmiendas de la sala"))
    await rita.press("📝 Enmiendas de la sala", message=desk)
    listing = await rita.wait_for(lambda m: "Enmiendas propuestas" in m.text)
    await rita.press("✓ Aceptar A-1", message=listing)
    await rita.wait_for(lambda m: m.text.startswith("A-1 aceptada"))
    await open_phase(storage, workshop_id, "plenary", state="closed")

    sara = emulator.user(7207, "Sara", language_code="en")
    await sara.ask("/reading")
    await sara.press("Adopt as amended", message=await sara.next_message())
    await sara.next_message()
    reading_text = NEW + " con metas anuales"
    asked = await sara.ask(reading_text)
    await sara.press("Skip", message=asked)
    await sara.wait_for(lambda m: f"Rec-{first}" in m.text and "adopted as amended" in m.text)
    stored = await storage.contribution(first)
    assert (stored.status, stored.details["action"]) == ("adopted_amended", reading_text)

    for language in ("es", "en"):
        L = load_labels(language)
        data = await roadmap_data(storage, workshop_id, language)
        full = text(build_roadmap(replace(data, final=True)))
        floor_credit = L("fields.on_amendment", proposer="").split("{")[0].strip(" ,")
        assert floor_credit not in full, language  # "on an amendment from the floor …" is not the outcome
        assert L("fields.amendment") in full and "John Smith" in full  # his amendment, headed and credited
        assert f"{L('fields.after')}:" in full  # his wording, which is no longer the text adopted
        assert reading_text[:40] in full
