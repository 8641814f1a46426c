"""The rapporteur's command menu follows the role: the one named gets it, the one replaced loses it."""

import json

from handlers import callbacks
from tests.helpers import seat
from tests.test_moderation_session import table_id


def chat_menu(emulator, telegram_id: int) -> list[str]:
    scope = json.dumps({"type": "chat", "chat_id": telegram_id}, sort_keys=True)
    return [command for command, _ in emulator.commands_by_scope.get((scope, ""), [])]


async def test_a_replaced_rapporteur_gets_the_participants_menu_back(bot, emulator, workshop_id):
    storage = bot.storage
    john_id = await seat(storage, workshop_id, 6401, "John Smith", table="A", language="en")
    luis_id = await seat(storage, workshop_id, 6402, "Luis Gómez", table="A")
    await seat(storage, workshop_id, 6403, "Mora Moderadora", role="moderator", table="A")
    emulator.user(6401, "John", language_code="en")
    emulator.user(6402, "Luis", language_code="es")
    mora = emulator.user(6403, "Mora", language_code="es")
    a = await table_id(storage, workshop_id)

    await mora.press_data(callbacks.RAP_NAME.data(a, john_id), (await mora.ask("/help")).message_id)
    await mora.wait_for(lambda m: "John Smith" in m.text)
    assert "rapporteur" in chat_menu(emulator, 6401)

    await mora.press_data(callbacks.RAP_NAME.data(a, luis_id), mora.last_message.message_id)
    await mora.wait_for(lambda m: "Luis Gómez" in m.text)
    assert "rapporteur" in chat_menu(emulator, 6402)
    assert chat_menu(emulator, 6401) == []  # back to the menu every participant sees
