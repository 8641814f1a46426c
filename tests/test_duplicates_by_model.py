"""A workshop whose file asks for the comparison by meaning, on a bot given a sentence-transformers model by its
folder (``MEANING_MODEL``, ``duplicates.use_model``): the moderator's review card suggests what the model reads
alike, relative to the table. The model is a stand-in (torch and the weights are not part of the test set-up);
what is tested is how the finder reads it: from the folder, on the CPU, with its prompt for similarity, its
encodings centred on a table large enough to have a theme."""

import importlib.util
import sys
from typing import ClassVar

import pytest

from bot.domain.workshop_file import EXAMPLE_FILE, load_workshop
from tests.test_duplicates_by_meaning import LOAN, MICROCREDIT, OTHER_BUSINESS, review_card

FIND_SPEC = importlib.util.find_spec


@pytest.fixture
def example_workshop():
    return load_workshop(EXAMPLE_FILE).model_copy(update={"duplicates_by_meaning": True})


class _FakeModel:
    """A sentence-transformers model as the finder reads it from a folder (``MEANING_MODEL``): the two phrasings
    of the loan idea encode alike, every other text along a direction of its own."""

    prompts: ClassVar[dict[str, str]] = {"STS": "task: sentence similarity | query: "}
    seen: ClassVar[dict[str, int]] = {}
    asked: ClassVar[list[str | None]] = []

    def __init__(self, folder, device, local_files_only):
        assert device == "cpu" and local_files_only  # nothing fetched, no accelerator assumed

    def encode(self, texts, prompt_name=None, normalize_embeddings=True, batch_size=16):
        import numpy

        self.asked.append(prompt_name)
        out = numpy.zeros((len(texts), 64))
        for row, text in enumerate(texts):
            key = "loan" if text in (LOAN, MICROCREDIT) else text
            out[row, self.seen.setdefault(key, len(self.seen))] = 1.0
        return out


@pytest.fixture
def model_folder(tmp_path, monkeypatch):
    import types

    from bot.domain import duplicates

    (tmp_path / "modules.json").write_text("[]")
    monkeypatch.setitem(sys.modules, "sentence_transformers", types.SimpleNamespace(SentenceTransformer=_FakeModel))
    monkeypatch.setitem(sys.modules, "torch", types.SimpleNamespace(set_num_threads=lambda n: None))
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: object() if name == "sentence_transformers"
                        else FIND_SPEC(name, *a))
    duplicates.use_model(tmp_path)
    yield tmp_path
    duplicates.use_model(None)


@pytest.mark.parametrize("others", [8, 2], ids=["a table of ten", "a table of four"])
async def test_a_model_given_by_folder_reads_meaning_relative_to_the_table(bot, emulator, workshop_id, model_folder,
                                                                        others):
    """With MEANING_MODEL, the review card suggests the paraphrase the model reads alike, its encodings
    taken relative to the table (a table of ten); a table of four is too small for its mean to say what its
    items share, and is compared by words only."""
    first, second, card = await review_card(bot, emulator, workshop_id, OTHER_BUSINESS[:others])
    assert f"Rec-{first}" in card.text and LOAN in card.text
    if others == 8:
        assert "Most similar items" in card.text and f"Rec-{second}" in card.text
        assert _FakeModel.asked and set(_FakeModel.asked) == {"STS"}  # read with its prompt for similarity
    else:
        assert f"Rec-{second}" not in card.text
