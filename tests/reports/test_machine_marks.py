"""Where a workshop confirmed nothing, the roadmap still marks a machine translation, and the mark reads as a note
on the text, in both editions: "(machine translation)" set apart right after the words it is about and before
any credit, never run on from the sentence ("…find employment. machine translation") nor put after a person's
name ("Claudia Batres (WFP) · machine translation") where it reads as a word on the person (issue 12, finding 6).
"""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from pdftext import text
from sample import sample_roadmap

from reports.labels import load_labels
from reports.minutes import build_minutes
from reports.model import Comment, Feedback, Objection
from reports.roadmap import build_roadmap

LANGUAGES = ("es", "en")
# The machine's draft of each text in the edition's language (the item was written in the other one).
ACTION = {"es": "Abrir oficinas municipales de empleo.", "en": "Open municipal job offices."}
COMMENT = {"es": "Conviene sumar a las cámaras de comercio.", "en": "Chambers of commerce should join in."}
REASON = {"es": "No indica quién la financia.", "en": "It does not say who funds it."}
ANSWER = {"es": "Lo financia cada municipio.", "en": "Each municipality funds it."}
SET_ASIDE = {"es": "Ya la cubre otra recomendación.", "en": "Another recommendation covers it."}
PERSON = "Claudia Batres (WFP)"
OBJECTOR = "Rachel Kim (MPI)"
# The sample's recommendations: 43 was written in English, 40 in Spanish; 42 is set aside.
TRANSLATED = {"es": 43, "en": 40}


def machine_drafts(language: str, final: bool = True):
    """The sample workshop, as an edition printing the machine's drafts of one adopted recommendation (credited
    to a person by name), a comment and an objection on it, the table's answer, and a set-aside reason."""
    data = sample_roadmap(language, final=final, hostile=False)
    other = "en" if language == "es" else "es"
    items = []
    for found in data.items:
        if found.id == TRANSLATED[language]:
            found = replace(
                found, action=ACTION[language], language=language, text_origin="machine", credit=PERSON,
                feedback=Feedback(support=3, object=1, comments=(
                    Comment(COMMENT[language], PERSON, language, found.created_at, origin="machine"),)),
                objections=(Objection(REASON[language], OBJECTOR, ANSWER[language], language, language,
                                      origin="machine", answer_origin="machine"),))
        elif found.id == 42:
            found = replace(found, reading_reason=SET_ASIDE[language], reading_reason_origin="machine",
                            reading_reason_language=language)
        elif found.language == other:  # the rest reads as the edition's own (no other marks to count)
            found = replace(found, language=language, text_origin="translation")
        items.append(found)
    return replace(data, items=tuple(items))


def _marks(full: str, mark: str) -> tuple[int, int]:
    """(how many times the mark prints, how many of those are set apart in parentheses or brackets, alone or as
    the first of an entry's facts: Annex B's "Rec-40 (machine translation; individual level…)")."""
    apart = len(re.findall(rf"[(\[]\s*{re.escape(mark)}\s*[)\];]", full))
    return full.count(mark), apart


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_machine_translation_is_marked_after_its_text_and_before_the_credit(language):
    L = load_labels(language)
    mark = L("editorial.machine")
    full = text(build_roadmap(machine_drafts(language)))
    # the action, in full only in the roadmap's table (its entry by level quotes its start): the mark set apart
    # after its full stop
    assert full.count(f"{ACTION[language]} ({mark})") == 1, full
    # the plenary's words: each marked before the dash that credits the person
    assert f"{COMMENT[language]} ({mark}) — {PERSON}" in full
    assert f"{REASON[language]} ({mark}) — {OBJECTOR}" in full
    assert f"{ANSWER[language]} ({mark})" in full
    # the set-aside list's reason, after its bold label and as typed (session 8: "Motivo: Ya la cubre…", no
    # longer a lower-case "— motivo: ya la cubre…"), takes parentheses
    assert f"{L('fields.reason_line')}: {SET_ASIDE[language]} ({mark})" in full
    # the credit line of the entry names the person and nothing about the words after them
    assert not re.search(rf"{re.escape(PERSON)}\s*·\s*\(?{re.escape(mark)}", full), "a mark on the person"
    printed, apart = _marks(full, mark)
    assert printed >= 6 and printed == apart, (printed, apart)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_minutes_mark_the_plenary_s_words_the_same_way(language):
    L = load_labels(language)
    mark = L("editorial.machine")
    full = text(build_minutes(machine_drafts(language), "A" if language == "en" else "B"))
    assert f"{REASON[language]} ({mark}) — {OBJECTOR}" in full
    assert f"{COMMENT[language]} ({mark}) — {PERSON}" in full
    printed, apart = _marks(full, mark)
    assert printed >= 2 and printed == apart, (printed, apart)
