-- Foundation: exactly-once intake, members and identities, initiatives, audit, outbox.
-- Instants are UTC microseconds since the epoch (BIGINT) so both dialects compare them alike.

CREATE TABLE inbox (
    platform    TEXT NOT NULL,
    event_id    TEXT NOT NULL,
    received_at BIGINT NOT NULL,
    PRIMARY KEY (platform, event_id)
);

CREATE TABLE members (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    display_name TEXT NOT NULL,
    role         TEXT NOT NULL,
    status       TEXT NOT NULL,
    lang         TEXT NOT NULL,
    invited_by   BIGINT REFERENCES members (id),
    joined_at    BIGINT NOT NULL,
    consent_at   BIGINT
);

CREATE TABLE member_identities (
    identity  TEXT PRIMARY KEY,
    member_id BIGINT NOT NULL REFERENCES members (id),
    linked_at BIGINT NOT NULL
);
CREATE INDEX member_identities_member ON member_identities (member_id);

CREATE TABLE invitations (
    code       TEXT PRIMARY KEY,
    created_by BIGINT NOT NULL REFERENCES members (id),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_by    BIGINT REFERENCES members (id),
    used_at    BIGINT
);
CREATE INDEX invitations_created_by ON invitations (created_by);

CREATE TABLE link_codes (
    code       TEXT PRIMARY KEY,
    member_id  BIGINT NOT NULL REFERENCES members (id),
    expires_at BIGINT NOT NULL
);

CREATE TABLE initiatives (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    owner_id    BIGINT REFERENCES members (id),
    name        TEXT NOT NULL,
    name_key    TEXT NOT NULL,
    region      TEXT NOT NULL,
    description TEXT NOT NULL,
    contact     TEXT NOT NULL,
    website     TEXT,
    topics      TEXT NOT NULL,
    search_key  TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    archived_at BIGINT
);
CREATE UNIQUE INDEX initiatives_active_name ON initiatives (name_key) WHERE archived_at IS NULL;
CREATE INDEX initiatives_owner ON initiatives (owner_id);

CREATE TABLE conversations (
    identity   TEXT NOT NULL,
    chat_key   TEXT NOT NULL,
    state      TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (identity, chat_key)
);

CREATE TABLE audit_log (
    id       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at       BIGINT NOT NULL,
    actor_id BIGINT,
    action   TEXT NOT NULL,
    subject  TEXT,
    details  TEXT NOT NULL
);
CREATE INDEX audit_log_actor ON audit_log (actor_id);

CREATE TABLE outbox (
    id                  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    platform            TEXT NOT NULL,
    message             TEXT NOT NULL,
    created_at          BIGINT NOT NULL,
    next_attempt_at     BIGINT NOT NULL,
    attempts            BIGINT NOT NULL DEFAULT 0,
    last_error          TEXT,
    sent_at             BIGINT,
    platform_message_id TEXT
);
CREATE INDEX outbox_pending ON outbox (platform, next_attempt_at) WHERE sent_at IS NULL;
