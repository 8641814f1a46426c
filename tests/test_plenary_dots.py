"""Fair dots: a few per person, at most a few on one recommendation (workshop settings), none on one's own
(as author or co-author through a merge); a person moves dots freely until the vote closes; nobody, moderators
included, sees the totals until then; after the close every dot press is refused."""

import re
import tomllib
from pathlib import Path

import pytest

from bot.domain.workshop_file import WorkshopFileError, parse_workshop
from tests.helpers import item, open_phase, person_id, seat

ROOT = Path(__file__).resolve().parents[1]


async def setup(storage, workshop_id):
    ana = await seat(storage, workshop_id, 7201, "Ana Pérez", table="A")
    luis = await seat(storage, workshop_id, 7202, "Luis Gómez", table="B", country="HN")
    rosa = await seat(storage, workshop_id, 7203, "Rosa Cruz", table="C", country="SV")
    await seat(storage, workshop_id, 7204, "John Smith", table="A", country="BZ", language="en")
    moderator = await seat(storage, workshop_id, 7205, "Marta Mod", role="moderator", table="B", language="en")
    await seat(storage, workshop_id, 7206, "Sara Secretaría", role="secretariat", country=None, language="en")
    first = await item(storage, workshop_id, ana, "recommendation", table="A", action="Certificar competencias")
    second = await item(storage, workshop_id, luis, "recommendation", table="B", level="community",
                        action="Redes comunitarias de acogida")
    third = await item(storage, workshop_id, rosa, "recommendation", table="C", level="structural",
                       action="Registro regional de retornos")
    merged = await item(storage, workshop_id, ana, "recommendation", table="B", level="community",
                        action="Redes de acogida en cada municipio")
    await storage.merge_contributions(merged, second, moderator)  # Ana is now a co-author of the second
    await open_phase(storage, workshop_id, "plenary")
    return first, second, third


async def card_at(user, n: int):
    """Open /plenary and turn to card ``n`` (1-based)."""
    card = await user.ask("/plenary")
    for k in range(2, n + 1):
        await user.press("▶", message=card)
        card = await user.wait_for(lambda m, c=card, k=k: m.message_id == c.message_id
                                   and re.search(rf"\b{k} (of|de) \d", m.text))
    return card


async def dot(user, card, button="＋ One vote"):
    await user.press(button, message=card)
    return (await user.wait_for_callback_answer()).get("text")


async def test_dots_are_capped_per_person_and_per_recommendation_and_can_be_moved(bot, emulator, workshop_id):
    storage = bot.storage
    first, second, third = await setup(storage, workshop_id)
    john = emulator.user(7204, "John", language_code="en")
    john_id = await person_id(storage, 7204)

    card = await card_at(john, 1)
    assert f"Rec-{first}" in card.text
    assert await dot(john, card) is None and await dot(john, card) is None
    assert (await dot(john, card)).startswith("You already have 2 votes on this recommendation")
    card = await card_at(john, 2)
    assert await dot(john, card) is None and await dot(john, card) is None
    card = await card_at(john, 3)
    assert await dot(john, card) is None
    assert (await dot(john, card)).startswith("You have used your 5 votes")
    assert await storage.votes_of(workshop_id, john_id) == {first: 2, second: 2, third: 1}

    card = await card_at(john, 1)  # move one dot: take it back here, give it to the third
    assert await dot(john, card, "－ Take a vote back") is None
    await john.wait_for(lambda m: m.message_id == card.message_id and "Your votes here: 1 · 1 left" in m.text)
    card = await card_at(john, 3)
    assert await dot(john, card) is None
    assert await storage.votes_of(workshop_id, john_id) == {first: 1, second: 2, third: 2}
    card = await card_at(john, 2)
    await dot(john, card, "－ Take a vote back")
    await dot(john, card, "－ Take a vote back")
    assert (await dot(john, card, "－ Take a vote back")) == "You have no votes on this recommendation."
    assert await storage.votes_of(workshop_id, john_id) == {first: 1, third: 2}


async def test_no_dots_on_ones_own_recommendations(bot, emulator, workshop_id):
    storage = bot.storage
    *_, third = await setup(storage, workshop_id)
    ana = emulator.user(7201, "Ana", language_code="es")
    card = await card_at(ana, 1)
    assert "Es una recomendación tuya" in card.text
    assert (await dot(ana, card, "＋ Un voto")).startswith("No puedes poner votos en una recomendación propia")
    card = await card_at(ana, 2)  # co-authored through the merge
    assert "Es una recomendación tuya" in card.text
    assert (await dot(ana, card, "＋ Un voto")).startswith("No puedes poner votos en una recomendación propia")
    card = await card_at(ana, 3)
    assert "Es una recomendación tuya" not in card.text
    assert await dot(ana, card, "＋ Un voto") is None
    assert await storage.votes_of(workshop_id, await person_id(storage, 7201)) == {third: 1}


async def test_totals_stay_hidden_until_the_vote_closes_then_dots_are_refused(bot, emulator, workshop_id):
    storage = bot.storage
    *_, third = await setup(storage, workshop_id)
    for telegram_id in (7201, 7202, 7204):
        assert await storage.move_dot(workshop_id, third, await person_id(storage, telegram_id), 1,
                                      limit=5, cap=2) is None
    ana = emulator.user(7201, "Ana", language_code="es")
    card = await card_at(ana, 3)
    assert "Tus votos aquí: 1 · Te quedan 4" in card.text and "3" not in card.text.split("Tus votos")[1][:30]

    marta = emulator.user(7205, "Marta", language_code="en")  # a moderator: no totals either
    for user in (marta, ana, emulator.user(7206, "Sara", language_code="en")):
        answer = await user.ask("/reading")
        assert "votes" not in answer.text.lower().replace("vote has closed", "") and " 3 " not in answer.text
    assert (await marta.ask("/reading")).text == "The joint reading opens once the plenary vote has closed."
    dashboard = await marta.ask("/mod")
    assert "vot" not in dashboard.text.lower()

    await open_phase(storage, workshop_id, "plenary", state="closed")
    await ana.press("＋ Un voto", message=card)
    answer = await ana.wait_for_callback_answer()
    assert answer["text"] == "La plenaria no está abierta." and answer["show_alert"]
    await ana.press("－ Quitar un voto", message=card)
    assert (await ana.wait_for_callback_answer())["text"] == "La plenaria no está abierta."
    assert (await storage.tallies(workshop_id))[third].votes == 3

    listing = await emulator.user(7206, "Sara", language_code="en").ask("/reading")  # now shown, in order
    assert f"1. Rec-{third} · 3 votes" in listing.text


def test_the_cap_per_recommendation_is_a_workshop_setting():
    raw = tomllib.loads((ROOT / "content/workshops/crm-puebla-2022.toml").read_text(encoding="utf-8"))
    assert parse_workshop(raw).plenary_votes_per_item == 2
    assert parse_workshop({**raw, "plenary_votes": 6, "plenary_votes_per_item": 3}).plenary_votes_per_item == 3
    without = {k: v for k, v in raw.items() if k != "plenary_votes_per_item"}
    assert parse_workshop(without).plenary_votes_per_item == 2  # the default
    with pytest.raises(WorkshopFileError, match="plenary_votes_per_item"):
        parse_workshop({**raw, "plenary_votes": 3, "plenary_votes_per_item": 4})
