"""When a table's moderator is sent the digest of what waits for review (issue 13, point 7).

Moderators were never told that new items wait: they had to think of opening /mod. A digest goes out while
the table works (its "tables" phase open), at most every ``minutes`` (a workshop-file setting), only when
something waits, and only when something new came since the last one (the same list again would be noise;
the dashboard shows what still waits).
"""

from __future__ import annotations

import datetime as dt

from bot.domain.clock import parse

SHOWN = 5  # references named in one digest; the rest are counted


def digest_due(last_sent: str | None, last_item_id: int | None, newest_waiting: int | None,
               now: dt.datetime, minutes: int) -> bool:
    """Is a digest due to this moderator now? ``newest_waiting``: the newest item waiting for review at
    their table (None when nothing waits); ``last_sent``/``last_item_id``: the previous digest, if any."""
    if newest_waiting is None:
        return False
    if last_item_id is not None and newest_waiting <= last_item_id:
        return False
    sent = parse(last_sent)
    return sent is None or now - sent >= dt.timedelta(minutes=minutes)
