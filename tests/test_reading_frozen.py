"""A frozen reading: /reading opens only once the plenary vote closed; its order (dots, then supports, then
fewer objections, then the older reference) is fixed and stored when it opens, shown to everyone as a list and
never recomputed from live tallies; once ended the list is frozen, and only the secretariat can reopen it,
which the audit log records."""

from handlers import callbacks
from tests.helpers import item, open_phase, person_id, seat


async def setup(storage, workshop_id):
    ana = await seat(storage, workshop_id, 7301, "Ana Pérez", table="A")
    luis = await seat(storage, workshop_id, 7302, "Luis Gómez", table="B", country="HN")
    rosa = await seat(storage, workshop_id, 7303, "Rosa Cruz", table="C", country="SV")
    await seat(storage, workshop_id, 7304, "Marta Mod", role="moderator", table="A", language="en")
    await seat(storage, workshop_id, 7305, "Sara Secretaría", role="secretariat", country=None, language="en")
    refs = [await item(storage, workshop_id, author, "recommendation", table=table, action=action)
            for author, table, action in ((ana, "A", "Primera"), (luis, "B", "Segunda"), (rosa, "C", "Tercera"),
                                          (ana, "A", "Cuarta"), (luis, "B", "Quinta"))]
    first, second, third, _, _ = refs
    # 2 dots each on the first three
    await storage.change_vote(workshop_id, first, rosa, 2, 5)
    await storage.change_vote(workshop_id, second, rosa, 2, 5)
    await storage.change_vote(workshop_id, third, ana, 2, 5)
    for supporter in (ana, rosa):  # the second and third equal on dots and supports...
        await storage.set_stance(second, supporter, "support")
    await storage.set_stance(third, luis, "support")
    await storage.object_with_reason(third, rosa, "Ya existe")  # ...the third has one objection more
    await storage.set_stance(third, await seat(storage, workshop_id, 7306, "Pedro Paz", table="C"), "support")
    return refs


def order_in(text: str) -> list[str]:
    return [line.split(" · ")[0].split(". ", 1)[1] for line in text.splitlines() if line[:1].isdigit()]


async def test_the_reading_waits_for_the_vote_then_keeps_the_order_it_opened_with(bot, emulator, workshop_id):
    storage = bot.storage
    first, second, third, fourth, fifth = await setup(storage, workshop_id)
    sara = emulator.user(7305, "Sara", language_code="en")
    await open_phase(storage, workshop_id, "plenary")
    assert (await sara.ask("/reading")).text == "The joint reading opens once the plenary vote has closed."
    assert await storage.reading(workshop_id) is None

    await open_phase(storage, workshop_id, "plenary", state="closed")
    listing = await sara.ask("/reading")
    expected = [f"Rec-{n}" for n in (second, third, first, fourth, fifth)]  # fourth, fifth: a tie, by reference
    assert order_in(listing.text) == expected
    assert "on equal votes, more supports; then fewer objections; then the older reference" in listing.text
    assert listing.button_texts == ["End the reading"]
    card = await sara.next_message()
    assert f"Rec-{second}" in card.text and "Votes: 2 · Support: 2 · Objections: 0" in card.text

    for telegram_id in (7301, 7302, 7303):  # votes arriving late (or forged) change nothing now
        await storage.change_vote(workshop_id, fifth, await person_id(storage, telegram_id), 2, 5)
    ana = emulator.user(7301, "Ana", language_code="es")
    seen = await ana.ask("/reading")  # everyone sees the same list (in their letters), without the secretariat's
    assert order_in(seen.text) == [f"Rec-{n}" for n in (second, third, first, fourth, fifth)]
    assert seen.button_texts == ["🔔 Seguir las decisiones"]  # buttons: only following it (test_reading_follow)
    marta = emulator.user(7304, "Marta", language_code="en")
    assert order_in((await marta.ask("/reading")).text) == expected
    assert order_in((await sara.ask("/reading")).text) == expected
    last = await sara.next_message()
    for n in range(2, 6):
        await sara.press("▶", message=last)
        last = await sara.wait_for(lambda m, c=last, n=n: m.message_id == c.message_id
                                   and f"Recommendation {n} of 5" in m.text)
    assert f"Rec-{fifth}" in last.text and "Votes: 0 ·" in last.text  # the tally it was ordered by
    stored = await storage.reading(workshop_id)
    assert [item_id for item_id, _ in stored.entries] == [second, third, first, fourth, fifth]


async def test_an_ended_reading_is_frozen_until_the_secretariat_reopens_it(bot, emulator, workshop_id):
    storage = bot.storage
    first, second, *_ = await setup(storage, workshop_id)
    await open_phase(storage, workshop_id, "plenary", state="closed")
    sara = emulator.user(7305, "Sara", language_code="en")
    listing = await sara.ask("/reading")
    card = await sara.next_message()
    await sara.press("Adopt", message=card)
    await sara.wait_for(lambda m: m.message_id == card.message_id and f"Rec-{second} adopted" in m.text)

    await sara.press("End the reading", message=listing)
    assert (await sara.next_message()).text.startswith("The joint reading has ended; its list is frozen.")
    frozen = await sara.next_message()
    assert "list frozen" in frozen.text and frozen.button_texts == ["Reopen the reading"]
    await sara.press("▶", message=card)  # an old card's buttons no longer decide anything
    answer = await sara.wait_for_callback_answer()
    assert answer["text"] == "The reading has ended; its list is frozen." and answer["show_alert"]
    await sara.press_data(callbacks.READING_ASIDE.data(first, 2), card.message_id)
    assert (await sara.wait_for_callback_answer())["text"] == "The reading has ended; its list is frozen."
    assert await storage.dialogue(await person_id(storage, 7305)) is None
    ana = emulator.user(7301, "Ana", language_code="es")
    assert "lista congelada" in (await ana.ask("/reading")).text

    for user in (ana, emulator.user(7304, "Marta", language_code="en")):  # a participant, a moderator
        await user.press_data(callbacks.READING_REOPEN.data(), (await user.ask("/help")).message_id)
        assert (await user.wait_for_callback_answer())["show_alert"]
    assert (await storage.reading(workshop_id)).ended

    await sara.press("Reopen the reading", message=frozen)
    assert (await sara.next_message()).text.startswith("Why is the joint reading reopened?")
    assert (await sara.ask("Una delegación pidió volver sobre la segunda")).text.startswith(
        "The joint reading is reopened, in the same order")
    again = await sara.next_message()
    assert order_in(again.text) == order_in(listing.text) and again.button_texts == ["End the reading"]
    card = await sara.next_message()
    assert f"Rec-{second}" in card.text and "Outcome: adopted" in card.text
    audit = await storage.fetch_all("SELECT action, actor_id FROM audit_log WHERE action LIKE 'reading_%' ORDER BY id")
    sara_id = await person_id(storage, 7305)
    assert [tuple(r) for r in audit] == [("reading_opened", sara_id), ("reading_adopted", sara_id),
                                         ("reading_ended", sara_id), ("reading_reopened", sara_id)]
