-- Chats connected as alliance channels; confidential ones receive confidential items.
CREATE TABLE channels (
    platform     TEXT NOT NULL,
    chat_id      TEXT NOT NULL,
    title        TEXT NOT NULL,
    confidential BIGINT NOT NULL,
    connected_by BIGINT REFERENCES members (id),
    connected_at BIGINT NOT NULL,
    PRIMARY KEY (platform, chat_id)
);

-- Reactions on the bot's messages (RSVP and votes build on them). One row per platform
-- reaction; a person counts once per message and key however often they react.
CREATE TABLE reactions (
    platform    TEXT NOT NULL,
    reaction_id TEXT NOT NULL,
    chat_id     TEXT NOT NULL,
    message_id  TEXT NOT NULL,
    reaction    TEXT NOT NULL,
    person      TEXT NOT NULL,
    at          BIGINT NOT NULL,
    PRIMARY KEY (platform, reaction_id)
);
CREATE INDEX reactions_message ON reactions (platform, message_id);
