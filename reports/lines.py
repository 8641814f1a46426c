"""Plain-text lines for long registers and tables (the annex of all contributions, the lists of actions under
way, the roadmap table of adopted actions).

A Paragraph per register line costs a markup parse, a frame placement, a per-word line breaker and a draw: for
thousands of one-line entries that was a third of the roadmap's build time. These entries are plain text with at
most a bold reference, so this flowable lays them out itself: greedy breaking at spaces, measured once per word,
a word wider than the line cut by characters, and one `drawString` per run. No markup is parsed, so nothing
needs escaping; characters the font lacks are replaced by `reports.text.plain` before they get here. A run may
carry a `Look` (smaller, grey, a link to a named destination): what the roadmap table's action cells need.

`Grid` is a table of such cells for the long tables (the roadmap's, hundreds of rows per level): ReportLab's
`Table` measures every remaining row again at each page it splits the table at, and wrapping its cells as
Paragraphs made the roadmap's build twice as slow; here each row is measured once and a split is a slice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from reportlab.lib.colors import Color
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Table

from reports.styles import INK

WIDTHS_KEPT = 1 << 16  # measured strings kept per font (words and short runs: a few MB at most)


def measure_once(faces: Iterable[str]) -> None:
    """Remember the width of every string measured in these registered fonts. Without ReportLab's C
    accelerator a width is a Python sum over the string's characters, and a roadmap's layout measures the
    same words again and again (every paragraph's line breaker, every plain line): measured on 5,000 items,
    a quarter of the build. A width depends only on the string and the size, so the answers are the same."""
    for face in faces:
        font = pdfmetrics.getFont(face)
        if not getattr(font, "_widths_kept", False):
            font.stringWidth = lru_cache(maxsize=WIDTHS_KEPT)(font.stringWidth)
            font._widths_kept = True


# Lines a split block keeps on each side of a page break (no widow, no orphan).
KEPT_LINES = 2

@dataclass(frozen=True)
class Look:
    """How a run differs from its lines' own type: its size, its colour, and the named destination (in this
    document) it links to."""

    size: float | None = None
    colour: Color | str | None = None
    link: str | None = None


Run = tuple[str, str] | tuple[str, str, Look | None]  # (text, font face[, look])
Piece = tuple[float, str, str, Look | None, float]  # (x, text, face, look, width)
Line = list[Piece]


class PlainLines(Flowable):
    """Entries of runs, each entry starting on a new line; splits across pages between lines. With `make`,
    the entries are made when first laid out (they may quote the pages of entries printed before)."""

    def __init__(self, entries: list[list[Run]], size: float, leading: float, indent: float = 0,
                 bullet: str | None = None, face: str | None = None, _lines: list[Line] | None = None,
                 _width: float | None = None, make: Callable[[], list[list[Run]]] | None = None,
                 left: float = 0):
        super().__init__()
        self.entries, self.size, self.leading, self.indent = entries, size, leading, indent
        self.bullet, self.face, self.left = bullet, face, left  # `left`: the whole block, bullets and all, moved in
        self._lines, self._width, self._make = _lines, _width, make

    def wrap(self, availWidth, availHeight):
        if self._make is not None:
            make, self._make = self._make, None
            self.entries = make()
        if self._lines is None or self._width != availWidth:
            self._lines, self._width = self._layout(availWidth), availWidth
        self.width = availWidth
        self.height = len(self._lines) * self.leading
        return availWidth, self.height

    def split(self, availWidth, availHeight):
        """Between lines, never leaving one line alone at the foot of a page or at the top of the next
        (`KEPT_LINES` each side: ES p.18 opened with the lone "Alimentos (PMA) · Individual", issue 12, second
        reading, point 18); a block too short for that moves whole."""
        self.wrap(availWidth, availHeight)
        fits = int(availHeight // self.leading)
        if fits >= len(self._lines):
            return [self] if fits > 0 else []
        fits = min(fits, len(self._lines) - KEPT_LINES)
        if fits < KEPT_LINES:
            return []
        return [self._with(self._lines[:fits]), self._with(self._lines[fits:])]

    def _with(self, lines: list[Line]) -> PlainLines:
        return PlainLines([], self.size, self.leading, self.indent, self.bullet, self.face, lines, self._width,
                          left=self.left)

    def draw(self):
        canv, size = self.canv, self.size
        canv.setFillColor(INK)
        top = self.height - self.size
        face_now, size_now, colour_now = None, None, INK
        for n, line in enumerate(self._lines):
            y = top - n * self.leading
            for x, text, face, look, width in line:
                run_size = look.size or size if look else size
                colour = look.colour or INK if look else INK
                if face != face_now or run_size != size_now:
                    canv.setFont(face, run_size)
                    face_now, size_now = face, run_size
                if colour != colour_now:
                    canv.setFillColor(colour)
                    colour_now = colour
                canv.drawString(x, y, text)
                if look and look.link:
                    canv.linkRect("", look.link, (x, y - 0.25 * run_size, x + width, y + run_size), relative=1,
                                  thickness=0)

    def _layout(self, width: float) -> list[Line]:
        """Greedy: words fill a line; consecutive words in one face and look become one piece. A word is what
        lies between spaces, across runs: "(p. 14)" in a link's look and the "; C-33" after it in the cell's
        own make "(p.\u00a014);" one word, so the line never starts with the semicolon (the English roadmap's
        Rec-83, session 12's reading)."""
        lines: list[Line] = []
        start = self.left + self.indent
        for entry in self.entries:
            current: Line = []
            lines.append(current)
            if self.bullet and self.face:
                current.append((self.left + max(0.0, self.indent - 2 * self.size), self.bullet, self.face, None, 0.0))
            x = start
            for gap, parts, w in _words(entry, self.size):
                gap = gap if x > start else 0.0
                if x + gap + w > width and x > start:
                    current, x, gap = [], start, 0.0
                    lines.append(current)
                for word, face, look, size, pw in parts:
                    while pw > width - x:  # a word wider than the line: cut it by characters
                        if x > start and stringWidth(word[:1], face, size) > width - x:
                            head = ""  # not one character of this part fits after the word's earlier parts
                        else:
                            head = _cut(word, face, size, width - x)
                            current.append((x + gap, head, face, look, stringWidth(head, face, size)))
                        word = word[len(head):]
                        pw = stringWidth(word, face, size)
                        current, x, gap = [], start, 0.0
                        lines.append(current)
                    if not word:
                        continue
                    last = current[-1] if current else None
                    if last is not None and last[2] == face and last[3] == look and last[1] != self.bullet:
                        current[-1] = (last[0], last[1] + (" " if gap else "") + word, face, look,
                                       x + gap + pw - last[0])
                    else:
                        current.append((x + gap, word, face, look, pw))
                    x += gap + pw
                    gap = 0.0  # the rest of the word follows on without a space
        return [line for line in lines if line]


WordPart = tuple[str, str, Look | None, float, float]  # (text, face, look, size, width)


def _words(entry: list[Run], size: float) -> list[tuple[float, list[WordPart], float]]:
    """An entry's words as (the space before it, its parts in each run it spans, its width)."""
    words: list[tuple[float, list[WordPart], float]] = []
    gap, spaced = 0.0, True
    for run in entry:
        text, face = run[0], run[1]
        look = run[2] if len(run) > 2 else None
        run_size = look.size or size if look else size
        space = stringWidth(" ", face, run_size)
        for k, part in enumerate(text.split(" ")):
            if k:
                gap, spaced = (gap + space if spaced else space), True
            if not part:
                continue
            w = stringWidth(part, face, run_size)
            if spaced or not words:
                words.append((gap if words else 0.0, [(part, face, look, run_size, w)], w))
                gap, spaced = 0.0, False
            else:
                before, parts, width = words[-1]
                parts.append((part, face, look, run_size, w))
                words[-1] = (before, parts, width + w)
    return words


def _cut(word: str, face: str, size: float, room: float) -> str:
    """The longest head of `word` that fits `room` (at least one character, so the layout always advances)."""
    low, high = 1, len(word)
    while low < high:
        middle = (low + high + 1) // 2
        if stringWidth(word[:middle], face, size) <= room:
            low = middle
        else:
            high = middle - 1
    return word[:low]


@dataclass(frozen=True)
class GridStyle:
    """A grid's rules and spacing: every cell padded by `padding` (`bottom` below), ruled all round."""

    padding: float
    bottom: float
    rule: Color
    rule_width: float
    head_fill: Color


# The fewest body rows a table begins with at a page foot (issue 12, third reading, point 14: "Apoyo por
# sector" began with its header and one row, its 22 others on the next page); fewer, and it moves on whole,
# unless the rows that fit fill `FIRST_ROOM` (one or two long rows of the roadmap table are a start: moving
# them would leave half a page blank).
FIRST_ROWS = 3
FIRST_ROOM = 150
# Taller than this, a table's first rows could fit on no page below a heading: it splits where it is.
MOVABLE = 500
# The fewest body rows a table ends with on the page it runs onto (the summary's priority table left its tied
# tenth place alone under the repeated header: session 8).
LAST_ROWS = 2


class HeadedTable(Table):
    """A ReportLab table whose header rows (`repeatRows`) repeat on every page and that never begins at a page
    foot with fewer than `FIRST_ROWS` rows under them: it moves to the next page instead (unless those rows
    could fit on no page); nor leaves fewer than `LAST_ROWS` for the next page."""

    def split(self, availWidth, availHeight):
        self._calc(availWidth, availHeight)
        head = self.repeatRows if isinstance(self.repeatRows, int) else len(self.repeatRows)
        first = head + min(FIRST_ROWS, len(self._rowHeights) - head)
        needed = sum(self._rowHeights[:first])
        used, top = 0.0, sum(self._rowHeights[:head])
        for height in self._rowHeights[head:first]:  # the height of the body rows that fit here
            if top + used + height > availHeight:
                break
            used += height
        if availHeight < needed < MOVABLE and used < FIRST_ROOM and len(self._rowHeights) > first:
            return []
        parts = super().split(availWidth, availHeight)
        if len(parts) == 2:  # nor a last row alone under the repeated header on the next page: one more goes
            kept, rest = (len(part._cellvalues) - head for part in parts)
            if 0 < rest < LAST_ROWS and kept - (LAST_ROWS - rest) >= FIRST_ROWS:
                parts = super().split(availWidth, sum(self._rowHeights[:head + kept - (LAST_ROWS - rest)]))
        return parts


@dataclass(frozen=True)
class RowMark:
    """What a grid's row is the entry of: the item whose page the document records where the row lands
    (`document.ReportDoc.afterFlowable`, as for an entry of its own), and the named destination set at the row's
    top, for links to it."""

    item_id: int | None = None
    destination: str | None = None


class Grid(Flowable):
    """A table of `PlainLines` cells with fixed column widths, top-aligned, ruled all round, whose header row
    repeats on every page it runs onto. Rows are measured once (`_heights`, handed on to the parts of a
    split). A row is never cut across two pages unless it is taller than `whole` (a page's frame) less the
    header: it would fit on no page. Then it is cut between lines and its first cell (the
    row's label) printed again on the part that continues it. A row cut in two read as two rows, the second
    one a reference and an actors line with no action (issue 12's reading, finding 23). Nor does it begin at a
    page foot with fewer than `FIRST_ROWS` short rows (`FIRST_ROOM`): it moves on, its header with it."""

    def __init__(self, head: list[PlainLines], rows: list[list[PlainLines]], widths: list[float],
                 style: GridStyle, whole: float, _heights: list[float] | None = None,
                 marks: list[RowMark | None] | None = None):
        super().__init__()
        self.head, self.rows, self.widths, self.style, self.whole = head, rows, list(widths), style, whole
        self._heights = _heights
        self.marks: list[RowMark | None] = list(marks) if marks is not None else [None] * len(rows)
        # Read by the document once this part is drawn: the page each of its rows' items landed on.
        self.item_ids = [mark.item_id for mark in self.marks if mark is not None and mark.item_id is not None]
        self._head_height: float | None = None

    def _row_height(self, row: list[PlainLines]) -> float:
        s = self.style
        tallest = max(cell.wrap(w - 2 * s.padding, 1e6)[1] for cell, w in zip(row, self.widths, strict=True))
        return tallest + s.padding + s.bottom

    def wrap(self, availWidth, availHeight):
        if self._head_height is None:
            self._head_height = self._row_height(self.head)
        if self._heights is None:
            self._heights = [self._row_height(row) for row in self.rows]
        self.width = sum(self.widths)
        self.height = self._head_height + sum(self._heights)
        return self.width, self.height

    def split(self, availWidth, availHeight):
        self.wrap(availWidth, availHeight)
        room = availHeight - self._head_height
        heights, used, fits = self._heights, 0.0, 0
        while fits < len(heights) and used + heights[fits] <= room:
            used += heights[fits]
            fits += 1
        if fits == len(heights):
            return [self]
        if fits < min(FIRST_ROWS, len(heights)) and used < FIRST_ROOM and room < self.whole - self._head_height - 1:
            return []  # not a table's start with one or two short rows at a page foot: it moves on, header and all
        cut = self._cut_row(self.rows[fits], room - used) if heights[fits] > self.whole - self._head_height else None
        marks = self.marks
        if cut is not None:  # the row's continuation is no new entry: it marks nothing
            return [self._part([*self.rows[:fits], cut[0]], [*heights[:fits], self._row_height(cut[0])],
                               marks[:fits + 1]),
                    self._part([cut[1], *self.rows[fits + 1:]], [self._row_height(cut[1]), *heights[fits + 1:]],
                               [None, *marks[fits + 1:]])]
        if fits:
            return [self._part(self.rows[:fits], heights[:fits], marks[:fits]),
                    self._part(self.rows[fits:], heights[fits:], marks[fits:])]
        return []

    def _part(self, rows: list[list[PlainLines]], heights: list[float] | None,
              marks: list[RowMark | None]) -> Grid:
        part = Grid(self.head, rows, self.widths, self.style, self.whole, heights, marks)
        part._head_height = self._head_height
        return part

    def _cut_row(self, row: list[PlainLines], room: float) -> tuple[list[PlainLines], list[PlainLines]] | None:
        """The row's lines that fit `room`, and the rest (a cell that ends in the first part is empty in the
        second); None if not one line fits."""
        s = self.style
        first, rest = [], []
        for cell, w in zip(row, self.widths, strict=True):
            parts = cell.split(w - 2 * s.padding, room - s.padding - s.bottom)
            if len(parts) == 2:
                first.append(parts[0])
                rest.append(parts[1])
            else:
                first.append(parts[0] if parts else cell._with([]))
                rest.append(cell._with([]) if parts else cell)
        if not any(cell._lines for cell in first):
            return None
        if first and first[0]._lines and not rest[0]._lines:  # the row's label (its reference) again
            rest[0] = first[0]._with(first[0]._lines)
        return first, rest

    def draw(self):
        canv, s = self.canv, self.style
        total = sum(self.widths)
        canv.saveState()
        canv.setFillColor(s.head_fill)
        canv.rect(0, self.height - self._head_height, total, self._head_height, stroke=0, fill=1)
        y = self.height
        bounds = [y]
        marks = [None, *self.marks]
        for n, (row, height) in enumerate(((self.head, self._head_height),
                                           *zip(self.rows, self._heights, strict=True))):
            if marks[n] is not None and marks[n].destination:
                canv.bookmarkHorizontal(marks[n].destination, 0, y)
            x = 0.0
            for cell, w in zip(row, self.widths, strict=True):
                if cell._lines:
                    cell.wrap(w - 2 * s.padding, height)
                    cell.drawOn(canv, x + s.padding, y - s.padding - cell.height)
                x += w
            y -= height
            bounds.append(y)
        canv.setStrokeColor(s.rule)
        canv.setLineWidth(s.rule_width)
        path = canv.beginPath()
        for at in bounds:
            path.moveTo(0, at)
            path.lineTo(total, at)
        x = 0.0
        for w in [0.0, *self.widths]:
            x += w
            path.moveTo(x, 0)
            path.lineTo(x, self.height)
        canv.drawPath(path, stroke=1, fill=0)
        canv.restoreState()
