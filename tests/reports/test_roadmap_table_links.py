"""The roadmap table's references are links: a reader clicks an action's reference and lands on its detailed
entry, or clicks a quoted challenge or good practice and lands on that entry in the mapping. Read back from the
PDF: each link annotation's rectangle, the text drawn under it, and the page and place it leads to."""

from __future__ import annotations

import re

import pytest
from pdftext import pages, reader
from sample import sample_roadmap
from test_roadmap_table import COLUMNS, PARTS, large_pdf

from reports.labels import load_labels
from reports.minutes import build_minutes
from reports.roadmap import build_roadmap

DETAIL_HEADINGS = {load_labels(language)("sections.recommendations") for language in ("es", "en")}
REF = re.compile(r"^((?:R|BP|Rec|C|G)-\d+)\b(?: [«“]([^»”]*))?")


def _chunks(page) -> list[tuple[float, float, str]]:
    """(x, y, text) of every string drawn on the page."""
    found: list[tuple[float, float, str]] = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            found.append((cm[4] + tm[4], cm[5] + tm[5], text.strip()))

    page.extract_text(visitor_text=visit)
    return found


def _heading(text: str) -> bool:
    """Whether a string drawn is (the first line of) the detailed entries' heading, in either language."""
    return len(text) > 12 and any(heading.startswith(text) for heading in DETAIL_HEADINGS)


def _links(pdf: bytes) -> list[tuple[int, str, int, float]]:
    """(page index, text under the link, target page index, target top) of every link on the table's pages,
    one per reference (a quote wrapped onto two lines has a rectangle on each: the first one counts)."""
    doc = reader(pdf)
    number = {page.indirect_reference.idnum: n for n, page in enumerate(doc.pages)}
    found = []
    for n, content in enumerate(pages(pdf)):
        if not any(header in content for header in COLUMNS.values()):
            continue
        page = doc.pages[n]
        chunks = _chunks(page)
        # The detailed entries that start on the table's last page link too, each its page mark to its row
        # (`test_each_detailed_entry_links_its_page_mark_to_its_row`): below their heading, not the table's.
        entries = min((y for _, y, text in chunks if _heading(text)), default=None)
        for annotation in page.get("/Annots", []):
            annotation = annotation.get_object()
            if annotation.get("/Subtype") != "/Link":
                continue
            x0, y0, x1, y1 = (float(v) for v in annotation["/Rect"])
            if entries is not None and y1 < entries:
                continue
            under = [text for x, y, text in chunks if x0 - 0.5 <= x <= x1 and y0 <= y <= y1]
            assert under, annotation["/Rect"]
            target, _, _, top, _ = annotation["/Dest"]
            found.append((n, under[0], number[target.idnum], float(top)))
    return found


@pytest.mark.parametrize("language", ("es", "en"))
def test_each_reference_in_the_roadmap_table_links_to_the_entry_it_names(language):
    pdf = large_pdf(language)
    found = pages(pdf)
    table_pages = [n for n, content in enumerate(found) if COLUMNS[language] in content]
    links = [(where, REF.match(text), target, top) for where, text, target, top in _links(pdf)]
    starts = [(where, m, target, top) for where, m, target, top in links if m]  # the first line of each
    _, _, rec, *_ = PARTS[language]
    rows = [m.group(1) for _, m, _, _ in starts if m.group(1).startswith(f"{rec}-")]
    quotes = [(m.group(1), m.group(2) or "", target) for _, m, target, _ in starts
              if not m.group(1).startswith(f"{rec}-")]  # a title wrapped to the next line: the reference alone
    assert len(rows) >= 40 and len(quotes) >= 60
    table = " ".join(found[n] for n in table_pages)
    detail = table.rfind(load_labels(language)("sections.recommendations"))
    if detail > table.rfind(COLUMNS[language]):  # the detailed entries start on the table's last page
        table = table[:detail]
    # Every row's reference and every quote in the table is a link, once: no row is cut across two pages
    # (a cut row repeated its reference at the top of the next page, over a cell with no action).
    assert len(rows) == len(set(re.findall(rf"\b({rec}-\d+) ", table)) & set(rows)) == len(set(rows))
    quoted_in_table = re.findall(r"\b((?:R|BP|C|G)-\d+) [«“]", table)
    assert len(quotes) == len(quoted_in_table)
    for ref, title, target in quotes:  # the quoted entry is on the page the link leads to
        assert f"{ref} {title.removesuffix('…').strip()}".strip() in found[target], (ref, target)
    for _where, m, target, top in starts:
        ref = m.group(1)
        if ref.startswith(f"{rec}-"):  # the action's detailed entry, after the table
            assert target >= table_pages[-1] and f"{ref} " in found[target], ref
        assert 0 < top <= 842  # a place on the page, not only the page


@pytest.mark.parametrize("language", ("es", "en"))
def test_each_detailed_entry_links_its_page_mark_to_its_row(language):
    """An entry of the recommendations by level gives the page of its row in the roadmap table right after
    its shortened text, and that mark is a link to the row: on the table's page, at the row's height."""
    pdf = build_roadmap(sample_roadmap(language, final=True))
    doc = reader(pdf)
    number = {page.indirect_reference.idnum: n for n, page in enumerate(doc.pages)}
    found = pages(pdf)
    L = load_labels(language)
    heading, after = L("sections.recommendations"), L("sections.set_aside")
    table_pages = [n for n, content in enumerate(found) if COLUMNS[language] in content]
    first = next(n for n in range(table_pages[-1], len(found)) if heading in found[n]
                 and (n > table_pages[-1] or found[n].rindex(heading) > found[n].rindex(COLUMNS[language])))
    marks, targets = [], []
    for n in range(first, len(found)):
        section = found[n]
        if n == first:
            section = section[section.rindex(heading):]
        if after in section:
            section = section[:section.index(after)]
        marks += [int(p) for p in re.findall(re.escape(L("roadmap.on_page", page=0)).replace("0", "([0-9]+)"),
                                             section)]
        chunks = _chunks(doc.pages[n])
        top = max((y for _, y, text in chunks if _heading(text)), default=842) if n == first else 842
        for annotation in doc.pages[n].get("/Annots", []):
            annotation = annotation.get_object()
            if annotation.get("/Subtype") == "/Link" and float(annotation["/Rect"][3]) < top:
                target, _, _, y, _ = annotation["/Dest"]
                targets.append((number[target.idnum], float(y)))
        if after in found[n]:
            break
    assert len(marks) >= 3 and len(targets) == len(marks)
    assert [page for page, _ in targets] == [mark - 1 for mark in marks]  # each to the page it names
    assert all(page in table_pages and 0 < y <= 842 for page, y in targets)


def test_the_table_reads_the_same_with_its_links():
    """The link rectangles sit on the references' own text: the first row's reference, then the quotes of
    what it answers, in the order the cell reads; the short cells (dimensions, scope...) carry none."""
    pdf = build_roadmap(sample_roadmap("es", final=True))
    links = _links(pdf)
    assert [text for _, text, _, _ in links[:5]] == ["Rec-40", "R-1 «Falta de certificación de",
                                                     "las habilidades adquiridas en el exterior.» (pág. 5)",
                                                     "BP-20 «Guate", "te incluye» (pág. 5)"]
    assert not any(text in ("Económica", "regional", "mediano") for _, text, _, _ in links)


def test_the_minutes_have_no_internal_links():
    """Destinations and the table's links are the roadmap's: the minutes, which quote no pages, have none."""
    pdf = build_minutes(sample_roadmap("es", final=True), "A")
    assert not any("/Dest" in annotation.get_object()
                   for page in reader(pdf).pages for annotation in page.get("/Annots", []))
