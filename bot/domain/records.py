"""Plain records the storage layer returns and the domain works with; none of them knows Telegram."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.domain.workshop_file import Workshop

ROLES = ("participant", "moderator", "rapporteur", "secretariat")
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
