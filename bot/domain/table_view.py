"""A working table's picture for its moderator: plain functions over items, no Telegram.

What came in, cell by cell (level x dimension), which cells of the table's own level are still empty, and
the text of an item as the moderator reviews it and as the duplicate finder compares it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from bot.domain import lifecycle

MAIN_FIELD = {"challenge": "description", "good_practice": "name", "recommendation": "action"}
# Further typed fields worth a glance while reviewing, in the order they are shown.
EXTRA_FIELDS = ("where", "run_by", "achieved", "link")


def main_field(kind: str) -> str:
    return MAIN_FIELD.get(kind, "description")


def main_text(item) -> str:
    return str(item.details.get(main_field(item.kind), "") or "")


def comparable_text(item) -> str:
    """Everything a duplicate could share: the main text plus a good practice's description of results."""
    parts = [main_text(item), str(item.details.get("achieved", "") or "")]
    return " ".join(p for p in parts if p)


def short(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def cell_counts(items: Iterable) -> Counter:
    """(level, dimension) -> how many live items; an item with two dimensions counts in both cells."""
    counts: Counter = Counter()
    for item in items:
        if item.status in lifecycle.ON_THE_MAP:
            for dimension in item.dimensions:
                counts[(item.level, dimension)] += 1
    return counts


def empty_cells(counts: Counter, level: str, dimensions: Iterable[str]) -> list[str]:
    """The dimensions of ``level`` nobody has written about yet: where the moderator should steer."""
    return [d for d in dimensions if counts.get((level, d), 0) == 0]


def render_grid(counts: Counter, levels: list[tuple[str, str]], dimensions: list[tuple[str, str]]) -> str:
    """A small monospaced table (shown inside <pre>); names are shortened to fit a phone's width."""
    label_width = min(max(len(name) for _, name in levels), 12)
    heads = [name[:5] for _, name in dimensions]
    width = max(5, *(len(h) for h in heads))
    lines = [" " * label_width + "".join(h.rjust(width + 1) for h in heads)]
    for level_id, name in levels:
        cells = "".join(str(counts.get((level_id, d), 0) or "·").rjust(width + 1) for d, _ in dimensions)
        lines.append(name[:label_width].ljust(label_width) + cells)
    return "\n".join(lines)


def status_counts(items: Iterable) -> Counter:
    return Counter(item.status for item in items)


def next_to_review(items: list, after_id: int | None) -> object | None:
    """The next submitted item after ``after_id``, wrapping round to the oldest one still waiting."""
    waiting = [i for i in items if i.status in lifecycle.AWAITING_REVIEW and not i.consolidated]
    later = [i for i in waiting if after_id is None or i.id > after_id]
    if later:
        return later[0]
    earlier = [i for i in waiting if i.id != after_id]
    return earlier[0] if earlier else None


# Telegram refuses a message over 4096 characters; the HTML source is longer than what it counts, so lists
# are cut well below that, and every line of a list is shortened first (``short``).
MESSAGE_LIMIT = 3500


def fit(lines: Iterable[str], limit: int = MESSAGE_LIMIT, separator: str = "\n") -> list[str]:
    """Whole lines grouped into as few messages as fit under ``limit`` (a line is never cut in two)."""
    messages: list[str] = []
    current: list[str] = []
    size = 0
    for line in lines:
        if current and size + len(separator) + len(line) > limit:
            messages.append(separator.join(current))
            current, size = [], 0
        size += len(line) + (len(separator) if current else 0)
        current.append(line)
    if current:
        messages.append(separator.join(current))
    return messages


def page(entries: list, number: int, per_page: int) -> tuple[list, int, int]:
    """One page of a long list: its entries, the page number (kept in range) and how many pages there are."""
    pages = max(1, -(-len(entries) // per_page))
    number = max(0, min(number, pages - 1))
    return entries[number * per_page:(number + 1) * per_page], number, pages


# The kinds of item a table's synthesis is written from, in the order its parts take them up.
DIGEST_KINDS = ("challenge", "good_practice", "recommendation")


def digest(items: Iterable, width: int = 110) -> list[tuple[str, list[tuple[object, str]]]]:
    """The table's live items by kind, each with its text shortened to one line: what the rapporteur has
    beside them while writing the synthesis (the references let the synthesis point back to them). Kinds
    with nothing live are left out; the reading's set-asides and merged-away copies are not live."""
    live = [item for item in items if item.status in lifecycle.ON_THE_MAP]
    grouped = [(kind, [(item, short(main_text(item), width)) for item in live if item.kind == kind])
               for kind in DIGEST_KINDS]
    return [(kind, entries) for kind, entries in grouped if entries]
