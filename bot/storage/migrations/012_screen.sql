-- The room's screen: links the secretariat opens on the projector. A link is a bearer secret; revoking it sets
-- revoked_at, and a revoked or unknown token is answered 404 (never told apart from one that never existed).
BEGIN IMMEDIATE;

CREATE TABLE screen_links (
    id          INTEGER PRIMARY KEY,
    workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    token       TEXT NOT NULL UNIQUE,
    created_by  INTEGER REFERENCES people(id) ON DELETE SET NULL,
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    revoked_at  TEXT
);
CREATE INDEX screen_links_live ON screen_links (workshop_id) WHERE revoked_at IS NULL;

PRAGMA user_version = 12;
COMMIT;
