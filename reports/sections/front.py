"""Cover, contents and summary: what a reader sees before the detail."""

from __future__ import annotations

from collections import Counter

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.platypus import Flowable, PageBreak, Spacer, Table, TableStyle

from reports.context import ReportContext
from reports.document import Contents
from reports.fonts import report_font
from reports.items import outcome
from reports.model import KINDS
from reports.styles import ACCENT, RULE
from reports.text import excerpt, para, plain

KIND_COLOURS = (colors.HexColor("#b3261e"), colors.HexColor("#2e7d32"), colors.HexColor("#0b5394"))
TOP_RECOMMENDATIONS = 10


def cover(ctx: ReportContext, kind_label: str) -> list[Flowable]:
    L, S, workshop = ctx.labels, ctx.styles, ctx.data.workshop
    story: list[Flowable] = [Spacer(1, 60), ctx.p(para(workshop.title, 300), S.title)]
    if workshop.subtitle:
        story.append(ctx.p(para(workshop.subtitle, 300), S.subtitle))
    story.append(ctx.p(kind_label, S.subtitle))
    story.append(ctx.p(para(workshop.place), S.cover))
    story.append(ctx.p(para(L.date_span(workshop.starts_on, workshop.ends_on)), S.cover))
    if workshop.organisers:
        story.append(Spacer(1, 18))
        story.append(ctx.p(f"<i>{L('document.organisers')}</i>", S.cover))
        story.append(ctx.p("<br/>".join(para(o, 300) for o in workshop.organisers), S.cover))
    if not ctx.data.final:
        story.append(ctx.p(L("document.draft"), S.cover_draft))
    story.append(Spacer(1, 24))
    story.append(ctx.p(L("document.generated", generated=ctx.when(ctx.data.generated_at)), S.small))
    return story


def contents(ctx: ReportContext) -> list[Flowable]:
    """The contents page; `ctx.toc` is still filling when this is called, the flowable reads it at build."""
    return [PageBreak(), ctx.p(ctx.labels("document.contents"), ctx.styles.toc_title), Contents(ctx.toc)]


def summary(ctx: ReportContext) -> list[Flowable]:
    L, S = ctx.labels, ctx.styles
    story: list[Flowable] = [PageBreak(), ctx.heading(L("sections.summary"), 0)]
    story += participation(ctx)
    story.append(ctx.heading(L("sections.items_by_type"), 1))
    story.append(_grid(ctx, items_by_type(ctx), widths=(200, 90, 90)))
    note = L("summary.items_note") + (" " + L("summary.items_note_final") if ctx.data.final else "")
    story.append(ctx.p(note, S.small))
    story.append(ctx.heading(L("sections.map"), 1))
    story.append(heat_table(ctx))
    story.append(ctx.p(L("summary.map_note"), S.small))
    if ctx.data.workshop.levels:
        story.append(chart(ctx))
    story.append(ctx.heading(L("sections.top_recommendations"), 1))
    story += top_recommendations(ctx)
    return story


def participation(ctx: ReportContext) -> list[Flowable]:
    L, counts = ctx.labels, ctx.data.participation
    rows = [
        [L("summary.participants"), str(counts.participants)],
        [L("summary.countries"), str(counts.countries)],
        [L("summary.organisations"), str(counts.organisations)],
        [L("summary.institutions"), str(counts.institutions)],
    ]
    rows += [[para(L.get(f"participant_kind.{kind}", kind), 80), str(n)] for kind, n in counts.by_kind]
    return [ctx.heading(L("sections.participation"), 1), _grid(ctx, rows, widths=(200, 90), header=False)]


def items_by_type(ctx: ReportContext) -> list[list[str]]:
    L = ctx.labels
    """Sent (all but the rejected) and in the roadmap (`ReportContext.in_roadmap`), per kind."""
    total = Counter(item.kind for item in ctx.data.items if item.status != "rejected")
    shown = Counter(item.kind for item in ctx.data.items if ctx.in_roadmap(item))
    rows = [[L("summary.kind"), L("summary.total"), L("summary.published")]]
    rows += [[L(f"kinds.{kind}"), str(total[kind]), str(shown[kind])] for kind in KINDS]
    return rows


def level_dimension_counts(ctx: ReportContext) -> dict[tuple[str, str], Counter]:
    cells: dict[tuple[str, str], Counter] = {}
    for item in ctx.data.items:
        if not ctx.in_roadmap(item) or not item.level_id:
            continue
        for dim in item.dimension_ids:
            cells.setdefault((item.level_id, dim), Counter())[item.kind] += 1
    return cells


def heat_table(ctx: ReportContext) -> Table:
    """Levels as rows, dimensions as columns; the darker the cell, the more was said there (empty cells are
    what moderators should look at)."""
    workshop, S = ctx.data.workshop, ctx.styles
    cells = level_dimension_counts(ctx)
    peak = max((sum(c.values()) for c in cells.values()), default=0) or 1
    prefixes = [ctx.labels(f"ref.{kind}") for kind in KINDS]
    rows = [[""] + [ctx.p(para(d.name, 60), S.cell_head) for d in workshop.dimensions]]
    style = [("GRID", (0, 0), (-1, -1), 0.5, RULE), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    for r, level in enumerate(workshop.levels, start=1):
        row: list = [ctx.p(para(level.name, 60), S.cell_head)]
        for c, dim in enumerate(workshop.dimensions, start=1):
            counts = cells.get((level.id, dim.id), Counter())
            row.append(" · ".join(f"{p} {counts[k]}" for p, k in zip(prefixes, KINDS, strict=True)))
            share = sum(counts.values()) / peak
            style.append(("BACKGROUND", (c, r), (c, r), _tint(share)))
        rows.append(row)
    style.append(("FONT", (1, 1), (-1, -1), report_font().regular, 8.5))
    width = 470 / max(1, len(workshop.dimensions) + 1)
    table = Table(rows, colWidths=[width] * (len(workshop.dimensions) + 1), hAlign="LEFT")
    table.setStyle(TableStyle(style))
    return table


def _tint(share: float) -> colors.Color:
    """White to a light accent, light enough for dark text on every cell."""
    return colors.linearlyInterpolatedColor(colors.white, ACCENT, 0, 1, 0.08 + 0.45 * share if share else 0)


def chart(ctx: ReportContext) -> Drawing:
    """Contributions per level and type as grouped bars (graphics strings are not markup: `plain`)."""
    workshop, L = ctx.data.workshop, ctx.labels
    font = report_font()
    per_level = {level.id: Counter() for level in workshop.levels}
    for item in ctx.data.items:
        if ctx.in_roadmap(item) and item.level_id in per_level:
            per_level[item.level_id][item.kind] += 1
    drawing = Drawing(470, 190)
    bars = VerticalBarChart()
    bars.x, bars.y, bars.width, bars.height = 40, 30, 300, 130
    bars.data = [[per_level[level.id][kind] for level in workshop.levels] for kind in KINDS]
    bars.categoryAxis.categoryNames = [plain(level.name, 22) for level in workshop.levels]
    bars.categoryAxis.labels.fontName = font.regular
    bars.categoryAxis.labels.fontSize = 8
    bars.valueAxis.labels.fontName = font.regular
    bars.valueAxis.labels.fontSize = 8
    bars.valueAxis.valueMin = 0
    for n, colour in enumerate(KIND_COLOURS):
        bars.bars[n].fillColor = colour
    legend = Legend()
    legend.x, legend.y = 360, 150
    legend.fontName, legend.fontSize = font.regular, 8
    legend.colorNamePairs = [(colour, L(f"kinds.{kind}")) for colour, kind in zip(KIND_COLOURS, KINDS,
                                                                                     strict=True)]
    drawing.add(bars)
    drawing.add(legend)
    drawing.add(_caption(L("summary.chart_title"), font.bold))
    return drawing


def _caption(text: str, face: str) -> String:
    return String(40, 172, plain(text, 80), fontName=face, fontSize=9)


def top_recommendations(ctx: ReportContext) -> list[Flowable]:
    L, S = ctx.labels, ctx.styles
    recs = [i for i in ctx.data.items if i.kind == "recommendation" and ctx.in_roadmap(i)]
    if not recs:
        return [ctx.p(L("summary.no_recommendations"))]
    recs.sort(key=lambda i: (-i.votes, i.id))
    rows = [[ctx.p("#", S.cell_head), ctx.p(L("kind.recommendation"), S.cell_head),
             ctx.p(L("fields.priority"), S.cell_head), ctx.p(L("fields.outcome"), S.cell_head)]]
    for item in recs[:TOP_RECOMMENDATIONS]:
        rows.append([ctx.p(ctx.ref(item), S.cell), ctx.p(excerpt(item.action, 240), S.cell),
                     ctx.p(L("fields.votes", votes=item.votes), S.cell), ctx.p(outcome(ctx, item, limit=200), S.cell)])
    table = Table(rows, colWidths=(40, 270, 60, 100), hAlign="LEFT", repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, RULE), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return [table]


def _grid(ctx: ReportContext, rows: list[list[str]], widths, header: bool = True) -> Table:
    """A small table of our own labels and numbers (cells are markup already escaped)."""
    S = ctx.styles
    cells = [[ctx.p(cell, S.cell_head if header and r == 0 else S.cell) for cell in row]
             for r, row in enumerate(rows)]
    table = Table(cells, colWidths=widths, hAlign="LEFT")
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, RULE)]))
    return table
