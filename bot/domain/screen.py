"""What the room's screen shows, and when: plain rules over the agenda and the joint reading, no web, no SQL.

The projector in the room shows one stage at a time, the one the workshop is in: the live level x dimension
map and the counts by country while challenges and good practices come in; each table's progress while the
tables write recommendations; while the plenary vote is open only that it is open (its tallies are hidden
from everyone until it closes, so the screen must not be the place they leak); the ranking once the vote
closed; and during the joint reading the recommendation being read with each decision as it is taken.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from bot.domain import lifecycle
from bot.domain.phases import is_open
from bot.domain.plenary import plenary_vote_closed, reading_order
from bot.domain.records import Contribution, PhaseRow, Tally

MAPPING, TABLES, VOTE, RANKING, READING = "mapping", "tables", "vote", "ranking", "reading"
STAGES = (MAPPING, TABLES, VOTE, RANKING, READING)

# A screen link is a bearer secret in a URL: long enough that guessing one is hopeless, and of URL-safe
# characters only, so anything else is refused before it reaches the store.
TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{32,64}")

# A table's progress as the room reads it: what its members sent (a merge or a rejection later does not take
# back that it was sent), what waits for the moderators, and what they approved (the joint reading's word
# later does not take back that the table approved it).
SENT_AT_TABLE: tuple[str, ...] = lifecycle.SENT
WAITING_AT_TABLE: tuple[str, ...] = lifecycle.AWAITING_REVIEW
APPROVED_AT_TABLE: tuple[str, ...] = (lifecycle.APPROVED, *lifecycle.READING_OUTCOMES)

RANKING_LENGTH = 8     # what the back of a room can read on one screen
DECISIONS_SHOWN = 6
TEXT_WIDTH = 400       # characters of a recommendation shown; the rest is in the roadmap


def well_formed(token: str) -> bool:
    return TOKEN_SHAPE.fullmatch(token) is not None


def stage(phases: Iterable[PhaseRow], now: dt.datetime, *, reading_opened: bool) -> str:
    """The stage the room is in. Once the joint reading's list exists the reading is what the room does; an
    open vote comes next; then the ranking, once a vote that was held has closed (a table a moderator forgot to
    close does not hide it); then whatever is open (table work over mapping); with nothing open, the ranking
    when the vote's window has passed, else the table work once it happened, else the map."""
    rows = list(phases)
    if reading_opened:
        return READING
    open_kinds = {p.kind for p in rows if is_open(p, now)}
    if "plenary" in open_kinds:
        return VOTE
    vote_closed = plenary_vote_closed(rows, now)
    held = any(p.kind == "plenary" and p.table_id is None and (p.opened_at or p.state == "closed") for p in rows)
    if vote_closed and held:
        return RANKING
    if "tables" in open_kinds:
        return TABLES
    if open_kinds & {"mapping", "annex_i"}:
        return MAPPING
    if vote_closed:
        return RANKING
    happened = any(p.kind == "tables" and (p.opened_at or p.state == "closed") for p in rows)
    return TABLES if happened else MAPPING


def tallies_shown(stage_name: str) -> bool:
    """Dots, supports and objections reach the screen only once the vote closed (the ranking, the reading)."""
    return stage_name in (RANKING, READING)


@dataclass(frozen=True)
class TableProgress:
    table_id: int
    sent: int
    waiting: int
    approved: int


def table_progress(table_ids: Iterable[int], counts: Iterable[tuple[int | None, str, int]]) -> list[TableProgress]:
    """Each table's recommendations by the sets above, in the tables' order; ``counts`` are (table id,
    status, how many). Items of no table are the secretariat's, not a table's progress."""
    by_table: dict[int, dict[str, int]] = {}
    for table_id, status, count in counts:
        if table_id is not None:
            by_table.setdefault(table_id, {})[status] = count
    shown = []
    for table_id in table_ids:
        found = by_table.get(table_id, {})
        shown.append(TableProgress(table_id, *(sum(found.get(s, 0) for s in statuses)
                                               for statuses in (SENT_AT_TABLE, WAITING_AT_TABLE, APPROVED_AT_TABLE))))
    return shown


def country_counts(rows: Iterable[tuple[str | None, str, int]]) -> list[tuple[str | None, int, int]]:
    """(country or None, challenges, good practices), most items first, then by country id; None (items whose
    authors chose to be anonymous, or gave no country) comes last."""
    found: dict[str | None, list[int]] = {}
    for country, kind, count in rows:
        pair = found.setdefault(country, [0, 0])
        pair[0 if kind == "challenge" else 1] += count
    return sorted(((c, ch, gp) for c, (ch, gp) in found.items()),
                  key=lambda row: (row[0] is None, -(row[1] + row[2]), row[0] or ""))


@dataclass(frozen=True)
class Ranked:
    position: int
    item: Contribution
    tally: Tally


def ranking(agenda: list[Contribution], tallies: dict[int, Tally],
            limit: int = RANKING_LENGTH) -> list[Ranked]:
    """The most supported recommendations, by the joint reading's stated rule (``plenary.reading_order``)."""
    ordered = reading_order(agenda, tallies)[:limit]
    return [Ranked(n, item, tallies.get(item.id) or Tally(0, 0, 0, 0)) for n, item in enumerate(ordered, 1)]


@dataclass(frozen=True)
class ReadingView:
    current: Contribution | None     # the first in the fixed order with no outcome yet: the one being read
    position: int                    # its place in the list, from 1; 0 when none is left
    total: int
    decided: list[Contribution]      # the latest decisions first
    ended: bool


def reading_view(order: list[Contribution], *, ended: bool, shown: int = DECISIONS_SHOWN) -> ReadingView:
    """The reading as the room follows it, from its list in the stored order (``order``, as the items stand)."""
    pending = [(n, item) for n, item in enumerate(order, 1) if item.status not in lifecycle.READING_OUTCOMES]
    decided = [item for item in order if item.status in lifecycle.READING_OUTCOMES]
    decided.sort(key=lambda item: (item.updated_at, item.id), reverse=True)
    position, current = pending[0] if pending and not ended else (0, None)
    return ReadingView(current, position, len(order), decided[:shown], ended)
