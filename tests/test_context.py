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
