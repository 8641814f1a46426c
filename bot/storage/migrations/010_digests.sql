-- Moderators kept informed (issue 13): when each moderator was last sent the digest of what waits for review
-- at their table, and the newest item it named, so a digest is never sent twice within the interval, nor
-- again for the same items, even after a restart.
BEGIN IMMEDIATE;

CREATE TABLE moderator_digests (
    table_id     INTEGER NOT NULL REFERENCES working_tables(id) ON DELETE CASCADE,
    person_id    INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    sent_at      TEXT NOT NULL,
    last_item_id INTEGER NOT NULL,
    PRIMARY KEY (table_id, person_id)
);

PRAGMA user_version = 10;
COMMIT;
