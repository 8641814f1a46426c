"""The item lifecycle is spelled once: every status the schema allows, and each rule's own set of them.

A status added to the schema but not to ``bot.domain.lifecycle`` (or the other way round) would be invisible
to every rule, so the schema itself is read back here; and the sets that differ on purpose are pinned where
they differ, so tidying one rule can never quietly change another.
"""

from __future__ import annotations

import re

import pytest

from bot.domain import lifecycle
from bot.storage import Storage
from bot.storage.database import placeholders
from reports import model
from tests.helpers import item, seat, table_id_of

NAMED_SETS = {name: value for name, value in vars(lifecycle).items()
              if name.isupper() and isinstance(value, tuple) and name != "ALL"}


async def test_every_status_the_schema_allows_is_in_the_lifecycle(database):
    async with Storage(database) as storage:
        schema = await storage.fetch_value(
            "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'contributions'")
    check = re.search(r"\bstatus\s+TEXT\b.*?CHECK \(status IN \((.*?)\)\)", schema, re.S)
    assert check is not None, schema
    allowed = re.findall(r"'([a-z_]+)'", check.group(1))
    assert sorted(allowed) == sorted(lifecycle.ALL)
    assert len(set(lifecycle.ALL)) == len(lifecycle.ALL) == 9


def test_each_named_set_is_part_of_the_lifecycle():
    assert {"AWAITING_REVIEW", "IN_REVIEW", "CHANGEABLE", "SHARED", "ON_THE_MAP", "IN_PLENARY",
            "COUNTED_AS_PROGRESS", "ON_THE_DESK", "SENT", "IN_REPORTS", "READING_OUTCOMES"} <= set(NAMED_SETS)
    for name, statuses in NAMED_SETS.items():
        assert statuses, name
        assert set(statuses) <= set(lifecycle.ALL), name
        assert len(set(statuses)) == len(statuses), name


def test_the_rules_differ_where_the_workshop_says_they_do():
    # What the joint reading set aside is still walked through, and still progress, but fills no cell of the map.
    assert lifecycle.SET_ASIDE in lifecycle.IN_PLENARY and lifecycle.SET_ASIDE in lifecycle.COUNTED_AS_PROGRESS
    assert lifecycle.SET_ASIDE not in lifecycle.ON_THE_MAP
    assert set(lifecycle.ON_THE_MAP) < set(lifecycle.IN_PLENARY)
    # A member sent what a moderator later merged or rejected; the workshop's progress does not count it.
    for status in (lifecycle.MERGED, lifecycle.REJECTED):
        assert status in lifecycle.SENT and status not in lifecycle.COUNTED_AS_PROGRESS
    # Only a submitted item can be approved; an approved one can still be rejected, edited or merged.
    assert lifecycle.AWAITING_REVIEW == (lifecycle.SUBMITTED,)
    assert set(lifecycle.AWAITING_REVIEW) < set(lifecycle.IN_REVIEW)
    assert set(lifecycle.READING_OUTCOMES) <= set(lifecycle.IN_PLENARY)
    assert not set(lifecycle.READING_OUTCOMES) & set(lifecycle.CHANGEABLE)
    for status in (lifecycle.DRAFT, lifecycle.WITHDRAWN):
        assert status not in lifecycle.IN_REPORTS and status not in lifecycle.SENT


def test_the_reports_keep_the_same_statuses_as_the_bot():
    """``reports/`` is a leaf and keeps its own copy: it must print exactly what the bot hands it."""
    assert set(model.STATUSES) == set(lifecycle.IN_REPORTS)
    assert set(model.READING_OUTCOMES) == set(lifecycle.READING_OUTCOMES)


def test_an_in_list_has_one_placeholder_per_status():
    assert placeholders(lifecycle.IN_REVIEW) == "(?, ?)"
    with pytest.raises(ValueError):
        placeholders(())


async def test_progress_and_a_members_count_each_follow_their_own_set(database, example_workshop):
    async with Storage(database) as storage:
        workshop_id = await storage.save_workshop(example_workshop)
        ana = await seat(storage, workshop_id, 9101, "Ana Pérez", table="A")
        table_id = await table_id_of(storage, workshop_id, "A")
        made = {}
        for status in lifecycle.ALL:
            made[status] = await item(storage, workshop_id, ana, "challenge", table="A")
            await storage.set_contribution_status(made[status], status)
        progress = await storage.progress_counts(workshop_id)
        member = next(m for m in await storage.table_members(workshop_id, table_id) if m.person_id == ana)
    assert progress["challenge"] == len(lifecycle.COUNTED_AS_PROGRESS)
    assert progress["cells"] == {("individual", "economic"): len(lifecycle.COUNTED_AS_PROGRESS)}
    assert member.sent == {"challenge": len(lifecycle.SENT)}
