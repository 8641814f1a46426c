"""Actions under way, by implementing country (issue 12): a good practice whose "where" is the region is filed
as the region's, even where it also names the country it was agreed in, and one whose "where" names several
member countries is filed under each of them; neither under the delegation that presented it."""

from __future__ import annotations

from dataclasses import replace

import pytest
from pdftext import text
from sample import T0, sample_roadmap

from reports.labels import load_labels
from reports.model import Item
from reports.roadmap import build_roadmap

REGION = {"es": "Países miembros de la CRM", "en": "RCM member countries"}


def _practice(item_id: int, name: str, where: str, country: str) -> Item:
    return Item(id=item_id, kind="good_practice", status="approved", language="es", created_at=T0,
                level_id="structural", dimension_ids=("social",), credit="México", country_id=country,
                name=name, where=where, run_by="")


def _groups(section: str, headings: list[str]) -> dict[str, str]:
    """Each heading of the section's first part with the text up to the next one."""
    found = sorted((section.index(f"{h} •"), h) for h in headings if f"{h} •" in section)
    return {h: section[at:(found[n + 1][0] if n + 1 < len(found) else len(section))]
            for n, (at, h) in enumerate(found)}


@pytest.mark.parametrize("language", ("es", "en"))
def test_a_regional_practice_is_the_regions_and_a_multi_country_one_is_each_countrys(language):
    L = load_labels(language)
    other = "en" if language == "es" else "es"
    data = sample_roadmap(language, final=True, hostile=False)
    workshop = replace(data.workshop, region=REGION[language], region_aliases=(REGION[other],))
    practices = (
        _practice(94, "Principios orientadores regionales", "Los 11 países miembros de la CRM (acordados en "
                  "San José, Costa Rica, 2014)", "CR"),
        _practice(95, "Corredor de atención trinacional", "Guatemala, Honduras y El Salvador", "MX"),
    )
    data = replace(data, workshop=workshop, items=(*data.items, *practices))
    full = text(build_roadmap(data))
    start = full.rindex(L("sections.under_way"))
    section = full[start:full.index(L("sections.by_organisation"), start)]
    names = {"es": ("Costa Rica", "México", "Guatemala", "Honduras", "El Salvador"),
             "en": ("Costa Rica", "Mexico", "Guatemala", "Honduras", "El Salvador")}[language]
    groups = _groups(section, [REGION[language], *names])
    bp = L("ref.good_practice")
    assert f"{bp}-94" in groups[REGION[language]]
    assert all(f"{bp}-94" not in groups.get(n, "") for n in names)  # not Costa Rica's, where it was agreed
    for country in ("Guatemala", "Honduras", "El Salvador"):
        assert f"{bp}-95" in groups[country]
    assert f"{bp}-95" not in groups.get(names[1], "")  # not Mexico's, which presented it
