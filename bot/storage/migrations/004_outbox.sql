-- What the bot must tell a person about something it stored ("sent as C-12"), written in the same transaction
-- as the change and delivered from here: retried on transient failures, re-sent after a restart, given up only
-- when the person blocked the bot. ``key`` names what it confirms, so a redelivered update writes it once.
BEGIN IMMEDIATE;

CREATE TABLE outbox (
    id         INTEGER PRIMARY KEY,
    person_id  INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    key        TEXT NOT NULL UNIQUE,
    template   TEXT NOT NULL,
    params     TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(params)),
    status     TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'blocked', 'failed')),
    attempts   INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    sent_at    TEXT
);
CREATE INDEX outbox_pending ON outbox (status) WHERE status IN ('pending', 'sending');

PRAGMA user_version = 4;
COMMIT;
