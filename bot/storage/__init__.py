"""The storage layer: the only place in the project that speaks SQL."""

from bot.storage.amendments import AmendmentStore
from bot.storage.announcements import AnnouncementStore
from bot.storage.broadcasts import BroadcastStore
from bot.storage.contributions import ContributionStore
from bot.storage.database import Database
from bot.storage.dialogues import DialogueStore
from bot.storage.digests import DigestStore
from bot.storage.editorial import EditorialStore
from bot.storage.groups import GroupStore
from bot.storage.inbox import InboxStore
from bot.storage.invitations import InvitationStore
from bot.storage.moderation import ModerationStore
from bot.storage.outbox import OutboxStore
from bot.storage.participants import ParticipantStore
from bot.storage.people import PeopleStore
from bot.storage.phases import PhaseStore
from bot.storage.plenary import PlenaryStore
from bot.storage.reading_follow import ReadingFollowStore
from bot.storage.reports import ReportStore
from bot.storage.secretariat import SecretariatStore
from bot.storage.workshops import WorkshopStore


class Storage(
    WorkshopStore, PeopleStore, InvitationStore, ContributionStore, PhaseStore, PlenaryStore, ReportStore,
    SecretariatStore, ParticipantStore, ModerationStore, AnnouncementStore, OutboxStore, DialogueStore, EditorialStore,
    GroupStore, InboxStore,
    AmendmentStore, BroadcastStore, DigestStore, ReadingFollowStore, Database,
):
    """One object per process: the database connection plus every narrow query the bot needs."""


__all__ = ["Database", "Storage"]
