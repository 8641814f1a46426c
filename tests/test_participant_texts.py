"""The keys the participant handlers build at run time (f-strings the i18n test cannot see) exist in both
languages, and the briefing pages stay short."""

import pytest

from bot.domain import briefing, items
from bot.domain.workshop_file import EXAMPLE_FILE, load_workshop
from bot.i18n import SUPPORTED_LANGUAGES, Texts


def dynamic_keys() -> set[str]:
    keys = {f"kinds.{kind}" for kind in items.FIELDS}
    keys |= {f"item.intro_{kind}" for kind in items.FIELDS} | {"item.intro_annex"}
    for fields in items.FIELDS.values():
        for spec in fields:
            keys |= {f"item.f_{spec.name}", f"item.ask_{spec.name}"}
            if spec.type == "items":
                keys.add(f"item.none_yet_{spec.name}")
    keys |= {f"item.scope_{v}" for v in items.SCOPES} | {f"item.timeframe_{v}" for v in items.TIMEFRAMES}
    keys |= {f"item.attribution_{v}" for v in items.ATTRIBUTIONS}
    keys |= {"item.document_too_large", "item.document_refused_type"}
    statuses = ("draft", "submitted", "approved", "merged", "rejected", "withdrawn", "adopted", "adopted_amended",
                "set_aside")
    keys |= {f"mine.status_{s}" for s in statuses} | {
        f"mine.notify_{e}" for e in ("approved", "edited", "merged", "rejected")}
    keys |= {f"profile.edit_{name}" for name in ("name", "affiliation", "institution", "position")}
    return keys


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_every_key_built_at_run_time_exists(language):
    assert dynamic_keys() - Texts().keys(language) == set()


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_briefing_pages_are_short_for_every_level(language):
    workshop = load_workshop(EXAMPLE_FILE)
    content = briefing.load(workshop.briefing, language)
    for level in workshop.levels:
        pages = briefing.paginate(briefing.sections(content, level.id, level.name.get(language)))
        assert len(pages) >= 6
        assert all(sum(e.size for e in page.entries) < 2500 for page in pages)


def test_documents_are_checked_by_size_name_type_and_content():
    assert items.document_problem("a.pdf", "application/pdf", 21 * 1024 * 1024, 20) == "too_large"
    assert items.document_problem("a.exe", "application/pdf", 10, 20) == "refused_type"
    assert items.document_problem("a.pdf", "image/png", 10, 20) == "refused_type"
    assert items.document_problem("Slides.PPTX", "application/octet-stream", 10, 20) is None
    assert items.content_problem("a.pdf", b"%PDF-1.7", 20) is None
    assert items.content_problem("a.docx", b"%PDF-1.7", 20) == "refused_type"
