"""Small steps the tests share: invitations straight into the store, walking a person through registration,
and the buttons of the item conversations."""

from __future__ import annotations

from bot.domain.invitations import new_token
from bot.storage import Storage


async def table_id_of(storage: Storage, workshop_id: int, table: str | None) -> int | None:
    """The stored id of a working table given by its code (``"A"``); None for no table."""
    if table is None:
        return None
    return {t.code: t.id for t in await storage.working_tables(workshop_id)}[table]


async def invitation(storage: Storage, workshop_id: int, role: str = "participant", table: str | None = None,
                     **limits) -> str:
    table_id = await table_id_of(storage, workshop_id, table)
    created = await storage.create_invitation(workshop_id, new_token(), role, table_id, **limits)
    return created.token


async def choose_language(user, token: str, language: str = "English") -> None:
    """Open the invitation link and pick the language of the conversation."""
    await user.send_text(f"/start {token}")
    await user.wait_for(lambda m: m.has_button(language))
    await user.press(language)


async def answer_questions(user, name: str, affiliation: str, institution: str, position: str):
    """From the name question on: name, country or organisation, institution, position. Returns the notice
    about personal data, with its accept and decline buttons."""
    await user.ask(name)
    await user.press(affiliation)
    await user.next_message()
    await user.ask(institution)
    return await user.ask(position)


async def register(user, token: str, *, language: str = "Español", name: str = "Ana Pérez",
                   affiliation: str = "Guatemala", institution: str = "Instituto Guatemalteco de Migración",
                   position: str = "Directora", table: str | None = "Grupo A"):
    """Open the link, choose a language, answer the five questions, accept the notice, pick a table."""
    await choose_language(user, token, language)
    await user.wait_for(lambda m: "?" in m.text and not m.buttons)  # the name question
    notice = await answer_questions(user, name, affiliation, institution, position)
    await user.press(notice.buttons[0][0][0])  # accept
    if table is None:
        return await user.next_message()
    choose = await user.wait_for(lambda m: any(t.startswith(table) for t in m.button_texts))
    label = next(t for t in choose.button_texts if t.startswith(table))
    await user.press(label)
    return await user.wait_for(lambda m: table in m.text)


async def seat(storage, workshop_id: int, telegram_id: int, name: str, *, role: str = "participant",
               table: str | None = None, country: str | None = "GT", language: str = "es") -> int:
    """A registered member written straight into the store, for tests about what comes after registration."""
    person = await storage.touch_person(telegram_id, name.split()[0], language)
    await storage.set_language(person.id, language)
    table_id = await table_id_of(storage, workshop_id, table)
    await storage.join_workshop(workshop_id, person.id, role, table_id if role != "participant" else None)
    await storage.complete_registration(workshop_id, person.id, {
        "full_name": name, "country": country, "institution": "Institución", "position": "Cargo"})
    if role == "participant" and table_id is not None:
        await storage.set_table(workshop_id, person.id, table_id)
    return person.id


async def item(storage, workshop_id: int, author_id: int, kind: str = "challenge", *, level: str = "individual",
               dimensions=("economic",), attribution: str = "named", language: str = "es", table: str | None = None,
               links=(), **details) -> int:
    """An item written straight into the store."""
    table_id = await table_id_of(storage, workshop_id, table)
    defaults = {"challenge": {"description": "Falta de empleo formal"},
                "good_practice": {"name": "Ventanilla única", "where": "San Salvador", "run_by": "Gobierno",
                                  "achieved": "Atención a 5.000 personas"},
                "recommendation": {"action": "Crear una mesa interinstitucional", "scope": "national",
                                   "actors": ["national_authorities"], "timeframe": "short"}}[kind]
    created, _ = await storage.submit_contribution(
        workshop_id=workshop_id, author_id=author_id, kind=kind, level=level, dimensions=list(dimensions),
        details={**defaults, **details}, attribution=attribution, language=language, table_id=table_id,
        links=list(links))
    return created.id


async def open_phase(storage: Storage, workshop_id: int, code: str, table: str | None = None,
                     state: str = "open") -> None:
    """Open (or close) a phase by hand, as a moderator would: ``code`` is the workshop file's phase id."""
    import datetime as dt

    table_id = await table_id_of(storage, workshop_id, table)
    at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    await storage.set_phase_state(workshop_id, code, state, table_id, at)


async def participant(emulator, storage: Storage, workshop_id: int, user_id: int, *, english: bool = False,
                      table: str | None = "A", name: str | None = None, affiliation: str | None = None):
    """A registered participant seated at ``table`` (a table code), in Spanish or English."""
    user = emulator.user(user_id, "Ana" if not english else "John", language_code="en" if english else "es")
    token = await invitation(storage, workshop_id)
    table_name = None if table is None else ("Group " if english else "Grupo ") + table
    await register(user, token, language="English" if english else "Español",
                   name=name or ("John Smith" if english else "Ana Pérez"),
                   affiliation=affiliation or ("Mexico" if english else "Guatemala"), table=table_name)
    if table is None:
        await user.wait_for(lambda m: len(m.buttons) == 3)  # the choice of a table, after the last answer
    return user


async def person_id(storage: Storage, telegram_id: int) -> int:
    return await storage.fetch_value("SELECT id FROM people WHERE telegram_id = ?", (telegram_id,))


async def tick(user, option: str, done: str, message=None) -> None:
    """Tick one option of a list, wait until it shows as ticked, and close the list with ``done``."""
    await user.press(option, message=message)
    await user.wait_for(lambda m: f"✓ {option}" in m.button_texts)
    await user.press(done, message=message)


async def choose(user, option: str, then: str):
    """Press ``option`` once it is offered; returns the next question, the message offering ``then``."""
    await user.wait_for(lambda m: m.has_button(option))
    await user.press(option)
    return await user.wait_for(lambda m: m.has_button(then))
