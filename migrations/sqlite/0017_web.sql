-- The public web view: where an initiative is on the map (millionths of a degree), whether
-- its contact may be shown to everyone, and which announcements are also the website's news.
ALTER TABLE initiatives ADD COLUMN lat_micro BIGINT;
ALTER TABLE initiatives ADD COLUMN lon_micro BIGINT;
ALTER TABLE initiatives ADD COLUMN contact_public BIGINT NOT NULL DEFAULT 0;
ALTER TABLE announcements ADD COLUMN on_web BIGINT NOT NULL DEFAULT 0;
