-- The report chain (首报、续报、终报): every report is kept in order, the incident holds the current state, and a
-- commander's decisions (response level, re-opening) are kept with their reasons.
ALTER TABLE incident
    ADD COLUMN people_evacuated      INTEGER     NOT NULL DEFAULT 0 CHECK (people_evacuated >= 0),
    ADD COLUMN houses_collapsed      INTEGER     NOT NULL DEFAULT 0 CHECK (houses_collapsed >= 0),
    ADD COLUMN situation             TEXT,
    ADD COLUMN actions_taken         TEXT,
    ADD COLUMN assessed_grade        TEXT        CHECK (assessed_grade IN ('I', 'II', 'III', 'IV')),
    ADD COLUMN response_level        TEXT        CHECK (response_level IN ('I', 'II', 'III', 'IV')),
    ADD COLUMN report_count          INTEGER     NOT NULL DEFAULT 1 CHECK (report_count >= 1),
    ADD COLUMN last_report_at        TIMESTAMPTZ,
    ADD COLUMN closed_at             TIMESTAMPTZ;

UPDATE incident SET assessed_grade = grade, last_report_at = reported_at, status = 'OPEN';
ALTER TABLE incident
    ALTER COLUMN assessed_grade SET NOT NULL,
    ALTER COLUMN last_report_at SET NOT NULL,
    ADD CONSTRAINT incident_status CHECK (status IN ('OPEN', 'CLOSED', 'MERGED'));

CREATE TABLE incident_report (
    id               UUID           PRIMARY KEY,
    incident_id      UUID           NOT NULL REFERENCES incident (id),
    sequence         INTEGER        NOT NULL CHECK (sequence >= 1),
    kind             TEXT           NOT NULL CHECK (kind IN ('FIRST', 'FOLLOW_UP', 'FINAL')),
    reported_at      TIMESTAMPTZ    NOT NULL,
    reported_by      TEXT           NOT NULL,
    deaths           INTEGER        NOT NULL CHECK (deaths >= 0),
    serious_injuries INTEGER        NOT NULL CHECK (serious_injuries >= 0),
    minor_injuries   INTEGER        NOT NULL CHECK (minor_injuries >= 0),
    missing          INTEGER        NOT NULL CHECK (missing >= 0),
    direct_loss_cny  NUMERIC(16, 2) CHECK (direct_loss_cny >= 0),
    people_evacuated INTEGER        NOT NULL CHECK (people_evacuated >= 0),
    houses_collapsed INTEGER        NOT NULL CHECK (houses_collapsed >= 0),
    situation        TEXT,
    actions_taken    TEXT,
    grade            TEXT           NOT NULL CHECK (grade IN ('I', 'II', 'III', 'IV')),
    UNIQUE (incident_id, sequence)
);

INSERT INTO incident_report (id, incident_id, sequence, kind, reported_at, reported_by, deaths, serious_injuries,
                             minor_injuries, missing, direct_loss_cny, people_evacuated, houses_collapsed, grade)
SELECT gen_random_uuid(), id, 1, 'FIRST', reported_at, reported_by, deaths, serious_injuries, minor_injuries, missing,
       direct_loss_cny, 0, 0, grade
FROM incident;

CREATE TABLE incident_decision (
    id          UUID        PRIMARY KEY,
    incident_id UUID        NOT NULL REFERENCES incident (id),
    kind        TEXT        NOT NULL CHECK (kind IN ('RESPONSE_LEVEL_SET', 'RESPONSE_LEVEL_CLEARED', 'REOPENED', 'MERGED')),
    level       TEXT        CHECK (level IN ('I', 'II', 'III', 'IV')),
    reason      TEXT        NOT NULL,
    decided_by  TEXT        NOT NULL,
    decided_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX incident_decision_incident ON incident_decision (incident_id, decided_at);

-- The list's filters: status and grade within an area prefix, newest first.
CREATE INDEX incident_occurred ON incident (occurred_at DESC);
