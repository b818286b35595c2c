-- A channel may belong to a region: announcements for that region go there.
ALTER TABLE channels ADD COLUMN region TEXT;

-- What organisers announce to the channels: who, what, to which channels (scope), when, and
-- where the delivery report goes.
CREATE TABLE announcements (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    author      BIGINT REFERENCES members (id),
    -- 'all', 'region' or 'confidential'.
    scope       TEXT NOT NULL,
    region      TEXT,
    -- The text as the organiser wrote it (line breaks kept).
    body        TEXT NOT NULL,
    -- The chat the organiser asked in (JSON of the message target): the report is kept up
    -- to date there.
    report_to   TEXT NOT NULL,
    lang        TEXT NOT NULL,
    -- The report's last text, so an unchanged report is not sent again.
    report      TEXT,
    created_at  BIGINT NOT NULL,
    -- When it is to go out (NULL: at once), when it went, or when it was called off.
    due_at      BIGINT,
    sent_at     BIGINT,
    cancelled_at BIGINT
);

-- The outbox messages of an announcement, for its delivery report.
ALTER TABLE outbox ADD COLUMN announcement BIGINT;
CREATE INDEX outbox_announcement ON outbox (announcement) WHERE announcement IS NOT NULL;
