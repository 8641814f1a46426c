-- Broadcasts and invitation links. A delivery is marked the moment its message is handed to Telegram, so a
-- process killed during that call leaves a trace: after a restart such a delivery is not sent again (it may
-- have arrived) but settled as 'failed' and counted so. An invitation link gets the label the secretariat
-- gave it, printed under its QR code.
BEGIN IMMEDIATE;

ALTER TABLE announcement_deliveries ADD COLUMN attempted_at TEXT;
ALTER TABLE invitations ADD COLUMN label TEXT;

PRAGMA user_version = 11;
COMMIT;
