"""A busy session on a bad line: many people send challenges at once while a tenth of the Bot API calls fail.

The promises under test are the ones a participant relies on: an item sent is stored once (never lost, never
doubled, however often they press "Send" or type it again), they see its reference, and nobody is left
without an answer. Each promise is kept by a different part (the transport's retries, the draft's client
key, "you already sent this", the outbox of confirmations), and only a crowd on a faulty line, behaving as
people do, shows they hold together. The emulator injects every kind of fault at random (``chaos``): 429,
5xx, slow answers, connections dropped before the call and, hardest, after it was carried out.

The default run is sized for ``make test`` (40 people, two challenges each); ``SOAK=1`` (``make soak``) runs
more people for more rounds, with a fresh random seed each time (``RESILIENCE_SEED`` repeats one).
"""

import asyncio
import os
import random
import time

from tests.helpers import open_phase, seat
from tests.impatient import Audit, ImpatientPerson, stored_by_text

SOAK = os.environ.get("SOAK") == "1"
PEOPLE = 200 if SOAK else 40
ROUNDS = 5 if SOAK else 2
RATE = 0.1
# Seconds for everybody to be done; a person still waiting then counts as unanswered. A safety net, not a target:
# the default run takes 15-20 s, longer on a loaded machine.
BUDGET = 400.0 if SOAK else 120.0
SEED = int(os.environ.get("RESILIENCE_SEED") or (random.randrange(10**6) if SOAK else 2024))


async def test_a_busy_session_on_a_faulty_line_loses_nothing_doubles_nothing_and_answers_everybody(
        bot, emulator, workshop_id):
    storage = bot.storage
    await open_phase(storage, workshop_id, "mapping")
    people: list[tuple[int, ImpatientPerson]] = []
    for i in range(PEOPLE):
        telegram_id = 7100 + i
        person_id = await seat(storage, workshop_id, telegram_id, f"Persona{i} Prueba", table="ABC"[i % 3])
        user = emulator.user(telegram_id, f"Persona{i}", language_code="es")
        texts = lambda n, i=i: f"Reto {i}.{n}: sin empleo formal para personas retornadas"  # noqa: E731
        people.append((person_id, ImpatientPerson(user, texts)))

    faults = emulator.faults(rate=RATE, seed=SEED)
    pace = random.Random(SEED)
    started = time.monotonic()
    deadline = started + BUDGET

    async def arrive(person: ImpatientPerson, delay: float) -> None:
        await asyncio.sleep(delay)  # people do not all press at the same millisecond
        for n in range(ROUNDS):
            if not await person.send_one(person.texts(n), deadline):
                return

    await asyncio.gather(*(arrive(person, pace.uniform(0, 2)) for _, person in people))
    took = time.monotonic() - started
    faults.stop()
    await emulator.wait_idle(timeout=30)

    audit = Audit()
    for person_id, person in people:
        audit.add(person, await stored_by_text(storage, workshop_id, person_id))
    tallies = [person.tally for _, person in people]
    spinners = [q.query_id for q in emulator.queries.values() if q.answer is None]
    print(f"\nresilience: {audit.people} people x {ROUNDS} challenges in {took:.1f} s, seed {SEED}; "
          f"{faults.summary()}; {audit.stored} items stored for {audit.begun} sent, {len(audit.doubled)} doubled, "
          f"{len(audit.lost)} lost, {len(audit.unanswered)} people unanswered; "
          f"{sum(t.actions for t in tallies)} actions, {sum(t.silences for t in tallies)} met silence, "
          f"{sum(t.restarts for t in tallies)} restarts with /challenge, "
          f"{sum(t.already for t in tallies)} confirmed as 'already sent', "
          f"{sum(person.apologies for _, person in people)} apologies, {len(spinners)} presses unanswered")

    audit.check()
    assert audit.stored == audit.begun == PEOPLE * ROUNDS
    assert not spinners, f"button presses never answered (a spinner left on the phone): {spinners}"
    assert set(faults.by_kind) == set(faults.kinds), f"not every kind of fault was exercised: {faults.summary()}"
    assert faults.injected >= 0.05 * faults.calls  # the line really was bad


async def test_a_press_whose_answer_reached_telegram_but_not_the_bot_is_still_obeyed(bot, emulator, workshop_id):
    """The hardest fault, on the one request Telegram accepts only once: the answer to a press is carried out,
    the connection drops, the retry is refused as "query is too old". That refusal means the press was
    answered; if it aborted the handler, the press would be lost without a word (the spinner stops, nothing
    else happens), and the update would still be marked as handled."""
    storage = bot.storage
    await seat(storage, workshop_id, 7801, "Ana Pérez", table="A")
    await open_phase(storage, workshop_id, "mapping")
    ana = emulator.user(7801, "Ana", language_code="es")
    await ana.ask("/challenge")
    level = await ana.ask("Falta de empleo formal")
    faults = emulator.faults(rate=1.0, kinds=("drop_after",), methods=("answerCallbackQuery",))
    await ana.press("Comunitario", message=level)
    dimensions = await ana.wait_for(lambda m: "Listo" in m.button_texts)
    assert dimensions.text.startswith("¿Qué dimensiones") and faults.by_kind["drop_after"] >= 1
    assert ana.callback_answers == [ana.callback_answers[0]]  # answered once, as Telegram allows
