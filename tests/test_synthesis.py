"""A table's synthesis, as the people who own it use it: table A's rapporteur writes it from the table's items,
its moderator sends it back once with a reason and then approves it, each of them told through the outbox; the
plenary reads it in each reader's language. Everyone else is refused, and a second press changes nothing."""

from bot.domain import editorial
from bot.domain.items import reference
from handlers import callbacks
from tests.helpers import item, seat
from tests.test_moderation_session import table_id
from tests.test_plenary import open_phase as open_plenary
from tests.test_redelivery import _redeliver_thrice

REFUSED_WRITE_EN = "Only this table's rapporteur and moderators can write its synthesis."
REFUSED_WRITE_ES = "Solo la relatoría y la moderación de esta mesa pueden escribir su síntesis."
REFUSED_APPROVE_EN = "Only this table's moderators can send its synthesis back or approve it"
REFUSED_APPROVE_ES = "Solo la moderación de esta mesa puede devolver o aprobar su síntesis"


async def table_a(bot, emulator, workshop_id):
    """Table A: John (English) its rapporteur, Mora (Spanish) its moderator, Ana a participant with items;
    table B: Luis its rapporteur, Bea its moderator."""
    storage = bot.storage
    ana_id = await seat(storage, workshop_id, 7103, "Ana Pérez", table="A")
    john_id = await seat(storage, workshop_id, 7101, "John Smith", table="A", language="en")
    await seat(storage, workshop_id, 7102, "Mora Moderadora", role="moderator", table="A")
    luis_id = await seat(storage, workshop_id, 7104, "Luis Gómez", table="B")
    await seat(storage, workshop_id, 7105, "Bea Brown", role="moderator", table="B", language="en")
    a, b = await table_id(storage, workshop_id), await table_id(storage, workshop_id, "B")
    await storage.set_rapporteur(workshop_id, a, john_id, None)
    await storage.set_rapporteur(workshop_id, b, luis_id, None)
    items = {
        "challenge": await item(storage, workshop_id, ana_id, "challenge", table="A",
                                description="Falta de empleo formal para quienes retornan"),
        "good_practice": await item(storage, workshop_id, ana_id, "good_practice", table="A",
                                    name="Ventanilla única de empleo"),
        "recommendation": await item(storage, workshop_id, ana_id, "recommendation", table="A",
                                     action="Certificar competencias laborales"),
        "rejected": await item(storage, workshop_id, ana_id, "challenge", table="A", description="Fuera de tema"),
    }
    await storage.moderate_contribution(items["rejected"], None, "rejected")
    people = {name: emulator.user(uid, name.title(), language_code=lang) for name, uid, lang in (
        ("john", 7101, "en"), ("mora", 7102, "es"), ("ana", 7103, "es"), ("luis", 7104, "es"), ("bea", 7105, "en"))}
    return a, items, people


async def write(john, part_button: str, text: str):
    """Open one part, wait for its question, type it; returns the desk shown after it is saved."""
    await john.press(part_button)
    await john.wait_for(lambda m: m.text.startswith("Write the part"))
    await john.send_text(text)
    return await john.wait_for(lambda m: m.has_button("✏️ Opportunities") and text in m.text)


async def test_drafted_sent_back_once_revised_approved_and_read_in_the_plenary(bot, emulator, workshop_id):
    storage = bot.storage
    a, items, people = await table_a(bot, emulator, workshop_id)
    john, mora, ana = people["john"], people["mora"], people["ana"]

    # From the rapporteur's desk: the synthesis has not started, and nothing can be submitted yet.
    desk = await john.ask("/rapporteur")
    await john.press("📝 The table's synthesis", message=desk)
    shown = await john.wait_for(lambda m: "Synthesis of Group A" in m.text)
    assert "State: not started" in shown.text and not shown.has_button("📨 Submit to the moderator")

    # Writing a part puts the table's live items beside it, by kind, with their references.
    await john.press("✏️ Main challenges", message=shown)
    question = await john.wait_for(lambda m: m.text.startswith("Write the part"))
    digest = "\n".join(m.text for m in john.messages if m.message_id < question.message_id
                       and m.message_id > shown.message_id)
    for kind in ("challenge", "good_practice", "recommendation"):
        assert reference(kind, items[kind], "en") in digest
    assert "Falta de empleo formal para quienes retornan" in digest and "Ventanilla única de empleo" in digest
    assert "Challenges (1)" in digest and reference("challenge", items["rejected"], "en") not in digest
    quoted = reference("challenge", items["challenge"], "en")
    first = f"Formal jobs are scarce for returnees ({quoted}) & <few> services."
    await john.send_text(first)
    desk = await john.wait_for(lambda m: m.has_button("📨 Submit to the moderator"))
    assert first in desk.text and "State: draft" in desk.text  # typed <few> and & shown as typed
    [text] = await storage.texts(workshop_id, editorial.SYNTHESIS, a)
    assert (text.part, text.language, text.origin, text.body) == ("challenges", "en", "original", first)

    # Submitted: the moderator is told, in her language, and sees it in full with her two choices.
    await john.press("📨 Submit to the moderator", message=desk)
    assert "Synthesis submitted" in (await john.wait_for(lambda m: "submitted" in m.text)).text
    await mora.wait_for(lambda m: "La síntesis de Grupo A espera su decisión" in m.text)
    assert (await storage.synthesis(a)).status == editorial.SUBMITTED
    review = await mora.ask("/synthesis")
    review = await mora.wait_for(lambda m: m.has_button("✅ Aprobar"))
    assert first in review.text and "a la espera de la decisión" in review.text and review.has_button("↩️ Devolver")

    # Sent back once, with a reason the rapporteur reads.
    await mora.press("↩️ Devolver", message=review)
    await mora.wait_for(lambda m: m.text.startswith("¿Por qué devuelve la síntesis?"))
    assert "Síntesis devuelta; se avisó" in (await mora.ask("Faltan las oportunidades & la niñez")).text
    told = await john.wait_for(lambda m: "sent the synthesis of Group A back" in m.text)
    assert "Reason: Faltan las oportunidades & la niñez" in told.text
    returned = await storage.synthesis(a)
    assert (returned.status, returned.note) == (editorial.RETURNED, "Faltan las oportunidades & la niñez")

    # Revised: the reason is on the desk; a second part, submitted again, the moderator told again.
    again = await john.ask("/synthesis")
    again = await john.wait_for(lambda m: "Synthesis of Group A" in m.text and m.message_id >= again.message_id)
    assert "Sent back by the moderator" in again.text and "la niñez" in again.text
    second = "Reception networks in the communities could absorb returnees."
    desk = await write(john, "✏️ Opportunities", second)
    await john.press("📨 Submit to the moderator", message=desk)
    await mora.wait_for(lambda m: len([x for x in mora.messages if "espera su decisión" in x.text]) == 2)

    # Approved: the rapporteur is told; a second press (and the press redelivered) changes nothing.
    review = await mora.ask("/synthesis")
    review = await mora.wait_for(lambda m: m.has_button("✅ Aprobar") and second in m.text)
    await mora.press("✅ Aprobar", message=review)
    assert "Síntesis de Grupo A aprobada" in (await mora.wait_for(lambda m: "aprobada" in m.text)).text
    await john.wait_for(lambda m: "The moderator approved the synthesis of Group A" in m.text)
    await mora.press("✅ Aprobar", message=review)
    assert "No se cambió nada: la síntesis está aprobada" in (await mora.wait_for(
        lambda m: m.text.startswith("No se cambió nada"))).text
    await _redeliver_thrice(emulator, storage)
    approved = await storage.synthesis(a)
    assert approved.status == editorial.APPROVED and approved.decided_by is not None
    assert len([m for m in john.messages if "approved the synthesis" in m.text]) == 1
    moves = [e.action for e in await storage.audit_entries(workshop_id, a, limit=100)]
    assert moves.count("synthesis_approve") == 1 and moves.count("synthesis_return") == 1
    assert moves.count("synthesis_submit") == 2

    # The plenary: the first table's approved synthesis comes first; a Spanish reader gets the English original
    # with its language named, until a Spanish version exists.
    await open_plenary(storage, workshop_id, "plenary")
    await ana.send_text("/plenary")
    card = await ana.wait_for(lambda m: m.has_button("📝 Leer la síntesis de esta mesa"))
    read = next(m for m in ana.messages if "Síntesis de Grupo A" in m.text)
    assert read.message_id < card.message_id and first in read.text and second in read.text
    assert "(original en inglés)" in read.text
    await storage.set_translation(workshop_id, editorial.SYNTHESIS, a, "challenges", "es",
                                  "Escasea el empleo formal para quienes retornan.", translates=first,
                                  person_id=None)
    await ana.press("📝 Leer la síntesis de esta mesa", message=card)
    reread = await ana.wait_for(lambda m: "Síntesis de Grupo A" in m.text and m.message_id > card.message_id)
    assert "Escasea el empleo formal" in reread.text and first not in reread.text
    assert reread.text.count("(original en inglés)") == 1  # the opportunities, still only in English
    bea = people["bea"]
    await bea.press_data(callbacks.SYN_READ.data(a), (await bea.ask("/help")).message_id)
    english = await bea.wait_for(lambda m: "Synthesis of Group A" in m.text)
    assert first in english.text and "original in" not in english.text


async def test_every_step_refused_to_the_wrong_role(bot, emulator, workshop_id):
    storage = bot.storage
    a, _, people = await table_a(bot, emulator, workshop_id)
    john, mora, ana, luis, bea = (people[n] for n in ("john", "mora", "ana", "luis", "bea"))

    # A participant has no synthesis to write, by command or by a forged button.
    assert "moderación y la relatoría" in (await ana.ask("/synthesis")).text
    at = (await ana.ask("/help")).message_id
    for route, args in ((callbacks.SYN_DESK, (a,)), (callbacks.SYN_WRITE, (a, "challenges")),
                        (callbacks.SYN_SUBMIT, (a,))):
        await ana.press_data(route.data(*args), at)
        assert REFUSED_WRITE_ES in (await ana.wait_for(lambda m: REFUSED_WRITE_ES in m.text)).text
    # The rapporteur of another table cannot write this one's.
    await luis.press_data(callbacks.SYN_WRITE.data(a, "challenges"), (await luis.ask("/help")).message_id)
    await luis.wait_for(lambda m: REFUSED_WRITE_ES in m.text)
    assert await storage.synthesis(a) is None and await storage.dialogue(await _id(storage, 7104)) is None

    desk = await john.ask("/synthesis")
    desk = await write(john, "✏️ Main challenges", "Formal jobs are scarce.")
    assert not desk.has_button("✅ Approve")  # the rapporteur is not offered what is not theirs
    await john.press("📨 Submit to the moderator", message=desk)
    await mora.wait_for(lambda m: "espera su decisión" in m.text)

    # Nobody but table A's moderator approves or sends it back: not its rapporteur, not another table's
    # moderator, not a participant.
    for person, refusal in ((john, REFUSED_APPROVE_EN), (bea, REFUSED_APPROVE_EN), (ana, REFUSED_APPROVE_ES)):
        at = (await person.ask("/help")).message_id
        for route in (callbacks.SYN_APPROVE, callbacks.SYN_RETURN):
            before = _count(person, refusal)
            await person.press_data(route.data(a), at)
            await person.wait_for(lambda m, who=person, said=refusal, n=before: _count(who, said) > n)
    assert (await storage.synthesis(a)).status == editorial.SUBMITTED

    # A part longer than a few paragraphs is refused and handed back; nothing stored.
    await john.press("✏️ Opportunities", message=desk)
    await john.wait_for(lambda m: m.text.startswith("Write the part"))
    too_long = "x" * (editorial.PART_LIMIT + 1)
    await john.send_text(too_long)
    await john.wait_for(lambda m: m.text == too_long)
    assert {t.part for t in await storage.texts(workshop_id, editorial.SYNTHESIS, a)} == {"challenges"}
    await john.ask("/cancel")

    # Once the workshop is closed the synthesis can be read but nobody changes it.
    await storage.close_workshop(workshop_id, None)
    frozen = await john.ask("/synthesis")
    frozen = await john.wait_for(lambda m: "Synthesis of Group A" in m.text and m.message_id >= frozen.message_id)
    assert not frozen.buttons
    await mora.press_data(callbacks.SYN_APPROVE.data(a), (await mora.ask("/help")).message_id)
    await mora.wait_for(lambda m: m.text.startswith("El taller está cerrado"))
    await john.press_data(callbacks.SYN_WRITE.data(a, "actions"), frozen.message_id)
    await john.wait_for(lambda m: m.text.startswith("The workshop is closed"))
    assert (await storage.synthesis(a)).status == editorial.SUBMITTED


def _count(person, text: str) -> int:
    return len([m for m in person.messages if text in m.text])


async def _id(storage, telegram_id: int) -> int:
    return await storage.fetch_value("SELECT id FROM people WHERE telegram_id = ?", (telegram_id,))
