-- Spendenparlament: rounds with a pot, grant applications, one vote per person.

-- A round. `settings` is the procedure (ballot form, quorum, threshold, …) as JSON, fixed
-- for the round and printed on every result.
CREATE TABLE budget_rounds (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    title        TEXT NOT NULL,
    base_cents   BIGINT NOT NULL,
    deadline     TEXT NOT NULL,
    meeting_id   BIGINT REFERENCES events (id),
    state        TEXT NOT NULL,
    settings     TEXT NOT NULL,
    visibility   TEXT NOT NULL,
    lang         TEXT NOT NULL,
    created_by   BIGINT REFERENCES members (id),
    created_at   BIGINT NOT NULL,
    counted_at   BIGINT
);

-- Money added to the pot. Donors are named in results only if `public`.
CREATE TABLE budget_contributions (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    round_id    BIGINT NOT NULL REFERENCES budget_rounds (id),
    cents       BIGINT NOT NULL,
    donor       TEXT NOT NULL,
    public      BIGINT NOT NULL,
    entered_by  BIGINT REFERENCES members (id),
    at          BIGINT NOT NULL
);

CREATE INDEX budget_contributions_round ON budget_contributions (round_id);

-- Applications, numbered A1, A2, … across rounds.
CREATE TABLE grant_applications (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    round_id       BIGINT NOT NULL REFERENCES budget_rounds (id),
    title          TEXT NOT NULL,
    amount_cents   BIGINT NOT NULL,
    reduced_cents  BIGINT,
    initiative_id  BIGINT NOT NULL REFERENCES initiatives (id),
    purpose        TEXT NOT NULL,
    applicant_id   BIGINT REFERENCES members (id),
    state          TEXT NOT NULL,
    reason         TEXT,
    position       BIGINT NOT NULL,
    ballot         TEXT NOT NULL,
    submitted_at   BIGINT NOT NULL
);

CREATE INDEX grant_applications_round ON grant_applications (round_id, position);

-- A voter's pseudonym in a round. The vote log names voters only by token, so forgetting a
-- person (member_id set to NULL) keeps their votes counted, anonymous, and the log's hash
-- chain intact.
CREATE TABLE budget_voters (
    round_id   BIGINT NOT NULL REFERENCES budget_rounds (id),
    token      TEXT NOT NULL,
    member_id  BIGINT REFERENCES members (id),
    PRIMARY KEY (round_id, token)
);

CREATE UNIQUE INDEX budget_voters_member ON budget_voters (round_id, member_id);

-- Each voter's current choice per application: the latest counts.
CREATE TABLE budget_votes (
    application_id  BIGINT NOT NULL REFERENCES grant_applications (id),
    token           TEXT NOT NULL,
    choice          TEXT NOT NULL,
    at              BIGINT NOT NULL,
    PRIMARY KEY (application_id, token)
);

-- Every vote change, appended and never changed: `hash` covers the row and the hash of the
-- round's previous row, so a recount can tell whether the log was altered. `choice` NULL:
-- the vote was withdrawn.
CREATE TABLE budget_vote_log (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    round_id        BIGINT NOT NULL REFERENCES budget_rounds (id),
    application_id  BIGINT NOT NULL REFERENCES grant_applications (id),
    token           TEXT NOT NULL,
    choice          TEXT,
    at              BIGINT NOT NULL,
    prev_hash       TEXT NOT NULL,
    hash            TEXT NOT NULL
);

CREATE INDEX budget_vote_log_round ON budget_vote_log (round_id, id);

-- The stored result of a count, one row per application.
CREATE TABLE budget_results (
    round_id        BIGINT NOT NULL REFERENCES budget_rounds (id),
    application_id  BIGINT NOT NULL REFERENCES grant_applications (id),
    yes             BIGINT NOT NULL,
    no              BIGINT NOT NULL,
    abstain         BIGINT NOT NULL,
    points          BIGINT NOT NULL,
    voters          BIGINT NOT NULL,
    granted_cents   BIGINT NOT NULL,
    outcome         TEXT NOT NULL,
    rank            BIGINT,
    tie             BIGINT NOT NULL,
    PRIMARY KEY (round_id, application_id)
);

-- People told once per round why their reactions on ballots do not count (`person` as in
-- `reactions`: `m:<member id>` or a platform account).
CREATE TABLE budget_hints (
    round_id  BIGINT NOT NULL REFERENCES budget_rounds (id),
    person    TEXT NOT NULL,
    kind      TEXT NOT NULL,
    PRIMARY KEY (round_id, person, kind)
);

-- The live key without its target, so every chat's copy of a live message (a ballot card in
-- each channel) is found by an index lookup instead of a scan of the outbox.
ALTER TABLE outbox ADD COLUMN live_base TEXT;

CREATE INDEX outbox_live_base ON outbox (live_base) WHERE live_base IS NOT NULL;
