"""The demo's editorial work, played through the bot as its people would do it: a translator joins by the link
the secretariat's /invite gives, each table's rapporteur writes the table's synthesis and its moderator approves
it (table A's once sent back), every published recommendation gets its other language (from its author, the
translator, or a machine draft a person confirms), so does every published
challenge and good practice (mostly machine drafts the translator confirms, some typed by her, a couple by
their authors; a good practice's where, who runs it and what it achieved given with its name, one after another,
a place that reads the same in both languages given as it is), so do the near-duplicates the moderators
merge (given as they come in, while the desk still lists them) and the plenary's words (the translator's,
an objection's answer its rapporteur's), the secretariat fills what nobody gave with machine drafts and the
translator confirms each of them before the workshop closes (an intergovernmental conference publishes no
adopted action, no word of its plenary, that nobody checked: the demo's roadmaps carry no machine translation
mark; the mark itself is tested in tests/test_translation*.py), and the secretariat writes the introduction,
the conclusions and the agreed next steps, which the translator gives in English.

The words come from ``bilingual.py``, ``duplicates_bilingual.py`` and ``plenary_bilingual.py``; this module only
decides the taps. It is a part of ``script.Demo`` (a mixin), kept apart so the workshop's first two days and its
editorial work can each be read on their own.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
from collections import Counter, defaultdict
from collections.abc import Awaitable, Callable

from bot.domain import editorial, translating, workshop_texts
from bot.domain.items import reference
from bot.offline.demo import bilingual, duplicates_bilingual, phrases, plenary_bilingual
from bot.offline.demo.cast import TRANSLATOR, Delegate
from bot.offline.demo.phrases import Challenge, Consolidation, Practice, Recommendation
from bot.offline.emulator import SimulatedUser
from bot.offline.translator import FakeTranslator

WAIT = 30
LIST_READINGS = 4   # times the translation list is asked for before a text counts as not on it
TRANSLATOR_ID = 900_020
SAME = "\0same"  # an answer at the translation desk: the field's words as they are (a place's own name)


class DemoTranslator(FakeTranslator):
    """The machine translation service of the demo: it knows the demo's texts in both languages (``bilingual``)
    and nothing else. For any other text it answers with no translation (as a service without that language pair
    would), so whatever the demo has no other language for (a near-duplicate that a smaller cast leaves
    unmerged) stays in its original language, named as such, rather than filling the roadmap with marked-up
    gibberish."""

    def draft(self, text: str, source: str, target: str) -> str:
        return self.known.get(text) or plenary_bilingual.other_language(text) or ""  # (the plenary's words too)


def known_translations() -> dict[str, str]:
    """Original wording -> its other language, for every editorial text of the demo known before it runs."""
    known: dict[str, str] = {}
    for r in phrases.RECOMMENDATIONS:
        if r.key in bilingual.OTHER_LANGUAGE:
            known[r.action] = bilingual.OTHER_LANGUAGE[r.key]
        if r.amend and r.key in bilingual.AMENDED_OTHER_LANGUAGE:
            known[r.amend[0]] = bilingual.AMENDED_OTHER_LANGUAGE[r.key]
    for plan in phrases.CONSOLIDATIONS:
        if f"@{plan.table}" in bilingual.OTHER_LANGUAGE:
            known[plan.text] = bilingual.OTHER_LANGUAGE[f"@{plan.table}"]
    for challenge in phrases.CHALLENGES:
        if challenge.key in bilingual.CHALLENGES_OTHER_LANGUAGE:
            known[challenge.text] = bilingual.CHALLENGES_OTHER_LANGUAGE[challenge.key]
    for practice in phrases.PRACTICES:
        if practice.key in bilingual.PRACTICES_OTHER_LANGUAGE:
            known[practice.name] = bilingual.PRACTICES_OTHER_LANGUAGE[practice.key]
        for part, other in bilingual.PRACTICE_FIELDS_OTHER_LANGUAGE.get(practice.key, {}).items():
            known[getattr(practice, part)] = other
    for parts in bilingual.SYNTHESES.values():
        for first, other in parts.values():
            known[first], known[other] = other, first
    known[bilingual.CONCLUSIONS[0]] = bilingual.CONCLUSIONS[1]
    for (step, who, _) in bilingual.NEXT_STEPS:
        known[step[0]], known[who[0]] = step[1], who[1]
    return known


class EditorialStages:
    """The stages of the editorial work; ``self`` is the running ``script.Demo``."""

    translator_service: DemoTranslator | None = None

    # -- small pieces ----------------------------------------------------------------------------------------

    def prefix(self, lang: str, key: str, **params) -> str:
        """The first words of a message of the bot, enough to recognise it."""
        return self.opening(lang, key, **params)[:24]

    async def open_in_list(self, user: SimulatedUser, lang: str, label: str) -> None:
        """/translate, turning the list's pages until the text's button shows, and press it.

        The list moves while it is read: other people give their texts' other language meanwhile (the
        rapporteurs their syntheses), so a text can slide back onto a page already turned. Past the last page,
        the list is asked for again, as a translator would, a few times before the text counts as missing."""
        button = label[:40]
        for _ in range(LIST_READINGS):
            await user.send_text("/translate")
            listed = await user.wait_for(lambda m: m.text.startswith(self.prefix(lang, "tr.title", count="\0")),
                                         timeout=WAIT)  # (a notice may come first)
            for _ in range(40):
                if listed.has_button(button):
                    await user.press(button, message=listed)
                    return
                if not listed.has_button("▶"):
                    break
                listed = await self.tap(user, listed, "▶")
        raise LookupError(f"{label} is not on {user!r}'s list to translate: {listed.describe()}")

    async def translate(self, user: SimulatedUser, lang: str, label: str, text: str | None = None,
                        step: bool = True) -> None:
        """Give a text's other language at the translation desk: typed (``text``), or, without one, the
        machine draft confirmed as it is; a step of the progress bar unless the caller counts them."""
        await self.open_in_list(user, lang, label)
        question = await user.wait_for(lambda m: m.text.startswith(f"{label}, "), timeout=WAIT)
        if text is None:
            confirm = self.label(lang, "tr.btn_confirm")
            await user.press(self.label(lang, "tr.btn_machine"), message=question)
            draft = await user.wait_for(lambda m: m.has_button(confirm), timeout=WAIT)
            await user.press(confirm, message=draft)
        else:
            await self.say(user, text)
        saved = self.prefix(lang, "tr.saved", ref="\0")
        done = await user.wait_for(lambda m: m.text.startswith(saved), timeout=WAIT)
        listed = (self.prefix(lang, "tr.title", count="\0"), self.prefix(lang, "tr.nothing"))
        await user.wait_for(lambda m: m.message_id > done.message_id and m.text.startswith(listed), timeout=WAIT)
        if step:
            self.step()

    async def translate_item(self, user: SimulatedUser, lang: str, ref: str, kind: str,
                             answers: dict[str, str | None], step: bool = True) -> None:
        """Give an item's fields their other language, one after another as the desk asks them: each typed,
        given as it is (``SAME``: a place's own name), or from the machine draft confirmed (None)."""
        await self.open_in_list(user, lang, ref)
        main = editorial.main_part(kind)
        labels = {part: ref if part == main else f"{ref} · {self.label(lang, f'tr.field_{part}')}"
                  for part in answers}
        saved = self.prefix(lang, "tr.saved", ref="\0")
        machine, confirm, skip = (self.label(lang, key) for key in ("tr.btn_machine", "tr.btn_confirm", "tr.btn_skip"))
        last = 0
        while True:
            asked = await user.wait_for(lambda m, after=last: m.message_id > after and (m.text.startswith(saved) or any(
                f"{label}, " in m.text for label in labels.values())), timeout=WAIT)
            if asked.text.startswith(saved):
                break
            part = next(p for p, label in labels.items() if f"{label}, " in asked.text)
            last, text = asked.message_id, answers[part]
            if text is None:
                await user.press(machine, message=asked)
                draft = await user.wait_for(lambda m: m.has_button(confirm), timeout=WAIT)
                await user.press(confirm, message=draft)
            elif text is SAME:
                await user.press(next(t for t in asked.button_texts if t not in (machine, skip)), message=asked)
            else:
                await self.say(user, text)
        listed = (self.prefix(lang, "tr.title", count="\0"), self.prefix(lang, "tr.nothing"))
        await user.wait_for(lambda m: m.message_id > asked.message_id and m.text.startswith(listed), timeout=WAIT)
        if step:
            self.step()

    @staticmethod
    def field_answers(item, how: str, text: str | None) -> dict[str, str | None]:
        """What a good practice's giver answers for each field: the name as ``how`` says (typed, or the machine's
        draft), a place that reads the same in both languages as it is, what it achieved typed by the
        translator who typed the name, and the rest from machine drafts confirmed."""
        practice = next((p for p in phrases.PRACTICES if p.name == item.details.get("name")), None)
        others = bilingual.PRACTICE_FIELDS_OTHER_LANGUAGE.get(practice.key, {}) if practice else {}
        answers: dict[str, str | None] = {editorial.main_part(item.kind): None if how == "machine" else text}
        for part in editorial.ITEM_PARTS[item.kind][1:]:
            original, other = item.details.get(part, ""), others.get(part)
            if not original or other is None:
                continue
            if other == original and original in bilingual.SAME_IN_BOTH:
                answers[part] = SAME
            else:
                answers[part] = other if how == "translator" and part == "achieved" else None
        return answers

    # -- the translator ----------------------------------------------------------------------------------------

    async def join_translator(self) -> None:
        """The secretariat's /invite gives the translators' link; the translator opens it and gives her name."""
        sara = self.secretariat
        heading = self.label("es", "tr.invite_translators", link="\0").split("\0")[0]
        heading = heading.replace("<b>", "").replace("</b>", "").split(" (")[0]
        await sara.send_text("/invite")
        links = await sara.wait_for(lambda m: heading in m.text, timeout=WAIT)
        link = links.text.split(heading, 1)[1].split("\n")[1].split()[0]
        token = link.rsplit("start=", 1)[1]
        name, language = TRANSLATOR
        user = self.translator = self.emulator.user(TRANSLATOR_ID, name.split()[0], language_code=language)
        self.translator_language = language
        await user.send_text(f"/start {token}")
        await user.press("English" if language == "en" else "Español",
                         message=await user.wait_for(lambda m: m.has_button("Español"), timeout=WAIT))
        await user.wait_for(lambda m: not m.buttons and "?" in m.text, timeout=WAIT)
        notice = await user.ask(name)
        await user.press(notice.buttons[0][0][0], message=notice)
        await user.wait_for(lambda m: name in m.text, timeout=WAIT)
        self.step()
        print(f"translator: {name} (SE-CRM) joined with the translators' link of the secretariat's /invite")

    # -- near-duplicates, as they come in -------------------------------------------------------------------

    def near_duplicates(self) -> list[tuple[str, Challenge | Practice | Recommendation]]:
        """The near-duplicates the moderators will merge (the item they repeat was sent too), by kind."""
        found: list[tuple[str, Challenge | Practice | Recommendation]] = []
        for kind, entries in (("recommendation", self.recommendations), ("challenge", self.challenges),
                              ("practice", self.practices)):
            sent = {e.key for e in entries}
            known = duplicates_bilingual.PRACTICES if kind == "practice" else duplicates_bilingual.TEXTS
            found += [(kind, e) for e in entries if e.same_as in sent and e.key in known]
        return found

    async def translate_arrivals(self) -> int:
        """Before the moderators review: the translator gives the near-duplicates their other language while the
        desk still lists them (merged, they leave it), so the roadmap's annex of every contribution quotes each
        in the edition's language. Returns how many."""
        lang, given = self.translator_language, 0
        for kind, entry in self.near_duplicates():
            item_id = self.refs.get((kind, entry.key))
            if item_id is None:  # (not sent: nothing to give)
                self.step()
                continue
            ref = self.ref(item_id, lang)
            if kind == "practice":
                fields = duplicates_bilingual.PRACTICES[entry.key]
                same = {part for part, other in fields.items()
                        if other == getattr(entry, part) and other in duplicates_bilingual.SAME_IN_BOTH}
                answers: dict[str, str | None] = {part: SAME if part in same else fields[part]
                                                  for part in editorial.ITEM_PARTS["good_practice"]
                                                  if getattr(entry, part)}
                await self.translate_item(self.translator, lang, ref, "good_practice", answers)
            else:
                await self.translate(self.translator, lang, ref, duplicates_bilingual.TEXTS[entry.key])
            given += 1
        return given

    # -- the tables' syntheses ---------------------------------------------------------------------------------

    async def write_synthesis(self, user: SimulatedUser, lang: str, parts: dict[str, str]) -> None:
        """The rapporteur writes parts of the synthesis at /synthesis (the table's items shown beside each), and
        submits it to the moderator."""
        write = {part: self.label(lang, f"synth.btn_write_{part}") for part in editorial.SYNTHESIS_PARTS}
        submit = self.label(lang, "synth.btn_submit")
        await user.send_text("/synthesis")
        desk = await user.wait_for(lambda m: m.has_button(write["challenges"]), timeout=WAIT)
        asked = self.prefix(lang, "synth.ask_part", part="\0")
        for part, text in parts.items():
            await user.press(write[part], message=desk)
            await user.wait_for(lambda m: m.text.startswith(asked), timeout=WAIT)
            await self.say(user, text)
            desk = await user.wait_for(lambda m, old=desk.message_id: m.message_id != old
                                       and m.has_button(submit), timeout=WAIT)
            self.step()
        await user.press(submit, message=desk)
        await user.wait_for(lambda m: m.text.startswith(self.prefix(lang, "synth.submitted", told=1)), timeout=WAIT)
        self.step()

    async def decide_synthesis(self, moderator: SimulatedUser, note: str | None = None) -> None:
        """The moderator opens the submitted synthesis: approves it, or sends it back with ``note``."""
        approve, back = self.label("es", "synth.btn_approve"), self.label("es", "synth.btn_return")
        await moderator.send_text("/synthesis")
        desk = await moderator.wait_for(lambda m: m.has_button(approve), timeout=WAIT)
        if note is None:
            await moderator.press(approve, message=desk)
            await moderator.wait_for(lambda m: not m.buttons and m.text.startswith(
                self.prefix("es", "synth.approved", table="\0")), timeout=WAIT)
        else:
            await moderator.press(back, message=desk)
            await moderator.wait_for(lambda m: m.text.startswith(self.prefix("es", "synth.ask_reason", limit=1)),
                                     timeout=WAIT)
            await self.say(moderator, note)
            await moderator.wait_for(lambda m: m.text.startswith(self.prefix("es", "synth.returned", told=1)),
                                     timeout=WAIT)
        self.step()

    async def synthesis_of(self, code: str) -> str:
        """One table's synthesis, from writing to approval, then its other language."""
        rapporteur: Delegate = self.rapporteurs[code]
        user, lang = self.user(rapporteur), rapporteur.language
        first = 0 if lang == bilingual.SYNTHESIS_LANGUAGE[code] else 1
        texts = {part: pair[first] for part, pair in bilingual.SYNTHESES[code].items()}
        others = {part: pair[1 - first] for part, pair in bilingual.SYNTHESES[code].items()}
        moderator = self.moderators[code]
        if code == "A":  # submitted without its opportunities, sent back once, completed, approved
            await self.write_synthesis(user, lang, {p: t for p, t in texts.items() if p != "opportunities"})
            await self.decide_synthesis(moderator, bilingual.SENT_BACK[0])
            await self.write_synthesis(user, lang, {"opportunities": texts["opportunities"]})
            story = "sent back once by the moderator (the opportunities were missing), completed and approved"
        else:
            await self.write_synthesis(user, lang, texts)
            story = "approved at once"
        await self.decide_synthesis(moderator)
        by_translator = code == "C"  # the other tables' rapporteurs give it themselves
        giver, giver_lang = (self.translator, self.translator_language) if by_translator else (user, lang)
        table = self.workshop.table(code).name.get(giver_lang)
        for part in editorial.SYNTHESIS_PARTS:
            label = self.label(giver_lang, "tr.ref_synthesis", table=table,
                               part=self.label(giver_lang, f"tr.part_{part}"))
            await self.translate(giver, giver_lang, label, others[part])
        other = "English" if lang == "es" else "Spanish"
        return (f"table {code}: written in {'Spanish' if lang == 'es' else 'English'} by {rapporteur.name}, {story}; "
                f"in {other} by {'the translator' if by_translator else 'the rapporteur'}")

    async def stage_syntheses(self) -> None:
        """After the tables' work, before the plenary reads them: the three syntheses, written at once."""
        self.stage("syntheses")
        codes = [code for code in self.moderators if code in bilingual.SYNTHESES and code in self.rapporteurs]
        lines = await asyncio.gather(*(self.synthesis_of(code) for code in codes))
        approved = sum(1 for s in await self.storage.syntheses(self.workshop_id) if s.status == editorial.APPROVED)
        print(f"syntheses: {approved} approved; " + "; ".join(lines))

    # -- every published item in both languages ---------------------------------------------------------------

    def translation_of(self, item) -> tuple[str, str | None, Delegate | None, bool]:
        """(how it is given, its other language, who gives it if not the translator, whether it is an amended
        wording). A recommendation's machine draft is confirmed by its author or rapporteur, a challenge's or
        good practice's by the translator."""
        entry = self.sent.get(item.id)
        author: Delegate | None = None
        amended = False
        if isinstance(entry, Challenge | Practice):
            kind = "challenge" if isinstance(entry, Challenge) else "practice"
            texts = bilingual.CHALLENGES_OTHER_LANGUAGE if kind == "challenge" else bilingual.PRACTICES_OTHER_LANGUAGE
            how = bilingual.MAPPING_GIVEN_BY.get((kind, entry.key), "machine")
            giver = self.by_key.get(entry.author) if how == "author" else None
            return "translator" if how == "author" and giver is None else how, texts.get(entry.key), giver, False
        if isinstance(entry, Recommendation):
            key, author = entry.key, self.by_key.get(entry.author)
            amended = bool(entry.amend) and item.details.get("action") == entry.amend[0]
        elif isinstance(entry, Consolidation):
            key, author = f"@{entry.table}", self.rapporteurs.get(entry.table)
        else:
            return "translator", None, None, False
        text = (bilingual.AMENDED_OTHER_LANGUAGE if amended else bilingual.OTHER_LANGUAGE).get(key)
        how = bilingual.GIVEN_BY.get(key, "translator")
        if how in ("author", "machine") and author is None:
            how = "translator"  # (not in a smaller cast: the translator types it)
        return how, text, author if how in ("author", "machine") else None, amended

    def earlier_of(self, item) -> str | None:
        """The other language of the wording a recommendation had before the joint reading amended it (its
        first wording's, ``bilingual.OTHER_LANGUAGE``); None: the machine's draft, confirmed."""
        entry = self.sent.get(item.id)
        return bilingual.OTHER_LANGUAGE.get(entry.key) if isinstance(entry, Recommendation) else None

    async def stage_translations(self) -> None:
        """After the joint reading: authors give their own, the translator the rest, some from machine drafts a
        person confirms (the authors for recommendations, the translator for most challenges and good
        practices); the secretariat fills what is still missing with machine drafts, and the translator
        confirms each of them (``confirm_drafts``), so the roadmap marks none."""
        self.stage("translations")
        published = await self.storage.contributions(self.workshop_id, kind="recommendation",
                                                     statuses=translating.TRANSLATED_STATUSES)
        mapped = [i for kind in ("challenge", "good_practice") for i in await self.storage.contributions(
            self.workshop_id, kind=kind, statuses=translating.TRANSLATED_STATUSES)]
        jobs: dict[int, list[Callable[[], Awaitable[None]]]] = defaultdict(list)
        tally: Counter[str] = Counter()
        fields: Counter[str] = Counter()  # a good practice's where, run by and achieved
        amended_refs, drafts, untranslated = [], [], []
        for item in (*published, *mapped):
            how, text, giver, amended = self.translation_of(item)
            ref, body = reference(item.kind, item.id, "en"), item.details.get(editorial.main_part(item.kind), "")
            recommendation = item.kind == "recommendation"
            if amended:
                amended_refs.append(ref)
            if how == "draft" or text is None:
                if recommendation:
                    drafts.append(item.id)
                else:
                    untranslated.append(ref)
                if text is not None and self.translator_service is not None:
                    self.translator_service.known[body] = text
                continue
            user, lang = ((self.user(giver), giver.language) if giver is not None
                          else (self.translator, self.translator_language))
            machine = how == "machine"
            if machine and self.translator_service is not None:
                self.translator_service.known[body] = text
            tally[how if recommendation else f"mapping {how}"] += 1
            if item.kind == "good_practice":
                answers = self.field_answers(item, how, text)
                fields["typed"] += sum(1 for p, a in answers.items() if p != "name" and a not in (None, SAME))
                fields["same"] += sum(1 for a in answers.values() if a is SAME)
                fields["machine"] += sum(1 for p, a in answers.items() if p != "name" and a is None)
                jobs[user.id].append(lambda u=user, la=lang, k=(item.kind, item.id), a=answers:
                                     self.translate_item(u, la, reference(*k, la), "good_practice", a))
                continue
            if amended:  # the desk asks the wording the reading replaced next, which the same person gives
                answers = {"action": None if machine else text, editorial.EARLIER: self.earlier_of(item)}
                jobs[user.id].append(lambda u=user, la=lang, k=(item.kind, item.id), a=answers:
                                     self.translate_item(u, la, reference(*k, la), "recommendation", a))
                continue
            jobs[user.id].append(lambda u=user, la=lang, k=(item.kind, item.id), t=None if machine else text:
                                 self.translate(u, la, reference(*k, la), t))

        async def person(work: list[Callable[[], Awaitable[None]]]) -> None:
            for job in work:
                await job()

        await self.each(person, list(jobs.values()))
        plenary_given = await self.translate_plenary()
        sara = self.secretariat
        fill = self.label("es", "tr.btn_fill")
        await sara.send_text("/translate")
        shown = (self.prefix("es", "tr.title", count="\0"), self.prefix("es", "tr.nothing"))
        listed = await sara.wait_for(lambda m: m.text.startswith(shown), timeout=WAIT)
        if listed.has_button(fill):  # (a smaller cast may leave nothing missing: then there is no button)
            await sara.press(fill, message=listed)
            await sara.wait_for(lambda m: m.text.startswith(self.prefix("es", "tr.filled", made="\0")), timeout=120)
        self.step()
        filled = {t.subject_id for t in await self.storage.texts(self.workshop_id, editorial.ITEM)
                  if t.origin == editorial.MACHINE}
        filled_refs = [reference("recommendation", i, "en") for i in drafts if i in filled]
        confirmed = await self.confirm_drafts([*published, *mapped])
        unconfirmed = await self.unconfirmed([*published, *mapped])
        amended = f"; the amended wording of {', '.join(amended_refs)} and the one it replaced translated by its " \
            "author" if amended_refs else ""
        original = f" ({', '.join(untranslated)} only in its original language, named)" if untranslated else ""
        print(f"translations: {len(published)} published recommendations in both languages: "
              f"{tally['author']} by their authors or rapporteurs, {tally['translator']} by the translator, "
              f"{tally['machine']} from machine drafts their authors confirmed, {len(filled_refs)} from the "
              f"secretariat's machine drafts for all missing ({', '.join(filled_refs) or 'none'}), which the "
              f"translator confirmed{amended}; {len(mapped) - len(untranslated)} of {len(mapped)} published "
              f"challenges and good practices in both languages: {tally['mapping machine']} from machine drafts "
              f"the translator confirmed, {tally['mapping translator']} typed by the translator, "
              f"{tally['mapping author']} by their authors{original}; the good practices' other fields (where, "
              f"run by, achieved) with their names: {fields['machine']} from machine drafts confirmed, "
              f"{fields['typed']} typed by the translator, {fields['same']} place names given as they are; the "
              f"plenary's words in both languages: {words(plenary_given)}, {confirmed['plenary']} from the "
              f"secretariat's machine drafts the translator confirmed; machine translations left unconfirmed: "
              f"{len(unconfirmed) or 'none'}")

    async def drafted(self, items) -> list[tuple[translating.Candidate, object | None]]:
        """Every text the roadmap will print whose version in another language is only a machine draft nobody
        confirmed: (its desk entry, the item it is a field of, or None for the plenary's words)."""
        languages = self.workshop.languages
        versions = editorial.by_key(await self.storage.texts(self.workshop_id))
        plenary = await self.storage.plenary_texts(self.workshop_id)
        said = translating.plenary_candidates(plenary, languages)
        found = [(c, item) for item in items for c in translating.item_candidates(item, languages=languages)]
        by_id = {item.id: item for item in items}  # an amended recommendation's earlier wording is the item's
        found += [(c, by_id[c.subject_id]) for c in translating.earlier_candidates(
            items, await self.storage.first_wordings(self.workshop_id), plenary, languages=languages)]
        found += [(c, None) for c in said]
        return [(c, item) for c, item in found if editorial.version_in(
            c.target, c.body, c.language, c.versions(versions)).origin == editorial.MACHINE]

    async def unconfirmed(self, items) -> list[translating.Candidate]:
        """What is still only a machine draft (the demo leaves none: its story says so, its test checks it)."""
        return [c for c, _ in await self.drafted(items)]

    async def confirm_drafts(self, items) -> Counter[str]:
        """After the secretariat's fill: the translator opens each text the desk lists as a machine draft to
        confirm, reads the draft and confirms it, before the workshop closes; a conference cannot publish an
        adopted action, nor the plenary's words, in wording nobody checked. One step; how many, by kind."""
        lang, confirmed = self.translator_language, Counter()
        by_item: dict[int, list[str]] = defaultdict(list)
        for candidate, item in await self.drafted(items):
            if item is None:
                await self.translate(self.translator, lang, self.plenary_label(lang, candidate), step=False)
                confirmed["plenary"] += 1
            else:
                by_item[item.id].append(candidate.part)
        for item in items:
            parts = by_item.get(item.id)
            if not parts:
                continue
            await self.translate_item(self.translator, lang, reference(item.kind, item.id, lang), item.kind,
                                      dict.fromkeys(parts), step=False)  # (None: the machine's draft confirmed)
            confirmed[item.kind] += 1
        self.step()
        return confirmed

    def other_of(self, text: str) -> str | None:
        """The demo's other language of a plenary text: an amendment's earlier wording is a recommendation's, the
        rest is ``plenary_bilingual``'s."""
        known = self.translator_service.known if self.translator_service is not None else known_translations()
        return plenary_bilingual.other_language(text) or known.get(text)

    def plenary_label(self, lang: str, candidate: translating.Candidate) -> str:
        """How the desk names one of the plenary's words in ``lang``: "Rec-3 · objection 1 · answer"."""
        return self.label(lang, f"tr.ref_{candidate.subject}", number=candidate.number,
                          ref=reference(candidate.item_kind, candidate.item_id, lang),
                          part=self.label(lang, f"tr.part_{candidate.part}"))

    def answered_by(self, candidate: translating.Candidate) -> Delegate | None:
        """The rapporteur who answered an objection, who gives the answer's other language too; None otherwise."""
        if candidate.subject != editorial.OBJECTION or candidate.part != "answer":
            return None
        entry = self.sent.get(candidate.item_id)
        if isinstance(entry, Recommendation):
            return self.rapporteur_of(entry.key)
        return self.rapporteurs.get(entry.table) if isinstance(entry, Consolidation) else None

    @staticmethod
    def left_to_machine(candidates: list[translating.Candidate], adopted: set[int]) -> set[tuple]:
        """The plenary's words nobody gives at first, left to the secretariat's machine drafts (which the
        translator then confirms, ``confirm_drafts``): the last comment written in each language on an adopted
        recommendation (printed with it)."""
        last = {c.language: c.ident for c in candidates if c.subject == editorial.COMMENT and c.item_id in adopted}
        return set(last.values())

    async def translate_plenary(self) -> Counter[str]:
        """The other language of the plenary's words on the published items (the joint reading's reasons,
        objections and their answers, amendments, comments), typed at the desk as people give them: the
        translator all of them but two comments (``left_to_machine``), the rapporteur who answered an
        objection their own answer. One step per kind of text, whatever the plenary made of them."""
        lang, given = self.translator_language, Counter()
        candidates = translating.plenary_candidates(await self.storage.plenary_texts(self.workshop_id),
                                                    self.workshop.languages)
        adopted = {i.id for i in await self.storage.contributions(self.workshop_id, kind="recommendation",
                                                                   statuses=translating.ADOPTED)}
        left = self.left_to_machine(candidates, adopted)
        for subject in translating.PLENARY:
            for candidate in (c for c in candidates if c.subject == subject and c.ident not in left):
                versions = editorial.by_key(await self.storage.texts(self.workshop_id, subject))
                other = self.other_of(candidate.body)
                if other is None or not candidate.needs(versions.get(candidate.key, ())):
                    continue
                giver = self.answered_by(candidate)
                user, language = ((self.user(giver), giver.language) if giver is not None
                                  else (self.translator, lang))
                await self.translate(user, language, self.plenary_label(language, candidate), other, step=False)
                given["rapporteur" if giver is not None else subject] += 1
            self.step()
        given["left"] = len(left)
        return given

    # -- the secretariat's texts -------------------------------------------------------------------------------

    async def facts(self, lang: str) -> str:
        """The introduction's draft of facts as the bot words it in ``lang`` (what the translator starts from)."""
        members, staff = await self.storage.attendance_rows(self.workshop_id)
        came = workshop_texts.attendance(self.workshop, members, staff)
        facts = workshop_texts.introduction_facts(self.workshop, came, lang, functools.partial(self.label, lang))
        return self.label(lang, "wtext.intro_draft", **facts)

    def saved_text(self) -> str:
        """How the bot's "saved" for the introduction and the conclusions begins."""
        return self.prefix("es", "wtext.saved", which="\0")[:10]

    async def write_introduction(self) -> str:
        """/introduction: the bot's draft of facts is kept, handed back, and sent with the secretariat's
        paragraph added as the new text."""
        sara = self.secretariat
        new = self.label("es", "wtext.btn_new")
        await sara.send_text("/introduction")
        shown = await sara.wait_for(lambda m: m.has_button(new), timeout=WAIT)
        await sara.press(new, message=shown)
        asked = await sara.wait_for(lambda m: m.text.startswith(self.prefix("es", "wtext.ask_introduction",
                                                                            limit=1, fresh=True)), timeout=WAIT)
        draft = await sara.wait_for(lambda m: m.message_id > asked.message_id and not m.buttons, timeout=WAIT)
        await self.say(sara, f"{draft.text}\n\n{bilingual.INTRODUCTION_ADDED[0]}")
        await sara.wait_for(lambda m: m.text.startswith(self.saved_text()), timeout=WAIT)
        self.step()
        return draft.text

    async def add_next_steps(self) -> None:
        """/nextsteps: each agreed step, who carries it out and by when."""
        sara = self.secretariat
        add, done = self.label("es", "wtext.btn_add"), self.label("es", "wtext.btn_done")
        await sara.send_text("/nextsteps")
        listed = await sara.wait_for(lambda m: m.has_button(add), timeout=WAIT)
        for (step, who, when) in bilingual.NEXT_STEPS:
            await sara.press(add, message=listed)
            await sara.wait_for(lambda m: m.text.startswith(self.prefix("es", "wtext.ask_step", limit=1)),
                                timeout=WAIT)
            await self.say(sara, step[0])
            await sara.wait_for(lambda m: m.text.startswith(self.prefix("es", "wtext.ask_who", limit=1)),
                                timeout=WAIT)
            await self.say(sara, who[0])
            await sara.wait_for(lambda m: m.has_button(self.label("es", "wtext.btn_no_date")), timeout=WAIT)
            await sara.send_text(due(self.workshop, when).strftime("%d/%m/%Y"))  # typed day first, as in the region
            listed = await sara.wait_for(lambda m, old=listed.message_id: m.message_id != old and m.has_button(add),
                                         timeout=WAIT)
            self.step()
        await sara.press(done, message=listed)
        await sara.wait_for(lambda m: m.text.startswith(self.prefix("es", "wtext.steps_done")), timeout=WAIT)

    async def stage_workshop_texts(self) -> None:
        """Before closing: the secretariat's introduction, conclusions and next steps; the translator gives
        them in English (the conclusions from a machine draft she confirms)."""
        self.stage("texts")
        sara, tina, lang = self.secretariat, self.translator, self.translator_language
        facts_es = await self.write_introduction()
        if facts_es != await self.facts("es"):
            raise AssertionError("the demo's reading of the introduction's facts differs from the bot's")
        await sara.send_text("/conclusions")
        await sara.wait_for(lambda m: m.text.startswith(self.prefix("es", "wtext.ask_conclusions", limit=1,
                                                                    fresh=True)), timeout=WAIT)
        await self.say(sara, bilingual.CONCLUSIONS[0])
        await sara.wait_for(lambda m: m.text.startswith(self.saved_text()), timeout=WAIT)
        self.step()
        await self.add_next_steps()
        english = f"{await self.facts('en')}\n\n{bilingual.INTRODUCTION_ADDED[1]}"
        await self.translate(tina, lang, self.label(lang, "tr.ref_introduction"), english)
        await self.translate(tina, lang, self.label(lang, "tr.ref_conclusions"))
        steps = await self.storage.next_steps(self.workshop_id)
        for stored, (step, who, _) in zip(steps, bilingual.NEXT_STEPS, strict=False):
            for part, text in ((editorial.STEP, step[1]), (editorial.WHO, who[1])):
                label = self.label(lang, "tr.ref_next_step", number=stored.id,
                                   part=self.label(lang, f"tr.part_{part}"))
                await self.translate(tina, lang, label, text)
        texts = await self.storage.texts(self.workshop_id)
        workshop = [t for t in texts if t.subject != editorial.ITEM and t.subject != editorial.SYNTHESIS]
        both = Counter(t.language for t in workshop)
        print(f"workshop texts: the secretariat wrote the introduction (the bot's facts kept, a paragraph added), "
              f"the conclusions and {len(steps)} next steps with who and by when "
              f"({', '.join(s.by_when or 'no date' for s in steps)}); the translator gave them in "
              f"English ({both['es']} texts in Spanish, {both['en']} in English; the conclusions "
              f"from a machine draft she confirmed)")


def words(given: Counter[str]) -> str:
    """What the translator and the rapporteurs typed of the plenary's words, for the demo's story."""
    kinds = ((editorial.READING, "reasons of the joint reading"), (editorial.OBJECTION, "objections"),
             (editorial.AMENDMENT, "amendments' wordings and reasons"), (editorial.COMMENT, "comments"))
    typed = ", ".join(f"{given[k]} {what}" for k, what in kinds)
    return f"{typed} typed by the translator, {given['rapporteur']} objection's answer by the rapporteur who gave it"


def due(workshop, days: int) -> dt.date:
    """A next step's deadline: the last day of the month ``days`` after the (rehearsed) workshop ends, as a
    secretariat sets them ("29 de junio" beside "31 de marzo" read as computed: fourth reading, point 9)."""
    day = workshop.end_date + dt.timedelta(days=days)
    following = (day.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    return following - dt.timedelta(days=1)
