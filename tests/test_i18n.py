"""Both languages, always: same keys in every catalogue, every template renders, every key used exists."""

import re
from pathlib import Path

import jinja2.meta
import pytest

from bot.i18n import CONTENT_DIR, SUPPORTED_LANGUAGES, Texts, flatten, load_toml, resolve_language

ROOT = Path(__file__).resolve().parent.parent


def _shape(tree):
    """Keys, and list lengths, of a content file: what must match across languages."""
    shape = {}
    for key, value in flatten(tree).items():
        shape[key] = ("list", len(value)) if isinstance(value, list) else "leaf"
        if isinstance(value, list):
            for index, entry in enumerate(value):
                if isinstance(entry, dict):
                    shape.update({f"{key}[{index}].{k}": "leaf" for k in entry})
    return shape


def _content_files():
    first = CONTENT_DIR / SUPPORTED_LANGUAGES[0]
    return sorted(str(p.relative_to(first)) for p in first.rglob("*.toml"))


def test_every_content_file_exists_in_every_language():
    found = {lang: sorted(str(p.relative_to(CONTENT_DIR / lang)) for p in (CONTENT_DIR / lang).rglob("*.toml"))
             for lang in SUPPORTED_LANGUAGES}
    assert len({tuple(files) for files in found.values()}) == 1, found
    assert "messages.toml" in found["es"]


@pytest.mark.parametrize("relative", _content_files())
def test_languages_have_exactly_the_same_keys(relative):
    shapes = {lang: _shape(load_toml(lang, relative)) for lang in SUPPORTED_LANGUAGES}
    es, en = shapes["es"], shapes["en"]
    assert set(es) ^ set(en) == set(), f"keys in only one language: {sorted(set(es) ^ set(en))}"
    assert es == en, "list lengths differ"


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_every_template_renders(language):
    texts = Texts()
    env = jinja2.Environment()
    for key, source in texts.sources[language].items():
        params = {name: "<x&y>" for name in jinja2.meta.find_undeclared_variables(env.parse(source))}
        rendered = texts.html(language, key, **params)
        assert rendered.strip(), key
        assert "<x&y>" not in rendered, f"{key}: a parameter was not escaped"


def test_languages_really_differ():
    texts = Texts()
    same = [k for k in texts.keys("es") if texts.sources["es"][k] == texts.sources["en"][k]
            and len(re.findall(r"[a-z]{3,}", re.sub(r"{[{%].*?[}%]}", "", texts.sources["es"][k]))) >= 2]
    assert same == [], f"untranslated: {same}"


def test_every_key_the_code_uses_exists():
    used = set()
    pattern = re.compile(
        r"""(?:reply|\.t|label|html|plain)\(\s*(?:update,\s*)?(?:[a-z_.]+,\s*)?"([a-z_]+\.[a-z_]+)\""""
    )
    for path in [*ROOT.glob("handlers/*.py"), *ROOT.glob("bot/*.py")]:
        used |= set(pattern.findall(path.read_text(encoding="utf-8")))
    assert used, "the pattern found no key at all"
    missing = used - Texts().keys("es")
    assert missing == set(), f"keys used in code but missing: {sorted(missing)}"


@pytest.mark.parametrize(
    ("chosen", "telegram", "default", "expected"),
    [("en", "es-MX", "es", "en"), (None, "en-GB", "es", "en"), (None, "pt-BR", "es", "es"),
     (None, None, "en", "en"), ("xx", "ES", "en", "es")],
)
def test_language_resolution(chosen, telegram, default, expected):
    assert resolve_language(chosen, telegram, default, None) == expected


@pytest.mark.parametrize(
    ("chosen", "telegram", "languages", "expected"),
    [(None, "en-GB", ["es"], "es"),                    # English exists, but the workshop does not offer it
     ("en", "en", ["es", "pt"], "es"),                 # nor a choice stored before the workshop changed its file
     (None, "pt-br", ["es", "pt-BR"], "pt-BR"),        # Telegram's lower-case region finds the folder's
     (None, "pt", ["es", "pt-BR"], "pt-BR"),           # a plain "pt" app: Brazil's Portuguese, not the default
     (None, "pt-br", ["es", "pt", "pt-BR"], "pt-BR"),  # the exact region before the plain language
     (None, "pt-PT", ["es", "pt", "pt-BR"], "pt"),     # another region: the plain language
     (None, "es-419", ["en", "es-419"], "es-419")],
)
def test_language_resolution_keeps_to_the_workshops_languages(chosen, telegram, languages, expected, monkeypatch):
    monkeypatch.setattr("content.languages", lambda paths=None: ("en", "es", "es-419", "pt", "pt-BR"))
    assert resolve_language(chosen, telegram, languages[0], languages) == expected
