"""Participants' text made safe for ReportLab paragraphs.

Paragraph text is markup: "<script>" raises, "AT&T" is mangled and "<font size=40>" is obeyed. Every string
that did not come from our own templates goes through `para()`: control characters dropped, characters the
report font cannot draw replaced by a visible placeholder (runs of them by one), then XML-escaped with line
breaks kept. Long unbroken strings are left to the styles' `splitLongWords` (on by default), which breaks a
word wider than the line at character boundaries.
"""

from __future__ import annotations

import re
import unicodedata
from xml.sax.saxutils import escape

from reports.fonts import report_font

# A field longer than this is shortened in the PDF (the exports keep it whole): a guard against a pathological
# paragraph filling hundreds of pages, far above anything a participant types in a chat.
MAX_FIELD_CHARS = 20_000
PLACEHOLDER = "\ufffd"  # the replacement character, drawn by DejaVu; "?" where the font lacks it
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_NEWLINES = re.compile(r"\r\n?|[\x0b\x0c\x85\u2028\u2029]")


class TextCleaner:
    """Replaces what the font cannot draw; keeps a cache of characters already judged, since items repeat them."""

    def __init__(self, coverage: frozenset[int]):
        self.coverage = coverage
        self.placeholder = PLACEHOLDER if ord(PLACEHOLDER) in coverage else "?"
        self._bad: dict[str, bool] = {}

    def _is_bad(self, ch: str) -> bool:
        bad = self._bad.get(ch)
        if bad is None:
            # Joiners and variation selectors glue emoji together; alone they draw nothing, so drop them too.
            bad = ord(ch) not in self.coverage and ch != "\n" and unicodedata.category(ch) != "Zs"
            self._bad[ch] = bad
        return bad

    def clean(self, text: str) -> str:
        text = _NEWLINES.sub("\n", text)
        text = _CONTROLS.sub("", text).replace("\t", " ")
        if text.isascii():
            return text
        bad = [ch for ch in set(text) if self._is_bad(ch)]
        if not bad:
            return text
        pattern = "[" + "".join(re.escape(ch) for ch in bad) + "]+"
        return re.sub(pattern, self.placeholder, text)


_cleaner: TextCleaner | None = None


def cleaner() -> TextCleaner:
    global _cleaner
    if _cleaner is None:
        _cleaner = TextCleaner(report_font().coverage)
    return _cleaner


def arrow() -> str:
    """"→" for links between items, where the font has it (Vera, the fallback, does not)."""
    return "\u2192" if 0x2192 in cleaner().coverage else "->"


def plain(text: str | None, limit: int = MAX_FIELD_CHARS, suffix: str = "…") -> str:
    """Cleaned but unescaped text, for canvas strings (outline, headers, chart labels) that are not markup."""
    text = cleaner().clean(text or "")
    if len(text) > limit:
        text = text[:limit].rstrip() + suffix
    return text


def para(text: str | None, limit: int = MAX_FIELD_CHARS, suffix: str = "…") -> str:
    """Paragraph markup showing `text` exactly as typed (escaped, line breaks kept)."""
    return escape(plain(text, limit, suffix)).replace("\n", "<br/>")


def one_line(text: str | None, limit: int = 300) -> str:
    """Cleaned, unescaped, whitespace collapsed to single spaces: for plain-text runs drawn as one line."""
    return " ".join(plain(text, limit).split())


def excerpt(text: str | None, limit: int) -> str:
    """A one-line shortened view of `text` as markup (for registers where the full text is elsewhere)."""
    flat = " ".join((text or "").split())
    return para(flat, limit)
