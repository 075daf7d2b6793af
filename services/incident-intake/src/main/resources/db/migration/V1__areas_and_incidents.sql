-- Administrative areas: 市/区 (county level) → 镇/街道 (township level) → 村/社区 (village level).
-- Rows come from db/reference/areas.csv (see R__Reference_areas) so the bureau can swap in the official list.
CREATE TABLE area (
    code        VARCHAR(12) PRIMARY KEY CHECK (code ~ '^[0-9]{12}$'), -- national administrative code
    name        TEXT        NOT NULL,
    name_zh     TEXT        NOT NULL,
    level       TEXT        NOT NULL CHECK (level IN ('PREFECTURE', 'COUNTY', 'TOWNSHIP', 'VILLAGE')),
    parent_code VARCHAR(12)    REFERENCES area (code),
    population  INTEGER     NOT NULL CHECK (population >= 0)
);

CREATE TABLE incident (
    id                UUID           PRIMARY KEY,
    type              TEXT           NOT NULL,
    title             TEXT           NOT NULL,
    latitude          DOUBLE PRECISION NOT NULL CHECK (latitude BETWEEN -90 AND 90),
    longitude         DOUBLE PRECISION NOT NULL CHECK (longitude BETWEEN -180 AND 180),
    area_code         VARCHAR(12)    NOT NULL REFERENCES area (code),
    occurred_at       TIMESTAMPTZ    NOT NULL,
    reported_at       TIMESTAMPTZ    NOT NULL,
    reported_by       TEXT           NOT NULL,
    deaths            INTEGER        NOT NULL CHECK (deaths >= 0),
    serious_injuries  INTEGER        NOT NULL CHECK (serious_injuries >= 0),
    minor_injuries    INTEGER        NOT NULL CHECK (minor_injuries >= 0),
    missing           INTEGER        NOT NULL CHECK (missing >= 0),
    direct_loss_cny   NUMERIC(16, 2) CHECK (direct_loss_cny >= 0),
    grade             TEXT           NOT NULL CHECK (grade IN ('I', 'II', 'III', 'IV')),
    status            TEXT           NOT NULL
);
CREATE INDEX incident_area ON incident (area_code, reported_at DESC);
