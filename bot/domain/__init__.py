"""The workshop itself: its records, the item lifecycle, the clock and the rules, with no Telegram and no SQL.

Everything here is plain data in, plain data out; the storage layer and the Telegram layer both build on it,
and it imports neither (the import contract in ``tests/test_layers.py`` checks it).
"""
