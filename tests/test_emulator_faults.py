"""The emulator's random faults do what the resilience tests rely on: each kind fails the way the network or
Telegram does, "drop_after" really carries the call out, and what was injected is counted."""

import time

import httpx
import pytest

from bot.offline.emulator.chaos import KINDS


async def _send(emulator, client, text="hola"):
    return await client.post(f"{emulator.base_url}{emulator.token}/sendMessage",
                             json={"chat_id": 7001, "text": text})


@pytest.mark.parametrize("kind", KINDS)
async def test_each_kind_of_fault_fails_as_the_network_would(emulator, kind):
    ana = emulator.user(7001, "Ana")
    tally = emulator.faults(rate=1.0, seed=1, kinds=(kind,))
    async with httpx.AsyncClient() as client:
        started = time.monotonic()
        try:
            reply = await _send(emulator, client)
        except httpx.RemoteProtocolError:
            reply = None
        took = time.monotonic() - started
    shown = [m.text for m in ana.messages]
    if kind == "429":
        assert reply.status_code == 429 and reply.json()["parameters"] == {"retry_after": 1} and shown == []
    elif kind == "5xx":
        assert reply.status_code in (500, 502) and not reply.json()["ok"] and shown == []
    elif kind == "slow":
        assert reply.status_code == 200 and took >= 0.5 and shown == ["hola"]
    elif kind == "drop_before":
        assert reply is None and shown == []  # nothing happened
    else:
        assert reply is None and shown == ["hola"]  # it happened, and the caller cannot know
    assert tally.by_kind == {kind: 1} and tally.by_method == {("sendMessage", kind): 1}


async def test_faults_come_at_the_rate_asked_spare_the_poll_and_stop_when_told(emulator):
    emulator.user(7001, "Ana")
    tally = emulator.faults(rate=0.1, seed=7, kinds=("429", "5xx"), updates_rate=0.0)
    async with httpx.AsyncClient() as client:
        codes = [(await _send(emulator, client, f"m{i}")).status_code for i in range(300)]
        polls = [await client.post(f"{emulator.base_url}{emulator.token}/getUpdates", json={"timeout": 0})
                 for _ in range(20)]
        failed = sum(code != 200 for code in codes)
        assert failed == tally.injected and 15 <= failed <= 50
        assert all(p.status_code == 200 for p in polls)
        assert set(tally.by_kind) == {"429", "5xx"}
        tally.stop()
        assert [(await _send(emulator, client)).status_code for _ in range(20)] == [200] * 20
    assert tally.injected == failed
    with pytest.raises(ValueError):
        emulator.faults(kinds=("earthquake",))
