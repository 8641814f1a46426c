"""One callback-data codec for every button: each handler's pattern comes from a route, no two patterns take
the same data, what a button carries reads back as it went in, nothing passes Telegram's 64 bytes, and a
button of an older format is answered as stale instead of being obeyed or ignored."""

import re

import pytest
from telegram.ext import CallbackQueryHandler

from bot.app import build_application
from bot.domain import items
from bot.domain.briefing import names
from bot.domain.workshop_file import EXAMPLE_FILE, load_workshop
from bot.i18n import SUPPORTED_LANGUAGES, Texts
from bot.offline.runner import offline_settings
from handlers import callbacks
from handlers.callbacks import FLOW_PRESS, ROUTES, Route, integer
from handlers.flow import FLOWS
from tests.helpers import item, person_id, seat
from tests.test_moderation_session import moderator_of, table_id

STALE = Texts().plain("en", "common.stale_button")


def _samples(arg: callbacks.Arg) -> list:
    """Values of an argument at both ends of what it takes."""
    if arg.free:
        return ["", "c:GT", "t:national_authorities", "ñ" * 10]
    if arg.read is int:
        return [0, 7, int("9" * arg.max_bytes)]
    if arg.regex == callbacks.language().regex:
        return ["es", "en", "fil", "pt-BR", "es-419"]   # every shape a content folder's name may have
    if arg.regex == callbacks.code("x").regex:
        return ["A", "individual", "Z" * arg.max_bytes]
    return ["tables", "joint-reading", "good_practice", "z" * arg.max_bytes]


def _sample_data(route: Route) -> list[tuple[tuple, str]]:
    """(values, data) for a route: each argument at each of its samples, the others at their first."""
    firsts = [_samples(arg)[0] for arg in route.args]
    found = [(tuple(firsts), route.data(*firsts))]
    for index, arg in enumerate(route.args):
        for sample in _samples(arg):
            values = (*firsts[:index], sample, *firsts[index + 1:])
            found.append((values, route.data(*values)))
    return found


@pytest.fixture
def button_handlers(emulator, database):
    """Every CallbackQueryHandler of the application production runs, in the order they are tried."""
    app = build_application(offline_settings(emulator, database))
    return [h for group in sorted(app.handlers) for h in app.handlers[group] if isinstance(h, CallbackQueryHandler)]


def test_every_button_handler_takes_the_data_of_one_route_and_every_route_has_one(button_handlers):
    patterns = {route.pattern: route for route in ROUTES.values()}
    *routed, catch_all = button_handlers
    assert catch_all.pattern is None  # the last one answers whatever no route builds: a stale button
    assert all(h.pattern is not None for h in routed)
    assert [h.pattern.pattern for h in routed if h.pattern.pattern not in patterns] == []
    answered = [h.pattern.pattern for h in routed]
    assert sorted(answered) == sorted(patterns)  # each route answered once: no button without a handler


def test_each_routes_data_is_taken_by_exactly_one_handler(button_handlers):
    routed = [h for h in button_handlers if h.pattern is not None]
    for route in ROUTES.values():
        for _, data in _sample_data(route):
            taking = [h.pattern.pattern for h in routed if re.match(h.pattern, data)]  # as PTB matches
            assert taking == [route.pattern], data


def test_data_reads_back_as_it_went_in():
    for route in ROUTES.values():
        for values, data in _sample_data(route):
            assert route.parse(data) == values, data
            assert callbacks.decode(data) == (route, values), data
            assert data.startswith(f"v1:{route.area}:{route.verb}")


def test_arguments_are_typed_and_checked_when_a_button_is_built():
    assert callbacks.MOD_MERGE.parse(callbacks.MOD_MERGE.data(12, "34")) == (12, 34)
    assert callbacks.REPORT_MINUTES.parse(callbacks.REPORT_MINUTES.data("B", "en")) == ("B", "en")
    assert FLOW_PRESS.parse(FLOW_PRESS.data("reg", "affiliation", "o:iom")) == ("reg", "affiliation", "o:iom")
    for route, values in ((callbacks.MOD_APPROVE, (-1,)), (callbacks.MOD_APPROVE, ("12a",)),
                          (callbacks.MOD_APPROVE, (1, 2)), (callbacks.MOD_APPROVE, ()),
                          (callbacks.PHASE_OPEN, (1, "has space")), (callbacks.PHASE_OPEN, (1, "a:b")),
                          (callbacks.LANGUAGE, ("spanish",)), (FLOW_PRESS, ("reg", "consent", "two\nlines"))):
        with pytest.raises(ValueError):
            route.data(*values)
    for data in ("mod:ok:12", "v1:mod:ok:12a", "v1:mod:ok:12\n", "v1:mod:ok", "v2:mod:ok:12", "v1:mod:ok:12:3",
                 "v1:nope:ok:1", "", None):
        assert callbacks.decode(data) is None, data
        with pytest.raises(ValueError):
            callbacks.MOD_APPROVE.parse(data)


def test_nothing_passes_telegrams_64_bytes():
    for route in ROUTES.values():
        if not route.args or not route.args[-1].free:
            assert route.longest <= callbacks.MAX_BYTES, route
            widest = [_samples(arg)[-1] for arg in route.args]
            assert len(route.data(*widest).encode()) <= callbacks.MAX_BYTES, route
    room = callbacks.MAX_BYTES - len(FLOW_PRESS.data("reg", "consent", "").encode())
    assert len(FLOW_PRESS.data("reg", "consent", "x" * room).encode()) == callbacks.MAX_BYTES
    with pytest.raises(ValueError, match="64 bytes"):
        FLOW_PRESS.data("reg", "consent", "x" * (room + 1))
    with pytest.raises(ValueError, match="64 bytes"):
        FLOW_PRESS.data("reg", "consent", "ñ" * (room // 2 + 1))  # two bytes each
    with pytest.raises(ValueError, match="over Telegram's 64"):
        Route("test", "wide", (integer("a", 30), integer("b", 30)))


def test_every_flow_button_of_the_example_workshop_fits():
    """The values that come from content (briefing options, the workshop file's ids) on the longest names."""
    workshop = load_workshop(EXAMPLE_FILE)
    fixed = {"scope": items.SCOPES, "timeframe": items.TIMEFRAMES, "attribution": items.ATTRIBUTIONS}
    for language in SUPPORTED_LANGUAGES:
        options = names(workshop, language)
        for kind, fields in items.FIELDS.items():
            assert kind in FLOWS
            for spec in fields:
                FLOW_PRESS.data(kind, spec.name, "skip")
                if spec.type in ("choice", "multi", "level") and spec.options:
                    for ident in fixed.get(spec.options) or options.options(spec.options):
                        FLOW_PRESS.data(kind, spec.name, f"t:{ident}" if spec.type == "multi" else ident)
    for ident in [f"c:{c.id}" for c in workshop.countries] + [f"o:{o.id}" for o in workshop.organisations]:
        FLOW_PRESS.data("profile", "affiliation", ident)
        FLOW_PRESS.data("reg", "affiliation", ident)
    for dimension in workshop.dimensions:
        FLOW_PRESS.data("rapdraft", "dims", dimension.id)
    for name, flow in FLOWS.items():
        for step in flow.steps:
            assert re.fullmatch(FLOW_PRESS.pattern, FLOW_PRESS.data(name, step, "done")), (name, step)


def test_a_route_is_declared_once():
    before = dict(ROUTES)
    with pytest.raises(ValueError, match="declared twice"):
        callbacks.route("mod", "ok", callbacks.ITEM)
    with pytest.raises(ValueError, match="declared twice"):
        callbacks.route("flow", "go")
    assert before == ROUTES
    with pytest.raises(ValueError):
        Route("mod", "o:k")  # a separator in a verb would let one route's data pass for another's
    with pytest.raises(ValueError, match="last argument"):
        Route("test", "free_first", (callbacks.free("value"), integer("n")))


async def test_buttons_of_an_older_format_are_answered_as_stale(bot, emulator, workshop_id):
    storage = bot.storage
    mod = await moderator_of(emulator, storage, workshop_id, table="A")
    ana_id = await seat(storage, workshop_id, 9101, "Ana Pérez", table="A")
    target = await item(storage, workshop_id, ana_id, "recommendation", table="A")
    a = await table_id(storage, workshop_id)
    dashboard = await mod.ask("/mod")
    old = (f"mod:ok:{target}", f"mod:no:{target}", f"ph:o:{a}:tables", f"rap:s:{a}:{ana_id}", "lang|es",
           f"pl|up|{target}.0", "reg|consent|yes", "close|yes", "report|roadmap|es",
           f"v2:mod:ok:{target}", f"v1:mod:ok:{target}x", "v1:mod:approve:1")
    for data in old:
        await mod.press_data(data, dashboard.message_id)
        assert (await mod.wait_for_callback_answer())["text"] == STALE, data
    await emulator.wait_idle()
    assert mod.last_message is dashboard  # answered with the toast only: nothing said, nothing done
    assert (await storage.contribution(target)).status == "submitted"
    assert await storage.rapporteur(workshop_id, a) is None
    assert await storage.dialogue(await person_id(storage, 3001)) is None  # no rejection reason asked for

    await mod.press_data(callbacks.MOD_APPROVE.data(target), dashboard.message_id)  # today's button still works
    assert "approved" in (await mod.next_message()).text
    assert (await storage.contribution(target)).status == "approved"


async def test_the_secretariat_picks_a_table_for_every_table_command(bot, emulator, workshop_id):
    """Each table command offers the tables as buttons of the route its choice leads to: every one answered."""
    await seat(bot.storage, workshop_id, 9201, "Sara Secretaría", role="secretariat", country=None, language="en")
    sara = emulator.user(9201, "Sara", language_code="en")
    for command, shown in (("/mod", "Group A"), ("/audit", "Group A"), ("/phases", "Group A"),
                           ("/rapporteur", "Recommendations of Group A"), ("/announce", "Group A")):
        choice = await sara.ask(command)
        assert "Group A" in choice.button_texts, command
        await sara.press("Group A", message=choice)
        assert shown in (await sara.next_message()).text, command
        await sara.ask("/cancel")
