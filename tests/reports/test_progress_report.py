"""The progress report from plain data, in both languages: per recommendation (numbered as in the roadmap) its
commitments with their latest status, note, link and document and the status of each round; per delegation what
it committed to; the level x status overview and the rounds; typed text printed as typed, never as markup."""

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from reports.model import CheckIn, CheckInRound, Commitment
from reports.progress import build_progress
from reports.roadmap import build_roadmap
from tests.reports.pdftext import text as pdf_text
from tests.reports.sample import HOSTILE, sample_roadmap

R1 = datetime(2022, 12, 8, 22, 0, tzinfo=UTC)
R2 = datetime(2023, 3, 8, 22, 0, tzinfo=UTC)


def followed(language: str):
    data = sample_roadmap(language, final=True, hostile=False)
    names = {"GT": {"es": "Guatemala", "en": "Guatemala"}, "MX": {"es": "México", "en": "Mexico"},
             "iom": {"es": "Organización Internacional para las Migraciones (OIM)",
                     "en": "International Organization for Migration (IOM)"}}
    commitments = (
        Commitment(1, 40, "GT", "country", names["GT"][language], at_reading=True, checkins=(
            CheckIn(1, "under_way", "Piloto en dos departamentos", answered_at=R1),
            CheckIn(2, "done", HOSTILE, link="https://ejemplo.gt/informe", document="informe-final.pdf",
                    answered_at=R2))),
        Commitment(2, 40, "MX", "country", names["MX"][language], at_reading=True),
        Commitment(3, 43, "iom", "organisation", names["iom"][language], reporting=False, stopped=True,
                   checkins=(CheckIn(1, "stalled", "Sin fondos", answered_at=R1),)),
    )
    rounds = (CheckInRound(1, R1, R1, asked=3, answered=2), CheckInRound(2, R2, R2, asked=2, answered=1))
    return replace(data, commitments=commitments, rounds=rounds, generated_at=R2)


def _text(pdf: bytes) -> str:
    return " ".join(pdf_text(pdf).split())


@pytest.mark.parametrize("language", ["es", "en"])
def test_a_report_with_nothing_committed_says_so(language):
    text = _text(build_progress(sample_roadmap(language, final=True, hostile=False)))
    assert {"es": "Todavía no hay compromisos registrados.", "en": "No commitments have been recorded yet."}[
        language] in text
    assert {"es": "Todavía no se ha abierto ninguna ronda", "en": "No check-in round has opened yet."}[
        language] in text


def test_the_spanish_progress_report():
    text = _text(build_progress(followed("es")))
    assert "Informe de avance" in text and "Taller sobre Reintegración Sostenible" in text
    assert "Rondas de seguimiento" in text and "Ronda 1" in text and "2 de 3" in text and "1 de 2" in text
    assert "Panorama por nivel y estado" in text and "Cumplido" in text and "Sin respuesta" in text
    assert "Rec-40" in text and "Rec-43" in text and "Rec-41" in text  # the roadmap's numbers
    assert "Guatemala · Cumplido (ronda 2)" in text
    assert HOSTILE.replace("&amp;", "&") in text or "<script>alert(1)</script>" in text  # as typed
    assert "Enlace: https://ejemplo.gt/informe" in text and "Documento adjunto: informe-final.pdf" in text
    assert "Por ronda: Ronda 1: En curso; Ronda 2: Cumplido" in text
    assert "México · Sin respuesta" in text
    assert "Detenido (ronda 1)" in text and "dejó de informar" in text
    # said once for the level, then the recommendations nobody committed to (Rec-41), not under each
    assert ("Ningún país ni organización se ha comprometido aún con la otra recomendación adoptada de este "
            "nivel: Rec-41 ") in text
    assert text.count("Ningún país ni organización") == 1
    assert "Rec-42" not in text  # set aside: nothing to follow
    assert "Por país y organización" in text and "Guatemala: 1 compromiso, 1 cumplido." in text
    assert "Organizaciones" in text


def test_the_english_progress_report():
    text = _text(build_progress(followed("en")))
    assert "Progress report" in text and "Workshop on Sustainable Reintegration" in text
    assert "Check-in rounds" in text and "Round 2" in text
    assert "Rec-40" in text and "Guatemala · Done (round 2)" in text
    assert "By round: Round 1: Under way; Round 2: Done" in text
    assert "Mexico · No answer" in text and "stopped reporting" in text
    assert "International Organization for Migration (IOM): 1 commitment, 0 done." in text
    assert "Overview by level and status" in text


@pytest.mark.parametrize("language,title,line", [
    ("es", "Compromisos asumidos en la lectura conjunta", "Guatemala y México se comprometieron"),
    ("en", "Commitments made at the joint reading", "Guatemala and Mexico committed"),
])
def test_the_final_roadmap_lists_the_commitments_made_at_the_reading(language, title, line):
    text = _text(build_roadmap(followed(language)))
    assert title in text and line in text
    annex = text.split(title)[-1][:600]
    assert ("Rec-43" if language == "es" else "R-43") not in annex  # the IOM's came after the reading


@pytest.mark.parametrize("language,dated,adopted", [
    ("es", "Situación al ", "Adoptada en la lectura conjunta"),
    ("en", "Status as of ", "Adopted at the joint reading"),
])
def test_every_page_of_a_progress_report_is_dated_by_its_own_status(language, dated, adopted):
    """"Adopted at the joint reading on …" over every page of a progress report read as the report's own
    adoption, and in Spanish "Adoptada" beside "Informe de avance" did not agree (session 10's reading)."""
    from tests.reports.pdftext import pages

    found = pages(build_progress(followed(language)))
    assert len(found) > 1
    for page in found:
        assert dated in page and adopted not in page


@pytest.mark.parametrize("language", ["es", "en"])
def test_a_note_in_the_other_language_is_marked_as_an_original(language):
    """"Note: Ya funciona la mesa interinstitucional…" in the English report, unmarked (session 10's reading):
    the reporter's language is the note's, and a note in the other one says so as every such text does."""
    data = followed(language)
    note = "Sin fondos este año"
    commitments = tuple(replace(c, checkins=(CheckIn(1, "stalled", note, answered_at=R1, language="es"),))
                        if c.id == 3 else c for c in data.commitments)
    text = _text(build_progress(replace(data, commitments=commitments)))
    marked = {"es": None, "en": "(original in Spanish)"}[language]
    if marked:
        assert f"{note} {marked}" in text
    else:
        assert f"{note} (original" not in text and note in text


@pytest.mark.parametrize("language,said", [("es", "Este informe recoge cada recomendación adoptada"),
                                           ("en", "This report sets out every recommendation adopted")])
def test_the_reports_introduction_is_a_sentence(language, said):
    """"Every recommendation adopted at the joint reading, with the countries …" had no verb."""
    assert said in _text(build_progress(followed(language)))


def test_a_recommendation_in_the_other_language_is_marked_as_an_original():
    """Rec-43, written in English, printed bare in the Spanish report (session 10's reading)."""
    text = _text(build_progress(followed("es")))
    assert "Rec-43 Support local employment plans that include returnees and host communities. (original en " \
           "inglés)" in text
    assert "Rec-40 Crear un sistema regional de certificación de competencias adquiridas en el exterior. Guatemala" \
        in text  # its own language: no mark


@pytest.mark.parametrize("language", ["es", "en"])
def test_the_overviews_headings_each_fit_on_one_line(language):
    """"Not / started", "Sin / respuesta" broken over two lines in narrow columns (session 10's reading)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from reports.context import ReportContext
    from reports.model import PROGRESS_STATUSES
    from reports.progress import overview
    from reports.progress_labels import progress_labels

    ctx = ReportContext(followed(language))
    P = progress_labels(language)
    grid = next(f for f in overview(ctx) if hasattr(f, "_colWidths"))
    names = [P(f"status.{s}") for s in (*PROGRESS_STATUSES, "none")]
    for width, name in zip(grid._colWidths[1:-1], names, strict=True):
        assert stringWidth(name, ctx.font.bold, 8.5) + 12 <= width, name
    assert sum(grid._colWidths) <= 481
