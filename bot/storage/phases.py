"""Phases of the agenda: scheduled in the workshop file, opened and closed by hand or by the clock."""

from __future__ import annotations

import datetime as dt

from bot.domain import clock
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

    # -- the agenda's own transitions -----------------------------------------------------------------

    async def active_workshops(self) -> list[int]:
        """Workshops whose agenda still runs: a closed or archived one has no phase left to open or close."""
        rows = await self.fetch_all(
            "SELECT id FROM workshops WHERE status = 'open' AND reading_ended_at IS NULL ORDER BY id")
        return [r["id"] for r in rows]

    async def phase(self, phase_id: int) -> PhaseRow | None:
        row = await self.fetch_one("SELECT * FROM phases WHERE id = ?", (phase_id,))
        return None if row is None else _phase(row)

    async def set_phase_schedule(self, workshop_id: int, code: str, table_id: int | None, *,
                                 opens_at: str | None = None, closes_at: str | None = None,
                                 reminder_minutes: int | None = None) -> PhaseRow:
        """Move a phase in the agenda (for the workshop or for one table's own row)."""
        async with self.transaction() as tx:
            row = await tx.fetch_one("SELECT * FROM phases WHERE workshop_id = ? AND code = ? AND table_id IS ?",
                                     (workshop_id, code, table_id))
            if row is None:
                raise KeyError(code)
            await tx.execute(
                "UPDATE phases SET opens_at = coalesce(?, opens_at), closes_at = coalesce(?, closes_at), "
                "reminder_minutes = coalesce(?, reminder_minutes) WHERE id = ?",
                (opens_at, closes_at, reminder_minutes, row["id"]),
            )
            await self.record_audit(tx, workshop_id, None, "phase_schedule", table_id=table_id, target_id=row["id"],
                                    before={"opens_at": row["opens_at"], "closes_at": row["closes_at"]},
                                    after={"opens_at": opens_at or row["opens_at"],
                                           "closes_at": closes_at or row["closes_at"]})
            return _phase(await tx.fetch_one("SELECT * FROM phases WHERE id = ?", (row["id"],)))

    async def phase_transition(self, phase_id: int, event: str, expected_at: str | None,
                               now: dt.datetime) -> PhaseRow | None:
        """Apply one scheduled event (open / remind / close) if it still applies; None when it does not.

        The check and the write happen in one transaction, so however many times a job fires (a restart,
        a job re-created), the table is opened, reminded and closed once.
        """
        async with self.transaction() as tx:
            found = await tx.fetch_one("SELECT * FROM phases WHERE id = ?", (phase_id,))
            if found is None:
                return None
            phase = _phase(found)
            scheduled = {"open": phase.opens_at, "remind": phase.closes_at, "close": phase.closes_at}[event]
            if scheduled != expected_at:
                return None  # the agenda moved since this job was planned; its replacement will act
            closes, opened = clock.parse(phase.closes_at), clock.parse(phase.opened_at)
            stamp = clock.iso(now)
            if event == "open":
                if phase.state != "scheduled" or (closes and now >= closes):
                    return None
                await tx.execute("UPDATE phases SET state = 'open', opened_at = ? WHERE id = ?", (stamp, phase_id))
            elif event == "remind":
                if phase.state == "closed" or phase.reminded_at or phase.reminder_minutes <= 0:
                    return None
                await tx.execute("UPDATE phases SET reminded_at = ? WHERE id = ?", (stamp, phase_id))
            else:
                if phase.state == "closed" or (opened and closes and opened >= closes):
                    return None  # closed by hand, or reopened by hand after its time: the moderator decides
                await tx.execute("UPDATE phases SET state = 'closed', closed_at = ? WHERE id = ?", (stamp, phase_id))
            if event != "remind":
                await self.record_audit(tx, phase.workshop_id, None, f"agenda_{event}", table_id=phase.table_id,
                                        target_id=phase_id, before={"state": phase.state},
                                        after={"code": phase.code, "state": "open" if event == "open" else "closed"})
            return _phase(await tx.fetch_one("SELECT * FROM phases WHERE id = ?", (phase_id,)))
