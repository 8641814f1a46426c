"""The duplicate finder and the merge picker's rules, as plain functions: the glossary as the workshop's data,
pairs across Spanish and English through it or through translations the caller supplies, a weak guess left out
beside a strong one, the time it takes on a very large table, a search by a few words or a typo, references typed
loosely, and which items an item may be merged into."""

import random
import time

import pytest

from bot.domain import duplicates, merging
from bot.domain.records import Contribution
from bot.domain.workshop_file import EXAMPLE_FILE, load_workshop

GLOSSARY = duplicates.load_glossary("reintegration")


def test_the_workshop_file_names_its_glossary_and_every_term_belongs_to_one_key():
    workshop = load_workshop(EXAMPLE_FILE)
    assert workshop.glossary == "reintegration"
    found = duplicates.glossary_for(workshop)  # loading refuses a term claimed by two keys
    assert found is GLOSSARY and found.name == "reintegration" and len(found.phrases["es"]) > 300
    assert duplicates.glossary_for(workshop.model_copy(update={"glossary": None})) is GLOSSARY  # by its theme
    assert not duplicates.load_glossary("no-such-theme") and not duplicates.load_glossary(None)


def test_a_glossary_that_gives_one_word_two_meanings_is_refused():
    with pytest.raises(duplicates.GlossaryError, match="belongs to one key only"):
        duplicates.build_glossary({"terms": {"work": {"es": ["empleo"]}, "jobs": {"es": ["empleos"]}}}, "bad")
    with pytest.raises(duplicates.GlossaryError, match="not one of"):
        duplicates.build_glossary({"terms": {"work": {"fr": ["emploi"]}}}, "bad")


def test_terms_of_both_languages_read_as_one_key():
    assert duplicates.terms("Ventanilla única de empleo", GLOSSARY) == ["§one_stop_shop", "§employment"]
    assert duplicates.terms("A one-stop shop for jobs", GLOSSARY) == ["§one_stop_shop", "§employment"]
    # Small words count inside a phrase: "no acompañados" is not "acompañamiento".
    assert "§unaccompanied" in duplicates.terms("niños no acompañados", GLOSSARY)
    assert "§case_management" in duplicates.terms("acompañamiento a los niños", GLOSSARY)
    assert duplicates.terms("Ventanilla única de empleo") == ["ventanill", "unic", "emple"]  # no glossary: stems


def test_a_pair_across_languages_is_found_through_the_glossary_and_not_without_it():
    spanish = "Albergue transitorio para quienes llegan deportados y no tienen dónde dormir"
    english = (7, "Short-stay shelter for deportees who have nowhere to sleep on their first nights")
    unrelated = (8, "Reducir el costo de envío de remesas desde Estados Unidos")
    assert [i for i, _ in duplicates.suggest(spanish, [english, unrelated], glossary=GLOSSARY)] == [7]
    assert duplicates.suggest(spanish, [english, unrelated]) == []


def test_a_pair_across_languages_no_glossary_term_joins_is_found_through_the_translations_given():
    """Football, tournaments and players are in no glossary: only a machine translation puts the pair in one
    language. The caller passes what the service returned; an unrelated item's translation changes nothing."""
    spanish = "Campeonatos de fútbol entre barrios con jugadores que volvieron del norte"
    english = (7, "Football tournaments between neighbourhoods, with players who came back from the north")
    unrelated = (8, "Reducir el costo de envío de remesas desde Estados Unidos")
    translations = {7: "Torneos de fútbol entre colonias, con jugadores que regresaron del norte",
                    8: "Reduce the cost of sending remittances from the United States"}
    assert duplicates.suggest(spanish, [english, unrelated], glossary=GLOSSARY) == []
    assert [i for i, _ in duplicates.suggest(spanish, [english, unrelated], glossary=GLOSSARY,
                                              translations=translations)] == [7]
    # the other way round: the item reviewed is the one translated
    assert duplicates.suggest(english[1], [(1, spanish), unrelated], glossary=GLOSSARY) == []
    assert [i for i, _ in duplicates.suggest(english[1], [(1, spanish), unrelated], glossary=GLOSSARY,
                                              translated=translations[7])] == [1]
    # a blank translation is no translation
    assert duplicates.suggest(spanish, [english], glossary=GLOSSARY, translations={7: "  "}) == []


def test_an_english_proposal_with_no_function_word_is_read_as_english():
    """Short English proposals often have no "the" or "of" ("Gang prevention programmes in secondary schools"):
    they used to be taken for Spanish and cut by the Spanish stemmer, so that a pair of English paraphrases
    scored half what it does once both are read in English. Now the glossary's words of each language, then
    spellings, tell; and the reading no longer depends on whether a function word happens to be there."""
    for text in ("Gang prevention programmes in secondary schools.", "Returnees do not trust government programmes.",
                 "Counselling services helping deported teenagers cope."):
        assert duplicates.language_of(text, GLOSSARY) == "en", text
    assert duplicates.language_of("Programas de prevención para jóvenes", GLOSSARY) == "es"
    assert duplicates.language_of("Empleo formal", GLOSSARY) == "es"
    bare = "Counselling services helping deported teenagers cope."
    mate = "Teenagers who were deported need someone to help them cope with what happened to them."
    others = [(3, "Remittances from abroad pay for school fees in the villages."),
              (4, "Mothers who return need childcare to go back to work."),
              (5, "A radio campaign against the stigma of deportation."),
              (6, "Loans for small businesses started by returned women.")]
    found = duplicates.suggest(bare, [(1, mate), *others], glossary=GLOSSARY)
    assert [i for i, _ in found] == [1]
    assert found == duplicates.suggest("The " + bare, [(1, mate), *others], glossary=GLOSSARY)


def test_an_acronym_typed_in_capitals_is_a_word_and_the_pronoun_is_not():
    """Lower-cased, "US" was the pronoun "us", a stop word: "the US" vanished from every English text and a
    pair across languages could not meet on "Estados Unidos". A word typed in capitals in a text that is not
    all capitals is an acronym, never a stop word; the glossary lists "US" in capitals for the same reason."""
    assert "§united_states" in duplicates.terms("Deported veterans of the US army", GLOSSARY)
    assert duplicates.terms("Help us find work", GLOSSARY) == ["help", "find", "§employment"]
    assert "it" in duplicates.terms("IT courses for returnees", GLOSSARY)
    assert "it" not in duplicates.terms("RETURNEES WANT IT COURSES AND JOBS", GLOSSARY)   # shouting, not an acronym
    english = "Cheaper remittances from the US."
    spanish = [(1, "Abaratar el envío de remesas desde Estados Unidos."),
               (2, "Abaratar el envío de remesas desde España.")]
    assert [i for i, _ in duplicates.suggest(english, spanish, glossary=GLOSSARY)] == [1]


def test_inflections_of_english_stop_words_are_stop_words_too():
    """"get" and "make" tell no proposal apart, nor do "getting" and "makes" (the English stop words' stems go)."""
    assert duplicates.terms("Returnees getting jobs; the state makes rules", GLOSSARY) == [
        "§return", "§employment", "§government", "rule"]
    # Spanish keeps its own list: its stemmer cuts "Canadá" to "can", the stem of a stop word
    assert duplicates.terms("Retornados desde Canadá", GLOSSARY) == ["§return", duplicates.stem("canada", "es")]


def test_a_weak_guess_beside_a_strong_one_is_left_out_but_a_second_strong_copy_is_kept():
    text = "Capital semilla para que las personas retornadas abran un negocio propio"
    copy = (1, "Capital semilla para que los retornados abran su propio negocio")
    shorter = (3, "Capital semilla para personas retornadas")
    weak = (9, "Capital semilla para las cooperativas de mujeres retornadas")
    others = [(4, "Campeonatos de fútbol entre barrios"), (5, "Ferias de empleo en cada municipio"),
              (6, "Becas para hijos de retornados")]
    alone = duplicates.suggest(text, [weak, *others], glossary=GLOSSARY)
    assert [i for i, _ in alone] == [9]                     # above the threshold on its own
    found = duplicates.suggest(text, [copy, shorter, weak, *others], glossary=GLOSSARY)
    assert [i for i, _ in found] == [1, 3]                  # beside the copy, it is noise; the shorter one is not
    best, second = found[0][1], found[1][1]
    assert second < duplicates.RATIO * best and second >= duplicates.SURE


def test_two_thousand_items_are_compared_in_well_under_a_second_once_read():
    """The moderation screen calls the finder for each item it shows, over the whole table."""
    rng = random.Random(11)
    words = ["retornados", "empleo", "vivienda", "salud", "documentos", "capital", "semilla", "escuela", "niños",
             "mujeres", "crédito", "returnees", "jobs", "housing", "health", "shelter", "training", "community",
             "municipal", "psychosocial", "support"]
    pool = [(i, " ".join(rng.choices(words, k=9))) for i in range(2, 2002)]
    text = "Capital semilla para que las personas retornadas abran un negocio propio"
    pool.append((1, "Capital semilla para que los retornados abran su propio negocio"))
    duplicates.suggest(text, pool, glossary=GLOSSARY)      # the first call reads (stems) every text once
    started = time.perf_counter()
    found = duplicates.suggest(text, pool, glossary=GLOSSARY)
    assert time.perf_counter() - started < 1.0
    assert found[0][0] == 1


def test_a_search_finds_by_key_stem_or_typo_and_ranks_the_closest_first():
    pool = [(1, "Acceso a vivienda temporal para personas retornadas"),
            (2, "Temporary housing for returnees with no family network"),
            (3, "Falta de documentos de identidad al regresar"),
            (4, "Capital semilla para emprendimientos")]
    assert [i for i, _ in duplicates.search("vivienda temporal", pool, glossary=GLOSSARY)][:2] == [1, 2]
    assert [i for i, _ in duplicates.search("vivenda", pool, glossary=GLOSSARY)] == [1]   # a typo
    assert [i for i, _ in duplicates.search("documentos", pool, glossary=GLOSSARY)] == [3]  # inside a phrase
    assert duplicates.search("remesas colectivas", pool, glossary=GLOSSARY) == []


CHALLENGE, PRACTICE, RECOMMENDATION = (frozenset({k}) for k in ("challenge", "good_practice", "recommendation"))


@pytest.mark.parametrize(("typed", "expected"), [
    ("C-3", merging.Reference(CHALLENGE, 3)), ("c3", merging.Reference(CHALLENGE, 3)),
    (" G 12 ", merging.Reference(PRACTICE, 12)), ("BP-12", merging.Reference(PRACTICE, 12)),
    ("bp12", merging.Reference(PRACTICE, 12)), ("Rec-7", merging.Reference(RECOMMENDATION, 7)),
    ("rec 7", merging.Reference(RECOMMENDATION, 7)),
    # R is a Spanish challenge (reto) and an English recommendation: the number decides which item it is.
    ("r-7", merging.Reference(CHALLENGE, 7)),   # R- is a Spanish reto; no language's recommendation
    ("#15", merging.Reference(None, 15)), ("15", merging.Reference(None, 15)),
    ("X-3", merging.Reference(frozenset(), 3)), ("Re-3", None),
    ("vivienda temporal", None), ("C-3 y C-4", None), ("", None),
])
def test_references_are_read_however_they_are_typed(typed, expected):
    assert merging.parse_reference(typed) == expected


def contribution(item_id, *, kind="challenge", table=1, status="submitted", workshop=1, consolidated=False,
                 merged_into=None):
    return Contribution(item_id, workshop, kind, 1, table, None, "individual", "es", {"description": "x"}, "named",
                        status, consolidated, merged_into, None, "", "")


def test_only_open_items_of_the_same_kind_and_table_can_be_merged_into():
    item = contribution(1)
    cases = {
        merging.ITSELF: item, merging.OTHER_TABLE: contribution(2, table=2),
        merging.OTHER_KIND: contribution(3, kind="good_practice"), merging.MERGED: contribution(4, status="merged"),
        merging.CLOSED: contribution(5, status="rejected"), merging.CONSOLIDATED: contribution(6, consolidated=True),
        merging.MISSING: contribution(7, workshop=2),
    }
    for why, survivor in cases.items():
        assert merging.refusal(item, survivor) == why, why
    assert merging.refusal(item, None) == merging.MISSING
    assert merging.refusal(item, contribution(8, status="approved")) is None
    # "C-9" typed when 9 is a good practice names no challenge; "G-9" names an item of another kind.
    practice = contribution(9, kind="good_practice")
    assert merging.refusal(item, practice, merging.Reference(CHALLENGE, 9)) == merging.MISSING
    assert merging.refusal(item, practice, merging.Reference(PRACTICE, 9)) == merging.OTHER_KIND
    assert merging.refusal(item, item, merging.parse_reference("R-1")) == merging.ITSELF  # Spanish "reto"
    pool = [item, *cases.values(), contribution(8, status="approved"), contribution(10)]
    assert [o.id for o in merging.candidates(item, pool)] == [10, 8]


def test_a_merged_item_points_to_where_its_chain_of_merges_ends():
    first, second, third = contribution(1, status="merged", merged_into=2), \
        contribution(2, status="merged", merged_into=3), contribution(3)
    assert merging.final_survivor(first, [first, second, third]) is third
    assert merging.final_survivor(first, [first]) is None


# A pair of the session's own (in no bench set): one idea, its words almost all different; and items of the same
# theme that say other things.
LOAN = "Lend money to returnees who want to open a small shop"
MICROCREDIT = (1, "Microcredit for returnees who start a business")
SAME_THEME = [(11, "Mental health care for the families of people sent back"),
              (12, "Reduce the cost of sending remittances from the United States"),
              (13, "Give returnees their identity papers as soon as they land"),
              (14, "Certificar las competencias laborales que las personas adquirieron en el extranjero")]


def test_a_paraphrase_sharing_one_word_is_found_by_meaning_and_not_by_words_alone():
    assert duplicates.meaning_available()   # the dev install brings the extra: this test runs, never skips
    assert duplicates.suggest(LOAN, [MICROCREDIT, *SAME_THEME], glossary=GLOSSARY) == []
    assert [i for i, _ in duplicates.suggest(LOAN, [MICROCREDIT, *SAME_THEME], glossary=GLOSSARY,
                                             meaning=True)] == [1]
    assert [i for i, _ in duplicates.suggest(MICROCREDIT[1], [(7, LOAN), *SAME_THEME], glossary=GLOSSARY,
                                             meaning=True)] == [7]
    # the same theme is not the same idea: no item of it is suggested for another, by meaning either
    for number, text in SAME_THEME:
        others = [pair for pair in [MICROCREDIT, *SAME_THEME] if pair[0] != number]
        assert duplicates.suggest(text, others, glossary=GLOSSARY, meaning=True) == [], text


def test_a_workshop_compares_by_meaning_only_when_its_file_asks_and_the_extra_is_installed(monkeypatch):
    workshop = load_workshop(EXAMPLE_FILE)
    assert workshop.duplicates_by_meaning is False and not duplicates.meaning_for(workshop)   # off by default
    asking = workshop.model_copy(update={"duplicates_by_meaning": True})
    assert duplicates.meaning_for(asking)
    monkeypatch.setattr(duplicates, "meaning_available", lambda: False)
    duplicates._warn_no_meaning.cache_clear()
    warned: list[str] = []   # the module's logger itself (other tests may reconfigure logging's handlers)
    monkeypatch.setattr(duplicates.log, "warning", lambda message, *args: warned.append(message % args))
    assert not duplicates.meaning_for(asking) and not duplicates.meaning_for(asking)
    assert warned == ["the workshop asks for duplicates_by_meaning, but the optional extra 'meaning' is not "
                      "installed: near-duplicates are found by their words only"]   # said once, not at every review
    # asked for where the extra is missing, the finder is the one by words
    assert duplicates.suggest(LOAN, [MICROCREDIT, *SAME_THEME], glossary=GLOSSARY, meaning=True) == []


def test_each_text_is_encoded_once_however_many_reviews_read_it(monkeypatch):
    texts = [f"Propuesta {n}: {random.Random(n).choice(['empleo', 'vivienda', 'salud'])} para retornados "
             f"del municipio {n}" for n in range(300)]
    duplicates.suggest(texts[0], list(enumerate(texts[1:], 1)), glossary=GLOSSARY, meaning=True)  # loaded, read
    calls = []
    encode = duplicates._encoder().encode
    monkeypatch.setattr(duplicates._encoder(), "encode", lambda batch: calls.append(list(batch)) or encode(batch))
    duplicates.suggest("Una propuesta nueva sobre vivienda", list(enumerate(texts)), glossary=GLOSSARY, meaning=True)
    assert calls == [["una propuesta nueva sobre vivienda"]]   # only the new text is encoded (read in lower case)
