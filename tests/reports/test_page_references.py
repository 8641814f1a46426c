"""A page reference is one unit: "(pág. 12)" never leaves "(pág." alone at a line's end with "12)" below it
(a secretariat's fourth reading found it seven times in the Spanish demo roadmap, four in the English)."""

from __future__ import annotations

import re

import pytest
from pdftext import reader
from sample import sample_roadmap

from reports.labels import load_labels
from reports.roadmap import build_roadmap


@pytest.mark.parametrize("language", ["es", "en"])
def test_a_page_reference_never_breaks_after_its_abbreviation(language):
    pdf = build_roadmap(sample_roadmap(language, final=True, hostile=False))
    lines = [line.strip() for page in reader(pdf).pages for line in page.extract_text().splitlines()]
    opening = load_labels(language)("roadmap.on_page", page=0).split()[0]  # "(pág." / "(p."
    quoted = [line for line in lines if re.search(re.escape(opening) + r"\s*\d+\)", line)]
    assert quoted, "the sample roadmap quotes items with their page"
    assert not [line for line in lines if line.endswith(opening)]
