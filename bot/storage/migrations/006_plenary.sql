-- The plenary, complete: an objection's reason lives in feedback.text (already there); the table's answer to it,
-- and the joint reading's list, fixed when the reading opens so live tallies never reorder it.
BEGIN IMMEDIATE;

ALTER TABLE feedback ADD COLUMN answer TEXT;
ALTER TABLE feedback ADD COLUMN answered_by INTEGER REFERENCES people(id) ON DELETE SET NULL;
ALTER TABLE feedback ADD COLUMN answered_at TEXT;

-- One joint reading per workshop: opened (its list stored) once the plenary vote closed; ended (frozen) by the
-- secretariat, who alone may reopen it (each step in audit_log).
CREATE TABLE readings (
    workshop_id INTEGER PRIMARY KEY REFERENCES workshops(id) ON DELETE CASCADE,
    opened_by   INTEGER REFERENCES people(id) ON DELETE SET NULL,
    opened_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    ended_by    INTEGER REFERENCES people(id) ON DELETE SET NULL,
    ended_at    TEXT
);

-- The reading's order and the tallies it was fixed on, as they stood when it opened.
CREATE TABLE reading_list (
    workshop_id     INTEGER NOT NULL REFERENCES readings(workshop_id) ON DELETE CASCADE,
    position        INTEGER NOT NULL CHECK (position >= 0),
    contribution_id INTEGER NOT NULL REFERENCES contributions(id) ON DELETE CASCADE,
    votes           INTEGER NOT NULL,
    support         INTEGER NOT NULL,
    object          INTEGER NOT NULL,
    comments        INTEGER NOT NULL,
    PRIMARY KEY (workshop_id, position),
    UNIQUE (workshop_id, contribution_id)
);

PRAGMA user_version = 6;
COMMIT;
