"""Support by constituency in the roadmap: a compact table beside the plenary's priorities (each
recommendation the plenary took a stand on, its supports / objections / dots by kind of participant, how many
countries backed it, its flags) and the short mark printed beside each flagged recommendation.

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

KINDS = ("government", "civil_society", "observer")  # the columns, in the order the bot's breakdown gives them


def flags(ctx: ReportContext, item: Item) -> list[str]:
    """The item's flags as printed words (escaped markup): "Broad support", "Contested"."""
    found = item.constituency
    if found is None:
        return []
    return [para(ctx.labels(f"constituency.{flag}")) for flag in ("broad", "contested") if getattr(found, flag)]


def mark(ctx: ReportContext, item: Item) -> str:
    """The mark beside a flagged recommendation's reference ("" when it has none)."""
    words = flags(ctx, item)
    return f' <font size="8">[{" · ".join(words)}]</font>' if words else ""


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
    head = [L("constituency.recommendation"), *(L(f"participant_kind.{k}") for k in KINDS),
            L("constituency.countries"), L("constituency.flags")]
    rows = [[ctx.p(para(h), S.cell_head) for h in head]]
    for item in recs:
        counts = {kind: (s, o, d) for kind, s, o, d in item.constituency.by_kind}
        cells = [ctx.link(item, ctx.ref(item)),
                 *("{} / {} / {}".format(*counts.get(k, (0, 0, 0))) for k in KINDS),
                 str(item.constituency.countries), ", ".join(flags(ctx, item))]
        rows.append([ctx.p(cell, S.cell) for cell in cells])
    # The kinds' columns as wide as their names' longest word ("Organizaciones") needs, within the frame.
    grid = HeadedTable(rows, colWidths=(46, 90, 90, 90, 60, 105), hAlign="LEFT", repeatRows=1)
    grid.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, RULE), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                              ("FONT", (0, 0), (-1, -1), report_font().regular, 8.5),
                              ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef2f6"))]))
    note = L("constituency.note", countries=ctx.data.broad_support_countries)
    return [ctx.heading(L("constituency.title"), 1), ctx.p(para(note), S.intro), grid]
