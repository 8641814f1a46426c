"""The store: migrations, pragmas, transactions that commit whole or not at all."""

import sqlite3

import pytest

from bot.storage import Storage
from bot.storage.database import migrations


async def test_migrations_bring_a_new_file_to_the_latest_version(database):
    async with Storage(database) as storage:
        assert await storage.schema_version() == migrations()[-1][0]
        assert await storage.fetch_value("PRAGMA journal_mode") == "wal"
        assert await storage.fetch_value("PRAGMA foreign_keys") == 1
        tables = {r[0] for r in await storage.fetch_all("SELECT name FROM sqlite_master WHERE type = 'table'")}
    expected = {"workshops", "working_tables", "people", "memberships", "roles", "invitations", "phases",
                "contributions", "contribution_dimensions", "contribution_links", "contribution_versions",
                "contribution_authors", "attachments", "feedback", "votes", "audit_log", "announcements",
                "dialogues", "processed_updates"}
    assert expected <= tables


async def test_reopening_does_not_migrate_twice(database):
    async with Storage(database) as storage:
        await storage.touch_person(1, "Ana", "es")
    async with Storage(database) as storage:
        assert await storage.fetch_value("SELECT count(*) FROM people") == 1


async def test_a_failed_transaction_leaves_nothing_behind(database):
    async with Storage(database) as storage:
        with pytest.raises(sqlite3.IntegrityError):
            async with storage.transaction() as tx:
                await tx.execute("INSERT INTO people (telegram_id) VALUES (7)")
                await tx.execute("INSERT INTO people (telegram_id) VALUES (7)")  # unique: fails
        assert await storage.fetch_value("SELECT count(*) FROM people") == 0


async def test_foreign_keys_are_enforced(database):
    async with Storage(database) as storage:
        with pytest.raises(sqlite3.IntegrityError):
            async with storage.transaction() as tx:
                await tx.execute("INSERT INTO memberships (workshop_id, person_id) VALUES (99, 99)")


async def test_loading_a_workshop_twice_updates_it_in_place(database, example_workshop):
    async with Storage(database) as storage:
        first = await storage.save_workshop(example_workshop)
        again = await storage.save_workshop(example_workshop)
        assert first == again
        tables = await storage.working_tables(first)
        assert [t.code for t in tables] == [t.id for t in example_workshop.tables]
        assert await storage.fetch_value("SELECT count(*) FROM phases") == len(example_workshop.phases)
        stored = await storage.workshop(first)
        assert stored.definition == example_workshop


async def test_dialogue_survives_reopening(database):
    async with Storage(database) as storage:
        person = await storage.touch_person(5, "Ana", "es")
        await storage.save_dialogue(person.id, "reg", "institution", {"full_name": "Ana <b>&"})
    async with Storage(database) as storage:
        dialogue = await storage.dialogue(person.id)
    assert (dialogue.flow, dialogue.step, dialogue.data) == ("reg", "institution", {"full_name": "Ana <b>&"})


async def test_arrival_and_member_view_see_what_the_separate_queries_see(database, example_workshop):
    async with Storage(database) as storage:
        workshop_id = await storage.save_workshop(example_workshop)
        seen, person = await storage.arrival(77, 501, "Ana", "es")
        assert not seen and person.telegram_id == 501
        await storage.mark_update_done(77)
        assert (await storage.arrival(77, 501, "Ana", "es")) == (True, None)
        tables = {t.code: t.id for t in await storage.working_tables(workshop_id)}
        await storage.join_workshop(workshop_id, person.id, "participant")
        await storage.join_workshop(workshop_id, person.id, "moderator", tables["B"])
        stored, membership, roles = await storage.member_view(workshop_id, person.id)
        assert stored == await storage.workshop(workshop_id)
        assert membership == await storage.membership(workshop_id, person.id)
        assert roles == await storage.roles(workshop_id, person.id)
        # The workshop file loaded again with a new title: the view notices and parses it again.
        renamed = example_workshop.model_copy(update={"title": type(example_workshop.title)(
            {**example_workshop.title.root, "en": "Renamed workshop"})})
        await storage.save_workshop(renamed)
        stored, _, _ = await storage.member_view(workshop_id, person.id)
        assert stored.definition.title.get("en") == "Renamed workshop"
        assert await storage.member_view(workshop_id + 99, person.id) == (None, None, [])
