-- Reporting deadlines (docs/deadlines.md): what was due when, whether a report met it in time, and whether its miss
-- was announced (incident.report-overdue, once per deadline). Incidents reported before this migration have none.
CREATE TABLE report_deadline (
    id           UUID        PRIMARY KEY,
    incident_id  UUID        NOT NULL REFERENCES incident (id),
    area_code    VARCHAR(12) NOT NULL,
    kind         TEXT        NOT NULL CHECK (kind IN ('FIRST_REPORT', 'NEXT_REPORT', 'FINAL_REPORT')),
    due_at       TIMESTAMPTZ NOT NULL,
    met_at       TIMESTAMPTZ,
    met_by       UUID        REFERENCES incident_report (id),
    overdue_at   TIMESTAMPTZ,
    cancelled_at TIMESTAMPTZ,
    CHECK (met_at IS NULL OR cancelled_at IS NULL)
);
-- The overdue scan: pending deadlines by due time.
CREATE INDEX report_deadline_pending ON report_deadline (due_at)
    WHERE met_at IS NULL AND cancelled_at IS NULL AND overdue_at IS NULL;
CREATE INDEX report_deadline_incident ON report_deadline (incident_id) WHERE met_at IS NULL AND cancelled_at IS NULL;
-- Timeliness statistics by due time.
CREATE INDEX report_deadline_due ON report_deadline (due_at, area_code);
