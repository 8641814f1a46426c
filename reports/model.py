"""Plain data the reports are built from: the contract between storage and `reports/`.

The storage -> model mapper fills these; the PDF, minutes and export builders read only them, so they know
nothing of Telegram or SQL. Everything here is already *public*: the mapper resolves each author's attribution
choice to the credit string to print, and leaves personal fields empty unless the person agreed to publish them.

Conventions:
- ids of levels, dimensions, tables, countries, organisations, stakeholders, cross-cutting issues and groups are
  the workshop's string ids (the same keys as in the workshop file and the briefing TOML);
- item ids are the storage's integer ids, unique across the three kinds (links between items use them);
- names in `WorkshopInfo` are already in the report's language; participants' text stays as typed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

Kind = Literal["challenge", "good_practice", "recommendation"]
Status = Literal["submitted", "approved", "merged", "rejected", "adopted", "adopted_amended", "set_aside"]
Scope = Literal["national", "regional"]
Timeframe = Literal["short", "medium", "long"]

KINDS: tuple[Kind, ...] = ("challenge", "good_practice", "recommendation")
STATUSES: tuple[Status, ...] = (
    "submitted", "approved", "merged", "rejected", "adopted", "adopted_amended", "set_aside",
)
# Items in these states are not published in the roadmap's body (merged ones live on in their survivor;
# rejected ones were refused by a moderator, often as off-topic or abusive).
UNPUBLISHED: frozenset[str] = frozenset({"merged", "rejected"})
READING_OUTCOMES: frozenset[str] = frozenset({"adopted", "adopted_amended", "set_aside"})
ADOPTED: frozenset[str] = frozenset({"adopted", "adopted_amended"})


@dataclass(frozen=True)
class Level:
    """A reintegration level (individual, community, structural): the axis the working tables follow."""

    id: str
    name: str


@dataclass(frozen=True)
class Dimension:
    """A dimension (economic, social, psychosocial): the second axis of the mapping."""

    id: str
    name: str


@dataclass(frozen=True)
class Table:
    """A working table. `moderators` and `rapporteur` are the people who held the role as the roadmap may name
    them: "Ana Pérez (Guatemala)" if they chose to be named, else their country or organisation (None: nobody,
    or they erased their data); a table nobody was given the role of keeps the workshop file's moderators.
    The table's minutes credit them the same way: a person who did not release their name is not named in any
    published document."""

    id: str
    name: str
    level_id: str | None = None
    moderators: tuple[str, ...] = ()
    rapporteur: str | None = None
    documents: tuple[str, ...] = ()  # the file names of the documents its rapporteur uploaded for it


@dataclass(frozen=True)
class Country:
    """`aliases`: the country's names in the workshop's other languages, so that a good practice whose
    "where" says "Belize City, Belize" is found under Belice in the Spanish edition."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    in_sentence: str = ""  # "the Dominican Republic": the name inside a sentence, where it differs


@dataclass(frozen=True)
class Organisation:
    """An observer organisation, UN agency or civil-society network; `kind` is free (e.g. "un_agency").

    `name` is in the report's language ("International Organization for Migration (IOM)"); `acronym` is its
    short form in that language (IOM), `aliases` its names and short forms in the other languages (OIM,
    Organización Internacional para las Migraciones): how a text written in another language may name it."""

    id: str
    name: str
    kind: str = ""
    acronym: str = ""
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Choice:
    """One answer the workshop file lets a recommendation's scope or timeframe take. `name` is the file's name in
    the report's language, empty for a built-in id (national, short...), which the reports' own labels name;
    `names` is the file's name in every language, for the exports' codebook."""

    id: str
    name: str = ""
    names: Mapping[str, str] = field(default_factory=dict)
    meaning: str = ""  # what it means in time, in the report's language ("within a year"); empty: not defined


@dataclass(frozen=True)
class WorkshopInfo:
    """What the cover and the annex of participating countries and organisations need."""

    title: str
    place: str
    starts_on: date
    ends_on: date
    organisers: tuple[str, ...] = ()
    levels: tuple[Level, ...] = ()
    dimensions: tuple[Dimension, ...] = ()
    tables: tuple[Table, ...] = ()
    countries: tuple[Country, ...] = ()
    organisations: tuple[Organisation, ...] = ()
    subtitle: str = ""
    timezone: str = ""  # the IANA zone the workshop took place in (dates and times are printed in it)
    languages: tuple[str, ...] = ()  # the workshop's languages, its default first (the exports' label columns)
    region: str = ""  # the member countries as one ("Países miembros de la CRM"), and its names in other languages
    region_aliases: tuple[str, ...] = ()
    # The scope and timeframe choices of the workshop file, in its order; empty: the built-in ones.
    scopes: tuple[Choice, ...] = ()
    timeframes: tuple[Choice, ...] = ()
    # When it was held as a sentence says it ("los días 7 y 8 de septiembre de 2022", "on 7–8 September 2022"),
    # as the introduction's draft in the bot words it (bot.domain.workshop_texts.when_held); "": the dates' span.
    held: str = ""


@dataclass(frozen=True)
class Participation:
    """Counts only, never contact data. `by_kind` pairs a participant kind with its count of people, e.g.
    ("government", 40), ("civil_society", 12), ("observer", 9); known kinds are translated in the report.

    `delegations` says what each kind is made of: (kind, groups, people), where groups are the delegations of
    member states (distinct countries) for "government" and the organisations for the others, e.g.
    ("government", 11, 22), ("observer", 6, 8). `staff` counts the people who ran the workshop (moderators and
    the secretariat): they are in `participants` but in no kind of `delegations`.

    `institutions` counts the institutions the participants (not the staff) came from, as they typed them: a
    ministry, an institute, an agency's office, each once within its delegation or organisation (the
    migration offices of three countries are three); `institutions_by_kind` gives it per kind, e.g.
    ("government", 21)."""

    participants: int
    countries: int
    organisations: int
    institutions: int
    by_kind: tuple[tuple[str, int], ...] = ()
    delegations: tuple[tuple[str, int, int], ...] = ()
    staff: int = 0
    institutions_by_kind: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class Participant:
    """One registered person. `country_id`, `organisation_id`, `table_id` and `kind` are always given (the
    minutes list a table's countries, never its people). `name`, `institution` and `position` are filled by the
    mapper only if the person agreed to be listed, and `public` says they did: exports list only public ones."""

    id: int
    kind: str = ""
    country_id: str | None = None
    organisation_id: str | None = None
    table_id: str | None = None
    language: str = ""
    public: bool = False
    name: str | None = None
    institution: str | None = None
    position: str | None = None
    staff: bool = False  # a moderator or the secretariat: ran the workshop rather than took part in a delegation
    credit: str | None = None  # staff who chose to be named for their role: "Mónica Rivas (OIM)"; else None
    # What a member of the staff did, each role once: ("secretariat", None), ("moderator", "A"), ("translator",
    # None); Annex A lists them by it. Empty for everyone else (and for staff whose roles nobody recorded).
    roles: tuple[tuple[str, str | None], ...] = ()


@dataclass(frozen=True)
class Comment:
    """A plenary comment on an item; `credit` follows the commenter's attribution choice (None: anonymous)."""

    text: str
    credit: str | None
    language: str
    created_at: datetime
    # Where the words printed come from in this edition (see `TextOrigin`); `language` is theirs.
    origin: TextOrigin = "original"


@dataclass(frozen=True)
class Objection:
    """A plenary objection with the reason it must carry and the table's answer ("" if none). `credit` follows
    the objector's attribution choice (None: anonymous)."""

    reason: str
    credit: str | None = None
    answer: str = ""
    language: str = ""          # what the objector wrote in, and the answerer: named where not the edition's
    answer_language: str = ""
    # Where the reason's and the answer's words come from in this edition (see `TextOrigin`): a translation
    # carries the edition's language in `language` / `answer_language`.
    origin: TextOrigin = "original"
    answer_origin: TextOrigin = "original"


@dataclass(frozen=True)
class Amendment:
    """A change the plenary's floor made to a recommendation's wording, accepted by its table: the wording
    before and after, and the credits of those who proposed it as each chose (None: anonymous); several when
    the table merged their proposals into one wording (`merged`). The texts are as typed, in `language`."""

    before: str
    after: str
    credits: tuple[str | None, ...] = ()
    merged: bool = False
    language: str = ""
    # In this edition (see `TextOrigin`): where the words before and after come from, the language of those
    # after ("" : `language`), and why each proposer asked for it, for the reasons that say something.
    before_origin: TextOrigin = "original"
    after_origin: TextOrigin = "original"
    after_language: str = ""
    reasons: tuple[Wording, ...] = ()


@dataclass(frozen=True)
class DeclinedAmendment:
    """A wording the floor proposed for a recommendation that its table declined, with the proposer's reason
    and the table's (issue 13: the proposer is told why; the minutes record it). It never changed the text;
    the roadmap prints it under its recommendation all the same, as the plenary's input (issue 12). Texts as typed: the
    proposal in `language`, the table's reason in `decision_language` ("" : not known). In this edition (see
    `TextOrigin`): where each comes from, and the language of the proposer's reason ("" : `language`)."""

    wording: str
    reason: str = ""
    decision: str = ""
    credit: str | None = None
    language: str = ""
    decision_language: str = ""
    id: int = 0
    wording_origin: TextOrigin = "original"
    reason_origin: TextOrigin = "original"
    reason_language: str = ""
    decision_origin: TextOrigin = "original"


@dataclass(frozen=True)
class Feedback:
    """Plenary feedback on an item: stances as counts, comments as texts."""

    support: int = 0
    object: int = 0
    comments: tuple[Comment, ...] = ()


@dataclass(frozen=True)
class Constituency:
    """Who backed a recommendation in the plenary, in counts only: per kind of participant ("government",
    "civil_society", "observer") its supports, objections and dots; how many countries backed it (a support or
    a dot) and how many objected; "broad support" (enough countries and every kind present) and "contested"
    (objections from several countries)."""

    by_kind: tuple[tuple[str, int, int, int], ...] = ()
    countries: int = 0
    objecting_countries: int = 0
    broad: bool = False
    contested: bool = False


@dataclass(frozen=True)
class Version:
    """An earlier wording of an item, kept when it was edited (by a moderator, or amended in the joint
    reading); `replaced_at` is when the next version replaced it. Who edited it is not part of the reports."""

    text: str
    replaced_at: datetime
    level_id: str | None = None
    dimension_ids: tuple[str, ...] = ()
    status: str = ""


# Where the words an edition prints come from: as written in the edition's language ("original"), translated by
# a person ("translation"), a machine draft nobody confirmed ("machine", printed with a mark), or only available in
# another language ("missing": printed as written, its language named in words).
TextOrigin = Literal["original", "translation", "machine", "missing"]


@dataclass(frozen=True)
class Wording:
    """A text as one edition prints it. `language` is the language of `text`: the edition's, except when
    `origin` is "missing" (then it is the language the text was written in)."""

    text: str
    language: str
    origin: TextOrigin = "original"


@dataclass(frozen=True)
class Synthesis:
    """A working table's synthesis, written by its rapporteur: `parts` pairs each part ("challenges",
    "opportunities", "actions", in that order) with its wording, for the parts that say something. `approved`:
    its moderator approved it (a final roadmap prints only approved ones; a draft marks the others)."""

    table_id: str
    level_id: str | None
    parts: tuple[tuple[str, Wording], ...] = ()
    approved: bool = False


@dataclass(frozen=True)
class NextStep:
    """A next step the workshop agreed, with who carries it out and by when (None: no date agreed)."""

    text: Wording
    who: Wording
    by_when: date | None = None


@dataclass(frozen=True)
class Session:
    """A phase of the agenda as it ran for one table (the table's own row, else the workshop's): what its
    minutes give as session times. `opens_at`/`closes_at` are the agenda's times; `opened_at`/`closed_at` when it
    actually opened and closed, by hand or by the clock (None: it did not, or not yet). `name` is in the
    edition's language."""

    table_id: str
    code: str
    kind: str
    name: str
    opens_at: datetime | None = None
    closes_at: datetime | None = None
    opened_at: datetime | None = None
    closed_at: datetime | None = None


ReadingEventKind = Literal["opened", "ended", "reopened", "decided", "closed"]


@dataclass(frozen=True)
class ReadingEvent:
    """One step in the history of the joint reading, oldest first: it opened (its order fixed), ended (its list
    frozen), was reopened by the secretariat (`by`: credited as the person chose for their own items, else by
    whom they speak for; None once they erased their data) with the `reason` they gave, a decision taken after a
    reopening (`item_id`, the status `before` and the one `after`, with the reason given), and the workshop's
    close (the roadmap final). Decisions of the first reading are the roadmap itself and are not repeated here."""

    kind: ReadingEventKind
    at: datetime
    by: str | None = None
    reason: str = ""
    item_id: int | None = None
    before: str = ""
    after: str = ""


# After the event (bot.domain.followup): what a focal point reports on a commitment, round by round.
ProgressStatus = Literal["not_started", "under_way", "done", "stalled"]
PROGRESS_STATUSES: tuple[ProgressStatus, ...] = ("not_started", "under_way", "done", "stalled")


@dataclass(frozen=True)
class CheckIn:
    """A commitment's status as its focal point reported it in check-in round `round` (1, 2, ...), with a short
    note as typed and, optionally, a link and the file name of a document they attached."""

    round: int
    status: ProgressStatus
    note: str = ""
    link: str = ""
    document: str = ""
    answered_at: datetime | None = None
    language: str | None = None  # the note's language, where known (the reporter's)


@dataclass(frozen=True)
class Commitment:
    """A delegation (`party_kind` "country") or organisation committed to recommendation `recommendation_id`.
    `party_name` is in the edition's language. `at_reading`: made before the joint reading ended (the roadmap's
    annex lists those). `reporting`: someone is named to report on it; False when an invited reporter has not
    joined yet or the reporter stopped (`stopped`). `checkins` oldest round first; who reported is not printed."""

    id: int
    recommendation_id: int
    party_id: str
    party_kind: Literal["country", "organisation"]
    party_name: str
    at_reading: bool = False
    reporting: bool = True
    stopped: bool = False
    checkins: tuple[CheckIn, ...] = ()
    made_at: datetime | None = None  # when it was made: the roadmap's list of commitments dates each one

    @property
    def latest(self) -> CheckIn | None:
        return self.checkins[-1] if self.checkins else None


@dataclass(frozen=True)
class CheckInRound:
    """A check-in round that opened: when it was due and opened, how many commitments were asked about
    (those with a reporter) and how many got an answer."""

    number: int
    due_at: datetime
    opened_at: datetime | None = None
    asked: int = 0
    answered: int = 0


@dataclass(frozen=True)
class Item:
    """A challenge, good practice or recommendation, with the fields of its kind (the others stay empty).

    `credit` is the public credit the author chose: "Ana Pérez (Guatemala)" (named), "Guatemala" (by country only)
    or None (anonymous, printed as the translated "Anonymous"). `merged_credits` are the credits of the authors of
    items merged into this one, same rules. `country_*`/`organisation_*` group good practices by who runs them in
    the region; the mapper leaves them None when the author chose anonymity, since grouping would reveal it.
    """

    id: int
    kind: Kind
    status: Status
    language: str
    created_at: datetime
    level_id: str | None = None
    dimension_ids: tuple[str, ...] = ()
    table_id: str | None = None
    # Whether one of its authors sits at `table_id`. A challenge or good practice belongs to the table of its level
    # (whose moderators review it), whoever sent it; a table's minutes list as its own only those of its members.
    from_members: bool = True
    credit: str | None = None
    merged_credits: tuple[str | None, ...] = ()
    merged_into: int | None = None
    # A table's own recommendation, drafted by its rapporteur from members' ones (`consolidated`); a member's
    # recommendation it absorbed points to it (`consolidated_into`) and, like a merged one, lives on in it.
    consolidated: bool = False
    consolidated_into: int | None = None
    moderation_reason: str = ""
    country_id: str | None = None
    country_name: str | None = None
    organisation_id: str | None = None
    organisation_name: str | None = None
    # challenge
    description: str = ""
    group_ids: tuple[str, ...] = ()
    groups_other: str = ""
    # good practice
    name: str = ""
    where: str = ""
    run_by: str = ""
    achieved: str = ""
    link: str = ""
    has_document: bool = False
    document_name: str = ""  # the file name of its first document: the printed roadmap names what to ask for
    # recommendation
    action: str = ""
    scope: Scope | None = None
    actor_ids: tuple[str, ...] = ()
    timeframe: Timeframe | None = None
    challenge_ids: tuple[int, ...] = ()
    good_practice_ids: tuple[int, ...] = ()
    crosscutting_ids: tuple[str, ...] = ()
    votes: int = 0
    feedback: Feedback = field(default_factory=Feedback)
    # Support by constituency (None while the plenary vote is open, and for what is not a recommendation).
    constituency: Constituency | None = None
    reading_reason: str = ""
    # Where the reading's reason's words come from in this edition, and their language ("": the edition's).
    reading_reason_origin: TextOrigin = "original"
    reading_reason_language: str = ""
    versions: tuple[Version, ...] = ()  # earlier wordings, oldest first
    # The first wording as this edition prints it: as written, or a translation made of it before it was
    # replaced (origin "missing" where none was: then it is in the language it was written in); an empty text
    # where nothing is to be printed for it (an amendment from the floor prints it as its "before").
    original_wording: Wording | None = None
    # The plenary's amendments its table accepted (oldest first), and its objections with their reasons and
    # answers (the counts stay in `feedback`).
    amendments: tuple[Amendment, ...] = ()
    declined_amendments: tuple[DeclinedAmendment, ...] = ()  # printed with its entry and in the minutes
    objections: tuple[Objection, ...] = ()
    # Where the main text (`text`) comes from in this edition: the mapper puts the edition's version in the
    # main field and says here whether it is the original, a person's translation, an unconfirmed machine
    # translation, or the original in another language ("missing"; `language` is then the item's own).
    text_origin: TextOrigin = "original"
    # The same for each other typed field the item prints (a good practice's "where", "run_by", "achieved", a
    # challenge's "groups_other"): (field, origin, language of the words printed), for those that say something.
    field_origins: tuple[tuple[str, TextOrigin, str], ...] = ()

    def field_origin(self, name: str) -> tuple[TextOrigin, str]:
        """Where the words printed for field ``name`` come from, and their language (those of the main text
        for a field the mapper did not describe)."""
        found = next((f for f in self.field_origins if f[0] == name), None)
        return (found[1], found[2]) if found else (self.text_origin, self.language)

    @property
    def original_text(self) -> str:
        """The first wording, if the item was edited since (else "")."""
        return self.versions[0].text if self.versions else ""

    @property
    def text(self) -> str:
        """The main text of the item, whatever its kind."""
        if self.kind == "challenge":
            return self.description
        if self.kind == "good_practice":
            return self.name
        return self.action

    @property
    def published(self) -> bool:
        """In the roadmap's body: not merged, rejected, or absorbed by a table's consolidated recommendation."""
        return self.status not in UNPUBLISHED and self.consolidated_into is None

    @property
    def decided(self) -> bool:
        """The joint reading decided it (adopted, adopted as amended or set aside)."""
        return self.status in READING_OUTCOMES

    @property
    def adopted(self) -> bool:
        return self.status in ADOPTED


@dataclass(frozen=True)
class RoadmapData:
    """Everything a roadmap, a table's minutes or an export is built from.

    `language` picks the interface texts ("es" or "en"); `final` is True once the joint reading ended (else every
    page is marked as a draft); `briefing` is the parsed `content/<lang>/briefings/<theme>.toml` as a plain dict
    (sources, levels, dimensions, stakeholders, crosscutting, groups, concepts, frameworks, roadmap); missing
    parts are skipped, so a partial briefing still builds.
    """

    workshop: WorkshopInfo
    language: str
    final: bool
    generated_at: datetime
    participation: Participation
    items: tuple[Item, ...] = ()
    participants: tuple[Participant, ...] = ()
    briefing: Mapping[str, Any] = field(default_factory=dict)
    # When the joint reading ended, i.e. when the roadmap was adopted (None while it is a draft).
    adopted_at: datetime | None = None
    # The editorial work (bot.domain.editorial), each in the edition's language where someone gave it: None or
    # empty where nobody wrote it (the report then prints its own factual default).
    introduction: Wording | None = None
    conclusions: Wording | None = None
    syntheses: tuple[Synthesis, ...] = ()
    next_steps: tuple[NextStep, ...] = ()
    # Each table's sessions, in agenda order (for its minutes).
    sessions: tuple[Session, ...] = ()
    # The workshop's own codes named in every language, for the exports' codebook (everything else here is in
    # the edition's language only): category ("level", "dimension", "table", "country", "organisation", and the
    # briefing's "actor", "crosscutting", "group") -> code -> language -> name.
    codebook: Mapping[str, Mapping[str, Mapping[str, str]]] = field(default_factory=dict)
    # The follow-up (bot.domain.followup): commitments to adopted recommendations with each round's answers, and
    # the rounds that opened; empty for a workshop nobody committed in.
    commitments: tuple[Commitment, ...] = ()
    rounds: tuple[CheckInRound, ...] = ()
    # How many countries "broad support" asks for (the workshop file's setting), for the note under its table.
    broad_support_countries: int = 0
    # From how many objecting countries a recommendation is "contested" (bot.domain.constituency), for the same note.
    contested_countries: int = 0
    # The joint reading's history (opened, ended, reopened and why, what changed after), for the short section
    # after its outcome; empty before it opened.
    reading_history: tuple[ReadingEvent, ...] = ()
