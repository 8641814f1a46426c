"""The room of its own for running without Telegram: the Bot API emulator, the offline runner and the demo.

Only the command line, the demo, the benches and the tests import it; the bot itself never does.
"""
