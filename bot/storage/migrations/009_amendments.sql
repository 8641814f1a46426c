-- Amendments from the floor (issue 13): during the plenary a participant proposes new wording for a
-- recommendation, and why; the table's rapporteur or moderator accepts it into the text, merges several into
-- one wording of their own, or declines it with a reason. An accepted or merged amendment changes the
-- recommendation through its history (contribution_versions), and `version_id` names the version it replaced:
-- amendments merged together share it. `before`/`after` keep the wording either side, as it was then.
BEGIN IMMEDIATE;

CREATE TABLE amendments (
    id              INTEGER PRIMARY KEY,
    contribution_id INTEGER NOT NULL REFERENCES contributions(id) ON DELETE CASCADE,
    person_id       INTEGER REFERENCES people(id) ON DELETE SET NULL,     -- who proposed it
    wording         TEXT NOT NULL,                                         -- the new wording, as typed
    reason          TEXT NOT NULL,                                         -- why, as typed
    attribution     TEXT NOT NULL DEFAULT 'anonymous' CHECK (attribution IN ('named', 'country', 'anonymous')),
    status          TEXT NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'accepted', 'merged', 'declined')),
    before          TEXT,                                                  -- the text it replaced (accepted, merged)
    after           TEXT,                                                  -- the text that went in
    version_id      INTEGER REFERENCES contribution_versions(id) ON DELETE SET NULL,
    decided_by      INTEGER REFERENCES people(id) ON DELETE SET NULL,
    decision_reason TEXT,                                                  -- why it was declined
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    decided_at      TEXT,
    UNIQUE (contribution_id, person_id, wording)                           -- a redelivered proposal counts once
);
CREATE INDEX amendments_by_item ON amendments (contribution_id, status);

PRAGMA user_version = 9;
COMMIT;
