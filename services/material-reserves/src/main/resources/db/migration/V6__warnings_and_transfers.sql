-- What this service knows of the warnings and their transfers, from warning-events: enough to open a shelter for a
-- warning or a transfer (转移) before any incident exists, and to refuse one that has ended.
CREATE TABLE warning (
    id          uuid PRIMARY KEY,
    incident_id uuid,
    status      text        NOT NULL,
    area_codes  text        NOT NULL,
    updated_at  timestamptz NOT NULL
);

CREATE TABLE transfer (
    id          uuid PRIMARY KEY,
    warning_id  uuid        NOT NULL,
    incident_id uuid,
    status      text        NOT NULL,
    area_codes  text        NOT NULL,
    updated_at  timestamptz NOT NULL
);
CREATE INDEX transfer_warning ON transfer (warning_id);

-- A shelter is open for an incident, a warning or a transfer (a transfer's shelter names its warning too).
ALTER TABLE shelter ADD COLUMN warning_id uuid, ADD COLUMN transfer_id uuid;
-- An open shelter is open for something: an incident, a warning, or a transfer (and then its warning); a closed one
-- for nothing. This replaces the check that an open shelter has an incident.
DO $$
DECLARE
    old text;
BEGIN
    SELECT conname INTO old FROM pg_constraint
    WHERE conrelid = 'shelter'::regclass AND contype = 'c'
      AND pg_get_constraintdef(oid) LIKE '%status = ''OPEN''%incident_id IS NOT NULL%';
    EXECUTE format('ALTER TABLE shelter DROP CONSTRAINT %I', old);
END $$;
ALTER TABLE shelter ADD CONSTRAINT shelter_open_for_something CHECK (
    (status = 'OPEN') = (incident_id IS NOT NULL OR warning_id IS NOT NULL OR transfer_id IS NOT NULL)
    AND (transfer_id IS NULL OR warning_id IS NOT NULL));
-- A shelter's history names the incident it was open for, when there was one.
ALTER TABLE shelter_occupancy_change ALTER COLUMN incident_id DROP NOT NULL;
