"""Every record of the workshop: what the storage layer returns and the rules, the jobs and the handlers work
with. Plain frozen data; none of them knows Telegram or SQL."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.domain.workshop_file import Workshop

ROLES = ("participant", "moderator", "rapporteur", "secretariat", "translator")
KINDS = ("challenge", "good_practice", "recommendation")
ATTRIBUTIONS = ("named", "country", "anonymous")


@dataclass(frozen=True)
class Person:
    id: int
    telegram_id: int
    first_name: str | None
    language: str | None
    telegram_language: str | None
    current_workshop_id: int | None


@dataclass(frozen=True)
class StoredWorkshop:
    id: int
    slug: str
    definition: Workshop
    status: str
    reading_ended_at: str | None

    @property
    def closed(self) -> bool:
        """The joint reading is over and the roadmap was sent as final: nothing may change it any more."""
        return self.reading_ended_at is not None

    @property
    def archived(self) -> bool:
        """Closed and put away: frozen like any closed workshop, still readable and downloadable, and listed
        apart in ``/workshop``. Closing archives it (``SecretariatStore.close_workshop``)."""
        return self.status == "archived"


@dataclass(frozen=True)
class WorkingTable:
    id: int
    workshop_id: int
    code: str
    level: str
    capacity: int
    members: int = 0

    @property
    def free_places(self) -> int:
        return max(self.capacity - self.members, 0)


@dataclass(frozen=True)
class Membership:
    id: int
    workshop_id: int
    person_id: int
    table_id: int | None
    full_name: str | None
    country: str | None
    organisation: str | None
    other_affiliation: str | None
    institution: str | None
    position: str | None
    consent_at: str | None
    registered_at: str | None
    forgotten_at: str | None
    role_credit: str | None = None  # staff: 'named' or 'affiliation' (``bot.domain.membership.ROLE_CREDITS``)

    @property
    def registered(self) -> bool:
        return self.registered_at is not None and self.forgotten_at is None


@dataclass(frozen=True)
class Role:
    role: str
    table_id: int | None = None


@dataclass
class Dialogue:
    """A guided conversation in progress: which flow, which step, what was typed so far."""

    flow: str
    step: str
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Contribution:
    id: int
    workshop_id: int
    kind: str
    author_id: int | None
    table_id: int | None
    phase_kind: str | None
    level: str
    language: str
    details: dict[str, Any]
    attribution: str
    status: str
    consolidated: bool
    merged_into: int | None
    status_reason: str | None
    created_at: str
    updated_at: str
    dimensions: tuple[str, ...] = field(default=())

    def snapshot(self) -> dict[str, Any]:
        """What an edit replaces, kept in the item's history."""
        return {"details": self.details, "level": self.level, "dimensions": list(self.dimensions),
                "attribution": self.attribution, "status": self.status}


@dataclass(frozen=True)
class Attachment:
    id: int
    contribution_id: int | None
    table_id: int | None
    telegram_file_id: str
    file_name: str
    mime_type: str | None
    size: int


@dataclass(frozen=True)
class PhaseRow:
    id: int
    workshop_id: int
    code: str
    kind: str
    table_id: int | None
    opens_at: str | None
    closes_at: str | None
    reminder_minutes: int
    state: str
    opened_at: str | None
    closed_at: str | None
    reminded_at: str | None


@dataclass(frozen=True)
class Tally:
    support: int
    object: int
    comments: int
    votes: int


@dataclass(frozen=True)
class TableMember:
    person_id: int
    telegram_id: int
    full_name: str | None
    country: str | None
    organisation: str | None
    other_affiliation: str | None
    blocked: bool
    sent: dict[str, int]          # item kind -> how many this member sent to the table


@dataclass(frozen=True)
class Credit:
    """An author of an item as the moderator sees them (moderators may see names: the data notice says so)."""

    person_id: int
    full_name: str | None
    country: str | None
    organisation: str | None
    other_affiliation: str | None


@dataclass(frozen=True)
class AuditEntry:
    id: int
    actor_id: int | None
    actor_name: str | None
    action: str
    target_id: int | None
    before: Any
    after: Any
    created_at: str


@dataclass(frozen=True)
class Delivery:
    announcement_id: int
    person_id: int
    telegram_id: int
    language: str | None              # the person's own choice
    telegram_language: str | None
    default_language: str
    blocked: bool
    text: str
    template: str | None
    params: dict[str, Any]
    languages: tuple[str, ...] = ()   # the workshop's, which its text is given in (``bot.i18n.resolve_language``)


@dataclass(frozen=True)
class Notice:
    """What to tell a person once something is stored: a text key and its parameters, rendered in their
    language when it is sent. ``key`` names what it confirms, so the same confirmation is written once."""

    key: str
    template: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class OutboxEntry:
    """A stored notice on its way to a person (``bot.jobs.confirmations``)."""

    id: int
    person_id: int
    telegram_id: int
    language: str | None
    telegram_language: str | None
    default_language: str
    template: str
    params: dict[str, Any]
    attempts: int
    languages: tuple[str, ...] | None = None   # the person's current workshop's; None when they are in none


@dataclass(frozen=True)
class AnnouncementTally:
    """How an announcement went, once nobody is left pending."""

    announcement_id: int
    workshop_id: int
    table_id: int | None
    sender_id: int | None
    sent: int
    blocked: int
    failed: int

    @property
    def total(self) -> int:
        return self.sent + self.blocked + self.failed


@dataclass(frozen=True)
class Invitation:
    id: int
    workshop_id: int
    token: str
    role: str
    table_id: int | None
    max_uses: int | None
    uses: int
    expires_at: str | None
    revoked_at: str | None
    label: str | None = None      # what the secretariat called it, printed under its QR code
    created_at: str | None = None


@dataclass
class WorkshopRows:
    members: list[dict[str, Any]] = field(default_factory=list)
    contributions: list[dict[str, Any]] = field(default_factory=list)
    dimensions: dict[int, list[str]] = field(default_factory=dict)
    links: dict[int, list[tuple[int, str]]] = field(default_factory=dict)
    authors: dict[int, list[tuple[int, str]]] = field(default_factory=dict)
    stances: dict[int, dict[str, int]] = field(default_factory=dict)
    comments: dict[int, list[dict[str, Any]]] = field(default_factory=list)
    votes: dict[int, int] = field(default_factory=dict)
    attachments: dict[int, str] = field(default_factory=dict)  # contribution id -> its first document's file name
    versions: dict[int, list[dict[str, Any]]] = field(default_factory=dict)  # earlier versions, oldest first
    rapporteurs: dict[int, int] = field(default_factory=dict)       # table id -> person id
    tables: dict[int, str] = field(default_factory=dict)            # table id -> code


@dataclass(frozen=True)
class Text:
    """One version of an editorial text or of an item's main text in one language (see ``bot.domain.editorial``).

    ``origin``: 'original' as written, 'translation' given or confirmed by a person (``written_by``), 'machine' a
    machine draft nobody confirmed. ``translates`` is the original wording a translation was made from."""

    subject: str
    subject_id: int
    part: str
    language: str
    body: str
    origin: str
    written_by: int | None = None
    translates: str | None = None
    updated_at: str = ""


@dataclass(frozen=True)
class Synthesis:
    """A table's synthesis: its state (draft, submitted, returned, approved) and who moved it; the wording is in
    ``Text`` rows (subject 'synthesis', the table's id, one part each)."""

    table_id: int
    workshop_id: int
    status: str
    language: str
    note: str | None = None
    written_by: int | None = None
    decided_by: int | None = None
    submitted_at: str | None = None
    decided_at: str | None = None
    updated_at: str = ""


@dataclass(frozen=True)
class NextStep:
    """One of the next steps the workshop agreed: who and by when; its wording is in ``Text`` rows (subject
    'next_step', parts 'step' and 'who')."""

    id: int
    workshop_id: int
    position: int
    by_when: str | None
    language: str
    created_by: int | None = None


@dataclass(frozen=True)
class Objection:
    """One person's objection to a recommendation in the plenary, with the reason it must carry, and the
    table's answer once its rapporteur or moderator gives one."""

    id: int
    item_id: int
    person_id: int
    reason: str
    answer: str | None = None
    answered_by: int | None = None


@dataclass(frozen=True)
class Reading:
    """The joint reading's list, fixed when it opened: the recommendations in order with the tallies they were
    ordered by. ``ended_at`` set: the reading ended and the list is frozen until the secretariat reopens it."""

    workshop_id: int
    opened_at: str
    ended_at: str | None
    entries: tuple[tuple[int, Tally], ...] = ()

    @property
    def ended(self) -> bool:
        return self.ended_at is not None
