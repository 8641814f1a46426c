"""A full room, measured as production runs: the bot in its own process exactly as ``make run`` starts it
(``workshop-bot run``), the Bot API emulator and the simulated people in this one, and bare
python-telegram-bot (``bench._bare_echo``) given the same arrivals in the same run, interleaved.

The emulator enforces Telegram's flood limits throughout (``bot.offline.emulator.flood``), so the figures
include waiting out any 429, and the count of 429 answers is itself a result.

Scenarios (each prints its figures beside the goal of issue 9):
- steady arrivals: 300 people acting on average every 5 s (60 updates/s), then 1,000 every 5 s (200/s); a
  step is /help, /mine, a briefing page, a tap, the first answer of /challenge, /cancel, in turn;
- a burst: 300 people send at the same instant;
- taps at 30 updates/s, first alone, then while an announcement to 1,000 people goes out;
- the announcement alone: its rate, and 429s;
- the bot's peak memory with 1,000 people.

    .venv/bin/python -m bench load_bench              (about twenty minutes)
    BENCH_SECONDS=8 .venv/bin/python -m bench load_bench   (a quicker, noisier run)
"""

from __future__ import annotations

import asyncio
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("PTB_TIMEDELTA", "1")

from bot.domain.workshop_file import EXAMPLE_FILE, load_workshop
from bot.offline.emulator import BotApiEmulator, SimulatedUser
from bot.storage import Storage

SECONDS = float(os.environ.get("BENCH_SECONDS", "20"))
TOKEN = "123456:LOAD-BENCH"
FIRST_ID = 500_000
MODERATOR_ID = 499_999
ANNOUNCEMENT = "Bench announcement"
VISIBLE = {"sendmessage", "editmessagetext", "senddocument", "editmessagereplymarkup", "sendphoto"}
STEPS = ("/help", "/mine", "/briefing", "tap", "/challenge", "tap", "/cancel")
TAPS = ("/briefing", "tap", "tap", "tap")
TIMEOUT = 30.0
WARM_UP = 4.0   # seconds of unmeasured traffic after each start
ROUNDS_AT_60 = 4
ROUNDS_AT_200 = 3


# -- the people's side -------------------------------------------------------------------------------------

@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    timeouts: int = 0

    def p(self, q: int) -> float:
        if len(self.latencies) < 2:
            return self.latencies[0] if self.latencies else float("nan")
        return statistics.quantiles(self.latencies, n=100, method="inclusive")[q - 1]


class Room:
    """Times each step from the moment a person acts to the bot's first visible answer in their chat."""

    def __init__(self, emulator: BotApiEmulator) -> None:
        self.emu = emulator
        self.waiting: dict[int, tuple[float, asyncio.Future]] = {}
        self.bulk_times: list[float] = []
        emulator.observers.append(self._observe)

    def _observe(self, method: str, params: dict, result: object) -> None:
        if method.lower() not in VISIBLE:
            return
        try:
            chat = int(params.get("chat_id"))
        except (TypeError, ValueError):
            return
        if ANNOUNCEMENT in str(params.get("text", "")) and chat != MODERATOR_ID:
            self.bulk_times.append(time.perf_counter())
            return
        entry = self.waiting.pop(chat, None)
        if entry is not None and not entry[1].done():
            entry[1].set_result(time.perf_counter())

    async def act(self, user: SimulatedUser, step: str, tally: Tally) -> None:
        future = asyncio.get_running_loop().create_future()
        message = None
        if step == "tap":
            message = next((m for m in reversed(user.messages) if m.buttons), None)
        started = time.perf_counter()
        self.waiting[user.id] = (started, future)
        if message is not None:
            await user.press_data(message.buttons[0][0][1], message.message_id)
        else:
            await user.send_text("/help" if step == "tap" else step)
        try:
            answered = await asyncio.wait_for(future, TIMEOUT)
            tally.latencies.append(answered - started)
        except TimeoutError:
            tally.timeouts += 1
            tally.latencies.append(TIMEOUT)
        finally:
            self.waiting.pop(user.id, None)


async def steady(room: Room, users: Sequence[SimulatedUser], per_second: float, seconds: float,
                 steps: Sequence[str] = STEPS, seed: int = 7) -> tuple[Tally, float]:
    """Each person acts, waits for the answer, then pauses a random while (mean: people / rate)."""
    tally = Tally()
    mean_gap = len(users) / per_second
    deadline = time.perf_counter() + seconds

    async def person(user: SimulatedUser) -> None:
        rng = random.Random(seed * 1_000_003 + user.id)
        await asyncio.sleep(rng.uniform(0, mean_gap))
        index = 0
        while time.perf_counter() < deadline:
            await room.act(user, steps[index % len(steps)], tally)
            index += 1
            await asyncio.sleep(rng.expovariate(1 / mean_gap))

    await asyncio.gather(*(person(u) for u in users))
    return tally, len(tally.latencies) / seconds  # steps started within the window


async def burst(room: Room, users: Sequence[SimulatedUser]) -> tuple[Tally, float]:
    """Everyone sends at the same instant; returns the steps and when the last was answered."""
    tally = Tally()
    started = time.perf_counter()
    await asyncio.gather(*(room.act(u, "/help", tally) for u in users))
    return tally, time.perf_counter() - started


# -- the processes -----------------------------------------------------------------------------------------

def _workshop_file(folder: Path) -> Path:
    """The example workshop with room for everyone at table A, so one announcement reaches 1,000 people."""
    text = re.sub(r"capacity = \d+", "capacity = 2000", EXAMPLE_FILE.read_text(encoding="utf-8"))
    path = folder / "bench-workshop.toml"
    path.write_text(text, encoding="utf-8")
    return path


async def seed(database: Path, folder: Path, people: int) -> None:
    """Registered participants at table A, a moderator of table A, and the mapping phase open."""
    storage = Storage(database)
    await storage.open()
    try:
        workshop = load_workshop(_workshop_file(folder))
        workshop_id = await storage.save_workshop(workshop)
        table_a = next(t.id for t in await storage.working_tables(workshop_id) if t.code == "A")
        countries = [c.id for c in workshop.countries]
        for index in range(people + 1):
            telegram_id = MODERATOR_ID if index == people else FIRST_ID + index
            language = "es" if index % 3 else "en"
            person = await storage.touch_person(telegram_id, f"P{index}", language)
            await storage.set_language(person.id, language)
            moderator = index == people
            await storage.join_workshop(workshop_id, person.id, "moderator" if moderator else "participant",
                                        table_a if moderator else None)
            await storage.complete_registration(workshop_id, person.id, {
                "full_name": f"Delegate {index}", "country": countries[index % len(countries)],
                "institution": "Ministerio", "position": "Directora"})
            if not moderator:
                await storage.set_table(workshop_id, person.id, table_a)
        await storage.set_phase_state(workshop_id, "mapping", "open", None,
                                      time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime()))
    finally:
        await storage.close()


class Process:
    """One bot in a process of its own, polling the emulator; its peak memory read before it stops."""

    def __init__(self, kind: str, emulator: BotApiEmulator, folder: Path, database: Path | None) -> None:
        env = {**os.environ, "TELEGRAM_BOT_TOKEN": emulator.token, "TELEGRAM_API_URL": emulator.base_url,
               "TELEGRAM_FILE_URL": emulator.base_file_url, "LOG_LEVEL": "WARNING", "PTB_TIMEDELTA": "1"}
        if kind == "bot":
            env["DATABASE_PATH"] = str(database)
            command = [str(Path(sys.executable).with_name("workshop-bot")), "run"]
        else:
            command = [sys.executable, "-m", "bench._bare_echo"]
            env["PYTHONPATH"] = str(Path(__file__).resolve().parent.parent)
        self.kind = kind
        self.emulator = emulator
        self.process = subprocess.Popen(command, env=env, cwd=folder, stdout=subprocess.DEVNULL,
                                        stderr=open(folder / f"{kind}.log", "w"))  # noqa: SIM115

    async def ready(self) -> None:
        deadline = time.monotonic() + 60
        while not any(name == "getUpdates" for name, _ in self.emulator.requests[-50:]):
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{self.kind} did not start; see its log")
            await asyncio.sleep(0.1)
        await asyncio.sleep(1.0)  # start-up work (menus, the agenda) out of the way

    def peak_memory_mb(self) -> float:
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        return int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024

    async def stop(self) -> None:
        self.process.send_signal(signal.SIGINT)
        for _ in range(100):
            if self.process.poll() is not None:
                return
            await asyncio.sleep(0.1)
        self.process.kill()


async def session(kind: str, people: int, play) -> dict:
    """A fresh emulator, store and process for one kind of bot; ``play(room, users, process)`` runs."""
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        database = folder / "bench.sqlite3"
        async with BotApiEmulator(token=TOKEN) as emulator:
            if kind == "bot":
                await seed(database, folder, people)
            flood = emulator.flood_limits()
            users = [emulator.user(FIRST_ID + i, f"P{i}", language_code="es" if i % 3 else "en")
                     for i in range(people)]
            emulator.user(MODERATOR_ID, "Moderator", language_code="en")
            process = Process(kind, emulator, folder, database if kind == "bot" else None)
            try:
                await process.ready()
                room = Room(emulator)
                # Unmeasured: the first steps of a fresh process compile templates and open connections.
                await steady(room, users[:100], 50, WARM_UP, steps=STEPS, seed=3)
                result = await play(room, users, process)
                result["memory_mb"] = process.peak_memory_mb()
                result["refusals"] = len(flood.refusals)
                result["bulk_refusals"] = sum(1 for kind_, _, _ in flood.refusals if kind_ == "bulk")
            finally:
                await process.stop()
                emulator.observers.clear()
            return result


# -- the scenarios ------------------------------------------------------------------------------------------

def _steady(per_second: float):
    async def play(room, users, process):
        tally, throughput = await steady(room, users, per_second, SECONDS)
        return {"tally": tally, "throughput": throughput}
    return play


async def _burst(room, users, process):
    tally, last = await burst(room, users[:300])
    return {"tally": tally, "last": last}


async def _announce(room: Room, process: Process, moderator: SimulatedUser) -> None:
    await moderator.ask("/announce", timeout=TIMEOUT)
    await moderator.ask(f"{ANNOUNCEMENT}: the plenary starts at 16:00 in the main hall.", timeout=TIMEOUT)


async def _taps_with_announcement(room, users, process):
    """Taps alone for a while, then the same taps while the announcement goes out to everyone."""
    tappers = users[:150]
    alone, _ = await steady(room, tappers, 30, SECONDS, steps=TAPS, seed=11)
    moderator = room.emu.users[MODERATOR_ID]
    await _announce(room, process, moderator)
    during, _ = await steady(room, tappers, 30, SECONDS, steps=TAPS, seed=12)
    return {"alone": alone, "during": during, "bulk": len(room.bulk_times)}


async def _broadcast(room, users, process):
    moderator = room.emu.users[MODERATOR_ID]
    await _announce(room, process, moderator)
    deadline = time.perf_counter() + 120
    while len(room.bulk_times) < len(users) and time.perf_counter() < deadline:  # noqa: ASYNC110 (polls a tally)
        await asyncio.sleep(0.5)
    times = room.bulk_times
    rate = (len(times) - 1) / (times[-1] - times[0]) if len(times) > 1 else 0.0
    return {"sent": len(times), "rate": rate, "took": times[-1] - times[0] if times else 0.0}


async def _rounds(people: int, per_second: float, count: int) -> list[tuple[dict, dict]]:
    """`count` steady rounds in turn, bare PTB then the bot, each pair given the same arrivals; in turn rather
    than all of one kind first, so that a slow spell of the host falls on both sides."""
    return [(await session("bare", people, _steady(per_second)), await session("bot", people, _steady(per_second)))
            for _ in range(count)]


def _pooled(results: Sequence[dict]) -> dict:
    """Rounds of one kind taken together: every latency, and the mean throughput."""
    tally = Tally()
    for result in results:
        tally.latencies += result["tally"].latencies
        tally.timeouts += result["tally"].timeouts
    return {"tally": tally, "throughput": statistics.mean(r["throughput"] for r in results)}


def _host_cpu() -> tuple[int, int, int]:
    """Jiffies since boot: all, idle (with I/O wait), stolen by the host's other guests (``/proc/stat``)."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return sum(fields), fields[3] + fields[4], fields[7] if len(fields) > 7 else 0


def _host_load(before: tuple[int, int, int]) -> str:
    """How busy the machine was since ``before``, and how much the host took: figures read on a host that
    steals much are slower on both sides, and the ratio is noisier."""
    now = _host_cpu()
    total = max(now[0] - before[0], 1)
    return f"machine busy {1 - (now[1] - before[1]) / total:.0%}, stolen by the host {(now[2] - before[2]) / total:.0%}"


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:7.0f} ms"


def _line(what: str, value: str, goal: str, ok: bool) -> str:
    return f"  {what:<58} {value:>26}   goal: {goal:<32} {'ok' if ok else 'MISSED'}"


async def run() -> None:
    print(f"steady runs of {SECONDS:.0f} s; flood limits enforced by the emulator", flush=True)
    # Interleaved: bare PTB, then the bot, scenario by scenario, in the same run. The ratio at 60 updates/s is
    # the goal most sensitive to what else the host runs: on a 2-core machine shared with others, a few seconds
    # in which the host takes the CPU make one round's p95 several times another's, on either side (one run of
    # four rounds, session s6: bare PTB's p95 14 to 237 ms, the bot's 10 to 58 ms, ratios 0.04x to 4.09x). So
    # it takes rounds in turn (bare, bot, bare, bot, ...), each bot round paired with the bare round just
    # before it, and judges the median of the pairs' ratios: one slow burst on either side moves it by one
    # rank, where it would carry a pooled p95. Every round and the pooled figures are printed beside it.
    before = _host_cpu()
    rounds = await _rounds(300, 60, ROUNDS_AT_60)
    bare60, bot60 = _pooled([bare for bare, _ in rounds]), _pooled([bot for _, bot in rounds])
    ratios = [bot["tally"].p(95) / bare["tally"].p(95) for bare, bot in rounds]
    ratio = statistics.median(ratios)
    print(f"60 updates/s, 300 people ({ROUNDS_AT_60} rounds of each, in turn; {_host_load(before)})")
    for index, (bare, bot) in enumerate(rounds, 1):
        print(f"  round {index}: p95 bare {_ms(bare['tally'].p(95))}, bot {_ms(bot['tally'].p(95))} "
              f"({bot['tally'].p(95) / bare['tally'].p(95):.2f}x)")
    print(f"  bare PTB: p50 {_ms(bare60['tally'].p(50))}, p95 {_ms(bare60['tally'].p(95))}, "
          f"{bare60['throughput']:.0f} updates/s")
    print(f"  bot:      p50 {_ms(bot60['tally'].p(50))}, p95 {_ms(bot60['tally'].p(95))}, "
          f"{bot60['throughput']:.0f} updates/s, {bot60['tally'].timeouts} unanswered")
    print(f"  pooled over the rounds, p95 bot / bare PTB {bot60['tally'].p(95) / bare60['tally'].p(95):.2f}x")
    print(_line("p95, bot / bare PTB (median of the rounds)", f"{ratio:.2f}x", "within 2.5x", ratio <= 2.5),
          flush=True)

    # The p99 at 200 updates/s is a goal in milliseconds, and a few seconds of CPU taken by the host carry a
    # whole round's p99 (session s6: 17 ms in a round with nothing stolen, 976 ms in one with 8 % stolen, bare
    # PTB 0.7 and 4.2 s beside them): rounds in turn, as at 60 updates/s, judged by their median.
    before = _host_cpu()
    rounds = await _rounds(1000, 200, ROUNDS_AT_200)
    print(f"200 updates/s, 1,000 people ({ROUNDS_AT_200} rounds of each, in turn; {_host_load(before)})")
    for index, (bare, bot) in enumerate(rounds, 1):
        print(f"  round {index}: p99 bare {_ms(bare['tally'].p(99))}, bot {_ms(bot['tally'].p(99))}")
    bare200, bot200 = _pooled([bare for bare, _ in rounds]), _pooled([bot for _, bot in rounds])
    print(f"  bare PTB: p50 {_ms(bare200['tally'].p(50))}, p95 {_ms(bare200['tally'].p(95))}, "
          f"p99 {_ms(bare200['tally'].p(99))}, {bare200['throughput']:.0f} updates/s (pooled)")
    print(f"  bot:      p50 {_ms(bot200['tally'].p(50))}, p95 {_ms(bot200['tally'].p(95))}, "
          f"p99 {_ms(bot200['tally'].p(99))}, {bot200['throughput']:.0f} updates/s, "
          f"{bot200['tally'].timeouts} unanswered (pooled)")
    p99 = statistics.median(bot["tally"].p(99) for _, bot in rounds)
    memory = max(bot["memory_mb"] for _, bot in rounds)
    print(_line("p99 of the bot (median of the rounds)", _ms(p99), "under 100 ms", p99 < 0.1))
    print(_line("bot process peak memory, 1,000 people", f"{memory:.0f} MB", "under 200 MB", memory < 200),
          flush=True)

    before = _host_cpu()
    bare_burst = await session("bare", 300, _burst)
    bot_burst = await session("bot", 300, _burst)
    ratio = bot_burst["last"] / bare_burst["last"]
    print(f"300 people send at the same instant ({_host_load(before)})")
    print(f"  bare PTB: last answer after {bare_burst['last']:.2f} s; bot: {bot_burst['last']:.2f} s")
    print(_line("drained, bot / bare PTB", f"{ratio:.2f}x", "within 2x", ratio <= 2), flush=True)

    before = _host_cpu()
    taps = await session("bot", 1000, _taps_with_announcement)
    ratio = taps["during"].p(95) / taps["alone"].p(95)
    print(f"taps at 30 updates/s, alone and while an announcement to 1,000 goes out ({_host_load(before)})")
    print(f"  alone: p95 {_ms(taps['alone'].p(95))}; during: p95 {_ms(taps['during'].p(95))} "
          f"({taps['bulk']} announcement messages sent meanwhile)")
    print(_line("tap p95, during / alone", f"{ratio:.2f}x", "within 2x", ratio <= 2))
    print(_line("429 answers during it", str(taps["refusals"]), "0", taps["refusals"] == 0), flush=True)

    before = _host_cpu()
    cast = await session("bot", 1000, _broadcast)
    print(f"an announcement to 1,000 people, alone ({_host_load(before)})")
    print(f"  {cast['sent']} delivered in {cast['took']:.1f} s")
    print(_line("bulk rate", f"{cast['rate']:.1f} messages/s", "27-30 messages/s", 27 <= cast["rate"] <= 30))
    print(_line("429 answers (Telegram's limits)", str(cast["refusals"]), "0", cast["refusals"] == 0))
    print(_line("bot process peak memory", f"{cast['memory_mb']:.0f} MB", "under 200 MB", cast["memory_mb"] < 200),
          flush=True)


def main() -> None:
    asyncio.run(run())


if __name__ == "__main__":
    main()
