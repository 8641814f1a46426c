"""The conclusions, as the 2022 report had them: what the joint reading decided, in numbers and by level."""

from __future__ import annotations

from pdftext import outline, pages, text
from sample import sample_roadmap

from reports.roadmap import build_roadmap


def test_final_conclusions_say_the_outcomes_in_words_and_list_the_adopted_by_level():
    pdf = build_roadmap(sample_roadmap("en", final=True, hostile=False))
    full = text(pdf)
    section = full[full.rindex("Conclusions"):full.rindex("Next steps")]
    # Rec-40 adopted, Rec-41 amended, Rec-42 set aside, Rec-43 adopted; Rec-44 and Rec-47 never decided.
    # A sentence, each count with its own plural, zeros left out.
    assert ("The joint reading took up 4 recommendations: 2 were adopted as read, 1 with amendments and 1 was "
            "set aside.") in section
    assert "The joint reading left 2 recommendations undecided." in section  # no sentence opens with "2"
    # The adopted ones by reference only: their texts are the roadmap proper, printed just before.
    assert "• Individual (2): Rec-40, Rec-41" in section
    assert "• Community (1): Rec-43" in section
    assert "Crear un sistema regional" not in section and "Support local employment plans" not in section
    assert "Rec-42" not in section and "Rec-44" not in section
    entries = outline(pdf)
    depth, _, page = next(e for e in entries if e[1] == "Conclusions")
    assert depth == 0 and "Conclusions" in pages(pdf)[page]
    assert "Conclusions" in pages(pdf)[1]  # the contents


def test_a_draft_says_conclusions_come_after_the_joint_reading():
    full = text(build_roadmap(sample_roadmap("es", final=False, hostile=False)))
    section = full[full.rindex("Conclusiones"):full.rindex("Próximos pasos")]
    assert "Las conclusiones se redactan tras la lectura conjunta" in section
    assert "Rec-40" not in section


def test_spanish_conclusions_agree_in_number():
    full = text(build_roadmap(sample_roadmap("es", final=True, hostile=False)))
    section = full[full.rindex("Conclusiones"):full.rindex("Próximos pasos")]
    assert ("En la lectura conjunta se leyeron 4 recomendaciones: 2 se adoptaron tal cual, 1 con enmiendas y 1 "
            "se descartó.") in section
    assert "Adoptadas:" not in section
