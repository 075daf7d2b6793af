-- Where warnings go (the area tree and its loudspeaker terminals, reference data loaded by R__Reference_areas and
-- R__Reference_terminals), the warnings themselves, the signed CAP messages issued for them, and the terminals'
-- playback acknowledgements.

CREATE TABLE area (
    code        text PRIMARY KEY CHECK (code ~ '^[0-9]{12}$'),
    name        text NOT NULL,
    name_zh     text NOT NULL,
    level       text NOT NULL CHECK (level IN ('PREFECTURE', 'COUNTY', 'TOWNSHIP', 'VILLAGE')),
    parent_code text REFERENCES area (code),
    population  integer NOT NULL CHECK (population >= 0)
);

-- A loudspeaker terminal (应急广播终端) and the people within its earshot.
CREATE TABLE terminal (
    code              text PRIMARY KEY,
    area_code         text NOT NULL REFERENCES area (code),
    name              text NOT NULL,
    population_served integer NOT NULL CHECK (population_served >= 0),
    latitude          double precision NOT NULL,
    longitude         double precision NOT NULL,
    illustrative      boolean NOT NULL
);

CREATE INDEX terminal_area ON terminal (area_code);

CREATE TABLE warning (
    id            uuid PRIMARY KEY,
    hazard        text NOT NULL,
    level         text NOT NULL,
    mode          text NOT NULL,
    headline      text NOT NULL,
    description   text,
    instruction   text NOT NULL,
    effective_at  timestamptz NOT NULL,
    expires_at    timestamptz NOT NULL CHECK (expires_at > effective_at),
    incident_id   uuid REFERENCES incident (id),
    -- The target areas as given, comma-separated (any level: a town means its villages).
    area_codes    text NOT NULL,
    -- DRAFT until approved; ACTIVE once issued; then CANCELLED or EXPIRED.
    status        text NOT NULL,
    drafted_by    text NOT NULL,
    drafted_at    timestamptz NOT NULL,
    approved_by   text,
    approved_at   timestamptz,
    ended_by      text,
    ended_at      timestamptz,
    end_reason    text,
    updated_at    timestamptz NOT NULL,
    -- Counts the CAP messages issued for the warning (Alert, each Update, Cancel).
    cap_count     integer NOT NULL DEFAULT 0,
    CHECK (status = 'DRAFT' OR status = 'CANCELLED' OR approved_at IS NOT NULL)
);

CREATE INDEX warning_active_expiry ON warning (expires_at) WHERE status = 'ACTIVE';
CREATE INDEX warning_incident ON warning (incident_id) WHERE incident_id IS NOT NULL;

-- Every CAP message, exactly as signed and published: one per identifier, whatever retries happen.
CREATE TABLE cap_message (
    identifier text PRIMARY KEY,
    warning_id uuid NOT NULL REFERENCES warning (id),
    sequence   integer NOT NULL,
    msg_type   text NOT NULL,
    sent_at    timestamptz NOT NULL,
    xml        text NOT NULL,
    UNIQUE (warning_id, sequence)
);

-- What the broadcast platform reported per terminal and warning; a repeated report changes nothing, and a terminal
-- that failed and then played counts as played.
CREATE TABLE broadcast_ack (
    warning_id    uuid NOT NULL REFERENCES warning (id),
    terminal_code text NOT NULL REFERENCES terminal (code),
    outcome       text NOT NULL CHECK (outcome IN ('PLAYED', 'FAILED')),
    reported_at   timestamptz NOT NULL,
    received_at   timestamptz NOT NULL,
    PRIMARY KEY (warning_id, terminal_code)
);
