"""Data exports read back: every item once, text as typed, personal data only where the person agreed."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from dataclasses import replace

from sample import HOSTILE, LONG_WORD, sample_roadmap

from reports.exports import export_csv_zip, export_json, export_xlsx
from reports.model import Item

TABLES = ["challenges", "good_practices", "recommendations", "participants", "feedback", "comments"]


def _data():
    data = sample_roadmap("es")
    formula = Item(id=99, kind="recommendation", status="submitted", language="es",
                   created_at=data.generated_at, action='=HYPERLINK("http://evil.example","click")')
    return replace(data, items=(*data.items, formula))


def _csv(archive: zipfile.ZipFile, name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(archive.read(f"{name}.csv").decode("utf-8-sig"))))


def test_csv_zip_has_one_file_per_table_with_every_item():
    data = _data()
    archive = zipfile.ZipFile(io.BytesIO(export_csv_zip(data)))
    assert sorted(archive.namelist()) == sorted(f"{name}.csv" for name in TABLES)
    for name, kind in (("challenges", "challenge"), ("good_practices", "good_practice"),
                       ("recommendations", "recommendation")):
        rows = _csv(archive, name)
        assert [int(r["id"]) for r in rows] == [i.id for i in data.items if i.kind == kind]
    challenges = {int(r["id"]): r for r in _csv(archive, "challenges")}
    assert challenges[13]["description"] == HOSTILE + "\nsegunda línea"
    assert challenges[14]["description"].endswith(LONG_WORD)
    assert challenges[11]["status"] == "merged" and challenges[11]["merged_into"] == "2"
    assert challenges[3]["credit"] == ""  # anonymous
    assert challenges[2]["merged_credits"] == "Nicaragua; "


def test_csv_neutralises_spreadsheet_formulas():
    archive = zipfile.ZipFile(io.BytesIO(export_csv_zip(_data())))
    rows = {r["id"]: r for r in _csv(archive, "recommendations")}
    assert rows["99"]["action"] == '\'=HYPERLINK("http://evil.example","click")'


def test_participants_only_those_who_agreed():
    data = _data()
    archive = zipfile.ZipFile(io.BytesIO(export_csv_zip(data)))
    rows = _csv(archive, "participants")
    public = [p for p in data.participants if p.public]
    assert 0 < len(rows) == len(public) < len(data.participants)
    assert {int(r["id"]) for r in rows} == {p.id for p in public}
    assert all(r["name"] for r in rows)


def test_votes_and_feedback_are_counts_and_comments_keep_their_credit():
    archive = zipfile.ZipFile(io.BytesIO(export_csv_zip(_data())))
    feedback = {r["item_id"]: r for r in _csv(archive, "feedback")}
    assert feedback["40"] == {"item_id": "40", "kind": "recommendation", "votes": "14", "support": "9",
                              "object": "1", "comments": "3"}
    comments = _csv(archive, "comments")
    assert [c["credit"] for c in comments] == ["Costa Rica", "", "Panamá"]
    assert comments[2]["text"] == HOSTILE


def test_xlsx_has_one_sheet_per_table_and_writes_text_never_formulas():
    book = zipfile.ZipFile(io.BytesIO(export_xlsx(_data())))
    workbook = book.read("xl/workbook.xml").decode()
    assert re.findall(r'<sheet name="([^"]+)"', workbook) == TABLES
    strings = book.read("xl/sharedStrings.xml").decode()
    assert '<t>=HYPERLINK("http://evil.example","click")</t>' in strings
    assert "&lt;script&gt;alert(1)&lt;/script&gt; AT&amp;T &amp;amp;" in strings
    sheets = [n for n in book.namelist() if n.startswith("xl/worksheets/sheet")]
    assert len(sheets) == len(TABLES)
    assert not any("<f>" in book.read(n).decode() for n in sheets)
    assert "Persona 0<" not in strings  # not public


def test_json_is_the_whole_data_set_with_public_participants_only():
    data = _data()
    document = json.loads(export_json(data))
    assert document["schema_version"] == 1 and document["language"] == "es" and document["final"] is False
    assert [i["id"] for i in document["items"]] == [i.id for i in data.items]
    by_id = {i["id"]: i for i in document["items"]}
    assert by_id[13]["description"] == HOSTILE + "\nsegunda línea"
    assert by_id[40]["feedback"]["comments"][0] == {"text": "Muy necesaria para la región.", "credit": "Costa Rica",
                                                    "language": "es", "created_at": "2022-09-07T20:00:00+00:00"}
    assert document["workshop"]["starts_on"] == "2022-09-07"
    assert {p["id"] for p in document["participants"]} == {p.id for p in data.participants if p.public}
    assert "briefing" not in document
