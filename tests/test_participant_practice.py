"""Good practices: the whole conversation with a document, and the documents that are refused."""

from tests.helpers import choose, open_phase, participant, person_id, tick

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n"


async def _up_to_document(user, english=True):
    """Name, where, who, achieved, link: the typed part of a good practice."""
    await user.ask("/practice")
    await user.ask("Ventanilla <única> & de retorno" if not english else "One-stop <return> desk & more")
    await user.ask("Tegucigalpa, Honduras")
    await user.ask("Secretaría de Relaciones Exteriores")
    return await user.ask("1.200 personas atendidas en 2021" if not english else "1,200 returnees served in 2021")


async def test_an_english_participant_sends_a_good_practice_with_a_document(bot, emulator, workshop_id):
    storage = bot.storage
    john = await participant(emulator, storage, workshop_id, 6001, english=True)
    await open_phase(storage, workshop_id, "annex-i")
    link_question = await _up_to_document(john)
    assert "web link" in link_question.text and link_question.button_texts == ["Skip"]
    assert "does not look like a web link" in (await john.ask("see our website")).text
    doc_question = await john.ask("https://example.org/desk?a=1&b=2")
    assert "PDF, PPT, PPTX, DOC, DOCX, ODT, ODP" in doc_question.text and "20 MB" in doc_question.text
    await john.send_document("desk report.pdf", PDF, "application/pdf")
    assert (await john.next_message()).text == "Received: desk report.pdf."
    await choose(john, "Structural", "Economic")
    await tick(john, "Economic", "Done")
    groups = await john.wait_for(lambda m: "Which groups does it affect most?" in m.text)
    await tick(john, "Women", "Done", message=groups)  # a practice that serves a group names it, as a challenge does
    summary = await choose(john, "By my name", "Send")
    assert "Initiative: One-stop <return> desk & more" in summary.text
    assert "Link: https://example.org/desk?a=1&b=2" in summary.text and "Document: desk report.pdf" in summary.text
    await john.press("Send")
    sent = await john.wait_for(lambda m: "stored as" in m.text)
    [item] = await storage.contributions(workshop_id, author_id=await person_id(storage, 6001))
    assert f"stored as G-{item.id}" in sent.text
    assert (item.kind, item.phase_kind, item.level, item.attribution) == (
        "good_practice", "annex_i", "structural", "named")
    assert item.details == {"name": "One-stop <return> desk & more", "where": "Tegucigalpa, Honduras",
                            "run_by": "Secretaría de Relaciones Exteriores",
                            "achieved": "1,200 returnees served in 2021", "link": "https://example.org/desk?a=1&b=2",
                            "groups": ["women"]}
    [attachment] = await storage.attachments(contribution_id=item.id)
    assert (attachment.file_name, attachment.mime_type, attachment.size) == ("desk report.pdf", "application/pdf",
                                                                             len(PDF))
    assert await storage.attachment_content(attachment.id) == PDF


async def test_refused_documents_are_explained_and_the_step_stays(bot, emulator, workshop_id):
    storage = bot.storage
    ana = await participant(emulator, storage, workshop_id, 6002)
    await open_phase(storage, workshop_id, "mapping")
    await _up_to_document(ana, english=False)
    await ana.press("Omitir")
    await ana.wait_for(lambda m: "documento" in m.text)
    await ana.send_document("foto.jpg", b"\xff\xd8\xff\xe0", "image/jpeg")
    refused = await ana.next_message()
    assert "No puedo guardar foto.jpg: solo se aceptan archivos PDF, PPT" in refused.text
    await ana.send_document("falso.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    assert "No puedo guardar falso.pdf" in (await ana.next_message()).text
    await bot.restart()
    big = b"%PDF" + b"0" * (1024 * 1024 + 1)
    bot.app.bot_data["services"].settings.max_document_mb = 1
    await ana.send_document("grande.pdf", big, "application/pdf")
    too_big = await ana.next_message()
    assert "supera el límite de 1 MB" in too_big.text and too_big.button_texts == ["Omitir"]
    assert "espero un archivo" in (await ana.ask("aquí va")).text
    assert await bot.storage.fetch_value("SELECT count(*) FROM attachments") == 0
    await ana.press("Omitir")
    assert (await ana.wait_for(lambda m: m.has_button("Individual"))).text.startswith("¿A qué nivel")


async def test_a_document_outside_the_document_step_is_explained(bot, emulator, workshop_id):
    ana = await participant(emulator, bot.storage, workshop_id, 6003)
    await ana.send_document("informe.pdf", PDF)
    assert "Solo recibo documentos cuando te pido uno" in (await ana.next_message()).text


async def test_a_spanish_participant_sends_a_good_practice_without_link_or_document(bot, emulator, workshop_id):
    storage = bot.storage
    ana = await participant(emulator, storage, workshop_id, 6004)
    await open_phase(storage, workshop_id, "mapping")
    first = await ana.ask("/practice")
    assert "Nueva buena práctica" in first.text and "hasta 200 caracteres" in first.text
    refused = await ana.ask("N" * 201)
    assert "201 caracteres y el límite es 200" in refused.text
    assert (await ana.next_message()).text == "N" * 201
    await ana.ask("Programa «Retorno con oportunidades»")
    await ana.ask("Guatemala")
    await ana.ask("Ministerio de Trabajo")
    await ana.ask("Empleo para 300 personas retornadas")
    await ana.press("Omitir")
    await ana.wait_for(lambda m: "Envía el archivo ahora" in m.text)
    await ana.press("Omitir")
    await choose(ana, "Individual", "Económica")
    await tick(ana, "Económica", "Listo")
    await choose(ana, "Ninguno de estos", "Con mi nombre")  # no group most affected
    summary = await choose(ana, "Con mi nombre", "Enviar")
    assert "Enlace: (sin respuesta)" in summary.text and "Documento: (sin respuesta)" in summary.text
    await ana.press("Enviar")
    sent = await ana.wait_for(lambda m: "quedó guardado como BP-" in m.text)
    [item] = await storage.contributions(workshop_id, kind="good_practice")
    assert f"BP-{item.id}" in sent.text and "link" not in item.details and item.attribution == "named"
    assert item.details["name"] == "Programa «Retorno con oportunidades»"


async def test_cancelling_a_draft_does_not_keep_its_document(bot, emulator, workshop_id):
    storage = bot.storage
    john = await participant(emulator, storage, workshop_id, 6101, english=True)
    await open_phase(storage, workshop_id, "mapping")
    await _up_to_document(john)
    await john.ask("https://example.org/desk")
    await john.send_document("draft.pdf", PDF, "application/pdf")
    assert (await john.next_message()).text == "Received: draft.pdf."
    await john.wait_for(lambda m: m.has_button("Structural"))
    assert await storage.fetch_value("SELECT count(*) FROM attachments") == 1
    assert (await john.ask("/cancel")).text.startswith("Done, we left that step.")
    assert await storage.fetch_value("SELECT count(*) FROM attachments") == 0
