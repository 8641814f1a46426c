"""The summary's numbers and a recommendation's amendments as a secretariat checks them before publishing (issue
12, findings 1, 3, 13, 15, 24, 34), read back from the PDF in both editions: a tie at the last place of the
priority table is shown whole, the items by type add up down each column, the institutions are a column named
for what it counts, the wording adopted is printed once, both editions show the text before the reading's
amendment, and an amendment the table declined is shown with its recommendation."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from pdftext import text
from sample import sample_roadmap
from test_reading_outcomes import consolidated_sample

from reports.labels import load_labels
from reports.model import Amendment, DeclinedAmendment, Participation, Wording
from reports.roadmap import build_roadmap

LANGUAGES = ("es", "en")
REF = {"es": "Rec", "en": "Rec"}


def _section(full: str, language: str, start: str, end: str) -> str:
    L = load_labels(language)
    begin = full.rindex(L(f"sections.{start}"))
    return full[begin:full.index(L(f"sections.{end}"), begin)]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_tie_at_the_last_place_of_the_priority_table_is_shown_whole(language):
    """Twelve voted recommendations, the 10th and 11th with the same votes: both are "rank 10", both listed;
    the 12th, below the tie, is not."""
    data = sample_roadmap(language, final=True, hostile=False)
    template = next(i for i in data.items if i.id == 43)
    extra = tuple(replace(template, id=100 + n, votes=votes, action=f"Acción número {n} del empate.")
                  for n, votes in enumerate((30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 21, 20)))
    voted = replace(data, items=tuple(i for i in data.items if i.kind != "recommendation" or not i.votes) + extra)
    top = _section(text(build_roadmap(voted)), language, "top_recommendations", "context")
    r = REF[language]
    assert re.search(rf"10\s+{r}-109", top) and re.search(rf"10\s+{r}-110", top)  # 21 votes each: both 10th
    assert f"{r}-111" not in top  # rank 12
    assert load_labels(language)("summary.top_note") in " ".join(top.split())


def _rows(summary: str, labels: list[str]) -> dict[str, list[int]]:
    """Each labelled row of the items-by-type table as its three numbers (a dash as 0)."""
    found = {}
    for label in labels:
        row = re.search(rf"(?:^|\s)[−+=]? ?{re.escape(label)} ([\d–]+) ([\d–]+) ([\d–]+)", summary)
        if row:
            found[label] = [0 if c == "–" else int(c) for c in row.groups()]
    return found


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("final", [True, False])
def test_the_items_by_type_add_up_down_each_column(language, final):
    """Table A's R-49 consolidates R-40 and R-41 (so it is drafted by the table, not sent), R-45 was merged, R-46
    rejected, and in the final edition the recommendations the reading did not adopt leave the roadmap: the
    signed rows give the last one, column by column."""
    L = load_labels(language)
    data = consolidated_sample(language, final=final)
    full = text(build_roadmap(data))
    summary = full[full.rindex(L("sections.items_by_type")):full.rindex(L("sections.map"))]
    steps = [("total", 1), ("rejected", -1), ("merged", -1), ("consolidated", -1), ("tables_own", 1)]
    if final:
        steps += [("set_aside", -1), ("undecided", -1)]  # each outcome a row of its own, named as its list
    else:
        for key in ("set_aside", "undecided"):  # nothing leaves a draft's roadmap at the reading
            assert L(f"summary.{key}") not in summary
    labels = [L(f"summary.{key}") for key, _ in steps] + [L("summary.published")]
    rows = _rows(summary, labels)
    assert set(rows) == set(labels), rows
    for column in range(3):
        assert sum(sign * rows[L(f"summary.{key}")][column] for key, sign in steps) \
            == rows[L("summary.published")][column]
    recommendations = [rows[label][2] for label in labels]
    in_roadmap = sum(1 for i in data.items if i.kind == "recommendation" and i.published
                     and (i.adopted or not final))
    assert recommendations[-1] == in_roadmap and rows[L("summary.tables_own")][2] == 1
    assert f"− {L('summary.rejected')}" in summary and f"+ {L('summary.tables_own')}" in summary
    assert rows[L("summary.tables_own")][:2] == [0, 0] and "–" in summary  # a dash: no challenge is drafted


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_institutions_are_a_column_named_for_what_it_counts(language):
    L = load_labels(language)
    data = sample_roadmap(language, final=True, hostile=False)
    data = replace(data, participation=Participation(
        participants=27, countries=8, organisations=4, institutions=21, by_kind=(("government", 18), ("observer", 6)),
        delegations=(("government", 8, 18), ("observer", 4, 6)), staff=3,
        institutions_by_kind=(("government", 16), ("observer", 5))))
    full = text(build_roadmap(data))
    who = full[full.rindex(L("sections.participation")):full.rindex(L("sections.items_by_type"))]
    assert L("summary.institutions") in who
    assert re.search(rf"{L('participant_kind.government')}\s+8\s+16\s+18", who)
    assert re.search(rf"{L('participant_kind.observer')}\s+4\s+5\s+6", who)
    assert re.search(rf"{L('summary.participation_total')}\s+12\s+21\s+24", who)
    assert L("summary.institutions_note") in " ".join(who.split())
    assert {"es": "Representaron a", "en": "They represented"}[language] not in who


NOW = {"es": "Realizar campañas con radios comunitarias y personas retornadas.",
       "en": "Run campaigns with community radio and returnees."}
THEN = {"es": "Realizar campañas con los medios locales.", "en": "Run campaigns with local media."}
FIRST = {"es": "Asignar a cada persona una gestora de casos.", "en": "Assign every returnee a case worker."}


def _amended(language: str, **changes):
    data = sample_roadmap(language, final=True, hostile=False)
    items = tuple(replace(i, action=NOW[language], **changes) if i.id == 41 else i for i in data.items)
    return replace(data, items=items)


def _entry(full: str, language: str, ref: str) -> str:
    recommendations = _section(full, language, "recommendations", "conclusions")
    start = recommendations.index(ref + " ")
    following = re.search(rf"\n\s*{REF[language]}-\d+ ", recommendations[start + len(ref):])
    return recommendations[start:start + len(ref) + (following.start() if following else 10_000)]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_wording_adopted_is_printed_once(language):
    """An amendment from the floor whose "after" is the text the entry opens with: only its "before"."""
    L = load_labels(language)
    floor = Amendment(THEN[language], NOW[language], ("Belice" if language == "es" else "Belize",), language=language)
    full = text(build_roadmap(_amended(language, amendments=(floor,), original_wording=Wording("", language))))
    entry = " ".join(_entry(full, language, f"{REF[language]}-41").split())
    assert entry.count(NOW[language]) == 1
    assert f"{L('fields.before')}:" in entry and THEN[language] in entry
    assert f"{L('fields.after')}:" not in entry
    assert entry.count(f"{L('fields.before')}:") == 1  # the floor's "before" is that wording, printed once
    # A second change: the first one's "after" is not the text now, so it is printed.
    second = Amendment(NOW[language], NOW[language] + " Cada año.", (None,), language=language)
    data = _amended(language, amendments=(floor, second))
    data = replace(data, items=tuple(replace(i, action=NOW[language] + " Cada año.") if i.id == 41 else i
                                     for i in data.items))
    entry = " ".join(_entry(text(build_roadmap(data)), language, f"{REF[language]}-41").split())
    assert entry.count(f"{L('fields.after')}:") == 1


@pytest.mark.parametrize("language", LANGUAGES)
def test_both_editions_show_the_text_before_the_readings_amendment(language):
    """The Spanish edition printed no original text where the English one did: now each prints it, in its
    own language where a translation of it was kept, else as written with its language named."""
    L = load_labels(language)
    other = "en" if language == "es" else "es"
    translated = _amended(language, original_wording=Wording(FIRST[language], language, "translation"))
    entry = " ".join(_entry(text(build_roadmap(translated)), language, f"{REF[language]}-41").split())
    assert f"{L('fields.before')}: {L('fields.quote', text=FIRST[language])}" in entry
    untranslated = _amended(language, original_wording=Wording(FIRST[other], other, "missing"))
    entry = " ".join(_entry(text(build_roadmap(untranslated)), language, f"{REF[language]}-41").split())
    assert f"{L('fields.before')}: {L('fields.quote', text=FIRST[other])}" in entry
    assert L("fields.original_language", language=L.language_name(other)) in entry


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_amendment_the_table_declined_is_shown_with_its_recommendation(language):
    L = load_labels(language)
    declined = DeclinedAmendment("Financiar solo donde haya <plan> & presupuesto", "Evita dispersar fondos",
                                 "La mesa prefiere no condicionar los fondos", None, "es", "es")
    data = sample_roadmap(language, final=True, hostile=False)
    data = replace(data, items=tuple(replace(i, declined_amendments=(declined,)) if i.id == 43 else i
                                     for i in data.items))
    entry = " ".join(_entry(text(build_roadmap(data)), language, f"{REF[language]}-43").split())
    # what it is, its proposer in brackets: "(proposer not recorded)", not "proposed anonymously" after a colon
    assert f"{L('fields.amendment_declined')} ({L('fields.proposer_unknown')})" in entry
    assert "Financiar solo donde haya <plan> & presupuesto" in entry  # escaped, as typed
    assert f"{L('fields.declined_reason')}: La mesa prefiere no condicionar los fondos" in entry
