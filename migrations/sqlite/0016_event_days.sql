-- Events over whole days (`25.–26.01.2027`); the day registration opens for events announced
-- before (`Anmeldung ab 01.12.`); members' events held back until an organiser releases
-- them (or hidden by one).
ALTER TABLE events ADD COLUMN all_day BIGINT NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN registration_from TEXT;
ALTER TABLE events ADD COLUMN held BIGINT NOT NULL DEFAULT 0;
