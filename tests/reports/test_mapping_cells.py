"""The mapping by level and dimension: an item with several dimensions is shown in full under the first (in the
workshop's order of dimensions) and cross-referenced from the others, so no cell the summary's map counts says
there is nothing in it."""

from __future__ import annotations

import re
from dataclasses import replace

from pdftext import text
from sample import T0, sample_roadmap

from reports.model import Item
from reports.roadmap import build_roadmap


def _mapping(pdf: bytes) -> str:
    full = text(pdf)
    start = full.rindex("Retos y buenas prácticas por nivel y dimensión")
    return full[start:full.index("Buenas prácticas ya en marcha", start)]


def test_a_cell_holding_only_a_multi_dimension_item_points_to_where_it_is_listed():
    data = sample_roadmap("es", hostile=False)
    only = Item(id=1, kind="challenge", status="approved", language="es", created_at=T0, level_id="structural",
                dimension_ids=("psychosocial", "economic"), description="Reto en dos dimensiones.")
    section = _mapping(build_roadmap(replace(data, items=(only,))))
    structural = section[section.index("Estructural"):]
    assert "Económica Retos R-1 Reto en dos dimensiones." in structural  # the workshop's order, not as stored
    assert ("Social En esta dimensión no se presentaron retos ni buenas prácticas. Psicosocial Retos R-1 también "
            "corresponde a esta dimensión; figura en Económica (pág. 5).") in structural
    assert structural.count("Reto en dos dimensiones.") == 1
    # its dimensions named in the workshop's order, not the order they were tapped in
    assert "Dimensiones económica y psicosocial." in structural
    annex = text(build_roadmap(replace(data, items=(only,))))
    assert "(nivel estructural, dimensiones económica y psicosocial)" in annex


def test_sample_items_are_listed_once_and_cross_referenced_elsewhere():
    section = _mapping(build_roadmap(sample_roadmap("es", hostile=False)))
    individual = section[section.index("Individual"):section.index("Comunitario")]
    social = individual[individual.index("Social Acceso a servicios."):individual.index("Psicosocial Atención")]
    psychosocial = individual[individual.index("Psicosocial Atención"):]
    assert "R-2 Las personas retornadas llegan con traumas" in social
    assert "BP-21 también corresponde a esta dimensión; figura en Económica (pág." in social
    assert "R-2 también corresponde a esta dimensión; figura en Social (pág." in psychosocial
    assert "R-2 Las personas retornadas" not in psychosocial


def test_items_set_out_over_two_pages_are_pointed_to_with_both():
    """The see-sentence gave the first item's page for all of them: "C-19, C-30, C-33 and C-35 … under
    Economic (p. 13)" where C-35 was on p. 14 (session 10's reading)."""
    from pdftext import pages

    data = sample_roadmap("es", hostile=False)
    many = tuple(Item(id=100 + n, kind="challenge", status="approved", language="es", created_at=T0,
                      level_id="individual", dimension_ids=("economic", "social"),
                      description=f"Reto número {n} de la lista larga: " + "las personas retornadas no encuentran "
                      "empleo formal ni servicios de apoyo en sus comunidades de origen. " * 3)
                 for n in range(30))
    pdf = build_roadmap(replace(data, items=many))
    full = " ".join(text(pdf).split())
    found = re.search(r"R-100, .*?R-129 también corresponden a esta dimensión; figuran en Económica "
                      r"\(págs\. (\d+)–(\d+)\)", full)
    assert found, full[full.index("Social"):][:400]
    on = [n for n, page in enumerate(pages(pdf), start=1) if "Reto número " in page]
    first = next(n for n, page in enumerate(pages(pdf), start=1) if "R-100 Reto número 0 " in " ".join(page.split()))
    last = next(n for n, page in enumerate(pages(pdf), start=1) if "R-129 Reto número 29 " in " ".join(page.split()))
    assert (int(found.group(1)), int(found.group(2))) == (first, last) and first < last and on
