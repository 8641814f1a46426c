"""The workshop definition file: everything that makes one event differ from the next.

Titles, tables, levels, dimensions, countries and the agenda are data so the same bot can serve the next
workshop on another theme. Loading validates the whole file and reports every error with its field, so
a secretariat editing the file by hand learns all its mistakes at once.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    RootModel,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

import content
from bot.i18n import CONTENT_DIR, SUPPORTED_LANGUAGES, resolve_language

Slug = Field(pattern=r"^[a-z0-9][a-z0-9-]{0,62}$")
Code = Field(pattern=r"^[A-Za-z0-9_-]{1,16}$")
PhaseKind = Literal["annex_i", "mapping", "tables", "plenary", "joint_reading"]
OrganisationKind = Literal["international", "civil_society", "secretariat", "academia", "government", "other"]

EXAMPLE_FILE = CONTENT_DIR / "workshops" / "crm-puebla-2022.toml"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


LanguageCode = Annotated[str, Field(pattern=rf"^{content.LANGUAGE_CODE}$")]  # what a content folder may be


def _check_languages(text, info: ValidationInfo):
    """A text of the file in each of the workshop's languages (``parse_workshop`` passes them as the context),
    and in no other: a missing one is reported at its own field (``title.pt``)."""
    if info.context is None:
        return text  # the stored definition, checked when it was loaded
    languages = info.context.get("languages")
    if not isinstance(languages, list) or not all(code in SUPPORTED_LANGUAGES for code in languages):
        languages = list(SUPPORTED_LANGUAGES)  # the languages line is wrong itself: check against all the bot has
    for code in languages:
        if code not in text.root:
            raise PydanticCustomError("missing_language", "no text in {language}", {"language": code})
    for code in text.root:
        if code not in languages:
            raise PydanticCustomError("extra_language", "{language} is not one of the workshop's languages {languages}",
                                      {"language": code, "languages": languages})
    return text


class Localised(RootModel[dict[LanguageCode, Annotated[str, Field(min_length=1, max_length=500)]]]):
    """A text in each of the workshop's languages: ``{ es = "...", en = "..." }``, one entry a language.

    The languages are data (``Workshop.languages``, checked there against every text of the file), so a third
    language is one more entry, not a new field."""

    model_config = ConfigDict(frozen=True)

    @model_validator(mode="after")
    def _in_the_workshops_languages(self, info: ValidationInfo) -> Localised:
        return _check_languages(self, info)

    def get(self, language: str) -> str:
        """In ``language``; in the file's first language (its default, as written) if it has none."""
        return self.root.get(language) or next(iter(self.root.values()), "")

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self.root)


class LocalisedList(RootModel[dict[LanguageCode, list[str]]]):
    """A list in each of the workshop's languages (its organisers)."""

    model_config = ConfigDict(frozen=True)

    @model_validator(mode="after")
    def _in_the_workshops_languages(self, info: ValidationInfo) -> LocalisedList:
        return _check_languages(self, info)

    def get(self, language: str) -> list[str]:
        return list(self.root.get(language) or next(iter(self.root.values()), []))

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self.root)




class Level(_Strict):
    id: str = Code
    name: Localised


class Dimension(_Strict):
    id: str = Code
    name: Localised


class Table(_Strict):
    id: str = Code
    name: Localised
    level: str
    capacity: int = Field(gt=0, le=10_000)
    moderators: list[str] = []


class Country(_Strict):
    """`in_sentence`: the name as a sentence says it, where that differs from the name a list or a heading
    gives ("sent by the Dominican Republic", "aporte de la República Dominicana"; "8 countries: …, Dominican
    Republic, …")."""

    id: str = Field(pattern=r"^[A-Z]{2}$")
    name: Localised
    in_sentence: Localised | None = None


class Organisation(_Strict):
    id: str = Code
    name: Localised
    kind: OrganisationKind = "other"


class Phase(_Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,31}$")
    kind: PhaseKind
    name: Localised
    opens: dt.datetime
    closes: dt.datetime
    reminder_minutes: int = Field(default=10, ge=0, le=24 * 60)

    @model_validator(mode="after")
    def _closes_after_opening(self) -> Phase:
        if self.closes <= self.opens:
            raise ValueError("closes must be after opens")
        return self


class AgendaItem(_Strict):
    day: dt.date
    start: str = Field(pattern=r"^\d{2}:\d{2}$")
    end: str = Field(pattern=r"^\d{2}:\d{2}$")
    title: Localised
    # the phase (its id) this entry of the programme is the session of: the minutes give a table's sessions at
    # the programme's day and times, which a rehearsal held on other days keeps while its phases move
    phase: str | None = None


class Choice(_Strict):
    """One answer a recommendation's scope or timeframe may take, as a button. Without a ``name`` the bot uses
    its own words for the built-in ids (``item.scope_national``, ``plenary.timeframe_short`` in the interface
    texts, and the reports' labels), which is how the defaults below read; any other id must bring its name."""

    id: str = Code
    name: Localised | None = None
    # What the answer commits to in time ("within a year"): "short term" alone is read differently by each
    # delegation, and the follow-up rounds check progress against it. The roadmap prints it in its table's key.
    meaning: Localised | None = None


# What the CRM workshop asked; a file that names no choices gets these.
DEFAULT_SCOPES = (Choice(id="national"), Choice(id="regional"))
DEFAULT_TIMEFRAMES = (Choice(id="short"), Choice(id="medium"), Choice(id="long"))
BUILT_IN_CHOICES = {"scopes": {c.id for c in DEFAULT_SCOPES}, "timeframes": {c.id for c in DEFAULT_TIMEFRAMES}}


class FollowUp(_Strict):
    """After the event: check-in rounds every ``every_months`` months from the day the reading ended, for
    ``for_months`` months, with one reminder ``remind_after_days`` after a round opens to whoever has not
    answered (``bot.domain.followup``)."""

    every_months: int = Field(default=3, ge=1, le=24)
    for_months: int = Field(default=12, ge=1, le=60)
    remind_after_days: int = Field(default=14, ge=1, le=90)

    @model_validator(mode="after")
    def _at_least_one_round(self) -> FollowUp:
        if self.for_months < self.every_months:
            raise ValueError("for_months is shorter than every_months: no round would ever open")
        return self


class Workshop(_Strict):
    id: str = Slug
    briefing: str = Field(pattern=r"^[a-z0-9_-]+$")
    # the theme's bilingual terms the duplicate finder reads both languages through (content/glossaries/<name>
    # .toml); none named: the briefing's theme's, if there is one
    glossary: str | None = Field(default=None, pattern=r"^[a-z0-9_-]+$")
    # the duplicate finder also compares items by meaning (bot/domain/duplicates.py), where the optional extra
    # "meaning" is installed; off by default: a model of ~33 MB to load and run beside the bot
    duplicates_by_meaning: bool = False
    default_language: str
    languages: list[str] = Field(min_length=1)
    timezone: str
    start_date: dt.date
    end_date: dt.date
    title: Localised
    place: Localised
    organisers: LocalisedList
    # what the workshop calls its region ("Países miembros de la CRM"): the roadmap lists good practices whose
    # "where" names it as run across the region, apart from each member country's and from examples elsewhere
    region: Localised | None = None
    levels: list[Level] = Field(min_length=1)
    dimensions: list[Dimension] = Field(min_length=1)
    tables: list[Table] = Field(min_length=1)
    countries: list[Country] = []
    organisations: list[Organisation] = []
    phases: list[Phase] = []
    agenda: list[AgendaItem] = []
    # the buttons of a recommendation's scope and timeframe questions (``Choice``), in the order shown
    scopes: list[Choice] = Field(default_factory=lambda: list(DEFAULT_SCOPES), min_length=1, max_length=8)
    timeframes: list[Choice] = Field(default_factory=lambda: list(DEFAULT_TIMEFRAMES), min_length=1, max_length=8)
    plenary_votes: int = Field(default=5, ge=1, le=50)  # dots each person may place in the plenary vote
    # at most this many of one person's dots on one recommendation, so no delegation carries an item alone
    plenary_votes_per_item: int = Field(default=2, ge=1, le=50)
    # "broad support": backed from at least this many countries, and from every kind of participant present
    broad_support_countries: int = Field(default=3, ge=1, le=100)
    # a table's moderators get a digest of what waits for review at most this often while the table works
    moderator_digest_minutes: int = Field(default=5, ge=1, le=240)
    followup: FollowUp | None = None  # no section: no check-ins after the event

    @field_validator("languages")
    @classmethod
    def _supported_languages(cls, value: list[str]) -> list[str]:
        """A language the bot has no content folder for (``content/<code>/``) cannot be offered."""
        unknown = [code for code in value if code not in SUPPORTED_LANGUAGES]
        if unknown:
            raise ValueError(f"unsupported language(s) {unknown}; supported: {list(SUPPORTED_LANGUAGES)} "
                             f"(a language is a folder content/<code>/ with messages*.toml and report.toml)")
        if len(set(value)) != len(value):
            raise ValueError("a language is listed twice")
        return value

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}") from exc
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Workshop:
        problems: list[str] = []
        if self.default_language not in self.languages:
            problems.append(f"default_language {self.default_language!r} is not in languages")
        if self.end_date < self.start_date:
            problems.append("end_date is before start_date")
        if self.plenary_votes_per_item > self.plenary_votes:
            problems.append("plenary_votes_per_item is more than plenary_votes")
        level_ids = {level.id for level in self.levels}
        for index, table in enumerate(self.tables):
            if table.level not in level_ids:
                problems.append(f"tables[{index}].level {table.level!r} is not one of {sorted(level_ids)}")
        for name, entries in (
            ("levels", self.levels), ("dimensions", self.dimensions), ("tables", self.tables),
            ("countries", self.countries), ("organisations", self.organisations), ("phases", self.phases),
            ("scopes", self.scopes), ("timeframes", self.timeframes),
        ):
            ids = [entry.id for entry in entries]
            duplicates = sorted({i for i in ids if ids.count(i) > 1})
            if duplicates:
                problems.append(f"{name}: duplicate id(s) {duplicates}")
        phase_ids = {phase.id for phase in self.phases}
        for index, entry in enumerate(self.agenda):
            if entry.phase is not None and entry.phase not in phase_ids:
                problems.append(f"agenda[{index}].phase {entry.phase!r} is not one of {sorted(phase_ids)}")
        for name, choices in (("scopes", self.scopes), ("timeframes", self.timeframes)):
            for index, choice in enumerate(choices):
                if choice.name is None and choice.id not in BUILT_IN_CHOICES[name]:
                    problems.append(f"{name}[{index}].name: needed for {choice.id!r} (the bot has words only for "
                                    f"{sorted(BUILT_IN_CHOICES[name])})")
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def language_for(self, chosen: str | None, telegram_code: str | None) -> str:
        """The language this workshop speaks to a person in: their choice, else their Telegram app's, else its
        default, and always one of its own languages (``bot.i18n.resolve_language``): the one rule every reply,
        notice and bulk message to a member follows."""
        return resolve_language(chosen, telegram_code, self.default_language, self.languages)

    def other_languages(self, language: str) -> list[str]:
        """Each language of the workshop but ``language``: what a text written in it must also exist in."""
        return [code for code in self.languages if code != language]

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def level(self, level_id: str) -> Level | None:
        return next((level for level in self.levels if level.id == level_id), None)

    def dimension(self, dimension_id: str) -> Dimension | None:
        return next((d for d in self.dimensions if d.id == dimension_id), None)

    def country(self, country_id: str | None) -> Country | None:
        return next((c for c in self.countries if c.id == country_id), None)

    def organisation(self, organisation_id: str | None) -> Organisation | None:
        return next((o for o in self.organisations if o.id == organisation_id), None)

    def affiliation(self, language: str, country: str | None, organisation: str | None,
                    other: str | None) -> str | None:
        """Whom a person speaks for, as everyone else reads it: the country they represent, else their
        organisation, else what they typed themselves (None when they gave nothing). Country and organisation
        are ids of this file, so their names follow the reader's language; a typed one is shown as typed."""
        if (found := self.country(country)) is not None:
            return found.name.get(language)
        if (found := self.organisation(organisation)) is not None:
            return found.name.get(language)
        return other

    def choices(self, question: str) -> list[Choice]:
        """The buttons of a recommendation's ``scope`` or ``timeframe`` question."""
        return list(self.scopes if question == "scope" else self.timeframes)

    def choice_name(self, question: str, choice_id: str, language: str) -> str | None:
        """This file's name for a scope or timeframe; None when the bot's own words name it (a built-in id),
        or when the file no longer lists it (an item sent before the file changed)."""
        found = next((c for c in self.choices(question) if c.id == choice_id), None)
        return found.name.get(language) if found is not None and found.name is not None else None

    def table(self, code: str) -> Table | None:
        return next((t for t in self.tables if t.id == code), None)


class WorkshopFileError(Exception):
    """The file cannot be used; ``errors`` holds one line per problem, each naming its field."""

    def __init__(self, path: Path | str, errors: list[str]) -> None:
        self.path = str(path)
        self.errors = errors
        super().__init__(f"{path}: {len(errors)} problem(s)\n" + "\n".join(f"  - {e}" for e in errors))


def _field_path(location: tuple[object, ...]) -> str:
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(file)"


def _location(error) -> tuple[object, ...]:
    """Where an error is: a text missing in one language at that language's own field (``title.en``)."""
    if error["type"] == "missing_language":
        return (*error["loc"], error["ctx"]["language"])
    return error["loc"]


def parse_workshop(raw: dict, source: Path | str = "<workshop>") -> Workshop:
    try:
        return Workshop.model_validate(raw, context={"languages": raw.get("languages")})
    except ValidationError as exc:
        errors = [f"{_field_path(_location(err))}: {err['msg']}" for err in exc.errors()]
        raise WorkshopFileError(source, errors) from None


def load_workshop(path: Path | str) -> Workshop:
    """Read and validate a TOML workshop file."""
    path = Path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise WorkshopFileError(path, ["file not found"]) from None
    except tomllib.TOMLDecodeError as exc:
        raise WorkshopFileError(path, [f"not valid TOML: {exc}"]) from None
    return parse_workshop(raw, path)
