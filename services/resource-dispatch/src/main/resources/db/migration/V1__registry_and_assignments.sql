-- The rescue-unit registry (stations, units, run cards: reference CSVs under db/reference, loaded by
-- R__Reference_registry), every unit's status timeline, and the assignments of units to incidents.

CREATE TABLE station (
    code         text PRIMARY KEY,
    name         text NOT NULL,
    name_zh      text NOT NULL,
    kind         text NOT NULL,
    area_code    text NOT NULL,
    latitude     double precision NOT NULL,
    longitude    double precision NOT NULL,
    illustrative boolean NOT NULL
);

CREATE TABLE unit (
    id            uuid PRIMARY KEY,
    call_sign     text NOT NULL UNIQUE,
    type          text NOT NULL,
    -- Canonical comma-separated list of capabilities, so that a capability filter is one LIKE on ',' || x || ','.
    capabilities  text NOT NULL,
    station_code  text REFERENCES station (code),
    area_code     text NOT NULL,
    crew          integer NOT NULL CHECK (crew >= 0),
    latitude      double precision NOT NULL CHECK (latitude BETWEEN -90 AND 90),
    longitude     double precision NOT NULL CHECK (longitude BETWEEN -180 AND 180),
    position_at   timestamptz,
    status        text NOT NULL DEFAULT 'AVAILABLE',
    status_since  timestamptz NOT NULL DEFAULT now(),
    -- The incident the unit is busy with, from assignment until it is AVAILABLE (or out of service) again.
    incident_id   uuid,
    -- Counts every change of status, so consumers can order a unit's events even when they travel under different
    -- incident keys (released from one incident, assigned to the next).
    version       bigint NOT NULL DEFAULT 0,
    illustrative  boolean NOT NULL DEFAULT false,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CHECK ((status IN ('DISPATCHED', 'EN_ROUTE', 'ON_SCENE')) = (incident_id IS NOT NULL) OR status = 'RETURNING')
);

CREATE INDEX unit_status_type ON unit (status, type);
CREATE INDEX unit_area ON unit (area_code);

CREATE TABLE unit_status_change (
    id              bigserial PRIMARY KEY,
    unit_id         uuid NOT NULL REFERENCES unit (id),
    unit_version    bigint NOT NULL,
    previous_status text,
    status          text NOT NULL,
    incident_id     uuid,
    reason          text,
    changed_by      text NOT NULL,
    changed_at      timestamptz NOT NULL
);

CREATE INDEX unit_status_change_unit ON unit_status_change (unit_id, id);
CREATE INDEX unit_status_change_incident ON unit_status_change (incident_id, id) WHERE incident_id IS NOT NULL;

CREATE TABLE assignment (
    id                   uuid PRIMARY KEY,
    incident_id          uuid NOT NULL REFERENCES incident (id),
    unit_id              uuid NOT NULL REFERENCES unit (id),
    assigned_by          text NOT NULL,
    assigned_at          timestamptz NOT NULL,
    released_at          timestamptz,
    released_by          text,
    release_reason       text,
    -- Set when the incident closed while the unit was still assigned: the dispatcher should release it.
    release_requested_at timestamptz
);

-- The last line of defence against double booking: whatever path the code takes, a unit holds one open assignment.
CREATE UNIQUE INDEX assignment_open_per_unit ON assignment (unit_id) WHERE released_at IS NULL;
CREATE INDEX assignment_incident ON assignment (incident_id, assigned_at);

-- Run cards (响应预案): what each incident type asks for at each grade.
CREATE TABLE response_plan (
    incident_type text NOT NULL,
    grade         text NOT NULL,
    capability    text NOT NULL,
    min_units     integer NOT NULL CHECK (min_units > 0),
    PRIMARY KEY (incident_type, grade, capability)
);

-- Every instance keeps an in-memory index of available units for recommendations; a change made by any instance
-- reaches the others at its commit. Unit changes are rare next to reports, so the notification's commit-time lock
-- costs nothing that matters here.
CREATE FUNCTION unit_changed_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('unit_changed', CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END::text);
    RETURN NULL;
END
$$;

CREATE TRIGGER unit_changed AFTER INSERT OR UPDATE OR DELETE ON unit
    FOR EACH ROW EXECUTE FUNCTION unit_changed_notify();
