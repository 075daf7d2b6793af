-- Possible duplicates: a first report close in place and time to an open incident of the same type is linked to it
-- (never dropped); a commander may then merge one incident into another.
CREATE TABLE possible_duplicate (
    incident_id  UUID             NOT NULL REFERENCES incident (id),
    candidate_id UUID             NOT NULL REFERENCES incident (id),
    distance_m   DOUBLE PRECISION NOT NULL CHECK (distance_m >= 0),
    found_at     TIMESTAMPTZ      NOT NULL,
    PRIMARY KEY (incident_id, candidate_id)
);

ALTER TABLE incident ADD COLUMN merged_into UUID REFERENCES incident (id);
ALTER TABLE incident_report ADD COLUMN merged_from UUID REFERENCES incident (id);

-- Duplicate detection looks for open incidents of a type that occurred around the same time.
CREATE INDEX incident_open_type_occurred ON incident (type, occurred_at) WHERE status = 'OPEN';
