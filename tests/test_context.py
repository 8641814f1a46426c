"""Over-long answers are split at line ends instead of being refused by Telegram."""

from bot.context import split_message


def test_short_texts_stay_whole():
    assert split_message("hola\nmundo") == ["hola\nmundo"]


def test_long_lists_are_cut_at_line_ends():
    lines = [f"<b>{n}</b> " + "x" * 90 for n in range(100)]
    chunks = split_message("\n".join(lines), limit=1000)
    assert all(len(c) <= 1000 for c in chunks)
    assert "\n".join(chunks) == "\n".join(lines)
    assert all(c.count("<b>") == c.count("</b>") for c in chunks)


def test_one_huge_line_is_cut_at_spaces():
    words = " ".join(["palabra"] * 1000)
    chunks = split_message(words, limit=500)
    assert all(len(c) <= 500 for c in chunks)
    assert " ".join(chunks).split() == words.split()
    assert all(len(c) <= 500 for c in split_message("y" * 1200, limit=500))


def test_a_block_spanning_the_cut_is_closed_and_reopened():
    rows = "\n".join(f"{n:3d} " + "x" * 60 for n in range(60))
    text = f"<b>Audit</b>\n<pre>{rows}</pre>\nend"
    chunks = split_message(text, limit=1000)
    assert len(chunks) > 2
    for chunk in chunks:
        assert chunk.count("<pre>") == chunk.count("</pre>")
        assert len(chunk) <= 1000
    assert chunks[1].startswith("<pre>") and chunks[0].endswith("</pre>")


async def test_a_long_pre_block_reaches_the_person_in_parts(bot, emulator):
    from telegram import Update

    from bot.context import BotContext

    rows = "\n".join(f"{n:4d} " + "z" * 70 for n in range(150))
    ana = emulator.user(1301, "Ana", language_code="en")
    sent = await ana.send_text("/help")
    await ana.next_message()
    update = Update.de_json({"update_id": 1, "message": sent}, bot.app.bot)
    context = BotContext(bot.app)
    before = len(ana.messages)
    await context.say(update, f"<pre>{rows}</pre>")
    parts = ana.messages[before:]
    assert len(parts) >= 3
    assert all(p.entities and p.entities[0]["type"] == "pre" for p in parts)  # each part a whole block
    shown = [line.strip() for p in parts for line in p.text.splitlines()]
    assert shown == [line.strip() for line in rows.splitlines()]
