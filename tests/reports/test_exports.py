"""Data exports read back: every item once, text as typed, personal data only where the person agreed."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from dataclasses import replace
from datetime import UTC, datetime

import openpyxl
import pytest
from pdftext import text
from sample import HOSTILE, LONG_WORD, sample_roadmap, workshop

from reports.exports import export_csv_zip, export_json, export_xlsx
from reports.minutes import build_minutes
from reports.model import Item, Session

TABLES = ["challenges", "good_practices", "recommendations", "participants", "feedback", "comments", "sessions",
          "commitments", "codebook"]


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
    assert feedback["40"] == {"item_id": "40", "ref": "Rec-40", "kind": "recommendation",
                              "kind_label": "Recomendación", "votes": "14", "support": "9", "object": "1",
                              "comments": "3"}
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
    assert document["schema_version"] == 2 and document["language"] == "es" and document["final"] is False
    assert [i["id"] for i in document["items"]] == [i.id for i in data.items]
    by_id = {i["id"]: i for i in document["items"]}
    assert by_id[13]["description"] == HOSTILE + "\nsegunda línea"
    assert by_id[40]["feedback"]["comments"][0] == {"text": "Muy necesaria para la región.", "credit": "Costa Rica",
                                                    "language": "es", "origin": "original",
                                                    "created_at": "2022-09-07T20:00:00+00:00"}
    assert document["workshop"]["starts_on"] == "2022-09-07"
    assert {p["id"] for p in document["participants"]} == {p.id for p in data.participants if p.public}
    assert "briefing" not in document


def _bilingual(data):
    """The data as the mapper gives it: sessions, and the workshop's codes named in both languages."""
    es, en = workshop("es"), workshop("en")
    book = {category: {a.id: {"es": a.name, "en": b.name} for a, b in zip(getattr(es, attr), getattr(en, attr),
                                                                          strict=True)}
            for category, attr in (("level", "levels"), ("dimension", "dimensions"), ("table", "tables"))}
    book["actor"] = {"national_authorities": {"es": "Autoridades nacionales", "en": "National authorities"}}
    sessions = (Session("A", "tables", "tables", "Mesas de trabajo", datetime(2022, 9, 8, 15, 30, tzinfo=UTC),
                        datetime(2022, 9, 8, 17, 30, tzinfo=UTC), datetime(2022, 9, 8, 15, 34, tzinfo=UTC),
                        datetime(2022, 9, 8, 17, 31, tzinfo=UTC)),)
    return replace(data, codebook=book, sessions=sessions)


def _workbook(data):
    return openpyxl.load_workbook(io.BytesIO(export_xlsx(data)))


def _records(sheet) -> list[dict]:
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


@pytest.mark.parametrize(("language", "status", "scope", "actors", "level"), [
    ("es", "adoptada", "regional", "Autoridades nacionales; Sector privado", "Individual"),
    ("en", "adopted", "regional", "National authorities; Private sector", "Individual"),
])
def test_every_code_has_a_label_column_beside_it_in_the_exports_language(language, status, scope, actors, level):
    data = sample_roadmap(language)
    if language == "en":  # the English briefing names the actors in English
        data = replace(data, briefing={**data.briefing, "stakeholders": {
            "national_authorities": {"name": "National authorities"}, "private_sector": {"name": "Private sector"}}})
    archive = zipfile.ZipFile(io.BytesIO(export_csv_zip(data)))
    rec = {r["id"]: r for r in _csv(archive, "recommendations")}["40"]
    assert (rec["status"], rec["status_label"]) == ("adopted", status)
    assert (rec["scope"], rec["scope_label"]) == ("regional", scope)
    assert (rec["actor_ids"], rec["actor_labels"]) == ("national_authorities; private_sector", actors)
    assert (rec["level_id"], rec["level_label"]) == ("individual", level)
    assert rec["timeframe"] == "medium" and rec["timeframe_label"] == ("mediano" if language == "es" else "medium term")
    challenge = {r["id"]: r for r in _csv(archive, "challenges")}["1"]
    assert challenge["status"] == "approved"  # the stored value, whatever the label says
    assert challenge["status_label"] == ("publicado" if language == "es" else "published")  # agrees with "reto"
    assert challenge["group_labels"] == "Mujeres"  # the sample's briefing names its groups in Spanish only
    header = list(_csv(archive, "recommendations")[0])
    for code in ("status", "scope", "timeframe", "level_id", "table_id", "language"):
        label = code.removesuffix("_id") + "_label"
        assert header.index(label) == header.index(code) + 1  # beside its code
    sheet = _workbook(data)["recommendations"]
    row = next(r for r in _records(sheet) if r["id"] == 40)
    assert row["status_label"] == status and row["actor_labels"] == actors


def test_the_codebook_lists_every_code_with_its_label_in_both_languages():
    data = _bilingual(sample_roadmap("es"))
    archive = zipfile.ZipFile(io.BytesIO(export_csv_zip(data)))
    book = {(r["field"], r["code"]): (r["label_es"], r["label_en"]) for r in _csv(archive, "codebook")}
    assert book["recommendations.status", "set_aside"] == ("descartada", "set aside")
    assert book["challenges.status", "approved"] == ("publicado", "published")
    assert book["timeframe", "short"] == ("corto", "short term")
    assert book["participants.kind", "observer"] == ("Organismos observadores e invitados",
                                                     "Observer and invited organisations")
    assert book["table_id", "A"] == ("Grupo A", "Group A")
    assert book["level_id", "community"] == ("Comunitario", "Community")
    assert book["actor_ids", "national_authorities"] == ("Autoridades nacionales", "National authorities")
    assert book["actor_ids", "private_sector"] == ("Sector privado", "")  # only the edition's name is known
    # Every code used in the recommendations sheet is in the codebook.
    for row in _csv(archive, "recommendations"):
        for column, fieldname in (("status", "recommendations.status"), ("scope", "scope"),
                                  ("timeframe", "timeframe"), ("level_id", "level_id")):
            if row[column]:
                assert (fieldname, row[column]) in book
    sheet = _workbook(data)["codebook"]
    assert [c.value for c in sheet[1]] == ["field", "code", "label_es", "label_en"]
    assert {"field": "scope", "code": "national", "label_es": "nacional", "label_en": "national"} in \
        json.loads(export_json(data))["codebook"]


def test_participants_carry_their_consent_flag_in_csv_and_xlsx():
    data = _data()
    rows = _csv(zipfile.ZipFile(io.BytesIO(export_csv_zip(data))), "participants")
    assert rows and all(r["public"] == "True" for r in rows)
    sheet = _workbook(data)["participants"]
    records = _records(sheet)
    assert records and all(r["public"] is True for r in records)
    assert records[0]["kind_label"] == "Delegaciones de los Estados miembros"


def test_references_are_the_ones_the_pdf_prints():
    data = sample_roadmap("es")
    archive = zipfile.ZipFile(io.BytesIO(export_csv_zip(data)))
    recommendations = {r["id"]: r for r in _csv(archive, "recommendations")}
    minutes = text(build_minutes(data, "A"))
    for item_id in ("40", "41"):
        row = recommendations[item_id]
        assert f"{row['ref']} {row['action'][:30]}" in minutes
    assert recommendations["40"]["ref"] == "Rec-40"
    # What a recommendation answers, as the PDF quotes it: R-11 was merged into R-2, R-12 rejected.
    assert recommendations["41"]["challenge_refs"] == "R-2"
    assert "Reto que atiende: R-2 «" in minutes
    assert recommendations["40"]["good_practice_refs"] == "BP-20; BP-21"
    merged = {r["id"]: r for r in _csv(archive, "challenges")}["11"]
    assert merged["ref"] == "R-11" and merged["merged_into_ref"] == "R-2"
    assert {r["ref"] for r in _csv(archive, "feedback")} == {"Rec-40", "Rec-41", "Rec-42", "Rec-43", "Rec-44",
                                                             "Rec-47"}
    english = zipfile.ZipFile(io.BytesIO(export_csv_zip(sample_roadmap("en"))))
    assert {r["id"]: r for r in _csv(english, "recommendations")}["40"]["ref"] == "Rec-40"
    assert json.loads(export_json(data))["items"][0]["ref"] == "R-1"


def test_moments_are_real_dates_in_the_workshops_time():
    data = _bilingual(sample_roadmap("es"))
    archive = zipfile.ZipFile(io.BytesIO(export_csv_zip(data)))
    first = _csv(archive, "challenges")[0]
    assert first["created_at"] == "2022-09-07T10:00:00-05:00"  # 15:00 UTC, in Puebla's (summer) time
    assert datetime.fromisoformat(first["created_at"]) == data.items[0].created_at
    assert _csv(archive, "sessions")[0]["opened_at"] == "2022-09-08T10:34:00-05:00"
    book = _workbook(data)
    cell = book["challenges"]["X2"]  # created_at
    assert book["challenges"]["X1"].value == "created_at"
    assert cell.is_date and cell.value == datetime(2022, 9, 7, 10, 0)
    comment = _records(book["comments"])[0]
    assert comment["created_at"] == datetime(2022, 9, 7, 15, 0)
    assert _records(book["sessions"])[0]["closed_at"] == datetime(2022, 9, 8, 12, 31)


def test_xlsx_sheets_have_a_frozen_header_a_filter_and_columns_sized_to_their_contents():
    book = _workbook(_bilingual(_data()))
    for name in TABLES:
        sheet = book[name]
        assert sheet.freeze_panes == "A2", name
        assert sheet.auto_filter.ref and sheet.auto_filter.ref.startswith("A1:"), name
    sheet = book["recommendations"]
    widths = {sheet.cell(1, c).value: sheet.column_dimensions[sheet.cell(1, c).column_letter].width
              for c in range(1, sheet.max_column + 1)}
    assert widths["action"] > widths["id"]
    assert widths["action"] <= 61  # long texts capped, not one screen wide
    assert widths["status_label"] >= len("adoptada con enmiendas")
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}{sheet.max_row}"
