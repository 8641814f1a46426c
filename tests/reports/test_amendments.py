"""A recommendation adopted as amended keeps its original wording in the roadmap and in the JSON export."""

from __future__ import annotations

import json
from dataclasses import replace

from pdftext import text
from sample import T0, sample_roadmap

from reports.exports import export_json
from reports.minutes import build_minutes
from reports.model import Version
from reports.roadmap import build_roadmap

ORIGINAL = "Garantizar atención psicosocial en los centros de recepción."


def amended_sample(final: bool = True):
    data = sample_roadmap("es", final=final, hostile=False)
    items = tuple(replace(i, versions=(Version(ORIGINAL, T0, "individual", ("psychosocial",), "approved"),))
                  if i.id == 41 else i for i in data.items)
    return replace(data, items=items)


def test_the_original_text_of_an_amended_recommendation_is_printed():
    data = amended_sample()
    full = text(build_roadmap(data))
    assert f"Texto presentado: «{ORIGINAL}»" in full
    assert "Garantizar atención psicosocial inmediata en los centros de recepción." in full  # the amended one
    assert f"Texto presentado: «{ORIGINAL}»" in text(build_minutes(data, "A"))
    assert "Texto original" not in full and "Texto original" not in text(build_minutes(data, "A"))  # one label


def test_other_recommendations_print_no_original_text():
    data = sample_roadmap("es", final=True, hostile=False)
    edited = tuple(replace(i, versions=(Version("Antes", T0),)) if i.id == 40 else i for i in data.items)
    assert "Antes: Antes" not in text(build_roadmap(replace(data, items=edited)))  # adopted as read


def test_versions_are_in_the_json_export():
    document = json.loads(export_json(amended_sample()))
    amended = next(i for i in document["items"] if i["id"] == 41)
    assert amended["versions"] == [{"text": ORIGINAL, "replaced_at": T0.isoformat(), "level_id": "individual",
                                    "dimension_ids": ["psychosocial"], "status": "approved"}]


def test_the_spreadsheets_carry_the_original_text_and_the_consolidation():
    from reports.exports import sheets

    headers, rows = sheets(amended_sample())["recommendations"]
    row = dict(zip(headers, next(r for r in rows if r[0] == 41), strict=True))
    assert row["original_text"] == ORIGINAL and row["consolidated"] is False and row["consolidated_into"] == ""
