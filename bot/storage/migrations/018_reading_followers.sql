-- Following the joint reading in private (issue 13, point 4): who chose to be told each decision as it is
-- taken, and from which point of the audit log on (``after_audit_id``: the last entry when they pressed
-- Follow), so that nobody is sent a decision taken before they followed. What each decision sent is an
-- announcement keyed 'follow:<audit id>' (``announcements.request_key``, unique): a decision goes out once,
-- and a restart finds the decisions not yet sent from the audit log itself. The reading's end removes the
-- rows, after one last message.
BEGIN IMMEDIATE;

CREATE TABLE reading_followers (
    workshop_id    INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    person_id      INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    after_audit_id INTEGER NOT NULL DEFAULT 0,
    since          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    PRIMARY KEY (workshop_id, person_id)
);

PRAGMA user_version = 18;
COMMIT;
