-- What belongs to one date of an event beyond its time: the date's own topic (a series'
-- meetups each have one), slots for initiatives to present themselves, and afterwards its
-- documentation (a recording, slides or minutes, and a short summary).
CREATE TABLE event_dates (
    event_id      BIGINT NOT NULL REFERENCES events (id),
    occurrence    TEXT NOT NULL,
    topic         TEXT,
    slots         BIGINT NOT NULL DEFAULT 0,
    doc_link      TEXT,
    doc_summary   TEXT,
    documented_at BIGINT,
    documented_by BIGINT REFERENCES members (id),
    PRIMARY KEY (event_id, occurrence)
);

-- Contributions to the programme: an impulse (a short talk a member offers, on a topic or
-- for an event) or an initiative presenting itself. `occurrence` is set once it is on a
-- date; `contact` is where its speaker is reminded.
CREATE TABLE agenda_items (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    kind          TEXT NOT NULL,
    member_id     BIGINT NOT NULL REFERENCES members (id),
    contact       TEXT NOT NULL,
    title         TEXT NOT NULL,
    topic_id      BIGINT REFERENCES topics (id),
    event_id      BIGINT REFERENCES events (id),
    occurrence    TEXT,
    initiative_id BIGINT REFERENCES initiatives (id),
    offered_at    BIGINT NOT NULL,
    placed_at     BIGINT,
    withdrawn_at  BIGINT
);
CREATE INDEX agenda_items_by_date ON agenda_items (event_id, occurrence);
