"""Issue 13, point 4: only the secretariat reopens the joint reading, with a reason; the reopening is recorded
and shown in the roadmap's history of the reading (when it opened and ended, who reopened it as they chose to
be credited, when and why, what changed after), in Spanish and English. A participant and a moderator trying
to reopen it are refused and change nothing."""

from bot.jobs.roadmap_data import roadmap_data
from handlers import callbacks
from reports.roadmap import build_roadmap
from tests.helpers import item, open_phase, person_id
from tests.reports.pdftext import text
from tests.test_groups import PLENARY, link
from tests.test_reading_frozen import setup

REASON = "La delegación de Honduras pidió revisar <Rec> & su alcance"


def history_of(printed: str, title: str, then: str) -> str:
    """The section's text: from its heading (the last time it appears: the contents list it first) to the
    next section's."""
    start = printed.rindex(title)
    return printed[start:printed.index(then, start)]


async def test_a_reopened_reading_is_in_the_roadmaps_history_in_both_languages(bot, emulator, workshop_id):
    storage = bot.storage
    first, second, *_ = await setup(storage, workshop_id)
    sara_id = await person_id(storage, 7305)
    await item(storage, workshop_id, sara_id, "challenge", attribution="named")  # she chose to be named
    await open_phase(storage, workshop_id, "plenary", state="closed")
    sara = emulator.user(7305, "Sara", language_code="en")
    plenary = emulator.group(PLENARY, "Plenario")
    await link(sara, plenary, "➕ Add me to the group of the plenary")

    listing = await sara.ask("/reading")
    card = await sara.next_message()
    await sara.press("Adopt", message=card)
    await sara.wait_for(lambda m: m.message_id == card.message_id and f"Rec-{second} adopted" in m.text)
    await sara.press("End the reading", message=listing)
    await sara.next_message()
    frozen = await sara.next_message()
    draft = text(build_roadmap(await roadmap_data(storage, workshop_id, "en")))
    history = history_of(draft, "History of the joint reading", "Next steps")
    assert "the joint reading opened and its order was fixed" in history
    assert "the joint reading ended and its list was frozen" in history
    assert "The joint reading was not reopened." in history
    assert "who reopened it" not in history  # what a reopening adds, said only where there was one

    # The wrong side: a participant and a moderator press a forged "Reopen": refused, nothing asked or changed.
    ana, marta = emulator.user(7301, "Ana", language_code="es"), emulator.user(7304, "Marta", language_code="en")
    for user, telegram_id in ((ana, 7301), (marta, 7304)):
        await user.press_data(callbacks.READING_REOPEN.data(), (await user.ask("/help")).message_id)
        answer = await user.wait_for_callback_answer()
        assert answer["show_alert"] and "secretar" in answer["text"].lower()
        assert await storage.dialogue(await person_id(storage, telegram_id)) is None
    assert (await storage.reading(workshop_id)).ended

    # The secretariat reopens it: asked why first; until the reason comes, the list stays frozen.
    await sara.press("Reopen the reading", message=frozen)
    asked = await sara.next_message()
    assert asked.text.startswith("Why is the joint reading reopened?")
    assert (await storage.reading(workshop_id)).ended
    assert "the limit is 500" in (await sara.ask("x" * 501)).text
    await sara.next_message()  # the text handed back
    assert (await storage.reading(workshop_id)).ended
    assert (await sara.ask(REASON)).text.startswith("The joint reading is reopened, in the same order")
    assert not (await storage.reading(workshop_id)).ended
    told = await ana.wait_for(lambda m: "reabrió la lectura conjunta" in m.text, chat=plenary)
    assert REASON in told.text  # as typed, the markup escaped
    await sara.next_message()  # the list
    card = await sara.next_message()
    assert f"Rec-{second}" in card.text and "Outcome: adopted" in card.text

    # Decided again after the reopening: the first one set aside, then the reading ends once more.
    await sara.press("Set aside", message=card)
    await sara.next_message()
    assert "set aside; the reason is recorded" in (await sara.ask("Duplica la tercera recomendación")).text
    await sara.next_message()  # the next card
    listing = await sara.ask("/reading")
    await sara.press("End the reading", message=listing)
    await sara.wait_for(lambda m: m.has_button("Reopen the reading"))
    await storage.close_workshop(workshop_id, sara_id)  # as /close does (tests/test_secretariat.py)

    english = history_of(text(build_roadmap(await roadmap_data(storage, workshop_id, "en"))),
                         "History of the joint reading", "Next steps")
    assert english.count("the joint reading ended and its list was frozen") == 2
    assert "the secretariat (Sara Secretaría) reopened the joint reading" in english  # named, as she chose
    assert "Reason: “La delegación de Honduras pidió revisar <Rec> & su alcance”." in english
    assert f"after the reopening, Rec-{second} went from “adopted” to “set aside”" in english
    assert "Reason: “Duplica la tercera recomendación”." in english
    assert "the secretariat closed the workshop; the roadmap became final" in english
    assert "was not reopened" not in english
    assert "when it ended, who reopened it, when, why and with what result" in english
    assert english.index("reopened the joint reading") < english.index("after the reopening") \
        < english.index("closed the workshop")

    spanish = history_of(text(build_roadmap(await roadmap_data(storage, workshop_id, "es"))),
                         "Historial de la lectura conjunta", "Próximos pasos")
    assert "se abrió la lectura conjunta y quedó fijado su orden" in spanish
    assert f"la secretaría (Sara Secretaría) reabrió la lectura conjunta. Motivo: «{REASON}»" in spanish
    assert f"tras la reapertura, Rec-{second} pasó de «adoptada» a «descartada»" in spanish
    assert "cerró el taller" in spanish
    audit = await storage.fetch_all("SELECT action, after FROM audit_log WHERE action = 'reading_reopened'")
    assert [tuple(r) for r in audit] == [("reading_reopened", '{"reason": "' + REASON + '"}')]
    assert f"Rec-{first}" not in english  # only what changed after the reopening is listed
