"""What the command line does, apart from running the bot: plain async functions over the store."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from bot.config import Settings
from bot.domain.clock import utc_now
from bot.domain.invitations import invitation_link, new_token
from bot.domain.workshop_file import WorkshopFileError, load_workshop
from bot.storage import Storage


async def workshop_file(settings: Settings, action: str, path) -> int:
    try:
        workshop = load_workshop(path)
    except WorkshopFileError as exc:
        print(exc)
        return 1
    if action == "check":
        print(f"{path}: valid workshop {workshop.id!r} ({len(workshop.tables)} tables, "
              f"{len(workshop.countries)} countries, {len(workshop.phases)} phases)")
        return 0
    async with Storage(settings.database_path) as storage:
        workshop_id = await storage.save_workshop(workshop)
        code = None
        if not await storage.has_secretariat(workshop_id):
            code = await storage.new_claim_code(workshop_id, new_token(), CLAIM_LABEL)
    print(f"stored workshop {workshop.id!r} (#{workshop_id}) in {settings.database_path}")
    if code is not None:
        # A running bot reads the store on every update, so it knows the new workshop and this code at once.
        print(f"claim code for its first secretariat (works once): {code}\n"
              f"  send the bot: /start {code}\n"
              f"  or instead: workshop-bot admin grant TELEGRAM_ID --workshop {workshop.id}")
    return 0


CLAIM_LABEL = "claim code: first secretariat"   # how the code is listed in /links


async def admin(settings: Settings, args: argparse.Namespace) -> int:
    """``workshop-bot admin grant TELEGRAM_ID --workshop SLUG``: make someone the workshop's secretariat from the
    machine the bot runs on, the way to give a new workshop its first secretariat without a link."""
    async with Storage(settings.database_path) as storage:
        stored = await storage.workshop_by_slug(args.workshop)
        if stored is None:
            print(f"no workshop {args.workshop!r} in {settings.database_path}; load it first")
            return 1
        _, new = await storage.grant_role(stored.id, args.telegram_id, "secretariat")
    print(f"Telegram user {args.telegram_id} {'is now' if new else 'already was'} secretariat of "
          f"{args.workshop!r}; they send the bot /start to register")
    return 0


async def invite(settings: Settings, args: argparse.Namespace) -> int:
    async with Storage(settings.database_path) as storage:
        stored = await storage.workshop_by_slug(args.workshop)
        if stored is None:
            print(f"no workshop {args.workshop!r} in {settings.database_path}; load it first")
            return 1
        table_id = None
        if args.role == "moderator":
            tables = {t.code: t.id for t in await storage.working_tables(stored.id)}
            if args.table not in tables:
                print(f"a moderator link needs --table, one of {sorted(tables)}")
                return 1
            table_id = tables[args.table]
        expires = utc_now() + dt.timedelta(days=args.expires_days) if args.expires_days else None
        invitation = await storage.create_invitation(stored.id, new_token(), args.role, table_id,
                                                     args.max_uses, expires)
    link = invitation_link(args.bot_username.lstrip("@"), invitation.token)
    print(f"{args.role}{' of table ' + args.table if table_id else ''}: {link}")
    if args.qr:
        import segno

        segno.make(link, error="m").save(str(args.qr), scale=8, border=2)
        print(f"QR code written to {args.qr}")
    return 0


async def write_document(settings: Settings, args: argparse.Namespace) -> int:
    """``workshop-bot roadmap|minutes|export``: the same documents the secretariat gets in the bot."""
    from bot.jobs import documents

    async with Storage(settings.database_path) as storage:
        stored = await storage.workshop_by_slug(args.workshop)
        if stored is None:
            print(f"no workshop {args.workshop!r} in {settings.database_path}")
            return 1
        args.lang = args.lang or stored.definition.default_language
        if args.lang not in stored.definition.languages:
            print(f"no language {args.lang!r} in this workshop; its languages: {stored.definition.languages}")
            return 1
        if args.command == "roadmap":
            document = await documents.roadmap(storage, stored.id, args.lang)
        elif args.command == "minutes":
            if stored.definition.table(args.table) is None:
                print(f"no table {args.table!r}; tables: {[t.id for t in stored.definition.tables]}")
                return 1
            document = await documents.minutes(storage, stored.id, args.table, args.lang)
        else:
            document = await documents.export(storage, stored.id, args.format, args.lang)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_bytes(document.content)
    print(f"wrote {args.output} ({len(document.content):,} bytes)")
    return 0


def backup(settings: Settings, target: Path) -> int:
    """``workshop-bot backup FILE``: a consistent copy of the store, safe while the bot is running."""
    from bot.storage import operations

    try:
        made = operations.backup(settings.database_path, target)
    except (OSError, ValueError, RuntimeError) as exc:
        print(f"backup failed: {exc}", file=sys.stderr)
        return 1
    print(f"backup written: {made.path} ({made.bytes:,} bytes, schema version {made.schema_version}, "
          f"integrity {made.integrity})")
    return 0
