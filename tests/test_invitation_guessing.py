"""Guessing invitation links is slowed down: the rule (``bot.domain.invitations``), and through the emulator the
pause one guesser gets while everyone else is answered at once, with nothing written per guess, and the count the
secretariat sees in /progress."""

import time

import pytest

from bot.domain.invitations import (
    FIRST_GUESS_WAIT,
    FREE_GUESSES,
    GUESS_WINDOW,
    LONGEST_GUESS_WAIT,
    GuessLog,
    guess_wait,
    new_token,
)
from bot.jobs import guesses
from tests.helpers import invitation, seat

# -- the rule -------------------------------------------------------------------------------------------------


def test_a_few_wrong_links_cost_nothing_then_the_wait_doubles_up_to_half_a_minute():
    assert [guess_wait(n) for n in range(FREE_GUESSES)] == [0.0] * FREE_GUESSES
    assert [guess_wait(FREE_GUESSES + n) for n in range(6)] == [2.0, 4.0, 8.0, 16.0, 30.0, 30.0]
    assert guess_wait(10**6) == LONGEST_GUESS_WAIT
    assert FIRST_GUESS_WAIT == 2.0


def test_the_log_counts_a_minute_per_person_and_an_hour_for_the_secretariat():
    log = GuessLog()
    for second in range(FREE_GUESSES):
        log.wrong(1, 1000.0 + second)
    assert log.wait(1, 1005.0) == FIRST_GUESS_WAIT
    assert log.wait(2, 1005.0) == 0.0  # somebody else is not slowed down
    assert log.wait(1, 1000.0 + GUESS_WINDOW + FREE_GUESSES) == 0.0  # a quiet minute later: nothing to wait
    log.wrong(2, 2000.0)
    assert log.last_hour(2000.0) == (FREE_GUESSES + 1, 2)
    assert log.last_hour(1000.0 + 3600 + 120) == (1, 1)  # an hour on, only the later one is left


def test_the_log_stays_bounded_whatever_the_traffic():
    log = GuessLog(kept=100)
    for n in range(10_000):
        log.wrong(n % 300, float(n))
    assert len(log) == 100
    assert all(len(times) <= FREE_GUESSES + 16 for times in log._recent.values())
    assert all(len(minutes) <= 61 for minutes in log._minutes.values())
    for second in range(50):  # one person trying fast
        log.wrong(7, 20_000.0 + second)
    assert log.wait(7, 20_050.0) == LONGEST_GUESS_WAIT and len(log) == 100


# -- through the emulator -------------------------------------------------------------------------------------

WRONG = "Ese enlace de invitación no es válido."


async def _table_counts(storage) -> dict[str, int]:
    names = [row[0] for row in await storage.fetch_all(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    return {name: await storage.fetch_value(f"SELECT count(*) FROM {name}") for name in names}


async def test_past_five_wrong_links_a_minute_the_next_waits_while_others_are_answered_at_once(bot, emulator,
                                                                                               workshop_id):
    guesser = emulator.user(1501, "Gus", language_code="es")
    other = emulator.user(1502, "Otra", language_code="es")
    for person in (guesser, other):
        await person.ask("/help")  # both are known before anything is counted
    before = await _table_counts(bot.storage)
    for _ in range(FREE_GUESSES):
        started = time.monotonic()
        assert (await guesser.ask(f"/start {new_token()}")).text.startswith(WRONG)
        assert time.monotonic() - started < 1.5
    started = time.monotonic()
    await guesser.send_text(f"/start {new_token()}")
    helped = time.monotonic()
    assert (await other.ask("/help")).text.startswith("Este bot")
    assert time.monotonic() - helped < 1.0  # nobody else waits for the guesser
    assert (await guesser.next_message(timeout=10)).text.startswith(WRONG)
    assert time.monotonic() - started >= FIRST_GUESS_WAIT - 0.1
    after = await _table_counts(bot.storage)
    grown = {name: after[name] - before[name] for name in after if after[name] != before[name]}
    assert set(grown) <= {"processed_updates"}  # what every update costs, nothing more per guess


async def test_a_real_link_after_wrong_ones_still_joins_after_the_pause(bot, emulator, workshop_id):
    token = await invitation(bot.storage, workshop_id)
    late = emulator.user(1503, "Lena", language_code="es")
    for _ in range(FREE_GUESSES):
        await late.ask(f"/start {new_token()}")
    started = time.monotonic()
    assert "Te damos la bienvenida" in (await late.ask(f"/start {token}", timeout=10)).text
    assert time.monotonic() - started >= FIRST_GUESS_WAIT - 0.1


async def test_links_sent_faster_than_they_are_checked_are_refused_unchecked(bot, emulator, workshop_id):
    guesser = emulator.user(1504, "Gus", language_code="en")
    for _ in range(FREE_GUESSES):
        await guesser.ask(f"/start {new_token()}")
    for _ in range(guesses.WAITING_AT_MOST):  # these wait their turn, one after the other
        await guesser.send_text(f"/start {new_token()}")
    started = time.monotonic()
    refused = await guesser.ask(f"/start {new_token()}")
    assert refused.text.startswith("You have opened many links that match no invitation")
    assert time.monotonic() - started < 1.0
    assert (await guesser.ask("/help")).text.startswith("This bot")  # and the rest is answered as ever


@pytest.mark.parametrize("language, line", [
    ("en", "Wrong invitation links tried in the last hour: 7 (by 2 people)."),
    ("es", "Enlaces de invitación erróneos probados en la última hora: 7 (por 2 personas)."),
])
async def test_the_secretariat_sees_the_wrong_links_in_progress(bot, emulator, workshop_id, language, line):
    await seat(bot.storage, workshop_id, 1510, "Sara Secretaría", role="secretariat", country=None, language=language)
    sara = emulator.user(1510, "Sara", language_code=language)
    nobody = {"en": ": 0 (by 0 people).", "es": ": 0 (por 0 personas)."}[language]
    assert nobody in (await sara.ask("/progress")).text
    for telegram_id, tries in ((1511, 5), (1512, 2)):
        guesser = emulator.user(telegram_id, "Gus", language_code="es")
        for n in range(tries):
            await guesser.ask(f"/start {new_token() if n % 2 else 'not-a-token'}")
    assert line in (await sara.ask("/progress")).text
