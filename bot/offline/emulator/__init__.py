"""A local Telegram Bot API for tests and the offline demo: the real PTB stack talks HTTP to it.

async with BotApiEmulator(token="123456:TEST-TOKEN", bot_username="workshop_test_bot") as emu:
    app = ApplicationBuilder().token(emu.token).base_url(emu.base_url)
          .base_file_url(emu.base_file_url).build()
    ana = emu.user(1001, "Ana", language_code="es")
    reply = await ana.ask("/start")
"""

from .errors import ApiError
from .html import EntityParseError, parse_html
from .messages import BotMessage
from .server import BotApiEmulator
from .users import SimulatedGroup, SimulatedUser

__all__ = [
    "ApiError",
    "BotApiEmulator",
    "BotMessage",
    "EntityParseError",
    "SimulatedGroup",
    "SimulatedUser",
    "parse_html",
]
