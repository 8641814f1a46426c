"""The duplicate finder's quality bench reads only the sets it is asked for (a held-out set read by accident is
a held-out set spent), never shows a held-out set's misses, and the comparison by meaning reads a text the same
whatever its capitals."""

import pytest

from bench import __main__ as bench_main
from bench import duplicates_quality
from bot.domain import duplicates


def test_python_m_bench_passes_the_options_on_to_the_benchmark_named(capsys):
    assert bench_main.main(["duplicates_quality", "--set", "original", "--meaning", "without"]) == 0
    out = capsys.readouterr().out
    assert "original set (tuned on), by words only" in out
    for other in ("tuning set", "heldout set", "fresh set", "third set", "by words and meaning"):
        assert other not in out


def test_python_m_bench_refuses_a_name_that_is_no_benchmark_rather_than_running_every_one(capsys):
    assert bench_main.main(["duplicates_qualty", "--set", "tuning"]) == 2
    captured = capsys.readouterr()
    assert "no benchmark named duplicates_qualty" in captured.err and "== bench." not in captured.out


def test_options_for_a_benchmark_that_takes_none_are_refused(capsys):
    assert bench_main.main(["load_bench", "--set", "tuning"]) == 2
    assert "load_bench take no options" in capsys.readouterr().err


@pytest.mark.parametrize("sets", [[], ["--set", "heldout"], ["--set", "tuning", "--set", "third"]])
def test_the_misses_of_a_held_out_set_are_never_shown(sets, capsys):
    with pytest.raises(SystemExit):
        duplicates_quality.main(["--misses", *sets])
    assert "held-out set's reader must never see" in capsys.readouterr().err


def test_every_set_the_bench_names_is_there_and_the_third_is_held_out():
    assert not duplicates_quality.SETS["third"][1]
    pool = duplicates_quality.load(duplicates_quality.DATA / duplicates_quality.SETS["third"][0])
    english = sum(1 for entry in pool if entry.language == "en")
    assert len(pool) >= 40 and english * 3 > len(pool) * 2   # English-heavy, as written


@pytest.mark.skipif(not duplicates.meaning_available(), reason="the optional extra 'meaning' is not installed")
def test_the_encoder_reads_a_text_typed_in_capitals_as_the_same_text():
    typed, shouted = "Microcredit for returnees who start a business", "MICROCREDIT FOR RETURNEES WHO START A BUSINESS"
    first, second = duplicates._meanings([typed, shouted])
    assert float(first @ second) == pytest.approx(1.0)
    assert duplicates.for_encoder(shouted) == duplicates.for_encoder(typed)


def test_the_english_tuning_set_is_a_tuned_one_of_paraphrases_that_share_few_words():
    """It was written to tune on what the third held-out set showed (English paraphrases in other words): a
    tuned set, so its misses may be shown, English-heavy, and its pairs within a language share at most two
    terms, most of them none or one, or it would show nothing the older tuning sets do not."""
    assert duplicates_quality.SETS["tuning_en"][1]
    pool = duplicates_quality.load(duplicates_quality.DATA / duplicates_quality.SETS["tuning_en"][0])
    english = sum(1 for entry in pool if entry.language == "en")
    assert len(pool) >= 40 and english * 3 > len(pool) * 2
    glossary = duplicates_quality.glossary()
    shared = [len(set(duplicates.terms(a.text, glossary)) & set(duplicates.terms(b.text, glossary)))
              for a in pool for b in pool
              if a.id < b.id and a.group is not None and a.group == b.group and a.language == b.language]
    assert len(shared) >= 12 and max(shared) <= 2 and sum(1 for n in shared if n <= 1) * 4 >= len(shared) * 3


def test_the_english_tuning_set_can_be_read_alone_with_its_misses(capsys):
    duplicates_quality.main(["--set", "tuning_en", "--misses", "--meaning", "without"])
    out = capsys.readouterr().out
    assert "tuning_en set (tuned on), by words only: 18 groups, 16 distractors, 53 items" in out
    assert "missed [en]" in out
    for other in ("original set", "tuning set", "heldout set", "fresh set", "third set"):
        assert other not in out
