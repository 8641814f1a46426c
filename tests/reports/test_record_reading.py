"""The record of the plenary and the joint reading, read as the secretariat read it (session 8), in both
editions: a recommendation adopted on an amendment from the floor says so in its record and who proposed it,
as one the reading amended itself gives its reason; the earlier wording is labelled for what it is ("Wording as
tabled"); a declined amendment says what it is, its proposer in brackets where known; support that is broad and
contested reads as one phrase; the support table's last column is named for what it holds, its empty cells say
"–", its headings give the cells' format and its caption no longer says nobody is named; a rank says it is a
place among the recommendations that received votes; and the section's heading says it is that record."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from pdftext import text
from sample import sample_roadmap

from reports.model import Amendment, Constituency, DeclinedAmendment, Wording
from reports.roadmap import build_roadmap

TABLED = "Support local employment plans for returnees."
TABLED_41 = "Garantizar atención psicosocial en los centros de recepción."
PROPOSED = "Certify skills only where a national standard already exists."

WORDS = {
    "en": {
        "floor": "Joint reading: adopted as amended, on an amendment from the floor proposed by Sharlene Pitts "
                 "(Belize)",
        "reading": "Joint reading: adopted as amended (reason:",
        "tabled": "Wording as tabled:",
        "old": ("Before:", "proposed anonymously", "Amendment from the floor:", "Consensus"),
        "declined": "Amendment from the floor declined by the table (proposer not recorded) Wording proposed:",
        "both": "Broad support, but contested: objected to by 2 countries",
        "contested": "Contested: objected to by 3 countries",
        "column": "Level of support",
        "cells": "(supports / objections / votes)",
        "set_aside": "(set aside)",
        "caption": "the comments and objections, with who made them, are under",
        "rank_head": "Rank",
        "rank_cell": r"1 of \d+ with votes",
        "heading": "The plenary and the joint reading, recommendation by recommendation",
        "draft_heading": "Recommendations by level",
    },
    "es": {
        "floor": "Lectura conjunta: adoptada con enmiendas, según la enmienda de la sala propuesta por Sharlene "
                 "Pitts (Belice)",
        "reading": "Lectura conjunta: adoptada con enmiendas (motivo:",
        "tabled": "Texto presentado:",
        "old": ("Antes:", "propuesta de forma anónima", "Enmienda de la sala:", "Consenso"),
        "declined": "Enmienda de la sala que la mesa no aceptó (no consta quién la propuso) Redacción propuesta:",
        "both": "Apoyo amplio; disputada, con objeciones de 2 países",
        "contested": "Disputada, con objeciones de 3 países",
        "column": "Grado de apoyo",
        "cells": "(apoyos / objeciones / votos)",
        "set_aside": "(descartada)",
        "caption": "los comentarios y las objeciones, con quién los hizo, figuran en",
        "rank_head": "Puesto",
        "rank_cell": r"1 de \d+ votadas",
        "heading": "La plenaria y la lectura conjunta, recomendación por recomendación",
        "draft_heading": "Recomendaciones por nivel",
    },
}


def backed(broad: bool, contested: bool, objecting: int) -> Constituency:
    return Constituency(by_kind=(("government", 4, objecting, 2), ("observer", 1, 0, 1)), countries=4,
                        objecting_countries=objecting, broad=broad, contested=contested)


def read(language: str, final: bool = True) -> str:
    """The sample roadmap after a plenary: Rec-43 adopted on Belize's amendment from the floor, Rec-41 amended
    by the reading itself, Rec-40 with an anonymous amendment its table declined and support both broad and
    contested, Rec-42 (set aside) contested, Rec-41 with support nobody flagged."""
    data = sample_roadmap(language, final=final, hostile=False)
    belize = "Sharlene Pitts (Belize)" if language == "en" else "Sharlene Pitts (Belice)"
    changed = {
        40: dict(declined_amendments=(DeclinedAmendment(PROPOSED, "Too broad.", "", None, "en"),),
                 constituency=backed(True, True, 2)),
        41: dict(original_wording=Wording(TABLED_41, "es"), constituency=backed(False, False, 0)),
        42: dict(constituency=backed(False, True, 3)),
        43: dict(status="adopted_amended",
                 amendments=(Amendment(TABLED, "Support local employment plans that include returnees and host "
                                       "communities.", (belize,), language="en"),)),
    }
    items = tuple(replace(i, **changed[i.id]) if i.id in changed else i for i in data.items)
    return text(build_roadmap(replace(data, items=items)))


def record(full: str, words: dict) -> str:
    return full[full.rindex(words["heading"]):]


@pytest.mark.parametrize("language", ["en", "es"])
def test_an_amendment_from_the_floor_is_recorded_as_the_reading_adopted_it(language):
    words = WORDS[language]
    full = read(language)
    entry = record(full, words)
    entry = entry[entry.index("Rec-43"):]
    assert entry.startswith("Rec-43") and words["floor"] in entry
    assert f"{words['tabled']} " in entry and TABLED in entry
    amended = record(full, words)[record(full, words).index("Rec-41"):]
    assert words["reading"] in amended and f"{words['tabled']} " in amended  # the same pattern, the same label
    for old in words["old"]:
        assert old not in full


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_declined_amendment_says_what_it_is_and_that_its_proposer_is_not_recorded(language):
    words = WORDS[language]
    entry = record(read(language), words)
    assert words["declined"] in entry and PROPOSED in entry


@pytest.mark.parametrize("language", ["en", "es"])
def test_broad_and_contested_support_reads_as_one_phrase_in_the_table_and_the_record(language):
    words = WORDS[language]
    full = read(language)
    table = full[:full.rindex(words["heading"])]
    assert f"{words['column']}" in table and words["cells"] in table  # the cells' format in the headings
    assert re.search(rf"Rec-40 .*?{re.escape(words['both'])}", table)
    assert re.search(rf"Rec-42 ?{re.escape(words['set_aside'])} .*?{re.escape(words['contested'])}", table)
    assert re.search(r"Rec-41 4 / 0 / 2 1 / 0 / 1 0 / 0 / 0 4 –", table)  # no flag: a dash, not a blank
    assert words["caption"] in table and "no one is named" not in table and "no se nombra a nadie" not in table
    assert f"Rec-40 [{words['both']}]" in record(full, words)


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_rank_is_a_place_among_those_that_received_votes_under_one_term(language):
    words = WORDS[language]
    full = read(language)
    assert re.search(words["rank_cell"], full)
    assert "Priority" not in full and "Prioridad" not in full


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_record_is_headed_as_the_plenary_and_the_reading(language):
    words = WORDS[language]
    final = read(language)
    assert final.count(words["heading"]) >= 2  # the contents and the section itself
    assert words["draft_heading"] not in final
    assert words["draft_heading"] in read(language, final=False)


@pytest.mark.parametrize("language", ("es", "en"))
def test_a_set_aside_recommendation_shows_what_the_plenary_said_of_it(language):
    """The support table counted Rec-77's objections and sent the reader to the record for them, where its
    set-aside line printed none (session 10's reading): under the line, the plenary's counts and each
    objection with who made it."""
    from reports.labels import load_labels
    from reports.model import Feedback, Objection

    L = load_labels(language)
    data = sample_roadmap(language, final=True, hostile=False)
    reason = {"es": "No dice quién la financia.", "en": "It does not say who pays for it."}[language]
    items = tuple(replace(i, feedback=Feedback(support=2, object=3),
                          objections=(Objection(reason, "Honduras", None, language, None),))
                  if i.id == 42 else i for i in data.items)
    full = " ".join(text(build_roadmap(replace(data, items=items))).split())
    part = full[full.rindex(L("sections.set_aside")):full.rindex(L("sections.undecided"))]
    assert f"{L('fields.plenary')}: {L.plural('fields.supports', 2)}, {L.plural('fields.objections', 3)}" in part
    assert f"{reason} — Honduras" in part
