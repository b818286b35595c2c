-- Vacant places ("Leerstand") members share: listed until expires_at (the owner is reminded
-- before and may extend), or until someone took the place.
CREATE TABLE vacancies (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    owner_id       BIGINT REFERENCES members (id),
    title          TEXT NOT NULL,
    place          TEXT NOT NULL,
    kind           TEXT NOT NULL,
    description    TEXT NOT NULL,
    contact        TEXT NOT NULL,
    contact_public BIGINT NOT NULL DEFAULT 0,
    search_key     TEXT NOT NULL,
    lat_micro      BIGINT,
    lon_micro      BIGINT,
    created_at     BIGINT NOT NULL,
    expires_at     BIGINT NOT NULL,
    reminded_at    BIGINT,
    taken_at       BIGINT
);
CREATE INDEX vacancies_open ON vacancies (expires_at) WHERE taken_at IS NULL;
CREATE INDEX vacancies_owner ON vacancies (owner_id);
