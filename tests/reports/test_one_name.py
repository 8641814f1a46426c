"""One name for one thing across the roadmap, in both editions (brief H3, from the secretariat's readings of
session 7): the reading's outcomes counted under the names their lists carry, the reference column headed as in
the next table, a singular label before a single value, lists of names joined by "; ", and the support table's
columns named as the summary names the kinds of participant."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from pdftext import text
from sample import sample_roadmap

from reports.labels import load_labels
from reports.model import Constituency
from reports.roadmap import build_roadmap

LANGUAGES = ("es", "en")


@pytest.fixture(scope="module")
def final():
    """The final editions of the sample (R-42 set aside; R-44, R-47, R-48 not decided), every recommendation
    backed in the plenary so that the support table is printed."""
    found = {}
    for language in LANGUAGES:
        data = sample_roadmap(language, final=True, hostile=True)
        backed = Constituency(by_kind=(("government", 5, 0, 3), ("civil_society", 1, 0, 0), ("observer", 2, 1, 1)),
                              countries=5, broad=True, contested=False)
        items = tuple(replace(i, constituency=backed) if i.kind == "recommendation" else i for i in data.items)
        found[language] = text(build_roadmap(replace(data, items=items)))
    return found


def _between(full: str, start: str, end: str) -> str:
    begin = full.rindex(start)
    return full[begin:full.index(end, begin)]


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_outcome_of_the_reading_is_counted_under_the_name_of_its_list(final, language):
    L = load_labels(language)
    full = final[language]
    summary = _between(full, L("sections.items_by_type"), L("sections.map"))
    assert f"− {L('summary.set_aside')} – – 1 − {L('summary.undecided')} – – 3" in summary
    for key in ("set_aside", "undecided"):  # the row is the heading of the list, less its first word
        heading = L(f"sections.{key}")
        assert heading.split(" ", 1)[1].lower() == L(f"summary.{key}").lower(), key
        assert heading in full
    assert {"es": "No adoptadas", "en": "Not adopted"}[language] not in full


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_priority_tables_reference_column_is_headed_as_the_next_tables(final, language):
    L = load_labels(language)
    top = _between(final[language], L("sections.top_recommendations"), L("constituency.title"))
    assert f"{L('summary.rank')} {L('constituency.recommendation')} {L('kind.recommendation')}" in top


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_label_before_one_value_is_singular(final, language):
    L = load_labels(language)
    full = final[language]
    one = {key: L.plural(f"fields.{key}", 1) for key in ("dimensions", "groups", "actors", "answers", "links",
                                                         "crosscutting")}
    many = {key: L.plural(f"fields.{key}", 2) for key in one}
    assert all(one[key] != many[key] for key in one)
    # the entries' provenance sentence: "Dimensión económica." / "Economic dimension." for one, plural for two
    one_dimension = {"es": "Dimensión económica.", "en": "Economic dimension."}[language]
    two = {"es": "Dimensiones económica y social.", "en": "Economic and social dimensions."}[language]
    assert one_dimension in full and two in full
    assert not re.search(r"Dimensiones \w+\.|\. \w+ dimensions\.", full)
    women = {"es": "Mujeres", "en": "Mujeres"}[language]  # the sample's briefing is in Spanish
    assert f"{one['groups']}: {women}" in full and f"{many['groups']}: {women}" not in full
    assert f"{one['actors']}: Gobiernos locales" in full and f"{many['actors']}: Gobiernos locales" not in full
    ref = L("ref.challenge")
    assert f"{one['answers']}: {ref}-1 " in full and f"{many['answers']}: {ref}-1 " not in full  # Rec-40
    assert f"{many['answers']}: {ref}-4 " in full  # R-43 answers two
    assert f"{one['links']}: {L('ref.good_practice')}-22 " in full  # R-41 builds on one
    assert f"{one['crosscutting']}: Derechos humanos" in full


@pytest.mark.parametrize("language", LANGUAGES)
def test_one_defined_timeframe_is_keyed_in_the_singular(language):
    from reports.model import Choice

    L = load_labels(language)
    data = sample_roadmap(language, final=True, hostile=False)
    data = replace(data, workshop=replace(data.workshop, timeframes=(Choice("short", meaning="un año"),)))
    full = text(build_roadmap(data))
    assert L.plural("roadmap.timeframes", 1, list=f"{L('timeframe.short')}, un año") in full
    assert L.plural("roadmap.timeframes", 2, list="").split(":")[0] + ":" not in full


@pytest.mark.parametrize("language", LANGUAGES)
def test_lists_of_groups_and_actors_are_joined_by_semicolons(final, language):
    """Groups as the edition's language joins a list, after the first in lower case (session 8's readings:
    "Víctimas de trata de personas; Mujeres" read as fields); actors, often long names, by semicolons."""
    full = final[language]
    groups = load_labels(language).plural("fields.groups", 2)
    also = {"es": "y", "en": "and"}[language]
    assert f"{groups}: Niñez no acompañada o separada {also} personas con necesidades de salud" in full
    actors = load_labels(language).plural("fields.actors", 2)
    assert f"{actors}: Autoridades nacionales; Sector privado" in full
    assert "Autoridades nacionales, Sector privado" not in full
    assert "Niñez no acompañada o separada, Personas" not in full


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_support_tables_columns_are_the_kinds_names_in_the_summary(final, language):
    L = load_labels(language)
    full = final[language]
    support = full[full.rindex(L("constituency.title")):][:900]  # the note and the header row
    names = [L(f"participant_kind.{kind}") for kind in ("government", "observer", "civil_society")]
    cells = L("constituency.cell_format")  # each kind's heading says what its cells hold
    heading = " ".join(f"{name} {cells}" for name in names)
    assert f"{L('constituency.recommendation')} {heading} {L('constituency.countries')}" in " ".join(support.split())
    participation = _between(full, L("sections.participation"), L("sections.items_by_type"))
    assert L("participant_kind.observer") in participation
    # in the summary's order of who took part (session 12: the columns had civil society before the observers)
    present = [name for name in names if name in participation]
    assert len(present) >= 2 and sorted(present, key=participation.index) == present
    for short in ("Organismos e invitados", "Observers and invited", "Gobiernos", "Governments"):
        assert short not in support
