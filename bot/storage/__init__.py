"""The storage layer: the only place in the project that speaks SQL."""

from bot.storage.contributions import Attachment, Contribution, ContributionStore
from bot.storage.database import Database
from bot.storage.dialogues import DialogueStore
from bot.storage.invitations import Invitation, InvitationStore
from bot.storage.moderation import ModerationStore
from bot.storage.participants import ParticipantStore
from bot.storage.people import PeopleStore
from bot.storage.phases import PhaseRow, PhaseStore
from bot.storage.plenary import PlenaryStore, Tally
from bot.storage.reports import ReportStore, WorkshopRows
from bot.storage.secretariat import SecretariatStore
from bot.storage.workshops import WorkshopStore


class Storage(
    WorkshopStore, PeopleStore, InvitationStore, ContributionStore, PhaseStore, PlenaryStore, ReportStore,
    SecretariatStore, ParticipantStore, ModerationStore, DialogueStore, Database,
):
    """One object per process: the database connection plus every narrow query the bot needs."""


__all__ = ["Attachment", "Contribution", "Database", "Invitation", "PhaseRow", "Storage", "Tally", "WorkshopRows"]
