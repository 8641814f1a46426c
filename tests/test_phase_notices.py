"""Phase notices speak of the phase that opened (what to do, which command), and a second press on an old
"open" button tells nobody again."""

from handlers import callbacks
from tests.helpers import seat


async def people(bot, emulator, workshop_id):
    await seat(bot.storage, workshop_id, 6101, "Ana Pérez", table="A")
    await seat(bot.storage, workshop_id, 6102, "John Smith", table="B", language="en")
    await seat(bot.storage, workshop_id, 6103, "Mora Moderadora", role="moderator", table="A")
    await seat(bot.storage, workshop_id, 6104, "Sara Secretaría", role="secretariat", country=None, language="en")
    return (emulator.user(6101, "Ana", language_code="es"), emulator.user(6102, "John", language_code="en"),
            emulator.user(6103, "Mora", language_code="es"), emulator.user(6104, "Sara", language_code="en"))


def notices(user, phase: str) -> list[str]:
    return [m.text for m in user.messages if phase in m.text and m.text.startswith("🟢")]


async def test_each_workshop_wide_phase_has_its_own_notice(bot, emulator, workshop_id):
    ana, john, _, sara = await people(bot, emulator, workshop_id)
    await sara.ask("/agenda")
    await sara.press("Open: Participatory dialogue: challenges and good practices (day 1)"[:60])
    mapping = await john.wait_for(lambda m: "Participatory dialogue" in m.text)
    assert "/send" in mapping.text and "/recommend" not in mapping.text and "for your table" not in mapping.text
    await sara.ask("/agenda")
    await sara.press("Open: Plenary: presenting and discussing recommendations"[:60])
    plenary = await ana.wait_for(lambda m: "Plenaria" in m.text)
    assert "/plenary" in plenary.text and "/recommend" not in plenary.text and "tu mesa" not in plenary.text
    await sara.ask("/agenda")
    await sara.press("Open: Joint reading of the roadmap")
    reading = await john.wait_for(lambda m: "Joint reading" in m.text)
    assert "nothing to send" in reading.text and "/" not in reading.text.replace("</b>", "").split(")")[-1]
    await sara.ask("/agenda")
    await sara.press("Close: Joint reading of the roadmap")
    assert (await ana.wait_for(lambda m: m.text.startswith("🔴"))).text.endswith("terminó.")


async def test_pressing_open_twice_tells_people_once(bot, emulator, workshop_id):
    ana, john, mora, sara = await people(bot, emulator, workshop_id)
    agenda = await sara.ask("/agenda")
    for _ in range(2):  # the same old button, pressed again
        await sara.press_data(callbacks.AGENDA_OPEN.data("plenary"), agenda.message_id)
        await sara.wait_for(lambda m: m.text.startswith("Workshop-wide phases"))
    phases = await mora.ask("/phases")
    for _ in range(2):
        await mora.press(next(t for t in phases.button_texts if t.startswith("▶")), message=phases)
        await mora.wait_for(lambda m: m.text.startswith("Abierta para tu mesa"))
    # A later notice arrives after any repeated one would have: the queue keeps its order.
    await sara.press_data(callbacks.AGENDA_OPEN.data("joint-reading"), agenda.message_id)
    await ana.wait_for(lambda m: "Lectura conjunta" in m.text)
    await john.wait_for(lambda m: "Joint reading" in m.text)
    assert len(notices(ana, "Plenaria")) == 1 and len(notices(john, "Plenary")) == 1
    assert len(notices(ana, "Mesas de trabajo")) == 1 and notices(john, "Working tables") == []
    opened = await bot.storage.fetch_value("SELECT count(*) FROM audit_log WHERE action = 'phase_open'")
    assert opened == 3  # plenary, table A's working tables, joint reading: once each
