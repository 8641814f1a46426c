"""Staff choose how the roadmap credits the role they held (issue 12): a moderator registers through her
invitation, finds the choice in /profile, is printed in the roadmap by her organisation until she chooses to be
named, and by name afterwards, in both editions. Her table's minutes credit her as the roadmap does: a name she did
not release is printed in no published document. A participant has no such choice."""

import re

from bot.jobs.roadmap_data import roadmap_data
from handlers import callbacks
from reports.minutes import build_minutes
from reports.roadmap import build_roadmap
from tests.helpers import participant, person_id, seat
from tests.reports.pdftext import text


async def _moderator(emulator, storage, workshop_id):
    """Table A's moderator, registered (as the moderator invitation does) for the IOM."""
    pid = await seat(storage, workshop_id, 3101, "Mónica Rivas", role="moderator", table="A", country=None)
    await storage.complete_registration(workshop_id, pid, {"full_name": "Mónica Rivas", "organisation": "iom"})
    return emulator.user(3101, "Mónica", language_code="es")


async def _printed(storage, workshop_id, language):
    data = await roadmap_data(storage, workshop_id, language)
    return text(build_roadmap(data)), text(build_minutes(data, "A"))


async def test_a_moderator_chooses_to_be_named_and_the_roadmap_and_minutes_name_her(bot, emulator, workshop_id):
    storage = bot.storage
    monica = await _moderator(emulator, storage, workshop_id)
    shown = await monica.ask("/profile")
    assert "Tu función en la hoja de ruta y las actas: por tu país u organización (" in shown.text
    roadmap, minutes = await _printed(storage, workshop_id, "es")
    assert "Mónica Rivas" not in roadmap  # the default: her organisation
    assert "Moderación: OIM" in roadmap and "• Moderación, Grupo A: OIM" in roadmap
    assert "Mónica Rivas" not in minutes and "Moderación OIM" in minutes  # the minutes: as the roadmap

    await monica.press("Cómo te acredita la hoja de ruta", message=shown)
    asked = await monica.wait_for(lambda m: "¿Cómo quieres figurar?" in m.text)
    assert asked.button_texts == ["Solo mi país u organización", "Con mi nombre"]
    await monica.press("Con mi nombre", message=asked)
    again = await monica.wait_for(lambda m: "Tu perfil" in m.text and "con tu nombre (Mónica Rivas)" in m.text)
    assert again is not None
    stored = await storage.membership(workshop_id, await person_id(storage, 3101))
    assert stored.role_credit == "named"

    roadmap, minutes = await _printed(storage, workshop_id, "es")
    assert "Moderación Mónica Rivas (OIM)" in minutes
    assert "Moderación: Mónica Rivas (OIM)" in roadmap  # the method: who moderated each table
    assert re.search(r"• Moderación, [^:]+: Mónica Rivas \(OIM\)", roadmap)  # the participants' annex
    roadmap_en, minutes_en = await _printed(storage, workshop_id, "en")
    assert "Mónica Rivas (IOM)" in minutes_en and "(OIM)" not in minutes_en
    assert re.search(r"• Moderator, [^:]+: Mónica Rivas \(IOM\)", roadmap_en)

    # She can go back to the default: printed by her organisation again.
    await monica.press("Cómo te acredita la hoja de ruta", message=again)
    asked = await monica.wait_for(lambda m: "Hoy figuras con tu nombre" in m.text)
    await monica.press("Solo mi país u organización", message=asked)
    await monica.wait_for(lambda m: "Tu perfil" in m.text and "por tu país u organización" in m.text)
    roadmap, minutes = await _printed(storage, workshop_id, "es")
    assert "Mónica Rivas" not in roadmap and "• Moderación, Grupo A: OIM" in roadmap
    assert "Mónica Rivas" not in minutes and "Moderación OIM" in minutes  # nor the minutes


async def test_a_participant_has_no_role_credit_and_a_forged_press_changes_nothing(bot, emulator, workshop_id):
    ana = await participant(emulator, bot.storage, workshop_id, 3102)
    shown = await ana.ask("/profile")
    assert "Tu función" not in shown.text and "Cómo te acredita la hoja de ruta" not in shown.button_texts
    await ana.press_data(callbacks.PROFILE_EDIT.data("credit"), shown.message_id)
    assert (await ana.wait_for_callback_answer())["text"] == "Ese botón ya no está activo."
    await emulator.wait_idle()
    assert ana.last_message is shown  # the toast only: no question asked
    stored = await bot.storage.membership(workshop_id, await person_id(bot.storage, 3102))
    assert stored.role_credit is None
    assert await bot.storage.dialogue(await person_id(bot.storage, 3102)) is None
