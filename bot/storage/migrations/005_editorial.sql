-- The editorial work: the tables' syntheses, the secretariat's introduction, conclusions and next steps, and
-- every text in both languages. A translator is a role (by invitation), so roles and invitations are rebuilt
-- with the wider CHECK (SQLite cannot alter a CHECK in place); foreign keys are off only around the rebuild,
-- as SQLite's documentation prescribes, and checked before the commit.
PRAGMA foreign_keys = OFF;
BEGIN IMMEDIATE;

CREATE TABLE roles_new (
    workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    person_id   INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    role        TEXT NOT NULL CHECK (role IN ('participant', 'moderator', 'rapporteur', 'secretariat', 'translator')),
    table_id    INTEGER REFERENCES working_tables(id) ON DELETE CASCADE,  -- for moderator and rapporteur
    granted_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    UNIQUE (workshop_id, person_id, role, table_id)
);
INSERT INTO roles_new (workshop_id, person_id, role, table_id, granted_at)
    SELECT workshop_id, person_id, role, table_id, granted_at FROM roles;
DROP TABLE roles;
ALTER TABLE roles_new RENAME TO roles;
CREATE INDEX roles_by_table ON roles (table_id, role);

CREATE TABLE invitations_new (
    id          INTEGER PRIMARY KEY,
    workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    token       TEXT NOT NULL UNIQUE,
    role        TEXT NOT NULL CHECK (role IN ('participant', 'moderator', 'secretariat', 'translator')),
    table_id    INTEGER REFERENCES working_tables(id) ON DELETE CASCADE,
    max_uses    INTEGER CHECK (max_uses IS NULL OR max_uses > 0),
    uses        INTEGER NOT NULL DEFAULT 0,
    expires_at  TEXT,
    revoked_at  TEXT,
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
INSERT INTO invitations_new SELECT id, workshop_id, token, role, table_id, max_uses, uses, expires_at, revoked_at,
    created_at FROM invitations;
DROP TABLE invitations;
ALTER TABLE invitations_new RENAME TO invitations;

-- A table's synthesis: drafted by its rapporteur from the table's items, approved (or sent back once or more,
-- with a note) by its moderator. Its wording, in each language, is in `texts` (subject 'synthesis').
CREATE TABLE syntheses (
    table_id     INTEGER PRIMARY KEY REFERENCES working_tables(id) ON DELETE CASCADE,
    workshop_id  INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    status       TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'returned', 'approved')),
    language     TEXT NOT NULL,                    -- the language it was written in
    note         TEXT,                             -- the moderator's reason for sending it back
    written_by   INTEGER REFERENCES people(id) ON DELETE SET NULL,
    decided_by   INTEGER REFERENCES people(id) ON DELETE SET NULL,
    submitted_at TEXT,
    decided_at   TEXT,
    updated_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

-- The workshop's agreed next steps: each with who does it and by when; its wording is in `texts`
-- (subject 'next_step', parts 'step' and 'who').
CREATE TABLE next_steps (
    id          INTEGER PRIMARY KEY,
    workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    by_when     TEXT,                              -- ISO date
    language    TEXT NOT NULL,                     -- the language it was written in
    created_by  INTEGER REFERENCES people(id) ON DELETE SET NULL,
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

-- Every editorial text and every translation, one row per language. An item's original stays in
-- `contributions`; here are the other versions of its main text (part = the field). Syntheses, the introduction,
-- the conclusions and the next steps have their original here too. `origin`: 'original' (as written),
-- 'translation' (given or confirmed by a person, `written_by`), 'machine' (a machine draft nobody confirmed).
CREATE TABLE texts (
    id          INTEGER PRIMARY KEY,
    workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    subject     TEXT NOT NULL CHECK (subject IN ('item', 'synthesis', 'introduction', 'conclusions', 'next_step')),
    subject_id  INTEGER NOT NULL DEFAULT 0,        -- item, table or next step id; 0 for the workshop's own texts
    part        TEXT NOT NULL DEFAULT '',
    language    TEXT NOT NULL,
    body        TEXT NOT NULL,
    origin      TEXT NOT NULL CHECK (origin IN ('original', 'translation', 'machine')),
    written_by  INTEGER REFERENCES people(id) ON DELETE SET NULL,
    translates  TEXT,                              -- the original wording a translation was made from: once the
                                                   -- original changes, the translation is out of date
    updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    UNIQUE (workshop_id, subject, subject_id, part, language)
);

PRAGMA foreign_key_check;
PRAGMA user_version = 5;
COMMIT;
PRAGMA foreign_keys = ON;
