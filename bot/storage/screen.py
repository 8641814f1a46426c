"""The room's screen: its links (one live link per workshop, revocable) and the few counts it shows.

The counts are aggregates only: no name, institution or Telegram id leaves these queries, since the screen is
read by a whole room. A country is counted only for items whose authors let their country be shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.domain import lifecycle
from bot.storage.database import placeholders

if TYPE_CHECKING:
    from bot.storage import Storage

_LIVE = "SELECT token FROM screen_links WHERE workshop_id = ? AND revoked_at IS NULL ORDER BY id DESC LIMIT 1"
_REVOKE = ("UPDATE screen_links SET revoked_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') "
           "WHERE workshop_id = ? AND revoked_at IS NULL")


async def live_link(storage: Storage, workshop_id: int) -> str | None:
    """The workshop's screen token in force, if any."""
    return await storage.fetch_value(_LIVE, (workshop_id,))


async def open_link(storage: Storage, workshop_id: int, token: str, actor_id: int | None, *,
                    replace: bool = False) -> str:
    """The live token: the one in force (``token`` unused), or ``token`` when there is none or ``replace`` asks
    for a new one (the old one revoked in the same transaction, so two links are never both live)."""
    async with storage.transaction() as tx:
        found = await tx.fetch_one(_LIVE, (workshop_id,))
        if found is not None and not replace:
            return found[0]
        if found is not None:
            await tx.execute(_REVOKE, (workshop_id,))
        await tx.execute("INSERT INTO screen_links (workshop_id, token, created_by) VALUES (?, ?, ?)",
                         (workshop_id, token, actor_id))
        await storage.record_audit(tx, workshop_id, actor_id, "screen_link_opened")
    return token


async def revoke_links(storage: Storage, workshop_id: int, actor_id: int | None) -> bool:
    """Every live screen link of the workshop stops working at once. False when there was none."""
    async with storage.transaction() as tx:
        changed = await tx.execute(_REVOKE, (workshop_id,))
        if changed:
            await storage.record_audit(tx, workshop_id, actor_id, "screen_link_revoked")
    return bool(changed)


async def workshop_of(storage: Storage, token: str) -> int | None:
    """The workshop a live token shows; None for a revoked or unknown one."""
    return await storage.fetch_value(
        "SELECT workshop_id FROM screen_links WHERE token = ? AND revoked_at IS NULL", (token,))


async def map_cells(storage: Storage, workshop_id: int) -> dict[tuple[str, str], int]:
    """(level, dimension) -> challenges and good practices on the map (``lifecycle.ON_THE_MAP``); an item
    with two dimensions counts in both cells."""
    rows = await storage.fetch_all(
        "SELECT c.level, d.dimension, count(*) FROM contributions c JOIN contribution_dimensions d "
        "ON d.contribution_id = c.id WHERE c.workshop_id = ? AND c.kind IN ('challenge', 'good_practice') "
        f"AND c.status IN {placeholders(lifecycle.ON_THE_MAP)} GROUP BY c.level, d.dimension",
        (workshop_id, *lifecycle.ON_THE_MAP))
    return {(r[0], r[1]): r[2] for r in rows}


async def country_rows(storage: Storage, workshop_id: int) -> list[tuple[str | None, str, int]]:
    """(the author's country, or None when anonymous or unknown; kind; how many) of the items on the map."""
    rows = await storage.fetch_all(
        "SELECT CASE WHEN c.attribution = 'anonymous' THEN NULL ELSE m.country END AS country, c.kind, count(*) "
        "FROM contributions c LEFT JOIN memberships m ON m.workshop_id = c.workshop_id AND m.person_id = c.author_id "
        "WHERE c.workshop_id = ? AND c.kind IN ('challenge', 'good_practice') "
        f"AND c.status IN {placeholders(lifecycle.ON_THE_MAP)} GROUP BY 1, c.kind",
        (workshop_id, *lifecycle.ON_THE_MAP))
    return [(r[0], r[1], r[2]) for r in rows]


async def table_status_counts(storage: Storage, workshop_id: int) -> list[tuple[int | None, str, int]]:
    """(table id, status, how many) of the recommendations the members wrote at the tables (not the
    rapporteurs' consolidated ones, which are the tables' own)."""
    rows = await storage.fetch_all(
        "SELECT table_id, status, count(*) FROM contributions WHERE workshop_id = ? AND kind = 'recommendation' "
        "AND consolidated = 0 GROUP BY table_id, status", (workshop_id,))
    return [(r[0], r[1], r[2]) for r in rows]
