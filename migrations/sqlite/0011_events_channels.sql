-- Channels that receive the card of every new public event (`/kanal termine an`).
ALTER TABLE channels ADD COLUMN events BIGINT NOT NULL DEFAULT 0;
