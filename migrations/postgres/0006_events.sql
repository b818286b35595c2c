-- Events: one-off or a series (RRULE in `rrule`, its last day in `until_date`), always in an
-- IANA time zone. `first_local` is the local start of the first occurrence; occurrences are
-- named by their local date.
CREATE TABLE events (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    title          TEXT NOT NULL,
    place          TEXT,
    description    TEXT,
    topic          TEXT,
    speakers       TEXT,
    region         TEXT,
    online_link    TEXT,
    -- 1: the online link goes only to registered people.
    link_private   BIGINT NOT NULL DEFAULT 0,
    capacity       BIGINT,
    -- 1: in the public calendar feed (0 for events of confidential channels, or on request).
    public         BIGINT NOT NULL DEFAULT 1,
    -- Minutes before each occurrence, as JSON; NULL: the alliance's default.
    reminders      TEXT,
    tz             TEXT NOT NULL,
    first_local    TEXT NOT NULL,
    duration_min   BIGINT,
    rrule          TEXT,
    until_date     TEXT,
    -- Last possible start (UTC µs); NULL for endless series.
    last_start     BIGINT,
    platform       TEXT NOT NULL,
    chat_id        TEXT NOT NULL,
    chat_private   BIGINT NOT NULL,
    chat_title     TEXT,
    lang           TEXT NOT NULL,
    created_by     BIGINT REFERENCES members (id),
    created_at     BIGINT NOT NULL,
    -- Reminders due before this moment are never sent (set on creation and on a move).
    reminders_from BIGINT NOT NULL,
    cancelled_at   BIGINT
);

-- An organiser's change to one occurrence: cancelled, or moved to another time.
CREATE TABLE event_exceptions (
    event_id   BIGINT NOT NULL REFERENCES events (id),
    occurrence TEXT NOT NULL,
    cancelled  BIGINT NOT NULL,
    new_start  BIGINT,
    new_end    BIGINT,
    PRIMARY KEY (event_id, occurrence)
);

-- Group chats where an event is announced and reminded.
CREATE TABLE event_channels (
    event_id   BIGINT NOT NULL REFERENCES events (id),
    platform   TEXT NOT NULL,
    chat_id    TEXT NOT NULL,
    chat_title TEXT,
    PRIMARY KEY (event_id, platform, chat_id)
);

-- One answer per person (member, never platform account) and occurrence. `contact` is the
-- account the person last answered from: private reminders go there.
CREATE TABLE rsvps (
    event_id   BIGINT NOT NULL REFERENCES events (id),
    occurrence TEXT NOT NULL,
    member_id  BIGINT NOT NULL REFERENCES members (id),
    status     TEXT NOT NULL,
    contact    TEXT NOT NULL,
    at         BIGINT NOT NULL,
    PRIMARY KEY (event_id, occurrence, member_id)
);

-- Reminders planned ahead, each sent (or skipped) once: the unique key is the guarantee,
-- the state change from 'pending' is the claim, and both commit with the messages.
CREATE TABLE reminders (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id   BIGINT NOT NULL REFERENCES events (id),
    occurrence TEXT NOT NULL,
    offset_min BIGINT NOT NULL,
    due_at     BIGINT NOT NULL,
    state      TEXT NOT NULL,
    done_at    BIGINT,
    UNIQUE (event_id, occurrence, offset_min)
);
CREATE INDEX reminders_due ON reminders (due_at) WHERE state = 'pending';

-- Events of partner calendars (ICS feeds in the configuration), deduplicated by UID; a
-- fetch replaces what the source had.
CREATE TABLE partner_events (
    uid        TEXT PRIMARY KEY,
    source     TEXT NOT NULL,
    title      TEXT NOT NULL,
    start_at   BIGINT NOT NULL,
    end_at     BIGINT,
    location   TEXT,
    url        TEXT,
    cancelled  BIGINT NOT NULL,
    fetched_at BIGINT NOT NULL
);
CREATE INDEX partner_events_start ON partner_events (start_at);
