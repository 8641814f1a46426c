"""Data exports for the secretariat: CSV files in a zip, one XLSX workbook, one JSON document.

The three share one tabular view (`sheets()`), so a column added there appears in CSV and XLSX alike; JSON is the
lossless one (nested, typed). Personal data only where the person agreed: participants appear only if `public`
(and say so in their `public` column, the consent flag), credits are the public ones each author chose, and votes
are exported as counts, never who voted for what.

Made to be read by people as well as by programs: every coded column (`status`, `level_id`, `actor_ids`, ...)
has a label column beside it in the export's language, items carry the references the PDFs print (R-3, BP-2,
Rec-1 in Spanish), and a codebook lists every code with its label in every language. Moments are the workshop's
local time: ISO 8601 with its offset in CSV, real date cells in XLSX.

Spreadsheet safety: XLSX cells are written as strings, never as formulas or links; in CSV, a text cell starting
with = + - @ (which Excel would run as a formula) gets a leading apostrophe. JSON keeps the text as typed.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any

import xlsxwriter

from reports import items as render
from reports.context import ReportContext
from reports.labels import load_labels
from reports.model import KINDS, STATUSES, Choice, Item, RoadmapData
from reports.progress_labels import progress_labels

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
XLSX_CELL_LIMIT = 32_767  # Excel's maximum characters per cell
SCHEMA_VERSION = 2  # 2: references, label columns, the codebook, sessions
WIDEST = 60  # characters: a longer column wraps in the reader's eye, not across the screen
SHEET_NAMES = {"challenge": "challenges", "good_practice": "good_practices", "recommendation": "recommendations"}

Sheet = tuple[list[str], list[list[Any]]]
Column = tuple[str, Callable[[Item], Any]]


def _join(values: Iterable[Any]) -> str:
    return "; ".join(str(v) for v in values)


class _View:
    """What the columns read besides the item: the PDFs' references and the edition's names of every code."""

    def __init__(self, data: RoadmapData):
        self.data = data
        self.ctx = ReportContext(data)
        self.labels = self.ctx.labels
        self.by_id = self.ctx.items_by_id

    def ref(self, item_id: int | None) -> str:
        item = self.by_id.get(item_id) if item_id is not None else None
        return self.ctx.ref(item) if item is not None else ""

    def refs(self, ids: Iterable[int]) -> str:
        """The items a recommendation answers or builds on as the PDFs quote them: merged ones by what they
        were merged into, rejected ones left out."""
        return _join(self.ctx.ref(item) for item in render.linked(self.ctx, ids))

    def status(self, item: Item) -> str:
        """The stored state in words agreeing with the kind ("aprobado" reto, "aprobada" buena práctica)."""
        return self.labels.get(f"status.{item.kind}.{item.status}", item.status)

    def local(self, moment: datetime | None) -> datetime | str:
        if moment is None:
            return ""
        return moment.astimezone(self.ctx.zone) if moment.tzinfo else moment

    def names(self, ids: Iterable[str], lookup: Mapping[str, str]) -> str:
        return _join(lookup.get(i, i) for i in ids)

    def label(self, key: str, code: str | None) -> str:
        return self.labels.get(f"{key}.{code}", code) if code else ""


def _item_columns(v: _View, kind: str) -> list[Column]:
    ctx = v.ctx
    common: list[Column] = [
        ("id", lambda i: i.id), ("ref", lambda i: ctx.ref(i)),
        ("status", lambda i: i.status), ("status_label", v.status),
        ("merged_into", lambda i: i.merged_into or ""), ("merged_into_ref", lambda i: v.ref(i.merged_into)),
        ("consolidated", lambda i: i.consolidated), ("consolidated_into", lambda i: i.consolidated_into or ""),
        ("consolidated_into_ref", lambda i: v.ref(i.consolidated_into)),
        ("level_id", lambda i: i.level_id or ""), ("level_label", lambda i: ctx.level_name.get(i.level_id, i.level_id)
                                                   if i.level_id else ""),
        ("dimension_ids", lambda i: _join(i.dimension_ids)),
        ("dimension_labels", lambda i: v.names(i.dimension_ids, ctx.dimension_name)),
        ("table_id", lambda i: i.table_id or ""),
        ("table_label", lambda i: ctx.table_name.get(i.table_id, i.table_id) if i.table_id else ""),
        ("language", lambda i: i.language), ("language_label", lambda i: v.labels.language_name(i.language)
                                             if i.language else ""),
        ("credit", lambda i: i.credit or ""), ("merged_credits", lambda i: _join(c or "" for c in i.merged_credits)),
        ("country_id", lambda i: i.country_id or ""), ("country_name", lambda i: i.country_name or ""),
        ("organisation_id", lambda i: i.organisation_id or ""),
        ("organisation_name", lambda i: i.organisation_name or ""),
        ("created_at", lambda i: v.local(i.created_at)),
    ]
    own: dict[str, list[Column]] = {
        "challenge": [
            ("description", lambda i: i.description), ("group_ids", lambda i: _join(i.group_ids)),
            ("group_labels", lambda i: v.names(i.group_ids, ctx.group_name)),
            ("groups_other", lambda i: i.groups_other),
        ],
        "good_practice": [
            ("name", lambda i: i.name), ("where", lambda i: i.where), ("run_by", lambda i: i.run_by),
            ("achieved", lambda i: i.achieved), ("link", lambda i: i.link), ("has_document", lambda i: i.has_document),
        ],
        "recommendation": [
            ("action", lambda i: i.action), ("scope", lambda i: i.scope or ""),
            ("scope_label", lambda i: ctx.choice("scope", i.scope)),
            ("actor_ids", lambda i: _join(i.actor_ids)),
            ("actor_labels", lambda i: v.names(i.actor_ids, ctx.stakeholder_name)),
            ("timeframe", lambda i: i.timeframe or ""),
            ("timeframe_label", lambda i: ctx.choice("timeframe", i.timeframe)),
            ("challenge_ids", lambda i: _join(i.challenge_ids)),
            ("challenge_refs", lambda i: v.refs(i.challenge_ids)),
            ("good_practice_ids", lambda i: _join(i.good_practice_ids)),
            ("good_practice_refs", lambda i: v.refs(i.good_practice_ids)),
            ("crosscutting_ids", lambda i: _join(i.crosscutting_ids)),
            ("crosscutting_labels", lambda i: v.names(i.crosscutting_ids, ctx.crosscutting_name)),
            ("votes", lambda i: i.votes), ("support", lambda i: i.feedback.support),
            ("object", lambda i: i.feedback.object), ("reading_reason", lambda i: i.reading_reason),
            ("original_text", lambda i: i.original_text),
        ],
    }
    return [*common, *own[kind], ("moderation_reason", lambda i: i.moderation_reason)]


def _has_feedback(item: Item) -> bool:
    return bool(item.votes or item.feedback.support or item.feedback.object or item.feedback.comments)


def sheets(data: RoadmapData) -> dict[str, Sheet]:
    """Every table of the exports, by name: headers and rows (stable, English, snake_case headers; the values
    of `*_label` columns are in the export's language)."""
    v = _View(data)
    ctx, L = v.ctx, v.labels
    tables: dict[str, Sheet] = {}
    for kind in KINDS:
        columns = _item_columns(v, kind)
        rows = [[get(item) for _, get in columns] for item in data.items if item.kind == kind]
        tables[SHEET_NAMES[kind]] = ([header for header, _ in columns], rows)
    tables["participants"] = (
        ["id", "kind", "kind_label", "country_id", "country_label", "organisation_id", "organisation_label",
         "table_id", "table_label", "language", "language_label", "public", "name", "institution", "position"],
        [[p.id, p.kind, v.label("participant_kind", p.kind), p.country_id or "",
          ctx.country_name.get(p.country_id, p.country_id or ""), p.organisation_id or "",
          ctx.organisation_name.get(p.organisation_id, p.organisation_id or ""), p.table_id or "",
          ctx.table_name.get(p.table_id, p.table_id or ""), p.language,
          L.language_name(p.language) if p.language else "", p.public, p.name or "", p.institution or "",
          p.position or ""]
         for p in data.participants if p.public])
    tables["feedback"] = (["item_id", "ref", "kind", "kind_label", "votes", "support", "object", "comments"], [
        [i.id, ctx.ref(i), i.kind, L(f"kind.{i.kind}"), i.votes, i.feedback.support, i.feedback.object,
         len(i.feedback.comments)]
        for i in data.items if _has_feedback(i)])
    tables["comments"] = (["item_id", "ref", "credit", "language", "language_label", "created_at", "text"], [
        [i.id, ctx.ref(i), c.credit or "", c.language, L.language_name(c.language) if c.language else "",
         v.local(c.created_at), c.text]
        for i in data.items for c in i.feedback.comments])
    tables["sessions"] = (["table_id", "table_label", "code", "kind", "name", "opens_at", "closes_at",
                           "opened_at", "closed_at"], [
        [s.table_id, ctx.table_name.get(s.table_id, s.table_id), s.code, s.kind, s.name, v.local(s.opens_at),
         v.local(s.closes_at), v.local(s.opened_at), v.local(s.closed_at)]
        for s in data.sessions])
    tables["commitments"] = commitments(v)
    tables["codebook"] = (["field", "code", *(f"label_{code}" for code in languages(data))], codebook(data))
    return tables


def commitments(v: _View) -> Sheet:
    """The follow-up: one row per commitment and check-in round (a commitment nobody answered for yet has one
    row with no round), with the roadmap's reference of its recommendation."""
    P = progress_labels(v.data.language)
    headers = ["commitment_id", "recommendation_id", "ref", "party_kind", "party_kind_label", "party_id",
               "party_label", "at_reading", "reporting", "round", "status", "status_label", "note", "link",
               "document", "answered_at"]
    rows = []
    for c in v.data.commitments:
        head = [c.id, c.recommendation_id, v.ref(c.recommendation_id), c.party_kind, P(f"party_kind.{c.party_kind}"),
                c.party_id, c.party_name, c.at_reading, c.reporting]
        for k in c.checkins or (None,):
            rows.append([*head, "", "", "", "", "", "", ""] if k is None else
                        [*head, k.round, k.status, P(f"status.{k.status}"), k.note, k.link, k.document,
                         v.local(k.answered_at)])
    return headers, rows


def languages(data: RoadmapData) -> tuple[str, ...]:
    """The codebook's label columns: one per language of the workshop (``label_es``, ``label_en``, ...). The caller
    names them (``WorkshopInfo.languages``): guessing two would give a third language's workshop no column of its
    own, and a workshop in one language a column nobody wrote."""
    if not data.workshop.languages:
        raise ValueError("the workshop's languages are not given (WorkshopInfo.languages): the exports' label "
                         "columns are one per language")
    return data.workshop.languages


def codebook(data: RoadmapData) -> list[list[str]]:
    """Every code the sheets use, with its label in every language: the reports' own closed sets (kinds,
    states by kind, scopes, timeframes, participant kinds, languages) from their texts, the workshop's (levels,
    dimensions, tables, countries, organisations, actors, cross-cutting issues, groups) from `data.codebook`,
    falling back to the edition's names where the model has no other."""
    written_in = languages(data)  # one label column per language of the workshop
    books = {code: load_labels(code) for code in written_in}
    rows: list[list[str]] = []

    def closed(fieldname: str, key: str, codes: Iterable[str]) -> None:
        for code in codes:
            rows.append([fieldname, code, *(books[lang].get(f"{key}.{code}", "") for lang in written_in)])

    closed("kind", "kind", KINDS)
    for kind in KINDS:
        closed(f"{SHEET_NAMES[kind]}.status", f"status.{kind}",
               [s for s in STATUSES if load_labels(data.language).raw(f"status.{kind}.{s}") is not None])
    for question, choices, built_in in (("scope", data.workshop.scopes, ("national", "regional")),
                                        ("timeframe", data.workshop.timeframes, ("short", "medium", "long"))):
        # The workshop file's choices (or the built-in set), then any an item still carries that the file
        # no longer lists: every code in the sheets is in the book.
        listed = {c.id: c for c in choices or tuple(Choice(code) for code in built_in)}
        for item in data.items:
            code = getattr(item, question)
            if code and code not in listed:
                listed[code] = Choice(code)
        for choice in listed.values():
            rows.append([question, choice.id, *(choice.names.get(lang) or books[lang].get(f"{question}.{choice.id}", "")
                                                for lang in written_in)])
    closed("participants.kind", "participant_kind", load_labels(data.language).raw("participant_kind") or {})
    closed("language", "languages", written_in)
    ctx = ReportContext(data)
    edition = {"level": ctx.level_name, "dimension": ctx.dimension_name, "table": ctx.table_name,
               "country": ctx.country_name, "organisation": ctx.organisation_name, "actor": ctx.stakeholder_name,
               "crosscutting": ctx.crosscutting_name, "group": ctx.group_name}
    columns = {"level": "level_id", "dimension": "dimension_ids", "table": "table_id", "country": "country_id",
               "organisation": "organisation_id", "actor": "actor_ids", "crosscutting": "crosscutting_ids",
               "group": "group_ids"}
    for category, fieldname in columns.items():
        named = data.codebook.get(category, {})
        for code in dict.fromkeys([*edition[category], *named]):
            names = named.get(code, {})
            rows.append([fieldname, code, *(names.get(lang) or (edition[category].get(code, "")
                                                                if lang == data.language else "")
                                              for lang in written_in)])
    return rows


def _csv_cell(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


@dataclass(frozen=True)
class AttachedFile:
    """A document someone attached: to an item (``item_id``) or as a table's own document (``table_id``)."""

    item_id: int | None
    table_id: str | None
    file_name: str
    content: bytes


def _csv_text(headers: list[str], rows: Iterable[Iterable[Any]]) -> str:
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(headers)
    writer.writerows([_csv_cell(v) for v in row] for row in rows)
    return "\ufeff" + text.getvalue()


def _attached(data: RoadmapData, files: Iterable[AttachedFile]) -> list[tuple[str, AttachedFile, str]]:
    """(path in the zip, file, what it belongs to) for the files of items and tables this export holds: named
    by the reference the PDFs print (``documents/BP-2-report.pdf``), never a path of the uploader's."""
    view, tables = _View(data), {t.id for t in data.workshop.tables}
    found, taken = [], set()
    for kept in files:
        owner = view.ref(kept.item_id) if kept.item_id is not None else \
            (f"table-{kept.table_id}" if kept.table_id in tables else "")
        if not owner:
            continue
        name = "".join("_" if c in '/\\:*?"<>|' or ord(c) < 32 else c for c in kept.file_name).strip(". ") or "file"
        path, n = f"documents/{owner}-{name}", 1
        while path in taken:
            n += 1
            path = f"documents/{owner}-{n}-{name}"
        taken.add(path)
        found.append((path, kept, owner))
    return found


def export_csv_zip(data: RoadmapData, files: Iterable[AttachedFile] = ()) -> bytes:
    """One UTF-8 CSV (with BOM, so Excel reads accents right) per table, zipped; moments in ISO 8601. The
    documents people attached (``files``) go in ``documents/``, listed in ``documents.csv``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, (headers, rows) in sheets(data).items():
            archive.writestr(f"{name}.csv", _csv_text(headers, rows))
        attached = _attached(data, files)
        for path, kept, _ in attached:
            archive.writestr(path, kept.content)
        if attached:
            archive.writestr("documents.csv", _csv_text(
                ["path", "belongs_to", "item_id", "table_id", "file_name", "bytes"],
                [[path, owner, kept.item_id or "", kept.table_id or "", kept.file_name, len(kept.content)]
                 for path, kept, owner in attached]))
    return buffer.getvalue()


def _width(header: str, values: Iterable[Any]) -> int:
    """Characters wide enough for the header and most values, capped at `WIDEST`."""
    longest = len(header)
    for value in values:
        size = 16 if isinstance(value, datetime) else max(map(len, str(value).splitlines()), default=0)
        longest = max(longest, size)
        if longest >= WIDEST:
            return WIDEST
    return longest + 2


def export_xlsx(data: RoadmapData) -> bytes:
    """One sheet per table, built in memory: a bold frozen header with a filter on it, columns sized to their
    contents, moments as date cells; every text written as a string (never a formula or a link)."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                            "strings_to_urls": False, "strings_to_numbers": False})
    bold = workbook.add_format({"bold": True})
    moment = workbook.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    for name, (headers, rows) in sheets(data).items():
        sheet = workbook.add_worksheet(name)
        sheet.write_row(0, 0, headers, bold)
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, max(len(rows), 1), len(headers) - 1)
        for c, header in enumerate(headers):
            sheet.set_column(c, c, _width(header, (row[c] for row in rows)))
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row):
                if isinstance(value, bool):
                    sheet.write_boolean(r, c, value)
                elif isinstance(value, int | float):
                    sheet.write_number(r, c, value)
                elif isinstance(value, datetime):
                    sheet.write_datetime(r, c, value.replace(tzinfo=None), moment)
                else:
                    sheet.write_string(r, c, str(value)[:XLSX_CELL_LIMIT])
    workbook.close()
    return buffer.getvalue()


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


# Whether an item's author sits at its table: for the minutes only. Beside the public list of a table's members
# it would narrow down who sent an anonymous item.
NOT_EXPORTED = frozenset({"from_members"})


def export_json(data: RoadmapData) -> bytes:
    """The whole data set, nested and typed; participants only if public; each item with its reference and the
    codebook beside them. The briefing is content, not data: it is left out."""
    ctx = ReportContext(data)
    document = {
        "schema_version": SCHEMA_VERSION,
        "language": data.language,
        "final": data.final,
        "generated_at": data.generated_at,
        "workshop": asdict(data.workshop),
        "participation": asdict(data.participation),
        "items": [{"ref": ctx.ref(item), **{k: v for k, v in asdict(item).items() if k not in NOT_EXPORTED}}
                  for item in data.items],
        "participants": [asdict(p) for p in data.participants if p.public],
        "sessions": [asdict(s) for s in data.sessions],
        "commitments": [{"ref": ctx.ref(ctx.items_by_id[c.recommendation_id]) if c.recommendation_id in
                         ctx.items_by_id else "", **asdict(c)} for c in data.commitments],
        "rounds": [asdict(r) for r in data.rounds],
        "codebook": [dict(zip(["field", "code", *(f"label_{c}" for c in languages(data))], row, strict=True))
                     for row in codebook(data)],
    }
    return json.dumps(document, ensure_ascii=False, indent=1, default=_json_default).encode("utf-8")
