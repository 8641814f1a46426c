"""Recommendations at a working table: level fixed to the table's, links to items of that level."""

from tests.helpers import choose, open_phase, participant, person_id, tick


async def _seed(storage, workshop_id, author, level, count, kind="challenge"):
    created = []
    for n in range(count):
        item, _ = await storage.submit_contribution(
            workshop_id=workshop_id, author_id=author, kind=kind, level=level, dimensions=["social"],
            details={"description" if kind == "challenge" else "name": f"{kind} {level} {n}"},
            attribution="named", language="es")
        created.append(item)
    return created


async def test_a_spanish_participant_sends_a_recommendation_linked_to_challenges(bot, emulator, workshop_id):
    storage = bot.storage
    ana = await participant(emulator, storage, workshop_id, 7001, table="A")
    pid = await person_id(storage, 7001)
    challenges = await _seed(storage, workshop_id, pid, "individual", 8)
    await _seed(storage, workshop_id, pid, "community", 2)
    [practice] = await _seed(storage, workshop_id, pid, "individual", 1, kind="good_practice")
    await open_phase(storage, workshop_id, "tables", table="A")
    first = await ana.ask("/recommend")
    assert "Nueva recomendación" in first.text and "¿Qué acción recomiendas?" in first.text
    dims = await ana.ask("Crear una ventanilla única de reintegración en cada municipio")
    await tick(ana, "Económica", "Listo", message=dims)
    await ana.wait_for(lambda m: m.has_button("Regional (entre países)"))
    await ana.press("Nacional (en cada país)")
    actors = await ana.wait_for(lambda m: m.has_button("Listo") and len(m.buttons) > 5)
    local = next(t for t in actors.button_texts if t.startswith("Gobiernos"))
    await tick(ana, local, "Listo", message=actors)
    await ana.wait_for(lambda m: m.has_button("Corto plazo"))
    await ana.press("Mediano plazo")
    links = await ana.wait_for(lambda m: "retos ya enviados" in m.text)
    refs = [t for t in links.button_texts if t.startswith("R-")]
    assert len(refs) == 6 and "Siguiente ›" in links.button_texts  # 8 challenges of the level, paged
    await ana.press(refs[0], message=links)
    await ana.wait_for(lambda m: m.message_id == links.message_id and f"✓ {refs[0]}" in m.button_texts)
    await ana.press("Siguiente ›", message=links)
    page2 = await ana.wait_for(lambda m: m.message_id == links.message_id and "‹ Anterior" in m.button_texts)
    later = [t for t in page2.button_texts if t.startswith("R-")]
    assert len(later) == 2 and all("community" not in t for t in later)
    await ana.press(later[1], message=page2)
    await ana.wait_for(lambda m: m.message_id == links.message_id and f"✓ {later[1]}" in m.button_texts)
    await ana.press("Listo", message=page2)
    practices = await ana.wait_for(lambda m: "buenas prácticas ya enviadas" in m.text)
    await ana.press(f"BP-{practice.id} · good_practice individual 0", message=practices)
    await ana.wait_for(lambda m: any(t.startswith("✓ BP-") for t in m.button_texts))
    await ana.press("Listo", message=practices)
    cross = await ana.wait_for(lambda m: "temas transversales" in m.text)
    await ana.press(next(t for t in cross.button_texts if t.startswith("Igualdad")), message=cross)
    await ana.wait_for(lambda m: any(t.startswith("✓ Igualdad") for t in m.button_texts))
    await ana.press("Listo", message=cross)
    groups = await ana.wait_for(lambda m: "¿A qué grupos afecta más?" in m.text)
    await tick(ana, "Mujeres", "Listo", message=groups)  # an action that targets a group names it
    summary = await choose(ana, "Anónimo", "Enviar")
    assert "Nivel: Individual" in summary.text and "Plazo: Mediano plazo" in summary.text
    assert f"Responde a los retos: R-{challenges[0].id}, R-{challenges[7].id}" in summary.text
    await ana.press("Enviar")
    sent = await ana.wait_for(lambda m: "quedó guardado" in m.text)
    [item] = await storage.contributions(workshop_id, kind="recommendation")
    assert f"Rec-{item.id}" in sent.text
    table_a = {t.code: t.id for t in await storage.working_tables(workshop_id)}["A"]
    assert (item.level, item.table_id, item.phase_kind, item.attribution, item.dimensions) == (
        "individual", table_a, "tables", "anonymous", ("economic",))
    assert item.details == {"action": "Crear una ventanilla única de reintegración en cada municipio",
                            "scope": "national", "actors": ["local_governments"], "timeframe": "medium",
                            "crosscutting": ["gender"], "groups": ["women"]}
    assert await storage.links(item.id) == sorted([(challenges[0].id, "answers"), (challenges[7].id, "answers"),
                                                   (practice.id, "builds_on")])


async def test_without_a_table_recommendations_point_to_the_table_choice(bot, emulator, workshop_id):
    storage = bot.storage
    john = await participant(emulator, storage, workshop_id, 7002, english=True, table=None)
    await storage.end_dialogue(await person_id(storage, 7002))
    await open_phase(storage, workshop_id, "tables")
    refused = await john.ask("/recommend")
    assert "you do not have one yet: choose it with /table" in refused.text


async def test_the_send_menu_offers_what_is_open(bot, emulator, workshop_id):
    storage = bot.storage
    john = await participant(emulator, storage, workshop_id, 7003, english=True, table="C")
    assert "Nothing can be sent at this moment." in (await john.ask("/send")).text
    await open_phase(storage, workshop_id, "tables", table="C")
    menu = await john.ask("/send")
    assert menu.button_texts == ["Recommendation"]
    await john.press("Recommendation")
    assert "New recommendation" in (await john.next_message()).text


async def test_an_english_participant_sends_a_recommendation_when_nothing_was_mapped(bot, emulator, workshop_id):
    storage = bot.storage
    john = await participant(emulator, storage, workshop_id, 7004, english=True, table="B")
    await open_phase(storage, workshop_id, "tables")
    await john.ask("/recommend")
    dims = await john.ask("Fund community dialogue forums in high-return towns")
    await tick(john, "Social", "Done", message=dims)
    await john.wait_for(lambda m: m.has_button("Regional (across countries)"))
    await john.press("Regional (across countries)")
    actors = await john.wait_for(lambda m: m.has_button("Done") and len(m.buttons) > 5)
    await john.press("Done", message=actors)
    assert "at least one" in (await john.next_message()).text
    await tick(john, "Academic institutions", "Done", message=actors)
    await john.wait_for(lambda m: m.has_button("Long term"))
    await john.press("Long term")
    none_yet = await john.wait_for(lambda m: "No challenges have been sent" in m.text)
    await john.press("Done", message=none_yet)
    none_yet = await john.wait_for(lambda m: "No good practices have been sent" in m.text)
    await john.press("Done", message=none_yet)
    cross = await john.wait_for(lambda m: "cross-cutting" in m.text)
    await john.press("None of these", message=cross)
    groups = await john.wait_for(lambda m: "Which groups" in m.text and m.has_button("None of these"))
    await john.press("None of these", message=groups)
    summary = await choose(john, "By my name", "Send")
    assert "Level: Community" in summary.text and "Responsible actors: Academic institutions" in summary.text
    await john.press("Send")
    sent = await john.wait_for(lambda m: "stored as Rec-" in m.text)
    [item] = await storage.contributions(workshop_id, kind="recommendation")
    assert f"Rec-{item.id}" in sent.text and item.level == "community" and item.language == "en"
    assert item.details["actors"] == ["academia"] and item.details["scope"] == "regional"
