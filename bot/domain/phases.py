"""What is open now, and so what may be sent: plain rules over the agenda, no Telegram.

A phase is open when a moderator opened it by hand, or when its scheduled window contains now and nobody
closed it by hand. A table's own row (opened or closed for that table only) overrides the workshop's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from bot.domain.clock import parse
from bot.domain.records import PhaseRow

# What each kind of phase lets people send.
SENDABLE = {
    "annex_i": ("challenge", "good_practice"),
    "mapping": ("challenge", "good_practice"),
    "tables": ("recommendation",),
}


def is_open(phase: PhaseRow, now: dt.datetime) -> bool:
    if phase.state == "open":
        return True
    if phase.state == "closed":
        return False
    opens, closes = parse(phase.opens_at), parse(phase.closes_at)
    return opens is not None and closes is not None and opens <= now < closes


def effective(phases: Iterable[PhaseRow], table_id: int | None) -> list[PhaseRow]:
    """One row per phase code as it applies to ``table_id``: the table's own row if any."""
    chosen: dict[str, PhaseRow] = {}
    for phase in phases:
        if phase.table_id is None:
            chosen.setdefault(phase.code, phase)
    for phase in phases:
        if phase.table_id is not None and phase.table_id == table_id:
            chosen[phase.code] = phase
    return list(chosen.values())


def open_phases(phases: Iterable[PhaseRow], table_id: int | None, now: dt.datetime) -> list[PhaseRow]:
    return [p for p in effective(list(phases), table_id) if is_open(p, now)]


def sendable_kinds(phases: Iterable[PhaseRow], table_id: int | None, now: dt.datetime) -> dict[str, str]:
    """Item kind -> the kind of the open phase that allows it."""
    allowed: dict[str, str] = {}
    for phase in open_phases(phases, table_id, now):
        for kind in SENDABLE.get(phase.kind, ()):
            allowed.setdefault(kind, phase.kind)
    return allowed


def next_opening(phases: Iterable[PhaseRow], table_id: int | None, now: dt.datetime) -> PhaseRow | None:
    """The next scheduled phase still to open, to tell people when they can send again."""
    upcoming = [p for p in effective(list(phases), table_id)
                if p.state == "scheduled" and parse(p.opens_at) and parse(p.opens_at) > now]
    return min(upcoming, key=lambda p: p.opens_at, default=None)
