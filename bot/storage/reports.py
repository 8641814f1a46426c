"""Everything the roadmap, the minutes and the exports read, in a few whole-workshop queries.

Reports are built from thousands of items: a handful of set queries here, rather than a query per item,
keeps building the roadmap proportional to its size.
"""

from __future__ import annotations

import json

from bot.domain.records import WorkshopRows


class ReportStore:
    async def workshop_rows(self, workshop_id: int) -> WorkshopRows:
        rows = WorkshopRows(comments={})
        rows.members = [dict(r) for r in await self.fetch_all(
            "SELECT m.*, p.language AS person_language, p.telegram_language FROM memberships m "
            "JOIN people p ON p.id = m.person_id WHERE m.workshop_id = ? ORDER BY m.id", (workshop_id,))]
        for r in await self.fetch_all("SELECT * FROM contributions WHERE workshop_id = ? ORDER BY id", (workshop_id,)):
            item = dict(r)
            item["details"] = json.loads(item["details"])
            rows.contributions.append(item)
        scope = "(SELECT id FROM contributions WHERE workshop_id = ?)"
        for r in await self.fetch_all(
                f"SELECT contribution_id, dimension FROM contribution_dimensions WHERE contribution_id IN {scope} "
                "ORDER BY dimension", (workshop_id,)):
            rows.dimensions.setdefault(r[0], []).append(r[1])
        for r in await self.fetch_all(
                f"SELECT from_id, to_id, relation FROM contribution_links WHERE from_id IN {scope} ORDER BY to_id",
                (workshop_id,)):
            rows.links.setdefault(r[0], []).append((r[1], r[2]))
        for r in await self.fetch_all(
                f"SELECT contribution_id, person_id, attribution FROM contribution_authors WHERE contribution_id IN "
                f"{scope} ORDER BY rowid", (workshop_id,)):
            rows.authors.setdefault(r[0], []).append((r[1], r[2]))
        for r in await self.fetch_all(
                f"SELECT contribution_id, kind, count(*) FROM feedback WHERE kind != 'comment' AND contribution_id "
                f"IN {scope} GROUP BY contribution_id, kind", (workshop_id,)):
            rows.stances.setdefault(r[0], {})[r[1]] = r[2]
        for r in await self.fetch_all(
                f"SELECT contribution_id, person_id, text, created_at, id FROM feedback WHERE kind = 'comment' AND "
                f"contribution_id IN {scope} ORDER BY id", (workshop_id,)):
            rows.comments.setdefault(r[0], []).append(dict(r))
        for r in await self.fetch_all(
                "SELECT contribution_id, sum(dots) FROM votes WHERE workshop_id = ? GROUP BY contribution_id",
                (workshop_id,)):
            rows.votes[r[0]] = r[1]
        for r in await self.fetch_all(
                f"SELECT contribution_id, snapshot, created_at FROM contribution_versions WHERE contribution_id IN "
                f"{scope} ORDER BY id", (workshop_id,)):
            rows.versions.setdefault(r[0], []).append({**json.loads(r[1]), "replaced_at": r[2]})
        rows.attachments = {r[0]: r[1] or "" for r in await self.fetch_all(
            f"SELECT contribution_id, file_name FROM attachments WHERE id IN (SELECT min(id) FROM attachments "
            f"WHERE contribution_id IN {scope} GROUP BY contribution_id)", (workshop_id,))}
        rows.tables = {r[0]: r[1] for r in await self.fetch_all(
            "SELECT id, code FROM working_tables WHERE workshop_id = ?", (workshop_id,))}
        rows.rapporteurs = {r[0]: r[1] for r in await self.fetch_all(
            "SELECT table_id, person_id FROM roles WHERE workshop_id = ? AND role = 'rapporteur' "
            "AND table_id IS NOT NULL ORDER BY granted_at", (workshop_id,))}
        return rows

    async def workshop_staff(self, workshop_id: int) -> set[int]:
        """The people who ran the workshop (its moderators, secretariat and translators): the reports count them
        apart from the delegations and organisations that took part."""
        return {r[0] for r in await self.fetch_all(
            "SELECT DISTINCT person_id FROM roles WHERE workshop_id = ? AND role IN ('moderator', 'secretariat', "
            "'translator')",
            (workshop_id,))}

    async def staff_roles(self, workshop_id: int) -> list[tuple[int, str, int | None]]:
        """(person, role, table) of every role of those who ran the workshop, in the order given: Annex A names
        each of them once, with what they did."""
        return [(r[0], r[1], r[2]) for r in await self.fetch_all(
            "SELECT person_id, role, table_id FROM roles WHERE workshop_id = ? AND role IN ('moderator', "
            "'secretariat', 'translator') ORDER BY granted_at, rowid", (workshop_id,))]
