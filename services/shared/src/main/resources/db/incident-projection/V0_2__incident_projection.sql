-- What a consuming service knows of each incident, projected from incident-events.
-- Services that consume incidents list db/incident-projection in quarkus.flyway.locations.
CREATE TABLE incident (
    id          UUID             PRIMARY KEY,
    type        TEXT             NOT NULL,
    title       TEXT             NOT NULL,
    grade       TEXT             NOT NULL CHECK (grade IN ('I', 'II', 'III', 'IV')),
    area_code   VARCHAR(12)      NOT NULL,
    latitude    DOUBLE PRECISION NOT NULL,
    longitude   DOUBLE PRECISION NOT NULL,
    occurred_at TIMESTAMPTZ      NOT NULL,
    reported_at TIMESTAMPTZ      NOT NULL,
    deaths      INTEGER          NOT NULL,
    serious_injuries INTEGER     NOT NULL,
    minor_injuries   INTEGER     NOT NULL,
    missing     INTEGER          NOT NULL,
    updated_at  TIMESTAMPTZ      NOT NULL
);
CREATE INDEX incident_reported ON incident (reported_at DESC);
