"""Small steps the tests share: invitations straight into the store, and walking a person through registration."""

from __future__ import annotations

from bot.invitations import new_token
from bot.storage import Storage


async def invitation(storage: Storage, workshop_id: int, role: str = "participant", table: str | None = None,
                     **limits) -> str:
    table_id = None
    if table is not None:
        table_id = {t.code: t.id for t in await storage.working_tables(workshop_id)}[table]
    created = await storage.create_invitation(workshop_id, new_token(), role, table_id, **limits)
    return created.token


async def register(user, token: str, *, language: str = "Español", name: str = "Ana Pérez",
                   affiliation: str = "Guatemala", institution: str = "Instituto Guatemalteco de Migración",
                   position: str = "Directora", table: str | None = "Grupo A"):
    """Open the link, choose a language, answer the five questions, accept the notice, pick a table."""
    await user.send_text(f"/start {token}")
    await user.wait_for(lambda m: m.has_button(language))
    await user.press(language)
    await user.wait_for(lambda m: "?" in m.text and not m.buttons)  # the name question
    await user.ask(name)
    await user.press(affiliation)
    await user.next_message()
    await user.ask(institution)
    notice = await user.ask(position)
    await user.press(notice.buttons[0][0][0])  # accept
    if table is None:
        return await user.next_message()
    choose = await user.wait_for(lambda m: any(t.startswith(table) for t in m.button_texts))
    label = next(t for t in choose.button_texts if t.startswith(table))
    await user.press(label)
    return await user.wait_for(lambda m: table in m.text)
