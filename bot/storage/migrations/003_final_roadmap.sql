-- The final roadmap goes to every participant from a queue in the database, so a restart part-way through
-- the send-out resumes it instead of leaving people without the document.
BEGIN IMMEDIATE;

CREATE TABLE roadmap_deliveries (
    workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    person_id   INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    status      TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'blocked', 'failed')),
    updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    PRIMARY KEY (workshop_id, person_id)
);

ALTER TABLE workshops ADD COLUMN closed_by INTEGER REFERENCES people(id) ON DELETE SET NULL;
ALTER TABLE workshops ADD COLUMN close_reported_at TEXT;

PRAGMA user_version = 3;
COMMIT;
