"""The tables' Telegram groups and the plenary group, played through the bot: once the moderators are seated each
links their table's group with the link /group gives, the secretariat links the plenary group, and the members
join them (in the emulator, as people who tap the group's invite link would); a participant types /recommend in
the group and follows the button into the private conversation; at the end the demo tells what each group
received (phase notices, approved items, the announcement, the rapporteurs' texts for comment, the reading's
decisions, the final roadmap).

Like ``editing.py`` it is a part of ``script.Demo`` (a mixin): ``self`` is the running demo.
"""

from __future__ import annotations

import asyncio
import re
import time

from bot.offline.demo.cast import Delegate
from bot.offline.emulator import SimulatedUser
from bot.offline.emulator.users import SimulatedGroup

WAIT = 30
GROUP_IDS = {"A": -1001700001, "B": -1001700002, "C": -1001700003, None: -1001700009}
# What each post of the bot in a group begins with (its text as people see it), by kind, in the order told.
POSTS = ((("phase notice", "phase notices"), re.compile(r"^[🟢⏳🔴] (?!\S+-\d+ )", re.M)),
         (("approved item", "approved items"), re.compile(r"^✅ \S+-\d+ ·", re.M)),
         (("announcement", "announcements"), re.compile(r"^📣", re.M)),
         (("text for comment", "texts for comment"), re.compile(r"^📝", re.M)),
         (("reading decision", "reading decisions"), re.compile(r"^[🟢🟡⚪] \S+-\d+ ", re.M)))


def url_of(message, label: str) -> str | None:
    """The address of a message's link button whose label begins with ``label``."""
    for row in (message.reply_markup or {}).get("inline_keyboard", []):
        for button in row:
            if button["text"].startswith(label) and "url" in button:
                return button["url"]
    return None


class GroupStages:
    """Linking the groups, a command typed in one, and what each received; ``self`` is the running demo."""

    @property
    def groups(self) -> dict[str | None, SimulatedGroup]:
        """Table code (None: the plenary) -> its group."""
        return self.__dict__.setdefault("_groups", {})

    async def link_group(self, user: SimulatedUser, code: str | None, title: str) -> SimulatedGroup:
        """/group, then the ➕ link of the table (or the plenary) opened for a new group; the bot's greeting there."""
        lang = "es"
        name = self.label(lang, "groups.plenary_name") if code is None else self.workshop.table(code).name.get(lang)
        menu = await user.ask("/group")
        url = url_of(menu, self.label(lang, "groups.btn_link", table=name))
        group = self.emulator.group(GROUP_IDS[code], title)
        await user.open_link(url, group)
        greeting = "groups.linked_plenary" if code is None else "groups.linked_table"
        await user.wait_for(lambda m: m.text.startswith(self.opening(lang, greeting, table="\0")[:12]), chat=group,
                            timeout=WAIT)
        self.step()
        return group

    async def stage_groups(self) -> None:
        """Each moderator links the table's group, the secretariat the plenary group; people join them."""
        self.stage("groups")
        for code, moderator in self.moderators.items():
            self.groups[code] = await self.link_group(moderator, code, f"Mesa {code} · Taller de reintegración")
        self.groups[None] = await self.link_group(self.secretariat, None, "Plenario · Taller de reintegración")
        for code, group in self.groups.items():
            group.add(*(self.user(d) for d in self.people if code is None or d.table == code))
        linked = await self.storage.group_chats(self.workshop_id)
        print(f"groups: {len(linked)} linked through /group (" + ", ".join(
            f"table {code}'s by its moderator" if code else "the plenary's by the secretariat"
            for code in self.groups) + f"); {len(self.people)} people in their table's group and the plenary's")

    async def open_recommendation(self, delegate: Delegate, user: SimulatedUser) -> None:
        """/recommend, as the first who sends one types it: in their table's group, then the button that opens
        the same conversation in private; everyone else in private."""
        group = self.groups.get(delegate.table)
        if group is None or self.__dict__.get("_from_group") is not None:
            await user.send_text("/recommend")
            return
        self.__dict__["_from_group"] = delegate
        answer = await user.ask("/recommend", chat=group)
        await user.open_link(url_of(answer, self.label("es", "groups.btn_private")))

    def from_group(self) -> str:
        delegate = self.__dict__.get("_from_group")
        if delegate is None:
            return "nobody typed /recommend in a group"
        return (f"{delegate.name} typed /recommend in table {delegate.table}'s group and went on in private with "
                f"its button")

    async def groups_received(self, timeout: float = 120) -> None:
        """Once every post has gone out (each group at most 20 a minute), a line per group of what it received."""
        deadline = time.monotonic() + timeout
        while await self.storage.pending_group_posts() and time.monotonic() < deadline:  # noqa: ASYNC110
            await asyncio.sleep(0.5)  # (the store is what knows: polled, as a person would look again)
        for code, group in self.groups.items():
            texts = "\n".join(m.text for m in group.messages if m.text)
            counts = [(what, len(pattern.findall(texts))) for what, pattern in POSTS]
            roadmap = sum(1 for m in group.messages if m.document is not None)
            told = ", ".join(f"{n} {what[n != 1]}" for what, n in counts if n)
            told += f"{', ' if told else ''}the final roadmap" if roadmap else ""
            name = f"table {code}'s group" if code else "the plenary group"
            print(f"{name} «{group.title}»: {len(group.messages)} messages: {told or 'nothing'}")
