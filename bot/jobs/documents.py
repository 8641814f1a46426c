"""The secretariat's documents — roadmap, per-table minutes, data exports — from the store, by name.

Shared by the bot's commands and the command line. Building is CPU-bound (ReportLab), so it runs in a
worker thread: the bot keeps answering everyone else while a 5,000-item roadmap is being set.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from bot.jobs.progress_data import progress_data
from bot.jobs.roadmap_data import roadmap_data
from bot.storage import Storage
from reports.exports import AttachedFile, export_csv_zip, export_json, export_xlsx
from reports.labels import load_labels
from reports.minutes import build_minutes
from reports.progress import build_progress
from reports.roadmap import build_roadmap

EXPORTS = {
    "csv": (export_csv_zip, "zip", "application/zip"),
    "xlsx": (export_xlsx, "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "json": (export_json, "json", "application/json"),
}


def file_word(language: str, what: str) -> str:
    """How a file the bot sends is named in ``language`` (``files.<what>`` in its report.toml: "hoja-de-ruta",
    "roadmap"), so a new language names its own files."""
    return str(load_labels(language)(f"files.{what}"))


@dataclass(frozen=True)
class Document:
    file_name: str
    content: bytes
    mime_type: str


async def roadmap(storage: Storage, workshop_id: int, language: str) -> Document:
    data = await progress_data(storage, workshop_id, language)  # its annex lists the reading's commitments
    content = await asyncio.to_thread(build_roadmap, data)
    stored = await storage.workshop(workshop_id)
    suffix = "" if data.final else f"-{file_word(language, 'draft')}"
    return Document(f"{file_word(language, 'roadmap')}-{stored.slug}{suffix}.pdf", content, "application/pdf")


async def minutes(storage: Storage, workshop_id: int, table_code: str, language: str) -> Document:
    data = await roadmap_data(storage, workshop_id, language)
    content = await asyncio.to_thread(build_minutes, data, table_code)
    stored = await storage.workshop(workshop_id)
    return Document(f"{file_word(language, 'minutes')}-{table_code}-{stored.slug}.pdf", content, "application/pdf")


async def export(storage: Storage, workshop_id: int, form: str, language: str) -> Document:
    builder, extension, mime = EXPORTS[form]
    data = await progress_data(storage, workshop_id, language)  # with the follow-up's sheet
    if form == "csv":  # the zip carries the attached documents too, as the bot kept them when they were sent
        content = await asyncio.to_thread(builder, data, await attached_files(storage, workshop_id))
    else:
        content = await asyncio.to_thread(builder, data)
    stored = await storage.workshop(workshop_id)
    return Document(f"{file_word(language, 'data')}-{stored.slug}.{extension}", content, mime)


async def progress(storage: Storage, workshop_id: int, language: str, now=None) -> Document:
    """The follow-up's progress report: per recommendation, per delegation, and round by round; "as of" ``now``
    (the bot's clock, so a rehearsal or a test with its own clock dates the report by it)."""
    data = await progress_data(storage, workshop_id, language, now)
    content = await asyncio.to_thread(build_progress, data)
    stored = await storage.workshop(workshop_id)
    return Document(f"{file_word(language, 'progress')}-{stored.slug}.pdf", content, "application/pdf")


async def attached_files(storage: Storage, workshop_id: int) -> list[AttachedFile]:
    """Every document of the workshop's items and tables, with the bytes the bot downloaded (through the Bot
    API's getFile) when it was sent: no second download, so the export also builds from the command line."""
    codes = {t.id: t.code for t in await storage.working_tables(workshop_id)}
    return [AttachedFile(kept.attachment.contribution_id, codes.get(kept.attachment.table_id),
                         kept.attachment.file_name, kept.content) for kept in await storage.workshop_files(workshop_id)]
