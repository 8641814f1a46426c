"""The ``workshop-bot`` command: run the bot (polling or webhook), load a workshop file, give a workshop its
first secretariat, print invitations, back up the store, run the demo."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from pathlib import Path

from bot.config import ConfigError, load_settings
from bot.logs import hide, setup_logging


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="workshop-bot", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="run the bot (long polling, or a webhook); needs TELEGRAM_BOT_TOKEN")
    run.add_argument("--webhook", metavar="URL",
                     help="receive updates at this public https:// URL instead of polling (also WEBHOOK_URL)")

    backup = sub.add_parser("backup", help="write a consistent copy of the store, safe while the bot runs")
    backup.add_argument("file", type=Path)

    workshop = sub.add_parser("workshop", help="workshop definitions").add_subparsers(dest="action", required=True)
    load = workshop.add_parser("load", help="validate a workshop file and store it")
    load.add_argument("file", type=Path)
    check = workshop.add_parser("check", help="validate a workshop file without storing it")
    check.add_argument("file", type=Path)

    admin = sub.add_parser("admin", help="roles given from the command line").add_subparsers(dest="action",
                                                                                           required=True)
    grant = admin.add_parser("grant", help="make a Telegram user the secretariat of a workshop")
    grant.add_argument("telegram_id", type=int, metavar="TELEGRAM_ID", help="their numeric Telegram user id")
    grant.add_argument("--workshop", required=True, help="the workshop id (slug) from its file")

    invite = sub.add_parser("invite", help="create invitation links for a workshop")
    invite.add_argument("--workshop", required=True, help="the workshop id (slug) from its file")
    invite.add_argument("--role", choices=("participant", "moderator", "secretariat"), default="participant")
    invite.add_argument("--table", help="table id, for a moderator link")
    invite.add_argument("--max-uses", type=int)
    invite.add_argument("--expires-days", type=float)
    invite.add_argument("--bot-username", required=True, help="the bot's @username, without the @")
    invite.add_argument("--qr", type=Path, help="also write a printable QR code (SVG or PNG) to this file")

    for name, what in (("roadmap", "the roadmap PDF"), ("minutes", "a table's minutes PDF"),
                       ("export", "all data as CSV (zip), XLSX or JSON")):
        document = sub.add_parser(name, help=f"write {what} from the store")
        document.add_argument("--workshop", required=True, help="the workshop id (slug) from its file")
        document.add_argument("--lang", help="a language of the workshop (default: its first)")
        document.add_argument("-o", "--output", type=Path, required=True)
        if name == "minutes":
            document.add_argument("--table", required=True)
        if name == "export":
            document.add_argument("--format", choices=("csv", "xlsx", "json"), default="xlsx")

    demo = sub.add_parser("demo", help="run an offline demo workshop against the local Bot API emulator")
    demo.add_argument("--out", type=Path, default=Path("out"))
    demo.add_argument("--people", type=int, help="fewer delegates, for a quicker run (default: all)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        settings = load_settings()
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return 2
    setup_logging(settings)
    import content

    content.use(settings.content_path)  # the languages are the content folders: CONTENT_PATH's, then the bot's
    try:
        if args.command == "run":
            return _run(settings, args.webhook)
        if args.command == "backup":
            from bot import commands
            return commands.backup(settings, args.file)
        if args.command == "workshop":
            from bot import commands
            return asyncio.run(commands.workshop_file(settings, args.action, args.file))
        if args.command == "admin":
            from bot import commands
            return asyncio.run(commands.admin(settings, args))
        if args.command == "invite":
            from bot import commands
            return asyncio.run(commands.invite(settings, args))
        if args.command in ("roadmap", "minutes", "export"):
            from bot import commands
            return asyncio.run(commands.write_document(settings, args))
        if args.command == "demo":
            from bot.offline import demo
            return asyncio.run(demo.main(args.out, args.people))
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return 2
    return 1


def _run(settings, webhook_url: str | None = None) -> int:
    from bot.app import ALLOWED_UPDATES, build_application
    from bot.context import on_startup
    from bot.domain.workshop_file import EXAMPLE_FILE

    settings.token()  # fail fast, before anything is built
    if settings.workshop_file is None:
        settings = settings.model_copy(update={"workshop_file": EXAMPLE_FILE})
    try:
        webhook = settings.webhook(webhook_url)
    except ValueError as exc:
        raise ConfigError(f"Invalid webhook URL: {exc}") from None
    logging.getLogger(__name__).info("starting: %s", settings.describe())
    if settings.meaning_model is not None:
        from bot.domain import duplicates

        duplicates.use_model(settings.meaning_model)
    app = build_application(settings)
    on_startup(app, _settle_memory)  # a long-running process only: tests and the demo build many apps in one
    on_startup(app, _warm_meaning)
    if webhook is None:
        app.run_polling(drop_pending_updates=False, allowed_updates=ALLOWED_UPDATES)
        return 0
    # PTB's own webhook server: it calls setWebhook with the secret, and answers 403 to any request that does
    # not carry it in X-Telegram-Bot-Api-Secret-Token (bot.logs turns those refusals into warnings).
    hide(webhook.secret.get_secret_value())
    logging.getLogger(__name__).info("webhook: listening on %s:%s/%s for %s", webhook.listen, webhook.port,
                                     webhook.path, webhook.url)
    app.run_webhook(listen=webhook.listen, port=webhook.port, url_path=webhook.path, webhook_url=webhook.url,
                    secret_token=webhook.secret.get_secret_value(), drop_pending_updates=False,
                    allowed_updates=ALLOWED_UPDATES)
    return 0


async def _settle_memory(app) -> None:
    from bot.transport import settle_memory

    settle_memory()


async def _warm_meaning(app) -> None:
    """Where a workshop compares near-duplicates by meaning, its sentence encoder is loaded now, in a thread,
    rather than during a moderator's first review (about two seconds); nobody waits for it."""
    from bot.domain import duplicates

    workshops = await app.bot_data["services"].storage.all_workshops()
    if any(w.status == "open" and duplicates.meaning_for(w.definition) for w in workshops):
        app.bot_data["meaning:warm"] = asyncio.get_running_loop().run_in_executor(None, duplicates.warm_meaning)


if __name__ == "__main__":
    sys.exit(main())
