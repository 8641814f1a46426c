"""The room's screen: a read-only page for the projector, served by the bot's own process.

A small aiohttp server of its own (as the health answer is, ``bot.jobs.health``): polling has no web server,
and the webhook's serves one path. It is off unless ``SCREEN_PORT`` is set, and it listens on its own address
(``SCREEN_LISTEN``), since the projector's laptop usually sits on the room's network while the health answer
stays on the machine. ``GET /screen/<token>`` gives the page in the stage the workshop is in
(``bot.domain.screen``), ``GET /screen/<token>/state`` the part that changes, as JSON, which the page's script
asks for every few seconds. The token is the secretariat's link (``/screen``): an unknown or revoked one gets
404, the same answer, at once, so a link taken back stops working on the projector too.
"""

from __future__ import annotations

import logging
from typing import Any

from aiohttp import web
from telegram.ext import Application

from bot.context import Services, clock
from bot.domain import editorial
from bot.domain import screen as rules
from bot.domain.items import reference
from bot.domain.plenary import absorbed, plenary_agenda
from bot.domain.records import Contribution, StoredWorkshop
from bot.domain.table_view import short
from bot.i18n import Texts, offered
from bot.jobs import web as web_server
from bot.jobs.screen_page import Shown, fragment, page
from bot.storage import Storage
from bot.storage import screen as store

log = logging.getLogger(__name__)
PAGE, STATE = "/screen/{token}", "/screen/{token}/state"
HEADERS = {
    # Nothing but the page itself and its own state: no fonts, scripts, styles or images from anywhere else.
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
                               "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    "Cache-Control": "no-store", "Referrer-Policy": "no-referrer", "X-Content-Type-Options": "nosniff",
    "X-Robots-Tag": "noindex, nofollow",
}
RUNNER, BASE = "screen_runner", "screen_base"


def base_url(app: Application) -> str | None:
    """Where the secretariat's links point; None when the screen is off."""
    return app.bot_data.get(BASE)


def link(base: str, token: str, language: str) -> str:
    return f"{base}/screen/{token}?lang={language}"


async def agenda(storage: Storage, workshop_id: int) -> list[Contribution]:
    """The recommendations the plenary walks through, as ``handlers.cards.agenda`` orders them."""
    order = {t.id: n for n, t in enumerate(await storage.working_tables(workshop_id))}
    recommendations = await storage.contributions(workshop_id, kind="recommendation")
    members = {r.id for r in recommendations if not r.consolidated}
    consolidated = [(r.id, True, r.status, await storage.links(r.id)) for r in recommendations if r.consolidated]
    return plenary_agenda(recommendations, order, absorbed(consolidated, members.__contains__))


async def shown(storage: Storage, texts: Texts, workshop: StoredWorkshop, language: str, now) -> Shown:
    """What the screen shows now, as plain values in ``language``."""
    definition = workshop.definition
    reading = await storage.reading(workshop.id)
    stage = rules.stage(await storage.phases(workshop.id), now, reading_opened=reading is not None)
    tables = {t.id: definition.table(t.code) for t in await storage.working_tables(workshop.id)}

    def table_name(table_id: int | None) -> str:
        table = tables.get(table_id)
        return table.name.get(language) if table else "—"

    # A recommendation is read out in the screen's language where someone gave that version (the room reads
    # one language at a time), else as written.
    versions = editorial.by_key(await storage.texts(workshop.id, editorial.ITEM))

    def about(item: Contribution, width: int) -> dict[str, Any]:
        original = item.details.get("action", "")
        wording = editorial.version_in(language, original, item.language,
                                       versions.get((editorial.ITEM, item.id, "action"), ()))
        return {"ref": reference("recommendation", item.id, language),
                "text": short(wording.body, width),
                "table": table_name(item.table_id), "status": item.status}

    if stage == rules.MAPPING:
        cells = await store.map_cells(storage, workshop.id)
        countries = rules.country_counts(await store.country_rows(storage, workshop.id))
        unattributed = texts.plain(language, "screen.unattributed")
        return Shown(stage, {
            "dimensions": [d.name.get(language) for d in definition.dimensions],
            "rows": [(level.name.get(language), [cells.get((level.id, d.id), 0) for d in definition.dimensions])
                     for level in definition.levels],
            "challenges": sum(row[1] for row in countries), "practices": sum(row[2] for row in countries),
            "countries": [((definition.country(c).name.get(language) if definition.country(c) else c)
                           if c is not None else unattributed, challenges, practices)
                          for c, challenges, practices in countries]})
    if stage == rules.TABLES:
        counts = await store.table_status_counts(storage, workshop.id)
        return Shown(stage, {"tables": [(table_name(p.table_id), p.sent, p.waiting, p.approved)
                                        for p in rules.table_progress(tables, counts)]})
    if stage == rules.VOTE:  # the tallies stay hidden while the vote is open: only how many are on the table
        return Shown(stage, {"count": len(await agenda(storage, workshop.id))})
    if stage == rules.RANKING:
        ranked = rules.ranking(await agenda(storage, workshop.id), await storage.tallies(workshop.id))
        return Shown(stage, {"ranked": [{**about(r.item, 140), "position": r.position, "votes": r.tally.votes,
                                         "support": r.tally.support, "object": r.tally.object} for r in ranked]})
    found = {i.id: i for i in await storage.contributions(workshop.id, kind="recommendation")}
    view = rules.reading_view([found[i] for i, _ in reading.entries if i in found],
                              ended=reading.ended or workshop.closed)  # closing the workshop ends the reading
    return Shown(stage, {
        "current": about(view.current, rules.TEXT_WIDTH) if view.current else None,
        "position": view.position, "total": view.total, "ended": view.ended,
        "decided": [{**about(item, 120), "outcome": texts.plain(language, f"screen.outcome_{item.status}")}
                    for item in view.decided]})


async def _resolve(request: web.Request) -> tuple[Services, StoredWorkshop, str]:
    """The workshop a live token shows, and the language asked for; 404 for anything else."""
    app = request.app[web_server.BOT]
    services: Services = app.bot_data["services"]
    token = request.match_info["token"]
    workshop_id = await store.workshop_of(services.storage, token) if rules.well_formed(token) else None
    workshop = await services.storage.workshop(workshop_id) if workshop_id is not None else None
    if workshop is None:
        raise web.HTTPNotFound(text="Not found", headers=HEADERS)
    asked = request.query.get("lang", "")
    known = offered(workshop.definition.languages, workshop.definition.default_language)  # the workshop's only
    default = workshop.definition.default_language
    language = asked if asked in known else (default if default in known else known[0])
    return services, workshop, language


async def _page(request: web.Request) -> web.Response:
    services, workshop, language = await _resolve(request)
    current = await shown(services.storage, services.texts, workshop, language,
                          clock(request.app[web_server.BOT]))
    text = _texts(services.texts, language)
    html = page(current, text, language=language, workshop=workshop.definition.title.get(language),
                state_url=f"{request.match_info['token']}/state?lang={language}")
    return web.Response(text=html, content_type="text/html", charset="utf-8", headers=HEADERS)


async def _state(request: web.Request) -> web.Response:
    services, workshop, language = await _resolve(request)
    current = await shown(services.storage, services.texts, workshop, language,
                          clock(request.app[web_server.BOT]))
    body = {"stage": current.stage, "html": fragment(current, _texts(services.texts, language))}
    return web.json_response(body, headers=HEADERS)


def _texts(texts: Texts, language: str):
    return lambda key, **params: texts.html(language, f"screen.{key}", **params)


async def start(app: Application) -> None:
    """Serve the screen if ``SCREEN_PORT`` is set (a startup hook: the store is open by now)."""
    settings = app.bot_data["services"].settings
    if settings.screen_port is None:
        return
    host, port = await web_server.serve(app, RUNNER, [(PAGE, _page), (STATE, _state)], settings.screen_listen,
                                        settings.screen_port)
    app.bot_data[BASE] = settings.screen_base(port)
    log.info("the room's screen is served on http://%s:%s/screen/", host, port)


async def stop(app: Application) -> None:
    app.bot_data.pop(BASE, None)
    await web_server.stop(app, RUNNER)
