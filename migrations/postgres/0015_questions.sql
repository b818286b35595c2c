-- A moderated question round (a live chat with the mayor, office hours): opened in a chat,
-- optionally for a date of an event; its digest is kept when it ends.
CREATE TABLE question_rounds (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    title        TEXT NOT NULL,
    platform     TEXT NOT NULL,
    chat_id      TEXT NOT NULL,
    chat_private BIGINT NOT NULL DEFAULT 0,
    confidential BIGINT NOT NULL DEFAULT 0,
    lang         TEXT NOT NULL,
    event_id     BIGINT REFERENCES events (id),
    occurrence   TEXT,
    opened_by    BIGINT REFERENCES members (id),
    opened_at    BIGINT NOT NULL,
    closed_at    BIGINT,
    digest       TEXT
);

-- Questions asked in a round. `anonymous`: only moderators see who asked. `state` is
-- open, answered or declined; `reply` is the answer or the reason for declining.
CREATE TABLE questions (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    round_id   BIGINT NOT NULL REFERENCES question_rounds (id),
    member_id  BIGINT NOT NULL REFERENCES members (id),
    contact    TEXT NOT NULL,
    body       TEXT NOT NULL,
    anonymous  BIGINT NOT NULL DEFAULT 0,
    asked_at   BIGINT NOT NULL,
    state      TEXT NOT NULL DEFAULT 'open',
    reply      TEXT,
    decided_at BIGINT
);

-- One upvote per person and question (counted once across messengers).
CREATE TABLE question_votes (
    question_id BIGINT NOT NULL REFERENCES questions (id),
    member_id   BIGINT NOT NULL REFERENCES members (id),
    at          BIGINT NOT NULL,
    PRIMARY KEY (question_id, member_id)
);
