"""The plain lines of the long tables break between words only, a word being what lies between spaces across
runs: in the English roadmap's table a line began "; C-33 ..." after the link "(p. 14)" of the quote before it
(session 12's reading), because each run's first word could start a new line."""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth

from reports.fonts import report_font
from reports.lines import Look, PlainLines
from reports.text import NBSP

SIZE = 8


def _lines(entry, width: float) -> list[str]:
    block = PlainLines([entry], SIZE, 10)
    block.wrap(width, 1000)
    return ["".join(piece[1] if k == 0 or piece[0] <= line[k - 1][0] + line[k - 1][4] + 0.01 else " " + piece[1]
                    for k, piece in enumerate(line)) for line in block._lines]


def test_punctuation_after_a_linked_page_mark_stays_on_its_line():
    face = report_font().regular
    first = f"C-10 “Responsibility for returnees is spread…”{NBSP}(p.{NBSP}14)"
    entry = [("Challenges addressed: ", face), (first, face, Look(link="entry-10")),
             ("; ", face), (f"C-33 “Help is arranged case by case…”{NBSP}(p.{NBSP}13)", face, Look(link="entry-33"))]
    # The line just wide enough for everything up to the page mark, not for the semicolon after it.
    width = stringWidth("Challenges addressed: " + first, face, SIZE) + 1
    lines = _lines(entry, width)
    assert not any(line.startswith(";") for line in lines), lines
    assert any(f"(p.{NBSP}14);" in line for line in lines), lines  # the glued word moved whole


def test_words_in_one_run_still_break_at_their_spaces_and_keep_their_widths():
    face = report_font().regular
    words = "one two three four five six seven eight nine ten"
    width = stringWidth("one two three four", face, SIZE) + 1
    lines = _lines([(words, face)], width)
    assert " ".join(lines).split() == words.split()
    assert all(stringWidth(line, face, SIZE) <= width for line in lines), lines
    assert lines[0] == "one two three four"


def test_a_word_wider_than_the_line_is_cut_by_characters():
    face = report_font().regular
    long_word = "x" * 60
    width = stringWidth("x" * 20, face, SIZE) + 0.5
    lines = _lines([("a ", face), (long_word, face, Look(link="somewhere"))], width)
    assert "".join(lines).replace(" ", "") == "a" + long_word
    assert all(stringWidth(line, face, SIZE) <= width + 0.01 for line in lines), lines


def _paragraph_lines(markup: str, width: float) -> list[str]:
    from reportlab.platypus import Paragraph

    from reports.styles import report_styles

    block = Paragraph(markup, report_styles().comment)
    block.wrap(width, 10_000)
    return [" ".join(word for word in line.words if isinstance(word, str)) if hasattr(line, "words")
            else " ".join(line[1]) for line in block.blPara.lines]


def test_a_plenary_credit_is_never_parted_from_its_dash_nor_a_short_name_broken():
    """"recibió. —" over "Honduras" and "— Rachel" over "Kim (MPI)" in the demo's minutes (session 12's
    reading): the dash is tied to the credit and a short credit kept whole, at every width."""
    from reports.items import attribution

    for credit in ("Honduras", "Rachel Kim (MPI)"):
        markup = "•  Que se cuente a quienes retornan con el apoyo que ya recibió la comunidad. " + attribution(credit)
        for width in range(120, 420, 3):
            lines = _paragraph_lines(markup, width)
            assert not any(line.rstrip().endswith("—") for line in lines), (width, lines)
            assert any(credit.replace(" ", "\u00a0") in line.replace(" ", "\u00a0") and "—" in line
                       for line in lines), (width, lines)


def test_a_word_of_several_runs_wider_than_the_line_stays_inside_it():
    """A word now spans runs (above): its later parts are cut with the room its earlier ones left, and a part
    of which not one character fits there goes to the next line instead of past the edge (a cell's border, the
    next column), with no empty line left behind."""
    face = report_font().regular
    for width in range(20, 200, 3):
        for entry in ([("x" * 60, face, Look(link="far")), (";", face)],
                      [("a" * 7, face), ("b" * 9, face, Look(link="b")), ("c" * 11, face)]):
            block = PlainLines([entry], SIZE, 10)
            block.wrap(width, 1000)
            assert all(line for line in block._lines), (width, block._lines)
            for line in block._lines:
                for x, text, _face, _look, w in line:
                    assert text, (width, line)
                    assert x + w <= width + 0.01, (width, line)
            drawn = "".join(piece[1] for line in block._lines for piece in line)
            assert drawn == "".join(run[0] for run in entry), (width, drawn)
