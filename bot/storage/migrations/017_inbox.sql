-- The inbox: every update the bot reads, as it arrived, written before Telegram is told it was received.
-- python-telegram-bot confirms a fetched batch with its next poll (a webhook answers 200 once the update is
-- queued), not once it is handled, so an update in flight when the process dies would never come again. At
-- start-up every row not in processed_updates is handled again, in the order it arrived (``bot.inbox``).
-- ``replays`` counts those start-ups, so an update that kills the process each time is given up, not a loop.
-- A row goes as soon as its update is handled (the trigger below, as processed_updates records it), so what
-- people typed is kept only while in flight.
BEGIN IMMEDIATE;

CREATE TABLE inbox (
    update_id   INTEGER PRIMARY KEY,
    raw         TEXT NOT NULL CHECK (length(raw) <= 64000),
    replays     INTEGER NOT NULL DEFAULT 0,
    received_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TRIGGER inbox_handled AFTER INSERT ON processed_updates
BEGIN
    DELETE FROM inbox WHERE update_id = NEW.update_id;
END;

PRAGMA user_version = 17;
COMMIT;
