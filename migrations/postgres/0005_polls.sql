-- Quick polls in a chat. The message showing the counts lives where the poll was asked.
CREATE TABLE polls (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    platform     TEXT NOT NULL,
    chat_id      TEXT NOT NULL,
    chat_private BIGINT NOT NULL,
    chat_title   TEXT,
    lang         TEXT NOT NULL,
    question     TEXT NOT NULL,
    options      TEXT NOT NULL,
    created_by   BIGINT REFERENCES members (id),
    created_at   BIGINT NOT NULL,
    closed_at    BIGINT
);

-- One choice per person (member, never platform account); changing it replaces the row, and
-- every change is also an audit row, so the counts can be recounted from the log.
CREATE TABLE poll_choices (
    poll_id   BIGINT NOT NULL REFERENCES polls (id),
    member_id BIGINT NOT NULL REFERENCES members (id),
    choice    BIGINT NOT NULL,
    at        BIGINT NOT NULL,
    PRIMARY KEY (poll_id, member_id)
);
