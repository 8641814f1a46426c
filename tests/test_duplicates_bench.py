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
