"""A moderator whose workshop file asks for the comparison by meaning (``duplicates_by_meaning = true``) is shown
a near-duplicate written in other words, which the finder by words alone does not see; the moderator of a
workshop that does not ask is not."""

import pytest

from bot.domain.workshop_file import EXAMPLE_FILE, load_workshop
from tests.helpers import invitation, item, register, seat

LOAN = "Lend money to returnees who want to open a small shop"
MICROCREDIT = "Microcredit for returnees who start a business"


@pytest.fixture(params=[True, False], ids=["by meaning", "by words"])
def example_workshop(request):
    return load_workshop(EXAMPLE_FILE).model_copy(update={"duplicates_by_meaning": request.param})


async def test_the_review_card_suggests_a_paraphrase_only_where_the_workshop_compares_by_meaning(
        bot, emulator, workshop_id, example_workshop):
    storage = bot.storage
    token = await invitation(storage, workshop_id, "moderator", table="A")
    mod = emulator.user(3001, "Marta", language_code="en")
    await register(mod, token, language="English", name="Marta Mod", affiliation="Mexico", table=None)
    john = await seat(storage, workshop_id, 3102, "John Smith", table="A", country="US", language="en")
    mary = await seat(storage, workshop_id, 3103, "Mary Jones", table="A", country="CA", language="en")
    first = await item(storage, workshop_id, john, "recommendation", table="A", language="en", action=LOAN)
    second = await item(storage, workshop_id, mary, "recommendation", table="A", language="en", action=MICROCREDIT)
    for other in ("Give returnees their identity papers as soon as they land",   # the table's other business
                  "Mental health care for the families of people sent back",
                  "Reduce the cost of sending remittances from the United States"):
        await item(storage, workshop_id, mary, "recommendation", table="A", language="en", action=other)

    await mod.ask("/mod")
    await mod.press("📋 Review (5)")
    card = await mod.next_message()
    assert f"Rec-{first}" in card.text and LOAN in card.text
    if example_workshop.duplicates_by_meaning:
        assert "Most similar items" in card.text and f"Rec-{second}" in card.text and "Microcredit" in card.text
        assert "identity papers" not in card.text and "remittances" not in card.text
    else:
        assert "Most similar items" not in card.text and f"Rec-{second}" not in card.text

