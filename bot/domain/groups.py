"""A working table's own Telegram group, and the workshop's plenary group: whose a group is, who may link it,
who belongs in it, and the deep-link payloads that carry all of it.

A table's work stays private to the table (the concept note), so a table group belongs to one table and a
table to one group; the plenary group is the workshop's. Items are never written in a group: a command
there answers with a link that opens the same conversation in private, one to one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from bot.domain.permissions import Action, can
from bot.domain.records import Role

# Deep-link payloads (``[A-Za-z0-9_-]``, at most 64): ``gt-<table id>`` links a table's group, ``gp-<workshop
# id>`` the plenary group (both from a ``startgroup`` link), ``g-<command>`` opens a group command in private.
_LINK = re.compile(r"^g(t|p)-([0-9]{1,12})$")
PRIVATE_COMMANDS = ("challenge", "recommend", "mine", "briefing")   # what a group command opens in private
_OPEN = re.compile(r"^g-(" + "|".join(PRIVATE_COMMANDS) + r")$")

# Why a link is refused (a key of the texts, ``groups.refused_<reason>``).
NOT_YOURS, OTHER_WORKSHOP, GROUP_TAKEN, TARGET_TAKEN, ALREADY_HERE = (
    "not_yours", "other_workshop", "group_taken", "target_taken", "already_here")


@dataclass(frozen=True)
class GroupChat:
    """A linked group: a table's (``table_id``) or the workshop's plenary group (``table_id`` None)."""

    chat_id: int
    workshop_id: int
    table_id: int | None
    title: str
    language: str
    linked_by: int | None

    @property
    def plenary(self) -> bool:
        return self.table_id is None


@dataclass(frozen=True)
class Target:
    """What a ``startgroup`` link asks a group to become: a table's group, or the workshop's plenary group."""

    workshop_id: int | None   # known for the plenary; a table's workshop is looked up from the table
    table_id: int | None

    @property
    def plenary(self) -> bool:
        return self.table_id is None


@dataclass(frozen=True)
class RollEntry:
    """One person a group is for, and what the bot knows of them there: ``present`` True (seen in it), False
    (seen leaving), None (never seen: a bot in privacy mode learns members only from what Telegram shows it)."""

    person_id: int
    telegram_id: int
    name: str
    present: bool | None
    blocked: bool = False


def missing(roll: Iterable[RollEntry], exclude: Iterable[int] = ()) -> list[RollEntry]:
    """Who of the group's people is not (known to be) in it: the ones a moderator may send the invite link to.
    ``exclude`` (person ids) leaves out whoever asks: they are the one inviting."""
    left_out = set(exclude)
    return [entry for entry in roll if entry.present is not True and entry.person_id not in left_out]


def leaves_after_refusal(refusal: str) -> bool:
    """A refused link leaves the bot in a group that is nobody's, so it says why and leaves; a group already
    linked (to another table, or to this one) keeps the bot, since it is still that table's group."""
    return refusal not in (GROUP_TAKEN, ALREADY_HERE)


def link_payload(table_id: int | None, workshop_id: int) -> str:
    """The ``startgroup`` payload that links a group to this table (or, with None, as the plenary group)."""
    return f"gt-{table_id}" if table_id is not None else f"gp-{workshop_id}"


def read_link(payload: str | None) -> Target | None:
    """The target a ``startgroup`` payload names; None for anything else (an invitation, a forged payload)."""
    found = _LINK.match(payload or "")
    if found is None:
        return None
    number = int(found.group(2))
    return Target(None, number) if found.group(1) == "t" else Target(number, None)


def open_payload(command: str) -> str:
    """The ``start`` payload that opens a group command (``/challenge``) in private."""
    if command not in PRIVATE_COMMANDS:
        raise ValueError(f"{command!r} does not open in private; expected one of {PRIVATE_COMMANDS}")
    return f"g-{command}"


def read_open(payload: str | None) -> str | None:
    """The command a private ``start`` payload opens, or None when it is not one of ours."""
    found = _OPEN.match(payload or "")
    return found.group(1) if found else None


def link_action(target: Target) -> Action:
    """Linking a table's group is its moderator's (and the secretariat's); the plenary group, the secretariat's."""
    return Action.MANAGE_WORKSHOP if target.plenary else Action.MODERATE_TABLE


def may_link(roles: Iterable[Role], target: Target) -> bool:
    return can(roles, link_action(target), target.table_id)


def link_refusal(roles: Iterable[Role], person_workshop_id: int | None, target: Target, target_workshop_id: int,
                 linked: GroupChat | None, target_group: int | None, chat_id: int) -> str | None:
    """Why this person may not link this group to the target, or None when they may.

    ``linked`` is what the group is linked to now (if anything); ``target_group`` the chat already linked to
    the target. A group already linked is refused (elsewhere, or here again), as is a second group for a table.
    """
    if person_workshop_id != target_workshop_id:
        return OTHER_WORKSHOP
    if not may_link(roles, target):
        return NOT_YOURS
    if linked is not None:
        same = linked.workshop_id == target_workshop_id and linked.table_id == target.table_id
        return ALREADY_HERE if same else GROUP_TAKEN
    if target_group is not None and target_group != chat_id:
        return TARGET_TAKEN
    return None


def belongs(group: GroupChat, workshop_id: int | None, roles: Iterable[Role], member_table_id: int | None) -> bool:
    """Is this group this person's? The plenary group is every member's; a table's group, its members', its
    moderators' and rapporteur's, and the secretariat's."""
    roles = list(roles)
    if workshop_id != group.workshop_id or not roles:
        return False
    if group.plenary:
        return True
    return member_table_id == group.table_id or can(roles, Action.VIEW_TABLE, group.table_id,
                                                    member_table_id=member_table_id)


def may_unlink(roles: Iterable[Role], group: GroupChat) -> bool:
    return can(roles, Action.MANAGE_WORKSHOP if group.plenary else Action.MODERATE_TABLE, group.table_id)


def removed(new_status: str) -> bool:
    """A ``my_chat_member`` status that means the bot is out of the group (left, or removed by an admin)."""
    return new_status in ("left", "kicked", "banned")


def joined(old_status: str, new_status: str) -> bool:
    return removed(old_status) and new_status in ("member", "administrator", "restricted")
