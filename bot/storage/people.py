"""People, their membership of a workshop, and their roles in it."""

from __future__ import annotations

from bot.domain.records import Membership, Person, Role

_MEMBERSHIP_FIELDS = ("full_name", "country", "organisation", "other_affiliation", "institution", "position")


def _person(row) -> Person:
    return Person(row["id"], row["telegram_id"], row["first_name"], row["language"],
                  row["telegram_language"], row["current_workshop_id"])


def _membership(row) -> Membership:
    return Membership(**{key: row[key] for key in Membership.__dataclass_fields__})


class PeopleStore:
    async def arrival(self, update_id: int, telegram_id: int, first_name: str | None,
                      telegram_language: str | None) -> tuple[bool, Person | None]:
        """Was this update handled already, and who sent it: one trip to the database for what every update
        needs first. The person is created on first contact (None only for a redelivered update)."""
        row = await self.fetch_one(
            "SELECT (SELECT 1 FROM processed_updates WHERE update_id = ?) AS seen, p.* FROM (SELECT 1) AS one "
            "LEFT JOIN people p ON p.telegram_id = ?", (update_id, telegram_id),
        )
        if row["seen"]:
            return True, None
        return False, await self.touch_person(telegram_id, first_name, telegram_language,
                                              known=row if row["id"] is not None else None)

    async def touch_person(self, telegram_id: int, first_name: str | None, telegram_language: str | None,
                           known=None) -> Person:
        """The person behind an update, created on first contact; Telegram's details kept current."""
        row = known or await self.fetch_one("SELECT * FROM people WHERE telegram_id = ?", (telegram_id,))
        if row is not None and row["first_name"] == first_name and row["telegram_language"] == telegram_language \
                and row["blocked_at"] is None:
            return _person(row)
        async with self.transaction() as tx:
            await tx.execute(
                "INSERT INTO people (telegram_id, first_name, telegram_language) VALUES (?, ?, ?) "
                "ON CONFLICT (telegram_id) DO UPDATE SET first_name = excluded.first_name, "
                "telegram_language = excluded.telegram_language, blocked_at = NULL",
                (telegram_id, first_name, telegram_language),
            )
            row = await tx.fetch_one("SELECT * FROM people WHERE telegram_id = ?", (telegram_id,))
        return _person(row)

    async def person(self, person_id: int) -> Person | None:
        row = await self.fetch_one("SELECT * FROM people WHERE id = ?", (person_id,))
        return None if row is None else _person(row)

    async def set_language(self, person_id: int, language: str) -> None:
        await self.write("UPDATE people SET language = ? WHERE id = ?", (language, person_id))

    async def mark_blocked(self, person_id: int) -> None:
        """The person blocked the bot: stop writing to them until they come back."""
        async with self.transaction() as tx:
            await tx.execute(
                "UPDATE people SET blocked_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?", (person_id,)
            )

    async def membership(self, workshop_id: int, person_id: int) -> Membership | None:
        row = await self.fetch_one(
            "SELECT * FROM memberships WHERE workshop_id = ? AND person_id = ?", (workshop_id, person_id)
        )
        return None if row is None else _membership(row)

    async def roles(self, workshop_id: int, person_id: int) -> list[Role]:
        rows = await self.fetch_all(
            "SELECT role, table_id FROM roles WHERE workshop_id = ? AND person_id = ? ORDER BY role, table_id",
            (workshop_id, person_id),
        )
        return [Role(r["role"], r["table_id"]) for r in rows]

    async def join_workshop(self, workshop_id: int, person_id: int, role: str, table_id: int | None = None) -> None:
        """Membership plus a role; joining twice with the same role changes nothing."""
        async with self.transaction() as tx:
            await self._join(tx, workshop_id, person_id, role, table_id)

    async def _join(self, tx, workshop_id: int, person_id: int, role: str, table_id: int | None) -> None:
        await tx.execute(
            "INSERT INTO memberships (workshop_id, person_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
            (workshop_id, person_id),
        )
        exists = await tx.fetch_one(
            "SELECT 1 FROM roles WHERE workshop_id = ? AND person_id = ? AND role = ? AND table_id IS ?",
            (workshop_id, person_id, role, table_id),
        )
        if exists is None:
            await tx.execute(
                "INSERT INTO roles (workshop_id, person_id, role, table_id) VALUES (?, ?, ?, ?)",
                (workshop_id, person_id, role, table_id),
            )
        await tx.execute("UPDATE people SET current_workshop_id = ? WHERE id = ?", (workshop_id, person_id))

    async def update_membership(self, workshop_id: int, person_id: int, **fields: str | None) -> None:
        unknown = set(fields) - set(_MEMBERSHIP_FIELDS)
        if unknown:
            raise ValueError(f"not membership fields: {sorted(unknown)}")
        assignments = ", ".join(f"{name} = :{name}" for name in fields)
        async with self.transaction() as tx:
            await tx.execute(
                f"UPDATE memberships SET {assignments} WHERE workshop_id = :w AND person_id = :p",
                {**fields, "w": workshop_id, "p": person_id},
            )

    async def set_role_credit(self, workshop_id: int, person_id: int, choice: str) -> None:
        """How a member of staff is credited for their role (``bot.domain.membership.ROLE_CREDITS``)."""
        await self.write("UPDATE memberships SET role_credit = ? WHERE workshop_id = ? AND person_id = ?",
                         (choice, workshop_id, person_id))

    async def complete_registration(self, workshop_id: int, person_id: int, profile: dict[str, str | None]) -> None:
        """Profile and consent land together: a registration is either whole or absent."""
        values = {name: profile.get(name) for name in _MEMBERSHIP_FIELDS}
        async with self.transaction() as tx:
            await tx.execute(
                "UPDATE memberships SET full_name = :full_name, country = :country, organisation = :organisation, "
                "other_affiliation = :other_affiliation, institution = :institution, position = :position, "
                "consent_at = coalesce(consent_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), "
                "registered_at = coalesce(registered_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), "
                "forgotten_at = NULL WHERE workshop_id = :w AND person_id = :p",
                {**values, "w": workshop_id, "p": person_id},
            )

    async def forget_member(self, workshop_id: int, person_id: int) -> None:
        """Erase personal data; the person's items stay, shown anonymously from now on."""
        async with self.transaction() as tx:
            await tx.execute(
                "UPDATE memberships SET full_name = NULL, other_affiliation = NULL, institution = NULL, "
                "position = NULL, consent_at = NULL, registered_at = NULL, "
                "forgotten_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE workshop_id = ? AND person_id = ?",
                (workshop_id, person_id),
            )
            await tx.execute(
                "UPDATE contributions SET attribution = 'anonymous' WHERE workshop_id = ? AND author_id = ?",
                (workshop_id, person_id),
            )
            await tx.execute(
                "UPDATE contribution_authors SET attribution = 'anonymous' WHERE person_id = ? AND contribution_id "
                "IN (SELECT id FROM contributions WHERE workshop_id = ?)", (person_id, workshop_id),
            )
            await tx.execute("DELETE FROM dialogues WHERE person_id = ?", (person_id,))

    async def set_table(self, workshop_id: int, person_id: int, table_id: int) -> bool:
        """Seat a member at a table if it has room; False when the table is full."""
        async with self.transaction() as tx:
            row = await tx.fetch_one(
                "SELECT t.capacity, (SELECT count(*) FROM memberships m WHERE m.table_id = t.id "
                "AND m.person_id != ? AND m.forgotten_at IS NULL) AS taken FROM working_tables t "
                "WHERE t.id = ? AND t.workshop_id = ?", (person_id, table_id, workshop_id),
            )
            if row is None or row["taken"] >= row["capacity"]:
                return False
            await tx.execute(
                "UPDATE memberships SET table_id = ? WHERE workshop_id = ? AND person_id = ?",
                (table_id, workshop_id, person_id),
            )
        return True

    async def staff_menus(self) -> list[tuple[int, int, str | None, str | None, set[str]]]:
        """(telegram id, current workshop id, chosen language, Telegram's language, roles) of everyone with a
        staff role in their current workshop (the language their menu is in is the workshop's rule to say)."""
        rows = await self.fetch_all(
            "SELECT p.telegram_id, p.current_workshop_id, p.language, p.telegram_language, "
            "group_concat(r.role) FROM roles r JOIN people p ON p.id = r.person_id "
            "AND p.current_workshop_id = r.workshop_id WHERE p.blocked_at IS NULL GROUP BY p.id "
            "HAVING sum(r.role != 'participant') > 0")
        return [(r[0], r[1], r[2], r[3], set(r[4].split(","))) for r in rows]
