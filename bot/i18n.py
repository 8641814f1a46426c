"""Every user-facing text, by key, in each language the bot can speak.

Texts live in ``content/<lang>/messages.toml`` (and the other TOML files there) as Jinja2 templates. The
languages are data: every content folder that exists (``content.languages()``), each naming itself by its
``language.name`` text; a workshop's file says which of them it offers. A text a language lacks is taken from
the workshop's default language (else the bot's), so a new language can start with the texts it has.
Rendering with autoescape makes every parameter safe for Telegram HTML: a participant's name such as
``<b>Ana & co</b>`` is shown as typed, never interpreted. Button labels are not parsed by Telegram, so
they are rendered without escaping (``plain``).
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator, Mapping, Sequence
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError
from jinja2 import Environment, StrictUndefined, Template

import content

CONTENT_DIR = content.BUILT_IN


class _Languages(Sequence[str]):
    """The languages the content folders hold, looked up when asked (so a ``CONTENT_PATH`` set at start-up counts)."""

    def _codes(self) -> tuple[str, ...]:
        return content.languages()

    def __getitem__(self, index):  # type: ignore[override]
        return self._codes()[index]

    def __len__(self) -> int:
        return len(self._codes())

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and code in self._codes()

    def __iter__(self) -> Iterator[str]:
        return iter(self._codes())

    def __repr__(self) -> str:
        return repr(self._codes())


class _Names(Mapping[str, str]):
    """Each language's own name (its ``language.name`` text: "Español", "English"); its code if it gives none."""

    def __getitem__(self, code: str) -> str:
        folder = content.language_dir(code)
        if folder is None:
            raise KeyError(code)
        return _own_name(folder)

    def __iter__(self) -> Iterator[str]:
        return iter(content.languages())

    def __len__(self) -> int:
        return len(content.languages())


@cache
def _own_name(folder: Path) -> str:
    for path in sorted(folder.glob("messages*.toml")):
        name = tomllib.loads(path.read_text(encoding="utf-8")).get("language", {}).get("name")
        if isinstance(name, str) and name.strip():
            return name.strip()
    return folder.name


SUPPORTED_LANGUAGES: Sequence[str] = _Languages()
LANGUAGE_NAMES: Mapping[str, str] = _Names()


def flatten(tree: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """``{"a": {"b": "x"}}`` -> ``{"a.b": "x"}``; lists and scalars are leaves."""
    flat: dict[str, Any] = {}
    for key, value in tree.items():
        name = f"{prefix}.{key}" if prefix else key
        if isinstance(value, dict):
            flat.update(flatten(value, name))
        else:
            flat[name] = value
    return flat


def resolve_language(chosen: str | None, telegram_code: str | None, default: str,
                     languages: Sequence[str] | None) -> str:
    """The person's own choice, else what their Telegram app says, else the workshop's default, among
    ``languages``: the workshop's (so nobody is written to in a language their workshop does not offer), or None
    for someone in no workshop (any language the bot has). Required, so no caller can forget it; a workshop's
    callers go through ``Workshop.language_for``.

    Telegram's code is an IETF tag in any case ("pt-br", "es-419", "en"): the language of that exact region first
    ("pt-BR"), then the language itself ("pt"), then the same language of another region ("pt-BR" for an app
    saying only "pt")."""
    known = offered(languages)
    if chosen in known:
        return chosen
    wanted = (telegram_code or "").strip().replace("_", "-").lower()
    if wanted:
        primary = wanted.split("-")[0]
        by_case = {code.lower(): code for code in known}
        for code in (by_case.get(wanted), by_case.get(primary)):
            if code is not None:
                return code
        regional = next((code for code in known if code.split("-")[0].lower() == primary), None)
        if regional is not None:
            return regional
    return default if default in known else known[0]


def called(code: str, reader: str) -> str:
    """A language's name as a reader of ``reader`` says it ("portugués", "Portuguese"), from Babel's locale data,
    for a language the texts have no word of their own for (a third one); its own name when Babel knows neither."""
    try:
        name = Locale.parse(code, sep="-").get_display_name(Locale.parse(reader, sep="-"))
    except (ValueError, UnknownLocaleError):
        name = None
    if name:
        return name
    return LANGUAGE_NAMES.get(code, code)


def offered(languages: Sequence[str] | None, default: str | None = None) -> list[str]:
    """A workshop's languages (its file's order, the default first) that the bot can speak; without one,
    every language it can, ``default`` first."""
    known = list(SUPPORTED_LANGUAGES)
    chosen = [code for code in (languages or ()) if code in known]
    return chosen or sorted(known, key=lambda code: code != default)


class Texts:
    """The interface catalogues, loaded and compiled once at start-up."""

    def __init__(self, content_dir: Path | None = None, default: str = "es") -> None:
        """``content_dir``: one folder of languages instead of the content path (``content.roots()``);
        ``default``: where a text missing in a language is taken from when no workshop says."""
        self._html_env = Environment(autoescape=True, undefined=StrictUndefined, keep_trailing_newline=False)
        self._plain_env = Environment(autoescape=False, undefined=StrictUndefined)
        self.sources: dict[str, dict[str, str]] = {}
        if content_dir is None:
            folders = {code: content.language_dir(code) for code in SUPPORTED_LANGUAGES}
        else:
            folders = {f.name: f for f in sorted(content_dir.iterdir()) if content.is_language(f)}
        self.languages = tuple(folders)
        self.default = default if default in folders else next(iter(folders), default)
        for language, folder in folders.items():
            merged: dict[str, str] = {}
            # messages.toml, messages_participant.toml, ...: one file per flow, one key space.
            for path in sorted(folder.glob("messages*.toml")):
                raw = flatten(tomllib.loads(path.read_text(encoding="utf-8")))
                clash = set(raw) & set(merged)
                if clash:
                    raise ValueError(f"{path}: keys defined twice: {sorted(clash)}")
                merged.update({key: str(value).strip("\n") for key, value in raw.items()})
            self.sources[language] = merged
        self._html: dict[tuple[str, str], Template] = {}
        self._plain: dict[tuple[str, str], Template] = {}

    def keys(self, language: str) -> set[str]:
        return set(self.sources[language])

    def name(self, language: str) -> str:
        """The language's own name, from its texts."""
        return self.sources.get(language, {}).get("language.name") or language

    def _template(self, cache: dict, env: Environment, language: str, key: str, fallback: str | None) -> Template:
        found = cache.get((language, key, fallback))
        if found is None:
            for code in dict.fromkeys((language, fallback or self.default, self.default, *self.languages)):
                source = self.sources.get(code, {}).get(key)
                if source is not None:
                    break
            else:
                raise KeyError(f"no text {key!r} in {language!r}")
            found = cache[(language, key, fallback)] = env.from_string(source)
        return found

    def html(self, language: str, key: str, /, _fallback: str | None = None, **params: Any) -> str:
        """A message body for ``parse_mode=HTML``: parameters escaped. A key the language lacks is taken from
        ``_fallback`` (the workshop's default language), else the bot's default."""
        return self._template(self._html, self._html_env, language, key, _fallback).render(**params)

    def plain(self, language: str, key: str, /, _fallback: str | None = None, **params: Any) -> str:
        """A button label or a document caption sent without parse mode."""
        return self._template(self._plain, self._plain_env, language, key, _fallback).render(**params)

    @cached_property
    def all_keys(self) -> set[str]:
        return set().union(*(self.keys(language) for language in self.languages))


def load_toml(language: str, relative: str, content_dir: Path | None = None) -> dict[str, Any]:
    """A content file of one language, e.g. ``load_toml("en", "briefings/reintegration.toml")``; a file the
    language does not have (a new language's briefing not written yet) is read from the first language that has it."""
    if content_dir is not None:
        return tomllib.loads((content_dir / language / relative).read_text(encoding="utf-8"))
    for code in dict.fromkeys((language, *SUPPORTED_LANGUAGES)):
        folder = content.language_dir(code)
        if folder is not None and (folder / relative).is_file():
            return tomllib.loads((folder / relative).read_text(encoding="utf-8"))
    raise FileNotFoundError(f"no content file {relative!r} in {language!r}")
