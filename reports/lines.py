"""Plain-text lines for long registers (the annex of all contributions, the lists of actions under way).

A Paragraph per register line costs a markup parse, a frame placement, a per-word line breaker and a draw: for
thousands of one-line entries that was a third of the roadmap's build time. These entries are plain text with at
most a bold reference, so this flowable lays them out itself: greedy breaking at spaces, measured once per word,
a word wider than the line cut by characters, and one `drawString` per run. No markup is parsed, so nothing
needs escaping; characters the font lacks are replaced by `reports.text.plain` before they get here.
"""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from reports.styles import INK

Run = tuple[str, str]  # (text, font face)
Line = list[tuple[float, str, str]]  # [(x, text, face)]


class PlainLines(Flowable):
    """Entries of runs, each entry starting on a new line; splits across pages between lines."""

    def __init__(self, entries: list[list[Run]], size: float, leading: float, indent: float = 0,
                 bullet: str | None = None, face: str | None = None, _lines: list[Line] | None = None,
                 _width: float | None = None):
        super().__init__()
        self.entries, self.size, self.leading, self.indent = entries, size, leading, indent
        self.bullet, self.face = bullet, face
        self._lines, self._width = _lines, _width

    def wrap(self, availWidth, availHeight):
        if self._lines is None or self._width != availWidth:
            self._lines, self._width = self._layout(availWidth), availWidth
        self.width = availWidth
        self.height = len(self._lines) * self.leading
        return availWidth, self.height

    def split(self, availWidth, availHeight):
        self.wrap(availWidth, availHeight)
        fits = int(availHeight // self.leading)
        if fits <= 0:
            return []
        if fits >= len(self._lines):
            return [self]
        return [self._with(self._lines[:fits]), self._with(self._lines[fits:])]

    def _with(self, lines: list[Line]) -> PlainLines:
        return PlainLines([], self.size, self.leading, self.indent, self.bullet, self.face, lines, self._width)

    def draw(self):
        canv, size = self.canv, self.size
        canv.setFillColor(INK)
        top = self.height - self.size
        face_now = None
        for n, line in enumerate(self._lines):
            y = top - n * self.leading
            for x, text, face in line:
                if face != face_now:
                    canv.setFont(face, size)
                    face_now = face
                canv.drawString(x, y, text)

    def _layout(self, width: float) -> list[Line]:
        """Greedy: words (runs split at spaces) fill a line; consecutive words in one face become one run."""
        lines: list[Line] = []
        start, size = self.indent, self.size
        for entry in self.entries:
            current: Line = []
            lines.append(current)
            if self.bullet and self.face:
                current.append((max(0.0, start - 2 * size), self.bullet, self.face))
            x = start
            for text, face in entry:
                space = stringWidth(" ", face, size)
                for k, word in enumerate(text.split(" ")):
                    gap = space if k and x > start else 0.0
                    if not word:
                        x += gap
                        continue
                    w = stringWidth(word, face, size)
                    if x + gap + w > width and x > start:
                        current, x, gap = [], start, 0.0
                        lines.append(current)
                    while w > width - x:  # a word wider than the line: cut it by characters
                        head = _cut(word, face, size, width - x)
                        current.append((x, head, face))
                        word = word[len(head):]
                        w = stringWidth(word, face, size)
                        current, x, gap = [], start, 0.0
                        lines.append(current)
                    last = current[-1] if current else None
                    if last is not None and last[2] == face and last[1] != self.bullet:
                        current[-1] = (last[0], last[1] + (" " if gap else "") + word, face)
                    else:
                        current.append((x + gap, word, face))
                    x += gap + w
        return [line for line in lines if line]


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
