"""What the final roadmap says about each recommendation must match what the plenary and the joint reading did:
a table's consolidated recommendation stands for the members' ones it absorbed, the adopted ones are the roadmap
proper, the set-aside ones are listed apart with the reason, and those never decided are said to be so."""

from __future__ import annotations

from dataclasses import replace

import pytest
from pdftext import text
from sample import sample_roadmap

from reports.labels import load_labels
from reports.minutes import build_minutes
from reports.model import Item, RoadmapData
from reports.roadmap import build_roadmap

CONSOLIDATED = 49


def consolidated_sample(language: str = "es", final: bool = True) -> RoadmapData:
    """Table A's rapporteur consolidated R-40 and R-41 into R-49, which the joint reading adopted."""
    data = sample_roadmap(language, final=final, hostile=False)
    first = next(i for i in data.items if i.id == 40)
    table_rec = Item(id=CONSOLIDATED, kind="recommendation", status="adopted", language="es",
                     created_at=first.created_at, level_id="individual", dimension_ids=("economic",), table_id="A",
                     credit="Grupo A", consolidated=True, votes=20,
                     action="Recomendación consolidada de la mesa A sobre certificación y atención psicosocial.")
    items = tuple(replace(i, consolidated_into=CONSOLIDATED) if i.id in (40, 41) else i for i in data.items)
    return replace(data, items=(*items, table_rec))


def _split(full: str, language: str) -> tuple[str, str]:
    marker = load_labels(language)("sections.annex_items")
    start = full.rindex(marker)
    return full[:start], full[start:]


@pytest.fixture(scope="module")
def final_es() -> str:
    return text(build_roadmap(consolidated_sample("es", final=True)))


def test_consolidated_sources_are_not_live_recommendations(final_es):
    body, annex = _split(final_es, "es")
    assert "Rec-49" in body
    brings = "consolida Rec-40 y Rec-41 (anexo B)"  # a table's recommendation consolidates, not merges
    assert brings in body
    for ref in ("Rec-40", "Rec-41"):
        assert ref not in body.replace(brings, ""), ref
        assert ref in annex
    assert "; consolidada en Rec-49." in annex
    assert "Crear un sistema regional de certificación" not in body
    start = body.rindex("Recomendaciones prioritarias")  # the section, not its line in the contents
    top = body[start:body.index("Contexto y objetivos", start)]
    assert "Rec-49" in top and "Rec-40" not in top


def test_final_recommendations_by_level_separate_adopted_set_aside_and_undecided(final_es):
    body, _ = _split(final_es, "es")
    section = body[body.rindex("La plenaria y la lectura conjunta, recomendación por recomendación"):]
    adopted = section[:section.index("Recomendaciones descartadas en la lectura conjunta")]
    assert "Rec-49" in adopted and "Rec-43" in adopted
    assert "Rec-42" not in adopted and "Rec-44" not in adopted and "Rec-47" not in adopted
    set_aside = section[section.index("Recomendaciones descartadas en la lectura conjunta"):
                        section.index("Recomendaciones no decididas en la lectura conjunta")]
    assert "Rec-42 Fund a regional anti-stigma campaign. (original en inglés) Motivo: Already covered by R-43." \
        in set_aside
    undecided = section[section.index("Recomendaciones no decididas en la lectura conjunta"):]
    assert "Rec-44" in undecided and "Rec-47" in undecided
    assert "Lectura conjunta: no decidida en la lectura conjunta" in undecided
    assert "aprobado" not in section  # nothing the reading left open reads as approved


def test_a_draft_keeps_every_live_recommendation_by_level():
    draft = text(build_roadmap(consolidated_sample("es", final=False)))
    body, _ = _split(draft, "es")
    assert "Recomendaciones no decididas" not in body and "Rec-44" in body
    assert "Rec-40 " not in body.replace("consolida Rec-40 y Rec-41", "")  # only as a source of the table's one


def test_minutes_list_only_consolidated_recommendations_under_that_heading():
    minutes_a = text(build_minutes(consolidated_sample("es"), "A"))
    section = minutes_a[minutes_a.index("Recomendaciones consolidadas"):]
    assert "Rec-49 Recomendación consolidada" in section
    assert "Rec-40 Crear" not in section and "Rec-48" not in section
    assert "Consolidada en Rec-49." in minutes_a  # the members' ones, in the table's contributions
    minutes_b = text(build_minutes(consolidated_sample("es"), "B"))
    assert "Recomendaciones consolidadas" not in minutes_b
    assert "Recomendaciones de la mesa" in minutes_b and "Rec-43" in minutes_b


def test_the_final_map_and_chart_count_only_what_the_roadmap_keeps():
    """A recommendation the reading set aside (or never decided) is not in the final level x dimension map."""
    from reports.context import ReportContext
    from reports.sections.front import level_dimension_counts

    draft = consolidated_sample("es", final=False)
    final = consolidated_sample("es", final=True)
    set_aside = next(i for i in final.items if i.kind == "recommendation" and i.status == "set_aside")
    cell = (set_aside.level_id, set_aside.dimension_ids[0])
    in_draft = level_dimension_counts(ReportContext(draft))[cell]["recommendation"]
    in_final = level_dimension_counts(ReportContext(final)).get(cell, {}).get("recommendation", 0)
    kept = sum(1 for i in final.items if i.kind == "recommendation" and i.adopted and i.level_id == cell[0]
               and cell[1] in i.dimension_ids and i.published)
    assert in_final == kept < in_draft
