-- Who may see an item: 'public' (everyone, the calendar feed), 'members' (members of the
-- alliance), or 'confidential' (only in the confidential channels the item is bound to).
ALTER TABLE events ADD COLUMN visibility TEXT NOT NULL DEFAULT 'public';
UPDATE events SET visibility = 'members' WHERE public = 0;
UPDATE events SET visibility = 'confidential' WHERE EXISTS (
    SELECT 1 FROM channels c
    WHERE c.platform = events.platform AND c.chat_id = events.chat_id AND c.confidential = 1);
ALTER TABLE events DROP COLUMN public;

-- A poll is for members; asked in a confidential channel it stays there.
ALTER TABLE polls ADD COLUMN visibility TEXT NOT NULL DEFAULT 'members';
UPDATE polls SET visibility = 'confidential' WHERE EXISTS (
    SELECT 1 FROM channels c
    WHERE c.platform = polls.platform AND c.chat_id = polls.chat_id AND c.confidential = 1);

-- Telegram counts message ids per chat: a sent message is named by (platform, chat, id).
ALTER TABLE outbox ADD COLUMN chat_id TEXT;
UPDATE outbox SET chat_id = json_extract(message, '$.target.chat.id')
    WHERE json_extract(message, '$.target.to') = 'chat';
DROP INDEX outbox_platform_message;
CREATE INDEX outbox_platform_message ON outbox (platform, chat_id, platform_message_id)
    WHERE platform_message_id IS NOT NULL;
DROP INDEX reactions_message;
CREATE INDEX reactions_message ON reactions (platform, chat_id, message_id);

-- Wrong codes typed: counted per code (void after a few) and per account (locked out for a
-- while). Codes are now longer (see domain/codes.rs); old ones stop working.
ALTER TABLE invitations ADD COLUMN failed_attempts BIGINT NOT NULL DEFAULT 0;
ALTER TABLE link_codes ADD COLUMN failed_attempts BIGINT NOT NULL DEFAULT 0;
CREATE TABLE code_failures (
    identity TEXT NOT NULL,
    at       BIGINT NOT NULL
);
CREATE INDEX code_failures_identity ON code_failures (identity, at);

-- Events that failed again and again (and would block their platform's stream): set aside,
-- shown to admins and by `allianz-bot check`. No content, only what and why.
CREATE TABLE dead_letters (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    platform TEXT NOT NULL,
    event_id TEXT NOT NULL,
    kind     TEXT NOT NULL,
    error    TEXT NOT NULL,
    at       BIGINT NOT NULL
);

-- A message sent in parts (a long text split, a text with a file): how many parts went out,
-- so a send that failed half-way resumes with the part that failed.
ALTER TABLE outbox ADD COLUMN parts_sent BIGINT NOT NULL DEFAULT 0;

-- An account's handle on its platform (Telegram's @username), lower case, so organisers can
-- name people as they know them there (`/rolle @anna_k organisator`).
ALTER TABLE member_identities ADD COLUMN handle TEXT;
CREATE INDEX member_identities_handle ON member_identities (handle) WHERE handle IS NOT NULL;
