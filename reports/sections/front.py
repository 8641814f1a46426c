"""Cover, contents and summary: what a reader sees before the detail."""

from __future__ import annotations

from collections import Counter

from babel.lists import format_list
from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.platypus import Flowable, PageBreak, Spacer, Table, TableStyle

from reports.context import ReportContext
from reports.document import FRAME_HEIGHT, Contents
from reports.fonts import report_font
from reports.labels import load_labels
from reports.lines import HeadedTable
from reports.model import KINDS
from reports.sections import constituency
from reports.styles import ACCENT, RULE
from reports.text import para, plain

# Okabe & Ito's palette, told apart by the common forms of colour blindness (and in grey print, by the values
# written on each bar): blue, orange, bluish green, reddish purple, sky blue, vermillion, yellow.
SAFE_COLOURS = tuple(colors.HexColor(c) for c in
                     ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442"))


def cover(ctx: ReportContext, kind_label: str) -> list[Flowable]:
    L, S, data = ctx.labels, ctx.styles, ctx.data
    workshop = data.workshop
    story: list[Flowable] = [Spacer(1, 60), ctx.p(para(workshop.title, 300), S.title)]
    if workshop.subtitle:
        story.append(ctx.p(para(workshop.subtitle, 300), S.subtitle))
    story.append(ctx.p(kind_label, S.subtitle))
    story.append(ctx.p(para(workshop.place), S.cover))
    story.append(ctx.p(para(L.date_span(workshop.starts_on, workshop.ends_on)), S.cover))
    if data.final and data.adopted_at:
        story.append(Spacer(1, 10))
        story.append(ctx.p(f"<b>{L('document.adopted', date=ctx.day(data.adopted_at))}</b>", S.cover))
    if workshop.organisers:
        story.append(Spacer(1, 18))
        story.append(ctx.p(f"<i>{L('document.organisers')}</i>", S.cover))
        story.append(ctx.p("<br/>".join(para(o, 300) for o in workshop.organisers), S.cover))
    if not data.final:
        story.append(ctx.p(L("document.draft"), S.cover_draft))
        story.append(Spacer(1, 24))
        story.append(ctx.p(L("document.generated", generated=ctx.when(data.generated_at)), S.provenance))
    return story


def contents(ctx: ReportContext) -> list[Flowable]:
    """The contents page, with what the references' letters mean; `ctx.toc` is still filling when this is
    called, the flowable reads it at build."""
    return [PageBreak(), ctx.p(ctx.labels("document.contents"), ctx.styles.toc_title),
            ctx.p(reference_key(ctx), ctx.styles.note), Contents(ctx.toc)]


def reference_key(ctx: ReportContext) -> str:
    """"Referencias de los aportes: R- reto, BP- buena práctica, Rec- recomendación (en la edición en inglés, con
    el mismo número: C-, G- y R-).": each edition has its own letters, so in a meeting held in both languages
    "R-59" is a recommendation in English and a challenge in Spanish (issue 12's reading, finding 32). The
    other edition named is the workshop's first other language whose letters differ."""
    L = ctx.labels
    letters = format_list([f"{ctx.ref_prefix(kind)}- {_lower_first(L(f'kind.{kind}'))}" for kind in KINDS],
                          locale=L.locale)
    for language in ctx.data.workshop.languages or ():
        other = load_labels(language)
        prefixes = [other(f"ref.{kind}") for kind in KINDS]
        if language == ctx.data.language or prefixes == [ctx.ref_prefix(kind) for kind in KINDS]:
            continue
        return L("document.references_other", letters=letters, language=L.language_name(language),
                 others=format_list([f"{prefix}-" for prefix in prefixes], locale=L.locale))
    return L("document.references", letters=letters)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def summary(ctx: ReportContext) -> list[Flowable]:
    L, S = ctx.labels, ctx.styles
    story: list[Flowable] = [ctx.part(), ctx.heading(L("sections.summary"), 0)]
    story += participation(ctx)
    story.append(ctx.heading(L("sections.items_by_type"), 1))
    # The first column holds its longest row on one line ("− No decididas en la lectura conjunta").
    story.append(_grid(ctx, items_by_type(ctx), widths=(180, 95, 100, 105), numbers=True))
    consolidated = sum(1 for i in ctx.data.items if i.consolidated and i.kind == "recommendation"
                       and ctx.in_roadmap(i))
    notes = [L("summary.items_note")]
    if consolidated:
        notes.append(L.plural("summary.table_recommendations", consolidated))
    if ctx.data.final:
        notes.append(listed_apart(ctx, L("summary.items_note_final")))
    story.append(ctx.p(" ".join(notes), S.note))
    story.append(ctx.heading(L("sections.map"), 1))
    story.append(heat_table(ctx))
    story.append(ctx.p(L("summary.map_note"), S.note))
    if ctx.data.workshop.levels and ctx.data.workshop.dimensions:
        story.append(chart(ctx))
    story.append(ctx.heading(L("sections.top_recommendations"), 1))
    story += top_recommendations(ctx)
    story += constituency.table(ctx)  # issue 13: who backed them, by kind of participant
    return story


def listed_apart(ctx: ReportContext, sentence: str) -> str:
    """`sentence` (ending in a full stop) followed by what the final edition lists apart ("; las descartadas se
    listan aparte."), naming only what there is: with no recommendation left undecided, "y las no decididas"
    promised a list the reader would look for in vain (issue 12, second reading, point 20)."""
    recs = [item for item in ctx.data.items if item.kind == "recommendation" and item.published]
    set_aside = ctx.data.final and any(item.status == "set_aside" for item in recs)
    undecided = any(ctx.undecided(item) for item in recs)
    if not (set_aside or undecided):
        return sentence
    which = "both" if set_aside and undecided else "set_aside" if set_aside else "undecided"
    return f"{sentence.rstrip('.')}; {ctx.labels(f'summary.apart_{which}')}."


def participation(ctx: ReportContext) -> list[Flowable]:
    """Delegations and organisations apart from the people in them, and the institutions those people came
    from (a column of its own, named for what it counts: as a sentence after the note on the staff, "They
    represented 30 institutions" read as said of the moderators); those who ran the workshop (moderators, the
    secretariat) on a line of their own, never counted as observers."""
    L, counts = ctx.labels, ctx.data.participation
    institutions = dict(counts.institutions_by_kind)
    # The column says something only where some delegation or organisation sent people of several institutions:
    # where it equals the people in every row (one person per institution) it repeats that column.
    with_institutions = bool(counts.delegations) and any(institutions.values()) and any(
        (institutions.get(kind) or 0) != people for kind, _, people in counts.delegations)
    rows = [["", L("summary.groups"), *([L("summary.institutions")] if with_institutions else []),
             L("summary.people")]]
    groups_total = people_total = 0
    if counts.delegations:
        for kind, groups, people in counts.delegations:
            # People who came on their own (no delegation, no organisation) make no group: a dash, not "0".
            rows.append([para(L.get(f"participant_kind.{kind}", kind), 80), str(groups) if groups else "–",
                         *([str(institutions.get(kind) or "–")] if with_institutions else []), str(people)])
            groups_total += groups
            people_total += people
    else:  # only people per kind are known (older data): delegations of member states are the countries
        for kind, people in counts.by_kind:
            groups = counts.countries if kind == "government" else None
            rows.append([para(L.get(f"participant_kind.{kind}", kind), 80),
                         "–" if groups is None else str(groups), str(people)])
            groups_total += groups or 0
            people_total += people
    # The total counts those who took part; the staff follow on a line of their own, as the introduction
    # says them apart ("24 people took part … 5 moderators and members of the secretariat ran the workshop").
    rows.append([f"<b>{L('summary.participation_total')}</b>", f"<b>{groups_total}</b>",
                 *([f"<b>{sum(institutions.values())}</b>"] if with_institutions else []),
                 f"<b>{max(people_total, counts.participants - counts.staff)}</b>"])
    if counts.staff:
        rows.append([ctx.staff_label("summary.staff"), "–", *(["–"] if with_institutions else []), str(counts.staff)])
    widths = (210, 105, 85, 70) if with_institutions else (230, 130, 70)
    story: list[Flowable] = [ctx.heading(L("sections.participation"), 1),
                             _grid(ctx, rows, widths=widths, numbers=True)]
    notes = [ctx.staff_label("summary.participation_note")] if counts.delegations or counts.by_kind else []
    if with_institutions:
        notes.append(L("summary.institutions_note"))
    elif 0 < counts.institutions < counts.participants - counts.staff:
        # Only where it tells something the table does not: "30 people came from 30 institutions" said only
        # that each came from their own (issue 12, third reading, point 9).
        notes.append(L.plural("summary.institutions_line", counts.institutions))
    if notes:
        story.append(ctx.p(" ".join(notes), ctx.styles.note))
    return story


# The steps of "Items by type", in order, with the sign each adds to the sum its last row gives ("in the
# roadmap = sent - rejected - merged - consolidated + drafted by the tables - set aside - not decided"). The
# reading's two outcomes that leave the roadmap are two rows, each named as the heading of its list: one row
# "not adopted" counted both under a third name (brief H3, point 1).
ITEM_STEPS = (("total", 1), ("rejected", -1), ("merged", -1), ("consolidated", -1), ("tables_own", 1),
                ("set_aside", -1), ("undecided", -1))
# Steps shown only where some item went through them (tables that drafted nothing, a draft edition).
ITEM_STEPS_IF_ANY = frozenset({"consolidated", "tables_own", "set_aside", "undecided"})
# Steps only recommendations go through: a dash, not "0", for the other kinds (a number if one ever did).
RECOMMENDATIONS_ONLY = frozenset({"consolidated", "tables_own", "set_aside", "undecided"})


def item_counts(ctx: ReportContext) -> dict[str, Counter]:
    """Per step of `ITEM_STEPS` (and "published"), its count per kind. Every item lands in one of
    rejected, merged, consolidated (taken into a table's recommendation), set aside or not decided (published,
    but in the final edition a recommendation the reading set aside or did not decide) or in the roadmap, and
    came in as sent by a participant or drafted by a table (its rapporteur's consolidated recommendation, not a sent
    item): so each row adds up, and the reader can check it. Merging and consolidating are counted apart: the
    moderators joining copies of one proposal is not the rapporteur drafting one recommendation from several."""
    counts: dict[str, Counter] = {key: Counter() for key, _ in ITEM_STEPS}
    counts["published"] = Counter()
    for item in ctx.data.items:
        counts["tables_own" if item.consolidated else "total"][item.kind] += 1
        if item.status == "rejected":
            counts["rejected"][item.kind] += 1
        elif item.status == "merged":
            counts["merged"][item.kind] += 1
        elif item.consolidated_into is not None:
            counts["consolidated"][item.kind] += 1
        elif ctx.in_roadmap(item):
            counts["published"][item.kind] += 1
        else:
            counts["undecided" if ctx.undecided(item) else "set_aside"][item.kind] += 1
    return counts


def item_steps(counts: dict[str, Counter]) -> list[tuple[str, int]]:
    return [(key, sign) for key, sign in ITEM_STEPS
            if key not in ITEM_STEPS_IF_ANY or sum(counts[key].values())]


def items_by_type(ctx: ReportContext) -> list[list[str]]:
    """A column per kind, a row per step, each signed, down to the last row: what is in the roadmap
    (`ReportContext.in_roadmap`) = sent − rejected − merged − consolidated + drafted by the tables − set
    aside − not decided, as `item_counts` counts them, so a reader can check the sum. With the steps as columns (the
    first version), the last two steps had no column, and a row read 30 − 0 − 3 − 7 = 22."""
    L = ctx.labels
    counts = item_counts(ctx)
    rows = [["", *(L(f"kinds.{kind}") for kind in KINDS)]]
    for n, (key, sign) in enumerate(item_steps(counts)):
        label = L(f"summary.{key}") if not n else f"{'+' if sign > 0 else '−'} {L(f'summary.{key}')}"
        rows.append([label, *("–" if key in RECOMMENDATIONS_ONLY and kind != "recommendation"
                              and not counts[key][kind] else str(counts[key][kind]) for kind in KINDS)])
    rows.append([f"<b>= {L('summary.published')}</b>", *(f"<b>{counts['published'][kind]}</b>" for kind in KINDS)])
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
    style = [("GRID", (0, 0), (-1, -1), 0.5, RULE), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
             ("FONT", (0, 0), (-1, -1), report_font().regular, 8.5)]
    for r, level in enumerate(workshop.levels, start=1):
        row: list = [ctx.p(para(level.name, 60), S.cell_head)]
        for c, dim in enumerate(workshop.dimensions, start=1):
            counts = cells.get((level.id, dim.id), Counter())
            row.append(" · ".join(f"{p} {counts[k]}" for p, k in zip(prefixes, KINDS, strict=True)))
            share = sum(counts.values()) / peak
            style.append(("BACKGROUND", (c, r), (c, r), _tint(share)))
        rows.append(row)
    width = 470 / max(1, len(workshop.dimensions) + 1)
    table = WholeTable(rows, colWidths=[width] * (len(workshop.dimensions) + 1), hAlign="LEFT")
    table.setStyle(TableStyle(style))
    return table


class WholeTable(Table):
    """A table read as one figure (the level × dimension map): it moves whole to the next page, its heading with
    it, rather than leave the heading and the header row at the foot of one page and the levels on the next
    (issue 12, second reading, point 9). One taller than a page still splits by rows."""

    def split(self, availWidth, availHeight):
        _, height = self.wrap(availWidth, availHeight)
        return [] if height <= FRAME_HEIGHT else super().split(availWidth, availHeight)


def _tint(share: float) -> colors.Color:
    """White to a light accent, light enough for dark text on every cell."""
    return colors.linearlyInterpolatedColor(colors.white, ACCENT, 0, 1, 0.08 + 0.45 * share if share else 0)


def chart(ctx: ReportContext) -> Drawing:
    """Published contributions per level (groups) and dimension (bars), each bar with its value written on it,
    in colours told apart by colour-blind readers (graphics strings are not markup: `plain`)."""
    workshop, L = ctx.data.workshop, ctx.labels
    font = report_font()
    cells = level_dimension_counts(ctx)
    dims = workshop.dimensions
    drawing = Drawing(470, 200)
    drawing.initialFontName = font.regular  # else the renderer starts in Helvetica, a font it never embeds
    bars = VerticalBarChart()
    bars.x, bars.y, bars.width, bars.height = 34, 30, 300, 140
    bars.data = [[sum(cells.get((level.id, dim.id), Counter()).values()) for level in workshop.levels]
                 for dim in dims]
    bars.categoryAxis.categoryNames = [plain(level.name, 22) for level in workshop.levels]
    for labels in (bars.categoryAxis.labels, bars.valueAxis.labels, bars.barLabels):
        labels.fontName, labels.fontSize = font.regular, 8
    bars.valueAxis.valueMin = 0
    peak = max((v for series in bars.data for v in series), default=0)
    bars.valueAxis.valueMax = max(4, peak + max(1, peak // 8))
    bars.valueAxis.visibleGrid = 1
    bars.valueAxis.gridStrokeColor = RULE
    bars.valueAxis.gridStrokeWidth = 0.3
    bars.barLabelFormat = "%d"
    bars.barLabels.nudge = 6
    bars.barSpacing = 1
    bars.groupSpacing = 12
    for n in range(len(dims)):
        bars.bars[n].fillColor = SAFE_COLOURS[n % len(SAFE_COLOURS)]
        bars.bars[n].strokeColor = colors.white
        bars.bars[n].strokeWidth = 0.5
    legend = Legend()
    legend.x, legend.y = 350, 165
    legend.fontName, legend.fontSize = font.regular, 8
    legend.alignment = "right"
    legend.colorNamePairs = [(SAFE_COLOURS[n % len(SAFE_COLOURS)], plain(dim.name, 30)) for n, dim in enumerate(dims)]
    drawing.add(bars)
    drawing.add(legend)
    drawing.add(String(34, 184, plain(L("summary.chart_title"), 90), fontName=font.bold, fontSize=9))
    return drawing


def top_recommendations(ctx: ReportContext) -> list[Flowable]:
    """The recommendations of the roadmap that got votes, by rank (ties share one); those without votes are
    not ranked, and if the plenary placed none the section says so instead of ranking zeros. Each by its
    reference (a link to its row in the roadmap table) and its text shortened as the commitments list quotes it:
    the roadmap table sets it out in full, and printed whole here too it was read three times (session 8)."""
    L, S = ctx.labels, ctx.styles
    recs = [i for i in ctx.data.items if i.kind == "recommendation" and ctx.in_roadmap(i)]
    if not recs:
        return [ctx.p(L("summary.no_recommendations"))]
    ranked = [ctx.items_by_id[item_id] for item_id in ctx.top]
    if not ranked:
        return [ctx.p(L("summary.no_votes"))]
    status = L("fields.outcome") if ctx.data.final else L("fields.status")
    rows = [[ctx.p(L("summary.rank"), S.cell_head), ctx.p(L("roadmap.ref"), S.cell_head),
             ctx.p(L("kind.recommendation"), S.cell_head), ctx.p(L("fields.level"), S.cell_head),
             ctx.p(L("summary.votes"), S.cell_head), ctx.p(status, S.cell_head)]]
    for item in ranked:
        level = ctx.level_name.get(item.level_id, "") if item.level_id else ""
        rows.append([ctx.p(str(ctx.rank[item.id]), S.cell), ctx.p(ctx.link(item, ctx.ref(item), row=True), S.cell),
                     ctx.p(para(ctx.short_title(item), inline=True), S.cell), ctx.p(para(level), S.cell),
                     ctx.p(str(item.votes), S.cell), ctx.p(ctx.status(item), S.cell)])
    table = HeadedTable(rows, colWidths=(46, 50, 201, 68, 40, 76), hAlign="LEFT", repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, RULE), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("FONT", (0, 0), (-1, -1), report_font().regular, 8.5),
                               ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef2f6"))]))
    return [ctx.p(L("summary.top_note"), S.intro), table]


def _grid(ctx: ReportContext, rows: list[list[str]], widths, header: bool = True, numbers: bool = False) -> Table:
    """A small table of our own labels and numbers (cells are markup already escaped); with `numbers`, every
    column but the first is right-aligned."""
    S = ctx.styles
    def style(r: int, c: int):
        if header and r == 0:
            return S.cell_head_number if numbers and c else S.cell_head
        return S.cell_number if numbers and c else S.cell

    cells = [[ctx.p(cell, style(r, c)) for c, cell in enumerate(row)] for r, row in enumerate(rows)]
    table = Table(cells, colWidths=widths, hAlign="LEFT")
    style = [("GRID", (0, 0), (-1, -1), 0.5, RULE), ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
             ("FONT", (0, 0), (-1, -1), report_font().regular, 8.5)]
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef2f6")))
    table.setStyle(TableStyle(style))
    return table
