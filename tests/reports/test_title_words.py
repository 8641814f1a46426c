"""The words an item's title is cut by are the languages' content, not code: `[title]` in each report.toml.

A quoted item's title ends where a phrase ends, never on a word that needs what follows (`reports.text.short_title`).
Which words those are is each language's own list; the cut reads every content language's lists together, since
the caller does not always know an item's language. So an operator's third language that lists its words gets
its titles cut as well as Spanish and English ones, with no code.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import tomllib

import pytest

import content
from reports import text
from reports.text import NBSP, TITLE_KEYS, short_title, title_words

# Portuguese, which the bot does not ship: "nas" (in the) needs what follows, "durante" opens a phrase.
PORTUGUESE = ("Os retornados recebem apoio psicossocial individualizado nas comunidades durante os primeiros "
              "meses depois da chegada ao país de origem")
PT_TITLE = {
    "tail_words": "a o as os à ao aos às de do da dos das em no na nos nas um uma uns umas e ou que para por com",
    "phrase_words": "para com sem sobre em no na nos nas durante desde até após que quando onde",
}


@pytest.fixture
def portuguese(tmp_path):
    """An operator's `pt` folder (Spanish's files copied) whose `[title]` lists Portuguese words."""
    folder = tmp_path / "pt"
    shutil.copytree(content.BUILT_IN / "es", folder)
    report = folder / "report.toml"
    toml = report.read_text(encoding="utf-8")
    for key, words in PT_TITLE.items():
        toml, found = re.subn(rf'(?m)^{key} = ".*"$', f'{key} = "{words}"', toml)
        assert found == 1, key
    report.write_text(toml, encoding="utf-8")
    content.use(str(tmp_path))
    yield
    content.use(None)  # the next test reads the built-in content only


@pytest.mark.parametrize("language", ["es", "en"])
def test_every_language_lists_every_kind_of_word_the_cut_reads(language):
    table = tomllib.loads((content.BUILT_IN / language / "report.toml").read_text(encoding="utf-8"))["title"]
    assert tuple(table) == TITLE_KEYS  # a misspelt key would be read as an empty list
    assert all(str(table[key]).split() for key in TITLE_KEYS)


def test_the_built_in_languages_each_bring_their_own_words():
    words = title_words()
    assert {"de", "para", "the", "with"} <= words.tail  # a title ends on neither "…apoyo de…" nor "…support with…"
    assert {"porque", "because"} <= words.clause
    assert {"quienes", "who"} <= words.relative


def test_a_word_added_to_the_loaded_lists_moves_the_cut(monkeypatch):
    item = ("Municipal offices register every returnee quickly alongside local employers offering apprenticeships "
            "nationwide and regionally")
    assert short_title(item) == "Municipal offices register every returnee quickly alongside…"
    words = title_words()
    monkeypatch.setattr(text, "title_words",
                        lambda: dataclasses.replace(words, phrase=words.phrase | {"alongside"}))
    assert short_title(item) == "Municipal offices register every returnee quickly…"


def test_a_third_language_that_lists_its_words_cuts_its_titles_at_a_phrase(portuguese):
    assert content.languages() == ("en", "es", "pt")
    title = short_title(PORTUGUESE)
    assert title == "Os retornados recebem apoio psicossocial individualizado nas comunidades…"  # before "durante"
    assert short_title("Las personas retornadas reciben apoyo psicosocial en los centros de atención de cada "
                       "municipio durante el primer año") == \
        "Las personas retornadas reciben apoyo psicosocial en los centros de atención…"  # Spanish's still count


def test_without_the_third_language_its_titles_end_on_any_word():
    assert "pt" not in content.languages()
    assert short_title(PORTUGUESE) == "Os retornados recebem apoio psicossocial individualizado nas…"


def test_the_names_a_line_must_not_break_inside_are_each_languages(tmp_path):
    """`[text] unbroken_names`: "Presidencia Pro / Tempore (México)" on the cover was the fault (issue 12, second
    reading, point 19); a third language's name is tied once its report.toml lists it, with no code."""
    name = "Presidência Pro Tempore (México)"
    assert text.tied(f"Organiza a {name}") == f"Organiza a Presidência {name[12:].replace(' ', NBSP)}"  # Spanish's
    tied = "Presidencia Pro Tempore (Honduras)".replace(" ", NBSP)
    assert text.tied("la Presidencia Pro Tempore (Honduras) acogió") == f"la {tied} acogió"
    folder = tmp_path / "pt"
    shutil.copytree(content.BUILT_IN / "es", folder)
    report = folder / "report.toml"
    toml, found = re.subn(r'(?m)^unbroken_names = .*$', 'unbroken_names = ["Presidência Pro Tempore"]',
                          report.read_text(encoding="utf-8"))
    assert found == 1
    report.write_text(toml, encoding="utf-8")
    content.use(str(tmp_path))
    try:
        assert text.tied(f"Organiza a {name}") == f"Organiza a {name.replace(' ', NBSP)}"
    finally:
        content.use(None)
