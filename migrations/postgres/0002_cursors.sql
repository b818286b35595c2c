-- Where an adapter stands in its platform's event stream (e.g. the Matrix sync token),
-- written only after every event before that point is committed to the inbox.
CREATE TABLE cursors (
    name       TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);
