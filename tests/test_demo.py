"""`make demo` on a smaller cast: the whole workshop, through the bot, ends in the final documents; and the
demo's content (bot/offline/demo/phrases.py) reads as a real workshop's would: no sentence twice, both
languages, near-duplicates to merge, the groups most affected named, one thin and one empty level × dimension
cell, every id one the workshop file or the briefing knows."""

import re
import unicodedata
from collections import Counter
from itertools import combinations
from typing import ClassVar

from pypdf import PdfReader

from bot.cli import main
from bot.domain.briefing import names
from bot.domain.workshop_file import EXAMPLE_FILE, load_workshop
from bot.offline.demo import phrases, script
from bot.offline.demo.cast import MODERATORS, SECRETARIAT, cast

WORKSHOP = load_workshop(EXAMPLE_FILE)
PEOPLE = {d.key: d for d in cast([c.id for c in WORKSHOP.countries], [o.id for o in WORKSHOP.organisations],
                                 [t.id for t in WORKSHOP.tables])}
LEVEL_OF_TABLE = {t.id: t.level for t in WORKSHOP.tables}


def plain(text: str) -> str:
    """A sentence compared as a reader would: case, accents, punctuation and spacing aside."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", folded).split())


def sentences(amendments: bool = True) -> list[str]:
    """Everything the demo's people type in their own words."""
    found = [c.text for c in phrases.CHALLENGES] + [c.reject for c in phrases.CHALLENGES if c.reject]
    found += [t for p in phrases.PRACTICES for t in (p.name, p.achieved)]
    for r in phrases.RECOMMENDATIONS:
        found += [r.action, *(r.amend if r.amend and amendments else ()), *([r.set_aside] if r.set_aside else [])]
    found += [c.text for c in phrases.CONSOLIDATIONS] + [c.text for c in phrases.COMMENTS] + [phrases.ANNOUNCEMENT]
    return found


def level(item) -> str:
    return LEVEL_OF_TABLE[PEOPLE[item.author].table] if isinstance(item, phrases.Recommendation) else item.level


class Recording(script.Demo):
    """The demo as it runs, kept for a look at what its people typed."""

    runs: ClassVar[list[script.Demo]] = []

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        Recording.runs.append(self)


def test_the_demo_workshop_writes_the_final_roadmap_minutes_and_data(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(script, "Demo", Recording)
    Recording.runs.clear()
    out = tmp_path / "out"
    assert main(["demo", "--out", str(out), "--people", "9"]) == 0
    story = capsys.readouterr().out
    for stage in ("registration: 9 people", "mapping:", "tables:", "moderation:", "plenary:", "joint reading:",
                  "close: Hoja de ruta final enviada", "demo finished", "written:"):
        assert stage in story, stage
    expected = ["roadmap-es.pdf", "roadmap-en.pdf", "data.zip", "data.xlsx", "data.json",
                *(f"minutes-{t}-{lang}.pdf" for t in "ABC" for lang in ("es", "en"))]
    assert all((out / name).stat().st_size > 1000 for name in expected)
    assert all(str(out / name) in story for name in expected), "the summary names every file written"
    assert "\x1b[" not in story, "no progress bar drawn when the output is not a terminal"
    spanish = " ".join(p.extract_text() for p in PdfReader(out / "roadmap-es.pdf").pages)
    english = " ".join(p.extract_text() for p in PdfReader(out / "roadmap-en.pdf").pages)
    assert "Taller sobre Reintegración Sostenible" in spanish and "BORRADOR" not in spanish
    assert "Workshop on Sustainable Reintegration" in english and "DRAFT" not in english
    assert "adoptada" in spanish.lower() or "adoptad" in spanish.lower()
    reading = next(line for line in story.splitlines() if line.startswith("joint reading:"))
    assert "adopted as amended" in reading and "set aside" in reading and "_" not in reading
    moderation = next(line for line in story.splitlines() if line.startswith("moderation:"))
    assert sum(int(n) for n in re.findall(r"(\d+) merged", moderation)) >= 2, moderation

    demo = Recording.runs[-1]
    typed = [plain(t) for t in demo.typed]
    assert len(typed) > 20
    assert len(set(typed)) == len(typed), Counter(typed).most_common(3)
    said = {m.get("text") for chat in demo.emulator.chats.values() for m in chat.user_messages.values()}
    assert set(demo.typed) <= said, "every sentence was typed to the bot"
    profile = {t for d in demo.people for t in (d.name, d.institution, d.position)}
    profile |= {t for n, o, p in (SECRETARIAT, *MODERATORS.values())
                for t in (n, p, WORKSHOP.organisation(o).name.get("es"), WORKSHOP.organisation(o).name.get("en"))}
    long_ones = [plain(t) for t in said if t and not t.startswith("/") and t not in profile and len(t.split()) >= 5]
    assert len(set(long_ones)) == len(long_ones), "no two sentences sent to the bot are the same"


def test_no_sentence_is_written_twice():
    found = [plain(s) for s in sentences()]
    assert len(set(found)) == len(found), [s for s, n in Counter(found).items() if n > 1]


def test_every_item_names_ids_the_workshop_file_and_the_briefing_know():
    levels, dimensions = {lv.id for lv in WORKSHOP.levels}, {d.id for d in WORKSHOP.dimensions}
    briefing = names(WORKSHOP, "es")
    groups, actors, crosscutting = (set(briefing.options(s)) for s in ("groups", "stakeholders", "crosscutting"))
    challenges = {c.key: c for c in phrases.CHALLENGES}
    practices = {p.key: p for p in phrases.PRACTICES}
    recommendations = {r.key: r for r in phrases.RECOMMENDATIONS}
    for item in (*phrases.CHALLENGES, *phrases.PRACTICES, *phrases.RECOMMENDATIONS, *phrases.COMMENTS):
        assert item.author in PEOPLE, item
    for item in (*phrases.CHALLENGES, *phrases.PRACTICES, *phrases.RECOMMENDATIONS):
        assert level(item) in levels and set(item.dimensions) <= dimensions and item.dimensions, item.key
        assert item.attribution in ("named", "country", "anonymous"), item.key
    assert all(set(c.groups) <= groups for c in phrases.CHALLENGES)
    for r in phrases.RECOMMENDATIONS:
        assert r.actors and set(r.actors) <= actors and set(r.crosscutting) <= crosscutting, r.key
        assert r.scope in ("national", "regional") and r.timeframe in ("short", "medium", "long"), r.key
        # a recommendation links the challenges and practices of its own level: the only ones the bot offers
        assert all(level(challenges[k]) == level(r) for k in r.answers), r.key
        assert all(level(practices[k]) == level(r) for k in r.builds_on), r.key
    for items in (challenges, practices, recommendations):
        for item in items.values():
            if item.same_as:  # merged by the moderator who reviews both: the same level (and table)
                twin = items[item.same_as]
                assert level(twin) == level(item) and twin.same_as is None, item.key
    for plan in phrases.CONSOLIDATIONS:
        assert PEOPLE[plan.rapporteur].table == plan.table
        assert all(PEOPLE[recommendations[k].author].table == plan.table for k in plan.sources)
    for comment in phrases.COMMENTS:
        assert comment.on[1:] in LEVEL_OF_TABLE if comment.on.startswith("@") else comment.on in recommendations


def test_near_duplicates_come_in_both_languages_and_across_them():
    items = {i.key: i for i in (*phrases.CHALLENGES, *phrases.PRACTICES, *phrases.RECOMMENDATIONS)}
    pairs = Counter()
    for item in items.values():
        if item.same_as:
            languages = sorted({PEOPLE[item.author].language, PEOPLE[items[item.same_as].author].language})
            pairs["-".join(languages)] += 1
    assert pairs["es"] >= 3 and pairs["en"] >= 1 and pairs["en-es"] >= 3, pairs
    assert {d.language for d in PEOPLE.values()} == {"es", "en"}
    assert len({d.country for d in PEOPLE.values() if d.country}) == len(WORKSHOP.countries)
    assert all(sum(1 for d in PEOPLE.values() if d.country == c.id) == 2 for c in WORKSHOP.countries)


def test_the_groups_the_concept_note_names_are_among_those_most_affected():
    named = {g for c in phrases.CHALLENGES for g in c.groups}
    assert {"unaccompanied_children", "displaced_on_arrival", "women"} <= named  # s004 Objetivos


def test_one_level_dimension_cell_is_thin_and_one_is_empty():
    """Published items per cell: merged near-duplicates and rejected items are not, a table's recommendation is
    (with its sources' dimensions), the members' recommendations it took in are not."""
    by_key = {r.key: r for r in phrases.RECOMMENDATIONS}
    taken_in = {k for plan in phrases.CONSOLIDATIONS for k in plan.sources}
    cells = Counter()
    for item in (*phrases.CHALLENGES, *phrases.PRACTICES, *phrases.RECOMMENDATIONS):
        taken = isinstance(item, phrases.Recommendation) and item.key in taken_in
        if item.same_as or getattr(item, "reject", None) or taken:
            continue
        cells.update((level(item), d) for d in item.dimensions)
    for plan in phrases.CONSOLIDATIONS:
        dims = {d for k in plan.sources for d in by_key[k].dimensions}
        cells.update((LEVEL_OF_TABLE[plan.table], d) for d in dims)
    everything = {(lv.id, d.id) for lv in WORKSHOP.levels for d in WORKSHOP.dimensions}
    assert cells[("structural", "psychosocial")] == 0
    assert cells[("community", "psychosocial")] == 1
    assert all(cells[c] >= 4 for c in everything - {("structural", "psychosocial"), ("community", "psychosocial")})


def test_the_quick_cast_still_amends_sets_aside_and_merges():
    """``--people 9`` (the test above) keeps the first nine: they must carry the joint reading's two outcomes
    other than adoption, a pair of near-duplicates, both languages and every table."""
    first = list(PEOPLE)[:9]
    mine = [r for r in phrases.RECOMMENDATIONS if r.author in first]
    assert any(r.amend for r in mine) and any(r.set_aside for r in mine)
    assert any(r.same_as and by.author in first for r in mine for by in phrases.RECOMMENDATIONS if by.key == r.same_as)
    assert {PEOPLE[k].language for k in first} == {"es", "en"}
    assert {PEOPLE[k].table for k in first} == set(LEVEL_OF_TABLE)


def test_no_two_items_of_a_table_are_word_for_word_alike():
    """Near-duplicates say the same thing in other words: none is another's copy with words added at the end
    (as an amendment is: the joint reading's wording keeps the original's and adds to it)."""
    texts = [plain(t) for t in sentences(amendments=False)]
    for a, b in combinations(texts, 2):
        shorter, longer = sorted((a.split(), b.split()), key=len)
        if len(shorter) >= 6:
            assert shorter != longer[:len(shorter)], (a, b)
