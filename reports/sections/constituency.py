"""Support by constituency in the roadmap: a compact table beside the plenary's priorities (each
recommendation the plenary took a stand on, its supports / objections / dots by kind of participant, how many
countries backed it, how broad its support is) and the short mark printed beside each flagged recommendation.

Counts only, as the mapper gives them (``Item.constituency``); nothing is printed while the vote is open,
since the mapper gives nothing then.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.platypus import Flowable, TableStyle

from reports.context import ReportContext
from reports.fonts import report_font
from reports.lines import HeadedTable
from reports.model import Item
from reports.styles import RULE
from reports.text import para

# The columns, in the order the bot's breakdown gives them (bot.domain.constituency.KINDS, which a test holds this
# to): the summary's order of who took part, every kind a column even where a row has none of it.
KINDS = ("government", "observer", "civil_society")


def standing(ctx: ReportContext, item: Item) -> str:
    """Its flags as one reading (escaped markup), "" without any: "Broad support, but contested: objected to by 2
    countries" where both apply, as "Broad support · Contested" read as two opposite labels (session 8's reading)
    and "Broad support; objected to by 2 countries" as a contradiction of the key, which calls that "contested"
    (session 12's)."""
    found = item.constituency
    if found is None or not (found.broad or found.contested):
        return ""
    L = ctx.labels
    if not found.contested:
        return para(L("constituency.broad"))
    objected = L.plural("constituency.objected", found.objecting_countries)
    return para(L("constituency.broad_objected" if found.broad else "constituency.contested_objected",
                  objected=objected))


def mark(ctx: ReportContext, item: Item) -> str:
    """The mark beside a flagged recommendation's reference ("" when it has none)."""
    words = standing(ctx, item)
    return f' <font size="8">[{words}]</font>' if words else ""


def _stood_on(item: Item) -> bool:
    found = item.constituency
    return found is not None and any(s or o or d for _, s, o, d in found.by_kind)


def table(ctx: ReportContext) -> list[Flowable]:
    """The breakdown of every published recommendation the plenary took a stand on, in the order of the
    priorities (most votes first); nothing when there is none (a draft before the vote closed)."""
    L, S = ctx.labels, ctx.styles
    recs = sorted((i for i in ctx.data.items if i.kind == "recommendation" and i.published and _stood_on(i)),
                  key=lambda i: (-i.votes, i.id))
    if not recs:
        return []
    # Each kind under the name the summary's participation table gives it, wrapped at its spaces: a shorter
    # header ("Organismos e invitados", "Observers and invited") was shortened differently in each edition.
    # The cells' format in each kind's heading: under the note alone, "13 / 0 / 10" could not be read.
    head = [L("constituency.recommendation"),
            *(f'{L(f"participant_kind.{k}")} {L("constituency.cell_format")}' for k in KINDS),
            L("constituency.countries"), L("constituency.flags")]
    rows = [[ctx.p(para(h), S.cell_head) for h in head]]
    for item in recs:
        counts = {kind: (s, o, d) for kind, s, o, d in item.constituency.by_kind}
        ref = ctx.link(item, ctx.ref(item))
        if ctx.data.final and item.status == "set_aside":  # listed among the adopted, it read as one of them
            ref += f"<br/>({para(ctx.status(item))})"
        # An empty cell read as missing data: "–" says there is no flag.
        cells = [ref, *("{} / {} / {}".format(*counts.get(k, (0, 0, 0))) for k in KINDS),
                 str(item.constituency.countries), standing(ctx, item) or "–"]
        rows.append([ctx.p(cell, S.cell) for cell in cells])
    # The kinds' columns as wide as their names' longest word ("Organizaciones") needs, within the frame; the
    # references' wide enough for "(descartada)" whole.
    grid = HeadedTable(rows, colWidths=(72, *(90,) * len(KINDS), 62, 77), hAlign="LEFT", repeatRows=1)
    grid.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, RULE), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                              ("FONT", (0, 0), (-1, -1), report_font().regular, 8.5),
                              ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef2f6"))]))
    note = L("constituency.note", countries=ctx.data.broad_support_countries, objecting=ctx.data.contested_countries,
             section=L("sections.recommendations" if ctx.data.final else "sections.recommendations_draft"))
    return [ctx.heading(L("constituency.title"), 1), ctx.p(para(note), S.intro), grid]
