"""Participants' text made safe for ReportLab paragraphs, in whatever script it was typed.

Paragraph text is markup: "<script>" raises, "AT&T" is mangled and "<font size=40>" is obeyed. Every string
that did not come from our own templates goes through `para()`: control characters dropped, line breaks kept,
canonical composition (NFC) so that a decomposed "Nguyễn" uses the font's precomposed letters, then:

- right-to-left text (Hebrew, Arabic...) is put in display order, since ReportLab lays out left to right; Arabic
  is first shaped (joined letter forms), since ReportLab does not shape either. Both with small packages,
  `arabic-reshaper` and `python-bidi`; without them such text prints unshaped, in typing order.
- characters the report font lacks are set in a fallback font that has them (`reports.fonts.fallback_fonts`:
  CJK, emoji...), as `<font name="...">` runs around the escaped text; what no font draws becomes a visible
  placeholder (a run of such characters, one placeholder). Invisible glue that no font draws (emoji joiners,
  variation selectors, skin-tone modifiers) is dropped rather than replaced.

Text entirely within the report font, the common case, is checked with one set comparison and left alone.
`plain()` and `one_line()` give unescaped text for canvas strings, which are drawn in the report font alone:
there, characters it lacks become the placeholder, unless the caller splits the text with `runs()` and draws each
run in its own face. `logical()` is for strings viewers lay out themselves (outline, document info). Each of
these takes the text as typed: the output of one is not input for another (bidi applied twice undoes itself).

Long unbroken strings are left to the styles' `splitLongWords` (on by default), which breaks a word wider than
the line at character boundaries. A text shortened to a limit is cut at the last space before it (a word is cut
only when it alone is longer than the limit), so no word is printed half.

Names and other short runs set inside a line of our own (`para(..., inline=True)`, `plain(..., inline=True)`:
"Aporte de: ليلى حداد (ACNUR)") are reordered with a left-to-right base direction: the right-to-left name reads
right to left in its place and what follows it stays after it, instead of the whole run being mirrored as a
right-to-left paragraph would be.

Limits: bidi reordering is done per line of the text before layout, so a right-to-left passage longer than one
printed line wraps with its lines in reverse order (each line reads correctly); right-to-left paragraphs stay
left-aligned; Arabic diacritics (harakat) are dropped, as ReportLab cannot position combining marks; scripts that
need shaping other than Arabic (Devanagari, Thai...) have no font here and print as placeholders.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol
from xml.sax.saxutils import escape

import content
from reports.fonts import fallback_fonts, report_font
from reports.labels import load_labels

try:  # optional at import time: without them RTL text is still shown, only unshaped and in logical order
    from arabic_reshaper import ArabicReshaper
    from arabic_reshaper.letters import ISOLATED, LETTERS_ARABIC
    from arabic_reshaper.ligatures import LIGATURES
    from bidi import get_display
except ImportError:  # pragma: no cover - exercised only where the packages are missing
    ArabicReshaper = get_display = None
    ISOLATED, LETTERS_ARABIC, LIGATURES = 0, {}, ()

# A field longer than this is shortened in the PDF (the exports keep it whole): a guard against a pathological
# paragraph filling hundreds of pages, far above anything a participant types in a chat.
MAX_FIELD_CHARS = 20_000
PLACEHOLDER = "\ufffd"  # the replacement character, drawn by DejaVu; "?" where the font lacks it
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_NEWLINES = re.compile(r"\r\n?|[\x0b\x0c\x85\u2028\u2029]")
# Strong right-to-left letters: Hebrew, Arabic, Syriac, Thaana, NKo..., their presentation forms, and the
# historic RTL scripts of plane 1. Only text containing one is reordered.
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff\U0001e800-\U0001efff]")
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u0870-\u08ff]")
# Characters that draw nothing by themselves; where no font has them they are dropped, not replaced.
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufe00-\ufe0f\ufeff\U0001f3fb-\U0001f3ff"
                        "\U000e0000-\U000e007f\U000e0100-\U000e01ef]")

MAIN, MISSING, DROP = -1, -2, -3  # what `TextCleaner.kind` says besides the index of a fallback font


def _is_space(ch: str) -> bool:
    return ch == "\n" or unicodedata.category(ch) == "Zs"


class Fallback(Protocol):
    """What a fallback font must offer (`reports.fonts.FallbackFont`): a registered name, its code points (read
    on first use), and a cheap guess whether asking about a code point is worth reading them."""

    name: str

    @property
    def coverage(self) -> frozenset[int]: ...

    def may_cover(self, code: int) -> bool: ...


class TextCleaner:
    """Decides, per character, which font draws it; caches every character already judged, since texts repeat
    them, and the set of characters the report font draws, for the one-comparison common case."""

    def __init__(self, coverage: frozenset[int], fallbacks: Sequence[Fallback] = ()):
        self.coverage = coverage
        self.fallbacks = tuple(fallbacks)
        self.placeholder = PLACEHOLDER if ord(PLACEHOLDER) in coverage else "?"
        self._main_chars = frozenset(map(chr, coverage)) | {"\n"}
        self._kind: dict[str, int] = {}
        self._reshaper = None

    # -- per character ---------------------------------------------------------------------------------
    def kind(self, ch: str) -> int:
        """MAIN, the index of the first fallback font that draws `ch`, DROP or MISSING."""
        kind = self._kind.get(ch)
        if kind is None:
            kind = self._judge(ch)
            self._kind[ch] = kind
        return kind

    def _judge(self, ch: str) -> int:
        code = ord(ch)
        if code in self.coverage or _is_space(ch):
            return MAIN
        for index, font in enumerate(self.fallbacks):
            if font.may_cover(code) and code in font.coverage:  # the first look registers the font
                return index
        return DROP if _INVISIBLE.match(ch) else MISSING

    def _covers(self, kind: int, ch: str) -> bool:
        return kind == MAIN or ch == "\n" or ord(ch) in self.fallbacks[kind].coverage

    # -- whole texts -----------------------------------------------------------------------------------
    @staticmethod
    def sanitize(text: str) -> str:
        """Line breaks normalised, controls dropped, tabs as spaces; NFC. Still in typing (logical) order."""
        text = _NEWLINES.sub("\n", text)
        text = _CONTROLS.sub("", text).replace("\t", " ")
        return text if text.isascii() else unicodedata.normalize("NFC", text)

    def prepare(self, text: str, inline: bool = False) -> str:
        """`sanitize`, then right-to-left lines in display order (so: never prepare twice). With `inline`, the
        text is a run inside a left-to-right line: its base direction is left to right."""
        text = self.sanitize(text)
        if text.isascii():
            return text
        if get_display is not None and _RTL.search(text):
            base = "L" if inline else None
            text = "\n".join(self._display(line, base) if _RTL.search(line) else line for line in text.split("\n"))
        return text

    def _display(self, line: str, base: str | None = None) -> str:
        if _ARABIC.search(line):
            line = self._arabic().reshape(line)
        # Paragraph direction from the line's first strong letter, unless the line is a run inside ours.
        return get_display(line, base_dir=base) if base else get_display(line)

    def _arabic(self):
        """A reshaper that uses only the letter forms and ligatures some font here draws (the check that
        arabic-reshaper's `config_for_true_type_font` makes with fontTools, made on our own cmaps)."""
        if self._reshaper is None:
            drawable = self.coverage.union(*(f.coverage for f in self.fallbacks if f.may_cover(0xFEFB)))
            isolated = [forms[ISOLATED] for forms in LETTERS_ARABIC.values() if forms[ISOLATED]]
            config = {"delete_harakat": True, "support_ligatures": True,
                      "use_unshaped_instead_of_isolated": not all(ord(form) in drawable for form in isolated)}
            for name, (_, forms) in LIGATURES:
                config[name] = all(ord(form) in drawable for form in forms if form)
            self._reshaper = ArabicReshaper(configuration=config)
        return self._reshaper

    def spans(self, text: str, join_spaces: bool = True) -> list[tuple[int, str]]:
        """`text` (already prepared) as (kind, run) pairs: MAIN or a fallback's index; MISSING runs are one
        placeholder each; dropped characters are gone. With `join_spaces`, spaces and line breaks join the run
        before them when its font has them, so a Chinese name with a space stays one run (one `<font>`)."""
        if text.isascii() or self._main_chars.issuperset(text):
            return [(MAIN, text)] if text else []
        out: list[list] = []
        for ch in text:
            kind = self.kind(ch)
            if kind == DROP:
                continue
            if join_spaces and kind == MAIN and out and out[-1][0] >= 0 and _is_space(ch) \
                    and self._covers(out[-1][0], ch):
                kind = out[-1][0]
            if out and out[-1][0] == kind:
                if kind != MISSING:
                    out[-1][1].append(ch)
            else:
                out.append([kind, [ch]])
        return [(kind, self.placeholder if kind == MISSING else "".join(chars)) for kind, chars in out]

    def clean(self, text: str) -> str:
        """Plain text for the report font alone: what it lacks becomes the placeholder."""
        return self.main_only(self.prepare(text))

    def main_only(self, text: str) -> str:
        """Prepared `text` with what the report font lacks replaced (never prepare twice: bidi would undo)."""
        spans = self._merged(self.spans(text, join_spaces=False))
        return "".join(run if kind == MAIN else self.placeholder for kind, run in spans)

    def markup(self, text: str) -> str:
        """Paragraph markup of prepared `text`: escaped, line breaks kept, fallback runs in their fonts."""
        parts = []
        for kind, run in self.spans(text):
            run = escape(run).replace("\n", "<br/>")
            parts.append(f'<font name="{self.fallbacks[kind].name}">{run}</font>' if kind >= 0 else run)
        return "".join(parts)

    def runs(self, text: str, face: str) -> list[tuple[str, str]]:
        """Prepared plain `text` as (text, face) runs for canvas drawing: `face` where the report font draws it,
        a fallback font's name elsewhere."""
        return [(self.placeholder if kind == MISSING else run, face if kind == MAIN else self.fallbacks[kind].name)
                for kind, run in self.spans(text)]

    @staticmethod
    def _merged(spans: list[tuple[int, str]]) -> list[tuple[int, str]]:
        """Adjacent non-MAIN spans as one MISSING span (for `clean`, which has one placeholder per such run)."""
        out: list[tuple[int, str]] = []
        for kind, run in spans:
            if kind != MAIN:
                if out and out[-1][0] == MISSING:
                    continue
                kind = MISSING
            out.append((kind, run))
        return out


_cleaner: TextCleaner | None = None


def cleaner() -> TextCleaner:
    global _cleaner
    if _cleaner is None:
        _cleaner = TextCleaner(report_font().coverage, fallback_fonts())
    return _cleaner


def arrow() -> str:
    """"→" for links between items, where the font has it (Vera, the fallback, does not)."""
    return "\u2192" if 0x2192 in cleaner().coverage else "->"


def _shortened(text: str | None, limit: int) -> tuple[str, bool]:
    """`text` cut to at most `limit` characters at the last space before the limit; a word is split only when
    the first word alone is longer than the limit."""
    text = text or ""
    if len(text) <= limit:
        return text, False
    head = text[:limit + 1]
    cut = max(head.rfind(" "), head.rfind("\n"))
    if cut <= 0:
        cut = limit
    return text[:cut].rstrip(" \n,;:–—-(") or text[:limit], True


# A quoted item's short title: its text cut once, here, so that the same item reads the same wherever it is
# quoted (the roadmap table, the detailed entries, the vulnerable groups, the minutes, the commitments).
TITLE_LIMIT = 60
# The words a title is cut by are the languages' own, in `[title]` of each `content/<lang>/report.toml` (what
# each list is for is said there); only the numbers are here. A break before one of the tied words (the second
# of two things joined; a complement to its noun) is taken only when it gives so many characters more than a
# phrase break: `_TIED_GAINS`, in the order they are tried.
_TIED_GAINS = (("joining_words", 10), ("complement_words", 20))
TITLE_KEYS = ("tail_words", "phrase_words", *(key for key, _ in _TIED_GAINS), "clause_words", "relative_words",
              "list_words")


@dataclass(frozen=True)
class TitleWords:
    """The words `short_title` cuts by, casefolded: every content language's lists together, since an item is
    quoted in its own language, which the caller does not always know; so a language whose report.toml adds its
    words cuts its titles well too, with no code."""

    tail: frozenset[str]
    phrase: frozenset[str]
    tied: tuple[tuple[frozenset[str], int], ...]
    clause: frozenset[str]
    relative: frozenset[str]
    listing: frozenset[str]


def title_words() -> TitleWords:
    """The lists of the content folders in use, read once for each set of them (`content.roots`)."""
    return _title_words(content.roots())


@functools.cache
def _title_words(roots: tuple[Path, ...]) -> TitleWords:
    """`roots` is the cache's key: another `CONTENT_PATH` (a test's, a third language's) is read afresh."""
    def words(key: str) -> frozenset[str]:
        return every_language_words(roots, "title", key)

    return TitleWords(tail=words("tail_words"), phrase=words("phrase_words"),
                      tied=tuple((words(key), gain) for key, gain in _TIED_GAINS),
                      clause=words("clause_words"), relative=words("relative_words"),
                      listing=words("list_words"))


def abbreviations() -> frozenset[str]:
    """Words whose point is part of the word ("etc.", "EE. UU.", "Sr."), every content language's
    (``[text] abbreviations``), together: a participant's sentence is quoted in the language it was written in."""
    return every_language_words(content.roots(), "text", "abbreviations")


@functools.cache
def every_language_words(roots: tuple[Path, ...], table: str, key: str) -> frozenset[str]:
    """The words of ``[table] key`` in every content language's report.toml, casefolded, together: a text is
    quoted in its own language, which the caller does not always know, so a language whose report.toml adds its
    words is served too, with no code; one without the list (an operator's older folder) adds none. `roots`
    (`content.roots()`) is the cache's key: another `CONTENT_PATH` (a test's, a third language's) is read afresh."""
    return frozenset(w.casefold() for language in content.languages()
                     for w in str((load_labels(language).raw(table) or {}).get(key) or "").split())


_OPENING = {"(": ")", "«": "»", "“": "”", "‘": "’", "[": "]"}
# The second level of quotation marks inside a quote opened by the key (RAE: « » then “ ”; English: “ ” then ‘ ’).
_INNER = {"«": ("“", "”"), "“": ("‘", "’")}
_STRAIGHT = re.compile(r'"([^"\n]*)"')


# How long a title may run to end where a phrase ends (the whole text, a phrase; a clause ended by punctuation
# a little further: issue 12, third reading, point 3), and how long the part before a break must be to stand as
# the title: a clause ended by a colon, semicolon, dash or question mark; one ended by a comma; a phrase; a clause
# before a conjunction that opens another ("Some deportees cannot go home | because…"). A name (most of its
# words capitalised: "Plan de Atención y Protección Integral a Niñas, Niños y Adolescentes…") is kept whole up
# to `NAME_ROOM`, and cut within it when longer.
TITLE_ROOM = 80
CLAUSE_ROOM = 85
NAME_ROOM = 100
MIN_CLAUSE = 30
MIN_COMMA = 45
MIN_PHRASE = 36
MIN_SUBCLAUSE = 24
# No cut within `RELATIVE_SPAN` words after a word that opens a relative clause (`relative_words`).
RELATIVE_SPAN = 4
_CLAUSE_END = re.compile(r"[;:—–?](?=\s)")
_COMMA = re.compile(r",(?=\s)")
_WORD_EDGE = ",;:.!?()«»“”‘’\"'"


def short_title(text: str | None, limit: int = TITLE_LIMIT) -> str:
    """An item's text as the title it is quoted by: on one line, whole if it is short (up to `TITLE_ROOM`, or
    `NAME_ROOM` for a name), else cut where a phrase ends (issue 12, second reading, point 22, and third
    reading, point 3: "…casi nunca son…", "…because those…" read as cut mid-phrase): after a clause's
    punctuation if what comes before it can stand alone, else just before a word that opens a phrase ("que",
    "with"), else before one that opens a clause ("because"), else at the last word before `limit`; never on a
    word that needs what follows ("de", "or", "those", "is"), never inside a short list ("niñas, niños | y…"),
    never inside a parenthesis or a quote it opens (which would be left unclosed: "Guate te incluye (“Guatemala
    includes…"), with "…"."""
    flat = " ".join((text or "").split())
    name = _is_name(flat)
    room = max(limit, NAME_ROOM if name else TITLE_ROOM)
    if len(flat) <= room:
        return flat
    cut_by = title_words()
    head = _phrase_head(flat, room, room + CLAUSE_ROOM - TITLE_ROOM, cut_by) or _shortened(flat, limit)[0]
    words = head.split(" ")
    while len(words) > 1 and _bare(words[-1]) in cut_by.tail:
        words.pop()
    head = " ".join(words)
    unclosed = _first_unclosed(head)
    if unclosed is not None and head[:unclosed].strip():
        head = head[:unclosed]
    return head.rstrip(" ,;:–—-(«“‘[") + "…"


def _bare(word: str) -> str:
    return word.strip(_WORD_EDGE).casefold()


def _is_name(flat: str) -> bool:
    """Whether `flat` reads as a name, not a sentence: no clause punctuation, and most of its longer words
    capitalised ("Programa Integral de Inserción para la Población Salvadoreña Retornada")."""
    if _CLAUSE_END.search(flat) or flat.rstrip().endswith("."):
        return False
    words = [w.strip(_WORD_EDGE) for w in flat.split()]
    long_words = [w for w in words if len(w) > 3]
    return bool(long_words) and sum(w[0].isupper() for w in long_words) >= 0.6 * len(long_words)


def looks_like_name(text: str) -> bool:
    """Whether `text` reads as a proper name (`_is_name`) of two capitalised words or more: what an acronym in
    parentheses after it may be said to stand for ("Unidades Municipales de Atención al Migrante Retornado")."""
    flat = " ".join(text.split())
    return _is_name(flat) and sum(w[:1].isupper() for w in flat.split()) >= 2


def _phrase_head(flat: str, room: int, clause_room: int, cut_by: TitleWords) -> str | None:
    """The longest start of `flat` that ends where a clause ends (`MIN_CLAUSE`, `MIN_COMMA`; at most
    `clause_room` characters), else just before a phrase's first word (`MIN_PHRASE`, at most `room`), else just
    before a clause's first word (`MIN_SUBCLAUSE`); None if none does. A comma or a conjunction inside a short
    list is no end."""
    words = list(re.finditer(r"\S+", flat))
    bare = [_bare(w.group()) for w in words]

    def in_list(index: int) -> bool:
        """Whether the word at `index` (a list's conjunction) closes a list whose comma is 1-2 words back."""
        return any(words[j].group().endswith(",") for j in range(max(0, index - 3), index - 1))

    def list_comma(at: int) -> bool:
        following = [i for i, w in enumerate(words) if w.start() > at][:3]
        return any(bare[i] in cut_by.listing for i in following[1:])

    def before(opening: frozenset[str], shortest: int) -> int | None:
        found = [word.start() - 1 for i, word in enumerate(words[1:], 1)
                 if shortest <= word.start() - 1 <= room and bare[i] in opening
                 and bare[i - 1] not in cut_by.tail and not (bare[i] in cut_by.listing and in_list(i))
                 and not cut_by.relative.intersection(bare[max(0, i - RELATIVE_SPAN):i])]
        return found[-1] if found else None

    window = flat[:clause_room + 1]
    clauses = [m.start() for m in _CLAUSE_END.finditer(window) if m.start() >= MIN_CLAUSE]
    if clauses:
        return flat[:clauses[-1]]
    commas = [m.start() for m in _COMMA.finditer(window) if m.start() >= MIN_COMMA and not list_comma(m.start())]
    if commas:
        return flat[:commas[-1]]
    phrase = before(cut_by.phrase, MIN_PHRASE)
    for tying, gain in cut_by.tied:
        tied = before(tying, MIN_PHRASE)
        if tied is not None and (phrase is None or tied - phrase >= gain):
            phrase = tied
    if phrase is None:
        phrase = before(cut_by.clause, MIN_SUBCLAUSE)
    if phrase is None:  # a comma before a list still ends a phrase ("Fund small community infrastructure works")
        commas = [m.start() for m in _COMMA.finditer(window) if m.start() >= MIN_CLAUSE]
        phrase = commas[-1] if commas else None
    return flat[:phrase] if phrase is not None else None

_LAST_PARENTHESIS = re.compile(r"^([^()]+?)\s*\(([^()]+)\)$")


def unbracketed(text: str) -> str:
    """"Karla Menjívar, El Salvador" for "Karla Menjívar (El Salvador)": a name with what it speaks for in
    parentheses, to be set inside a parenthesis of ours, where "(relatoría: Karla Menjívar (El Salvador))" nests
    brackets (issue 12, second reading, point 15). Anything else is kept as written."""
    found = _LAST_PARENTHESIS.match(" ".join(text.split()))
    return f"{found.group(1)}, {found.group(2)}" if found else text

def _first_unclosed(text: str) -> int | None:
    """Where the first parenthesis or quotation mark that `text` opens and does not close is, if any."""
    waiting: list[tuple[str, int]] = []
    for at, ch in enumerate(text):
        if waiting and ch == waiting[-1][0]:
            waiting.pop()
        elif ch in _OPENING:
            waiting.append((_OPENING[ch], at))
    return waiting[0][1] if waiting else None


def nested_quotes(text: str, outer: str) -> str:
    """`text` set inside a quote that opens with `outer`: its own quotation marks of that kind (and straight
    ones) become the second level ("«Quédate» centres" inside “…” reads “‘Quédate’ centres”; «…“Stay”…» is
    already right), so that no quote closes another one too early."""
    inner = _INNER.get(outer)
    if inner is None or not text:
        return text
    left, right = inner
    text = _STRAIGHT.sub(lambda m: f"{left}{m.group(1)}{right}", text)
    if outer == "«":
        return text.replace("«", left).replace("»", right)
    return text.translate(str.maketrans({"“": left, "”": right, "«": left, "»": right}))


def shorten(text: str | None, limit: int, suffix: str = "…") -> str:
    """`text` as typed, cut at a word boundary to at most `limit` characters plus `suffix`."""
    text, cut = _shortened(text, limit)
    return text + suffix if cut else text


def plain(text: str | None, limit: int = MAX_FIELD_CHARS, suffix: str = "…", *, fallback: bool = False,
          inline: bool = False) -> str:
    """Cleaned but unescaped text, for canvas strings (outline, headers, chart labels) that are not markup.
    With `fallback`, characters a fallback font draws are kept: the caller draws the text with `runs()`; with
    `inline`, right-to-left runs are ordered inside a left-to-right line (see the module's doc)."""
    text, cut = _shortened(text, limit)
    c = cleaner()
    text = c.prepare(text, inline)
    text = "".join(run for _, run in c.spans(text)) if fallback else c.main_only(text)
    return text.rstrip() + suffix if cut else text


def logical(text: str | None, limit: int = MAX_FIELD_CHARS, suffix: str = "…") -> str:
    """Sanitized text in typing order, every character kept: for PDF strings that are not drawn with our fonts
    (outline entries, document info), which viewers lay out themselves. Feed it to `plain` or `para` if it is
    to be drawn as well."""
    text, cut = _shortened(text, limit)
    text = TextCleaner.sanitize(text)
    return text.rstrip() + suffix if cut else text


def runs(text: str, face: str) -> list[tuple[str, str]]:
    """Text from `plain(..., fallback=True)` or `one_line(..., fallback=True)` as (text, face) runs, for
    `reports.lines.PlainLines`: `face` where the report font draws it, a fallback font elsewhere."""
    return cleaner().runs(text, face)


def para(text: str | None, limit: int = MAX_FIELD_CHARS, suffix: str = "…", *, inline: bool = False) -> str:
    """Paragraph markup showing `text` as typed (escaped, line breaks kept, any script in a font that has it).
    With `inline`, `text` is a run inside a line of ours (a name after a label): see the module's doc."""
    text, cut = _shortened(text, limit)
    c = cleaner()
    markup = c.markup(tied(c.prepare(text, inline)))
    return markup.rstrip() + escape(suffix) if cut else markup


NBSP = "\u00a0"
# Numbers with their unit ("39 %", "12 km"), which a line must not part; the names it must not break inside are
# each language's (`[text] unbroken_names` in report.toml). Spaces only: the extracted text reads the same.
_UNIT = re.compile(r"(?<=\d) (?=(?:%|‰|km|kg|mm|cm|m|ha|USD|US\$|€)(?!\w))")


@functools.cache
def _unbroken_names(roots: tuple[Path, ...]) -> re.Pattern[str] | None:
    """Every content language's names that a line must not break inside, with the country in parentheses that
    may follow them ("Presidencia Pro / Tempore (México)" on the cover: issue 12, second reading, point 19),
    longest first so that "Presidencia Pro Tempore" is tied whole rather than from "Pro Tempore"; `roots`
    (`content.roots()`) is the cache's key, as for `every_language_words`."""
    names = {str(name) for language in content.languages()
             for name in (load_labels(language).raw("text") or {}).get("unbroken_names") or ()}
    if not names:
        return None
    alternatives = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?:{alternatives})(?: \([^()\n]{{1,24}}\))?")


def right_to_left(text: str) -> bool:
    """Whether `text` has a strong right-to-left letter (then it is reordered, and best left to break freely)."""
    return _RTL.search(text) is not None


def tied(text: str) -> str:
    """`text` with no-break spaces where a line must not break (a language's unbroken names, `_UNIT`);
    ReportLab breaks lines at spaces but not at U+00A0, which the report fonts draw as a space."""
    names = _unbroken_names(content.roots())
    if names is not None:
        text = names.sub(lambda m: m.group(0).replace(" ", NBSP), text)
    return _UNIT.sub(NBSP, text) if any(ch.isdigit() for ch in text) else text


def one_line(text: str | None, limit: int = 300, *, fallback: bool = False, inline: bool = True) -> str:
    """Cleaned, unescaped, whitespace collapsed to single spaces: for plain-text runs drawn as one line (inside
    a line of ours, so right-to-left runs keep their place unless `inline` is False)."""
    return " ".join(plain(text, limit, fallback=fallback, inline=inline).split())


def excerpt(text: str | None, limit: int, *, inline: bool = False) -> str:
    """A one-line shortened view of `text` as markup (for registers where the full text is elsewhere)."""
    flat = " ".join((text or "").split())
    return para(flat, limit, inline=inline)
