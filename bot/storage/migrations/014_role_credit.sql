-- How staff are credited for the role they held (issue 12): a moderator, a rapporteur or the secretariat's
-- people are printed in the roadmap and the minutes by whom they speak for (their organisation or country)
-- unless they chose, in /profile, to be named. Participants choose per item; this is the choice of those who
-- ran the workshop, who may have no item to choose it on. NULL: never chosen, so by organisation.
BEGIN IMMEDIATE;

ALTER TABLE memberships ADD COLUMN role_credit TEXT CHECK (role_credit IN ('named', 'affiliation'));

PRAGMA user_version = 14;
COMMIT;
