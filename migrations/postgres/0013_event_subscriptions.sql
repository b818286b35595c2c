-- People who follow an event (a series): reminded of every date privately, at the account
-- they subscribed from, until the series ends or they unsubscribe.
CREATE TABLE event_subscriptions (
    event_id  BIGINT NOT NULL REFERENCES events (id),
    member_id BIGINT NOT NULL REFERENCES members (id),
    contact   TEXT NOT NULL,
    at        BIGINT NOT NULL,
    PRIMARY KEY (event_id, member_id)
);
