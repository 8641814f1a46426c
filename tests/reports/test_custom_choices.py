"""A workshop file with scope and timeframe choices of its own: the roadmap, the minutes and the exports print
the file's names for them, in the edition's language, escaped like any text; the built-in ids keep the reports'
own words; the codebook names every code in both languages."""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import replace

import pytest
from pdftext import text
from sample import sample_roadmap

from reports.exports import export_csv_zip
from reports.minutes import build_minutes
from reports.model import Choice
from reports.roadmap import build_roadmap

BINATIONAL = {"es": "Binacional <b>México</b> & Guatemala", "en": "Binational <b>Mexico</b> & Guatemala"}
TWO_YEARS = {"es": "En dos años", "en": "Within two years"}


def _custom(language: str):
    """The sample with the file's own choices (a custom scope beside a built-in one; a custom timeframe), R-40
    sent with both custom ids, R-41 with built-in ones."""
    data = sample_roadmap(language)
    workshop = replace(data.workshop,
                       scopes=(Choice("national"), Choice("binational", BINATIONAL[language], BINATIONAL)),
                       timeframes=(Choice("two_years", TWO_YEARS[language], TWO_YEARS), Choice("short")))
    items = tuple(replace(i, scope="binational", timeframe="two_years") if i.id == 40 else i for i in data.items)
    return replace(data, workshop=workshop, items=items)


def _flat(pdf: bytes) -> str:
    return " ".join(text(pdf).split())


@pytest.mark.parametrize("language", ["es", "en"])
def test_the_roadmap_and_the_minutes_print_the_files_names(language):
    data = _custom(language)
    for pdf in (build_roadmap(data), build_minutes(data, "A")):
        full = _flat(pdf)
        assert BINATIONAL[language] in full  # as the file names it, markup shown as typed
        assert TWO_YEARS[language] in full
        assert "binational" not in full.replace(BINATIONAL["en"], "") and "two_years" not in full  # no raw ids
        # R-41 kept a built-in scope and timeframe: the reports' own words, as before
        assert ("nacional" if language == "es" else "national") in full
        assert ("corto" if language == "es" else "short term") in full


def test_without_choices_of_its_own_the_reports_read_as_before():
    full = _flat(build_roadmap(sample_roadmap("en")))
    assert "regional" in full and "medium term" in full


def _csv(archive: zipfile.ZipFile, name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(archive.read(f"{name}.csv").decode("utf-8-sig"))))


@pytest.mark.parametrize("language", ["es", "en"])
def test_the_exports_label_the_files_choices_and_the_codebook_names_them_in_both_languages(language):
    archive = zipfile.ZipFile(io.BytesIO(export_csv_zip(_custom(language))))
    recommendations = {r["id"]: r for r in _csv(archive, "recommendations")}
    assert (recommendations["40"]["scope"], recommendations["40"]["scope_label"]) == \
        ("binational", BINATIONAL[language])
    assert (recommendations["40"]["timeframe"], recommendations["40"]["timeframe_label"]) == \
        ("two_years", TWO_YEARS[language])
    assert recommendations["41"]["scope_label"] == ("nacional" if language == "es" else "national")
    book = {(r["field"], r["code"]): (r["label_es"], r["label_en"]) for r in _csv(archive, "codebook")}
    assert book["scope", "binational"] == (BINATIONAL["es"], BINATIONAL["en"])
    assert book["timeframe", "two_years"] == (TWO_YEARS["es"], TWO_YEARS["en"])
    assert book["scope", "national"] == ("nacional", "national")
    assert book["timeframe", "short"] == ("corto", "short term")
    # a code an item still carries though the file no longer lists it (R-42's "regional", R-43's "medium")
    assert book["scope", "regional"] == ("regional", "regional")
    assert book["timeframe", "medium"] == ("mediano", "medium term")
    for row in _csv(archive, "recommendations"):
        for column in ("scope", "timeframe"):
            if row[column]:
                assert (column, row[column]) in book
