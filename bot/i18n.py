"""Every user-facing text, by key, in each supported language.

Texts live in ``content/<lang>/messages.toml`` (and the other TOML files there) as Jinja2 templates.
Rendering with autoescape makes every parameter safe for Telegram HTML: a participant's name such as
``<b>Ana & co</b>`` is shown as typed, never interpreted. Button labels are not parsed by Telegram, so
they are rendered without escaping (``plain``).
"""

from __future__ import annotations

import tomllib
from functools import cached_property
from pathlib import Path
from typing import Any

from jinja2 import Environment, StrictUndefined, Template

SUPPORTED_LANGUAGES = ("es", "en")
CONTENT_DIR = Path(__file__).resolve().parent.parent / "content"
LANGUAGE_NAMES = {"es": "Español", "en": "English"}


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


def resolve_language(chosen: str | None, telegram_code: str | None, default: str) -> str:
    """The person's own choice, else what their Telegram app says, else the workshop's default."""
    if chosen in SUPPORTED_LANGUAGES:
        return chosen
    prefix = (telegram_code or "").split("-")[0].lower()
    if prefix in SUPPORTED_LANGUAGES:
        return prefix
    return default if default in SUPPORTED_LANGUAGES else SUPPORTED_LANGUAGES[0]


class Texts:
    """The interface catalogues, loaded and compiled once at start-up."""

    def __init__(self, content_dir: Path = CONTENT_DIR) -> None:
        self._html_env = Environment(autoescape=True, undefined=StrictUndefined, keep_trailing_newline=False)
        self._plain_env = Environment(autoescape=False, undefined=StrictUndefined)
        self.sources: dict[str, dict[str, str]] = {}
        for language in SUPPORTED_LANGUAGES:
            merged: dict[str, str] = {}
            # messages.toml, messages_participant.toml, ...: one file per flow, one key space.
            for path in sorted((content_dir / language).glob("messages*.toml")):
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

    def _template(self, cache: dict, env: Environment, language: str, key: str) -> Template:
        found = cache.get((language, key))
        if found is None:
            source = self.sources.get(language, {}).get(key)
            if source is None:
                raise KeyError(f"no text {key!r} in {language!r}")
            found = cache[(language, key)] = env.from_string(source)
        return found

    def html(self, language: str, key: str, /, **params: Any) -> str:
        """A message body for ``parse_mode=HTML``: parameters escaped."""
        return self._template(self._html, self._html_env, language, key).render(**params)

    def plain(self, language: str, key: str, /, **params: Any) -> str:
        """A button label or a document caption sent without parse mode."""
        return self._template(self._plain, self._plain_env, language, key).render(**params)

    @cached_property
    def all_keys(self) -> set[str]:
        return set().union(*(self.keys(language) for language in SUPPORTED_LANGUAGES))


def load_toml(language: str, relative: str, content_dir: Path = CONTENT_DIR) -> dict[str, Any]:
    """A content file of one language, e.g. ``load_toml("en", "briefings/reintegration.toml")``."""
    return tomllib.loads((content_dir / language / relative).read_text(encoding="utf-8"))
