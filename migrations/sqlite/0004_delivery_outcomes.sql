-- A channel the bot can no longer post to (removed from the group, group deleted): kept, so
-- organisers see it in /kanaele and can bring the bot back, but skipped when sending.
ALTER TABLE channels ADD COLUMN unreachable_since BIGINT;

-- Messages the platform refused for good (the chat is gone, the text is invalid) are given
-- up instead of being retried forever; `last_error` says why.
ALTER TABLE outbox ADD COLUMN gave_up_at BIGINT;
-- A message kept up to date in place (a poll's counts): later messages with the same key
-- edit the one already sent instead of posting again.
ALTER TABLE outbox ADD COLUMN live_key TEXT;
DROP INDEX outbox_pending;
CREATE INDEX outbox_pending ON outbox (platform, next_attempt_at)
    WHERE sent_at IS NULL AND gave_up_at IS NULL;
CREATE INDEX outbox_live ON outbox (platform, live_key) WHERE live_key IS NOT NULL;
-- Reactions name the platform's message: this finds the live message they belong to.
CREATE INDEX outbox_platform_message ON outbox (platform, platform_message_id)
    WHERE platform_message_id IS NOT NULL;
