"""The editorial work's store: texts in each language, the tables' syntheses and the next steps.

Every change that someone must be told about (a synthesis sent back or approved, a translation given) takes a
list of ``(person id, Notice)`` and writes them in the same transaction (the outbox), so the notice is never lost
nor sent for a change that did not happen.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping

from bot.domain import editorial
from bot.domain.records import NextStep, Notice, Synthesis, Text
from bot.domain.translating import PlenaryText

_NOW = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"
Notices = Iterable[tuple[int, Notice]]


def _text(row) -> Text:
    return Text(row["subject"], row["subject_id"], row["part"], row["language"], row["body"], row["origin"],
                row["written_by"], row["translates"], row["updated_at"])


def _synthesis(row) -> Synthesis:
    return Synthesis(row["table_id"], row["workshop_id"], row["status"], row["language"], row["note"],
                     row["written_by"], row["decided_by"], row["submitted_at"], row["decided_at"], row["updated_at"])


class EditorialStore:
    # -- texts in each language ------------------------------------------------------------------------------

    async def texts(self, workshop_id: int, subject: str | None = None, subject_id: int | None = None) -> list[Text]:
        """Every version of the workshop's texts (of one subject, or of one subject's id)."""
        sql, params = "SELECT * FROM texts WHERE workshop_id = ?", [workshop_id]
        if subject is not None:
            sql, params = sql + " AND subject = ?", [*params, subject]
        if subject_id is not None:
            sql, params = sql + " AND subject_id = ?", [*params, subject_id]
        return [_text(row) for row in await self.fetch_all(sql + " ORDER BY subject, subject_id, part, language",
                                                           params)]

    @staticmethod
    async def _put_text(tx, workshop_id: int, subject: str, subject_id: int, part: str, language: str, body: str,
                        origin: str, person_id: int | None, translates: str | None) -> bool:
        existing = await tx.fetch_one(
            "SELECT origin, body, translates FROM texts WHERE workshop_id = ? AND subject = ? AND subject_id = ? "
            "AND part = ? AND language = ?", (workshop_id, subject, subject_id, part, language))
        if existing is not None and not editorial.may_replace(existing["origin"], origin):
            return False
        if existing is not None and (existing["body"], existing["origin"], existing["translates"]) == (
                body, origin, translates):
            return False  # the same text again (a redelivered update): nothing changes, nobody is told twice
        await tx.execute(
            "INSERT INTO texts (workshop_id, subject, subject_id, part, language, body, origin, written_by, "
            f"translates) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (workshop_id, subject, subject_id, part, "
            f"language) DO UPDATE SET body = excluded.body, origin = excluded.origin, written_by = "
            f"excluded.written_by, translates = excluded.translates, updated_at = {_NOW}",
            (workshop_id, subject, subject_id, part, language, body, origin, person_id, translates))
        return True

    async def set_translation(self, workshop_id: int, subject: str, subject_id: int, part: str, language: str,
                              body: str, *, translates: str, person_id: int | None, machine: bool = False,
                              notices: Notices = ()) -> bool:
        """The text's version in ``language``, made from the wording ``translates``: by a person (or confirmed
        by one), or an unconfirmed machine draft (``machine``, ``person_id`` None), which never replaces what a
        person gave. Returns whether it changed anything."""
        origin = editorial.MACHINE if machine else editorial.TRANSLATION
        async with self.transaction() as tx:
            if subject == editorial.ITEM and part != editorial.EARLIER:
                await self._keep_earlier(tx, workshop_id, subject_id, part, language, translates)
            changed = await self._put_text(tx, workshop_id, subject, subject_id, part, language, body, origin,
                                           None if machine else person_id, translates)
            if changed:
                for person, notice in notices:
                    await self.queue_notice(tx, person, notice)
                if not machine:
                    await self.record_audit(tx, workshop_id, person_id, "translate", target_id=subject_id,
                                            after={"subject": subject, "part": part, "language": language})
        return changed

    async def _keep_earlier(self, tx, workshop_id: int, item_id: int, part: str, language: str,
                            translates: str) -> None:
        """Before an item's text gets a translation of its new wording: a translation made of its first wording
        is kept as that wording's (``editorial.EARLIER``, which the documents print as "Before:"), so
        translating the amended text does not take the earlier one's away; unless the earlier wording has a
        version in that language already."""
        old = await tx.fetch_one(
            "SELECT body, origin, written_by, translates FROM texts WHERE workshop_id = ? AND subject = 'item' "
            "AND subject_id = ? AND part = ? AND language = ?", (workshop_id, item_id, part, language))
        if old is None or old["origin"] == editorial.ORIGINAL or old["translates"] in (None, translates):
            return
        kind = await tx.fetch_one("SELECT kind FROM contributions WHERE id = ?", (item_id,))
        if kind is None or part != editorial.main_part(kind["kind"]):  # the earlier wording is the main text's
            return
        first = await tx.fetch_one("SELECT snapshot FROM contribution_versions WHERE contribution_id = ? "
                                   "ORDER BY id LIMIT 1", (item_id,))
        wording = str((json.loads(first["snapshot"] or "{}").get("details") or {}).get(part, "") or "") \
            if first else ""
        kept = await tx.fetch_one("SELECT 1 FROM texts WHERE workshop_id = ? AND subject = 'item' AND "
                                  "subject_id = ? AND part = ? AND language = ?",
                                  (workshop_id, item_id, editorial.EARLIER, language))
        if wording.strip() and wording.strip() == old["translates"].strip() and kept is None:
            await self._put_text(tx, workshop_id, editorial.ITEM, item_id, editorial.EARLIER, language, old["body"],
                                 old["origin"], old["written_by"], old["translates"].strip())

    async def set_original(self, workshop_id: int, subject: str, subject_id: int, parts: Mapping[str, str],
                           language: str, person_id: int | None) -> None:
        """The workshop's own texts (introduction, conclusions, a next step's parts) as their author writes
        them. A text keeps the language it was first written in; a person writing it again in the other one
        gives its translation."""
        async with self.transaction() as tx:
            await self._write_original(tx, workshop_id, subject, subject_id, parts, language, person_id)
            await self.record_audit(tx, workshop_id, person_id, f"write_{subject}", target_id=subject_id or None)

    async def _write_original(self, tx, workshop_id: int, subject: str, subject_id: int, parts: Mapping[str, str],
                              language: str, person_id: int | None) -> str:
        """Returns the original language of the subject's text."""
        row = await tx.fetch_one(
            "SELECT language FROM texts WHERE workshop_id = ? AND subject = ? AND subject_id = ? AND origin = "
            "'original' LIMIT 1", (workshop_id, subject, subject_id))
        original_language = row["language"] if row else language
        for part, body in parts.items():
            if original_language == language:
                await self._put_text(tx, workshop_id, subject, subject_id, part, language, body,
                                     editorial.ORIGINAL, person_id, None)
                continue
            original = await tx.fetch_one(
                "SELECT body FROM texts WHERE workshop_id = ? AND subject = ? AND subject_id = ? AND part = ? "
                "AND origin = 'original'", (workshop_id, subject, subject_id, part))
            if original is None:  # a part first written now, in this language: it is its original
                await self._put_text(tx, workshop_id, subject, subject_id, part, language, body,
                                     editorial.ORIGINAL, person_id, None)
            else:
                await self._put_text(tx, workshop_id, subject, subject_id, part, language, body,
                                     editorial.TRANSLATION, person_id, original["body"])
        return original_language

    async def first_wordings(self, workshop_id: int) -> dict[int, dict]:
        """Each edited item's first wording (the details of its history's first snapshot), by item id: what an
        amended recommendation read before the joint reading, whose other language the desk asks for
        (``translating.earlier_candidates``)."""
        found: dict[int, dict] = {}
        for row in await self.fetch_all(
                "SELECT v.contribution_id, v.snapshot FROM contribution_versions v JOIN contributions c ON c.id = "
                "v.contribution_id WHERE c.workshop_id = ? ORDER BY v.id", (workshop_id,)):
            if row["contribution_id"] not in found:
                found[row["contribution_id"]] = json.loads(row["snapshot"] or "{}").get("details") or {}
        return found

    # -- the plenary's words, in the language each was written in ------------------------------------------

    async def plenary_texts(self, workshop_id: int) -> list[PlenaryText]:
        """The joint reading's reasons, the comments, the objections with the tables' answers, the applied
        amendments (wording before and after, and why) and the declined ones (the wording proposed, why, and the
        table's reason for declining it, which the minutes print) on the workshop's items, each with the language
        it was written in: its writer's (the item's where the writer chose none; a reading's reason recorded
        before its language was, the workshop's default)."""
        item = ("c.id AS item_id, c.kind, c.status, c.table_id, c.details, c.language AS item_language "
                "FROM contributions c")
        found: list[PlenaryText] = []

        def add(row, subject: str, subject_id: int, part: str, body: str | None, language: str) -> None:
            details = json.loads(row["details"] or "{}")
            found.append(PlenaryText(subject, subject_id, part, body or "", language, row["item_id"], row["kind"],
                                     row["status"], row["table_id"],
                                     str(details.get(editorial.main_part(row["kind"]), "") or "")))

        for row in await self.fetch_all(
                f"SELECT c.status_reason, coalesce(c.status_reason_language, w.default_language) AS lang, {item} "
                "JOIN workshops w ON w.id = c.workshop_id WHERE c.workshop_id = ? AND c.status IN "
                "('adopted', 'adopted_amended', 'set_aside') AND coalesce(c.status_reason, '') != ''",
                (workshop_id,)):
            add(row, editorial.READING, row["item_id"], "reason", row["status_reason"], row["lang"])
        for row in await self.fetch_all(
                f"SELECT f.id AS fid, f.kind AS stance, f.text, f.answer, coalesce(p.language, c.language) AS lang, "
                f"coalesce(a.language, c.language) AS answer_lang, {item} JOIN feedback f ON f.contribution_id = "
                "c.id LEFT JOIN people p ON p.id = f.person_id LEFT JOIN people a ON a.id = f.answered_by "
                "WHERE c.workshop_id = ? AND f.kind IN ('comment', 'object') ORDER BY f.id", (workshop_id,)):
            if row["stance"] == "comment":
                add(row, editorial.COMMENT, row["fid"], "text", row["text"], row["lang"])
            else:
                add(row, editorial.OBJECTION, row["fid"], "reason", row["text"], row["lang"])
                add(row, editorial.OBJECTION, row["fid"], "answer", row["answer"], row["answer_lang"])
        # Applied amendments first, then the declined ones, each in the order they were decided.
        for row in await self.fetch_all(
                f"SELECT m.id AS aid, m.status AS outcome, m.before, m.after, m.wording, m.reason, m.decision_reason, "
                f"coalesce(p.language, c.language) AS lang, coalesce(d.language, c.language) AS decision_lang, {item} "
                "JOIN amendments m ON m.contribution_id = c.id LEFT JOIN people p ON p.id = m.person_id "
                "LEFT JOIN people d ON d.id = m.decided_by WHERE c.workshop_id = ? "
                "AND m.status IN ('accepted', 'merged', 'declined') ORDER BY m.status = 'declined', m.decided_at, m.id",
                (workshop_id,)):
            if row["outcome"] == "declined":
                parts = (("wording", row["wording"], row["lang"]), ("reason", row["reason"], row["lang"]),
                         ("decision", row["decision_reason"], row["decision_lang"]))
            else:
                parts = (("before", row["before"], row["item_language"]), ("after", row["after"], row["item_language"]),
                         ("reason", row["reason"], row["lang"]))
            for part, body, language in parts:
                add(row, editorial.AMENDMENT, row["aid"], part, body, language)
        return found

    # -- a table's synthesis ---------------------------------------------------------------------------------

    async def synthesis(self, table_id: int) -> Synthesis | None:
        row = await self.fetch_one("SELECT * FROM syntheses WHERE table_id = ?", (table_id,))
        return None if row is None else _synthesis(row)

    async def syntheses(self, workshop_id: int) -> list[Synthesis]:
        return [_synthesis(row) for row in await self.fetch_all(
            "SELECT * FROM syntheses WHERE workshop_id = ? ORDER BY table_id", (workshop_id,))]

    async def write_synthesis(self, workshop_id: int, table_id: int, parts: Mapping[str, str], language: str,
                              person_id: int | None) -> Synthesis:
        """The rapporteur's wording (some or all parts). Writing again after it was submitted or approved takes
        it back to a draft: the moderator approves the wording that will be printed."""
        async with self.transaction() as tx:
            row = await tx.fetch_one("SELECT * FROM syntheses WHERE table_id = ?", (table_id,))
            if row is None:
                await tx.execute("INSERT INTO syntheses (table_id, workshop_id, language, written_by) "
                                 "VALUES (?, ?, ?, ?)", (table_id, workshop_id, language, person_id))
            original_language = await self._write_original(tx, workshop_id, editorial.SYNTHESIS, table_id, parts,
                                                            language, person_id)
            if original_language == language:  # a translation does not reopen what the moderator approved
                await tx.execute(f"UPDATE syntheses SET status = 'draft', written_by = ?, updated_at = {_NOW} "
                                 "WHERE table_id = ?", (person_id, table_id))
            await self.record_audit(tx, workshop_id, person_id, "write_synthesis", table_id=table_id)
            return _synthesis(await tx.fetch_one("SELECT * FROM syntheses WHERE table_id = ?", (table_id,)))

    async def move_synthesis(self, table_id: int, step: str, person_id: int | None, *, note: str | None = None,
                             notices: Notices = ()) -> Synthesis | None:
        """Submit, send back (with ``note``) or approve; None if that step is not possible from its state now
        (pressed twice, or by two people at once), in which case nobody is told anything."""
        async with self.transaction() as tx:
            row = await tx.fetch_one("SELECT * FROM syntheses WHERE table_id = ?", (table_id,))
            target = editorial.synthesis_step(row["status"] if row else None, step)
            if row is None or target is None:
                return None
            if step == "submit":
                await tx.execute(f"UPDATE syntheses SET status = ?, note = NULL, submitted_at = {_NOW}, "
                                 f"updated_at = {_NOW} WHERE table_id = ?", (target, table_id))
            else:
                await tx.execute(f"UPDATE syntheses SET status = ?, note = ?, decided_by = ?, decided_at = {_NOW}, "
                                 f"updated_at = {_NOW} WHERE table_id = ?", (target, note, person_id, table_id))
            for person, notice in notices:
                await self.queue_notice(tx, person, notice)
            await self.record_audit(tx, row["workshop_id"], person_id, f"synthesis_{step}", table_id=table_id,
                                    before={"status": row["status"]}, after={"status": target, "note": note})
            return _synthesis(await tx.fetch_one("SELECT * FROM syntheses WHERE table_id = ?", (table_id,)))

    # -- next steps ----------------------------------------------------------------------------------------

    async def next_steps(self, workshop_id: int) -> list[NextStep]:
        return [NextStep(r["id"], r["workshop_id"], r["position"], r["by_when"], r["language"], r["created_by"])
                for r in await self.fetch_all(
                    "SELECT * FROM next_steps WHERE workshop_id = ? ORDER BY position, id", (workshop_id,))]

    async def add_next_step(self, workshop_id: int, step: str, who: str, by_when: str | None, language: str,
                            person_id: int | None) -> int:
        async with self.transaction() as tx:
            position = (await tx.fetch_one("SELECT coalesce(max(position), 0) + 1 FROM next_steps "
                                           "WHERE workshop_id = ?", (workshop_id,)))[0]
            step_id = await tx.execute(
                "INSERT INTO next_steps (workshop_id, position, by_when, language, created_by) VALUES (?, ?, ?, ?, ?)",
                (workshop_id, position, by_when, language, person_id))
            await self._write_original(tx, workshop_id, editorial.NEXT_STEP, step_id,
                                       {editorial.STEP: step, editorial.WHO: who}, language, person_id)
            await self.record_audit(tx, workshop_id, person_id, "add_next_step", target_id=step_id)
        return step_id

    async def update_next_step(self, workshop_id: int, step_id: int, parts: Mapping[str, str], language: str,
                               person_id: int | None, *, by_when: str | None = None) -> bool:
        async with self.transaction() as tx:
            if not await tx.fetch_one("SELECT 1 FROM next_steps WHERE id = ? AND workshop_id = ?",
                                      (step_id, workshop_id)):
                return False
            if by_when is not None:
                await tx.execute("UPDATE next_steps SET by_when = ? WHERE id = ?", (by_when, step_id))
            await self._write_original(tx, workshop_id, editorial.NEXT_STEP, step_id, parts, language, person_id)
            await self.record_audit(tx, workshop_id, person_id, "edit_next_step", target_id=step_id)
        return True

    async def remove_next_step(self, workshop_id: int, step_id: int, person_id: int | None) -> bool:
        async with self.transaction() as tx:
            removed = await tx.execute("DELETE FROM next_steps WHERE id = ? AND workshop_id = ?",
                                       (step_id, workshop_id))
            if removed:
                await tx.execute("DELETE FROM texts WHERE workshop_id = ? AND subject = 'next_step' AND "
                                 "subject_id = ?", (workshop_id, step_id))
                await self.record_audit(tx, workshop_id, person_id, "remove_next_step", target_id=step_id)
        return bool(removed)

    async def set_next_step_date(self, workshop_id: int, step_id: int, by_when: str | None,
                                 person_id: int | None) -> bool:
        """A next step's date, or none (``update_next_step`` leaves the date alone when given None)."""
        async with self.transaction() as tx:
            changed = await tx.execute("UPDATE next_steps SET by_when = ? WHERE id = ? AND workshop_id = ?",
                                       (by_when, step_id, workshop_id))
            if changed:
                await self.record_audit(tx, workshop_id, person_id, "edit_next_step", target_id=step_id,
                                        after={"by_when": by_when})
        return bool(changed)

    async def attendance_rows(self, workshop_id: int) -> tuple[list[dict], dict[int, set[str]]]:
        """Who took part, for the introduction's facts: the registered members' affiliations, and the roles of
        each person who ran the workshop (`staff_roles`: counted as the reports count them)."""
        members = [dict(r) for r in await self.fetch_all(
            "SELECT person_id, country, organisation, other_affiliation FROM memberships WHERE workshop_id = ? "
            "AND registered_at IS NOT NULL AND forgotten_at IS NULL ORDER BY id", (workshop_id,))]
        staff: dict[int, set[str]] = {}
        for person, role, _ in await self.staff_roles(workshop_id):
            staff.setdefault(person, set()).add(role)
        return members, staff
