"""Interface texts of the reports, read from `content/<lang>/report.toml`.

Participants' items are never translated; only the words around them are. The same keys exist in every language
(a project-wide test checks the pairs), so a missing key is a bug and raises instead of printing the key.
"""

from __future__ import annotations

import tomllib
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

DEFAULT_LANGUAGE = "es"


class Labels:
    """Dotted-key lookup with `str.format` placeholders: `labels("fields.votes", votes=3)`."""

    def __init__(self, language: str, table: dict[str, Any]):
        self.language = language
        self._table = table

    def __call__(self, key: str, **values: Any) -> str:
        node: Any = self._table
        for part in key.split("."):
            node = node[part]
        return node.format(**values) if values else node

    def get(self, key: str, default: str) -> str:
        """For open sets (participant kinds): a known value is translated, an unknown one shown as given."""
        try:
            return self(key)
        except (KeyError, TypeError):
            return default

    def date_span(self, start: date, end: date) -> str:
        months = self._table["dates"]["months"]
        if start == end:
            return self("dates.single", d1=start.day, month=months[start.month - 1], year=start.year)
        if (start.year, start.month) == (end.year, end.month):
            return self("dates.same_month", d1=start.day, d2=end.day, month=months[start.month - 1],
                        year=start.year)
        if start.year == end.year:
            return self("dates.same_year", d1=start.day, month1=months[start.month - 1], d2=end.day,
                        month2=months[end.month - 1], year=start.year)
        return self("dates.span", d1=start.day, month1=months[start.month - 1], year1=start.year,
                    d2=end.day, month2=months[end.month - 1], year2=end.year)


@cache
def load_labels(language: str) -> Labels:
    """Labels for `language`, falling back to the default language if the report has no texts in it."""
    root = resources.files("content")
    path = root / language / "report.toml"
    if not path.is_file():
        language, path = DEFAULT_LANGUAGE, root / DEFAULT_LANGUAGE / "report.toml"
    return Labels(language, tomllib.loads(path.read_text(encoding="utf-8")))
