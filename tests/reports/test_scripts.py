"""Names and items in any script, read back from the roadmap PDF as a reader would copy them.

What is asserted, and how the text is compared:

- pypdf returns each line's characters and, for right-to-left runs, puts them back in reading (logical) order;
  Arabic comes back as the presentation forms we drew after shaping (U+FE70-U+FEFF, joined letter forms), so
  both sides are normalised with NFKC, which folds those forms to the base letters, before comparing. The raw
  text must hold presentation forms (it was shaped): all letters but those that join neither side.
- Latin with diacritics, Greek, Cyrillic and Hebrew are in the report font (DejaVu Sans); Arabic is in its upright
  faces; Chinese, Japanese and Korean need the CJK fallback font (Debian fonts-wqy-microhei or fonts-wqy-zenhei),
  emoji the Symbola fallback (fonts-symbola). A part whose font is not installed is skipped, saying which package
  it needs; without any fallback font, those characters print as the placeholder (asserted below too).
- With Symbola, emoji print as monochrome glyphs, one per code point (a skin-tone modifier is a swatch after its
  emoji; a flag is its two regional-indicator letters). Without it they are one placeholder per run.
- The annex register and the list of actions under way are plain-text lines drawn in the report font alone
  (`reports.lines.PlainLines`): there, characters the report font lacks (CJK, Arabic, emoji) still print as the
  placeholder until their callers draw `reports.text.runs()`; the checks below that no placeholder appears cover
  the body of the roadmap, up to the annexes.
"""

from __future__ import annotations

import unicodedata
from dataclasses import replace

import pytest
from pdftext import outline, text
from sample import sample_roadmap

from reports import fonts
from reports.labels import load_labels
from reports.roadmap import build_roadmap
from reports.text import MISSING, PLACEHOLDER, TextCleaner, cleaner, get_display, one_line, para, plain, runs

# script: (credit, item text, Debian package that provides the font if the report font lacks it)
SCRIPTS = {
    "chinese": ("李小龙", "加强社区支持网络", "fonts-wqy-microhei"),
    "japanese": ("山田太郎", "ひらがなとカタカナの説明", "fonts-wqy-microhei"),
    "korean": ("김민준", "지역 사회 지원 강화", "fonts-wqy-microhei"),
    "arabic": ("محمد علي", "دعم المجتمعات المحلية", "fonts-dejavu-core"),
    "hebrew": ("דוד כהן", "תמיכה בקהילות", "fonts-dejavu-core"),
    "cyrillic": ("Юлия Тимошенко", "Поддержка местных общин", "fonts-dejavu-core"),
    "greek": ("Αλέξανδρος Παπαδόπουλος", "Στήριξη τοπικών κοινοτήτων", "fonts-dejavu-core"),
    "vietnamese": ("Nguyễn Văn An", "Hỗ trợ cộng đồng địa phương", "fonts-dejavu-core"),
}
EMOJI = "🙂👍🏽"
RTL = {"arabic", "hebrew"}


def _drawable(s: str) -> bool:
    c = cleaner()
    return all(c.kind(ch) != MISSING for ch in s)


def _needs(script: str) -> None:
    credit, item, package = SCRIPTS[script]
    if not _drawable(credit + item):
        pytest.skip(f"no installed font draws {script} here (Debian package {package})")
    if script in RTL and get_display is None:
        pytest.skip("arabic-reshaper / python-bidi are not installed")


def _nfkc(s: str) -> str:
    return unicodedata.normalize("NFKC", s)


@pytest.fixture(scope="module")
def roadmap_text() -> str:
    """One roadmap: challenge n carries script n's text and its author's credit; one more carries emoji."""
    data = sample_roadmap("en", hostile=False)
    texts = {n: (f"{script.capitalize()} item: {item}", credit)
             for n, (script, (credit, item, _)) in enumerate(SCRIPTS.items(), start=1)}
    texts[len(SCRIPTS) + 1] = (f"Emoji item: {EMOJI} end", "Emoji author")
    items = tuple(replace(i, description=texts[i.id][0], credit=texts[i.id][1]) if i.id in texts else i
                  for i in data.items)
    return text(build_roadmap(replace(data, items=items)))


@pytest.fixture(scope="module")
def body(roadmap_text) -> str:
    """Up to the annexes, whose plain-text registers are drawn in the report font alone (see the module doc)."""
    return roadmap_text[:roadmap_text.rindex(load_labels("en")("sections.annexes"))]


@pytest.mark.parametrize("script", list(SCRIPTS))
def test_items_and_credits_print_in_their_script(body, script):
    _needs(script)
    credit, item, _ = SCRIPTS[script]
    found = _nfkc(body)
    assert _nfkc(f"{script.capitalize()} item: {item}") in found
    assert _nfkc(credit) in found


def test_arabic_is_shaped_into_joined_forms(body):
    _needs("arabic")
    start = body.index("Arabic item: ") + len("Arabic item: ")
    drawn = body[start:start + len(SCRIPTS["arabic"][1])]
    letters = [ch for ch in drawn if not ch.isspace()]
    joined = [ch for ch in letters if 0xFE70 <= ord(ch) <= 0xFEFF]
    # Letters that join neither side (a word-initial dal or alef) may stay as the base letter, which looks the
    # same as their isolated form; every other letter is drawn in its joined form.
    assert len(joined) >= len(letters) - 4, drawn


def test_no_placeholder_where_a_font_draws_the_script(body):
    for script in SCRIPTS:
        _needs(script)
    assert PLACEHOLDER not in body


def test_emoji_print_with_symbola_or_as_one_placeholder(body):
    line = body[body.index("Emoji item: "):]
    line = line[:line.index(" end") + 4]
    if _drawable(EMOJI):
        assert line == f"Emoji item: {EMOJI} end"
    else:
        assert line == f"Emoji item: {cleaner().placeholder} end"


# -- the text functions on their own ---------------------------------------------------------------------

def test_cjk_is_wrapped_in_the_fallback_font_and_escaped():
    _needs("chinese")
    assert para("李小龙 <&> (Beijing)") == '<font name="ReportCJK">李小龙 </font>&lt;&amp;&gt; (Beijing)'
    assert runs(one_line("李 小龙 y Ana", fallback=True), "Face") == [("李 小龙 ", "ReportCJK"), ("y Ana", "Face")]
    assert plain("李小龙 y Ana") == f"{PLACEHOLDER} y Ana"  # canvas text: the report font alone


def test_text_in_the_report_font_is_left_alone():
    for s in ("plain ascii & <b>", "Łódź «citado» Ñandú", "Юлия Αλέξανδρος"):
        assert plain(s) == s
        assert "<font" not in para(s)


def test_without_fallback_fonts_the_placeholder_is_used(monkeypatch):
    monkeypatch.setattr(fonts, "FALLBACKS", ())
    monkeypatch.delenv("REPORT_FONT_DIR", raising=False)
    main = fonts.report_font()
    found = fonts.fallback_fonts.__wrapped__()  # uncached: what a machine without the packages finds
    assert all(f.name == main.regular for f in found)  # at most the family's own upright face
    bare = TextCleaner(main.coverage, found)
    mark = bare.placeholder
    assert bare.markup(bare.prepare("李小龙 y 🙂👍🏽 ok")) == f"{mark} y {mark} ok"
    assert bare.clean("Nguyễn") == "Nguyễn"


def test_invisible_glue_is_dropped_and_decomposed_letters_are_composed():
    ascii_only = TextCleaner(frozenset(range(32, 127)) | {ord(PLACEHOLDER)})
    assert ascii_only.clean("a\u200db\ufe0fc") == "abc"  # joiner and variation selector: nothing to show
    assert cleaner().clean("Nguye\u0302\u0303n") == "Nguyễn"  # NFC


def test_right_to_left_text_is_in_display_order_once():
    _needs("hebrew")
    shown = plain("שלום עולם")
    assert shown == "םלוע םולש"
    assert plain("Name: דוד (IL)") == "Name: דוד (IL)"[:6] + "דוד"[::-1] + " (IL)"
    assert para("א\nב ג") == "א<br/>ג ב"  # each line on its own


def test_headings_keep_their_script_in_the_page_and_typing_order_in_the_outline():
    _needs("hebrew")
    data = sample_roadmap("en", hostile=False)
    name = "Individual יחיד 个人"
    levels = (replace(data.workshop.levels[0], name=name), *data.workshop.levels[1:])
    pdf = build_roadmap(replace(data, workshop=replace(data.workshop, levels=levels)))
    assert name in [title for _, title, _ in outline(pdf)]  # viewers lay the outline out themselves
    found = text(pdf)
    assert "Individual יחיד" in found  # the heading paragraph, read back in reading order
    if _drawable("个人"):  # pypdf's own reordering moves the space at the Hebrew-to-Chinese boundary
        assert name.replace(" ", "") in found.replace(" ", "")


def test_the_annex_register_draws_other_scripts_too():
    """The register lines are drawn without markup: they too switch to a fallback font for names."""
    if not any(ord("李") in f.coverage for f in cleaner().fallbacks):
        pytest.skip("no CJK font installed (Debian package fonts-wqy-microhei)")
    data = sample_roadmap("es")
    first = data.items[0]
    data = replace(data, items=(replace(first, credit="李小龙 (Guatemala)"), *data.items[1:]))
    whole = text(build_roadmap(data))
    annex = whole[whole.rindex("Anexo"):]
    assert "李小龙 (Guatemala)" in annex
