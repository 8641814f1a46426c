"""A moderator whose workshop file asks for the comparison by meaning (``duplicates_by_meaning = true``) is shown
a near-duplicate written in other words, which the finder by words alone does not see; the moderator of a
workshop that does not ask is not."""

import pytest

from bot.domain.workshop_file import EXAMPLE_FILE, load_workshop
from tests.helpers import invitation, item, register, seat

LOAN = "Lend money to returnees who want to open a small shop"
MICROCREDIT = "Microcredit for returnees who start a business"


# The table's other business: themes of its own, in words the loan's two phrasings do not share.
OTHER_BUSINESS = ("Give returnees their identity papers as soon as they land",
                  "Mental health care for the families of people sent back",
                  "Reduce the cost of sending remittances from the United States",
                  "Enrol returned children in school within a week",
                  "Certify the trade skills returnees learned abroad",
                  "A hotline for returnees who face threats in their home town",
                  "Train municipal staff to refer returnees to health services",
                  "Publish yearly figures on returns by age and sex")


async def review_card(bot, emulator, workshop_id, others):
    """Table A with the loan idea in two phrasings by two delegates and ``others`` beside them; its moderator
    opens the review: (the first phrasing's id, the second's, the first review card)."""
    storage = bot.storage
    token = await invitation(storage, workshop_id, "moderator", table="A")
    mod = emulator.user(3001, "Marta", language_code="en")
    await register(mod, token, language="English", name="Marta Mod", affiliation="Mexico", table=None)
    john = await seat(storage, workshop_id, 3102, "John Smith", table="A", country="US", language="en")
    mary = await seat(storage, workshop_id, 3103, "Mary Jones", table="A", country="CA", language="en")
    first = await item(storage, workshop_id, john, "recommendation", table="A", language="en", action=LOAN)
    second = await item(storage, workshop_id, mary, "recommendation", table="A", language="en", action=MICROCREDIT)
    for other in others:
        await item(storage, workshop_id, mary, "recommendation", table="A", language="en", action=other)
    await mod.ask("/mod")
    await mod.press(f"📋 Review ({len(others) + 2})")
    return first, second, await mod.next_message()


@pytest.fixture(params=[True, False], ids=["by meaning", "by words"])
def example_workshop(request):
    return load_workshop(EXAMPLE_FILE).model_copy(update={"duplicates_by_meaning": request.param})


async def test_the_review_card_suggests_a_paraphrase_only_where_the_workshop_compares_by_meaning(
        bot, emulator, workshop_id, example_workshop):
    first, second, card = await review_card(bot, emulator, workshop_id, OTHER_BUSINESS[:3])
    assert f"Rec-{first}" in card.text and LOAN in card.text
    if example_workshop.duplicates_by_meaning:
        assert "Most similar items" in card.text and f"Rec-{second}" in card.text and "Microcredit" in card.text
        assert "identity papers" not in card.text and "remittances" not in card.text
    else:
        assert "Most similar items" not in card.text and f"Rec-{second}" not in card.text

