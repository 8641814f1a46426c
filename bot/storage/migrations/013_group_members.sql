-- Who of a workshop's people the bot has seen in a linked group (issue 16, membership in step).
-- Learnt from what Telegram lets a bot in privacy mode see: the service messages of people joining or leaving,
-- the chat_member updates (only while the bot is an admin of the group), and the commands people send there.
-- Only people the bot already knows are recorded (by person, never a stranger's id), and never what they say.
BEGIN IMMEDIATE;

CREATE TABLE group_members (
    chat_id   INTEGER NOT NULL REFERENCES group_chats(chat_id) ON DELETE CASCADE ON UPDATE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    present   INTEGER NOT NULL CHECK (present IN (0, 1)),   -- 1 seen in the group, 0 seen leaving it
    seen_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    PRIMARY KEY (chat_id, person_id)
);

PRAGMA user_version = 13;
COMMIT;
