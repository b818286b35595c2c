-- Topics members suggest for the meetups, prioritised by a dot vote.
CREATE TABLE topics (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    title       TEXT NOT NULL,
    proposed_by BIGINT REFERENCES members (id),
    created_at  BIGINT NOT NULL
);

-- A member's points on a topic (each has a few to spread, see `topics.points`).
CREATE TABLE topic_points (
    topic_id  BIGINT NOT NULL REFERENCES topics (id),
    member_id BIGINT NOT NULL REFERENCES members (id),
    points    BIGINT NOT NULL,
    at        BIGINT NOT NULL,
    PRIMARY KEY (topic_id, member_id)
);
