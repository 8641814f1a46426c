"""The offline demo: a whole workshop played by simulated people against the local Bot API emulator."""

from bot.offline.demo.script import main

__all__ = ["main"]
