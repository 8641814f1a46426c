-- The plenary's words in both languages (issues 11/12): the joint reading's reasons, the floor's comments, the
-- objections and the tables' answers, and the amendments' wordings and reasons get their other language in
-- `texts` like every other text of an edition. Their originals stay where they are (contributions.status_reason,
-- feedback.text / answer, amendments); `texts` holds the other versions, so its CHECK on subjects is widened
-- (SQLite cannot alter a CHECK in place: the table is rebuilt, nothing refers to it).
-- A reading's reason also keeps the language it was written in, which nothing recorded before: NULL for a
-- reason given earlier (the reports then take the workshop's default language).
BEGIN IMMEDIATE;

CREATE TABLE texts_new (
    id          INTEGER PRIMARY KEY,
    workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    subject     TEXT NOT NULL CHECK (subject IN ('item', 'synthesis', 'introduction', 'conclusions', 'next_step',
                                                 'reading', 'comment', 'objection', 'amendment')),
    subject_id  INTEGER NOT NULL DEFAULT 0,        -- item, table, next step, feedback or amendment id; 0 for the
                                                   -- workshop's own texts
    part        TEXT NOT NULL DEFAULT '',
    language    TEXT NOT NULL,
    body        TEXT NOT NULL,
    origin      TEXT NOT NULL CHECK (origin IN ('original', 'translation', 'machine')),
    written_by  INTEGER REFERENCES people(id) ON DELETE SET NULL,
    translates  TEXT,
    updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    UNIQUE (workshop_id, subject, subject_id, part, language)
);
INSERT INTO texts_new SELECT id, workshop_id, subject, subject_id, part, language, body, origin, written_by,
    translates, updated_at FROM texts;
DROP TABLE texts;
ALTER TABLE texts_new RENAME TO texts;

ALTER TABLE contributions ADD COLUMN status_reason_language TEXT;

PRAGMA user_version = 15;
COMMIT;
