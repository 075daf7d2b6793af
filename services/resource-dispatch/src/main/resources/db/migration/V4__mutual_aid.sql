-- Regional mutual aid: one bureau asks another for units for its incident; only an accepted request lets the lender's
-- units be assigned to it (Dispatching), up to the counts asked for per unit type.
CREATE TABLE mutual_aid_request (
    id                      uuid PRIMARY KEY,
    incident_id             uuid        NOT NULL,
    requesting_jurisdiction varchar(6)  NOT NULL,
    lending_jurisdiction    varchar(6)  NOT NULL CHECK (lending_jurisdiction <> requesting_jurisdiction),
    -- "TYPE:count" pairs, comma-separated, e.g. FIRE_ENGINE:2,AMBULANCE:1
    units                   text        NOT NULL,
    reason                  text        NOT NULL,
    answer_by               timestamptz NOT NULL,
    status                  varchar(16) NOT NULL,
    requested_by            text        NOT NULL,
    requested_at            timestamptz NOT NULL,
    answered_by             text,
    answered_at             timestamptz,
    note                    text,
    -- Set when dispatch.mutual-aid-overdue was published, so it goes out once.
    overdue_at              timestamptz
);

CREATE INDEX mutual_aid_request_incident ON mutual_aid_request (incident_id);
CREATE INDEX mutual_aid_request_unanswered ON mutual_aid_request (answer_by)
    WHERE status = 'REQUESTED' AND overdue_at IS NULL;
