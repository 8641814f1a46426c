"""First contact through the emulator: /start, language, /help, /cancel, and an answer to everything."""

from bot.i18n import Texts
from bot.transport import ATTEMPTS
from handlers import callbacks
from tests.helpers import seat

TEXTS = Texts()


def text(language, key, /, **params):
    """What a person sees for a catalogue text (tags stripped, entities unescaped, as the emulator shows it)."""
    import html
    import re

    return html.unescape(re.sub(r"<[^>]+>", "", TEXTS.html(language, key, **params)))


async def test_first_start_asks_the_language_in_both_languages(bot, emulator):
    ana = emulator.user(1001, "Ana", language_code="es")
    shown = await ana.ask("/start")
    assert text("es", "start.choose_language") in shown.text
    assert text("en", "start.choose_language") in shown.text
    assert shown.button_texts == ["Español", "English"]


async def test_choosing_english_answers_in_english_and_explains_the_invitation(bot, emulator):
    john = emulator.user(1002, "John", language_code="es")
    await john.ask("/start")
    await john.press("English")
    confirmed = await john.next_message()
    assert confirmed.text == text("en", "start.language_set", language="English")
    explained = await john.wait_for(lambda m: "invitation link" in m.text and not m.button_texts)
    assert "Hello John" in explained.text
    person = await bot.storage.fetch_one("SELECT language FROM people WHERE telegram_id = 1002")
    assert person["language"] == "en"


async def test_language_command_switches_and_is_remembered(bot, emulator):
    ana = emulator.user(1003, "Ana", language_code="en")
    await ana.ask("/start")
    await ana.press("English")
    await ana.wait_for(lambda m: "invitation link" in m.text and not m.button_texts)
    shown = await ana.ask("/language")
    await ana.press("Español", message=shown)
    assert (await ana.next_message()).text == "Idioma: Español."
    assert (await ana.ask("/help")).text == text("es", "help.newcomer")


async def test_telegram_language_is_used_until_the_person_chooses(bot, emulator):
    mary = emulator.user(1004, "Mary", language_code="en-US")
    assert (await mary.ask("/help")).text == text("en", "help.newcomer")
    pedro = emulator.user(1005, "Pedro", language_code="pt-BR")
    assert (await pedro.ask("/help")).text == text("es", "help.newcomer")  # the workshop default


async def test_every_kind_of_message_gets_an_answer(bot, emulator, workshop_id):
    await seat(bot.storage, workshop_id, 1006, "Ana Pérez", table="A", language="en")  # a member: see test_strangers
    ana = emulator.user(1006, "Ana", language_code="en")
    assert (await ana.ask("/frobnicate")).text == text("en", "common.unknown_command")
    assert (await ana.ask("hello?")).text == text("en", "common.not_understood")
    for send in (ana.send_sticker, ana.send_voice, ana.send_photo, ana.send_location):
        await send()
        assert (await ana.next_message()).text == text("en", "common.unsupported")
    message = await ana.send_text("first")
    await ana.next_message()
    await ana.edit_text(message["message_id"], "second")
    assert (await ana.next_message()).text == text("en", "common.edits_ignored")


async def test_a_group_no_table_linked_is_told_how_to_link_it(bot, emulator):
    ana = emulator.user(1007, "Ana", language_code="es")
    group = emulator.group(-100500, "Mesa A")
    group.add(ana)
    await ana.send_text("/start", chat=group)
    shown = await ana.next_message(chat=group)
    assert shown.text == text("es", "groups.unlinked")  # tests/test_groups.py: linking, and what follows
    assert ana.messages == []  # nothing was sent to the private chat


async def test_stale_and_forged_buttons_are_answered_not_obeyed(bot, emulator):
    ana = emulator.user(1008, "Ana", language_code="en")
    await ana.ask("/start")
    await ana.press("English")
    await ana.wait_for(lambda m: "invitation link" in m.text and not m.button_texts)
    await ana.press_data(callbacks.FLOW_PRESS.data("reg", "consent", "yes"), ana.last_message.message_id)
    answer = await ana.wait_for_callback_answer()
    assert answer["text"] == text("en", "common.stale_button")
    await ana.press_data("something-else", ana.last_message.message_id)
    assert (await ana.wait_for_callback_answer())["text"] == text("en", "common.stale_button")
    assert await bot.storage.fetch_value("SELECT count(*) FROM memberships") == 0


async def test_cancel_with_and_without_a_dialogue(bot, emulator):
    ana = emulator.user(1009, "Ana", language_code="en")
    await ana.ask("/start")
    await ana.press("English")
    await ana.wait_for(lambda m: "invitation link" in m.text and not m.button_texts)
    assert (await ana.ask("/cancel")).text == text("en", "common.nothing_to_cancel")


async def test_menus_are_set_in_each_language(bot, emulator):
    menus = emulator.commands
    assert menus[("all_private_chats", "es")][0] == ("start", TEXTS.plain("es", "menu.start"))
    assert menus[("all_private_chats", "en")][1] == ("help", TEXTS.plain("en", "menu.help"))
    assert ("all_private_chats", "") in menus
    assert [c for c, _ in menus[("all_private_chats", "en")]] == [
        "start", "help", "send", "mine", "briefing", "plenary", "workshop", "language", "cancel"]


async def test_a_passing_fault_is_retried_and_the_person_just_gets_the_answer(bot, emulator):
    ana = emulator.user(1013, "Ana", language_code="en")
    emulator.fail_next("sendMessage", error_code=502, description="Bad Gateway: boom", times=2)
    emulator.fail_next("answerCallbackQuery", error_code=429, retry_after=1)
    shown = await ana.ask("/language")
    assert shown.has_button("English")
    await ana.press("English")
    answered = await ana.next_message()
    assert answered.text != text("en", "common.error")
    assert all(m.text != text("en", "common.error") for m in ana.messages)


async def test_a_failure_is_apologised_for_without_internals(bot, emulator):
    ana = emulator.user(1010, "Ana", language_code="en")
    emulator.fail_next("sendMessage", error_code=500, description="Internal Server Error: boom", times=ATTEMPTS)
    await ana.send_text("/help")
    apology = await ana.next_message()
    assert apology.text == text("en", "common.error")
    assert "boom" not in apology.text and "Traceback" not in apology.text


async def test_a_redelivered_update_changes_nothing(bot, emulator):
    ana = emulator.user(1011, "Ana", language_code="en")
    await ana.ask("/help")
    before = len(ana.messages)
    emulator.redeliver_last()
    await emulator.wait_idle()
    await ana.ask("/cancel")
    assert len(ana.messages) == before + 1


async def test_help_says_what_each_role_can_do(bot, emulator, workshop_id):
    from tests.helpers import seat

    await seat(bot.storage, workshop_id, 1101, "Pia Participant", table="A", language="en")
    await seat(bot.storage, workshop_id, 1102, "Mo Moderator", role="moderator", table="B", language="en")
    await seat(bot.storage, workshop_id, 1103, "Sam Secretariat", role="secretariat", country=None, language="en")
    shown = {}
    for telegram_id in (1101, 1102, 1103):
        shown[telegram_id] = (await emulator.user(telegram_id, "X", language_code="en").ask("/help")).text
    assert "As a participant" in shown[1101] and "/mine" in shown[1101]
    assert "As moderator" not in shown[1101] and "As secretariat" not in shown[1101]
    assert "As moderator" in shown[1102] and "/mod" in shown[1102] and "As secretariat" not in shown[1102]
    assert "As secretariat" in shown[1103] and "/roadmap" in shown[1103] and "/agenda" in shown[1103]


async def test_a_button_that_fails_after_answering_still_apologises(bot, emulator):
    ana = emulator.user(1012, "Ana", language_code="en")
    await ana.ask("/language")
    emulator.fail_next("sendMessage", error_code=500, description="Internal Server Error: boom", times=ATTEMPTS)
    await ana.press("English")
    apology = await ana.wait_for(lambda m: m.text == text("en", "common.error"))
    assert "boom" not in apology.text
    assert not await bot.storage.fetch_value("SELECT blocked_at IS NOT NULL FROM people WHERE telegram_id = 1012")


async def test_staff_get_a_menu_of_their_own_in_their_language(bot, emulator, workshop_id):
    from tests.helpers import invitation, register

    def personal_menus(chat_id):
        return [params["commands"] for method, params in emulator.requests if method == "setMyCommands"
                and params.get("scope") == {"type": "chat", "chat_id": chat_id}]

    token = await invitation(bot.storage, workshop_id, "moderator", table="A")
    mod = emulator.user(1401, "Marta", language_code="es")
    await register(mod, token, language="Español", name="Marta Mod", affiliation="México", table=None)
    commands = personal_menus(1401)[-1]
    names = [c["command"] for c in commands]
    assert names[:3] == ["start", "help", "mod"] and "audit" in names and "roadmap" not in names
    assert commands[2]["description"] == "Panel de mi mesa"
    await mod.send_text("/language")
    await mod.press("English", message=await mod.wait_for(lambda m: m.has_button("English")))
    await mod.wait_for(lambda m: m.text == "Language: English.")
    assert personal_menus(1401)[-1][2]["description"] == "My table's dashboard"

    participant = await invitation(bot.storage, workshop_id)
    await register(emulator.user(1402, "Ana", language_code="es"), participant)
    assert personal_menus(1402) == []  # participants keep the default menu

    await bot.restart()  # menus are set again at start-up, from the roles in the store
    await emulator.wait_idle()
    assert len(personal_menus(1401)) >= 3
