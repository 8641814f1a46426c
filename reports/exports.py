"""Data exports for the secretariat: CSV files in a zip, one XLSX workbook, one JSON document.

The three share one tabular view (`sheets()`), so a column added there appears in CSV and XLSX alike; JSON is the
lossless one (nested, typed). Personal data only where the person agreed: participants appear only if `public`,
credits are the public ones each author chose, and votes are exported as counts, never who voted for what.

Spreadsheet safety: XLSX cells are written as strings, never as formulas or links; in CSV, a text cell starting
with = + - @ (which Excel would run as a formula) gets a leading apostrophe. JSON keeps the text as typed.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import asdict
from datetime import date, datetime
from typing import Any

import xlsxwriter

from reports.model import Item, RoadmapData

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
XLSX_CELL_LIMIT = 32_767  # Excel's maximum characters per cell
SCHEMA_VERSION = 1

Sheet = tuple[list[str], list[list[Any]]]


def _join(values) -> str:
    return "; ".join(str(v) for v in values)


Column = tuple[str, Callable[[Item], Any]]

COMMON: list[Column] = [
    ("id", lambda i: i.id), ("status", lambda i: i.status), ("merged_into", lambda i: i.merged_into or ""),
    ("consolidated", lambda i: i.consolidated), ("consolidated_into", lambda i: i.consolidated_into or ""),
    ("level_id", lambda i: i.level_id or ""), ("dimension_ids", lambda i: _join(i.dimension_ids)),
    ("table_id", lambda i: i.table_id or ""), ("language", lambda i: i.language),
    ("credit", lambda i: i.credit or ""), ("merged_credits", lambda i: _join(c or "" for c in i.merged_credits)),
    ("country_id", lambda i: i.country_id or ""), ("country_name", lambda i: i.country_name or ""),
    ("organisation_id", lambda i: i.organisation_id or ""),
    ("organisation_name", lambda i: i.organisation_name or ""),
    ("created_at", lambda i: i.created_at.isoformat()),
]
BY_KIND: dict[str, tuple[str, list[Column]]] = {
    "challenge": ("challenges", [
        ("description", lambda i: i.description), ("group_ids", lambda i: _join(i.group_ids)),
        ("groups_other", lambda i: i.groups_other),
    ]),
    "good_practice": ("good_practices", [
        ("name", lambda i: i.name), ("where", lambda i: i.where), ("run_by", lambda i: i.run_by),
        ("achieved", lambda i: i.achieved), ("link", lambda i: i.link), ("has_document", lambda i: i.has_document),
    ]),
    "recommendation": ("recommendations", [
        ("action", lambda i: i.action), ("scope", lambda i: i.scope or ""),
        ("actor_ids", lambda i: _join(i.actor_ids)), ("timeframe", lambda i: i.timeframe or ""),
        ("challenge_ids", lambda i: _join(i.challenge_ids)),
        ("good_practice_ids", lambda i: _join(i.good_practice_ids)),
        ("crosscutting_ids", lambda i: _join(i.crosscutting_ids)), ("votes", lambda i: i.votes),
        ("reading_reason", lambda i: i.reading_reason), ("original_text", lambda i: i.original_text),
    ]),
}
MODERATION: list[Column] = [("moderation_reason", lambda i: i.moderation_reason)]
PARTICIPANT_FIELDS = ["id", "kind", "country_id", "organisation_id", "table_id", "language", "name",
                      "institution", "position"]


def _has_feedback(item: Item) -> bool:
    return bool(item.votes or item.feedback.support or item.feedback.object or item.feedback.comments)


def sheets(data: RoadmapData) -> dict[str, Sheet]:
    """Every table of the exports, by name: headers and rows (stable, English, snake_case headers)."""
    tables: dict[str, Sheet] = {}
    for kind, (name, own) in BY_KIND.items():
        columns = [*COMMON, *own, *MODERATION]
        rows = [[get(item) for _, get in columns] for item in data.items if item.kind == kind]
        tables[name] = ([header for header, _ in columns], rows)
    tables["participants"] = (PARTICIPANT_FIELDS, [
        [getattr(p, f) if getattr(p, f) is not None else "" for f in PARTICIPANT_FIELDS]
        for p in data.participants if p.public])
    tables["feedback"] = (["item_id", "kind", "votes", "support", "object", "comments"], [
        [i.id, i.kind, i.votes, i.feedback.support, i.feedback.object, len(i.feedback.comments)]
        for i in data.items if _has_feedback(i)])
    tables["comments"] = (["item_id", "credit", "language", "created_at", "text"], [
        [i.id, c.credit or "", c.language, c.created_at.isoformat(), c.text]
        for i in data.items for c in i.feedback.comments])
    return tables


def _csv_cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def export_csv_zip(data: RoadmapData) -> bytes:
    """One UTF-8 CSV (with BOM, so Excel reads accents right) per table, zipped."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, (headers, rows) in sheets(data).items():
            text = io.StringIO()
            writer = csv.writer(text)
            writer.writerow(headers)
            writer.writerows([_csv_cell(v) for v in row] for row in rows)
            archive.writestr(f"{name}.csv", "\ufeff" + text.getvalue())
    return buffer.getvalue()


def export_xlsx(data: RoadmapData) -> bytes:
    """One sheet per table, built in memory; every text written as a string (never a formula or a link)."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                            "strings_to_urls": False, "strings_to_numbers": False})
    bold = workbook.add_format({"bold": True})
    for name, (headers, rows) in sheets(data).items():
        sheet = workbook.add_worksheet(name)
        sheet.write_row(0, 0, headers, bold)
        sheet.freeze_panes(1, 0)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row):
                if isinstance(value, bool):
                    sheet.write_boolean(r, c, value)
                elif isinstance(value, int | float):
                    sheet.write_number(r, c, value)
                else:
                    sheet.write_string(r, c, str(value)[:XLSX_CELL_LIMIT])
    workbook.close()
    return buffer.getvalue()


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def export_json(data: RoadmapData) -> bytes:
    """The whole data set, nested and typed; participants only if public. The briefing is content, not data:
    it is left out."""
    document = {
        "schema_version": SCHEMA_VERSION,
        "language": data.language,
        "final": data.final,
        "generated_at": data.generated_at,
        "workshop": asdict(data.workshop),
        "participation": asdict(data.participation),
        "items": [asdict(item) for item in data.items],
        "participants": [asdict(p) for p in data.participants if p.public],
    }
    return json.dumps(document, ensure_ascii=False, indent=1, default=_json_default).encode("utf-8")
