"""Phases of the agenda: scheduled in the workshop file, opened and closed by hand or by the clock."""

from __future__ import annotations

from bot.domain.records import PhaseRow


def _phase(row) -> PhaseRow:
    return PhaseRow(**{key: row[key] for key in PhaseRow.__dataclass_fields__})


class PhaseStore:
    async def phases(self, workshop_id: int) -> list[PhaseRow]:
        rows = await self.fetch_all(
            "SELECT * FROM phases WHERE workshop_id = ? ORDER BY opens_at, code, table_id", (workshop_id,)
        )
        return [_phase(r) for r in rows]

    async def set_phase_state(self, workshop_id: int, code: str, state: str, table_id: int | None, at: str,
                              actor_id: int | None = None) -> tuple[PhaseRow, bool]:
        """Open or close a phase by hand, for the workshop or for one table (a table's own row wins).

        Returns the row and whether its state changed: a second press on "open" writes nothing, so nobody
        is told twice."""
        async with self.transaction() as tx:
            base = await tx.fetch_one(
                "SELECT * FROM phases WHERE workshop_id = ? AND code = ? AND table_id IS NULL", (workshop_id, code)
            )
            if base is None:
                raise KeyError(code)
            row = await tx.fetch_one(
                "SELECT * FROM phases WHERE workshop_id = ? AND code = ? AND table_id IS ?",
                (workshop_id, code, table_id),
            )
            if (row or base)["state"] == state:
                return _phase(row or base), False
            if row is None:
                phase_id = await tx.execute(
                    "INSERT INTO phases (workshop_id, code, kind, table_id, opens_at, closes_at, reminder_minutes) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (workshop_id, code, base["kind"], table_id, base["opens_at"], base["closes_at"],
                     base["reminder_minutes"]),
                )
            else:
                phase_id = row["id"]
            stamp = "opened_at" if state == "open" else "closed_at"
            await tx.execute(f"UPDATE phases SET state = ?, {stamp} = ? WHERE id = ?", (state, at, phase_id))
            await self.record_audit(tx, workshop_id, actor_id, f"phase_{state}", table_id=table_id,
                                    target_id=phase_id, after={"code": code, "state": state})
            return _phase(await tx.fetch_one("SELECT * FROM phases WHERE id = ?", (phase_id,))), True
