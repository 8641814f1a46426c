"""The briefing of a theme (``content/<lang>/briefings/<theme>.toml``) as the bot reads it: names and pages.

Plain data only: the handler renders the pieces with its message templates (which escape them) and adds
the buttons. Pages are cut by size, not by section, so a long section (nine stakeholder categories, fifty
challenges) becomes several short messages instead of one that a phone on a slow line struggles with.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from bot.domain.workshop_file import Workshop
from bot.i18n import load_toml

PAGE_BUDGET = 1500   # characters of content per page: far below Telegram's 4096, easy to read on a phone


@lru_cache(maxsize=16)
def load(theme: str, language: str) -> dict[str, Any]:
    """The briefing file, read once per process (it is content, edited between workshops, not during)."""
    try:
        return load_toml(language, f"briefings/{theme}.toml")
    except FileNotFoundError:
        return {}


@dataclass(frozen=True)
class Names:
    """Display names of every id a participant chooses from, in one language."""

    workshop: Workshop
    briefing: dict[str, Any]
    language: str

    def of(self, source: str, ident: str) -> str:
        if source == "levels":
            found = self.workshop.level(ident)
            return found.name.get(self.language) if found else ident
        if source == "dimensions":
            found = self.workshop.dimension(ident)
            return found.name.get(self.language) if found else ident
        entry = self.briefing.get(source, {}).get(ident, {})
        return entry.get("name", ident) if isinstance(entry, dict) else ident

    def options(self, source: str) -> list[str]:
        """The ids offered for a choice, in the order of the workshop file or the briefing."""
        if source == "levels":
            return [level.id for level in self.workshop.levels]
        if source == "dimensions":
            return [d.id for d in self.workshop.dimensions]
        return list(self.briefing.get(source, {}))

    def affiliation(self, country: str | None, organisation: str | None, other: str | None) -> str | None:
        """``Workshop.affiliation`` in these names' language."""
        return self.workshop.affiliation(self.language, country, organisation, other)


def names(workshop: Workshop, language: str) -> Names:
    return Names(workshop, load(workshop.briefing, language), language)


@dataclass(frozen=True)
class Entry:
    """One block of a page: a message template key and its parameters (rendered, and escaped, later)."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)
    size: int = 0


@dataclass(frozen=True)
class Page:
    heading: str                 # message key of the section title
    entries: tuple[Entry, ...]
    heading_params: dict[str, Any] = field(default_factory=dict)


def _entry(key: str, **params: Any) -> Entry:
    return Entry(key, params, sum(len(str(v)) for v in params.values()) + 20)


def sections(briefing: dict[str, Any], level_id: str, level_name: str) -> list[tuple[str, list[Entry]]]:
    """The briefing of one level, section by section, in reading order. Missing parts are skipped."""
    level = briefing.get("levels", {}).get(level_id, {})
    found: list[tuple[str, list[Entry]]] = []
    if level.get("summary"):
        found.append(("brief.h_level", [_entry("brief.paragraph", text=level["summary"],
                                               source=level.get("source", ""))]))
    dimensions = level.get("dimensions", {})
    if dimensions:
        general = briefing.get("dimensions", {})
        found.append(("brief.h_dimensions", [
            _entry("brief.dimension", name=general.get(d, {}).get("title", d), text=text)
            for d, text in dimensions.items()
        ]))
    if level.get("questions"):
        found.append(("brief.h_questions", [_entry("brief.question", number=i, text=q)
                                            for i, q in enumerate(level["questions"], 1)]))
    if level.get("examples"):
        found.append(("brief.h_examples", [_entry("brief.example", text=e.get("text", ""),
                                                  source=e.get("source", "")) for e in level["examples"]]))
    if briefing.get("stakeholders"):
        found.append(("brief.h_stakeholders", [
            _entry("brief.stakeholder", name=s.get("name", key), text=s.get("role", ""))
            for key, s in briefing["stakeholders"].items()
        ]))
    if briefing.get("crosscutting"):
        found.append(("brief.h_crosscutting", [
            _entry("brief.stakeholder", name=c.get("name", key), text=c.get("summary", ""))
            for key, c in briefing["crosscutting"].items()
        ]))
    return found


def paginate(parts: list[tuple[str, list[Entry]]], budget: int = PAGE_BUDGET,
             heading_params: dict[str, Any] | None = None) -> list[Page]:
    """Cut each section into pages of at most ``budget`` characters (a longer single entry gets its own)."""
    pages: list[Page] = []
    for heading, entries in parts:
        chunk: list[Entry] = []
        used = 0
        for entry in entries:
            if chunk and used + entry.size > budget:
                pages.append(Page(heading, tuple(chunk), heading_params or {}))
                chunk, used = [], 0
            chunk.append(entry)
            used += entry.size
        pages.append(Page(heading, tuple(chunk), heading_params or {}))
    return pages
