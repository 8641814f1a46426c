"""Issue 9, point 2: updates of different people are handled concurrently, one person's in the order they came
(``bot.transport.OnePersonAtATime``, the update processor the application is built with)."""

from __future__ import annotations

import asyncio

from telegram import Chat, Message, Update, User

from bot.transport import OnePersonAtATime


def _update(update_id: int, person: int) -> Update:
    user = User(person, f"P{person}", is_bot=False)
    message = Message(update_id, None, Chat(person, Chat.PRIVATE), from_user=user, text=f"text {update_id}")
    return Update(update_id, message=message)


async def test_one_persons_updates_wait_their_turn_while_others_go_at_once():
    processor = OnePersonAtATime(16)
    events: list[str] = []

    async def work(name: str, seconds: float) -> None:
        events.append(f"{name} starts")
        await asyncio.sleep(seconds)
        events.append(f"{name} ends")

    await processor.initialize()
    # Ana's first update is slow; her second must wait for it, Luis must not.
    tasks = [asyncio.create_task(processor.process_update(_update(1, 11), work("ana-1", 0.2))),
             asyncio.create_task(processor.process_update(_update(2, 11), work("ana-2", 0.0))),
             asyncio.create_task(processor.process_update(_update(3, 22), work("luis", 0.0)))]
    await asyncio.gather(*tasks)
    await processor.shutdown()
    assert events.index("luis ends") < events.index("ana-1 ends")  # nobody waits for anybody else
    assert events.index("ana-1 ends") < events.index("ana-2 starts")  # one person's updates in order
    assert processor.people_waiting == 0


async def test_the_running_bot_is_built_with_it(bot):
    assert isinstance(bot.app.update_processor, OnePersonAtATime)
    assert bot.app.update_processor.max_concurrent_updates > 1
