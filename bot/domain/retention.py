"""When a closed workshop's personal data goes: the retention rule, with no clock of its own.

A workshop keeps names, institutions, positions and Telegram ids only as long as the secretariat needs them
after closing (certificates, follow-up). The rule: ``days`` after closing the data is erased, and never
without the secretariat having been told ``warning_days`` before, so a bot that was off during the warning
window warns first and erases that many days later rather than erasing unannounced.

Erasing a profile would leave the names people typed inside their items ("as Ana Pérez showed in Tapachula"):
``scrub_names`` takes the erased people's names out of the texts too, for a neutral word in the text's language.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Sequence
from enum import Enum
from functools import lru_cache


class Step(Enum):
    KEEP = "keep"
    WARN = "warn"
    ERASE = "erase"


def erase_on(closed_at: dt.datetime, days: int) -> dt.datetime:
    return closed_at + dt.timedelta(days=days)


def next_step(closed_at: dt.datetime, warned_at: dt.datetime | None, now: dt.datetime, *, days: int,
              warning_days: int) -> Step:
    """What to do now for one closed workshop whose data is still there."""
    due = erase_on(closed_at, days)
    if warned_at is None:
        return Step.WARN if now >= due - dt.timedelta(days=warning_days) else Step.KEEP
    if now >= due and now >= warned_at + dt.timedelta(days=warning_days):
        return Step.ERASE
    return Step.KEEP


def erase_date(closed_at: dt.datetime, warned_at: dt.datetime, *, days: int, warning_days: int) -> dt.datetime:
    """The day the warning announces: the later of the due date and a full warning period."""
    return max(erase_on(closed_at, days), warned_at + dt.timedelta(days=warning_days))


# -- names typed inside texts ----------------------------------------------------------------------------------

# Words inside a full name that are not a name by themselves ("Luis de la Cruz"): never scrubbed alone.
_PARTICLES = {"de", "del", "la", "las", "los", "da", "das", "do", "dos", "di", "du", "van", "von", "der", "den",
              "le", "y", "e", "i", "san", "santa"}


def names_to_scrub(full_names: Iterable[str | None]) -> list[str]:
    """What erasing these people takes out of the texts: each full name as typed, and each given or family name
    in it (what a text is likelier to say: "as Pérez explained"), longest first so the whole name goes as one."""
    found: set[str] = set()
    for full in full_names:
        full = " ".join((full or "").split())
        if not full:
            continue
        found.add(full)
        for part in re.split(r"[\s,;()]+", full):
            part = part.strip(".-'\"")
            if len(part) >= 2 and part.lower() not in _PARTICLES:
                found.add(part)
    return sorted(found, key=lambda name: (-len(name), name))


def _fold(text: str) -> str:
    """Lower case without accents, one character for one, so a match's place is its place in the text."""
    return text.lower() if text.isascii() else "".join(map(_fold_character, text))


@lru_cache(maxsize=4096)
def _fold_character(c: str) -> str:
    return unicodedata.normalize("NFD", c)[:1].lower()[:1] or c


def scrub_names(text: str, names: Sequence[str], replacement: str) -> str:
    """``text`` with every name of ``names`` (from ``names_to_scrub``) replaced by ``replacement``: whole words,
    whatever the case and accents ("Perez" for "Pérez"). A single given or family name is taken only where it is
    written as a name, with a capital ("Paz" goes, "cultura de paz" stays); a full name in any case."""
    if not text or not names:
        return text
    by_first, known = _index(tuple(names))
    words = [(m.start(), m.end(), m.group()) for m in re.finditer(r"\w+", _fold(text))]
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        taken = next((len(name) for name, single in by_first.get(words[i][2], ())
                      if _matches(text, words, i, name) and
                      (not single or _written_as_a_name(text, words[i][0], words[i + len(name) - 1][1], known))), 0)
        if taken:
            spans.append((words[i][0], words[i + taken - 1][1]))
        i += taken or 1
    for start, end in reversed(spans):
        text = text[:start] + replacement + text[end:]
    return text


_JOIN = re.compile(r"[\s'’-]{1,3}")   # between the words of one name: spaces, an apostrophe, a hyphen


def _matches(text: str, words: list[tuple[int, int, str]], i: int, name: tuple[str, ...]) -> bool:
    if i + len(name) > len(words):
        return False
    return all(words[i + k][2] == word for k, word in enumerate(name)) and all(
        _JOIN.fullmatch(text[words[k][1]:words[k + 1][0]]) for k in range(i, i + len(name) - 1))


@lru_cache(maxsize=8)
def _index(names: tuple[str, ...]) -> tuple[dict[str, list[tuple[tuple[str, ...], bool]]], frozenset[str]]:
    """The names by their first word (each as its words, and whether it is one word), longest first so the
    whole name is taken rather than its first word; and every word of every name. Made once for all the texts."""
    by_first: dict[str, list[tuple[tuple[str, ...], bool]]] = {}
    for name in names:
        words = tuple(re.findall(r"\w+", _fold(name)))
        if words:
            by_first.setdefault(words[0], []).append((words, not any(c.isspace() for c in name)))
    for candidates in by_first.values():
        candidates.sort(key=lambda candidate: -len(candidate[0]))
    return by_first, frozenset(word for candidates in by_first.values() for words, _ in candidates for word in words)


_PLACE_WORDS = {"san", "santa", "santo", "la", "el", "los", "las", "del", "de", "puerto", "ciudad"}


_NEXT_WORD = re.compile(r"\s+(\w+)")


def _written_as_a_name(text: str, start: int, end: int, known: frozenset[str]) -> bool:
    """A single given or family name at ``start:end`` is the person's when written with a capital and not
    inside another proper name: "Cruz Roja", "San Luis Potosí", "La Paz" and "Santa Ana" stay."""
    if not text[start].isupper():
        return False
    after = _NEXT_WORD.match(text, end)
    if after and after.group(1)[0].isupper() and _fold(after.group(1)) not in known:
        return False
    before = re.search(r"(\w+)\s+$", text[max(0, start - 40):start])
    return not (before and before.group(1)[0].isupper() and _fold(before.group(1)) in _PLACE_WORDS)
