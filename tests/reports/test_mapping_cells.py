"""The mapping by level and dimension: an item with several dimensions is shown in full under the first (in the
workshop's order of dimensions) and cross-referenced from the others, so no cell the summary's map counts says
there is nothing in it."""

from __future__ import annotations

from dataclasses import replace

from pdftext import text
from sample import T0, sample_roadmap

from reports.model import Item
from reports.roadmap import build_roadmap
from reports.text import arrow


def _mapping(pdf: bytes) -> str:
    full = text(pdf)
    start = full.rindex("Retos y buenas prácticas por nivel y dimensión")
    return full[start:full.index("Acciones ya en marcha", start)]


def test_a_cell_holding_only_a_multi_dimension_item_points_to_where_it_is_listed():
    data = sample_roadmap("es", hostile=False)
    only = Item(id=1, kind="challenge", status="approved", language="es", created_at=T0, level_id="structural",
                dimension_ids=("psychosocial", "economic"), description="Reto en dos dimensiones.")
    section = _mapping(build_roadmap(replace(data, items=(only,))))
    structural = section[section.index("Estructural"):]
    assert "Económica Retos R-1 Reto en dos dimensiones." in structural  # the workshop's order, not as stored
    assert f"Social Sin aportes. Psicosocial Retos • R-1 {arrow()} ver Económica" in structural
    assert structural.count("Reto en dos dimensiones.") == 1


def test_sample_items_are_listed_once_and_cross_referenced_elsewhere():
    section = _mapping(build_roadmap(sample_roadmap("es", hostile=False)))
    individual = section[section.index("Individual"):section.index("Comunitario")]
    social = individual[individual.index("Social Acceso a servicios."):individual.index("Psicosocial Atención")]
    psychosocial = individual[individual.index("Psicosocial Atención"):]
    assert "R-2 Las personas retornadas llegan con traumas" in social
    assert f"BP-21 {arrow()} ver Económica" in social
    assert f"R-2 {arrow()} ver Social" in psychosocial
    assert "R-2 Las personas retornadas" not in psychosocial
