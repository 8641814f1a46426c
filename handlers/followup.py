"""After the event: commitments, check-ins, hand-overs, and the secretariat's view of who answered.

The secretariat records, at or after the joint reading, which countries and organisations commit to each adopted
recommendation and who reports for them (/commit: someone already in the bot, or an invitation for someone who
was not at the workshop). When a round of the workshop file's schedule opens (``bot.jobs.followup``) each
reporter is asked to /checkin: per commitment a status, a short note and optionally a link or a document. A
reporter may /handover to a colleague of the same delegation or /stopreporting. /followup shows the secretariat
who answered and who did not, with the progress report in either language; it is told, through the outbox,
whenever a reporter hands over or stops. Someone invited to report (by /commit or /handover) registers without
choosing a table and is shown their commitments (``welcome``); whoever reports gets the reporter's commands in
their menu (``handlers.menus.FOCAL_POINT``) for as long as they do.

All of it works once the workshop is closed: ``bot.domain.permissions`` leaves the follow-up out of what closing
freezes, on purpose. Only a commitment's own reporter answers for it (``may_report``), not even the secretariat.
"""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update
from telegram.constants import ChatAction
from telegram.ext import Application, CommandHandler

from bot.context import BotContext
from bot.domain import followup as rules
from bot.domain.clock import day_and_time, iso, parse
from bot.domain.invitations import invitation_link, new_token
from bot.domain.items import accepted_extensions, reference
from bot.domain.permissions import Action, may_report
from bot.domain.records import Dialogue, Notice
from bot.i18n import LANGUAGE_NAMES, offered
from bot.jobs import bulk, confirmations, documents
from bot.storage import followup as store
from handlers import flow, menus
from handlers.callbacks import REPORT_PROGRESS
from handlers.flow import button, go, keyboard
from handlers.guard import allowed, answer_once, member_ready, refuse, still_open

commit_flow = flow.flow("fu_commit", Action.MANAGE_FOLLOWUP)
checkin_flow = flow.flow("checkin", Action.REPORT_PROGRESS)
handover_flow = flow.flow("handover", Action.REPORT_PROGRESS)
stop_flow = flow.flow("fu_stop", Action.REPORT_PROGRESS)
MAX_CHOICES = 40   # buttons in one question: adopted recommendations, delegations


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _party(context: BotContext, country: str | None, organisation: str | None) -> str:
    return rules.party_name(context.workshop.definition, context.language, country, organisation)


def _title(context: BotContext) -> dict[str, str]:
    return context.workshop.definition.title.model_dump()


# -- the secretariat records commitments ---------------------------------------------------------------------

async def commit(update: Update, context: BotContext) -> None:
    """/commit: which adopted recommendation, which delegation, who reports."""
    if not await allowed(update, context, Action.MANAGE_FOLLOWUP, None):
        return
    if not await store.adopted_recommendations(context.storage, context.workshop.id):
        await context.reply(update, "fu.none_adopted")
        return
    await flow.begin(update, context, "fu_commit", "item")


async def _item_chosen(update: Update, context: BotContext, dialogue: Dialogue, value: str) -> None:
    adopted = {i for i, _, _ in await store.adopted_recommendations(context.storage, context.workshop.id)}
    if not value.isdigit() or int(value) not in adopted:
        await flow.ask_again(update, context, dialogue)
        return
    await go(update, context, "fu_commit", "party", {"item": int(value)})


@commit_flow.step("item", press=_item_chosen)
async def ask_item(update: Update, context: BotContext, dialogue: Dialogue) -> None:
    adopted = await store.adopted_recommendations(context.storage, context.workshop.id)
    buttons = [button(f"{reference('recommendation', i, context.language)} · {_short(text)}", "fu_commit", "item",
                      str(i))
               for i, text, _ in adopted[:MAX_CHOICES]]
    await context.reply(update, "fu.ask_item", keyboard(buttons))


async def _party_chosen(update: Update, context: BotContext, dialogue: Dialogue, value: str) -> None:
    party = rules.party_of(context.workshop.definition, value)
    if party is None:
        await flow.ask_again(update, context, dialogue)
        return
    country, organisation = party
    await go(update, context, "fu_commit", "reporter",
             {**dialogue.data, "country": country, "organisation": organisation})


@commit_flow.step("party", press=_party_chosen)
async def ask_party(update: Update, context: BotContext, dialogue: Dialogue) -> None:
    definition, lang = context.workshop.definition, context.language
    buttons = [button(c.name.get(lang), "fu_commit", "party", f"c:{c.id}") for c in definition.countries]
    buttons += [button(o.name.get(lang)[:60], "fu_commit", "party", f"o:{o.id}") for o in definition.organisations]
    await context.reply(update, "fu.ask_party", keyboard(buttons[:MAX_CHOICES], columns=2),
                        ref=reference("recommendation", dialogue.data["item"], context.language))


async def _reporter_chosen(update: Update, context: BotContext, dialogue: Dialogue, value: str) -> None:
    if not await allowed(update, context, Action.MANAGE_FOLLOWUP, None):  # the role may have gone meanwhile
        await flow.finish(context)
        return
    data, storage, workshop = dialogue.data, context.storage, context.workshop
    country, organisation = data["country"], data["organisation"]
    members = dict(await store.delegation_members(storage, workshop.id, country, organisation))
    reporter_id = invitation = None
    if value == "invite":
        invitation = await storage.create_invitation(workshop.id, new_token(), "participant", max_uses=1)
    elif value.startswith("p:") and value[2:].isdigit() and int(value[2:]) in members:
        reporter_id = int(value[2:])
    else:
        await flow.ask_again(update, context, dialogue)
        return
    made = await store.add_commitment(storage, workshop.id, data["item"], country, organisation, reporter_id,
                                      invitation.id if invitation else None, made_by=context.person.id,
                                      at_reading=not workshop.closed, at=iso(context.now()))
    taken_over = made is None and await store.take_over(
        storage, workshop.id, data["item"], country, organisation, reporter_id,
        invitation.id if invitation else None, made_by=context.person.id, at=iso(context.now())) is not None
    await flow.finish(context)
    ref, party = reference("recommendation", data["item"], context.language), _party(context, country, organisation)
    if made is None and not taken_over:
        await context.reply(update, "fu.already_committed", ref=ref, party=party)
        return
    if reporter_id is not None:  # before the confirmation: whoever reads it finds the reporter's menu set
        await menus.refresh_menu(context.bot, context.services, workshop.id, reporter_id)
    link = invitation_link(context.bot.username, invitation.token) if invitation else ""
    await context.reply(update, "fu.taken_over" if taken_over else "fu.committed", ref=ref, party=party,
                        reporter=members.get(reporter_id, ""), link=link)


@commit_flow.step("reporter", press=_reporter_chosen)
async def ask_reporter(update: Update, context: BotContext, dialogue: Dialogue) -> None:
    data = dialogue.data
    members = await store.delegation_members(context.storage, context.workshop.id, data["country"],
                                             data["organisation"])
    buttons = [button(name[:60] or str(pid), "fu_commit", "reporter", f"p:{pid}") for pid, name in members]
    buttons.append(button(context.label("fu.btn_invite"), "fu_commit", "reporter", "invite"))
    await context.reply(update, "fu.ask_reporter", keyboard(buttons[:MAX_CHOICES]),
                        party=_party(context, data["country"], data["organisation"]), members=len(members))


# -- what the secretariat sees ---------------------------------------------------------------------------------

async def overview(update: Update, context: BotContext) -> None:
    """/followup: each commitment of the latest round, answered or not, and the progress report to download."""
    if not await allowed(update, context, Action.MANAGE_FOLLOWUP, None):
        return
    storage, workshop = context.storage, context.workshop
    await store.claim_invited(storage, workshop.id)
    commitments = await store.commitments(storage, workshop.id)
    adopted = await store.adopted_recommendations(storage, workshop.id)
    rounds = await store.rounds(storage, workshop.id)
    current = rounds[-1] if rounds else None
    answers = {k.commitment_id: k for k in await store.checkins(storage, workshop.id)
               if current is not None and k.round_id == current.id}
    names = await store.names(storage, workshop.id, [c.reporter_id for c in commitments if c.reporter_id])
    zone = workshop.definition.zone
    upcoming = rules.next_round(workshop.definition, parse(workshop.reading_ended_at), context.now())
    lines = [context.t("fu.overview_head", commitments=len(commitments),
                       recommendations=len({c.item_id for c in commitments}), adopted=len(adopted),
                       rounds=len(rounds), next=day_and_time(iso(upcoming.due_at), zone) if upcoming else "",
                       scheduled=workshop.definition.followup is not None)]
    if current is not None:
        lines.append(context.t("fu.overview_round", round=current.number, opened=day_and_time(current.opened_at, zone),
                               answered=len(answers), asked=sum(1 for c in commitments if c.reporter_id or
                                                                c.id in answers),
                               reminded=day_and_time(current.reminded_at, zone)))
    for c in commitments:
        answer = answers.get(c.id)
        lines.append(context.t(
            "fu.overview_line", ref=reference("recommendation", c.item_id, context.language),
            party=_party(context, c.country, c.organisation),
            reporter=names.get(c.reporter_id, ""), invited=c.invitation_id is not None, stopped=bool(c.stopped_at),
            status=context.label(f"fu.status_{answer.status}") if answer else "", round_open=current is not None))
    uncommitted = [reference("recommendation", i, context.language)
                   for i, _, _ in adopted if i not in {c.item_id for c in commitments}]
    if uncommitted:
        lines.append(context.t("fu.overview_uncommitted", refs=", ".join(uncommitted)))
    markup = InlineKeyboardMarkup([[REPORT_PROGRESS.button(
        context.label("fu.btn_report", language=LANGUAGE_NAMES[lang]), lang)
        for lang in offered(context.workshop.definition.languages)]])
    await context.say(update, "\n".join(lines), markup)


async def progress_report(update: Update, context: BotContext) -> None:
    """The progress report PDF, in the language pressed; the role is checked again (buttons can be forged)."""
    query = update.callback_query
    if not await allowed(update, context, Action.MANAGE_FOLLOWUP, None):
        return
    (language,) = REPORT_PROGRESS.parse(query.data)
    if language not in offered(context.workshop.definition.languages):
        await answer_once(update, context.label("common.stale_button"))
        return
    await answer_once(update)
    await context.bot.send_chat_action(update.effective_chat.id, ChatAction.UPLOAD_DOCUMENT)
    document = await documents.progress(context.storage, context.workshop.id, language, context.now())
    await context.bot.send_document(update.effective_chat.id, document.content, filename=document.file_name,
                                    caption=context.label("sec.document_caption", name=document.file_name))


# -- a focal point reports ---------------------------------------------------------------------------------

async def _reporter(update: Update, context: BotContext) -> list[rules.Commitment] | None:
    """This person's commitments, or None (said out loud) when they report on none."""
    if not await member_ready(update, context):
        return None
    await store.claim_invited(context.storage, context.workshop.id)
    mine = await store.commitments_of(context.storage, context.workshop.id, context.person.id)
    if not may_report(context.roles, context.person.id, [c.reporter_id for c in mine]):
        await refuse(update, context, Action.REPORT_PROGRESS)
        return None
    if not await still_open(update, context, Action.REPORT_PROGRESS):
        return None
    return mine


async def checkin(update: Update, context: BotContext) -> None:
    """/checkin: the open round's questions, one commitment after another."""
    mine = await _reporter(update, context)
    if mine is None:
        return
    workshop = context.workshop
    rounds = await store.rounds(context.storage, workshop.id)
    if not rounds:
        upcoming = rules.next_round(workshop.definition, parse(workshop.reading_ended_at), context.now())
        await context.reply(update, "fu.no_round", count=len(mine),
                            next=day_and_time(iso(upcoming.due_at), workshop.definition.zone) if upcoming else "")
        return
    current = rounds[-1]
    answered = {k.commitment_id for k in await store.checkins(context.storage, workshop.id)
                if k.round_id == current.id}
    queue = [c.id for c in mine if c.id not in answered]
    if not queue:
        await context.reply(update, "fu.all_answered", round=current.number)
        return
    await flow.begin(update, context, "checkin", "status",
                     {"round_id": current.id, "round": current.number, "commitment": queue[0], "queue": queue[1:]})


async def _commitment(context: BotContext, commitment_id: int) -> rules.Commitment | None:
    mine = await store.commitments_of(context.storage, context.workshop.id, context.person.id)
    return next((c for c in mine if c.id == commitment_id), None)


async def _status_chosen(update: Update, context: BotContext, dialogue: Dialogue, value: str) -> None:
    if value not in rules.STATUSES:
        await flow.ask_again(update, context, dialogue)
        return
    await go(update, context, "checkin", "note", {**dialogue.data, "status": value})


@checkin_flow.step("status", press=_status_chosen)
async def ask_status(update: Update, context: BotContext, dialogue: Dialogue) -> None:
    commitment = await _commitment(context, dialogue.data["commitment"])
    if commitment is None:  # handed over meanwhile
        await _next(update, context, dialogue)
        return
    adopted = dict((i, t) for i, t, _ in await store.adopted_recommendations(context.storage, context.workshop.id))
    buttons = [button(context.label(f"fu.status_{s}"), "checkin", "status", s) for s in rules.STATUSES]
    await context.reply(update, "fu.ask_status", keyboard(buttons, columns=2), round=dialogue.data["round"],
                        ref=reference("recommendation", commitment.item_id, context.language),
                        text=_short(adopted.get(commitment.item_id, ""), 300),
                        party=_party(context, commitment.country, commitment.organisation))


async def _read_note(update: Update, context: BotContext, dialogue: Dialogue, text: str) -> None:
    text = text.strip()
    if not await flow.acceptable(update, context, dialogue, text, rules.NOTE_LIMIT):
        return
    await go(update, context, "checkin", "attach", {**dialogue.data, "note": text})


async def _no_note(update: Update, context: BotContext, dialogue: Dialogue, value: str) -> None:
    await go(update, context, "checkin", "attach", {**dialogue.data, "note": ""})


@checkin_flow.step("note", read=_read_note, press=_no_note)
async def ask_note(update: Update, context: BotContext, dialogue: Dialogue) -> None:
    await context.reply(update, "fu.ask_note", keyboard([button(context.label("fu.btn_no_note"), "checkin", "note",
                                                                "skip")]), limit=rules.NOTE_LIMIT)


async def _read_link(update: Update, context: BotContext, dialogue: Dialogue, text: str) -> None:
    link = rules.link_in(text)
    if link is None:
        await context.reply(update, "fu.not_a_link")
        await flow.ask_again(update, context, dialogue)
        return
    await _save(update, context, dialogue, link=link)


async def _nothing_attached(update: Update, context: BotContext, dialogue: Dialogue, value: str) -> None:
    await _save(update, context, dialogue)


async def _document(update: Update, context: BotContext, dialogue: Dialogue) -> None:
    sent = update.effective_message.document
    max_mb = context.services.settings.max_document_mb
    content, problem = await flow.fetch_document(context, sent, max_mb)
    if problem is not None:
        await context.reply(update, f"item.document_{problem}", mb=max_mb, types=accepted_extensions(),
                            name=sent.file_name or "")
        await flow.ask_again(update, context, dialogue)
        return
    await _save(update, context, dialogue, document=(sent.file_name, sent.file_id, content))


@checkin_flow.step("attach", read=_read_link, press=_nothing_attached, document=_document)
async def ask_attach(update: Update, context: BotContext, dialogue: Dialogue) -> None:
    await context.reply(update, "fu.ask_attach", keyboard([button(context.label("fu.btn_nothing"), "checkin",
                                                                  "attach", "skip")]))


async def _save(update: Update, context: BotContext, dialogue: Dialogue, *, link: str = "",
                document: tuple[str, str, bytes] | None = None) -> None:
    data = dialogue.data
    saved = await store.record_checkin(context.storage, data["round_id"], data["commitment"], context.person.id,
                                       data["status"], data.get("note", ""), link, iso(context.now()), document)
    commitment = await _commitment(context, data["commitment"])
    if saved and commitment is not None:
        await context.reply(update, "fu.saved", ref=reference("recommendation", commitment.item_id, context.language),
                            status=context.label(f"fu.status_{data['status']}"),
                            document=document[0] if document else "", link=link)
    else:
        await context.reply(update, "fu.not_yours_any_more")
    await _next(update, context, dialogue)


async def _next(update: Update, context: BotContext, dialogue: Dialogue) -> None:
    queue = list(dialogue.data.get("queue", []))
    if not queue:
        await flow.finish(context)
        await context.reply(update, "fu.all_done", round=dialogue.data["round"])
        return
    await go(update, context, "checkin", "status", {"round_id": dialogue.data["round_id"],
                                                    "round": dialogue.data["round"], "commitment": queue[0],
                                                    "queue": queue[1:]})


# -- handing over, stopping ------------------------------------------------------------------------------------

async def _colleagues(context: BotContext, mine: list[rules.Commitment]) -> list[tuple[int, str]]:
    """Registered members of the delegations this person reports for, themselves excepted."""
    found: dict[int, str] = {}
    for party in {(c.country, c.organisation) for c in mine}:
        for pid, name in await store.delegation_members(context.storage, context.workshop.id, *party):
            if pid != context.person.id:
                found[pid] = name
    return sorted(found.items(), key=lambda p: (p[1].casefold(), p[0]))


async def handover(update: Update, context: BotContext) -> None:
    """/handover: a colleague of the same delegation takes over this person's reporting."""
    if await _reporter(update, context) is None:
        return
    await flow.begin(update, context, "handover", "who")


async def _secretariat_told(context: BotContext, mine: list[rules.Commitment], event: str, at: str,
                           to: str = "") -> list[tuple[int, Notice]]:
    """What the secretariat is told of a hand-over or a stop (each of its members once, keyed by the moment),
    with the references and delegations in both languages: the notice is rendered in each reader's own."""
    definition, items = context.workshop.definition, sorted({c.item_id for c in mine})
    parties = {(c.country, c.organisation) for c in mine}
    languages = offered(definition.languages)
    params = {"name": context.membership.full_name or "", "count": len(mine), "to": to,
              "refs": {lang: ", ".join(reference("recommendation", i, lang) for i in items) for lang in languages},
              "parties": {lang: ", ".join(sorted(rules.party_name(definition, lang, *p) for p in parties))
                          for lang in languages}}
    secretariat = [p for p in await context.storage.secretariat_ids(context.workshop.id) if p != context.person.id]
    return [(p, Notice(f"followup:{event}:{context.workshop.id}:{context.person.id}:{at}:{p}", f"fu.sec_{event}",
                       params)) for p in secretariat]


async def _tell(update: Update, context: BotContext, notices: list[tuple[int, Notice]]) -> None:
    """Deliver what the change stored (the retry job sends whatever a fault holds back)."""
    for _, notice in notices:
        context.stored(update, notice.key)
        await confirmations.deliver(context.application, notice.key)


async def _handed(update: Update, context: BotContext, dialogue: Dialogue, value: str) -> None:
    mine = await store.commitments_of(context.storage, context.workshop.id, context.person.id)
    colleagues = dict(await _colleagues(context, mine))
    workshop, at = context.workshop, iso(context.now())
    name = context.membership.full_name or ""
    if value == "invite":
        invitation = await context.storage.create_invitation(workshop.id, new_token(), "participant", max_uses=1)
        told = await _secretariat_told(context, mine, "handed", at)
        count = await store.hand_over(context.storage, workshop.id, context.person.id, None, invitation.id, at,
                                      notices=told)
        await flow.finish(context)
        await _after_hand_over(update, context, told if count else [])
        await context.reply(update, "fu.handed_invite", count=count,
                            link=invitation_link(context.bot.username, invitation.token))
        return
    if not (value.startswith("p:") and value[2:].isdigit() and int(value[2:]) in colleagues):
        await flow.ask_again(update, context, dialogue)
        return
    to_id = int(value[2:])
    told = await _secretariat_told(context, mine, "handed", at, to=colleagues[to_id])
    count = await store.hand_over(context.storage, workshop.id, context.person.id, to_id, None, at,
                                  "fu.handed_to_you", {"title": _title(context), "name": name, "count": len(mine)},
                                  notices=told)
    bulk.kick(context.application)
    await flow.finish(context)
    await menus.refresh_menu(context.bot, context.services, workshop.id, to_id)
    await _after_hand_over(update, context, told if count else [])
    await context.reply(update, "fu.handed", count=count, name=colleagues[to_id])


async def _after_hand_over(update: Update, context: BotContext, told: list[tuple[int, Notice]]) -> None:
    """The secretariat told, and this person's menu without the reporter's commands."""
    await _tell(update, context, told)
    await menus.refresh_menu(context.bot, context.services, context.workshop.id, context.person.id)


@handover_flow.step("who", press=_handed)
async def ask_who(update: Update, context: BotContext, dialogue: Dialogue) -> None:
    mine = await store.commitments_of(context.storage, context.workshop.id, context.person.id)
    buttons = [button(name[:60] or str(pid), "handover", "who", f"p:{pid}")
               for pid, name in (await _colleagues(context, mine))[:MAX_CHOICES]]
    buttons.append(button(context.label("fu.btn_invite_colleague"), "handover", "who", "invite"))
    await context.reply(update, "fu.ask_who", keyboard(buttons), count=len(mine))


async def stop(update: Update, context: BotContext) -> None:
    """/stopreporting: this person reports no more; the secretariat sees the commitments without a reporter."""
    if await _reporter(update, context) is None:
        return
    await flow.begin(update, context, "fu_stop", "confirm")


async def _stop_confirmed(update: Update, context: BotContext, dialogue: Dialogue, value: str) -> None:
    await flow.finish(context)
    if value != "yes":
        await context.reply(update, "common.cancelled")
        return
    at = iso(context.now())
    mine = await store.commitments_of(context.storage, context.workshop.id, context.person.id)
    told = await _secretariat_told(context, mine, "stopped", at)
    count = await store.hand_over(context.storage, context.workshop.id, context.person.id, None, None, at,
                                  notices=told)
    await _after_hand_over(update, context, told if count else [])
    await context.reply(update, "fu.stopped", count=count)


@stop_flow.step("confirm", press=_stop_confirmed)
async def ask_stop(update: Update, context: BotContext, dialogue: Dialogue) -> None:
    await context.reply(update, "fu.ask_stop", keyboard([button(context.label("fu.btn_stop"), "fu_stop", "confirm",
                                                                "yes"),
                                                         button(context.label("fu.btn_keep"), "fu_stop", "confirm",
                                                                "no")], columns=2))


@flow.entry("followup_welcome")
async def welcome(update: Update, context: BotContext) -> None:
    """Registration's end for someone invited to report: no table to choose (they come for the follow-up),
    their commitments and what comes next instead, and the reporter's commands in their menu."""
    workshop = context.workshop
    await store.claim_invited(context.storage, workshop.id)
    mine = await store.commitments_of(context.storage, workshop.id, context.person.id)
    rounds = await store.rounds(context.storage, workshop.id)
    upcoming = rules.next_round(workshop.definition, parse(workshop.reading_ended_at), context.now())
    await menus.refresh_menu(context.bot, context.services, workshop.id, context.person.id)
    await context.reply(update, "fu.welcome", count=len(mine), round=rounds[-1].number if rounds else 0,
                        refs=", ".join(reference("recommendation", c.item_id, context.language) for c in mine),
                        parties=", ".join(sorted({_party(context, c.country, c.organisation) for c in mine})),
                        next=day_and_time(iso(upcoming.due_at), workshop.definition.zone) if upcoming else "")


def register(app: Application) -> None:
    app.add_handler(CommandHandler("commit", commit))
    app.add_handler(CommandHandler("followup", overview))
    app.add_handler(CommandHandler("checkin", checkin))
    app.add_handler(CommandHandler("handover", handover))
    app.add_handler(CommandHandler("stopreporting", stop))
    app.add_handler(REPORT_PROGRESS.handler(progress_report))
