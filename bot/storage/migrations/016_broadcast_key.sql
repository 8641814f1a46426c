-- A broadcast's key: made with its preview and stored with the message it queues, so a second "Send" of the
-- same preview (the bot killed after queueing it and before the conversation ended, then the press redelivered
-- or pressed again) queues nothing more. Unique, so the store itself refuses a second copy.
BEGIN IMMEDIATE;

ALTER TABLE announcements ADD COLUMN request_key TEXT;
CREATE UNIQUE INDEX announcements_by_request_key ON announcements (request_key) WHERE request_key IS NOT NULL;

PRAGMA user_version = 16;
COMMIT;
