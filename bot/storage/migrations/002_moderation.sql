-- Moderation: announcements rendered per recipient's language, and the indexes a table's views need.
BEGIN IMMEDIATE;

-- A message key and its parameters: each recipient reads the announcement (or the phase notice) in their
-- own language. ``text`` keeps what a moderator typed, as typed.
ALTER TABLE announcements ADD COLUMN template TEXT;
ALTER TABLE announcements ADD COLUMN params TEXT CHECK (params IS NULL OR json_valid(params));
ALTER TABLE announcement_deliveries ADD COLUMN sent_at TEXT;

CREATE INDEX announcement_deliveries_pending ON announcement_deliveries (status, announcement_id);
CREATE INDEX audit_by_table ON audit_log (workshop_id, table_id, id);
CREATE INDEX contributions_by_table ON contributions (table_id, status);
CREATE INDEX roles_by_table ON roles (table_id, role);

PRAGMA user_version = 2;
COMMIT;
