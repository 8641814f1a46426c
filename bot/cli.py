"""The ``workshop-bot`` command: run the bot, load a workshop file, print invitations, run the demo."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from pathlib import Path

from bot.config import ConfigError, load_settings


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="workshop-bot", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("run", help="run the bot (long polling); needs TELEGRAM_BOT_TOKEN")

    workshop = sub.add_parser("workshop", help="workshop definitions").add_subparsers(dest="action", required=True)
    load = workshop.add_parser("load", help="validate a workshop file and store it")
    load.add_argument("file", type=Path)
    check = workshop.add_parser("check", help="validate a workshop file without storing it")
    check.add_argument("file", type=Path)

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
        document.add_argument("--lang", choices=("es", "en"), default="es")
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
    logging.basicConfig(level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    try:
        if args.command == "run":
            return _run(settings)
        if args.command == "workshop":
            from bot import commands
            return asyncio.run(commands.workshop_file(settings, args.action, args.file))
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


def _run(settings) -> int:
    from bot.app import build_application
    from bot.domain.workshop_file import EXAMPLE_FILE

    settings.token()  # fail fast, before anything is built
    if settings.workshop_file is None:
        settings = settings.model_copy(update={"workshop_file": EXAMPLE_FILE})
    logging.getLogger(__name__).info("starting: %s", settings.describe())
    build_application(settings).run_polling(drop_pending_updates=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
