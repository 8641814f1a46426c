"""What registration asks of a member, and when a participant still has to choose a table."""

from __future__ import annotations

from collections.abc import Iterable

from bot.domain.records import Membership, Role
from bot.domain.workshop_file import Workshop

NAME_LIMIT = 120       # a full name, or an affiliation typed by hand
FIELD_LIMIT = 200      # institution, position
# How someone who ran the workshop (moderator, rapporteur, secretariat) is credited for that role in the roadmap
# and the minutes: by whom they speak for (the default, as the agenda lists moderators) or by name as well.
ROLE_CREDITS = ("affiliation", "named")


def needs_table(roles: Iterable[Role], membership: Membership | None, definition: Workshop) -> bool:
    """A participant without a table, in a workshop that has tables: the bot asks them to choose one."""
    if "participant" not in {role.role for role in roles} or membership is None or membership.table_id is not None:
        return False
    return bool(definition.tables)


def asks_affiliation(roles: Iterable[Role]) -> bool:
    """Whom one speaks for, one's institution and position are asked of those who take part in the work; a
    translator, invited only to give texts their other language, is asked only a name (and the data notice)."""
    names = {role.role for role in roles}
    return not names or bool(names - {"translator"})
