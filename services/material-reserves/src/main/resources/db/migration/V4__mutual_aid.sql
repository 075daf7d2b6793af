-- Regional mutual aid for stock: one bureau asks another for items for its incident; only an accepted request lets
-- the lender's warehouses supply the incident's allocations, up to the quantities asked for (LentStock).
CREATE TABLE mutual_aid_request (
    id                      uuid PRIMARY KEY,
    incident_id             uuid        NOT NULL,
    requesting_jurisdiction varchar(6)  NOT NULL,
    lending_jurisdiction    varchar(6)  NOT NULL CHECK (lending_jurisdiction <> requesting_jurisdiction),
    -- "ITEM:quantity" pairs, comma-separated, e.g. TENT-12:200,QUILT:500
    lines                   text        NOT NULL,
    reason                  text        NOT NULL,
    answer_by               timestamptz NOT NULL,
    status                  varchar(16) NOT NULL,
    requested_by            text        NOT NULL,
    requested_at            timestamptz NOT NULL,
    answered_by             text,
    answered_at             timestamptz,
    note                    text,
    -- Set when reserve.mutual-aid-overdue was published, so it goes out once.
    overdue_at              timestamptz
);

CREATE INDEX mutual_aid_request_incident ON mutual_aid_request (incident_id);
CREATE INDEX mutual_aid_request_unanswered ON mutual_aid_request (answer_by)
    WHERE status = 'REQUESTED' AND overdue_at IS NULL;
