"""The last words a secretariat would have fixed by hand in the published roadmap (issue 12), read back from the
PDF in both editions: the organisers named inside a sentence, near-duplicates merged and recommendations
consolidated by the tables counted apart, the staff outside the participants' total, field labels that start a
line capitalised, a declined amendment with the table's reason in the minutes and under its recommendation in the
roadmap, a priority cell that does not wrap, and Annex B naming a language only where it informs."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from pdftext import text
from sample import sample_roadmap
from test_plenary_in_roadmap import BEFORE, with_plenary
from test_reading_outcomes import consolidated_sample

from bot.domain.records import Notice
from bot.jobs.roadmap_data import roadmap_data
from bot.storage import Storage
from reports.labels import load_labels
from reports.minutes import build_minutes
from reports.model import DeclinedAmendment
from reports.roadmap import build_roadmap
from tests.helpers import item, seat

LANGUAGES = ("es", "en")
DECLINED = "Sustituir «garantizar» por «promover»"
WHY = "Más flexible para cada país"
TABLES_WHY = "Debilita el compromiso <ya> acordado & leído"


def _between(full: str, start: str, end: str) -> str:
    begin = full.rindex(start)
    return full[begin:full.index(end, begin + len(start))]


async def test_the_introduction_names_the_organisers_in_one_sentence(database, workshop_id):
    """From the example workshop file: "It was organised by: A: B; …" had two colons in a row."""
    async with Storage(database) as storage:
        for language in LANGUAGES:
            L = load_labels(language)
            full = text(build_roadmap(await roadmap_data(storage, workshop_id, language)))
            intro = _between(full, L("editorial.introduction"), L("sections.summary"))
            opening = L("editorial.organised", organisers="").split(":")[0]
            start = intro.index(opening)
            sentence = intro[start:intro.index(".", start)]
            assert sentence.count(":") == 1, sentence  # the list's own colon, none inside a name
            assert {"es": "Conferencia Regional sobre Migración (CRM), a través de su Presidencia Pro Tempore "
                          "(México); Secretaría Ejecutiva de la CRM (SE-CRM); Instituto Nacional",
                    "en": "Regional Conference on Migration (RCM), through its Pro Tempore Presidency (Mexico); "
                          "RCM Executive Secretariat; National Migration Institute"}[language] in sentence


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_organisers_own_colon_reads_as_a_comma_inside_the_sentence(language):
    L = load_labels(language)
    data = sample_roadmap(language, final=True, hostile=False)
    data = replace(data, workshop=replace(data.workshop, organisers=("Conferencia X (CX): Presidencia (Belice)",
                                                                     "Instituto Y")))
    intro = _between(text(build_roadmap(data)), L("editorial.introduction"), L("sections.summary"))
    # the comma it became sets the names apart by semicolons
    assert L("editorial.organised", organisers="Conferencia X (CX), Presidencia (Belice); Instituto Y") in intro
    data = replace(data, workshop=replace(data.workshop, organisers=("Conferencia X (CX)", "Instituto Y")))
    intro = _between(text(build_roadmap(data)), L("editorial.introduction"), L("sections.summary"))
    assert L("editorial.organised", organisers="Conferencia X (CX) " + {"es": "y", "en": "and"}[language]
             + " Instituto Y") in intro


@pytest.mark.parametrize("language", LANGUAGES)
def test_merged_and_consolidated_are_counted_apart_in_the_summary(language):
    """R-45 merged into a near-duplicate; R-40 and R-41 consolidated into table A's R-49: two rows (a column
    per kind, a signed row per step: see test_publication_counts.py)."""
    L = load_labels(language)
    full = text(build_roadmap(consolidated_sample(language, final=False)))
    summary = full[full.rindex(L("sections.items_by_type")):]
    assert f"− {L('summary.merged')} 1 1 1 − {L('summary.consolidated')} – – 2" in summary
    assert f"= {L('summary.published')} " in summary
    assert L.plural("summary.table_recommendations", 1) in summary
    # without a table's consolidation, no column of zeros
    plain = text(build_roadmap(sample_roadmap(language, final=False, hostile=False)))
    assert L("summary.consolidated") not in plain


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_participants_total_leaves_the_staff_out(language):
    L = load_labels(language)
    full = text(build_roadmap(sample_roadmap(language, final=False, hostile=False)))
    summary = full[full.rindex(L("sections.participation")):]
    total = re.search(re.escape(L("summary.participation_total")) + r" (\d+) (\d+) " + re.escape(L("summary.staff"))
                      + r" – (\d+)", summary)
    assert total, summary[:600]
    assert (int(total.group(2)), int(total.group(3))) == (24, 3)  # 27 people: 24 took part, 3 ran it


@pytest.mark.parametrize("language", LANGUAGES)
def test_field_labels_that_start_a_line_are_capitalised(language):
    L = load_labels(language)
    full = text(build_roadmap(with_plenary(language)))
    for key in ("before", "table_answer"):  # "after" is the entry's own text here: not printed (issue 12, 24)
        label = L(f"fields.{key}")
        assert label[0].isupper() and f"{label}: " in full
        assert f"{label[0].lower()}{label[1:]}: " not in full, key
    assert f"{L('fields.before')}: {L('fields.quote', text=BEFORE)}" in full
    after = L("fields.after")
    assert f"{after[0].lower()}{after[1:]}: " not in full


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_minutes_list_a_declined_amendment_with_the_tables_reason(language):
    L = load_labels(language)
    data = sample_roadmap(language, final=True, hostile=False)
    declined = DeclinedAmendment(DECLINED, WHY, TABLES_WHY, "Honduras", "es", "es")
    data = replace(data, items=tuple(replace(i, declined_amendments=(declined,)) if i.id == 41 else i
                                     for i in data.items))
    minutes = text(build_minutes(data, "A"))
    assert f"{L('fields.amendment_declined')} ({L('fields.proposed_by', credits='Honduras')})" in minutes
    inside = {"es": "Sustituir “garantizar” por “promover”", "en": "Sustituir ‘garantizar’ por ‘promover’"}
    assert f"{L('fields.proposed_wording')}: {L('fields.quote', text=inside[language])}" in minutes  # quotes in quotes
    assert f"{L('fields.reason_line')}: {WHY}" in minutes
    assert f"{L('fields.declined_reason')}: {TABLES_WHY}" in minutes  # escaped, as typed
    assert ("original in Spanish" in minutes) == (language == "en")
    mark = " (original in Spanish)" if language == "en" else ""
    block = (f"{L('fields.amendment_declined')} ({L('fields.proposed_by', credits='Honduras')}) "
             f"{L('fields.proposed_wording')}: {L('fields.quote', text=inside[language])}{mark} "
             f"{L('fields.reason_line')}: {WHY}{mark} {L('fields.declined_reason')}: {TABLES_WHY}{mark}")
    assert minutes.count(block) == 1  # in that order, each mark on its own words, once (in the feedback)
    roadmap = text(build_roadmap(data))  # printed under its recommendation in the roadmap too, the same way
    assert roadmap.count(block) == 1 and roadmap.count(L("fields.amendment_declined")) == 1
    r = "Rec"  # a recommendation, in both editions
    at = roadmap.index(block)
    entry = roadmap[roadmap.rindex(f"{r}-41 Garantizar", 0, at):at]
    assert not re.search(rf"\b{r}-(?!41\b)\d+ ", entry), entry  # in Rec-41's entry, no other's


async def test_from_the_store_the_declined_amendment_reaches_the_minutes(database, workshop_id):
    async with Storage(database) as storage:
        ana = await seat(storage, workshop_id, 8201, "Ana Pérez", table="A")
        luis = await seat(storage, workshop_id, 8203, "Luis Gómez", table="B", country="HN")
        rita = await seat(storage, workshop_id, 8204, "Rita Relatora", role="rapporteur", table="A")
        ref = await item(storage, workshop_id, ana, "recommendation", table="A", action=BEFORE)
        proposal = await storage.propose_amendment(ref, luis, DECLINED, WHY, "country")
        assert (await storage.decline_amendment(proposal.id, rita, TABLES_WHY,
                                                lambda a: Notice(f"t:{a.id}", "plamend.told_declined", {})))[0] is None
        for language in LANGUAGES:
            L = load_labels(language)
            data = await roadmap_data(storage, workshop_id, language)
            printed = next(i for i in data.items if i.id == ref)
            assert [(a.wording, a.reason, a.decision) for a in printed.declined_amendments] == [
                (DECLINED, WHY, TABLES_WHY)]
            minutes = text(build_minutes(data, "A"))
            assert f"{L('fields.declined_reason')}: {TABLES_WHY}" in minutes
            assert L("fields.proposed_by", credits="Honduras") in minutes
            assert DECLINED not in text(build_roadmap(data))


@pytest.mark.parametrize("language", LANGUAGES)
def test_annex_b_names_a_language_only_for_an_original_in_another(language):
    L = load_labels(language)
    full = text(build_roadmap(sample_roadmap(language, final=True, hostile=False)))
    annex = full[full.rindex(L("sections.annex_items")):]
    assert L.language_name(language) not in annex  # the edition's own language told the reader nothing
    other = "en" if language == "es" else "es"
    # The mark shares the brackets of the entry's facts ("Rec-43 (original in English; community level, …)"),
    # or follows a quoted text in its own ("«…» (original en inglés)").
    mark = re.compile(rf"\(\s*{re.escape(L('fields.original_language', language=L.language_name(other)))}\s*[;)]")
    assert L.language_name(other) not in mark.sub("", annex)  # nor a bare name: the mark says "original in …"
    data = sample_roadmap(language, final=True, hostile=False)
    if any(i.language == other and i.published for i in data.items):
        after = rf"\s*[A-Z][a-z]*-\d+\s*{mark.pattern[:-4]}\s*;"  # after the reference, before the facts
        assert re.search(after, annex)
