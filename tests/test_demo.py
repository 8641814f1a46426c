"""`make demo` on a smaller cast: the whole workshop, through the bot, ends in the final documents, with its
editorial work (the tables' syntheses, every published recommendation, challenge and good practice in both
languages, the secretariat's introduction, conclusions and next steps) done by the people who own it; and the
demo's content
(bot/offline/demo/phrases.py, bilingual.py) reads as a real workshop's would: no sentence twice, both
languages, near-duplicates to merge, the groups most affected named, one thin and one empty level × dimension
cell, every id one the workshop file or the briefing knows."""

import asyncio
import re
import tomllib
import unicodedata
from collections import Counter
from itertools import combinations
from typing import ClassVar

from pypdf import PdfReader

from bot.cli import main
from bot.domain import editorial, translating
from bot.domain.briefing import names
from bot.domain.workshop_file import EXAMPLE_FILE, load_workshop
from bot.i18n import CONTENT_DIR
from bot.offline.demo import bilingual, duplicates_bilingual, floor, phrases, plenary_bilingual, script
from bot.offline.demo.cast import MODERATORS, SECRETARIAT, TRANSLATOR, cast
from bot.offline.demo.editing import due
from bot.storage import Storage
from reports.text import short_title

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
    found += list(bilingual.OTHER_LANGUAGE.values())
    found += [*bilingual.CHALLENGES_OTHER_LANGUAGE.values(), *bilingual.PRACTICES_OTHER_LANGUAGE.values()]
    found += [fields["achieved"] for fields in bilingual.PRACTICE_FIELDS_OTHER_LANGUAGE.values()]
    found += list(bilingual.AMENDED_OTHER_LANGUAGE.values()) if amendments else []
    found += [t for parts in bilingual.SYNTHESES.values() for pair in parts.values() for t in pair]
    found += [*bilingual.SENT_BACK, *bilingual.INTRODUCTION_ADDED, *bilingual.CONCLUSIONS]
    found += [t for step, who, _ in bilingual.NEXT_STEPS for t in (*step, *who)]
    found += floor.typed() if amendments else [t for t in floor.typed()
                                               if t not in {a.wording for a in floor.AMENDMENTS}]
    found += [t for t in plenary_bilingual.OTHER_LANGUAGE.values() if t not in floor.OBJECTION.answer]
    found += duplicates_bilingual.typed()
    return found


async def stored(database, workshop_id):
    """What the demo left in the bot's store: the syntheses, every text, the next steps and the published
    items (recommendations, challenges, good practices), and the plenary's words on them."""
    async with Storage(database) as storage:
        return (await storage.syntheses(workshop_id), await storage.texts(workshop_id),
                await storage.next_steps(workshop_id),
                await storage.contributions(workshop_id, statuses=translating.TRANSLATED_STATUSES),
                await storage.plenary_texts(workshop_id))


def running_text(pdf) -> str:
    """A PDF's text without its pages' running heads and feet (title, date, place, page number): a sentence a
    page break splits reads whole."""
    pages = [page.extract_text().splitlines() for page in PdfReader(pdf).pages]
    seen = Counter(line for lines in pages for line in set(lines))
    heads = {line for line, n in seen.items() if n > len(pages) // 2}
    number = re.compile(r"^(Page|Página) \d+ (of|de) ?(\d+)?$|^\d+$")
    return " ".join(line for lines in pages for line in lines if line not in heads and not number.match(line))


def chapter(text: str, lang: str, start: str, end: str) -> str:
    """One chapter of an edition's extracted text, from its heading to the next chapter's (past the contents,
    which name both first)."""
    sections = tomllib.loads((CONTENT_DIR / lang / "report.toml").read_text(encoding="utf-8"))["sections"]
    flat = " ".join(text.split())
    begins = flat.index(sections[start], flat.index(sections[end]))
    return flat[begins:flat.index(sections[end], begins)]


def annex_of_items(text: str, lang: str) -> str:
    """An edition's annex of every contribution, to its end (past the contents, which name it first)."""
    heading = tomllib.loads((CONTENT_DIR / lang / "report.toml").read_text(encoding="utf-8"))["sections"]["annex_items"]
    return " ".join(text.split()).rsplit(heading, 1)[1]


def _entry_start(action: str) -> str:
    """The words an entry by level quotes an adopted action by, as the flattened text reads them: its title
    (`short_title`) without the "…" of a cut one, at most 40 characters."""
    title = short_title(action).replace("“", "«").replace("”", "»")
    return title.removesuffix("…")[:40]


def level(item) -> str:
    return LEVEL_OF_TABLE[PEOPLE[item.author].table] if isinstance(item, phrases.Recommendation) else item.level


class Recording(script.Demo):
    """The demo as it runs, kept for a look at what its people typed and at the steps each stage took."""

    runs: ClassVar[list[script.Demo]] = []

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.steps: Counter[str] = Counter()
        self.playing = ""
        Recording.runs.append(self)

    def stage(self, name: str) -> None:
        self.playing = name
        super().stage(name)

    def step(self, count: int = 1) -> None:
        self.steps[self.playing] += count
        super().step(count)


def test_the_demo_workshop_writes_the_final_roadmap_minutes_and_data(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(script, "Demo", Recording)
    Recording.runs.clear()
    out = tmp_path / "out"
    assert main(["demo", "--out", str(out), "--people", "9"]) == 0
    story = capsys.readouterr().out
    for stage in ("registration: 9 people", "translator:", "mapping:", "tables:", "moderation:",
                  "syntheses: 3 approved", "plenary:", "floor: 2 amendments proposed", "support by constituency",
                  "joint reading:", "translations:", "workshop texts:", "commitments:",
                  "close: Hoja de ruta final enviada", "the plenary group",
                  "follow-up, three months on: round 1 opened", "demo finished", "written:"):
        assert stage in story, stage
    expected = ["roadmap-es.pdf", "roadmap-en.pdf", "data.zip", "data.xlsx", "data.json", "progress-es.pdf",
                "progress-en.pdf",
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
    assert dict(demo.steps) == demo.budgets(), "the progress bar's budget of each stage is the steps it takes"
    typed = [plain(t) for t in demo.typed]
    assert len(typed) > 20
    assert len(set(typed)) == len(typed), Counter(typed).most_common(3)
    said = {m.get("text") for chat in demo.emulator.chats.values() for m in chat.user_messages.values()}
    assert set(demo.typed) <= said, "every sentence was typed to the bot"
    profile = {t for d in demo.people for t in (d.name, d.institution, d.position)}
    profile |= {TRANSLATOR[0]}
    profile |= {t for n, o, p in (SECRETARIAT, *MODERATORS.values())
                for t in (n, p, WORKSHOP.organisation(o).name.get("es"), WORKSHOP.organisation(o).name.get("en"))}
    long_ones = [plain(t) for t in said if t and not t.startswith("/") and t not in profile and len(t.split()) >= 5]
    assert len(set(long_ones)) == len(long_ones), "no two sentences sent to the bot are the same"

    # The editorial work, as stored: three approved syntheses in both languages, table A's sent back once
    # with the moderator's note; every published recommendation, challenge and good practice with a person's
    # version of its main text in its other language (the one recommendation left to the secretariat's machine
    # drafts confirmed by the translator); the secretariat's texts in both.
    syntheses, texts, steps, published, said_in_plenary = asyncio.run(stored(out / "demo.sqlite3", demo.workshop_id))
    assert [s.status for s in syntheses] == [editorial.APPROVED] * 3
    assert bilingual.SENT_BACK[0] in said
    versions = editorial.by_key(texts)
    assert {item.kind for item in published} == {"challenge", "good_practice", "recommendation"}
    for item in published:
        for part in editorial.ITEM_PARTS[item.kind]:  # every field it prints: a good practice's where, run by...
            if not item.details.get(part):
                continue
            shown = editorial.version_in(WORKSHOP.other_languages(item.language)[0], item.details[part],
                                         item.language, versions.get((editorial.ITEM, item.id, part), []))
            assert shown.origin == editorial.TRANSLATION, (item.kind, item.id, part, shown)
    translations = next(line for line in story.splitlines() if line.startswith("translations:"))
    mapped = sum(1 for item in published if item.kind != "recommendation")
    assert f"{mapped} of {mapped} published challenges and good practices in both languages" in translations
    assert not re.search(r"\b0 typed by the translator|\b0 by their authors|\b0 from machine drafts the translator",
                         translations), translations
    for subject in (editorial.SYNTHESIS, editorial.INTRODUCTION, editorial.CONCLUSIONS, editorial.NEXT_STEP):
        assert {t.language for t in texts if t.subject == subject} == {"es", "en"}, subject
    [intro_es] = [t.body for t in texts if t.subject == editorial.INTRODUCTION and t.language == "es"]
    assert intro_es.startswith("El Taller sobre Reintegración Sostenible se celebró en Puebla")  # the facts kept
    assert intro_es.endswith(bilingual.INTRODUCTION_ADDED[0])
    # deadlines follow the rehearsal's own dates (it is held today), typed day first and stored as ISO dates
    assert [s.by_when for s in steps] == [due(demo.workshop, days).isoformat() for _, _, days in
                                         bilingual.NEXT_STEPS]
    # ... and printed, each edition in its own language
    for text, lang in ((spanish, 0), (english, 1)):
        flat = " ".join(text.split())
        assert bilingual.CONCLUSIONS[lang][:60] in flat and bilingual.INTRODUCTION_ADDED[lang][:60] in flat
        assert bilingual.SYNTHESES["A"]["opportunities"][lang][:60] in flat
        assert bilingual.NEXT_STEPS[0][0][lang][:60] in flat
    # ... and the mapping chapter reads in one language: challenges and good practices shown in it, none marked
    # as only in its original language
    chapters = {"es": chapter(spanish, "es", "mapping", "vulnerable"), "en": chapter(english, "en", "mapping",
                                                                                     "vulnerable")}
    assert "original en" not in chapters["es"] and "original in" not in chapters["en"]
    written = {"es": bilingual.CHALLENGES_OTHER_LANGUAGE["skills"], "en": bilingual.CHALLENGES_OTHER_LANGUAGE["trauma"]}
    for lang, sentence in written.items():
        assert " ".join(sentence.split())[:50] in chapters[lang], lang
    assert bilingual.PRACTICES_OTHER_LANGUAGE["serbia"] in chapters["es"]
    assert bilingual.PRACTICES_OTHER_LANGUAGE["ventanillas"] in chapters["en"]
    fields = bilingual.PRACTICE_FIELDS_OTHER_LANGUAGE
    for lang, key in (("es", "serbia"), ("en", "ventanillas")):  # every field, not only the name
        for part in ("where", "run_by", "achieved"):
            assert " ".join(fields[key][part].split())[:50] in chapters[lang], (lang, key, part)
    originals = {p.key: p for p in phrases.PRACTICES}
    assert " ".join(originals["serbia"].achieved.split())[:50] not in chapters["es"]
    assert " ".join(originals["ventanillas"].achieved.split())[:50] not in chapters["en"]
    # ... and so does the annex of every contribution: the near-duplicates the moderators merged are quoted in
    # the edition's language (the translator gave them as they came in), none only in its original
    annexes = {"es": annex_of_items(spanish, "es"), "en": annex_of_items(english, "en")}
    assert "original en" not in annexes["es"] and "original in" not in annexes["en"]
    assert demo.near_duplicates()
    for kind, entry in demo.near_duplicates():
        [other] = WORKSHOP.other_languages(PEOPLE[entry.author].language)
        given = duplicates_bilingual.PRACTICES[entry.key]["name"] if kind == "practice" \
            else duplicates_bilingual.TEXTS[entry.key]
        assert " ".join(given.split())[:50] in annexes[other], entry.key
    # the plenary's words: every one in both languages from a person, what nobody gave filled by the
    # secretariat's machine drafts and each of those confirmed by the translator before the workshop closed,
    # so that neither edition prints an adopted action or a plenary's word marked as a machine translation
    plenary = [t for t in texts if t.subject in translating.PLENARY]
    candidates = translating.plenary_candidates(said_in_plenary, WORKSHOP.languages)
    assert len(candidates) >= 8
    for candidate in candidates:
        shown = editorial.version_in(candidate.target, candidate.body, candidate.language,
                                     [t for t in plenary if (t.subject, t.subject_id, t.part) == candidate.key])
        assert shown.origin == editorial.TRANSLATION, candidate
    assert re.search(r"\b[1-9]\d* from the secretariat's machine drafts for all missing \(Rec-\d+[^)]*\), which "
                     r"the translator confirmed", translations), translations
    assert translations.endswith("machine translations left unconfirmed: none"), translations
    assert "machine translation" not in " ".join(english.split())
    assert "traducción automática" not in " ".join(spanish.split())
    asyncio.run(floor_and_follow_up(demo, out, story, spanish, english))


async def floor_and_follow_up(demo, out, story, spanish, english):
    """Issues 13, 15 and 16 as the demo played them: what was stored, what people and groups saw, and the
    documents."""
    accepted, declined = floor.AMENDMENTS
    async with Storage(out / "demo.sqlite3") as storage:
        rows = await storage.fetch_all("SELECT wording, reason, attribution, status, decision_reason "
                                       "FROM amendments ORDER BY id")
        answers = await storage.fetch_all("SELECT text, answer FROM feedback WHERE kind = 'object' "
                                          "AND answer IS NOT NULL")
        commitments = await storage.fetch_all("SELECT country, reporter_id FROM commitments ORDER BY id")
        checkins = await storage.fetch_all("SELECT status, note, link FROM checkins")
        groups = await storage.group_chats(demo.workshop_id)
    assert [tuple(r) for r in rows] == [
        (accepted.wording, accepted.reason, "country", "accepted", None),
        (declined.wording, declined.reason, "anonymous", "declined", declined.declined_because)]
    assert [tuple(r) for r in answers] == [(floor.OBJECTION.reason, floor.OBJECTION.answer[1])]  # (in English)
    # the amendment's wording before and after, and the answered objection, in both editions, each in its own
    # language: the English originals in the English one, the translator's and the rapporteur's Spanish versions
    # (none a machine draft) in the Spanish one; the declined amendment under its recommendation in both, proposed
    # anonymously, with its wording, its reason and the table's reason for declining it, each in the edition's
    # language (the rapporteur's Spanish reason given in English by the translator)
    original = next(r for r in phrases.RECOMMENDATIONS if r.key == accepted.on)
    english, spanish = (running_text(out / f"roadmap-{lang}.pdf") for lang in ("en", "es"))  # across page breaks
    other = plenary_bilingual.OTHER_LANGUAGE
    in_edition = {
        "en": (english, original.action, accepted.wording, accepted.reason, floor.OBJECTION.reason,
               floor.OBJECTION.answer[1], (declined.wording, declined.reason, other[declined.declined_because])),
        "es": (spanish, bilingual.OTHER_LANGUAGE[original.key], accepted.other_language, other[accepted.reason],
               other[floor.OBJECTION.reason], floor.OBJECTION.answer[0],
               (other[declined.wording], other[declined.reason], declined.declined_because))}
    for lang, (text, before, after, why, reason, answer, (wording, proposed_why, because)) in in_edition.items():
        flat = " ".join(text.split()).replace("“", "«").replace("”", "»")
        assert f"«{before}» " in flat and after[:60] in flat, "the wording before and after"
        for words in (why, reason, answer, wording, proposed_why, because):
            assert words in flat and f"{words} traducción automática" not in flat \
                and f"{words} machine translation" not in flat, words
        fields = tomllib.loads((CONTENT_DIR / lang / "report.toml").read_text(encoding="utf-8"))["fields"]
        block = (f"{fields['amendment_declined']} ({fields['proposer_unknown']}) "
                 f"{fields['proposed_wording']}: «{wording}» {fields['reason_line']}: {proposed_why} "
                 f"{fields['declined_reason']}: {because}")
        assert flat.count(block) == 1, (lang, block)
        actions = {r.key: r.action if lang == "en" else bilingual.OTHER_LANGUAGE.get(r.key, "")
                   for r in phrases.RECOMMENDATIONS if not r.same_as}
        # Each entry by level opens with the start its text is quoted by (session 8: the roadmap table has it
        # whole), so the block is found after its own recommendation's start and no other's.
        starts = {key: _entry_start(a) for key, a in actions.items() if a}
        on = starts[declined.on]
        entry = flat[flat.rindex(on, 0, flat.index(block)):flat.index(block)]  # from its recommendation's start
        assert not any(s in entry for key, s in starts.items() if key != declined.on), lang
    assert original.action[:40] not in " ".join(spanish.split()), "the earlier wording in Spanish only"
    assert bilingual.OTHER_LANGUAGE[original.key][:40] not in " ".join(english.split())

    # two commitments, each with a delegate reporting; round 1 answered by the first: under way, note, link
    assert len(commitments) == 2 and all(r[1] is not None for r in commitments)
    assert [tuple(r) for r in checkins] == [("under_way", floor.CHECKIN_NOTE[demo.by_key[
        next(d.key for d in demo.people if d.country == commitments[0][0])].language], floor.CHECKIN_LINK)]
    for lang, title in (("es", "Informe de avance"), ("en", "Progress report")):
        report = " ".join(" ".join(p.extract_text() for p in PdfReader(out / f"progress-{lang}.pdf").pages).split())
        assert title.lower() in report.lower() and floor.CHECKIN_NOTE[demo.by_key[next(
            d.key for d in demo.people if d.country == commitments[0][0])].language][:40] in report
    for country, _ in commitments:  # both reporters asked for round 1
        reporter = next(d for d in demo.people if d.country == country)
        assert any(m.text.startswith("📋") and "/checkin" in m.text for m in demo.user(reporter).messages)

    # the groups: one per table and the plenary's, each received its own posts; a /recommend from one
    assert len(groups) == 4
    by_code = demo.groups
    # an approved item's post opens with ✅; posts that waited for the group's turn go out together in one
    # message, so it may open a later line of one (bot.jobs.groups.batch)
    assert all(any(re.search(r"(?m)^✅", m.text or "") for m in by_code[t].messages) for t in "ABC")
    plenary = by_code[None].messages
    assert any(m.document is not None for m in plenary) and any("adoptada" in m.text for m in plenary)
    assert not any(m.document is not None or "adoptada" in m.text for t in "ABC" for m in by_code[t].messages)
    assert "typed /recommend in table" in story
    for code in ("table A's group", "table B's group", "table C's group", "the plenary group"):
        assert code in story


def test_every_published_good_practice_has_its_other_fields_in_the_other_language():
    """Where it runs, who runs it and what it achieved, for every good practice the roadmap prints: each in
    other words than its original, except a place's own name that reads the same in both languages (only those
    named in ``SAME_IN_BOTH``, each a proper name); the same words always given the same other language."""
    printed = {p.key: p for p in phrases.PRACTICES if not p.same_as}
    fields = bilingual.PRACTICE_FIELDS_OTHER_LANGUAGE
    assert set(fields) == set(printed)
    given: dict[str, str] = {}
    for key, others in fields.items():
        assert set(others) == {"where", "run_by", "achieved"}, key
        for part, other in others.items():
            original = getattr(printed[key], part)
            if other == original:
                assert part == "where" and original in bilingual.SAME_IN_BOTH, (key, part)
            else:
                assert plain(other) != plain(original) and len(other) <= 3 * len(original) + 40, (key, part)
            assert given.setdefault(original, other) == other, (key, part)  # one original, one translation
    assert bilingual.SAME_IN_BOTH.issubset(p.where for p in printed.values())
    assert all(len(name.split()) <= 3 for name in bilingual.SAME_IN_BOTH)


def test_no_sentence_is_written_twice():
    found = [plain(s) for s in sentences()]
    assert len(set(found)) == len(found), [s for s, n in Counter(found).items() if n > 1]


def test_every_published_challenge_and_good_practice_has_its_other_language():
    """The main text (``editorial.ITEM_PARTS``, first) of each challenge and good practice the roadmap prints, in the
    other language; none for a near-duplicate the moderator merges or the question rejected, none left over."""
    for items, texts, kind in ((phrases.CHALLENGES, bilingual.CHALLENGES_OTHER_LANGUAGE, "challenge"),
                               (phrases.PRACTICES, bilingual.PRACTICES_OTHER_LANGUAGE, "practice")):
        printed = {i.key: i for i in items if not i.same_as and not getattr(i, "reject", None)}
        assert set(texts) == set(printed), kind
        for key, other in texts.items():
            original = printed[key].text if kind == "challenge" else printed[key].name
            assert plain(other) != plain(original) and len(other) <= 3 * len(original) + 40, key
    givers = bilingual.MAPPING_GIVEN_BY
    assert set(givers.values()) == {"author", "translator"}
    assert all(key in (bilingual.CHALLENGES_OTHER_LANGUAGE if kind == "challenge"
                       else bilingual.PRACTICES_OTHER_LANGUAGE) for kind, key in givers)


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


def test_the_quick_cast_plays_the_floor_and_the_follow_up():
    """The first nine propose both amendments (to recommendations of theirs with a card of their own), make the
    objection the rapporteur answers, and include delegations of countries to commit."""
    first = list(PEOPLE)[:9]
    by_key = {r.key: r for r in phrases.RECOMMENDATIONS}
    taken_in = {k for plan in phrases.CONSOLIDATIONS for k in plan.sources}
    for amendment in floor.AMENDMENTS:
        target = by_key[amendment.on]
        assert amendment.author in first and target.author in first and amendment.on not in taken_in
        assert PEOPLE[amendment.author].table != PEOPLE[target.author].table  # from another table's delegate
        assert plain(amendment.wording) != plain(target.action)
    assert [a.attribution for a in floor.AMENDMENTS] == ["country", "anonymous"]
    assert [a.accept for a in floor.AMENDMENTS] == [True, False] and floor.AMENDMENTS[1].declined_because
    assert floor.OBJECTION.author in first and by_key[floor.OBJECTION.on].author in first
    assert not by_key[floor.OBJECTION.on].set_aside  # the roadmap prints it with the answer
    assert {c.country for c in floor.COMMITMENTS} == {"GT", "MX"}
    assert all(any(d.country == c.country for d in PEOPLE.values()) for c in floor.COMMITMENTS)
    assert len({p.country for k, p in PEOPLE.items() if k in first and p.country}) >= 2  # stand-ins when fewer
