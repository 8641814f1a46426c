"""Annex A lists the countries and organisations whose people registered, not every one the workshop invited,
and is not called "Annex I" (that is the form member states send before the event)."""

from __future__ import annotations

import re
from dataclasses import replace

from pdftext import text
from sample import participants, sample_roadmap

from reports.labels import load_labels
from reports.roadmap import build_roadmap


def test_only_countries_and_organisations_with_registered_people_are_listed():
    data = sample_roadmap("es", hostile=False)
    registered = tuple(p for p in participants() if p.country_id in ("GT", "HN") or p.organisation_id == "iom")
    full = text(build_roadmap(replace(data, participants=registered)))
    start = full.rindex(load_labels("es")("sections.annex_participants"))
    annex = full[start:full.index(load_labels("es")("sections.annex_items"), start)]
    # where the annex runs onto a new page, the running footer and the draft's header name the host city
    annex = re.sub(r"Puebla, México · [^·]*? Página \d+ de \d+|\(hora de Ciudad de México\)", " ", annex)
    assert "2 países: Guatemala, Honduras" in annex
    assert "1 organización: OIM" in annex
    for absent in ("México", "Panamá", "Nicaragua", "OIT", "UNICEF", "RROCM"):
        assert absent not in annex, absent


def test_the_annexes_are_not_named_like_the_workshops_annex_i():
    for language in ("es", "en"):
        L = load_labels(language)
        for key in ("annex_participants", "annex_items"):
            assert not L(f"sections.{key}").startswith(("Anexo I", "Annex I")), key
