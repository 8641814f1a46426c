"""The acronyms an edition lists are its own (issue 12): a Spanish original quoted untranslated in the English
edition ("original in Spanish") may say CRM, but the English acronyms do not list CRM for it; the Spanish
edition, where the same words are its own, does."""

from __future__ import annotations

from dataclasses import replace

from pdftext import text
from sample import _at, sample_roadmap

from reports.labels import load_labels
from reports.model import Item
from reports.roadmap import build_roadmap


def _with_quoted_original(language: str):
    """The sample edition plus a regional good practice nobody translated: in English it is printed as the
    Spanish original ("missing"), in Spanish as written."""
    origin = "missing" if language == "en" else "original"
    practice = Item(id=26, kind="good_practice", status="approved", language="es", created_at=_at(36),
                    level_id="structural", dimension_ids=("social",), credit="México",
                    name="Principios orientadores sobre integración, retorno y reintegración (CRM, 2014)",
                    where="Los países miembros de la CRM", run_by="Secretaría Ejecutiva de la CRM",
                    achieved="Un entendimiento común.", text_origin=origin,
                    field_origins=tuple((f, origin, "es") for f in ("where", "run_by", "achieved")))
    data = sample_roadmap(language, final=True, hostile=False)
    if language == "en":  # the sample's workshop and sources as the English workshop file and briefing say them
        workshop = data.workshop
        workshop = replace(workshop, organisers=("Regional Conference on Migration (RCM)", "RCM Executive Secretariat"),
                           tables=tuple(replace(t, moderators=("ES",)) for t in workshop.tables))
        sources = {k: v for k, v in data.briefing["sources"].items() if "CRM" not in v}
        data = replace(data, workshop=workshop, briefing={**data.briefing, "sources": sources})
        assert "CRM" not in _acronyms(text(build_roadmap(data)), "en")  # nothing else of the edition says it
    return replace(data, items=(*data.items, practice))


def _acronyms(full: str, language: str) -> str:
    L = load_labels(language)
    return full[full.rindex(L("sections.acronyms")):full.rindex(L("sections.annexes"))] \
        if full.rindex(L("sections.annexes")) > full.rindex(L("sections.acronyms")) \
        else full[full.rindex(L("sections.acronyms")):]


def test_an_acronym_only_in_a_quoted_original_is_not_listed_in_the_other_edition():
    english = text(build_roadmap(_with_quoted_original("en")))
    assert "(CRM, 2014)" in english  # the original is quoted as written, marked as such
    assert "CRM" not in _acronyms(english, "en")
    spanish = text(build_roadmap(_with_quoted_original("es")))
    assert "CRM Conferencia Regional sobre Migración" in _acronyms(spanish, "es")
