"""What every section of a report needs at hand: the data, the texts, the styles, lookups and the headings.

Built once per report so that the per-item work is dictionary lookups and string joins (a roadmap may hold
thousands of items), and so that each section module stays a plain function of this context.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from reportlab.platypus import Paragraph

from reports.document import Heading
from reports.fonts import ReportFont, report_font
from reports.labels import Labels, load_labels
from reports.model import KINDS, Item, RoadmapData
from reports.styles import Styles, report_styles
from reports.text import MAX_FIELD_CHARS, one_line, para

META_OPEN = '<font size="7.5" color="#52606d">'
META_CLOSE = "</font>"
SEP = " · "


class ReportContext:
    """One per build (it collects the headings for the contents); never shared between threads."""

    def __init__(self, data: RoadmapData):
        self.data = data
        self.labels: Labels = load_labels(data.language)
        self.styles: Styles = report_styles()
        self.font: ReportFont = report_font()
        workshop = data.workshop
        self.level_name = {level.id: level.name for level in workshop.levels}
        self.dimension_name = {dim.id: dim.name for dim in workshop.dimensions}
        self.dimension_order = {dim.id: n for n, dim in enumerate(workshop.dimensions)}
        self.table_name = {table.id: table.name for table in workshop.tables}
        self.country_name = {country.id: country.name for country in workshop.countries}
        self.organisation_name = {org.id: org.name for org in workshop.organisations}
        self.items_by_id: dict[int, Item] = {item.id: item for item in data.items}
        briefing = data.briefing or {}
        self.stakeholder_name = _names(briefing.get("stakeholders"), "name")
        self.crosscutting_name = _names(briefing.get("crosscutting"), "name")
        self.group_name = _names(briefing.get("groups"), "name")
        self.source_number = {key: n for n, key in enumerate(_table(briefing.get("sources")), start=1)}
        self._source_pattern = re.compile(
            r"\b(?:" + "|".join(re.escape(k) for k in sorted(self.source_number, key=len, reverse=True)) + r")\b"
        ) if self.source_number else None
        self.toc: list[tuple[int, str, str]] = []
        self._headings = 0
        self._prefix = {kind: self.labels(f"ref.{kind}") for kind in KINDS}
        self.anonymous = self.labels("document.anonymous")
        self._truncated = " " + self.labels("document.truncated")

    # -- structure -------------------------------------------------------------------------------------
    def heading(self, text: str, level: int, in_toc: bool | None = None) -> Heading:
        """A heading at outline `level` (0-2); levels 0 and 1 are listed in the contents unless told."""
        style = (self.styles.h1, self.styles.h2, self.styles.h3)[min(level, 2)]
        self._headings += 1
        key = f"h{self._headings}"
        heading = Heading(text, style, key=key, level=level, in_toc=level < 2 if in_toc is None else in_toc)
        if heading.in_toc:
            self.toc.append((level, heading.title, key))
        return heading

    def briefing(self, *path: str) -> Any:
        node: Any = self.data.briefing or {}
        for part in path:
            node = node.get(part) if isinstance(node, Mapping) else None
            if node is None:
                return None
        return node

    def field(self, text: str | None) -> str:
        """A participant's text field as markup, shortened with a visible note past `MAX_FIELD_CHARS`."""
        return para(text, MAX_FIELD_CHARS, self._truncated)

    def p(self, markup: str, style=None) -> Paragraph:
        return Paragraph(markup, style or self.styles.body)

    # -- items -----------------------------------------------------------------------------------------
    def ref(self, item: Item) -> str:
        return f"{self._prefix[item.kind]}-{item.id}"

    def survivor(self, item_id: int) -> Item | None:
        """The published item standing for `item_id`: itself, or what it was merged into (followed to the
        end), or the table's recommendation that consolidated it; None if it was rejected or is unknown."""
        seen = set()
        item = self.items_by_id.get(item_id)
        while item is not None and not item.published:
            target = item.merged_into if item.status == "merged" else item.consolidated_into
            if target is None or item.id in seen:
                return None
            seen.add(item.id)
            item = self.items_by_id.get(target)
        return item

    def credit(self, item: Item) -> str:
        """The author's credit as they chose, followed by those of merged authors, each once."""
        credits = [item.credit or self.anonymous]
        for credit in item.merged_credits:
            credit = credit or self.anonymous
            if credit not in credits:
                credits.append(credit)
        return "; ".join(credits)

    def names(self, ids, lookup: Mapping[str, str]) -> str:
        return ", ".join(lookup.get(i, i) for i in ids)

    def dimensions(self, item: Item) -> str:
        return self.names(item.dimension_ids, self.dimension_name)

    def undecided(self, item: Item) -> bool:
        """A recommendation the final roadmap shows as not decided: the joint reading ended without it."""
        return self.data.final and item.kind == "recommendation" and item.published and not item.decided

    def in_roadmap(self, item: Item) -> bool:
        """Counted as part of the roadmap: published and, in the final version, a recommendation only if the
        joint reading adopted it (set-aside and undecided ones are listed apart)."""
        if not item.published:
            return False
        return not (self.data.final and item.kind == "recommendation" and not item.adopted)

    def status(self, item: Item) -> str:
        if self.undecided(item):
            return self.labels("status.undecided")
        return self.labels.get(f"status.{item.status}", para(item.status))

    def status_plain(self, item: Item) -> str:
        if self.undecided(item):
            return self.labels("status.undecided")
        return self.labels.get(f"status.{item.status}", one_line(item.status, 40))

    def meta(self, parts: list[str]) -> str:
        """Small grey line under an item; `parts` are already markup."""
        return META_OPEN + SEP.join(p for p in parts if p) + META_CLOSE

    def common_meta(self, item: Item) -> list[str]:
        """Dimensions, table, credit, pending review, language if not the report's: the grey line of an item."""
        L = self.labels
        parts = []
        if item.dimension_ids:
            parts.append(f"{L('fields.dimensions')}: {para(self.dimensions(item))}")
        if item.table_id:
            parts.append(para(self.table_name.get(item.table_id, item.table_id)))
        parts.append(f"{L('fields.credit')}: {para(self.credit(item))}")
        if item.status == "submitted" and item.kind != "recommendation":
            parts.append(self.status(item))
        if item.language and item.language != self.data.language:
            parts.append(para(item.language))
        return parts

    def source_ref(self, source: Any) -> str:
        """The briefing's "s002 §4.1; s004 Metodología" as " ([2] §4.1; [4] Metodología)", numbered as in the
        Sources list; an unknown id is shown as written."""
        if not source:
            return ""
        text = para(str(source), 300)
        if self._source_pattern is not None:
            text = self._source_pattern.sub(lambda m: f"[{self.source_number[m.group(0)]}]", text)
        return f" {META_OPEN}({text}){META_CLOSE}"

    def when(self, moment: datetime) -> str:
        text = moment.strftime("%Y-%m-%d %H:%M")
        return f"{text} {moment.tzname()}" if moment.tzinfo else text


def _table(node: Any) -> Mapping[str, Any]:
    return node if isinstance(node, Mapping) else {}


def _names(node: Any, field: str) -> dict[str, str]:
    return {key: str(value.get(field, key)) if isinstance(value, Mapping) else str(value)
            for key, value in _table(node).items()}
