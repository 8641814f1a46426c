"""Interface texts of the reports, read from `content/<lang>/report.toml`, and the language's own rules for
numbers, dates and names (Babel, from the CLDR data).

Participants' items are never translated; only the words around them are. The same keys exist in every language
(a project-wide test checks the pairs), so a missing key is a bug and raises instead of printing the key.

A label that counts something is a table of plural forms (`votes = { one = "{n} voto", other = "{n} votos" }`):
`labels.plural("fields.votes", 3)` picks the form CLDR's rule gives for 3 in that language ("other" when the
language has a form the table lacks, such as Spanish "many" for a million). Dates are written the way the
language writes them ("8 de septiembre de 2022", "8 September 2022"), times in the workshop's own time zone.
"""

from __future__ import annotations

import tomllib
from datetime import UTC, date, datetime, tzinfo
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel import Locale
from babel.dates import format_date, format_time, get_timezone_location

import content

DEFAULT_LANGUAGE = "es"


class Labels:
    """Dotted-key lookup with `str.format` placeholders: `labels("fields.reason", reason="...")`."""

    def __init__(self, language: str, table: dict[str, Any]):
        self.language = language
        self._table = table
        self.locale = Locale.parse(table.get("dates", {}).get("locale") or language)
        self._plural_cache: dict[int, str] = {}

    def __call__(self, key: str, **values: Any) -> str:
        node = self._node(key)
        if isinstance(node, dict):  # a plural table asked for without a count: its general form
            node = node["other"]
        return node.format(**values) if values else node

    def _node(self, key: str) -> Any:
        node: Any = self._table
        for part in key.split("."):
            node = node[part]
        return node

    def raw(self, key: str) -> Any:
        """The node under `key` as stored (a list or a table), None if there is none."""
        try:
            return self._node(key)
        except (KeyError, TypeError):
            return None

    def get(self, key: str, default: str) -> str:
        """For open sets (participant kinds): a known value is translated, an unknown one shown as given."""
        try:
            return self(key)
        except (KeyError, TypeError):
            return default

    # -- numbers -----------------------------------------------------------------------------------------
    def plural_form(self, n: int) -> str:
        form = self._plural_cache.get(n)
        if form is None:
            form = self.locale.plural_form(abs(n))
            if len(self._plural_cache) < 1000:
                self._plural_cache[n] = form
        return form

    def plural(self, key: str, n: int, **values: Any) -> str:
        """The form of `key` for the count `n` (placeholder `{n}`), by the language's plural rule."""
        forms = self._node(key)
        text = forms.get(self.plural_form(n)) or forms["other"]
        return text.format(n=n, **values)

    # -- names -------------------------------------------------------------------------------------------
    def language_name(self, code: str) -> str:
        """"inglés", "Spanish": a language code as this language names it (labels first, then CLDR)."""
        known = self._table.get("languages", {}).get(code)
        if known:
            return known
        try:
            return self.locale.languages.get(code) or code
        except (AttributeError, TypeError):
            return code

    # -- dates -------------------------------------------------------------------------------------------
    def long_date(self, day: date, form: str = "long") -> str:
        return format_date(day, form, locale=self.locale)

    def moment(self, moment: datetime, zone: tzinfo | None, form: str = "long", zoned: bool = True) -> str:
        """A moment as people in the room read it: the long date and the time in the workshop's time zone,
        and which zone that is ("8 de septiembre de 2022, 17:40 (hora de Ciudad de México)"); not ``zoned``
        where a note above a list of moments names the zone once for all of them."""
        zone = zone or UTC
        local = moment.astimezone(zone) if moment.tzinfo else moment.replace(tzinfo=UTC).astimezone(zone)
        when = format_time(local, "HH:mm", locale=self.locale)
        if not zoned:
            return self("dates.moment_unzoned", date=self.long_date(local.date(), form), time=when)
        return self("dates.moment", date=self.long_date(local.date(), form), time=when, zone=self.zone_name(zone))

    def zone_name(self, zone: tzinfo) -> str:
        if zone is UTC or getattr(zone, "key", "UTC") in ("UTC", "Etc/UTC"):
            return "UTC"
        try:
            city = get_timezone_location(zone, locale=self.locale, return_city=True)
        except (LookupError, ValueError, AttributeError):
            return str(zone)
        return self("dates.zone", city=city)

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


def time_zone(name: str | None) -> tzinfo:
    """The workshop's zone by its IANA name; UTC when it is not given or not known here."""
    if not name:
        return UTC
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return UTC


def content_file(language: str, name: str) -> tuple[str, Path]:
    """The language's `name` file in its content folder (`content.language_dir`: an operator's `CONTENT_PATH`
    first, then the built-in one); the default language's if it has none."""
    folder = content.language_dir(language)
    if folder is None or not (folder / name).is_file():
        language, folder = DEFAULT_LANGUAGE, content.language_dir(DEFAULT_LANGUAGE) or content.BUILT_IN / "es"
    return language, folder / name


def load_labels(language: str) -> Labels:
    """Labels for `language`, falling back to the default language if the report has no texts in it."""
    return _labels(*content_file(language, "report.toml"))


@cache
def _labels(language: str, path: Path) -> Labels:
    return Labels(language, tomllib.loads(path.read_text(encoding="utf-8")))
