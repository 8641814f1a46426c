-- The workshop's domain, as the brief names it. Each migration carries its own transaction and
-- user_version so that executescript() cannot leave a half-applied schema behind.
BEGIN IMMEDIATE;

CREATE TABLE workshops (
    id               INTEGER PRIMARY KEY,
    slug             TEXT NOT NULL UNIQUE,
    definition       TEXT NOT NULL CHECK (json_valid(definition)),  -- the validated workshop file
    default_language TEXT NOT NULL,
    status           TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed', 'archived')),
    reading_ended_at TEXT,                                           -- joint reading over: roadmap is final
    created_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE working_tables (
    id          INTEGER PRIMARY KEY,
    workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    code        TEXT NOT NULL,
    level       TEXT NOT NULL,
    capacity    INTEGER NOT NULL CHECK (capacity > 0),
    UNIQUE (workshop_id, code)
);

-- A Telegram user, across workshops. Personal data lives in memberships so it can be erased per workshop.
CREATE TABLE people (
    id                  INTEGER PRIMARY KEY,
    telegram_id         INTEGER NOT NULL UNIQUE,
    first_name          TEXT,
    language            TEXT,            -- the person's own choice; NULL until they choose
    telegram_language   TEXT,            -- what Telegram reported last
    current_workshop_id INTEGER REFERENCES workshops(id) ON DELETE SET NULL,
    blocked_at          TEXT,            -- the bot got 403 from this chat
    created_at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE memberships (
    id              INTEGER PRIMARY KEY,
    workshop_id     INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    person_id       INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    table_id        INTEGER REFERENCES working_tables(id) ON DELETE SET NULL,
    full_name       TEXT,
    country         TEXT,                -- a country id of the workshop file
    organisation    TEXT,                -- an organisation id of the workshop file
    other_affiliation TEXT,              -- typed when "other" was chosen
    institution     TEXT,
    position        TEXT,
    consent_at      TEXT,                -- data notice accepted
    registered_at   TEXT,
    forgotten_at    TEXT,                -- /forget: personal data erased, items kept anonymous
    joined_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    UNIQUE (workshop_id, person_id)
);

CREATE TABLE roles (
    workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    person_id   INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    role        TEXT NOT NULL CHECK (role IN ('participant', 'moderator', 'rapporteur', 'secretariat')),
    table_id    INTEGER REFERENCES working_tables(id) ON DELETE CASCADE,  -- for moderator and rapporteur
    granted_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    UNIQUE (workshop_id, person_id, role, table_id)
);

CREATE TABLE invitations (
    id          INTEGER PRIMARY KEY,
    workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    token       TEXT NOT NULL UNIQUE,
    role        TEXT NOT NULL CHECK (role IN ('participant', 'moderator', 'secretariat')),
    table_id    INTEGER REFERENCES working_tables(id) ON DELETE CASCADE,
    max_uses    INTEGER CHECK (max_uses IS NULL OR max_uses > 0),
    uses        INTEGER NOT NULL DEFAULT 0,
    expires_at  TEXT,
    revoked_at  TEXT,
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE invitation_uses (
    invitation_id INTEGER NOT NULL REFERENCES invitations(id) ON DELETE CASCADE,
    person_id     INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    used_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    PRIMARY KEY (invitation_id, person_id)
);

-- The agenda: phases open and close by hand or on schedule; a NULL table means the whole workshop.
CREATE TABLE phases (
    id               INTEGER PRIMARY KEY,
    workshop_id      INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    code             TEXT NOT NULL,
    kind             TEXT NOT NULL CHECK (kind IN ('annex_i', 'mapping', 'tables', 'plenary', 'joint_reading')),
    table_id         INTEGER REFERENCES working_tables(id) ON DELETE CASCADE,
    opens_at         TEXT,               -- scheduled, UTC ISO 8601
    closes_at        TEXT,
    reminder_minutes INTEGER NOT NULL DEFAULT 10,
    state            TEXT NOT NULL DEFAULT 'scheduled' CHECK (state IN ('scheduled', 'open', 'closed')),
    opened_at        TEXT,
    closed_at        TEXT,
    reminded_at      TEXT,
    UNIQUE (workshop_id, code, table_id)
);

-- Challenges, good practices and recommendations. Type-specific fields are a JSON object.
CREATE TABLE contributions (
    id            INTEGER PRIMARY KEY,
    workshop_id   INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    kind          TEXT NOT NULL CHECK (kind IN ('challenge', 'good_practice', 'recommendation')),
    author_id     INTEGER REFERENCES people(id) ON DELETE SET NULL,
    table_id      INTEGER REFERENCES working_tables(id) ON DELETE SET NULL,
    phase_kind    TEXT,
    level         TEXT NOT NULL,
    language      TEXT NOT NULL,
    details       TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(details)),
    attribution   TEXT NOT NULL DEFAULT 'country' CHECK (attribution IN ('named', 'country', 'anonymous')),
    status        TEXT NOT NULL DEFAULT 'submitted' CHECK (status IN (
                      'draft', 'submitted', 'approved', 'merged', 'rejected', 'withdrawn',
                      'adopted', 'adopted_amended', 'set_aside')),
    consolidated  INTEGER NOT NULL DEFAULT 0,      -- a table's own recommendation, drafted by the rapporteur
    merged_into   INTEGER REFERENCES contributions(id),
    status_reason TEXT,                            -- rejection or joint-reading reason
    client_key    TEXT UNIQUE,                     -- the dialogue that produced it: resubmission changes nothing
    created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX contributions_by_workshop ON contributions (workshop_id, kind, level, status);
CREATE INDEX contributions_by_author ON contributions (author_id);

CREATE TABLE contribution_dimensions (
    contribution_id INTEGER NOT NULL REFERENCES contributions(id) ON DELETE CASCADE,
    dimension       TEXT NOT NULL,
    PRIMARY KEY (contribution_id, dimension)
);

-- Co-authors arrive through merges: the survivor keeps every author and country.
CREATE TABLE contribution_authors (
    contribution_id INTEGER NOT NULL REFERENCES contributions(id) ON DELETE CASCADE,
    person_id       INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    attribution     TEXT NOT NULL CHECK (attribution IN ('named', 'country', 'anonymous')),
    PRIMARY KEY (contribution_id, person_id)
);

CREATE TABLE contribution_links (
    from_id  INTEGER NOT NULL REFERENCES contributions(id) ON DELETE CASCADE,
    to_id    INTEGER NOT NULL REFERENCES contributions(id) ON DELETE CASCADE,
    relation TEXT NOT NULL CHECK (relation IN ('answers', 'builds_on', 'consolidates')),
    PRIMARY KEY (from_id, to_id, relation)
);

CREATE TABLE contribution_versions (
    id              INTEGER PRIMARY KEY,
    contribution_id INTEGER NOT NULL REFERENCES contributions(id) ON DELETE CASCADE,
    editor_id       INTEGER REFERENCES people(id) ON DELETE SET NULL,
    snapshot        TEXT NOT NULL CHECK (json_valid(snapshot)),
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE attachments (
    id               INTEGER PRIMARY KEY,
    contribution_id  INTEGER REFERENCES contributions(id) ON DELETE CASCADE,
    table_id         INTEGER REFERENCES working_tables(id) ON DELETE CASCADE,  -- a table's own document
    uploader_id      INTEGER REFERENCES people(id) ON DELETE SET NULL,
    telegram_file_id TEXT NOT NULL,
    file_name        TEXT NOT NULL,
    mime_type        TEXT,
    size             INTEGER NOT NULL,
    content          BLOB NOT NULL,
    created_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE feedback (
    id              INTEGER PRIMARY KEY,
    contribution_id INTEGER NOT NULL REFERENCES contributions(id) ON DELETE CASCADE,
    person_id       INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    kind            TEXT NOT NULL CHECK (kind IN ('support', 'object', 'comment')),
    text            TEXT,
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE UNIQUE INDEX one_stance_per_person ON feedback (contribution_id, person_id) WHERE kind IN ('support', 'object');

CREATE TABLE votes (
    workshop_id     INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    contribution_id INTEGER NOT NULL REFERENCES contributions(id) ON DELETE CASCADE,
    person_id       INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    dots            INTEGER NOT NULL CHECK (dots > 0),
    PRIMARY KEY (contribution_id, person_id)
);

CREATE TABLE announcements (
    id          INTEGER PRIMARY KEY,
    workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    table_id    INTEGER REFERENCES working_tables(id) ON DELETE CASCADE,
    sender_id   INTEGER REFERENCES people(id) ON DELETE SET NULL,
    text        TEXT NOT NULL,
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    finished_at TEXT
);

CREATE TABLE announcement_deliveries (
    announcement_id INTEGER NOT NULL REFERENCES announcements(id) ON DELETE CASCADE,
    person_id       INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'blocked', 'failed')),
    PRIMARY KEY (announcement_id, person_id)
);

CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    table_id    INTEGER REFERENCES working_tables(id) ON DELETE SET NULL,
    actor_id    INTEGER REFERENCES people(id) ON DELETE SET NULL,
    action      TEXT NOT NULL,
    target_id   INTEGER,
    before      TEXT CHECK (before IS NULL OR json_valid(before)),
    after       TEXT CHECK (after IS NULL OR json_valid(after)),
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

-- A guided conversation in progress, written before the bot answers, so a restart resumes it.
CREATE TABLE dialogues (
    person_id  INTEGER PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
    flow       TEXT NOT NULL,
    step       TEXT NOT NULL,
    data       TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(data)),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

-- Updates already handled: a redelivered update changes nothing.
CREATE TABLE processed_updates (
    update_id    INTEGER PRIMARY KEY,
    processed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

PRAGMA user_version = 1;
COMMIT;
