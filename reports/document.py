"""The page frame shared by the roadmap and the minutes: draft marking, page numbers, outline and contents.

The table of contents is built in ONE pass instead of `multiBuild`: layout is most of the cost (measured: about
60 % wrapping, 30 % drawing), and multiBuild lays the whole document out at least twice. Since we know every
heading before the build, the contents pages can be laid out up front; only the page numbers are unknown, so
each is drawn as a reference to a PDF form XObject that is defined after the last page, when the numbers are
known (ReportLab allows forms to be referenced before they are defined). "Page N of M" uses the same trick.

The page of an item's entry, quoted in the text ("R-16 «…» (pág. 12)"), cannot be a form: it sits inside a line
of running text whose width it changes. Instead the document records, as each entry is drawn, the page it
landed on (`afterFlowable`, flowables carrying an `item_id`, or `item_ids` for a table whose rows are entries),
and a paragraph that quotes pages makes its markup only when it is first laid out (`LateMarkup`): by then every
entry printed before it has its page. A quote of an entry printed after it (none in the roadmap's order) needs a
second build, which `roadmap.build_roadmap` runs only then.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass
from io import BytesIO

from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, KeepTogether, PageTemplate, Paragraph
from reportlab.platypus.flowables import _listWrapOn

from reports.fonts import report_font
from reports.lines import measure_once
from reports.styles import DRAFT, MUTED, RULE, report_styles
from reports.text import logical, para, plain

# ReportLab keeps process-wide state (registered fonts' per-document subsets, rl_config): builds run in
# worker threads (asyncio.to_thread), so two requests at once must not interleave.
BUILD_LOCK = threading.Lock()

MARGIN = 20 * mm
TOP_MARGIN = MARGIN + 4 * mm
FRAME_PADDING = 6  # ReportLab's `Frame` default, on each side
# The height a page has for the story: what fits on no page must be cut (a table's row taller than this).
FRAME_HEIGHT = A4[1] - TOP_MARGIN - MARGIN - 2 * FRAME_PADDING
TOC_LEADING = 15
TOC_INDENT = 14


@dataclass(frozen=True)
class PageDecor:
    """What every page shows: the running header (`title`, the document's name, on the left; `aside` on the
    right, e.g. the adoption date), `notice` under it in red for drafts, `watermark` across the page (drafts
    only), and the footer (`footer` on the left, the page number on the right)."""

    footer: str
    page_label: str
    notice: str
    watermark: str | None
    title: str = ""
    aside: str = ""


class Heading(Paragraph):
    """A heading that becomes a PDF bookmark, an outline entry and, if `in_toc`, a contents line. `title` is
    the text in typing order (the outline shows it as is; the contents line draws it with `plain`)."""

    def __init__(self, text: str, style, *, key: str, level: int, in_toc: bool = True):
        self.title = logical(text, 160)
        super().__init__(para(text, 160), style)
        self.key = key
        self.outline_level = level
        self.in_toc = in_toc


class Contents(Flowable):
    """The contents lines; splits across pages like text. Page numbers are forms defined after the build."""

    def __init__(self, entries: list[tuple[int, str, str]]):
        super().__init__()
        self.entries = entries

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        return availWidth, len(self.entries) * TOC_LEADING

    def split(self, availWidth, availHeight):
        fits = int(availHeight // TOC_LEADING)
        if fits <= 0 or fits >= len(self.entries):
            return [] if fits <= 0 else [self]
        return [Contents(self.entries[:fits]), Contents(self.entries[fits:])]

    def draw(self):
        canv, font = self.canv, report_font()
        height = len(self.entries) * TOC_LEADING
        for n, (level, title, key) in enumerate(self.entries):
            y = height - (n + 1) * TOC_LEADING + 4
            x = level * TOC_INDENT
            face, size = (font.bold, 10) if level == 0 else (font.regular, 9.5)
            room = self.width - x - 40
            title = _fit(plain(title), face, size, room)
            canv.setFont(face, size)
            canv.setFillColor(MUTED if level else "black")
            canv.drawString(x, y, title)
            start = x + stringWidth(title, face, size) + 4
            if start < self.width - 30:
                canv.saveState()
                canv.setStrokeColor(RULE)
                canv.setDash(1, 2)
                canv.line(start, y, self.width - 28, y)
                canv.restoreState()
            canv.saveState()
            canv.translate(self.width, y)
            canv.doForm(_page_form(key))
            canv.restoreState()
            canv.linkRect("", key, (x, y - 3, self.width, y + TOC_LEADING - 5), relative=1)


class LateMarkup:
    """A paragraph mixin (put it first in the bases) whose markup is made by `make()` when the paragraph is
    first laid out rather than when the story is written, so that it can print facts only the layout knows,
    such as the page an earlier entry landed on. Parts split off it are ordinary paragraphs of its class."""

    def __init__(self, text, style, *args, make=None, **kwargs):
        self._make = make
        super().__init__("" if make is not None else text, style, *args, **kwargs)

    def wrap(self, availWidth, availHeight):
        if self._make is not None:
            make, self._make = self._make, None
            super().__init__(make(), self.style)
        return super().wrap(availWidth, availHeight)


class LateParagraph(LateMarkup, Paragraph):
    """A plain paragraph (a table cell, say) whose markup is made when first laid out (`LateMarkup`)."""


class Destinations(Flowable):
    """Named destinations with no entry of their own, set where this flowable lands (the end of the document):
    a link whose target was not drawn then leads somewhere instead of failing the whole build."""

    def __init__(self, keys: list[str]):
        super().__init__()
        self.keys = keys

    def wrap(self, availWidth, availHeight):
        return 0, 0

    def draw(self):
        for key in self.keys:
            self.canv.bookmarkHorizontal(key, 0, 0)


def _fit(text: str, face: str, size: float, room: float) -> str:
    """`text` shortened to `room` at a space (a single word too long for the room is cut where it must)."""
    if stringWidth(text, face, size) <= room:
        return text
    full = text
    while text and stringWidth(text + "…", face, size) > room:
        text = text[:-1]
    space = text.rfind(" ")
    if space > 0 and full[len(text):len(text) + 1] not in ("", " "):  # cut inside a word: drop it whole
        text = text[:space]
    return text.rstrip(" ,;:·–-") + "…"


def _page_form(key: str) -> str:
    return f"pg_{key}"


class KeepWithStart(KeepTogether):
    """What ReportLab groups behind a heading (`keepWithNext`): the heading and the start of what follows, not
    all of it. ReportLab's own group moves to a new page whenever the whole group is taller than the room left,
    so a heading over a long table or text left the rest of the page empty; here the last piece is split to
    the room left under the headings when it can be (a piece that cannot split moves, headings with it)."""

    def split(self, aW, aH):
        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        if aH < self._H and len(self._content) > 1:
            *lead, last = self._content
            _, used = _listWrapOn(lead, aW, None)
            # The frame leaves the last heading's space after it, or the piece's space before, whichever is more
            # (`_listWrapOn` counts neither).
            room = aH - used - max(last.getSpaceBefore(), lead[-1].getSpaceAfter())
            if room > 0:
                last.wrapOn(None, aW, room)
                parts = last.split(aW, room)
                if len(parts) > 1:
                    return [*lead, *parts]
        return super().split(aW, aH)


class KeepShort(KeepTogether):
    """A short block kept on one page (moved whole to the next when it does not fit), a long one left to flow:
    a vulnerable group's heading, its challenges and its adopted actions read as one (issue 12, third reading,
    point 15: "Acciones adoptadas" and its one action alone at the top of the next page)."""

    def __init__(self, flowables, whole: float):
        super().__init__(flowables)
        self.whole = whole

    def split(self, aW, aH):
        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        if self.whole < self._H:  # too tall to keep: it flows
            return list(self._content)
        return super().split(aW, aH)


class ReportDoc(BaseDocTemplate):
    """A4 pages with the decor of `PageDecor`; records on which page each heading landed."""

    def __init__(self, buffer: BytesIO, decor: PageDecor, item_pages: dict[int, int] | None = None, **metadata):
        # The canvas's own initial font is embedded too (ReportLab's default, Helvetica, is a base-14 font that
        # is referenced on every page but never embedded).
        super().__init__(buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=TOP_MARGIN,
                         bottomMargin=MARGIN, creator="workshop-bot reports",
                         initialFontName=report_font().regular, keepTogetherClass=KeepWithStart,
                         **metadata)
        self.decor = decor
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body")
        self.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=self._decorate)])
        self.page_of: dict[str, int] = {}
        # The page each item's entry starts on, filled as the entries are drawn (the caller's dict, read by
        # the paragraphs that quote pages while the build runs).
        self.item_page: dict[int, int] = {} if item_pages is None else item_pages

    def handle_keepWithNext(self, flowables):
        """Headings (`keepWithNext`) over a block kept on one page (`KeepTogether`) join that
        block: ReportLab groups nothing with a container, so a heading over one that did not fit in the room
        left stayed alone at the page's foot ("Plenary feedback" over its first recommendation's comments, in
        a demo's minutes, session 11's reading)."""
        run = 0
        while run < len(flowables) and flowables[run].getKeepWithNext() and not isinstance(flowables[run],
                                                                                          KeepTogether):
            run += 1
        following = flowables[run] if 0 < run < len(flowables) else None
        if following is not None and type(following) is KeepTogether:  # `KeepShort` measures its own whole
            for heading in flowables[:run]:
                heading.__dict__["keepWithNext"] = 0  # grouped now: the block's split must not group it again
            following._content[:0] = flowables[:run]
            del flowables[:run]
            return
        super().handle_keepWithNext(flowables)

    def afterFlowable(self, flowable):
        item_id = getattr(flowable, "item_id", None)
        if item_id is not None:
            self.item_page.setdefault(item_id, self.canv.getPageNumber())
        elif isinstance(flowable, Heading):
            canv = self.canv
            canv.bookmarkPage(flowable.key)
            canv.addOutlineEntry(flowable.title, flowable.key, level=flowable.outline_level,
                                 closed=flowable.outline_level > 0)
            self.page_of[flowable.key] = canv.getPageNumber()
        for item_id in getattr(flowable, "item_ids", ()):  # a table whose rows are entries (`lines.RowMark`)
            self.item_page.setdefault(item_id, self.canv.getPageNumber())

    def _decorate(self, canv, doc):
        font, decor = report_font(), self.decor
        width, height = self.pagesize
        canv.saveState()
        if decor.watermark:
            canv.saveState()
            canv.setFillColor(DRAFT, alpha=0.07)
            canv.translate(width / 2, height / 2)
            canv.rotate(50)
            canv.setFont(font.bold, 96)
            canv.drawCentredString(0, -30, decor.watermark)
            canv.restoreState()
        top = height - 12 * mm
        canv.setFont(font.regular, 8)
        canv.setFillColor(MUTED)
        aside = decor.aside
        aside_width = stringWidth(aside, font.regular, 8) if aside else 0
        if decor.title:
            room = width - 2 * MARGIN - aside_width - (12 if aside else 0)
            canv.drawString(MARGIN, top, _fit(decor.title, font.regular, 8, room))
        if aside:
            canv.drawRightString(width - MARGIN, top, aside)
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        canv.line(MARGIN, top - 3, width - MARGIN, top - 3)
        if decor.notice:
            canv.setFont(font.bold, 8)
            canv.setFillColor(DRAFT)
            canv.drawCentredString(width / 2, top - 12, _fit(decor.notice, font.bold, 8, width - 2 * MARGIN))
        canv.setFont(font.regular, 8)
        canv.setFillColor(MUTED)
        canv.drawString(MARGIN, 11 * mm, _fit(decor.footer, font.regular, 8, width / 2))
        right = width - MARGIN - 14
        canv.drawRightString(right, 11 * mm, decor.page_label.format(page=canv.getPageNumber()) + " ")
        canv.translate(right, 11 * mm)
        canv.doForm("pages_total")
        canv.restoreState()

    def build_pdf(self, story: list[Flowable], toc_keys: Iterable[str]) -> None:
        """One layout pass, then the forms with the page numbers, then save (`_doSave` is the switch
        multiBuild itself uses to keep `build` from saving)."""
        self._doSave = 0
        self.build(story)
        canv, font = self.canv, report_font()
        self._number_form("pages_total", str(canv.getPageNumber() - 1), font.regular, 8, left=True)
        for key in toc_keys:
            self._number_form(_page_form(key), str(self.page_of.get(key, "")), font.regular, 9.5)
        canv.showOutline()
        canv.save()

    def _number_form(self, name: str, text: str, face: str, size: float, left: bool = False) -> None:
        canv = self.canv
        canv.beginForm(name, lowerx=-60, lowery=-5, upperx=60, uppery=20)
        canv.setFont(face, size)
        canv.setFillColor(MUTED if left else "black")
        (canv.drawString if left else canv.drawRightString)(0, 0, text)
        canv.endForm()


def render(story: list[Flowable], decor: PageDecor, toc_keys: Iterable[str],
           item_pages: dict[int, int] | None = None, **metadata) -> bytes:
    """Build `story` into PDF bytes; `metadata` goes to the document info (title, author, subject, lang...);
    `item_pages`, if given, is filled with the page each item's entry starts on, as the build goes."""
    buffer = BytesIO()
    report_styles()  # registers the fonts before any flowable asks for them
    font = report_font()
    measure_once((font.regular, font.bold, font.italic, font.bold_italic))
    with BUILD_LOCK:
        # Page streams compressed but not ASCII85-wrapped: text-safe output is not needed, and without the C
        # accelerator the encoding alone took a twentieth of a large roadmap's build.
        a85, rl_config.useA85 = rl_config.useA85, 0
        try:
            doc = ReportDoc(buffer, decor, item_pages, **metadata)
            doc.build_pdf(story, list(toc_keys))
        finally:
            rl_config.useA85 = a85
    return buffer.getvalue()
