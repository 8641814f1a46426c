"""The conclusions, as the 2022 report had them: what the joint reading decided, in numbers and by level."""

from __future__ import annotations

from pdftext import outline, pages, text
from sample import sample_roadmap

from reports.roadmap import build_roadmap


def test_final_conclusions_count_the_outcomes_and_list_the_adopted_by_level():
    pdf = build_roadmap(sample_roadmap("en", final=True, hostile=False))
    full = text(pdf)
    section = full[full.rindex("Conclusions"):full.rindex("Next steps")]
    # R-40 adopted, R-41 amended, R-42 set aside, R-43 adopted; never decided.
    assert ("Recommendations the joint reading took up: 4. Adopted: 2. Adopted as amended: 1. Set aside: 1."
            in section)  # counts, so "1" never meets a plural noun
    assert "Recommendations not decided in the joint reading: 2." in section
    assert "Adopted recommendations, by level: Individual • R-40 Crear un sistema regional" in section
    assert "• R-41 Garantizar atención psicosocial" in section
    assert "Community • R-43 Support local employment plans" in section
    assert "R-42" not in section and "R-44" not in section
    entries = outline(pdf)
    depth, _, page = next(e for e in entries if e[1] == "Conclusions")
    assert depth == 0 and "Conclusions" in pages(pdf)[page]
    assert "Conclusions" in pages(pdf)[1]  # the contents


def test_a_draft_says_conclusions_come_after_the_joint_reading():
    full = text(build_roadmap(sample_roadmap("es", final=False, hostile=False)))
    section = full[full.rindex("Conclusiones"):full.rindex("Próximos pasos")]
    assert "Las conclusiones se redactan tras la lectura conjunta" in section
    assert "Rec-40" not in section
