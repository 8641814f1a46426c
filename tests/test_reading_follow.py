"""Following the joint reading in private: a member presses "Follow decisions" under /reading's list and each
decision then reaches them as it is taken, in their language, through the bulk pacer; never twice (a double
press, a redelivered update, a restart), never on top of a question they are answering, and the reading's end
is told with its outcome in one sentence as the roadmap's conclusions say it; a reopening is told with its
reason and the decisions keep coming; a workshop closed with the reading still open is told, once, and ends
every follow."""

from bot.storage import Storage
from handlers import callbacks
from tests.helpers import item, open_phase, person_id, seat

FOLLOW_ES, STOP_ES = "🔔 Seguir las decisiones", "🔕 Dejar de seguir"
FOLLOW_EN, STOP_EN = "🔔 Follow decisions", "🔕 Stop"


async def setup(storage, workshop_id) -> list[int]:
    """Three recommendations (read in this order: no votes, so by reference) and the plenary vote closed."""
    ana = await seat(storage, workshop_id, 8101, "Ana Pérez", table="A")
    luis = await seat(storage, workshop_id, 8102, "Luis Gómez", table="B", country="HN", language="en")
    await seat(storage, workshop_id, 8103, "Rosa Cruz", table="C", country="SV")
    await seat(storage, workshop_id, 8104, "Pedro Paz", table="C", country="SV", language="en")
    await seat(storage, workshop_id, 8105, "Sara Secretaría", role="secretariat", country=None, language="en")
    refs = [await item(storage, workshop_id, author, "recommendation", table=table, action=action)
            for author, table, action in ((ana, "A", "Crear una ventanilla única"),
                                          (luis, "B", "Certificar competencias"),
                                          (ana, "A", "Abrir albergues <temporales> & seguros"))]
    await open_phase(storage, workshop_id, "plenary", state="closed")
    return refs


def notices(user) -> list[str]:
    return [m.text for m in user.messages if m.text.startswith(("🟢", "🟡", "⚪", "🏁"))]


async def follow(user, button: str, stop: str):
    listing = await user.ask("/reading")
    assert listing.button_texts == [button]
    await user.press(button, message=listing)
    await user.wait_for(lambda m: m.message_id == listing.message_id and m.button_texts == [stop])
    return listing


async def open_reading(emulator):
    sara = emulator.user(8105, "Sara", language_code="en")
    listing = await sara.ask("/reading")
    assert listing.button_texts == ["End the reading"]  # the secretariat takes the decisions: no follow
    return sara, listing, await sara.next_message()


async def test_a_follower_gets_each_decision_in_order_in_their_language_and_others_none(bot, emulator, workshop_id):
    storage = bot.storage
    first, second, third = refs = await setup(storage, workshop_id)
    sara, sara_list, card = await open_reading(emulator)
    ana = emulator.user(8101, "Ana", language_code="es")
    luis = emulator.user(8102, "Luis", language_code="en")
    rosa = emulator.user(8103, "Rosa", language_code="es")
    pedro = emulator.user(8104, "Pedro", language_code="en")
    listing = await follow(ana, FOLLOW_ES, STOP_ES)
    assert (await ana.next_message()).text.startswith("🔔 Sigues la lectura conjunta")
    await ana.press(STOP_ES, message=listing)  # stop, then follow again: one row, kept
    await ana.wait_for(lambda m: m.message_id == listing.message_id and m.button_texts == [FOLLOW_ES])
    await ana.press(FOLLOW_ES, message=listing)
    await ana.wait_for(lambda m: m.message_id == listing.message_id and m.button_texts == [STOP_ES])
    await ana.press_data(callbacks.READING_FOLLOW.data(), listing.message_id)  # a double press changes nothing
    await ana.wait_for_callback_answer()
    await follow(luis, FOLLOW_EN, STOP_EN)
    pedro_list = await follow(pedro, FOLLOW_EN, STOP_EN)
    assert (await rosa.ask("/reading")).button_texts == [FOLLOW_ES]  # offered, not taken

    await sara.press("Adopt", message=card)
    await pedro.wait_for(lambda m: m.text.startswith("🟢"), timeout=10)
    await pedro.press(STOP_EN, message=pedro_list)  # unfollowing stops the rest
    assert "no longer follow" in (await pedro.wait_for(lambda m: "no longer follow" in m.text)).text
    card = await sara.wait_for(lambda m: m.message_id == card.message_id and f"Rec-{second}" in m.text)
    await sara.press_data(callbacks.READING_ADOPT.data(first, 0), card.message_id)  # pressed again: not told again
    emulator.redeliver_last()  # and a redelivered press neither
    await decide_all_three_after_first(sara, card, refs)

    await ana.wait_for(lambda m: len(notices(ana)) == 3, timeout=15)
    await luis.wait_for(lambda m: len(notices(luis)) == 3, timeout=15)
    await emulator.wait_idle()
    assert notices(ana) == [
        f"🟢 Lectura conjunta: Rec-{first} adoptada\nCrear una ventanilla única",
        f"🟡 Lectura conjunta: Rec-{second} adoptada con enmiendas\nCertificar y reconocer competencias\n"
        "Por qué: Lo pidió la mesa B",
        f"⚪ Lectura conjunta: Rec-{third} descartada\nAbrir albergues <temporales> & seguros\n"
        "Por qué: Ya existe <en la región>"]  # typed text shown as typed (escaped on the wire)
    assert [n.split("\n")[0] for n in notices(luis)] == [
        f"🟢 Joint reading: Rec-{first} adopted", f"🟡 Joint reading: Rec-{second} adopted as amended",
        f"⚪ Joint reading: Rec-{third} set aside"]
    assert len(notices(pedro)) == 1 and notices(rosa) == [] and notices(sara) == []

    await sara.press("End the reading", message=sara_list)
    ended = await ana.wait_for(lambda m: m.text.startswith("🏁"), timeout=10)
    assert "En la lectura conjunta se leyeron 3 recomendaciones: 1 se adoptó tal cual, 1 con enmiendas y 1 se " \
           "descartó." in ended.text
    english = await luis.wait_for(lambda m: m.text.startswith("🏁"), timeout=10)
    assert "The joint reading took up 3 recommendations: 1 was adopted as read, 1 with amendments" in english.text
    await emulator.wait_idle()
    assert len(notices(ana)) == 4 and len(notices(pedro)) == 1 and notices(rosa) == []
    # The follow outlives the end (a reopening would be told): its followers may still stop, nobody may start.
    assert await storage.fetch_value("SELECT count(*) FROM reading_followers") == 2
    assert (await rosa.ask("/reading")).button_texts == []  # an ended reading has nothing more to follow
    await rosa.press_data(callbacks.READING_FOLLOW.data(), listing.message_id)  # an old button: refused
    assert (await rosa.wait_for_callback_answer())["text"] == "La lectura terminó; su lista está congelada."
    ended_list = await ana.ask("/reading")
    assert ended_list.button_texts == [STOP_ES]
    await ana.press(STOP_ES, message=ended_list)
    await ana.wait_for(lambda m: m.message_id == ended_list.message_id and m.button_texts == [])
    assert await storage.fetch_value("SELECT count(*) FROM reading_followers") == 1


async def decide_all_three_after_first(sara, card, refs):
    _, second, third = refs
    await sara.press("Adopt as amended", message=card)
    assert (await sara.wait_for(lambda m: m.text.startswith("Type the amended"))).text.startswith(
        f"Type the amended text of Rec-{second}")
    await sara.ask("Certificar y reconocer competencias")
    await sara.ask("Lo pidió la mesa B")
    card = await sara.wait_for(lambda m: f"Rec-{third}" in m.text and m.has_button("Set aside"))
    await sara.press("Set aside", message=card)
    await sara.wait_for(lambda m: m.text.startswith(f"Why is Rec-{third} set aside"))
    await sara.ask("Ya existe <en la región>")
    await sara.wait_for(lambda m: f"Rec-{third} set aside" in m.text)


async def test_following_is_for_members_of_the_workshop_while_the_reading_is_open(bot, emulator, workshop_id):
    storage = bot.storage
    await setup(storage, workshop_id)
    ana = emulator.user(8101, "Ana", language_code="es")
    assert "todavía no empezó" in (await ana.ask("/reading")).text  # not opened yet: nothing to follow
    await ana.press_data(callbacks.READING_FOLLOW.data(), (await ana.ask("/help")).message_id)
    assert (await ana.wait_for_callback_answer())["show_alert"]
    stranger = emulator.user(8199, "Eve", language_code="en")
    await stranger.press_data(callbacks.READING_FOLLOW.data(), (await stranger.ask("/help")).message_id)
    assert (await stranger.wait_for_callback_answer())["show_alert"]
    await open_reading(emulator)
    await stranger.press_data(callbacks.READING_FOLLOW.data(), (await stranger.ask("/help")).message_id)
    assert (await stranger.wait_for_callback_answer())["show_alert"]
    assert await storage.fetch_value("SELECT count(*) FROM reading_followers") == 0


async def test_a_decision_waits_for_the_question_a_follower_is_answering(bot, emulator, workshop_id):
    storage = bot.storage
    first, *_ = await setup(storage, workshop_id)
    sara, _, card = await open_reading(emulator)
    ana = emulator.user(8101, "Ana", language_code="es")
    luis = emulator.user(8102, "Luis", language_code="en")
    await follow(ana, FOLLOW_ES, STOP_ES)
    await follow(luis, FOLLOW_EN, STOP_EN)
    await ana.ask("/profile")
    await ana.press("Cambiar cargo")
    asked = await ana.next_message()
    assert "Escribe tu cargo" in asked.text
    await sara.press("Adopt", message=card)
    await luis.wait_for(lambda m: m.text.startswith("🟢"), timeout=10)  # sent to those not in a conversation
    await emulator.wait_idle()
    assert notices(ana) == []  # her question is not buried under it
    await ana.send_text("Viceministra")
    notice = await ana.wait_for(lambda m: m.text.startswith("🟢"), timeout=30)
    await ana.wait_for(lambda m: "Cargo: Viceministra" in m.text, timeout=10)  # her answer was taken
    # It came once she had answered (with or just before the profile that shows her answer: both follow it).
    assert notice.message_id > asked.message_id and f"Rec-{first}" in notice.text


async def test_a_restart_in_the_middle_sends_the_rest_once(bot, emulator, workshop_id, database):
    storage = bot.storage
    first, second, third = await setup(storage, workshop_id)
    sara, _, card = await open_reading(emulator)
    ana = emulator.user(8101, "Ana", language_code="es")
    await follow(ana, FOLLOW_ES, STOP_ES)
    await sara.press("Adopt", message=card)
    await ana.wait_for(lambda m: len(notices(ana)) == 1, timeout=10)
    await bot.stop()
    # What a process killed mid-reading leaves: one decision queued for the followers but not sent, and one
    # recorded a moment before it died, never queued at all.
    async with Storage(database) as stopped:
        sara_id = await person_id(stopped, 8105)
        await stopped.set_reading_outcome(second, "set_aside", sara_id, reason="Duplicada")
        [queued] = await stopped.decisions_to_tell(workshop_id)
        await stopped.queue_for_followers(workshop_id, queued.id, "follow.decision_set_aside",
                                          {"ref": {"es": f"Rec-{second}", "en": f"R-{second}"},
                                           "text": {"es": "Certificar competencias", "en": "Certificar competencias"},
                                           "reason": "Duplicada"})
        await stopped.set_reading_outcome(third, "adopted", sara_id)
    await bot.start()
    await ana.wait_for(lambda m: len(notices(ana)) == 3, timeout=15)
    await emulator.wait_idle()
    await bot.restart()  # and once more: nothing is sent again
    await emulator.wait_idle()
    assert [n.split("\n")[0] for n in notices(ana)] == [
        f"🟢 Lectura conjunta: Rec-{first} adoptada", f"⚪ Lectura conjunta: Rec-{second} descartada",
        f"🟢 Lectura conjunta: Rec-{third} adoptada"]
    assert await bot.storage.fetch_value(
        "SELECT count(*) FROM announcements WHERE request_key LIKE 'follow:%'") == 3


async def test_three_hundred_followers_within_the_flood_limits(bot, emulator, workshop_id):
    storage = bot.storage
    first, *_ = await setup(storage, workshop_id)
    sara, _, card = await open_reading(emulator)
    followers = []
    for n in range(300):
        pid = await seat(storage, workshop_id, 8300 + n, f"Delegada {n}", table="A", language="es" if n % 2 else "en")
        await storage.follow_reading(workshop_id, pid)
        followers.append(emulator.user(8300 + n))
    flood = emulator.flood_limits(bulk_per_second=30)
    await sara.press("Adopt", message=card)
    await sara.wait_for(lambda m: m.message_id == card.message_id and "adopted" in m.text)  # the reading went on
    for user in followers:
        await user.wait_for(lambda m: m.text.startswith("🟢"), timeout=40)
    assert all(len(notices(user)) == 1 for user in followers)
    assert notices(followers[1])[0].startswith(f"🟢 Lectura conjunta: Rec-{first}")
    assert notices(followers[0])[0].startswith(f"🟢 Joint reading: Rec-{first}")
    assert flood.refusals == []


async def test_a_follower_who_leaves_with_forget_is_told_nothing_more(bot, emulator, workshop_id):
    storage = bot.storage
    await setup(storage, workshop_id)
    sara, _, card = await open_reading(emulator)
    ana = emulator.user(8101, "Ana", language_code="es")
    luis = emulator.user(8102, "Luis", language_code="en")
    await follow(ana, FOLLOW_ES, STOP_ES)
    await follow(luis, FOLLOW_EN, STOP_EN)
    confirm = await ana.ask("/forget")
    await ana.press("Sí, borrar mis datos", message=confirm)
    await ana.next_message()
    await sara.press("Adopt", message=card)
    await luis.wait_for(lambda m: m.text.startswith("🟢"), timeout=10)
    await emulator.wait_idle()
    assert notices(ana) == []


def reopened(user) -> list[str]:
    return [m.text for m in user.messages if "reabrió la lectura" in m.text or "reopened the joint" in m.text]


async def test_a_reopened_reading_is_told_with_its_reason_and_its_followers_follow_on(bot, emulator, workshop_id):
    storage = bot.storage
    _, second, _ = await setup(storage, workshop_id)
    sara, sara_list, card = await open_reading(emulator)
    ana = emulator.user(8101, "Ana", language_code="es")
    luis = emulator.user(8102, "Luis", language_code="en")
    pedro = emulator.user(8104, "Pedro", language_code="en")
    for user, button, stop in ((ana, FOLLOW_ES, STOP_ES), (luis, FOLLOW_EN, STOP_EN), (pedro, FOLLOW_EN, STOP_EN)):
        await follow(user, button, stop)
    await sara.press("Adopt", message=card)
    await sara.wait_for(lambda m: m.message_id == card.message_id and f"Rec-{second}" in m.text)
    await sara.press("End the reading", message=sara_list)
    await ana.wait_for(lambda m: m.text.startswith("🏁"), timeout=10)
    await pedro.wait_for(lambda m: m.text.startswith("🏁"), timeout=10)
    stop = await pedro.ask("/reading")  # Pedro stops now that it ended: a reopening is not for him
    await pedro.press(STOP_EN, message=stop)
    await pedro.wait_for(lambda m: "no longer follow" in m.text)

    frozen = await sara.wait_for(lambda m: m.button_texts == ["Reopen the reading"])
    await sara.press("Reopen the reading", message=frozen)
    await sara.wait_for(lambda m: m.text.startswith("Why is the joint reading reopened?"))
    await sara.ask("Una delegación pidió volver sobre <la segunda> & otra")
    await sara.next_message()  # the list again
    card = await sara.wait_for(lambda m: m.has_button("Set aside"))
    told = await ana.wait_for(lambda m: "reabrió la lectura" in m.text, timeout=10)
    assert "Por qué: Una delegación pidió volver sobre <la segunda> & otra" in told.text  # as typed, escaped
    assert "Why: Una delegación pidió" in (await luis.wait_for(lambda m: "reopened the joint" in m.text,
                                                               timeout=10)).text
    # No second press: the next decision reaches those who followed, Pedro excepted.
    await sara.press("▶", message=card)
    card = await sara.wait_for(lambda m: m.message_id == card.message_id and f"Rec-{second}" in m.text)
    await sara.press("Set aside", message=card)
    await sara.wait_for(lambda m: m.text.startswith(f"Why is Rec-{second} set aside"))
    await sara.ask("Repetida")
    await ana.wait_for(lambda m: m.text.startswith(f"⚪ Lectura conjunta: Rec-{second} descartada"), timeout=10)
    await luis.wait_for(lambda m: m.text.startswith(f"⚪ Joint reading: Rec-{second} set aside"), timeout=10)
    await bot.restart()  # told once, however often the catch-up runs
    await emulator.wait_idle()
    for user in (ana, luis):
        assert len(reopened(user)) == 1
        assert [n[:1] for n in notices(user)] == ["🟢", "🏁", "⚪"]
    assert reopened(pedro) == [] and [n[:1] for n in notices(pedro)] == ["🟢", "🏁"]
    assert (await ana.ask("/reading")).button_texts == [STOP_ES]  # still following, never pressed again


async def test_closing_the_workshop_mid_reading_tells_its_followers_once_and_ends_the_follow(
        bot, emulator, workshop_id):
    storage = bot.storage
    await setup(storage, workshop_id)
    sara, _, card = await open_reading(emulator)
    ana = emulator.user(8101, "Ana", language_code="es")
    luis = emulator.user(8102, "Luis", language_code="en")
    rosa = emulator.user(8103, "Rosa", language_code="es")
    emulator.user(8104, "Pedro", language_code="en")  # seated: he gets the roadmap too
    await follow(ana, FOLLOW_ES, STOP_ES)
    await follow(luis, FOLLOW_EN, STOP_EN)
    await sara.press("Adopt", message=card)
    await ana.wait_for(lambda m: m.text.startswith("🟢"), timeout=10)
    await sara.ask("/close")
    await sara.press("Yes, close the workshop")
    closed = await ana.wait_for(lambda m: m.text.startswith("🏁"), timeout=20)
    assert closed.text.startswith("🏁 La secretaría cerró el taller antes de que terminara la lectura conjunta")
    assert "se leyó 1 recomendación: 1 se adoptó tal cual." in closed.text
    assert "hoja de ruta final te llega aquí aparte" in closed.text
    english = await luis.wait_for(lambda m: m.text.startswith("🏁"), timeout=20)
    assert english.text.startswith("🏁 The secretariat closed the workshop before the joint reading ended")
    assert "final roadmap reaches you here separately" in english.text
    # What the message promises arrives: the final roadmap, in each one's language.
    assert (await ana.wait_for(lambda m: m.document is not None, timeout=60)).document["file_name"] \
        == "hoja-de-ruta-crm-puebla-2022.pdf"
    assert (await luis.wait_for(lambda m: m.document is not None, timeout=60)).document["file_name"] \
        == "roadmap-crm-puebla-2022.pdf"
    await bot.restart()
    await emulator.wait_idle()
    assert [n[:1] for n in notices(ana)] == ["🟢", "🏁"] and [n[:1] for n in notices(luis)] == ["🟢", "🏁"]
    assert notices(rosa) == []  # she did not follow: the roadmap alone
    assert await bot.storage.fetch_value("SELECT count(*) FROM reading_followers") == 0


async def test_closing_after_the_reading_ended_adds_nothing_to_its_last_message(bot, emulator, workshop_id):
    storage = bot.storage
    await setup(storage, workshop_id)
    sara, sara_list, _ = await open_reading(emulator)
    ana = emulator.user(8101, "Ana", language_code="es")
    for telegram_id in (8102, 8103, 8104):  # the others seated, who get the roadmap too
        emulator.user(telegram_id)
    await follow(ana, FOLLOW_ES, STOP_ES)
    await sara.press("End the reading", message=sara_list)
    ended = await ana.wait_for(lambda m: m.text.startswith("🏁"), timeout=10)
    assert ended.text.startswith("🏁 La lectura conjunta ha terminado.")
    await sara.ask("/close")
    await sara.press("Yes, close the workshop")
    await ana.wait_for(lambda m: m.document is not None, timeout=60)
    await emulator.wait_idle()
    assert notices(ana) == [ended.text]
    assert await storage.fetch_value("SELECT count(*) FROM reading_followers") == 0
    assert await storage.fetch_value(
        "SELECT count(*) FROM announcements a JOIN announcement_deliveries d ON d.announcement_id = a.id "
        "WHERE a.template = 'follow.closed'") == 0
