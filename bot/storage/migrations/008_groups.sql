-- Each working table's own Telegram group, and one plenary group per workshop (issue 16).
-- Nothing of what people say in a group is stored: only which group is whose, and what the bot posts there.
BEGIN IMMEDIATE;

-- A linked group: a table's (table_id set) or the workshop's plenary group (table_id NULL). One group per table
-- and one plenary group per workshop (the unique index), and a group belongs to one of them (the key).
CREATE TABLE group_chats (
    chat_id     INTEGER PRIMARY KEY,   -- Telegram's id of the group (negative)
    workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    table_id    INTEGER REFERENCES working_tables(id) ON DELETE CASCADE,
    title       TEXT NOT NULL DEFAULT '' CHECK (length(title) <= 255),
    language    TEXT NOT NULL CHECK (language IN ('es', 'en')),
    linked_by   INTEGER REFERENCES people(id) ON DELETE SET NULL,
    linked_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE UNIQUE INDEX group_chats_one_per_target ON group_chats (workshop_id, ifnull(table_id, 0));

-- What the bot posts in a group, queued before it is sent (so a restart sends what was pending, once) and sent
-- by the bulk pacer: batched when more is waiting than the group's 20 messages a minute allow.
CREATE TABLE group_posts (
    id         INTEGER PRIMARY KEY,
    chat_id    INTEGER NOT NULL REFERENCES group_chats(chat_id) ON DELETE CASCADE ON UPDATE CASCADE,
    kind       TEXT NOT NULL,          -- phase, approved, announcement, synthesis, reading, roadmap
    dedupe     TEXT,                   -- the event, for those that must be posted once (an approval, the roadmap)
    body       TEXT NOT NULL DEFAULT '',   -- Telegram HTML, rendered in the group's language when queued
    status     TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    sent_at    TEXT,
    UNIQUE (chat_id, dedupe)
);
CREATE INDEX group_posts_pending ON group_posts (status, chat_id, id);

PRAGMA user_version = 8;
COMMIT;
