-- After the event: who committed to each adopted recommendation, the check-in rounds the workshop file schedules,
-- and every answer, round by round (kept, so progress over time shows).
BEGIN IMMEDIATE;

-- A country or an organisation of the workshop file commits to an adopted recommendation and names who reports.
-- The reporter is a person in the bot; one invited because they were not at the workshop is found through the
-- invitation they were sent (invitation_id) once they open it. at_reading: made before the reading ended.
CREATE TABLE commitments (
    id              INTEGER PRIMARY KEY,
    workshop_id     INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    contribution_id INTEGER NOT NULL REFERENCES contributions(id) ON DELETE CASCADE,
    country         TEXT,
    organisation    TEXT,
    reporter_id     INTEGER REFERENCES people(id) ON DELETE SET NULL,
    invitation_id   INTEGER REFERENCES invitations(id) ON DELETE SET NULL,
    at_reading      INTEGER NOT NULL DEFAULT 0 CHECK (at_reading IN (0, 1)),
    made_by         INTEGER REFERENCES people(id) ON DELETE SET NULL,
    made_at         TEXT NOT NULL,
    stopped_at      TEXT,              -- its reporter stopped and handed it to nobody
    CHECK ((country IS NULL) <> (organisation IS NULL))
);
CREATE UNIQUE INDEX one_commitment_per_party
    ON commitments (contribution_id, coalesce(country, ''), coalesce(organisation, ''));
CREATE INDEX commitments_by_reporter ON commitments (reporter_id);

-- One row per round once it opened (the schedule itself is data in the workshop file).
CREATE TABLE checkin_rounds (
    id          INTEGER PRIMARY KEY,
    workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    number      INTEGER NOT NULL CHECK (number > 0),
    due_at      TEXT NOT NULL,
    opened_at   TEXT NOT NULL,
    reminded_at TEXT,
    UNIQUE (workshop_id, number)
);

-- A focal point's answer for one commitment in one round; answering again in the same round replaces it.
CREATE TABLE checkins (
    round_id          INTEGER NOT NULL REFERENCES checkin_rounds(id) ON DELETE CASCADE,
    commitment_id     INTEGER NOT NULL REFERENCES commitments(id) ON DELETE CASCADE,
    reporter_id       INTEGER REFERENCES people(id) ON DELETE SET NULL,
    status            TEXT NOT NULL CHECK (status IN ('not_started', 'under_way', 'done', 'stalled')),
    note              TEXT NOT NULL DEFAULT '',
    link              TEXT NOT NULL DEFAULT '',
    document_name     TEXT,
    document_file_id  TEXT,
    document_content  BLOB,
    answered_at       TEXT NOT NULL,
    PRIMARY KEY (round_id, commitment_id)
);

PRAGMA user_version = 7;
COMMIT;
