"""Each adopted recommendation is printed in full once, in the roadmap table: the summary's priority table quotes
the start of its text, and its entry among the recommendations by level gives that start, the page of its row
in the table and only what the table does not say. A secretariat reading found every adopted action printed
whole three times (summary, roadmap table, recommendations by level). The set-aside and undecided ones are in
no table, so their entries keep the whole text."""

from __future__ import annotations

import io
from dataclasses import replace

import pytest
from pdftext import flat, pages
from pypdf import PdfReader
from sample import sample_roadmap

from bot.domain.items import reference
from reports.labels import load_labels
from reports.roadmap import build_roadmap
from reports.text import short_title

LANGUAGES = ("es", "en")
ADOPTED = 40  # adopted as read, at the individual level, with votes (in the priority table), comments, an objection
AMENDED = 41  # adopted as amended, with the reading's reason
SET_ASIDE = 42
UNDECIDED = 44
LONG = {
    AMENDED: "Guarantee immediate psychosocial care at every reception centre, with trained staff, a private room and "
             "a referral to specialised services for those who need them.",
    SET_ASIDE: "Fund a regional anti-stigma campaign in the media and in schools of the main return communities, "
               "designed with returnees themselves.",
    UNDECIDED: "Set up a shared inter-institutional register of returnees that reception, health, education and "
               "employment services all read and write.",
}


def workshop(language: str, final: bool = True):
    """The sample workshop, with texts long enough that a shortened quote is not the whole text."""
    data = sample_roadmap(language, final=final, hostile=False)
    items = tuple(replace(item, action=LONG[item.id]) if item.id in LONG else item for item in data.items)
    return replace(data, items=items)


@pytest.fixture(scope="module")
def built() -> dict[tuple[str, bool], tuple]:
    found = {}
    for language in LANGUAGES:
        for final in (True, False):
            data = workshop(language, final)
            found[language, final] = (data, pages(build_roadmap(data)))
    return found


def whole(data, item_id: int) -> str:
    return flat(next(item for item in data.items if item.id == item_id).action)


def section(texts: list[str], start: str, end: str) -> str:
    """The document's text from the heading `start` to the heading `end`, each at its last occurrence: the
    contents and the notes that point to a section come before it."""
    body = " ".join(texts)
    return body[body.rindex(start):body.rindex(end)]


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_adopted_recommendation_is_printed_in_full_once_and_quoted_by_its_start_elsewhere(built, language):
    data, texts = built[language, True]
    L = load_labels(language)
    document = " ".join(texts)
    for item_id in (ADOPTED, AMENDED):
        action = whole(data, item_id)
        start = short_title(action)
        assert start != action and start.endswith("…")
        assert document.count(action) == 1, (item_id, document.count(action))
        # once in full, in the roadmap table
        assert action in section(texts, L("roadmap.title"), L("sections.recommendations"))
        # in the summary's priority table: its reference and the start of its text
        summary = section(texts, L("sections.top_recommendations"), L("sections.context"))
        assert f"{reference('recommendation', item_id, language)} {start}" in summary
        # in its entry among the recommendations by level: the start, not the whole
        record = section(texts, L("sections.recommendations"), L("sections.set_aside"))
        assert f"{reference('recommendation', item_id, language)} {start}" in record \
            or f"{reference('recommendation', item_id, language)} [" in record  # a constituency mark first
        assert action not in record


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_entry_of_an_adopted_recommendation_names_the_page_of_its_row_and_repeats_none_of_it(built, language):
    data, texts = built[language, True]
    L = load_labels(language)
    item = next(item for item in data.items if item.id == ADOPTED)
    row_page = next(n for n, page in enumerate(texts, start=1) if whole(data, ADOPTED) in page)
    record = section(texts, L("sections.recommendations"), L("sections.set_aside"))
    ref = reference("recommendation", ADOPTED, language)
    entry = record[record.index(ref):record.index(reference("recommendation", AMENDED, language))]
    # right after the start of its text, before its facts (the section's introduction says what the page is)
    mark = flat(L("roadmap.on_page", page=row_page))
    assert mark in entry and entry.index(mark) < entry.index(L("fields.plenary")), entry
    # What the table does not say stays: the plenary's feedback, its comments and objection, the cross-cutting
    # issue, its table and who sent it.
    assert L("fields.plenary") in entry
    assert flat(item.feedback.comments[1].text) in entry
    assert L.plural("fields.crosscutting", 1) in entry
    assert "Ana Pérez (Guatemala)" in entry
    # What it does say is not repeated: scope, timeframe, priority, actors, challenges, practices, dimensions.
    for key in ("fields.scope", "fields.timeframe", "fields.priority"):
        assert f"{L(key)}:" not in entry, key
    assert f"{L.plural('fields.actors', 2)}:" not in entry
    assert f"{L.plural('fields.answers', 1)}:" not in entry
    assert f"{L.plural('fields.links', 2)}:" not in entry
    assert f"{L.plural('fields.dimensions', 1)}:" not in entry
    # The amended one keeps how the reading changed it.
    amended = record[record.index(reference("recommendation", AMENDED, language)):]
    assert f"{L('fields.outcome')}:" in amended and "agregó la perspectiva de género" in amended


@pytest.mark.parametrize("language", LANGUAGES)
def test_set_aside_and_undecided_recommendations_keep_their_whole_text_in_their_sections(built, language):
    data, texts = built[language, True]
    L = load_labels(language)
    document = " ".join(texts)
    set_aside = section(texts, L("sections.set_aside"), L("sections.undecided"))
    assert whole(data, SET_ASIDE) in set_aside
    undecided = section(texts, L("sections.undecided"), L("sections.conclusions"))
    assert whole(data, UNDECIDED) in undecided
    # in no roadmap table, so printed nowhere else in full
    assert document.count(whole(data, SET_ASIDE)) == 1
    assert document.count(whole(data, UNDECIDED)) == 1


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_drafts_priority_table_quotes_the_start_of_each_action_too(built, language):
    data, texts = built[language, False]
    L = load_labels(language)
    summary = section(texts, L("sections.top_recommendations"), L("sections.context"))
    action = whole(data, ADOPTED)
    assert f"{reference('recommendation', ADOPTED, language)} {short_title(action)}" in summary
    assert action not in summary
    # Before the reading ends nothing is adopted yet: the table and the detailed entry both give it whole.
    assert " ".join(texts).count(action) == 2


def _sizes(pdf: bytes, words: str) -> set[float]:
    """The font sizes the roadmap table draws `words` in (ReportLab sets each run's size with Tf, no scaling)."""
    found: set[float] = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        page.extract_text(visitor_text=lambda text, cm, tm, font, size: found.add(round(size, 2))
                          if words in text else None)
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_what_an_action_answers_is_printed_as_large_as_its_text(language):
    pdf = build_roadmap(workshop(language))
    label = load_labels(language).plural("fields.answers", 1)
    sizes = _sizes(pdf, label)
    assert sizes and min(sizes) >= 7.5, sizes
