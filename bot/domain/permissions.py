"""Who may do what: the one place that decides.

Handlers ask ``can(roles, action, table_id)`` (or use ``handlers.guard.requires``) and never compare role
names themselves, so a rule changes here or nowhere. The secretariat may do everything; a moderator or
rapporteur acts only on their own table; a participant only on their own items.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from bot.domain.records import Role, StoredWorkshop


class Action(StrEnum):
    SEND_ITEM = "send_item"                      # challenges, good practices, recommendations
    GIVE_FEEDBACK = "give_feedback"              # plenary comments, support/objection, votes
    VIEW_TABLE = "view_table"                    # a table's items during table work
    MODERATE_TABLE = "moderate_table"            # phases, review, edit, merge, reject, dashboard, audit
    NAME_RAPPORTEUR = "name_rapporteur"
    ANNOUNCE_TO_TABLE = "announce_to_table"
    DRAFT_CONSOLIDATED = "draft_consolidated"    # the rapporteur's table recommendations and document
    MANAGE_WORKSHOP = "manage_workshop"          # invitations, workshop-wide phases, joint reading
    DOWNLOAD_REPORTS = "download_reports"        # roadmap, minutes, exports
    WRITE_SYNTHESIS = "write_synthesis"          # the table's synthesis: its rapporteur (or moderator) drafts it
    APPROVE_SYNTHESIS = "approve_synthesis"      # the table's moderator sends it back or approves it
    WRITE_WORKSHOP_TEXTS = "write_workshop_texts"  # introduction, conclusions, next steps: the secretariat
    TRANSLATE = "translate"                      # the other language of a text (see may_translate)
    ANSWER_OBJECTIONS = "answer_objections"      # the table's rapporteur or moderator reads and answers objections
    MANAGE_FOLLOWUP = "manage_followup"          # commitments, who answered, the progress report: the secretariat
    REPORT_PROGRESS = "report_progress"          # a check-in, a hand-over or a stop: a commitment's own reporter
    DECIDE_AMENDMENTS = "decide_amendments"      # the table's rapporteur or moderator takes in or declines them
    READ_DOCUMENTS = "read_documents"            # the documents attached to a table's items: its moderators
    FOLLOW_READING = "follow_reading"            # each joint-reading decision in private, as taken: members


_TABLE_ACTIONS = {
    "moderator": {Action.MODERATE_TABLE, Action.NAME_RAPPORTEUR, Action.ANNOUNCE_TO_TABLE, Action.VIEW_TABLE,
                  Action.DRAFT_CONSOLIDATED, Action.WRITE_SYNTHESIS, Action.APPROVE_SYNTHESIS, Action.TRANSLATE,
                  Action.ANSWER_OBJECTIONS, Action.DECIDE_AMENDMENTS, Action.READ_DOCUMENTS},
    "rapporteur": {Action.DRAFT_CONSOLIDATED, Action.VIEW_TABLE, Action.WRITE_SYNTHESIS, Action.TRANSLATE,
                   Action.ANSWER_OBJECTIONS, Action.DECIDE_AMENDMENTS},
}
# Roles that hold for the whole workshop rather than one table: a translator (invited as such) may give the
# other language of any text, and nothing else.
_WORKSHOP_ACTIONS = {"translator": {Action.TRANSLATE}}
_MEMBER_ACTIONS = {Action.SEND_ITEM, Action.GIVE_FEEDBACK, Action.FOLLOW_READING}


def can(roles: Iterable[Role], action: Action, table_id: int | None = None, *,
        member_table_id: int | None = None) -> bool:
    """May someone with ``roles`` do ``action`` (on ``table_id``, for table actions)?

    ``member_table_id`` is the table the person sits at as a participant: it lets members view their own
    table's items.
    """
    roles = list(roles)
    names = {role.role for role in roles}
    if "secretariat" in names:
        return True
    if action in _MEMBER_ACTIONS:
        return bool(names & {"participant", "moderator", "rapporteur"})
    if action == Action.VIEW_TABLE and table_id is not None and table_id == member_table_id:
        return True
    if any(action in _WORKSHOP_ACTIONS.get(name, ()) for name in names):
        return True
    if action in (Action.MANAGE_WORKSHOP, Action.DOWNLOAD_REPORTS, Action.WRITE_WORKSHOP_TEXTS,
                  Action.MANAGE_FOLLOWUP, Action.REPORT_PROGRESS):
        return False  # a reporter's own commitments are decided by ``may_report``, not by a role
    return any(
        action in _TABLE_ACTIONS.get(role.role, set()) and table_id is not None and role.table_id == table_id
        for role in roles
    )


def may_translate(roles: Iterable[Role], person_id: int, *, table_id: int | None = None,
                  author_ids: Iterable[int] = ()) -> bool:
    """May this person give the other language of a text? The secretariat and translators: any text. A table's
    rapporteur and moderator: that table's items and synthesis (``table_id``). An author: their own items
    (``author_ids``, co-authors through merges included). The workshop's own texts pass no table and no authors,
    so only the secretariat and translators may."""
    roles = list(roles)
    if can(roles, Action.TRANSLATE, table_id):
        return True
    return person_id in set(author_ids) and bool({r.role for r in roles} & {"participant", "moderator", "rapporteur"})


# The roles the roadmap and the minutes credit by role (a table's moderators and rapporteur, the secretariat):
# those who hold one choose how they are credited for it (``bot.domain.membership.ROLE_CREDITS``).
_CREDITED_ROLES = {"moderator", "rapporteur", "secretariat"}


def may_choose_role_credit(roles: Iterable[Role]) -> bool:
    """May this person choose how the roadmap credits the role they hold? Only staff: a participant's credit
    is chosen item by item, and a translator is never printed for a role."""
    return bool({r.role for r in roles} & _CREDITED_ROLES)


def may_report(roles: Iterable[Role], person_id: int, reporter_ids: Iterable[int]) -> bool:
    """May this person check in on, hand over or stop reporting on a commitment? Only the person its
    delegation named (``reporter_ids``), and only as a member of the workshop: not even the secretariat
    answers for a country, since the progress report says what each delegation itself reported."""
    names = {r.role for r in roles}
    return person_id in set(reporter_ids) and bool(names)


# What a closed workshop still allows: reading and downloading. Everything else would change a roadmap that
# was already sent to everyone as final.
_READING = {Action.VIEW_TABLE, Action.DOWNLOAD_REPORTS, Action.READ_DOCUMENTS}
# And the follow-up, on purpose: it happens after the event by nature, changes nothing of the final roadmap
# (commitments and check-ins are their own records) and would be pointless if closing froze it.
_FOLLOW_UP = {Action.MANAGE_FOLLOWUP, Action.REPORT_PROGRESS}


def frozen(workshop: StoredWorkshop | None, action: Action) -> bool:
    """Is ``action`` refused because the workshop is closed (whatever the person's roles)?"""
    return workshop is not None and workshop.closed and action not in _READING | _FOLLOW_UP


def moderated_tables(roles: Iterable[Role]) -> list[int]:
    """The tables this person moderates (all tables are the secretariat's, decided by the caller)."""
    return sorted({role.table_id for role in roles if role.role == "moderator" and role.table_id is not None})
