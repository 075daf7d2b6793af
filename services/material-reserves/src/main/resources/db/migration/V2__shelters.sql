-- Shelters (避难场所): the register (db/reference/shelters.csv, loaded by R__Reference_shelters), each shelter's state
-- while it is open for an incident, and its history of openings, occupancy reports and closings.

CREATE TABLE shelter (
    id                uuid PRIMARY KEY,
    code              text NOT NULL UNIQUE,
    name              text NOT NULL,
    name_zh           text NOT NULL,
    kind              text NOT NULL CHECK (kind IN ('DISASTER_AVOIDANCE_POINT', 'EARTHQUAKE_SHELTER')),
    area_code         text NOT NULL CHECK (area_code ~ '^[0-9]{12}$'),
    latitude          double precision NOT NULL CHECK (latitude BETWEEN -90 AND 90),
    longitude         double precision NOT NULL CHECK (longitude BETWEEN -180 AND 180),
    capacity          integer NOT NULL CHECK (capacity > 0),
    occupancy         integer NOT NULL DEFAULT 0,
    status            text NOT NULL DEFAULT 'CLOSED' CHECK (status IN ('OPEN', 'CLOSED')),
    incident_id       uuid REFERENCES incident (id),
    opened_at         timestamptz,
    opened_by         text,
    -- Counts every change (from the register, opening, each occupancy report, closing); carried by every event, so
    -- consumers can order a shelter's events although they travel under its own key and under incidents' keys.
    version           bigint NOT NULL DEFAULT 1,
    -- The register's last change to the row, and the last one announced as shelter.listed: a row with
    -- announced_version < listed_version is still to be announced.
    listed_version    bigint NOT NULL DEFAULT 1,
    announced_version bigint NOT NULL DEFAULT 0,
    illustrative      boolean NOT NULL DEFAULT false,
    updated_at        timestamptz NOT NULL DEFAULT now(),
    -- Whatever path the code takes, never more people than places and never fewer than none.
    CHECK (occupancy >= 0 AND occupancy <= capacity),
    CHECK ((status = 'OPEN') = (incident_id IS NOT NULL)),
    CHECK (status = 'OPEN' OR occupancy = 0)
);

CREATE INDEX shelter_area ON shelter (area_code);
CREATE INDEX shelter_incident ON shelter (incident_id) WHERE incident_id IS NOT NULL;
CREATE INDEX shelter_unannounced ON shelter (code) WHERE announced_version < listed_version;

CREATE TABLE shelter_occupancy_change (
    id          bigserial PRIMARY KEY,
    shelter_id  uuid NOT NULL REFERENCES shelter (id),
    version     bigint NOT NULL,
    -- OPENED, REPORTED (people arrived or left) or CLOSED.
    kind        text NOT NULL CHECK (kind IN ('OPENED', 'REPORTED', 'CLOSED')),
    incident_id uuid NOT NULL,
    arrived     integer NOT NULL DEFAULT 0 CHECK (arrived >= 0),
    departed    integer NOT NULL DEFAULT 0 CHECK (departed >= 0),
    occupancy   integer NOT NULL CHECK (occupancy >= 0),
    note        text,
    changed_by  text NOT NULL,
    changed_at  timestamptz NOT NULL
);

CREATE INDEX shelter_occupancy_change_shelter ON shelter_occupancy_change (shelter_id, id);
