"""Support by constituency: whether a recommendation is backed across countries and kinds of participant, or
by one delegation, and which ones are contested (issue 13, point 5).

Counts only: what comes in is already grouped by country and organisation, so nobody's name can come out.
A person "backs" a recommendation by supporting it or by putting dots on it; an objection is an objection.
Two flags, as the secretariat reads them before the joint reading and the roadmap prints them:

- **broad support**: backed from at least ``min_countries`` countries (a workshop-file setting) and from every
  kind of participant present at the workshop (government, civil society, international organisations and
  observers), so it is not one constituency's wish;
- **contested**: objected to from at least ``CONTESTED_COUNTRIES`` countries, so the reading should hear why.

The tallies are hidden while the plenary vote is open, like every other (``plenary.plenary_vote_closed``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

# The kinds of participant the breakdown shows, in the order printed, which is the order the roadmap's summary
# counts who took part in (bot.jobs.roadmap_data): the support table's columns had been states, civil society,
# observers under the summary's rows of states, observers, civil society (session 12's reading). The secretariat
# and people of no known kind ("other") count in the totals but are no constituency of their own.
KINDS: tuple[str, ...] = ("government", "observer", "civil_society")
CONTESTED_COUNTRIES = 2
DEFAULT_BROAD_COUNTRIES = 3

# An organisation's kind in the workshop file -> the kind of participant someone of it is.
_ORGANISATION_KIND = {"civil_society": "civil_society", "international": "observer", "academia": "observer",
                      "secretariat": "secretariat", "government": "government"}


def participant_kind(country: str | None, organisation_kind: str | None) -> str:
    """Whom a person speaks for: a country's delegate is government; else their organisation's kind decides
    (international organisations and academia sit as observers); "other" when nothing is known."""
    if country:
        return "government"
    return _ORGANISATION_KIND.get(organisation_kind or "", "other")


@dataclass(frozen=True)
class Counts:
    support: int = 0
    object: int = 0
    dots: int = 0

    @property
    def backs(self) -> bool:
        return self.support > 0 or self.dots > 0

    def plus(self, what: str, amount: int) -> Counts:
        return Counts(self.support + amount * (what == "support"), self.object + amount * (what == "object"),
                      self.dots + amount * (what == "dots"))


@dataclass(frozen=True)
class Support:
    """One recommendation's breakdown: counts per kind (every kind of ``KINDS``, zeros included) and per
    country, how many countries back it and how many object, and the two flags."""

    item_id: int
    by_kind: tuple[tuple[str, Counts], ...]
    by_country: tuple[tuple[str, Counts], ...] = ()
    backing_countries: int = 0
    objecting_countries: int = 0
    broad: bool = False
    contested: bool = False
    total: Counts = field(default_factory=Counts)


def kinds_present(members: Iterable[tuple[str | None, str | None]],
                  organisation_kinds: Mapping[str, str]) -> tuple[str, ...]:
    """The kinds of ``KINDS`` among the workshop's participants, given as (country, organisation id): the
    kinds broad support must reach (a workshop with no civil society cannot ask for its support)."""
    found = {participant_kind(country, organisation_kinds.get(org or "")) for country, org in members}
    return tuple(k for k in KINDS if k in found)


def breakdown(rows: Iterable[tuple[int, str, str | None, str | None, int]], item_ids: Iterable[int],
              organisation_kinds: Mapping[str, str], present: tuple[str, ...],
              min_countries: int = DEFAULT_BROAD_COUNTRIES) -> dict[int, Support]:
    """Each recommendation's ``Support`` from grouped rows (item id, "support" | "object" | "dots", country,
    organisation id, how many), for the items of ``item_ids`` (those without a row get zeros);
    ``organisation_kinds`` maps the workshop file's organisation ids to their kinds."""
    kinds: dict[int, dict[str, Counts]] = {}
    countries: dict[int, dict[str, Counts]] = {}
    totals: dict[int, Counts] = {}
    for item_id, what, country, organisation, amount in rows:
        if what not in ("support", "object", "dots") or not amount:
            continue
        kind = participant_kind(country, organisation_kinds.get(organisation or ""))
        per_kind = kinds.setdefault(item_id, {})
        per_kind[kind] = per_kind.get(kind, Counts()).plus(what, amount)
        if country:
            per_country = countries.setdefault(item_id, {})
            per_country[country] = per_country.get(country, Counts()).plus(what, amount)
        totals[item_id] = totals.get(item_id, Counts()).plus(what, amount)
    found = {}
    for item_id in item_ids:
        per_kind = kinds.get(item_id, {})
        per_country = countries.get(item_id, {})
        backing = sum(1 for c in per_country.values() if c.backs)
        objecting = sum(1 for c in per_country.values() if c.object)
        found[item_id] = Support(
            item_id, tuple((k, per_kind.get(k, Counts())) for k in KINDS), tuple(sorted(per_country.items())),
            backing, objecting, broad=is_broad(backing, per_kind, present, min_countries),
            contested=objecting >= CONTESTED_COUNTRIES, total=totals.get(item_id, Counts()))
    return found


def is_broad(backing_countries: int, per_kind: Mapping[str, Counts], present: tuple[str, ...],
             min_countries: int) -> bool:
    """Backed from at least ``min_countries`` countries and from every kind present."""
    return backing_countries >= min_countries and all(
        per_kind.get(kind, Counts()).backs for kind in present)
