"""After the event, played through the bot: before /close the secretariat records two delegations' commitments to
adopted recommendations with /commit, each naming a delegate who will report; after the close the bot's clock is
moved three months on (``app.bot_data["clock"]``, as a rehearsal would) and the follow-up sweep opens round 1;
both reporters are asked, one answers /checkin (under way, a note, a link), and the secretariat opens /followup
and downloads the progress report in both languages.

Like ``editing.py`` it is a part of ``script.Demo`` (a mixin): ``self`` is the running demo.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from bot.domain.clock import parse
from bot.domain.followup import add_months
from bot.i18n import LANGUAGE_NAMES
from bot.jobs import followup
from bot.offline.demo import floor
from bot.offline.demo.cast import Delegate

WAIT = 30
BUTTON_REF = re.compile(r"^\S+-(\d+) ·")


class FollowupStages:
    """Commitments at the reading, then round 1 of the check-ins; ``self`` is the running demo."""

    def committing(self) -> list[tuple[floor.Commitment, Delegate]]:
        """Each commitment of ``floor.COMMITMENTS`` with the delegate who reports; when the cast has nobody of
        that country (a smaller cast), the next country it has takes its place, on the same recommendation."""
        present = [d for d in self.people if d.country]
        countries = list(dict.fromkeys(d.country for d in present))
        chosen, used = [], set()
        for commitment in floor.COMMITMENTS:
            country = commitment.country if commitment.country in countries else next(
                (c for c in countries if c not in used and c not in {k.country for k in floor.COMMITMENTS}), None)
            if country is None:
                continue
            used.add(country)
            reporter = next(d for d in present if d.country == country)
            chosen.append((floor.Commitment(country, commitment.on), reporter))
        return chosen

    async def commit(self, commitment: floor.Commitment, reporter: Delegate, taken: set[int]) -> int | None:
        """/commit: the recommendation (its card's, or the first adopted one not yet taken), the country, the
        reporter; the recommendation's id."""
        sara = self.secretariat
        wanted = self.shown_as(self.refs.get(("recommendation", commitment.on)))
        await sara.send_text("/commit")
        listed = await sara.wait_for(lambda m: any(BUTTON_REF.match(t) for t in m.button_texts), timeout=WAIT)
        offered = {int(BUTTON_REF.match(t).group(1)): t for t in listed.button_texts if BUTTON_REF.match(t)}
        item_id = wanted if wanted in offered else next((i for i in offered if i not in taken), None)
        if item_id is None:
            await sara.ask("/cancel")
            return None
        await sara.press(offered[item_id], message=listed)
        country = self.workshop.country(commitment.country).name.get("es")
        question = await sara.wait_for(lambda m: m.has_button(country), timeout=WAIT)
        await sara.press(country, message=question)
        question = await sara.wait_for(lambda m: m.has_button(reporter.name), timeout=WAIT)
        await sara.press(reporter.name, message=question)
        await sara.wait_for(lambda m: m.text.startswith(self.opening("es", "fu.committed", party="\0")[:1])
                            and reporter.name in m.text, timeout=WAIT)
        self.step()
        return item_id

    async def stage_commitments(self) -> None:
        """Before closing, at the reading: the delegations' commitments, each with who reports."""
        self.stage("commitments")
        taken: set[int] = set()
        made = []
        for commitment, reporter in self.committing():
            item_id = await self.commit(commitment, reporter, taken)
            if item_id is not None:
                taken.add(item_id)
                made.append((commitment, reporter, item_id))
        self.__dict__["_commitments"] = made
        print("commitments: " + "; ".join(
            f"{self.workshop.country(c.country).name.get('en')} to {self.told(i)}, {r.name} reporting"
            for c, r, i in made))

    async def stage_followup(self, out: Path) -> list[tuple[Path, str]]:
        """Three months after the reading: round 1 asks both reporters, the first answers; the secretariat's
        /followup and the progress report in Spanish and English."""
        self.stage("followup")
        made = self.__dict__.get("_commitments", [])
        stored = await self.storage.workshop(self.workshop_id)
        later = add_months(parse(stored.reading_ended_at), 3) + dt.timedelta(hours=1)
        self.bot.app.bot_data["clock"] = lambda: later
        done = await followup.sweep(self.bot.app)
        self.step()
        for _, reporter, _ in made:
            lang = reporter.language
            asked = self.opening(lang, "fu.round_opened", title="\0")[:12]
            await self.user(reporter).wait_for(lambda m, a=asked: m.text.startswith(a), timeout=WAIT)
        answered = ""
        if made:
            _, reporter, item_id = made[0]
            await self.check_in(reporter)
            answered = f"; {reporter.name} answered /checkin for {self.told(item_id)} (under way, a note, a link)"
        sara = self.secretariat
        overview = await sara.ask("/followup")
        head = overview.text.split("\n")[0]
        self.step()
        written = []
        for lang, what in (("es", "in Spanish"), ("en", "in English")):
            button = self.label("es", "fu.btn_report", language=LANGUAGE_NAMES[lang])
            await sara.press(button, message=overview)
            received = await sara.wait_for(lambda m: m.document is not None, timeout=120)
            path = out / f"progress-{lang}.pdf"
            path.write_bytes(received.document["content"])
            written.append((path, f"the follow-up's progress report, {what}"))
            self.step()
        rounds = ", ".join(step for steps in done.values() for step in steps) or "nothing due"
        print(f"follow-up, three months on: {rounds}; {len(made)} reporters asked{answered}; /followup: {head}")
        return written

    async def check_in(self, reporter: Delegate) -> None:
        """/checkin: under way, a short note, a link to the report."""
        user, lang = self.user(reporter), reporter.language
        await user.send_text("/checkin")
        status = self.label(lang, "fu.status_under_way")
        question = await user.wait_for(lambda m: m.has_button(status), timeout=WAIT)
        await user.press(status, message=question)
        await user.wait_for(lambda m: m.has_button(self.label(lang, "fu.btn_no_note")), timeout=WAIT)
        await self.say(user, floor.CHECKIN_NOTE[lang])
        await user.wait_for(lambda m: m.has_button(self.label(lang, "fu.btn_nothing")), timeout=WAIT)
        await user.send_text(floor.CHECKIN_LINK)
        await user.wait_for(lambda m: floor.CHECKIN_LINK in m.text, timeout=WAIT)
        await user.wait_for(lambda m: m.text.startswith(self.opening(lang, "fu.all_done", round="\0")[:12]),
                            timeout=WAIT)
        self.step()
