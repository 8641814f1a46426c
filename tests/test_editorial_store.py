"""The editorial store and its rules: texts in each language, a synthesis's states, next steps, and the
migration that made room for translators without losing anyone's role or invitation."""

import sqlite3

import pytest

from bot.domain import editorial
from bot.storage import Storage
from bot.storage.database import migrations


async def _table(storage: Storage, workshop_id: int) -> int:
    return (await storage.working_tables(workshop_id))[0].id


async def test_a_synthesis_is_approved_only_after_it_was_submitted(database, workshop_id):
    async with Storage(database) as storage:
        table = await _table(storage, workshop_id)
        written = await storage.write_synthesis(workshop_id, table, {"challenges": "Falta de datos"}, "es", None)
        assert written.status == editorial.DRAFT
        assert await storage.move_synthesis(table, "approve", None) is None  # not submitted yet
        assert (await storage.move_synthesis(table, "submit", None)).status == editorial.SUBMITTED
        back = await storage.move_synthesis(table, "return", None, note="Añadir oportunidades")
        assert (back.status, back.note) == (editorial.RETURNED, "Añadir oportunidades")
        assert await storage.move_synthesis(table, "return", None, note="otra vez") is None  # pressed twice
        await storage.move_synthesis(table, "submit", None)
        assert (await storage.move_synthesis(table, "approve", None)).status == editorial.APPROVED
        # Its translation does not reopen what the moderator approved; a new wording does.
        await storage.write_synthesis(workshop_id, table, {"challenges": "Lack of data"}, "en", None)
        assert (await storage.synthesis(table)).status == editorial.APPROVED
        await storage.write_synthesis(workshop_id, table, {"challenges": "Falta de datos fiables"}, "es", None)
        assert (await storage.synthesis(table)).status == editorial.DRAFT


async def test_a_machine_draft_never_replaces_a_persons_translation(database, workshop_id):
    async with Storage(database) as storage:
        step = await storage.add_next_step(workshop_id, "Compartir la hoja de ruta", "SE-CRM", "2023-03-01", "es",
                                           None)
        args = (workshop_id, editorial.NEXT_STEP, step, editorial.STEP, "en")
        assert await storage.set_translation(*args, "Share the roadmap (machine)", translates="Compartir la hoja "
                                             "de ruta", person_id=None, machine=True)
        assert await storage.set_translation(*args, "Share the roadmap", translates="Compartir la hoja de ruta",
                                             person_id=None)
        assert not await storage.set_translation(*args, "Other machine words", translates="Compartir la hoja de "
                                                 "ruta", person_id=None, machine=True)
        texts = await storage.texts(workshop_id, editorial.NEXT_STEP)
    shown = editorial.version_in("en", "Compartir la hoja de ruta", "es", texts)
    assert (shown.body, shown.origin) == ("Share the roadmap", editorial.TRANSLATION)
    # Once the original changes, the translation made from the old wording is out of date.
    stale = editorial.version_in("en", "Compartir la hoja de ruta en marzo", "es", texts)
    assert (stale.origin, stale.language) == (editorial.MISSING, "es")


async def test_the_translator_role_migration_keeps_roles_and_invitations(tmp_path):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    for number, script in migrations():
        if number < 5:
            conn.executescript(script)
    conn.executescript(
        "INSERT INTO workshops (slug, definition, default_language) VALUES ('w', '{}', 'es');"
        "INSERT INTO people (telegram_id) VALUES (10);"
        "INSERT INTO roles (workshop_id, person_id, role) VALUES (1, 1, 'secretariat');"
        "INSERT INTO invitations (workshop_id, token, role) VALUES (1, 'tok', 'participant');"
        "INSERT INTO invitation_uses (invitation_id, person_id) VALUES (1, 1);")
    conn.close()
    async with Storage(path) as storage:
        assert await storage.schema_version() == migrations()[-1][0]
        assert await storage.fetch_value("SELECT role FROM roles") == "secretariat"
        assert await storage.fetch_value("SELECT count(*) FROM invitation_uses") == 1
        await storage.write("INSERT INTO invitations (workshop_id, token, role) VALUES (1, 't2', 'translator')")
        with pytest.raises(sqlite3.IntegrityError):
            await storage.write("INSERT INTO invitation_uses (invitation_id, person_id) VALUES (99, 1)")
